import { createErrorResponse } from './error-response.js'
import { redshiftErrorPresets } from './redshift-error-presets.js'

/**
 * Builds an error shaped exactly like the `DatabaseError` node-postgres
 * raises for a server error response (same class, same string-typed
 * fields), so that code under test and the SDK's error mapping see what
 * they would see from a real cluster.
 *
 * The presets (`redshiftError.serializationFailure()`, ...) build the errors
 * Redshift actually sends for common failures, with its message texts and
 * SQLSTATEs.
 *
 * @example
 * ```ts
 * mock.on(/^insert/, { times: 1 }).fails(
 *   redshiftError({
 *     code: 'XX000',
 *     message: '1023',
 *     detail: 'Serializable isolation violation on table - 100, transactions forming the cycle are: 1, 2 (pid:1)',
 *   }),
 * )
 * ```
 */
export const redshiftError: typeof createErrorResponse &
  typeof redshiftErrorPresets = Object.assign(
  (fields: Parameters<typeof createErrorResponse>[0]) =>
    createErrorResponse(fields),
  redshiftErrorPresets,
)
