import { once } from 'node:events'
import { PassThrough, Transform } from 'node:stream'

import type {
  ObjectLocation,
  ObjectStorage,
} from '../storage/object-storage.js'
import { compressOutput } from './compress-output.js'
import type { UnloadCompression } from './unload-plan.js'

/**
 * One object being written: bytes go in (awaiting the storage's pace, so a
 * large file never sits in memory), compressed on the way when asked, and
 * `end()` resolves with the stored size once the storage has the whole
 * object.
 *
 * @example
 * ```ts
 * const sink = new ObjectSink(storage, { bucket: 'b', key: 'p0000_part_00' })
 * await sink.write(Buffer.from('1|a\n'))
 * const storedBytes = await sink.end()
 * ```
 */
export class ObjectSink {
  readonly location: ObjectLocation
  readonly #input = new PassThrough({ highWaterMark: 1 << 20 })
  readonly #done: Promise<void>
  #failure: Error | undefined
  #stored = 0
  /** Bytes written in, before compression. */
  bytes = 0

  constructor(
    storage: ObjectStorage,
    location: ObjectLocation,
    compression?: UnloadCompression,
  ) {
    this.location = location
    const body =
      compression === undefined
        ? this.#input
        : compressOutput(compression, this.#input)
    const counted = body.pipe(
      new Transform({
        transform: (chunk: Buffer, _encoding, callback) => {
          this.#stored += chunk.length
          callback(null, chunk)
        },
      }),
    )
    body.on('error', (error) => counted.destroy(error))
    // abort() can destroy these streams before the storage has subscribed
    // to them (a folder storage first creates its staging folder): an
    // 'error' nobody listens to would end the process. The storage still
    // sees the destroyed stream and fails its write, which #done reports.
    this.#input.on('error', recordOnly)
    counted.on('error', recordOnly)
    this.#done = storage.write(location, counted).catch((error: Error) => {
      this.#failure ??= error
      throw error
    })
    // A failure is reported by write() / end(); never as an unhandled rejection.
    this.#done.catch(() => {})
  }

  /** Appends bytes, waiting while the storage catches up. */
  async write(chunk: Buffer): Promise<void> {
    if (this.#failure) throw this.#failure
    this.bytes += chunk.length
    if (!this.#input.write(chunk)) {
      await Promise.race([once(this.#input, 'drain'), this.#done])
      if (this.#failure) throw this.#failure
    }
  }

  /** Ends the object; resolves with its stored (compressed) size. */
  async end(): Promise<number> {
    this.#input.end()
    await this.#done
    return this.#stored
  }

  /** Abandons the object (the storage discards a partial write). */
  async abort(error: Error): Promise<void> {
    this.#input.destroy(error)
    await this.#done.catch(() => {})
  }
}

/** An 'error' listener whose only job is to keep the error handled. */
function recordOnly(): void {}
