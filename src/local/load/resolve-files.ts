import type {
  ObjectLocation,
  ObjectStorage,
} from '../storage/object-storage.js'
import { parseS3Url } from '../storage/object-storage.js'
import { copyError, CopyLoadError } from './copy-errors.js'
import { storageFailure } from './storage-failure.js'

/** One object a COPY reads. */
export interface SourceFile {
  readonly url: string
  readonly location: ObjectLocation
  readonly size: number
}

/**
 * The objects a COPY from S3 reads, as Redshift finds them:
 *
 * - a prefix matches every object whose key starts with it (files *and*
 *   folders with that prefix: `s3://b/sales` reads `sales.txt` and
 *   `sales/part_00`), in key order; no object at all is Redshift's
 *   `The specified S3 prefix '...' does not exist`;
 * - with MANIFEST the URL is a manifest `{"entries":[{"url", "mandatory",
 *   "meta": {"content_length"}}]}`; entries must name whole objects, a
 *   missing entry is skipped unless `mandatory` (default false) is true,
 *   and columnar formats need `meta.content_length`.
 *
 * Throws `CopyLoadError`.
 *
 * @example
 * ```ts
 * const files = await resolveFiles(storage, { bucket: 'b', key: 'sales/' }, { manifest: false, columnar: false, query: 7 })
 * ```
 */
export async function resolveFiles(
  storage: ObjectStorage,
  source: ObjectLocation,
  how: {
    readonly manifest: boolean
    readonly columnar: boolean
    readonly query: number
  },
): Promise<SourceFile[]> {
  const { query } = how
  const fail = (message: string): never => {
    throw new CopyLoadError(copyError.executor(message, 8001, query))
  }
  if (!how.manifest) {
    let listed
    try {
      listed = await storage.list(source.bucket, source.key)
    } catch (error) {
      throw new CopyLoadError(storageFailure(error, query))
    }
    const files = listed
      .filter((o) => !o.key.endsWith('/'))
      .map((o) => ({
        url: `s3://${o.bucket}/${o.key}`,
        location: { bucket: o.bucket, key: o.key },
        size: o.size,
      }))
    if (files.length === 0)
      fail(`The specified S3 prefix '${source.key}' does not exist`)
    return files
  }
  let text: string
  try {
    text = (await storage.read(source)).toString('utf8')
  } catch (error) {
    const inner = storageFailure(error, query)
    return fail(`Problem reading manifest file - ${inner.message}`)
  }
  let manifest: unknown
  try {
    manifest = JSON.parse(text)
  } catch {
    return fail('Manifest file is not in correct json format')
  }
  const entries = (manifest as { entries?: unknown } | null)?.entries
  if (!Array.isArray(entries))
    return fail('Manifest file is not in correct json format')
  const files: SourceFile[] = []
  for (const entry of entries as unknown[]) {
    const e = entry as {
      url?: unknown
      mandatory?: unknown
      meta?: { content_length?: unknown }
    } | null
    if (typeof e?.url !== 'string')
      return fail('Manifest file is not in correct json format')
    const location = parseS3Url(e.url)
    if (
      location === undefined ||
      location.key === '' ||
      location.key.endsWith('/')
    )
      return fail(
        'COPY with MANIFEST parameter requires full path of S3 object',
      )
    if (e.mandatory !== undefined && typeof e.mandatory !== 'boolean')
      return fail('Manifest file is not in correct json format')
    const length = e.meta?.content_length
    if (how.columnar && typeof length !== 'number')
      return fail(
        `Manifest entry for '${e.url}' has no meta.content_length, which a columnar COPY requires`,
      )
    let found
    try {
      found = await storage.stat(location)
    } catch (error) {
      throw new CopyLoadError(storageFailure(error, query))
    }
    if (found === undefined) {
      if (e.mandatory === true)
        return fail(
          `Manifest file has mandatory entry '${e.url}' which does not exist: S3ServiceException:The specified key does not exist.,Status 404,Error NoSuchKey`,
        )
      continue
    }
    files.push({ url: e.url, location, size: found.size })
  }
  // loading-data-files-using-manifest: whatever the mandatory flags say,
  // COPY ends with an error when no file is found. The wording of
  // Redshift's message for it is not documented.
  if (files.length === 0)
    fail(
      `None of the files listed in the manifest 's3://${source.bucket}/${source.key}' exists: COPY found no file to load`,
    )
  return files
}
