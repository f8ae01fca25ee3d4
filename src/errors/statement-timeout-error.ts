import { RedshiftError, type RedshiftErrorOptions } from './redshift-error.js'

/** Options of {@link StatementTimeoutError}. */
export interface StatementTimeoutErrorOptions extends RedshiftErrorOptions {
  /** The `statement_timeout` that was in force, when known. */
  readonly timeoutMs?: number
}

/**
 * The statement ran longer than `statement_timeout` (SQLSTATE `57014`).
 *
 * Redshift words a timeout and a user cancel the same way (`Query (N)
 * cancelled on user's request`), so the mapper also treats a `57014` as a
 * timeout when the statement ran for at least 90% of the timeout it knew of.
 * Not retryable: the same statement would most likely time out again.
 *
 * ```ts
 * if (error instanceof StatementTimeoutError) console.log(error.timeoutMs)
 * ```
 */
export class StatementTimeoutError extends RedshiftError {
  static {
    Object.defineProperty(this.prototype, 'name', {
      value: 'StatementTimeoutError',
      writable: true,
      configurable: true,
    })
  }

  declare readonly timeoutMs?: number

  constructor(message: string, options: StatementTimeoutErrorOptions = {}) {
    super(message, options)
    if (options.timeoutMs !== undefined) {
      Object.assign(this, { timeoutMs: options.timeoutMs })
    }
  }
}
