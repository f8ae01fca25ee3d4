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
 * first read and the next chunk is fetched only when the buffer is below
 * `highWaterMark`, so at most `chunkSize + highWaterMark` rows wait in it.
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
  return new Readable({
    objectMode: true,
    highWaterMark: options.highWaterMark,
    ...(options.signal === undefined ? {} : { signal: options.signal }),
    read() {
      if (fetching) return
      fetching = true
      chunks ??= source.stream(compiled, options.chunkSize)
      chunks.next().then(
        (next) => {
          fetching = false
          if (this.destroyed) return
          if (next.done === true) {
            this.push(null)
            return
          }
          for (const row of next.value.rows) this.push(row)
          // An empty chunk pushes nothing, and Node would not ask again.
          if (next.value.rows.length === 0) this.read(0)
        },
        (error: unknown) => {
          fetching = false
          this.destroy(error as Error)
        },
      )
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
