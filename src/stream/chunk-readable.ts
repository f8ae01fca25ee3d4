import { Readable } from 'node:stream'

import type { CompiledQuery, QueryResult } from 'kysely'

/** What {@link chunkReadable} streams from: Kysely's query executor. */
export interface ChunkSource {
  stream<R>(
    compiledQuery: CompiledQuery<R>,
    chunkSize: number,
  ): AsyncIterableIterator<QueryResult<R>>
}

/**
 * A Readable fed a whole cursor chunk per read: the executor's chunks, with
 * the instance's plugins applied to each, are pushed row by row without an
 * await per row (Kysely's `stream()` yields rows one at a time through an
 * async generator, which costs a promise per row). Fetching starts on the
 * first read; when a chunk arrives while the buffer is below
 * `highWaterMark`, the next one is asked for before its rows are pushed, so
 * the server sends it while they are consumed. So at most one chunk is in
 * flight and about `chunkSize + highWaterMark` rows wait in the buffer.
 * Destroying it closes the cursor through the iterator's `return()`.
 *
 * ```ts
 * chunkReadable(db.getExecutor(), query.compile(), { chunkSize: 1_000, highWaterMark: 16 })
 * ```
 */
export function chunkReadable<O>(
  source: ChunkSource,
  compiled: CompiledQuery<O>,
  options: {
    readonly chunkSize: number
    readonly highWaterMark: number
    readonly signal?: AbortSignal
  },
): Readable {
  let chunks: AsyncIterableIterator<QueryResult<O>> | undefined
  let fetching = false
  const fetch = (readable: Readable): void => {
    if (fetching) return
    fetching = true
    chunks ??= source.stream(compiled, options.chunkSize)
    chunks.next().then(
      (next) => {
        fetching = false
        if (readable.destroyed) return
        if (next.done === true) {
          readable.push(null)
          return
        }
        const rows = next.value.rows
        // The next chunk is asked for before these rows are handed on, so
        // the server sends it while they are consumed; only while the
        // buffer is below its mark, so one chunk at most is read ahead.
        // An empty chunk pushes nothing, and Node would not ask again.
        if (
          rows.length === 0 ||
          readable.readableLength < options.highWaterMark
        ) {
          fetch(readable)
        }
        for (const row of rows) readable.push(row)
      },
      (error: unknown) => {
        fetching = false
        readable.destroy(error as Error)
      },
    )
  }
  return new Readable({
    objectMode: true,
    highWaterMark: options.highWaterMark,
    ...(options.signal === undefined ? {} : { signal: options.signal }),
    read() {
      fetch(this)
    },
    destroy(error, callback) {
      const open = chunks
      chunks = undefined
      if (open?.return === undefined) {
        callback(error)
        return
      }
      // return() ends the driver's stream: the portal is closed and the
      // connection released before 'close' is emitted.
      open.return().then(
        () => callback(error),
        () => callback(error),
      )
    },
  })
}
