import { NotAllowedInTransactionError } from '../errors/index.js'
import type { ImplicitCommitStatement } from './transaction-implicit-commit.js'

/**
 * A statement that would commit the open transaction on Redshift (TRUNCATE,
 * ALTER TABLE APPEND) was refused inside a transaction helper
 * (`db.retryingTransaction()`, `db.begin()`) before it was sent, so the
 * transaction's earlier writes were not committed behind the caller's back.
 * Not retryable: the same callback would be refused again.
 *
 * ```ts
 * try {
 *   await db.retryingTransaction().execute(async (trx) => {
 *     await trx.insertInto('audit').values(row).execute()
 *     await sql`truncate staging`.execute(trx) // refused, nothing committed
 *   })
 * } catch (error) {
 *   if (error instanceof ImplicitCommitError) error.statement // 'TRUNCATE'
 * }
 * ```
 */
export class ImplicitCommitError extends NotAllowedInTransactionError {
  static {
    Object.defineProperty(this.prototype, 'name', {
      value: 'ImplicitCommitError',
      writable: true,
      configurable: true,
    })
  }

  /** The kind of statement that was refused. */
  readonly statement: ImplicitCommitStatement

  constructor(statement: ImplicitCommitStatement, sql: string) {
    const alternative =
      statement === 'TRUNCATE'
        ? 'use DELETE FROM inside the transaction, or run TRUNCATE outside it'
        : 'run ALTER TABLE APPEND outside the transaction'
    super(
      `${statement} commits the open transaction on Redshift, which would commit this transaction's earlier writes; ` +
        `it was not sent and the transaction is rolled back unless the callback catches this error: ${alternative}`,
      { sql, isRetryable: false },
    )
    this.statement = statement
  }
}
