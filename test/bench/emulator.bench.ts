/**
 * `npm run bench:emulator`: `SELECT 1` and a 1,000-row select through the
 * local Redshift emulator versus directly on the PostgreSQL behind it, in the
 * same process and the same run (the emulator runs in-process, as it does in
 * the test suite).
 *
 * Both variants use one connected `pg.Client` each. They are interleaved
 * round by round (the order alternates) so drift on a shared machine hits
 * both alike; each round's median latency is taken, then the median over
 * rounds. The last line is `{"bench":"emulator","emulator_over_direct":R}`
 * with R for SELECT 1.
 *
 * Environment: BENCH_ROUNDS (default 7), BENCH_QUERIES (SELECT 1 per round,
 * default 2000), BENCH_ROWS_QUERIES (1,000-row selects per round, default 200).
 */
import pg from 'pg'

import { startLocalRedshift } from '../../src/local/index.js'
import { startPostgres } from '../setup/start-postgres.js'
import {
  envInt,
  markdownTable,
  median,
  medianLatencyUs,
} from './bench-utils.js'

const ROUNDS = envInt('BENCH_ROUNDS', 7)
const QUERIES = envInt('BENCH_QUERIES', 2000)
const ROWS_QUERIES = envInt('BENCH_ROWS_QUERIES', 200)
const ROWS_SQL = 'select id, name, score from bench_rows'

async function main(): Promise<void> {
  const postgres = await startPostgres()
  const local = await startLocalRedshift({ port: 0, pgUrl: postgres.url })
  const direct = new pg.Client({ connectionString: dbUrl(postgres.url, 'dev') })
  const emulated = new pg.Client({ connectionString: local.url })
  try {
    await direct.connect()
    await emulated.connect()
    // Straight into PostgreSQL: Redshift (and so the emulator) refuses
    // GENERATE_SERIES, a leader-node function, feeding a table.
    await direct.query(
      "create table bench_rows as select g as id, 'name-' || g as name, g * 1.5 as score from generate_series(1, 1000) as g",
    )
    const variants = [
      { name: 'direct PostgreSQL', client: direct },
      { name: 'through the emulator', client: emulated },
    ] as const
    const one: Record<string, number[]> = {}
    const rows: Record<string, number[]> = {}
    for (const v of variants) {
      one[v.name] = []
      rows[v.name] = []
      // Warm-up: plan caches, JIT, connection buffers.
      for (let i = 0; i < 500; i++) await v.client.query('SELECT 1')
      for (let i = 0; i < 20; i++) await v.client.query(ROWS_SQL)
    }
    for (let round = 0; round < ROUNDS; round++) {
      const order = round % 2 === 0 ? variants : [...variants].reverse()
      for (const v of order) {
        one[v.name]!.push(
          await medianLatencyUs(QUERIES, () => v.client.query('SELECT 1')),
        )
        rows[v.name]!.push(
          await medianLatencyUs(ROWS_QUERIES, () => v.client.query(ROWS_SQL)),
        )
      }
    }
    const oneDirect = median(one['direct PostgreSQL']!)
    const oneEmulated = median(one['through the emulator']!)
    const rowsDirect = median(rows['direct PostgreSQL']!)
    const rowsEmulated = median(rows['through the emulator']!)
    const ratio = oneEmulated / oneDirect
    process.stdout.write(
      `${markdownTable(
        [
          'query',
          'direct µs (median)',
          'emulator µs (median)',
          'emulator / direct',
        ],
        [
          [
            'SELECT 1',
            oneDirect.toFixed(1),
            oneEmulated.toFixed(1),
            ratio.toFixed(2),
          ],
          [
            '1,000-row select',
            rowsDirect.toFixed(1),
            rowsEmulated.toFixed(1),
            (rowsEmulated / rowsDirect).toFixed(2),
          ],
        ],
      )}\n\nrounds: ${ROUNDS}, SELECT 1 per round: ${QUERIES}, row selects per round: ${ROWS_QUERIES}\n`,
    )
    process.stdout.write(
      `${JSON.stringify({ bench: 'emulator', emulator_over_direct: Number(ratio.toFixed(3)) })}\n`,
    )
  } finally {
    await direct.end().catch(() => {})
    await emulated.end().catch(() => {})
    await local.stop()
    await postgres.stop()
  }
}

function dbUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl)
  url.pathname = `/${database}`
  return url.toString()
}

await main()
