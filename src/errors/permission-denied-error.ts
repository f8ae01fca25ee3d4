import { RedshiftError, type RedshiftErrorOptions } from './redshift-error.js'

/**
 * The current user lacks a privilege the statement needs (SQLSTATE `42501`).
 *
 * ```ts
 * if (error instanceof PermissionDeniedError) console.log(error.message)
 * // permission denied for table sales
 * ```
 */
export class PermissionDeniedError extends RedshiftError {
  static {
    Object.defineProperty(this.prototype, 'name', {
      value: 'PermissionDeniedError',
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
