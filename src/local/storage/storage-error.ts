/** What went wrong with an object, in S3's own terms. */
export type StorageErrorCode =
  'NoSuchKey' | 'NoSuchBucket' | 'AccessDenied' | 'Other'

/**
 * A storage operation failed. `code` says why in S3's terms (a local folder
 * maps its own failures onto them), so COPY and UNLOAD can answer with
 * Redshift's message for each; `url` names the object (never a credential).
 *
 * @example
 * ```ts
 * try {
 *   await storage.read({ bucket: 'b', key: 'missing' })
 * } catch (error) {
 *   if (error instanceof StorageError && error.code === 'NoSuchKey') console.error(error.url)
 * }
 * ```
 */
export class StorageError extends Error {
  override readonly name = 'StorageError'
  readonly code: StorageErrorCode
  /** `s3://bucket/key` of the object (or `s3://bucket/prefix` of a listing). */
  readonly url: string

  constructor(
    code: StorageErrorCode,
    url: string,
    message: string,
    options: { cause?: unknown } = {},
  ) {
    super(
      message,
      options.cause === undefined ? undefined : { cause: options.cause },
    )
    this.code = code
    this.url = url
  }
}

/**
 * `s3://bucket/key` of a location, for messages.
 *
 * @example
 * ```ts
 * s3Url({ bucket: 'b', key: 'data/part_00' }) // 's3://b/data/part_00'
 * ```
 */
export function s3Url(location: {
  readonly bucket: string
  readonly key: string
}): string {
  return `s3://${location.bucket}/${location.key}`
}
