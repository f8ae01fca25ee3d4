import { mapRedshiftError, type RedshiftError } from '../errors/index.js'

/**
 * Turns an injected error into what the real driver throws for it: the same
 * mapping, so code under test catches the same typed errors
 * (`SerializationFailureError`, `QueryCancelledError`, ...) with the same
 * raw fields as against a cluster.
 *
 * @example
 * ```ts
 * mapInjectedError(redshiftError.serializationFailure(), 'commit')
 * // SerializationFailureError { code: 'XX000', redshiftCode: 1023, ... }
 * ```
 */
export function mapInjectedError(error: unknown, sql: string): RedshiftError {
  return mapRedshiftError(error, { sql })
}
