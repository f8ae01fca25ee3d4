/**
 * `npm run demo`: the SDK end to end against a local Redshift emulator
 * (which starts its own embedded PostgreSQL), or against a real cluster when
 * REDSHIFT_URL is set.
 *
 * It creates the examples' schema (examples/schema.ts: distribution and sort
 * keys, IDENTITY, SUPER, views) whose types `npx codegen` wrote to
 * generated/db.ts, loads rows with type-checked inserts, runs a typed aggregate, shows the compiler
 * refusing what Redshift cannot run, tags a query with a WLM query group and
 * finds it in STL_QUERY, streams rows through a named portal, and reads a
 * view (read-only in the generated types).
 */
import { sql } from 'kysely'

import type { DB } from '../generated/db.js'
import {
  createRedshift,
  RedshiftUnsupportedError,
  withQuerySettings,
} from '../src/index.js'
import { startLocalRedshift, type LocalRedshift } from '../src/local/index.js'
import { DROP_EXAMPLE_SCHEMA, EXAMPLE_SCHEMA } from './schema.js'

const REGIONS = ['emea', 'amer', 'apac'] as const

async function main(): Promise<void> {
  let local: LocalRedshift | undefined
  let url = process.env['REDSHIFT_URL']
  if (url === undefined) {
    console.log('Starting a local Redshift emulator...')
    local = await startLocalRedshift({ port: 0 })
    url = local.url
  }
  const db = createRedshift<DB>(url)
  try {
    const [{ version } = { version: '' }] = (
      await sql<{ version: string }>`select version() as version`.execute(db)
    ).rows
    console.log(`Connected: ${version}`)

    // The examples' schema; generated/db.ts holds its types (npx codegen).
    for (const statement of [...DROP_EXAMPLE_SCHEMA, ...EXAMPLE_SCHEMA]) {
      await sql.raw(statement).execute(db)
    }

    const start = Date.UTC(2026, 0, 1)
    const rows = Array.from({ length: 300 }, (_, i) => ({
      region: REGIONS[i % REGIONS.length]!,
      amount: (((i * 37) % 1000) + 0.5).toFixed(2),
      sold_at: new Date(start + i * 3_600_000),
    }))
    const inserted = await db
      .insertInto('demo_sales')
      .values(rows)
      .executeTakeFirst()
    console.log(`Inserted ${inserted.numInsertedOrUpdatedRows} rows`)

    const totals = await db
      .selectFrom('demo_sales')
      .select(({ fn }) => [
        'region',
        fn.countAll<bigint>().as('sales'),
        fn.sum<string>('amount').as('total'),
      ])
      .groupBy('region')
      .orderBy('region')
      .execute()
    console.table(totals)

    try {
      await db
        .insertInto('demo_sales')
        .values(rows[0]!)
        .returning('id')
        .execute()
    } catch (error) {
      if (!(error instanceof RedshiftUnsupportedError)) throw error
      console.log(`Refused before reaching the server: ${error.message}`)
    }

    const reporting = withQuerySettings(db, { queryGroup: 'demo-report' })
    const top = await reporting
      .selectFrom('demo_sales')
      .select(['region', 'amount'])
      .orderBy('amount', 'desc')
      .limit(3)
      .execute()
    console.log('Top three sales, run in query group demo-report:', top)
    const logged = await sql<{
      query: number
      label: string
      querytxt: string
    }>`
      select query, trim(label) as label, trim(querytxt) as querytxt
      from stl_query
      where trim(label) = 'demo-report'
      order by query desc
      limit 1
    `.execute(db)
    console.log('STL_QUERY shows it:', logged.rows[0])

    const keys = await sql<{
      column: string
      distkey: boolean
      sortkey: number
      encoding: string
    }>`
      select "column", distkey, sortkey, trim(encoding) as encoding
      from pg_table_def
      where tablename = 'demo_sales'
      order by "column"
    `.execute(db)
    console.table(keys.rows)

    // A named portal fetched 100 rows at a time; leaving the loop early
    // would close the portal just the same.
    let streamed = 0
    let total = 0
    for await (const row of db
      .selectFrom('demo_sales')
      .select(['id', 'amount'])
      .orderBy('id')
      .stream(100)) {
      streamed++
      total += Number(row.amount)
    }
    console.log(
      `Streamed ${streamed} rows (100 a fetch), amounts adding up to ${total.toFixed(2)}`,
    )

    // Views come out read-only in the generated types: this reads fine,
    // and db.insertInto('demo_sales_by_region') would not compile.
    const byRegion = await db
      .selectFrom('demo_sales_by_region')
      .selectAll()
      .orderBy('region')
      .execute()
    console.log('From the view demo_sales_by_region:', byRegion)

    for (const statement of DROP_EXAMPLE_SCHEMA) {
      await sql.raw(statement).execute(db)
    }
    console.log('Done.')
  } finally {
    await db.close()
    await local?.stop()
  }
}

await main()
