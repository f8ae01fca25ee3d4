import {
  CircuitBreakerOpenError,
  ConnectionLostError,
  PoolClosedError,
  PoolTimeoutError,
  QueryCancelledError,
  RedshiftError,
  ResourceError,
  StatementTimeoutError,
  UnknownOutcomeError,
} from '../errors/index.js'

/** Where a failed statement stood when it failed. */
export interface FailedStatement {
  /**
   * True once the statement was written to the server. False when it
   * failed before: its connection was already gone, or the `SET` sent ahead
   * of it failed, or no connection could be had.
   */
  readonly sent: boolean
  /** It ran inside a transaction (the server's status, or BEGIN seen). */
  readonly inTransaction: boolean
  /** Running it twice is harmless: a read, BEGIN, or marked idempotent. */
  readonly repeatable: boolean
}

/**
 * Whether a failed statement is run again, by the rule "retryable AND safe
 * to repeat":
 *
 * - never inside a transaction (the transaction as a whole is what can be
 *   run again), never after a timeout or a cancel, never while the circuit
 *   breaker is open or the pool closes;
 * - a statement that was not sent yet, and one the server refused before
 *   starting it because it was busy (SQLSTATE 53000 / 53300, Redshift's
 *   connection limit), is retried whatever it is: nothing ran;
 * - any other retryable failure (a serialization conflict, a lost
 *   connection) is retried only for repeatable statements.
 *
 * ```ts
 * mayRetryStatement(error, { sent: true, inTransaction: false, repeatable: true })
 * ```
 */
export function mayRetryStatement(
  error: unknown,
  statement: FailedStatement,
): boolean {
  if (statement.inTransaction || !(error instanceof RedshiftError)) {
    return false
  }
  if (neverRetried(error)) {
    return false
  }
  if (!statement.sent) {
    return mayRetryConnect(error)
  }
  if (error instanceof ResourceError) {
    return error.isRetryable
  }
  return statement.repeatable && error.isRetryable
}

/**
 * Whether getting a connection is tried again after `error`: a refused or
 * timed-out connect, a lost one, a server at its connection limit or too
 * busy. Not a login the server refused, not a pool that timed out waiting
 * (it waited long already), not an open circuit breaker.
 *
 * ```ts
 * mayRetryConnect(mapRedshiftError({ code: 'ECONNREFUSED' })) // true
 * ```
 */
export function mayRetryConnect(error: unknown): boolean {
  if (!(error instanceof RedshiftError) || neverRetried(error)) {
    return false
  }
  return (
    error instanceof ConnectionLostError ||
    (error instanceof ResourceError && error.isRetryable)
  )
}

function neverRetried(error: RedshiftError): boolean {
  return (
    error instanceof StatementTimeoutError ||
    error instanceof QueryCancelledError ||
    error instanceof CircuitBreakerOpenError ||
    error instanceof PoolClosedError ||
    error instanceof PoolTimeoutError ||
    error instanceof UnknownOutcomeError
  )
}
