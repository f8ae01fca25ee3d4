import { RedshiftError, type RedshiftErrorOptions } from './redshift-error.js'

/**
 * A column named in the statement does not exist (SQLSTATE `42703`).
 *
 * ```ts
 * if (error instanceof ColumnNotFoundError) console.log(error.position)
 * ```
 */
export class ColumnNotFoundError extends RedshiftError {
  static {
    Object.defineProperty(this.prototype, 'name', {
      value: 'ColumnNotFoundError',
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
