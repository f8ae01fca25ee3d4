/**
 * `npm run bench:query-cpu`: the client process's CPU time per `SELECT 1`
 * (`process.cpuUsage()`, user + system) through raw `pg.Pool`, Kysely's
 * PostgresDialect, this SDK's RedshiftDialect, and the two drivers alone
 * (acquire, execute, release: no Kysely above them), against one embedded
 * PostgreSQL in one process.
 *
 * Latency (`bench:query`) is what users feel, but on a shared host it swings
 * with the server's scheduling; the client's own CPU time per query is what
 * the SDK adds and swings far less. Variants are interleaved round by round;
 * the figure is the median over rounds. The last line is one JSON object.
 *
 * Environment: BENCH_ROUNDS (default 9), BENCH_QUERIES (per round, default 5000).
 */
import {
  CompiledQuery,
  Kysely,
  PostgresDialect,
  sql,
  type Driver,
} from 'kysely'
import pg from 'pg'

import { RedshiftDialect } from '../../src/index.js'
import { startPostgres } from '../setup/start-postgres.js'
import { envInt, markdownTable, median } from './bench-utils.js'

const ROUNDS = envInt('BENCH_ROUNDS', 9)
const QUERIES = envInt('BENCH_QUERIES', 5000)
const SELECT_1 = CompiledQuery.raw('select 1')

/** One statement through a driver, as Kysely's connection provider runs it. */
function throughDriver(driver: Driver): () => Promise<unknown> {
  return async () => {
    const connection = await driver.acquireConnection()
    try {
      return await connection.executeQuery(SELECT_1)
    } finally {
      await driver.releaseConnection(connection)
    }
  }
}

async function cpuMicrosPerQuery(run: () => Promise<unknown>): Promise<number> {
  const before = process.cpuUsage()
  for (let i = 0; i < QUERIES; i++) await run()
  const used = process.cpuUsage(before)
  return (used.user + used.system) / QUERIES
}

async function main(): Promise<void> {
  const server = await startPostgres()
  const poolOf = () => new pg.Pool({ connectionString: server.url, max: 10 })
  const pgPool = poolOf()
  const kyselyPg = new Kysely<unknown>({
    dialect: new PostgresDialect({ pool: poolOf() }),
  })
  const ours = new Kysely<unknown>({
    dialect: new RedshiftDialect({
      config: { url: server.url, pool: { max: 10 } },
    }),
  })
  const pgDriver = new PostgresDialect({ pool: poolOf() }).createDriver()
  const ourDriver = new RedshiftDialect({
    config: { url: server.url, pool: { max: 10 } },
  }).createDriver()
  await pgDriver.init()
  await ourDriver.init()
  const variants: ReadonlyArray<readonly [string, () => Promise<unknown>]> = [
    ['pg.Pool', () => pgPool.query('select 1')],
    ['Kysely PostgresDialect', () => sql`select 1`.execute(kyselyPg)],
    ['kysely-redshift', () => sql`select 1`.execute(ours)],
    ['PostgresDriver alone', throughDriver(pgDriver)],
    ['RedshiftDriver alone', throughDriver(ourDriver)],
  ]
  try {
    for (const [, run] of variants) {
      for (let i = 0; i < 2000; i++) await run()
    }
    const samples = new Map(variants.map(([name]) => [name, [] as number[]]))
    for (let round = 0; round < ROUNDS; round++) {
      for (let i = 0; i < variants.length; i++) {
        const [name, run] = variants[(i + round) % variants.length]!
        samples.get(name)!.push(await cpuMicrosPerQuery(run))
      }
    }
    const cpu = (name: string) => median([...samples.get(name)!])
    console.log(
      markdownTable(
        ['variant', 'client CPU µs per SELECT 1 (median)', 'rounds'],
        variants.map(([name]) => [
          name,
          cpu(name).toFixed(2),
          samples
            .get(name)!
            .map((v) => v.toFixed(1))
            .join(' '),
        ]),
      ),
    )
    const ratio = (a: string, b: string) =>
      Math.round((cpu(a) / cpu(b)) * 1000) / 1000
    console.log(
      JSON.stringify({
        bench: 'query-cpu',
        ours_over_pg_pool: ratio('kysely-redshift', 'pg.Pool'),
        ours_over_kysely_pg: ratio('kysely-redshift', 'Kysely PostgresDialect'),
        driver_over_pg_driver: ratio(
          'RedshiftDriver alone',
          'PostgresDriver alone',
        ),
      }),
    )
  } finally {
    await ours.destroy()
    await kyselyPg.destroy()
    await pgDriver.destroy()
    await ourDriver.destroy()
    await pgPool.end()
    await server.stop()
  }
}

await main()
