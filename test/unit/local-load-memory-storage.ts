import { Readable } from 'node:stream'

import type {
  ObjectLocation,
  ObjectStorage,
  StoredObject,
} from '../../src/local/storage/object-storage.js'
import { StorageError } from '../../src/local/storage/storage-error.js'

/**
 * An ObjectStorage held in memory, for the COPY unit tests: `s3://b/k` is
 * entry `b/k`. Buckets exist once an object is put in them. `openRead`
 * streams the body in small pieces so the readers meet chunk boundaries.
 */
export class MemoryStorage implements ObjectStorage {
  readonly #objects = new Map<string, Buffer>()
  readonly pieceSize: number

  constructor(objects: Record<string, string | Buffer> = {}, pieceSize = 7) {
    this.pieceSize = pieceSize
    for (const [url, body] of Object.entries(objects)) this.put(url, body)
  }

  put(url: string, body: string | Buffer): this {
    const key = url.replace(/^s3:\/\//, '')
    this.#objects.set(key, Buffer.isBuffer(body) ? body : Buffer.from(body))
    return this
  }

  async list(bucket: string, prefix: string): Promise<readonly StoredObject[]> {
    if (![...this.#objects.keys()].some((k) => k.startsWith(`${bucket}/`)))
      throw new StorageError(
        'NoSuchBucket',
        `s3://${bucket}/${prefix}`,
        'no bucket',
      )
    return [...this.#objects.entries()]
      .filter(([k]) => k.startsWith(`${bucket}/${prefix}`))
      .map(([k, body]) => ({
        bucket,
        key: k.slice(bucket.length + 1),
        size: body.length,
      }))
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
  }

  async stat(location: ObjectLocation): Promise<StoredObject | undefined> {
    const body = this.#objects.get(`${location.bucket}/${location.key}`)
    return body === undefined ? undefined : { ...location, size: body.length }
  }

  async read(location: ObjectLocation): Promise<Buffer> {
    const body = this.#objects.get(`${location.bucket}/${location.key}`)
    if (body === undefined)
      throw new StorageError(
        'NoSuchKey',
        `s3://${location.bucket}/${location.key}`,
        'no key',
      )
    return body
  }

  async openRead(location: ObjectLocation): Promise<Readable> {
    const body = await this.read(location)
    const pieces: Buffer[] = []
    for (let i = 0; i < body.length; i += this.pieceSize)
      pieces.push(body.subarray(i, i + this.pieceSize))
    return Readable.from(pieces)
  }

  async write(
    location: ObjectLocation,
    body: Buffer | Readable,
  ): Promise<void> {
    const parts: Buffer[] = []
    if (Buffer.isBuffer(body)) parts.push(body)
    else for await (const part of body) parts.push(part as Buffer)
    this.#objects.set(
      `${location.bucket}/${location.key}`,
      Buffer.concat(parts),
    )
  }

  async delete(locations: readonly ObjectLocation[]): Promise<void> {
    for (const l of locations) this.#objects.delete(`${l.bucket}/${l.key}`)
  }
}
