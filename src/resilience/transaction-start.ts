import type { Kysely, Transaction, TransactionBuilder } from 'kysely'

import { withQuerySettings } from '../dialect/query-settings-plugin.js'
import { guardConnection, TransactionGuard } from './transaction-guard.js'
import { TransactionGuardPlugin } from './transaction-guard-plugin.js'
import { lockStatement } from './transaction-lock.js'
import type { TransactionOptions } from './transaction-options.js'

/**
 * How every transaction helper of this package opens its transaction:
 * Kysely's own `transaction()` of `db` (so its plugins, and so the settings
 * of a `withQuerySettings` view, apply) with the options' settings on top
 * and BEGIN's isolation and access mode; `guarded` turns Kysely's
 * transaction into the one the caller gets: a view of it with the
 * {@link TransactionGuardPlugin}, after the options' LOCK, whose checks its
 * connection also makes on every statement until the transaction ends (a
 * `CompiledQuery` given to `trx.executeQuery()` skips the plugins).
 *
 * The caller's view is a new instance over Kysely's transaction, never
 * Kysely's own: Kysely keeps its transaction referenced until the end, and
 * a `begin()` handle must be collectable while the transaction is open.
 *
 * ```ts
 * const { builder, guarded } = transactionStart(db, { lock: ['sales'] })
 * await builder.execute(async (base) => {
 *   const trx = await guarded(base)
 *   // ...
 * })
 * ```
 */
export function transactionStart<DB>(
  db: Kysely<DB>,
  options: TransactionOptions<DB>,
  signal?: AbortSignal,
): {
  readonly builder: TransactionBuilder<DB>
  readonly guarded: (base: Transaction<DB>) => Promise<Transaction<DB>>
} {
  const settled =
    options.settings === undefined
      ? db
      : withQuerySettings(db, options.settings)
  let builder = settled.transaction()
  if (options.isolationLevel !== undefined) {
    builder = builder.setIsolationLevel(options.isolationLevel)
  }
  if (options.accessMode !== undefined) {
    builder = builder.setAccessMode(options.accessMode)
  }
  // Built once: a bad name fails before any connection is taken.
  const statement = lockStatement(options.lock ?? [])
  return Object.freeze({
    builder,
    guarded: async (base: Transaction<DB>) => {
      const connection = await base
        .getExecutor()
        .provideConnection(async (c) => c)
      guardConnection(connection, new TransactionGuard(signal))
      const trx = base.withPlugin(new TransactionGuardPlugin(signal))
      if (statement !== undefined) await statement.execute(trx)
      return trx
    },
  })
}
