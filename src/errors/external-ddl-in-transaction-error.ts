import { NotAllowedInTransactionError } from './not-allowed-in-transaction-error.js'

/**
 * A Spectrum statement that Redshift refuses inside a transaction block
 * (SQLSTATE `25001`: CREATE EXTERNAL TABLE, ALTER TABLE of an external
 * table, DROP TABLE of an external table) was built on a transaction and
 * refused before it was sent, so the transaction is not aborted by it. Run
 * it on the client instead. Not retryable.
 *
 * ```ts
 * await db.transaction().execute(async (trx) => {
 *   await spectrum(trx).dropExternalTable('spectrum.sales').execute()
 *   // throws ExternalDdlInTransactionError; statement: 'DROP TABLE'
 * })
 * ```
 */
export class ExternalDdlInTransactionError extends NotAllowedInTransactionError {
  static {
    Object.defineProperty(this.prototype, 'name', {
      value: 'ExternalDdlInTransactionError',
      writable: true,
      configurable: true,
    })
  }

  /** The statement that was refused: `CREATE EXTERNAL TABLE`, `ALTER TABLE`... */
  readonly statement: string

  constructor(statement: string, sql: string) {
    const what =
      statement === 'CREATE EXTERNAL TABLE'
        ? statement
        : `${statement} of an external table`
    super(
      `${what} cannot run inside a transaction block on Redshift (25001); ` +
        'it was not sent: run it on the client, outside the transaction',
      { sql, isRetryable: false },
    )
    this.statement = statement
  }
}
