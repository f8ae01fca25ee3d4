import { RedshiftError, type RedshiftErrorOptions } from './redshift-error.js'

/**
 * A table or view named in the statement does not exist (SQLSTATE `42P01`).
 *
 * ```ts
 * if (error instanceof TableNotFoundError) console.log(error.message)
 * // relation "sales" does not exist
 * ```
 */
export class TableNotFoundError extends RedshiftError {
  static {
    Object.defineProperty(this.prototype, 'name', {
      value: 'TableNotFoundError',
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
