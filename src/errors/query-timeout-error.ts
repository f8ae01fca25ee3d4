import type { RedshiftErrorOptions } from './redshift-error.js'
import { StatementTimeoutError } from './statement-timeout-error.js'

/** Options of {@link QueryTimeoutError}. */
export interface QueryTimeoutErrorOptions extends RedshiftErrorOptions {
  /** The client-side time limit that ran out. */
  readonly timeoutMs: number
  /**
   * True when the server confirmed the cancel (the statement stopped and the
   * connection was kept); false when it did not answer in time and the
   * connection was closed instead.
   */
  readonly cancelled: boolean
}

/**
 * The statement ran past its client-side time limit (`queryTimeoutMs` in the
 * config, or `timeoutMs` in `withQuerySettings`) and was stopped: the client
 * sent the server a cancel request, so the statement does not go on running
 * on the cluster. When the server answered, `cancelled` is true and the
 * connection stays in the pool; when it did not within a bounded time, the
 * connection was closed (`cancelled` false; for a write, whether it ran is
 * then unknown).
 *
 * A {@link StatementTimeoutError}, so code that handles server timeouts
 * handles this one too. Not retried: the same statement would most likely
 * run out of time again.
 *
 * ```ts
 * const quick = withQuerySettings(db, { timeoutMs: 2_000 })
 * try {
 *   await quick.selectFrom('sales').selectAll().execute()
 * } catch (error) {
 *   if (error instanceof QueryTimeoutError) console.log(error.timeoutMs, error.cancelled)
 * }
 * ```
 */
export class QueryTimeoutError extends StatementTimeoutError {
  static {
    Object.defineProperty(this.prototype, 'name', {
      value: 'QueryTimeoutError',
      writable: true,
      configurable: true,
    })
  }

  declare readonly timeoutMs: number
  readonly cancelled: boolean

  constructor(message: string, options: QueryTimeoutErrorOptions) {
    super(message, options)
    this.cancelled = options.cancelled
  }
}
