import { Writable } from 'node:stream'
import { pipeline } from 'node:stream/promises'

import { Kysely, sql } from 'kysely'
import pg from 'pg'
import Cursor from 'pg-cursor'

import { RedshiftDialect } from '../../../src/dialect/redshift-dialect.js'
import { toReadable } from '../../../src/stream/index.js'

/** One streaming run: rows per second and peak RSS growth. */
export interface StreamRun {
  readonly rows: number
  readonly ms: number
  readonly rowsPerSecond: number
  /** Highest RSS seen during the run minus RSS before it, in MB. */
  readonly peakRssGrowthMb: number
}

/** Which reader a run uses. */
export type StreamReader = 'readable' | 'pg-cursor'

const SERIES = (rows: number) =>
  `select n::int as id, n % 97 as qty, 'note ' || n as note from generate_series(1, ${rows}) as g(n)`

/**
 * Reads `rows` generated rows either through `toReadable` (our dialect's
 * cursor stream as a Node Readable, piped into a Writable that drops them)
 * or through raw pg-cursor reads on a plain pg.Client, sampling RSS every
 * 5 ms. Run each reader in a process of its own: RSS does not go back down.
 *
 * ```ts
 * const run = await measureStream(url, 'readable', { rows: 1_000_000, chunkSize: 1_000 })
 * ```
 */
export async function measureStream(
  url: string,
  reader: StreamReader,
  options: { readonly rows: number; readonly chunkSize: number },
): Promise<StreamRun> {
  const { rows, chunkSize } = options
  const run = reader === 'readable' ? readWithReadable : readWithCursor
  return sampleRss(() => run(url, rows, chunkSize))
}

async function readWithReadable(
  url: string,
  rows: number,
  chunkSize: number,
): Promise<{ rows: number; ms: number }> {
  const db = new Kysely<any>({
    dialect: new RedshiftDialect({ url, tls: 'disable', pool: { max: 1 } }),
  })
  try {
    await sql`select 1`.execute(db) // connect before the clock starts
    let count = 0
    const started = performance.now()
    await pipeline(
      toReadable(
        db.selectFrom(sql.raw(`(${SERIES(rows)})`).as('s')).selectAll(),
        { chunkSize, highWaterMark: chunkSize, db },
      ),
      new Writable({
        objectMode: true,
        highWaterMark: chunkSize,
        write(_row, _encoding, done) {
          count++
          done()
        },
      }),
    )
    return { rows: count, ms: performance.now() - started }
  } finally {
    await db.destroy()
  }
}

async function readWithCursor(
  url: string,
  rows: number,
  chunkSize: number,
): Promise<{ rows: number; ms: number }> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    let count = 0
    const started = performance.now()
    const cursor = client.query(
      new Cursor(`select * from (${SERIES(rows)}) as s`),
    )
    for (;;) {
      const chunk = await cursor.read(chunkSize)
      if (chunk.length === 0) break
      count += chunk.length
    }
    await cursor.close()
    return { rows: count, ms: performance.now() - started }
  } finally {
    await client.end()
  }
}

async function sampleRss(
  work: () => Promise<{ rows: number; ms: number }>,
): Promise<StreamRun> {
  globalThis.gc?.()
  const before = process.memoryUsage.rss()
  let peak = before
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss())
  }, 5)
  try {
    const { rows, ms } = await work()
    peak = Math.max(peak, process.memoryUsage.rss())
    return {
      rows,
      ms,
      rowsPerSecond: (rows / ms) * 1000,
      peakRssGrowthMb: (peak - before) / 1024 / 1024,
    }
  } finally {
    clearInterval(timer)
  }
}
