import type { Kysely } from 'kysely'

import type { RedshiftTransaction } from '../client.js'
import { SerializationFailureError } from '../errors/index.js'
import { sleep } from './retry-schedule.js'
import { abortCauseOf } from './transaction-abort-cause.js'
import { transactionBackoff } from './transaction-backoff.js'
import {
  assertTransactionOptions,
  retryBoundsOf,
  type RetryBounds,
  type RetryingTransactionOptions,
  type TransactionRetryDefaults,
} from './transaction-options.js'
import { TransactionRetriesExhaustedError } from './transaction-retries-exhausted-error.js'
import { transactionStart } from './transaction-start.js'

/**
 * What a retrying transaction's callback learns about its run.
 *
 * ```ts
 * await db.retryingTransaction().execute(async (trx, { attempt }) => {
 *   if (attempt > 1) metrics.increment('transfer.retried')
 * })
 * ```
 */
export interface TransactionAttempt {
  /** 1 for the first run of the callback, 2 for the first retry... */
  readonly attempt: number
}

/**
 * The callback of a retrying transaction. It may run several times, each in
 * a new transaction, so it must do nothing outside the transaction that
 * cannot be repeated (send no e-mail, call no other service) and let a
 * `SerializationFailureError` propagate rather than catch it.
 */
export type RetryingTransactionCallback<DB, T> = (
  trx: RedshiftTransaction<DB>,
  attempt: TransactionAttempt,
) => Promise<T>

/**
 * `db.retryingTransaction(options)`: Kysely's `db.transaction()` run again,
 * whole, when Redshift aborts it with a serialization conflict (`1023`,
 * `conflict with concurrent transaction`), as AWS advises. Immutable; run it
 * with {@link execute}.
 *
 * Each attempt is a fresh transaction: BEGIN (with `isolationLevel` /
 * `accessMode`), the `lock` tables locked in sorted order, the callback,
 * COMMIT. A `SerializationFailureError` from any of them (COMMIT included)
 * rolls it back and, within `maxAttempts` and `maxElapsedMs`, runs it again
 * after a jittered exponential backoff, calling `onRetry` first. Any other
 * error rolls back and is thrown at once. Statements are never retried one
 * by one inside the transaction.
 *
 * TRUNCATE and ALTER TABLE APPEND, which commit the open transaction on
 * Redshift, are refused with an {@link ImplicitCommitError} before they are
 * sent. (Kysely's plain `db.transaction()` is left as Kysely made it.)
 *
 * ```ts
 * const moved = await db
 *   .retryingTransaction({ lock: ['accounts'], settings: { queryGroup: 'payments' } })
 *   .execute(async (trx) => {
 *     await trx.updateTable('accounts').set((eb) => ({ balance: eb('balance', '-', 10) })).where('id', '=', from).execute()
 *     await trx.updateTable('accounts').set((eb) => ({ balance: eb('balance', '+', 10) })).where('id', '=', to).execute()
 *     return 10
 *   })
 * ```
 */
export class RetryingTransactionBuilder<DB> {
  readonly #db: Kysely<DB>
  readonly #options: RetryingTransactionOptions<DB>
  readonly #bounds: RetryBounds

  constructor(
    db: Kysely<DB>,
    options: RetryingTransactionOptions<DB> = {},
    retry?: TransactionRetryDefaults,
  ) {
    assertTransactionOptions(options, 'retryingTransaction')
    this.#db = db
    this.#options = Object.freeze({ ...options })
    this.#bounds = retryBoundsOf(
      options as RetryingTransactionOptions<unknown>,
      retry,
    )
  }

  /** The bounds the retries run with, defaults applied. */
  get bounds(): RetryBounds {
    return this.#bounds
  }

  /**
   * Runs `callback` in a transaction until it commits, a bound is reached
   * (throwing a {@link TransactionRetriesExhaustedError}), it fails with an
   * error other than a serialization failure (thrown as is), or `signal` is
   * aborted (rejecting with its reason). Resolves with the callback's result.
   *
   * ```ts
   * const total = await db.retryingTransaction().execute(async (trx) => {
   *   const { sum } = await trx.selectFrom('accounts').select((eb) => eb.fn.sum('balance').as('sum')).executeTakeFirstOrThrow()
   *   return sum
   * })
   * ```
   */
  async execute<T>(callback: RetryingTransactionCallback<DB, T>): Promise<T> {
    const { signal, onRetry } = this.#options
    const bounds = this.#bounds
    const { builder, guarded } = transactionStart(
      this.#db,
      this.#options,
      signal,
    )
    const backoff = transactionBackoff(bounds)
    const started = performance.now()
    for (let attempt = 1; ; attempt++) {
      signal?.throwIfAborted()
      let failure: SerializationFailureError
      try {
        return await builder.execute(async (base) => {
          const trx = await guarded(base)
          const result = await callback(trx as RedshiftTransaction<DB>, {
            attempt,
          })
          // An abort while the callback ran rolls back instead of committing.
          signal?.throwIfAborted()
          return result
        })
      } catch (error) {
        const conflict = serializationFailureOf(error)
        if (conflict === undefined || signal?.aborted) throw error
        failure = conflict
      }
      const elapsedMs = performance.now() - started
      if (attempt >= bounds.maxAttempts) {
        throw new TransactionRetriesExhaustedError(
          failure,
          attempt,
          elapsedMs,
          'attempts',
        )
      }
      const delayMs = backoff.next()
      if (elapsedMs + delayMs >= bounds.maxElapsedMs) {
        throw new TransactionRetriesExhaustedError(
          failure,
          attempt,
          elapsedMs,
          'elapsed',
        )
      }
      onRetry?.(attempt, failure, delayMs)
      await sleep(delayMs, signal)
    }
  }
}

/**
 * `db.retryingTransaction(options)` for any Kysely instance on the Redshift
 * dialect (or the mock's), with the config's default bounds; a client's own
 * method takes its bounds from the client's `retry` config.
 *
 * ```ts
 * const db = new Kysely<DB>({ dialect: new RedshiftDialect(url) })
 * await retryingTransaction(db, { lock: ['accounts'] }).execute(transfer)
 * ```
 */
export function retryingTransaction<DB>(
  db: Kysely<DB>,
  options?: RetryingTransactionOptions<DB>,
  retry?: TransactionRetryDefaults,
): RetryingTransactionBuilder<DB> {
  return new RetryingTransactionBuilder(db, options, retry)
}

// The callback may wrap the driver's error in one of its own, or catch the
// conflict and fail later because of it.
function serializationFailureOf(
  error: unknown,
): SerializationFailureError | undefined {
  let current = error
  for (let depth = 0; depth < 8 && current instanceof Error; depth++) {
    if (current instanceof SerializationFailureError) return current
    // A 25P02 or a COMMIT answered with ROLLBACK after the callback caught
    // the conflict itself.
    const abortedBy = abortCauseOf(current)
    if (abortedBy instanceof SerializationFailureError) return abortedBy
    current = current.cause
  }
  return undefined
}
