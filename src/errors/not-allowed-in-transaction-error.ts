import { RedshiftError, type RedshiftErrorOptions } from './redshift-error.js'

/**
 * The statement cannot run inside a transaction block (SQLSTATE `25001`):
 * on Redshift VACUUM, CREATE/DROP DATABASE, CREATE EXTERNAL TABLE, ALTER on
 * external tables, ALTER COLUMN and ALTER TABLE APPEND. Run it outside BEGIN.
 *
 * ```ts
 * if (error instanceof NotAllowedInTransactionError) {
 *   await sql`vacuum sales`.execute(db) // outside the transaction
 * }
 * ```
 */
export class NotAllowedInTransactionError extends RedshiftError {
  static {
    Object.defineProperty(this.prototype, 'name', {
      value: 'NotAllowedInTransactionError',
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
