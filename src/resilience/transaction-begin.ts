import type {
  DatabaseConnection,
  Kysely,
  Transaction,
  TransactionBuilder,
} from 'kysely'

import type { RedshiftTransaction } from '../client.js'
import { RedshiftConnection } from '../dialect/redshift-connection.js'
import { callerFrame } from '../errors/caller-frame.js'
import {
  OpenTransactions,
  type OpenTransaction,
} from './transaction-open-handles.js'
import {
  assertTransactionOptions,
  type TransactionOptions,
} from './transaction-options.js'
import { transactionStart } from './transaction-start.js'

/**
 * A transaction opened by `db.begin()`, for code that cannot put its work
 * in a callback: every query method of the callback's `trx`, plus
 * {@link commit} and {@link rollback}. Exactly one of them must be called.
 * One that is garbage-collected, or still open when the client closes, is
 * rolled back and its connection destroyed, with a
 * `KYSELY_REDSHIFT_ABANDONED_TRANSACTION` warning.
 *
 * TRUNCATE and ALTER TABLE APPEND are refused on it, as in
 * `db.retryingTransaction()` ({@link ImplicitCommitError}). It is not retried:
 * on a `SerializationFailureError` roll back and begin again.
 *
 * ```ts
 * const trx = await db.begin({ lock: ['accounts'] })
 * try {
 *   await trx.updateTable('accounts').set({ balance: 0 }).where('id', '=', 1).execute()
 *   await trx.commit()
 * } catch (error) {
 *   if (!trx.isCommitted) await trx.rollback()
 *   throw error
 * }
 * ```
 */
export interface RedshiftTransactionHandle<DB> extends RedshiftTransaction<DB> {
  /**
   * Sends COMMIT and returns the connection. Rejects with the server's
   * error when COMMIT fails (the transaction is then rolled back).
   */
  commit(): Promise<void>
  /** Sends ROLLBACK and returns the connection. */
  rollback(): Promise<void>
  /** True once {@link commit} succeeded. */
  readonly isCommitted: boolean
  /** True once {@link rollback} ran, or a failed commit rolled it back. */
  readonly isRolledBack: boolean
}

/** The reason a rollback() or an abandoned handle ends Kysely's callback with. */
class EndedByRollback extends Error {}

type State = 'open' | 'committing' | 'committed' | 'rolled back'

/**
 * `db.begin(options)`: opens a transaction on `db` (with its plugins and
 * settings) and resolves once BEGIN and the `lock` tables' LOCK are done.
 * Without `open`, nothing cleans up a forgotten handle.
 *
 * ```ts
 * const trx = await beginTransaction(db, new OpenTransactions(), { isolationLevel: 'serializable' })
 * await trx.insertInto('sales').values(row).execute()
 * await trx.commit()
 * ```
 */
export async function beginTransaction<DB>(
  db: Kysely<DB>,
  open: OpenTransactions | undefined,
  options: TransactionOptions<DB> = {},
): Promise<RedshiftTransactionHandle<DB>> {
  assertTransactionOptions(options, 'begin')
  const site = callerFrame(['/resilience/transaction-', '/client.'])
  const { builder, guarded } = transactionStart(db, options)
  const running = runUntilEnded(builder)
  const { end, run } = running
  const trx = await guarded(await running.opened).catch(
    async (error: unknown) => {
      // The LOCK failed: the transaction is ended before the error is thrown.
      end.rollback(new EndedByRollback())
      await run.catch(() => {})
      throw error
    },
  )
  const connection = await trx
    .getExecutor()
    .provideConnection(async (c: DatabaseConnection) => c)
  const record = abandonment(site, connection, running)

  let state: State = 'open'
  const settle = (next: State) => {
    if (state !== 'open') {
      throw new Error(
        `The transaction was already ${state === 'committing' ? 'being committed' : state}`,
      )
    }
    state = next
    open?.settle(trx, record)
  }
  Object.defineProperties(trx, {
    commit: {
      value: async () => {
        settle('committing')
        end.commit()
        try {
          await run
          state = 'committed'
        } catch (error) {
          state = 'rolled back'
          throw error
        }
      },
    },
    rollback: {
      value: async () => {
        settle('rolled back')
        end.rollback(new EndedByRollback())
        try {
          await run
        } catch (error) {
          if (!(error instanceof EndedByRollback)) throw error
        }
      },
    },
    isCommitted: { get: () => state === 'committed' },
    isRolledBack: { get: () => state === 'rolled back' },
  })
  open?.add(trx, record)
  return trx as unknown as RedshiftTransactionHandle<DB>
}

/** Kysely's transaction(), held open until the handle ends it. */
interface Running<DB> {
  /** Kysely's own transaction, once BEGIN succeeded. */
  readonly opened: Promise<Transaction<DB>>
  /** Ends the callback: COMMIT, or ROLLBACK (rejecting `run` with `reason`). */
  readonly end: {
    readonly commit: () => void
    readonly rollback: (reason: unknown) => void
  }
  /** Kysely's `execute()`, settled once COMMIT or ROLLBACK is done. */
  readonly run: Promise<void>
}

// Its own function, not a closure in beginTransaction: V8 shares one
// context among the closures of a scope, and Kysely keeps this callback
// referenced until the transaction ends, so a closure here next to one
// that captures the handle would keep the handle alive.
function runUntilEnded<DB>(builder: TransactionBuilder<DB>): Running<DB> {
  let end!: Running<DB>['end']
  const ended = new Promise<void>((resolve, reject) => {
    end = { commit: resolve, rollback: reject }
  })
  let began!: (base: Transaction<DB>) => void
  let failed!: (error: unknown) => void
  const opened = new Promise<Transaction<DB>>((resolve, reject) => {
    began = resolve
    failed = reject
  })
  const run = builder.execute((base) => {
    began(base)
    return ended
  })
  // BEGIN failed: begin() rejects with its error.
  run.then(undefined, failed)
  return { opened, end, run }
}

// Its own function for the same reason: the registry holds what this
// returns, which must reach the connection and Kysely's run, never the handle.
function abandonment<DB>(
  site: string,
  connection: DatabaseConnection,
  running: Running<DB>,
): OpenTransaction {
  return {
    site,
    abandon: async () => {
      destroyOnRelease(connection)
      running.end.rollback(new EndedByRollback())
      await running.run
    },
  }
}

// The pool destroys a connection marked broken when it comes back.
function destroyOnRelease(connection: DatabaseConnection): void {
  if (connection instanceof RedshiftConnection) {
    connection.pooled.markBroken()
  }
}
