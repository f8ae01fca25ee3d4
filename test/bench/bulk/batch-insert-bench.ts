import { Kysely, sql } from 'kysely'

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
    const batchRowsPerSecond = (options.rows / batchMs) * 1000
    const perRowRowsPerSecond = (perRowRows / perRowMs) * 1000
    return {
      batchMs,
      batchRowsPerSecond,
      perRowMs,
      perRowRowsPerSecond,
      speedup: batchRowsPerSecond / perRowRowsPerSecond,
    }
  } finally {
    await sql`drop table if exists bench_sales`.execute(db).catch(() => {})
    await db.destroy()
  }
}
