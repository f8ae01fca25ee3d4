import { RedshiftError, type RedshiftErrorOptions } from './redshift-error.js'

/**
 * A value was invalid for its type or operation (SQLSTATE class `22`):
 * division by zero, numeric overflow, a malformed date, a string too long.
 *
 * ```ts
 * if (error instanceof DataError) console.log(error.code) // '22012'
 * ```
 */
export class DataError extends RedshiftError {
  static {
    Object.defineProperty(this.prototype, 'name', {
      value: 'DataError',
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
