import type { DatabaseConnection } from 'kysely'

import { ImplicitCommitError } from './transaction-implicit-commit-error.js'
import { implicitCommitOf } from './transaction-implicit-commit.js'

// Neither word anywhere in the text: no statement in it can be a TRUNCATE or
// an ALTER TABLE APPEND, and the full check (which blanks out literals and
// comments first) is skipped.
const MAYBE_IMPLICIT_COMMIT = /truncate|append/i

/**
 * What a transaction helper of this package refuses on its transaction's
 * connection, for every statement until the transaction ends, whichever
 * way the statement arrives (a builder, a `sql` template, or a
 * `CompiledQuery` given to `trx.executeQuery()`, which skips Kysely's
 * plugins):
 *
 * - any statement once `signal` is aborted, with the signal's reason;
 * - TRUNCATE and ALTER TABLE APPEND, which Redshift runs with a COMMIT of
 *   their own, with an {@link ImplicitCommitError} before they are sent.
 *
 * ```ts
 * const guard = new TransactionGuard(signal)
 * guard.check('truncate sales') // throws ImplicitCommitError
 * ```
 */
export class TransactionGuard {
  readonly #signal: AbortSignal | undefined

  constructor(signal?: AbortSignal) {
    this.#signal = signal
  }

  /** Throws when `sql` must not run in the guarded transaction. */
  check(sql: string): void {
    this.#signal?.throwIfAborted()
    if (!MAYBE_IMPLICIT_COMMIT.test(sql)) return
    const statement = implicitCommitOf(sql)
    if (statement !== undefined) {
      throw new ImplicitCommitError(statement, sql.trim())
    }
  }
}

/**
 * A connection that can hold a {@link TransactionGuard} until its
 * transaction ends (COMMIT or ROLLBACK), or until it is next handed out.
 */
export interface GuardableConnection extends DatabaseConnection {
  guardTransaction(guard: TransactionGuard): void
}

/**
 * Puts `guard` on the connection of an open transaction, when the
 * connection supports it (this package's driver and its mock do).
 *
 * ```ts
 * const connection = await trx.getExecutor().provideConnection(async (c) => c)
 * guardConnection(connection, new TransactionGuard(signal))
 * ```
 */
export function guardConnection(
  connection: DatabaseConnection,
  guard: TransactionGuard,
): void {
  const guardable = connection as Partial<GuardableConnection>
  if (typeof guardable.guardTransaction === 'function') {
    guardable.guardTransaction(guard)
  }
}
