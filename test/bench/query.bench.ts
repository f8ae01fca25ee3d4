/**
 * `npm run bench:query`: `SELECT 1` and a 1,000-row select through raw
 * `pg.Pool`, Kysely's PostgresDialect over `pg.Pool`, and this SDK's
 * RedshiftDialect, all against one embedded PostgreSQL in one process.
 *
 * Variants are interleaved round by round (the order rotates) so that drift
 * on a shared machine hits them alike; each round's median latency is taken,
 * then the median over rounds. The last line is one JSON object.
 *
 * Environment: BENCH_ROUNDS (default 7), BENCH_QUERIES (SELECT 1 per round,
 * default 2000), BENCH_ROWS_QUERIES (1,000-row selects per round, default 200).
 */
import { Kysely, PostgresDialect, sql, type Driver } from 'kysely'
import pg from 'pg'

import { RedshiftDialect } from '../../src/index.js'
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
const ROWS_SQL =
  "select g as id, 'name-' || g as name, g * 1.5 as score from generate_series(1, 1000) as g"

/** Keeps the driver so the bench can count round trips on its connections. */
class CountingRedshiftDialect extends RedshiftDialect {
  driver: Driver | undefined
  override createDriver(): Driver {
    this.driver = super.createDriver()
    return this.driver
  }
}

interface Variant {
  readonly name: string
  readonly selectOne: () => Promise<unknown>
  readonly selectRows: () => Promise<unknown>
}

async function main(): Promise<void> {
  const server = await startPostgres()
  const pgPool = new pg.Pool({ connectionString: server.url, max: 10 })
  const kyselyPg = new Kysely<unknown>({
    dialect: new PostgresDialect({
      pool: new pg.Pool({ connectionString: server.url, max: 10 }),
    }),
  })
  const dialect = new CountingRedshiftDialect({
    config: { url: server.url, pool: { max: 10 } },
  })
  const ours = new Kysely<unknown>({ dialect })

  // Count ReadyForQuery messages: the server sends exactly one at the end of
  // every round trip (simple Query or extended ... Sync).
  let readyForQuery = 0
  try {
    const variants: Variant[] = [
      {
        name: 'pg.Pool',
        selectOne: () => pgPool.query('select 1'),
        selectRows: () => pgPool.query(ROWS_SQL),
      },
      {
        name: 'Kysely PostgresDialect',
        selectOne: () => sql`select 1`.execute(kyselyPg),
        selectRows: () => sql.raw(ROWS_SQL).execute(kyselyPg),
      },
      {
        name: 'kysely-redshift',
        selectOne: () => sql`select 1`.execute(ours),
        selectRows: () => sql.raw(ROWS_SQL).execute(ours),
      },
    ]

    // Warm up every path (connections, JIT) before measuring.
    for (const v of variants) {
      for (let i = 0; i < 500; i++) await v.selectOne()
      for (let i = 0; i < 20; i++) await v.selectRows()
    }
    const pool = (dialect.driver as unknown as { pool: PoolLike }).pool
    attachCounter(pool, () => readyForQuery++)

    const one = new Map<string, number[]>(variants.map((v) => [v.name, []]))
    const rows = new Map<string, number[]>(variants.map((v) => [v.name, []]))
    let oursQueries = 0
    let oursRoundTrips = 0
    for (let round = 0; round < ROUNDS; round++) {
      const order = variants.map(
        (_, i) => variants[(i + round) % variants.length]!,
      )
      for (const v of order) {
        const before = readyForQuery
        one.get(v.name)!.push(await medianLatencyUs(QUERIES, v.selectOne))
        if (v.name === 'kysely-redshift') {
          oursQueries += QUERIES
          oursRoundTrips += readyForQuery - before
        }
        rows
          .get(v.name)!
          .push(await medianLatencyUs(ROWS_QUERIES, v.selectRows))
      }
    }

    const oneMedian = (name: string) => median([...one.get(name)!])
    const rowsMedian = (name: string) => median([...rows.get(name)!])
    const base = oneMedian('pg.Pool')
    const baseRows = rowsMedian('pg.Pool')
    const table = markdownTable(
      [
        'variant',
        'SELECT 1 median µs',
        'vs pg.Pool',
        '1,000 rows median µs',
        'vs pg.Pool',
      ],
      variants.map((v) => [
        v.name,
        oneMedian(v.name).toFixed(1),
        (oneMedian(v.name) / base).toFixed(3),
        rowsMedian(v.name).toFixed(1),
        (rowsMedian(v.name) / baseRows).toFixed(3),
      ]),
    )
    console.log(
      `\n${ROUNDS} rounds; ${QUERIES} SELECT 1 and ${ROWS_QUERIES} 1,000-row selects per variant per round; medians of round medians.\n`,
    )
    console.log(table)
    const ours1 = oneMedian('kysely-redshift')
    console.log(
      JSON.stringify({
        bench: 'query',
        ours_over_pg_pool: round3(ours1 / base),
        ours_over_kysely_pg: round3(
          ours1 / oneMedian('Kysely PostgresDialect'),
        ),
        round_trips_per_query: round3(oursRoundTrips / oursQueries),
      }),
    )
  } finally {
    await Promise.allSettled([pgPool.end(), kyselyPg.destroy(), ours.destroy()])
    await server.stop()
  }
}

interface PoolLike {
  on(event: 'connect', listener: (c: { client: pg.Client }) => void): unknown
  on(event: 'acquire', listener: (c: { client: pg.Client }) => void): unknown
}

/** Counts ReadyForQuery on every connection the pool hands out. */
function attachCounter(pool: PoolLike, count: () => void): void {
  const seen = new WeakSet<pg.Client>()
  const watch = (c: { client: pg.Client }) => {
    if (seen.has(c.client)) return
    seen.add(c.client)
    ;(c.client as unknown as { connection: NodeJS.EventEmitter }).connection.on(
      'readyForQuery',
      count,
    )
  }
  pool.on('connect', watch)
  pool.on('acquire', watch)
}

function round3(n: number): number {
  return Math.round(n * 1000) / 1000
}

await main()
