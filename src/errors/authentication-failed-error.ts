import { RedshiftError, type RedshiftErrorOptions } from './redshift-error.js'

/**
 * The server rejected the login (SQLSTATE class `28`): a wrong password,
 * expired IAM credentials, or a user that may not connect.
 *
 * ```ts
 * if (error instanceof AuthenticationFailedError) console.log(error.code) // '28P01'
 * ```
 */
export class AuthenticationFailedError extends RedshiftError {
  static {
    Object.defineProperty(this.prototype, 'name', {
      value: 'AuthenticationFailedError',
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
