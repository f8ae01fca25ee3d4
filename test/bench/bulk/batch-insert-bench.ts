import { Kysely, sql } from 'kysely'
import pg from 'pg'

import { batchInsert } from '../../../src/batch/index.js'
import { RedshiftDialect } from '../../../src/dialect/redshift-dialect.js'

/** Timings of one batch-insert round, in milliseconds and rows per second. */
export interface BatchInsertRound {
  readonly batchMs: number
  readonly batchRowsPerSecond: number
  readonly perRowMs: number
  readonly perRowRowsPerSecond: number
  /** Rows per second of batchInsert over one INSERT per row. */
  readonly speedup: number
  /**
   * The same rows through raw `pg` as multi-row INSERTs of as many rows as
   * 32,767 parameters allow, each a named statement: the floor of this
   * way of inserting on this server, without Kysely or this package.
   */
  readonly rawPgMultiRowMs: number
}

interface BenchDB {
  bench_sales: { id: number; qty: number; note: string | null; day: string }
}

const row = (i: number) => ({
  id: i,
  qty: i % 97,
  note: i % 3 === 0 ? null : `note ${i}`,
  day: '2024-01-02',
})

/**
 * Inserts `rows` rows with batchInsert, then `perRowRows` rows with one
 * INSERT per row (both in one transaction, through the same dialect), into
 * a fresh table, and compares rows per second. `perRowRows` may be smaller
 * than `rows`: one INSERT per row is the slow side, and its rate does not
 * depend on the count.
 *
 * ```ts
 * const round = await measureBatchInsert(url, { rows: 100_000, perRowRows: 20_000 })
 * round.speedup // e.g. 40
 * ```
 */
export async function measureBatchInsert(
  url: string,
  options: { readonly rows: number; readonly perRowRows?: number },
): Promise<BatchInsertRound> {
  const db = new Kysely<BenchDB>({
    dialect: new RedshiftDialect({ url, tls: 'disable', pool: { max: 1 } }),
  })
  try {
    await sql`drop table if exists bench_sales`.execute(db)
    await sql`create table bench_sales (id int not null, qty int not null, note varchar(100), day date)`.execute(
      db,
    )
    const rows = Array.from({ length: options.rows }, (_, i) => row(i))
    let started = performance.now()
    await batchInsert(db, 'bench_sales', rows)
    const batchMs = performance.now() - started
    await sql`truncate bench_sales`.execute(db)
    const perRowRows = options.perRowRows ?? options.rows
    started = performance.now()
    await db.transaction().execute(async (trx) => {
      for (let i = 0; i < perRowRows; i++) {
        await trx.insertInto('bench_sales').values(rows[i]!).execute()
      }
    })
    const perRowMs = performance.now() - started
    await sql`truncate bench_sales`.execute(db)
    const rawPgMultiRowMs = await rawMultiRowInsert(url, rows)
    const batchRowsPerSecond = (options.rows / batchMs) * 1000
    const perRowRowsPerSecond = (perRowRows / perRowMs) * 1000
    return {
      batchMs,
      batchRowsPerSecond,
      perRowMs,
      perRowRowsPerSecond,
      speedup: batchRowsPerSecond / perRowRowsPerSecond,
      rawPgMultiRowMs,
    }
  } finally {
    await sql`drop table if exists bench_sales`.execute(db).catch(() => {})
    await db.destroy()
  }
}

/** Milliseconds raw `pg` takes to insert `rows` as 32k-parameter named multi-row INSERTs in one transaction. */
async function rawMultiRowInsert(
  url: string,
  rows: readonly ReturnType<typeof row>[],
): Promise<number> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    const perStatement = Math.floor(32_767 / 4)
    const started = performance.now()
    await client.query('begin')
    for (let start = 0; start < rows.length; start += perStatement) {
      const part = rows.slice(start, start + perStatement)
      const values: unknown[] = []
      const tuples: string[] = []
      for (const r of part) {
        const n = values.length
        values.push(r.id, r.qty, r.note, r.day)
        tuples.push(`($${n + 1}, $${n + 2}, $${n + 3}, $${n + 4})`)
      }
      await client.query({
        name: `bench_rows_${part.length}`,
        text: `insert into bench_sales (id, qty, note, day) values ${tuples.join(', ')}`,
        values,
      })
    }
    await client.query('commit')
    return performance.now() - started
  } finally {
    await client.end()
  }
}
