import { mapRedshiftError, type RedshiftError } from '../errors/index.js'
import { timeoutMarkOf } from './simulated-timeout.js'

/**
 * Turns an injected error into what the real driver throws for it: the same
 * mapping, so code under test catches the same typed errors
 * (`SerializationFailureError`, `QueryCancelledError`, ...) with the same
 * raw fields as against a cluster.
 *
 * The real driver tells a statement timeout from a cancel (Redshift words
 * both the same) by the statement's `statement_timeout` and how long it ran.
 * A mock statement takes no time, except one failed with
 * `redshiftError.statementTimeout()`, which counts as having run for its
 * whole timeout.
 *
 * @example
 * ```ts
 * mapInjectedError(redshiftError.serializationFailure(), 'commit', undefined)
 * // SerializationFailureError { code: 'XX000', redshiftCode: 1023, ... }
 * ```
 */
export function mapInjectedError(
  error: unknown,
  sql: string,
  statementTimeoutMs: number | null | undefined,
): RedshiftError {
  const mark = timeoutMarkOf(error)
  const timeoutMs = mark?.timeoutMs ?? statementTimeoutMs ?? undefined
  return mapRedshiftError(error, {
    sql,
    statementTimeoutMs: timeoutMs,
    elapsedMs: mark && timeoutMs !== undefined ? timeoutMs : 0,
  })
}
