import { RedshiftError, type RedshiftErrorOptions } from './redshift-error.js'

/**
 * The statement is not valid SQL for the server: a syntax error or any other
 * SQLSTATE of class `42` without a more specific class here. `position` is
 * the 1-based character offset of the problem in the statement.
 *
 * ```ts
 * if (error instanceof InvalidSqlError) console.log(error.code, error.position)
 * ```
 */
export class InvalidSqlError extends RedshiftError {
  static {
    Object.defineProperty(this.prototype, 'name', {
      value: 'InvalidSqlError',
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
