/**
 * `npm run bench:codegen`: generating the `DB` types of 2,000 tables of 20
 * columns each, with this SDK's codegen through the local Redshift emulator
 * versus kysely-codegen (pinned as a dev dependency) on the PostgreSQL
 * behind it, in the same process and the same run.
 *
 * The tables are created through the emulator, so they carry the Redshift
 * attributes (DISTKEY, SORTKEY, ENCODE, IDENTITY) that its catalog views
 * report. Each round runs both generators once, to a string, connection
 * included; the order alternates round by round so drift on a shared
 * machine hits both alike, and the medians over rounds are reported. The
 * last line is
 * `{"bench":"codegen","seconds":T,"ours_over_kysely_codegen":R}` with T our
 * median in seconds and R = our median over kysely-codegen's.
 *
 * Environment: BENCH_ROUNDS (default 5), BENCH_TABLES (default 2000),
 * BENCH_COLUMNS (default 20).
 */
import { Cli as KyselyCodegenCli } from 'kysely-codegen'
import pg from 'pg'

import { generate } from '../../codegen/index.js'
import { startLocalRedshift } from '../../src/local/index.js'
import { startPostgres } from '../setup/start-postgres.js'
import { envInt, markdownTable, median } from './bench-utils.js'

const ROUNDS = envInt('BENCH_ROUNDS', 5)
const TABLES = envInt('BENCH_TABLES', 2000)
const COLUMNS = envInt('BENCH_COLUMNS', 20)

// Cycled through the columns so every kind of type mapping is exercised.
const COLUMN_TYPES = [
  'integer not null',
  'bigint',
  'varchar(64) encode zstd',
  'decimal(12,2)',
  'timestamp',
  'timestamptz',
  'boolean',
  'date',
  'double precision',
  'super',
  'smallint',
  'char(8)',
] as const

function createTable(t: number): string {
  const columns = [`id bigint identity(1, 1)`]
  for (let c = 1; c < COLUMNS; c++) {
    columns.push(`col_${c} ${COLUMN_TYPES[(t + c) % COLUMN_TYPES.length]}`)
  }
  return `create table bench_${t} (${columns.join(', ')}) distkey (id) sortkey (id)`
}

async function timeSeconds(fn: () => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint()
  await fn()
  return Number(process.hrtime.bigint() - start) / 1e9
}

async function main(): Promise<void> {
  const postgres = await startPostgres()
  const local = await startLocalRedshift({ port: 0, pgUrl: postgres.url })
  const backing = new URL(postgres.url)
  backing.pathname = '/dev'
  try {
    const client = new pg.Client({ connectionString: local.url })
    await client.connect()
    const started = Date.now()
    try {
      // One statement a message: the emulator records each table's
      // attributes as Redshift would see them.
      for (let t = 0; t < TABLES; t++) await client.query(createTable(t))
    } finally {
      await client.end()
    }
    console.log(
      `Created ${TABLES} tables x ${COLUMNS} columns through the emulator in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    )

    const kyselyCodegen = new KyselyCodegenCli()
    const variants = [
      {
        name: 'kysely-redshift codegen (emulator)',
        run: () => generate({ url: local.url, print: true }),
      },
      {
        name: 'kysely-codegen (PostgreSQL behind it)',
        run: () =>
          // outFile null: the output is returned, not printed nor written,
          // like ours with print. The emulator's own schema is left out so
          // both read the same 2,000 tables.
          kyselyCodegen.generate({
            dialect: 'postgres',
            url: backing.toString(),
            outFile: null,
            excludePattern: 'redshift_local.*',
            logLevel: 'silent',
          }),
      },
    ] as const
    // Warm-up: module loading, catalog caches.
    for (const v of variants) await v.run()
    const seconds: Record<string, number[]> = {}
    for (const v of variants) seconds[v.name] = []
    for (let round = 0; round < ROUNDS; round++) {
      const order = round % 2 === 0 ? variants : [...variants].reverse()
      for (const v of order) seconds[v.name]!.push(await timeSeconds(v.run))
    }
    const ours = median(seconds[variants[0].name]!)
    const theirs = median(seconds[variants[1].name]!)
    console.log(
      markdownTable(
        ['generator', 'median s', 'rounds (s)'],
        variants.map((v) => [
          v.name,
          median(seconds[v.name]!).toFixed(3),
          seconds[v.name]!.map((s) => s.toFixed(2)).join(', '),
        ]),
      ),
    )
    console.log(
      JSON.stringify({
        bench: 'codegen',
        seconds: Number(ours.toFixed(3)),
        ours_over_kysely_codegen: Number((ours / theirs).toFixed(3)),
      }),
    )
  } finally {
    await local.stop()
    await postgres.stop()
  }
}

await main()
