import type { ErrorFields } from '../protocol/error-fields.js'
import { StorageError } from '../storage/storage-error.js'
import { copyError } from './copy-errors.js'

/**
 * Redshift's message for a failed S3 call, in the `S3ServiceException:...`
 * form its COPY shows (the emulator's folder maps its failures onto the
 * same codes). Anything else is reported with its own message.
 *
 * @example
 * ```ts
 * storageFailure(new StorageError('NoSuchBucket', 's3://nope/x', 'no bucket'), 7).message
 * // 'S3ServiceException:The specified bucket does not exist,Status 404,Error NoSuchBucket'
 * ```
 */
export function storageFailure(error: unknown, query: number): ErrorFields {
  if (error instanceof StorageError) {
    switch (error.code) {
      case 'NoSuchBucket':
        return copyError.executor(
          'S3ServiceException:The specified bucket does not exist,Status 404,Error NoSuchBucket',
          8001,
          query,
        )
      case 'NoSuchKey':
        return copyError.executor(
          `S3ServiceException:The specified key does not exist.,Status 404,Error NoSuchKey (${error.url})`,
          8001,
          query,
        )
      case 'AccessDenied':
        return copyError.executor(
          'S3ServiceException:Access Denied,Status 403,Error AccessDenied',
          8001,
          query,
        )
      default:
        return copyError.executor(
          `S3ServiceException:${error.message}`,
          8001,
          query,
        )
    }
  }
  return copyError.executor(
    error instanceof Error ? error.message : String(error),
    8001,
    query,
  )
}
