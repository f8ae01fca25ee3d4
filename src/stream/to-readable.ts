import { Readable } from 'node:stream'

import type { CompiledQuery } from 'kysely'

import { chunkReadable, type ChunkSource } from './chunk-readable.js'

/**
 * What {@link toReadable} reads: anything with Kysely's `stream(chunkSize)`,
 * such as a `SelectQueryBuilder`.
 */
export interface StreamableQuery<O> {
  stream(chunkSize?: number): AsyncIterableIterator<O>
  compile?(): CompiledQuery<O>
}

/** Options of {@link toReadable}. */
export interface ToReadableOptions {
  /**
   * Rows fetched from the server per round trip (the cursor's read size).
   * Default: Kysely's, 100.
   */
  readonly chunkSize?: number
  /**
   * Rows the Readable buffers before it stops reading (Node's object-mode
   * `highWaterMark`). Default 16.
   */
  readonly highWaterMark?: number
  /** Aborting destroys the Readable (and so closes the cursor). */
  readonly signal?: AbortSignal
  /**
   * The Kysely instance the query runs on. With it, whole cursor chunks are
   * pushed at once instead of one row per promise, which is faster; the
   * client's `db.toReadable(query)` passes itself.
   */
  readonly db?: { getExecutor(): ChunkSource }
}

const DEFAULT_CHUNK_SIZE = 100

const DEFAULT_HIGH_WATER_MARK = 16

/**
 * A query's rows as a Node `Readable` in object mode, one row per chunk, read
 * through the connection's cursor with back-pressure: the next batch of
 * `chunkSize` rows is fetched only when the consumer has taken the previous
 * ones and the buffer is below `highWaterMark`, so memory stays bounded by
 * about `chunkSize + highWaterMark` rows however large the result.
 *
 * Destroying the Readable (or a `pipeline()` that fails, or the signal)
 * closes the portal on the server and gives the connection back to the pool;
 * a failed query destroys the Readable with the error (a `RedshiftError`).
 *
 * ```ts
 * import { pipeline } from 'node:stream/promises'
 *
 * await pipeline(
 *   toReadable(db.selectFrom('sales').selectAll(), { chunkSize: 1_000 }),
 *   new Transform({ objectMode: true, transform: (row, _, done) => done(null, JSON.stringify(row) + '\n') }),
 *   createWriteStream('sales.ndjson'),
 * )
 * ```
 */
export function toReadable<O>(
  query: StreamableQuery<O>,
  options: ToReadableOptions = {},
): Readable {
  const {
    chunkSize,
    highWaterMark = DEFAULT_HIGH_WATER_MARK,
    signal,
    db,
  } = options
  positiveInteger('chunkSize', chunkSize)
  positiveInteger('highWaterMark', highWaterMark)
  if (typeof query?.stream !== 'function') {
    throw new TypeError(
      'toReadable takes a query with a stream() method, such as db.selectFrom(...)',
    )
  }
  if (db !== undefined && typeof query.compile === 'function') {
    return chunkReadable(db.getExecutor(), query.compile(), {
      chunkSize: chunkSize ?? DEFAULT_CHUNK_SIZE,
      highWaterMark,
      ...(signal === undefined ? {} : { signal }),
    })
  }
  // Readable.from pulls the iterator only while the buffer is below the
  // high-water mark, and on destroy calls its return() (or throw()), which
  // runs the stream's cleanup: the portal is closed, the connection released.
  // The iterator is created lazily by Kysely: no connection is taken until
  // the first read.
  return Readable.from(
    chunkSize === undefined ? query.stream() : query.stream(chunkSize),
    {
      objectMode: true,
      highWaterMark,
      ...(signal === undefined ? {} : { signal }),
    },
  )
}

function positiveInteger(name: string, value: number | undefined): void {
  if (value !== undefined && (!Number.isInteger(value) || value < 1)) {
    throw new RangeError(
      `toReadable option ${name} must be a positive integer, got ${String(value)}`,
    )
  }
}
