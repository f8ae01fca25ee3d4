import { Transform, type Readable } from 'node:stream'

import type { ObjectLocation, ObjectStorage } from './object-storage.js'

/** One object GET a statement made, finished or failed. */
export interface ObjectRead {
  readonly bucket: string
  readonly key: string
  readonly start: Date
  readonly end: Date
  /** Bytes received. */
  readonly bytes: number
  /** Why the GET failed; undefined when it did not. */
  readonly error?: string
}

/** A storage whose object reads are kept, and the reads made so far. */
export interface RecordedReads {
  readonly storage: ObjectStorage
  readonly reads: readonly ObjectRead[]
}

/**
 * `storage` with every object read (`read` and `openRead`, S3's GetObject)
 * kept, for STL_S3CLIENT and STL_S3CLIENT_ERROR: when it started and ended
 * and how many bytes came, or why it failed. A streamed read ends when its
 * last byte was taken, or when the reader stopped or the stream broke.
 * Listing, stat, writes and deletes pass through unrecorded.
 *
 * @example
 * ```ts
 * const recorded = recordReads(storage)
 * await recorded.storage.read({ bucket: 'b', key: 'k' })
 * recorded.reads[0]?.bytes // the object's size
 * ```
 */
export function recordReads(storage: ObjectStorage): RecordedReads {
  const reads: ObjectRead[] = []
  const keep = (
    location: ObjectLocation,
    start: Date,
    bytes: number,
    error?: unknown,
  ) => {
    reads.push(
      Object.freeze({
        bucket: location.bucket,
        key: location.key,
        start,
        end: new Date(),
        bytes,
        ...(error !== undefined
          ? { error: error instanceof Error ? error.message : String(error) }
          : {}),
      }),
    )
  }
  const recording: ObjectStorage = {
    list: (bucket, prefix) => storage.list(bucket, prefix),
    stat: (location) => storage.stat(location),
    write: (location, body) => storage.write(location, body),
    delete: (locations) => storage.delete(locations),
    async read(location) {
      const start = new Date()
      try {
        const body = await storage.read(location)
        keep(location, start, body.length)
        return body
      } catch (error) {
        keep(location, start, 0, error)
        throw error
      }
    },
    async openRead(location) {
      const start = new Date()
      let source: Readable
      try {
        source = await storage.openRead(location)
      } catch (error) {
        keep(location, start, 0, error)
        throw error
      }
      return counted(source, (bytes, error) =>
        keep(location, start, bytes, error),
      )
    },
  }
  return { storage: recording, reads }
}

/** `source` passed through, `done` called once with the bytes read when it ends, breaks or is dropped. */
function counted(
  source: Readable,
  done: (bytes: number, error?: unknown) => void,
): Readable {
  let bytes = 0
  let finished = false
  const finish = (error?: unknown) => {
    if (finished) return
    finished = true
    done(bytes, error)
  }
  const through = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      bytes += chunk.length
      callback(null, chunk)
    },
  })
  source.on('error', (error) => {
    finish(error)
    through.destroy(error)
  })
  through.on('end', () => finish())
  through.on('close', () => {
    // The reader stopped early: the GET ends with what it had received.
    finish()
    source.destroy()
  })
  source.pipe(through)
  return through
}
