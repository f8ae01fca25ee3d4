import type { Readable } from 'node:stream'

/** One object found under a prefix. */
export interface StoredObject {
  readonly bucket: string
  /** The key, without the bucket: `sales/part_00.gz`. */
  readonly key: string
  /** Size in bytes. */
  readonly size: number
}

/** Where an `s3://bucket/key` URL points. */
export interface ObjectLocation {
  readonly bucket: string
  readonly key: string
}

/**
 * The emulator's view of S3, served by a local folder (`s3://b/k` is
 * `<dir>/b/k`) or by an S3-compatible endpoint. COPY, UNLOAD and (later)
 * Spectrum read and write only through this interface, so each runs the same
 * way over both. Errors are `StorageError`s that the callers turn into
 * Redshift's messages.
 *
 * ```ts
 * for (const object of await storage.list('bucket', 'sales/part_')) {
 *   const body = await storage.read(object)
 * }
 * ```
 */
export interface ObjectStorage {
  /**
   * Every object whose key starts with `prefix`, as S3 lists them (so files
   * *and* folders with that prefix), sorted by key.
   */
  list(bucket: string, prefix: string): Promise<readonly StoredObject[]>
  /** The object's size, or `undefined` when it does not exist. */
  stat(location: ObjectLocation): Promise<StoredObject | undefined>
  /** The whole object. */
  read(location: ObjectLocation): Promise<Buffer>
  /** The object as a stream (for large files). */
  openRead(location: ObjectLocation): Promise<Readable>
  /** Writes (replaces) one object. */
  write(location: ObjectLocation, body: Buffer | Readable): Promise<void>
  /** Deletes the objects; missing ones are ignored. */
  delete(locations: readonly ObjectLocation[]): Promise<void>
}

/**
 * Splits `s3://bucket/key` into bucket and key; `undefined` for anything
 * that is not an S3 URL with a bucket.
 *
 * ```ts
 * parseS3Url('s3://mybucket/data/part_') // { bucket: 'mybucket', key: 'data/part_' }
 * ```
 */
export function parseS3Url(url: string): ObjectLocation | undefined {
  const match = /^s3:\/\/([^/]+)\/?(.*)$/is.exec(url)
  if (match === null || match[1]!.length === 0) return undefined
  return { bucket: match[1]!, key: match[2]! }
}
