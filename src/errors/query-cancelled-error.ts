import { RedshiftError, type RedshiftErrorOptions } from './redshift-error.js'

/**
 * The statement was cancelled (`CANCEL pid`, `pg_cancel_backend`, or a
 * cancel request) — SQLSTATE `57014` when it was not a statement timeout.
 *
 * ```ts
 * if (error instanceof QueryCancelledError) console.log('cancelled:', error.message)
 * ```
 */
export class QueryCancelledError extends RedshiftError {
  static {
    Object.defineProperty(this.prototype, 'name', {
      value: 'QueryCancelledError',
      writable: true,
      configurable: true,
    })
  }

  constructor(message: string, options: RedshiftErrorOptions = {}) {
    super(message, options)
  }

  protected override defaultRetryable(): boolean {
    return false
  }
}
