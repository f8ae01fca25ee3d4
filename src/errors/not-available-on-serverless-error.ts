import { RedshiftError } from './redshift-error.js'

/** Options of {@link NotAvailableOnServerlessError}. */
export interface NotAvailableOnServerlessErrorOptions {
  /** What was asked for, e.g. `WLM queue state`. */
  readonly feature: string
  /** What Serverless offers instead, e.g. `db.wlm.runningQueries()`. */
  readonly alternative: string
}

/**
 * Asked for something Redshift Serverless does not have: it has no WLM
 * queues, and its STL, STV and SVL views cannot be queried (Management Guide,
 * serverless-monitoring.html). Raised before any statement is sent.
 *
 * ```ts
 * try {
 *   await db.wlm.queues()
 * } catch (error) {
 *   if (error instanceof NotAvailableOnServerlessError) console.log(error.alternative)
 * }
 * ```
 */
export class NotAvailableOnServerlessError extends RedshiftError {
  static {
    Object.defineProperty(this.prototype, 'name', {
      value: 'NotAvailableOnServerlessError',
      writable: true,
      configurable: true,
    })
  }

  readonly feature: string
  readonly alternative: string

  constructor(options: NotAvailableOnServerlessErrorOptions) {
    super(
      `${options.feature} is not available on Redshift Serverless. Instead: ${options.alternative}`,
    )
    this.feature = options.feature
    this.alternative = options.alternative
  }

  protected override defaultRetryable(): boolean {
    return false
  }
}
