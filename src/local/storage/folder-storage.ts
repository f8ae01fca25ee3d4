import { randomBytes } from 'node:crypto'
import { once } from 'node:events'
import { createWriteStream } from 'node:fs'
import {
  mkdir,
  open,
  readdir,
  readFile,
  rename,
  rm,
  rmdir,
  stat,
  writeFile,
} from 'node:fs/promises'
import { join, resolve } from 'node:path'
import type { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'

import type {
  ObjectLocation,
  ObjectStorage,
  StoredObject,
} from './object-storage.js'
import { s3Url, StorageError } from './storage-error.js'

/**
 * Pipes a stream into a new file and settles only once the file is closed.
 * A failed pipeline rejects as soon as its source breaks, while the file may
 * still be opening; waiting for the close keeps the caller's clean-up from
 * running before the file exists (it would then be left behind).
 */
async function pipeStream(body: Readable, path: string): Promise<void> {
  const out = createWriteStream(path)
  try {
    await pipeline(body, out)
  } finally {
    if (!out.closed) await once(out, 'close')
  }
}

/**
 * Where writes are staged before their rename. A bucket name cannot start
 * with a dot, so this folder is never mistaken for a bucket, and it sits on
 * the same file system as every bucket, so the rename is atomic.
 */
const STAGING_FOLDER = '.kysely-redshift-staging'

/**
 * S3 served by a local folder: `s3://bucket/key` is `<dir>/bucket/key`, a key's
 * `/` separates folders, and a bucket is a folder directly under `dir` that
 * must exist (as a bucket must on S3; the emulator never creates one).
 * Listings follow S3: every object whose key starts with the prefix, however
 * deep, sorted by the key's UTF-8 bytes. Writes land whole or not at all
 * (staged, then renamed), creating the key's folders; deletes remove folders
 * left empty, since S3 has no empty folders. A key that could leave its
 * bucket (`..`) or that no folder can hold (`a//b`, a `.` segment) is refused.
 *
 * @example
 * ```ts
 * const storage = new FolderStorage('/tmp/s3') // /tmp/s3/mybucket must exist
 * await storage.write({ bucket: 'mybucket', key: 'in/a.csv' }, Buffer.from('1|x\n'))
 * await storage.list('mybucket', 'in/') // [{ bucket: 'mybucket', key: 'in/a.csv', size: 4 }]
 * ```
 */
export class FolderStorage implements ObjectStorage {
  /** The folder, absolute. */
  readonly dir: string

  constructor(dir: string) {
    this.dir = resolve(dir)
  }

  async list(bucket: string, prefix: string): Promise<readonly StoredObject[]> {
    const root = await this.#bucketFolder(bucket, `s3://${bucket}/${prefix}`)
    // Start at the deepest folder the prefix names whole; below it, the rest
    // of the prefix has no slash, so a folder holds matches only when its own
    // key (with the slash) starts with the prefix.
    const slash = prefix.lastIndexOf('/')
    const base = slash < 0 ? '' : prefix.slice(0, slash + 1)
    if (base !== '' && !isFolderableKey(base.slice(0, -1))) return []
    const found: StoredObject[] = []
    const walk = async (folder: string, keyBase: string): Promise<void> => {
      let entries
      try {
        entries = await readdir(folder, { withFileTypes: true })
      } catch (error) {
        if (isMissing(error)) return
        throw storageFailure(error, `s3://${bucket}/${keyBase}`)
      }
      for (const entry of entries) {
        const key = keyBase + entry.name
        const path = join(folder, entry.name)
        if (entry.isDirectory()) {
          const folderKey = `${key}/`
          if (folderKey.startsWith(prefix)) {
            await walk(path, folderKey)
          }
        } else if (key.startsWith(prefix)) {
          const info = await stat(path).catch(() => undefined)
          if (info?.isFile()) found.push({ bucket, key, size: info.size })
        }
      }
    }
    await walk(join(root, ...base.split('/').filter((s) => s !== '')), base)
    return Object.freeze(
      found
        .sort((a, b) => Buffer.compare(Buffer.from(a.key), Buffer.from(b.key)))
        .map((object) => Object.freeze(object)),
    )
  }

  async stat(location: ObjectLocation): Promise<StoredObject | undefined> {
    const path = await this.#objectPath(location)
    try {
      const info = await stat(path)
      if (!info.isFile()) return undefined
      return Object.freeze({
        bucket: location.bucket,
        key: location.key,
        size: info.size,
      })
    } catch (error) {
      if (isMissing(error)) return undefined
      throw storageFailure(error, s3Url(location))
    }
  }

  async read(location: ObjectLocation): Promise<Buffer> {
    const path = await this.#objectPath(location)
    try {
      return await readFile(path)
    } catch (error) {
      throw storageFailure(error, s3Url(location))
    }
  }

  async openRead(location: ObjectLocation): Promise<Readable> {
    const path = await this.#objectPath(location)
    // Open first, so that a missing object fails here and not mid-stream.
    const handle = await open(path, 'r').catch((error: unknown) => {
      throw storageFailure(error, s3Url(location))
    })
    const info = await handle.stat()
    if (!info.isFile()) {
      await handle.close()
      throw noSuchKey(s3Url(location))
    }
    // 1 MiB reads: with the default 64 KiB a large object streams 6x slower.
    return handle.createReadStream({ highWaterMark: 1024 * 1024 })
  }

  async write(
    location: ObjectLocation,
    body: Buffer | Readable,
  ): Promise<void> {
    const path = await this.#objectPath(location)
    const url = s3Url(location)
    if (location.key === '' || location.key.endsWith('/')) {
      throw new StorageError(
        'Other',
        url,
        `Cannot write ${url}: a key ending in '/' names a folder, which a local folder cannot hold as an object.`,
      )
    }
    const staging = join(this.dir, STAGING_FOLDER)
    const temp = join(
      staging,
      `${process.pid}-${randomBytes(8).toString('hex')}`,
    )
    try {
      await mkdir(staging, { recursive: true })
      if (Buffer.isBuffer(body)) await writeFile(temp, body)
      else await pipeStream(body, temp)
      await mkdir(join(path, '..'), { recursive: true })
      await rename(temp, path)
    } catch (error) {
      await rm(temp, { force: true }).catch(() => {})
      const code = (error as NodeJS.ErrnoException).code
      if (code === 'ENOTDIR' || code === 'EEXIST' || code === 'EISDIR') {
        throw new StorageError(
          'Other',
          url,
          `Cannot write ${url}: a local folder cannot hold both an object and a folder of the same name on its path.`,
          { cause: error },
        )
      }
      throw storageFailure(error, url)
    }
  }

  async delete(locations: readonly ObjectLocation[]): Promise<void> {
    for (const location of locations) {
      const path = await this.#objectPath(location)
      try {
        const info = await stat(path)
        if (!info.isFile()) continue
        await rm(path, { force: true })
      } catch (error) {
        if (isMissing(error)) continue
        throw storageFailure(error, s3Url(location))
      }
      await this.#pruneEmptyFolders(location)
    }
  }

  /** Removes the folders of a deleted key that are now empty, up to the bucket. */
  async #pruneEmptyFolders(location: ObjectLocation): Promise<void> {
    const segments = location.key.split('/').slice(0, -1)
    while (segments.length > 0) {
      try {
        await rmdir(join(this.dir, location.bucket, ...segments))
      } catch {
        return // not empty (or already gone): the folders above are not empty either
      }
      segments.pop()
    }
  }

  /** The bucket's folder; `NoSuchBucket` when it does not exist. */
  async #bucketFolder(bucket: string, url: string): Promise<string> {
    if (!isBucketName(bucket)) {
      throw new StorageError(
        'NoSuchBucket',
        url,
        `The bucket '${bucket}' is not a bucket name a local folder can hold.`,
      )
    }
    const folder = join(this.dir, bucket)
    const info = await stat(folder).catch(() => undefined)
    if (info === undefined || !info.isDirectory()) {
      throw new StorageError(
        'NoSuchBucket',
        url,
        `The specified bucket does not exist: there is no folder ${folder}.`,
      )
    }
    return folder
  }

  async #objectPath(location: ObjectLocation): Promise<string> {
    const url = s3Url(location)
    const folder = await this.#bucketFolder(location.bucket, url)
    const key = location.key.endsWith('/')
      ? location.key.slice(0, -1)
      : location.key
    if (key !== '' && !isFolderableKey(key)) {
      throw new StorageError(
        'AccessDenied',
        url,
        `The key of ${url} cannot be stored in a local folder: it has an empty, '.' or '..' path segment or a NUL character.`,
      )
    }
    return join(folder, ...key.split('/'))
  }
}

/** A name a folder directly under the storage folder can stand for. */
function isBucketName(bucket: string): boolean {
  return bucket.length > 0 && !bucket.startsWith('.') && !/[/\\\0]/.test(bucket)
}

/**
 * A key whose `/`-separated segments map one to one onto folders and a file:
 * no empty, `.` or `..` segment (which would alias another key or leave the
 * bucket), no NUL and no backslash (a separator on Windows).
 */
function isFolderableKey(key: string): boolean {
  if (/[\0\\]/.test(key)) return false
  return key.split('/').every((s) => s !== '' && s !== '.' && s !== '..')
}

function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException).code
  return code === 'ENOENT' || code === 'ENOTDIR'
}

function noSuchKey(url: string): StorageError {
  return new StorageError(
    'NoSuchKey',
    url,
    `The specified key does not exist: ${url}.`,
  )
}

/** A file-system failure in S3's terms. */
function storageFailure(error: unknown, url: string): StorageError {
  if (error instanceof StorageError) return error
  const code = (error as NodeJS.ErrnoException).code
  if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR') {
    return new StorageError(
      'NoSuchKey',
      url,
      `The specified key does not exist: ${url}.`,
      { cause: error },
    )
  }
  if (code === 'EACCES' || code === 'EPERM') {
    return new StorageError(
      'AccessDenied',
      url,
      `Access denied to ${url}: the local folder's permissions do not allow it.`,
      { cause: error },
    )
  }
  return new StorageError(
    'Other',
    url,
    `The local folder failed on ${url}: ${(error as Error).message}`,
    { cause: error },
  )
}
