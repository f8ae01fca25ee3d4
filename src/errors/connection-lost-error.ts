import { RedshiftError, type RedshiftErrorOptions } from './redshift-error.js'

/**
 * The connection could not be made or broke while in use: SQLSTATE class
 * `08`, `57P01`–`57P03` (server shutting down or terminating the backend),
 * socket errors such as `ECONNRESET`, `EPIPE`, `ECONNREFUSED`, `ETIMEDOUT`, or
 * the driver's `Connection terminated unexpectedly`.
 *
 * `isRetryable` is true because a new connection may well work, but the
 * statement may or may not have run before the connection broke: repeat it
 * only when it is idempotent (a read, or work the caller marks as safe), or
 * when it was inside a transaction that is re-run as a whole.
 *
 * ```ts
 * if (error instanceof ConnectionLostError && isIdempotent) {
 *   return runAgain()
 * }
 * ```
 */
export class ConnectionLostError extends RedshiftError {
  static {
    Object.defineProperty(this.prototype, 'name', {
      value: 'ConnectionLostError',
      writable: true,
      configurable: true,
    })
  }

  constructor(message: string, options: RedshiftErrorOptions = {}) {
    super(message, options)
  }

  protected override defaultRetryable(): boolean {
    return true
  }
}
