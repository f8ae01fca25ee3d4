import { RedshiftError } from './redshift-error.js'

/**
 * No system view has a record of the query id asked about: it never ran,
 * its records have aged out (STL keeps 2 to 5 days), or it belongs to
 * another user (regular users see only their own rows).
 *
 * ```ts
 * try {
 *   await db.monitor.metrics(12345)
 * } catch (error) {
 *   if (error instanceof QueryNotFoundError) console.log(error.queryId) // 12345
 * }
 * ```
 */
export class QueryNotFoundError extends RedshiftError {
  static {
    Object.defineProperty(this.prototype, 'name', {
      value: 'QueryNotFoundError',
      writable: true,
      configurable: true,
    })
  }

  /** The query id that was looked up. */
  readonly queryId: number | bigint

  constructor(queryId: number | bigint, what: string) {
    super(`No ${what} found for query ${queryId}`)
    this.queryId = queryId
  }

  protected override defaultRetryable(): boolean {
    return false
  }
}
