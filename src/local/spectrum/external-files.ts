import { Readable } from 'node:stream'

import { decompressStream } from '../codecs/decompress.js'
import type { DecompressionCodec } from '../codecs/codec-error.js'
import {
  parseS3Url,
  type ObjectLocation,
  type ObjectStorage,
} from '../storage/object-storage.js'
import { ExternalReadLimit } from './external-read-limit.js'

/** One file of an external table (or of one of its partitions). */
export interface ExternalFile {
  readonly url: string
  readonly location: ObjectLocation
  /** Its size in S3, as `"$size"` shows it. */
  readonly size: number
}

/**
 * The files under an external table's (or partition's) LOCATION: every
 * object under the folder and its subfolders, in key order, leaving out the
 * names Spectrum ignores (a file whose name begins with `.`, `_` or `#` or
 * ends with `~`: r_CREATE_EXTERNAL_TABLE.html, LOCATION). A LOCATION that names
 * one object is a manifest (`{"entries": [{"url", "mandatory"}]}`, as
 * COPY's); a missing entry is skipped unless mandatory, which throws
 * {@link ExternalReadLimit} (Spectrum's words for it are not documented).
 * An empty folder has no files.
 *
 * @example
 * ```ts
 * const files = await externalFiles(storage, 's3://bucket/tickit/spectrum/sales/')
 * ```
 */
export async function externalFiles(
  storage: ObjectStorage,
  url: string,
): Promise<ExternalFile[]> {
  const location = parseS3Url(url)
  if (location === undefined)
    throw new ExternalReadLimit(`the LOCATION '${url}'`)
  if (location.key !== '' && !location.key.endsWith('/')) {
    const object = await storage.stat(location)
    if (object !== undefined) return manifestFiles(storage, location, url)
  }
  const prefix =
    location.key === '' || location.key.endsWith('/')
      ? location.key
      : `${location.key}/`
  const listed = await storage.list(location.bucket, prefix)
  return listed
    .filter((o) => !o.key.endsWith('/') && !ignored(o.key))
    .map((o) => ({
      url: `s3://${o.bucket}/${o.key}`,
      location: { bucket: o.bucket, key: o.key },
      size: o.size,
    }))
}

function ignored(key: string): boolean {
  const name = key.slice(key.lastIndexOf('/') + 1)
  return /^[._#]/.test(name) || name.endsWith('~')
}

async function manifestFiles(
  storage: ObjectStorage,
  location: ObjectLocation,
  url: string,
): Promise<ExternalFile[]> {
  let entries: unknown
  try {
    entries = (
      JSON.parse((await storage.read(location)).toString('utf8')) as {
        entries?: unknown
      } | null
    )?.entries
  } catch {
    entries = undefined
  }
  if (!Array.isArray(entries))
    throw new ExternalReadLimit(
      'a LOCATION that names an object that is not a manifest',
      url,
    )
  const files: ExternalFile[] = []
  for (const entry of entries as unknown[]) {
    const e = entry as { url?: unknown; mandatory?: unknown } | null
    const target = typeof e?.url === 'string' ? parseS3Url(e.url) : undefined
    if (target === undefined || target.key === '' || target.key.endsWith('/'))
      throw new ExternalReadLimit(
        'a manifest entry that is not an S3 object',
        url,
      )
    const found = await storage.stat(target)
    if (found === undefined) {
      if (e!.mandatory === true)
        throw new ExternalReadLimit(
          `a manifest whose mandatory entry '${e!.url as string}' does not exist`,
          url,
        )
      continue
    }
    files.push({ url: e!.url as string, location: target, size: found.size })
  }
  return files
}

/**
 * A file's bytes, decompressed by its extension: `.gz` (gzip), `.bz2`
 * (bzip2) and `.zst` (Zstandard), with COPY's decoders. Other compressed
 * extensions (`.snappy`, `.lzo`, `.deflate` ...) throw
 * {@link ExternalReadLimit}.
 *
 * @example
 * ```ts
 * const text = await externalFileBody(storage, file)
 * ```
 */
export async function externalFileBody(
  storage: ObjectStorage,
  file: ExternalFile,
): Promise<Buffer> {
  const extension = /\.([a-z0-9]+)$/i
    .exec(file.location.key)?.[1]
    ?.toLowerCase()
  const codec: DecompressionCodec | undefined =
    extension === 'gz'
      ? 'gzip'
      : extension === 'bz2'
        ? 'bzip2'
        : extension === 'zst'
          ? 'zstd'
          : undefined
  if (
    codec === undefined &&
    extension !== undefined &&
    ['snappy', 'lzo', 'lz4', 'deflate', 'zstd', 'br', 'xz'].includes(extension)
  )
    throw new ExternalReadLimit(`a file compressed as .${extension}`, file.url)
  const raw = await storage.read(file.location)
  if (codec === undefined) return raw
  const chunks: Buffer[] = []
  for await (const chunk of decompressStream(codec, Readable.from([raw])))
    chunks.push(chunk as Buffer)
  return Buffer.concat(chunks)
}
