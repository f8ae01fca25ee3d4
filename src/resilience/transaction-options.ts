import type { AccessMode } from 'kysely'

import type { RedshiftRetryConfig } from '../config/index.js'
import type { QuerySettings } from '../dialect/query-settings-plugin.js'
import type { SerializationFailureError } from '../errors/index.js'
import type { WritableRelationName } from '../types/read-only-relation.js'
import { lockStatement } from './transaction-lock.js'

/**
 * The isolation levels Redshift runs: SERIALIZABLE (provisioned clusters'
 * default) and SNAPSHOT (Serverless' default, accepted only on a database
 * that runs it). Others would be silently run as SERIALIZABLE and are
 * refused.
 */
export type RedshiftIsolationLevel = 'serializable' | 'snapshot'

/**
 * How a transaction opened by `db.begin()` or `db.retryingTransaction()`
 * starts.
 *
 * ```ts
 * const options: TransactionOptions<DB> = {
 *   lock: ['accounts', 'transfers'],
 *   settings: { queryGroup: 'payments' },
 * }
 * ```
 */
export interface TransactionOptions<DB> {
  /**
   * Tables to `LOCK` before anything else, in one fixed (sorted) order
   * whatever order they are given in: concurrent transactions that lock the
   * same tables then wait for each other instead of failing with
   * serialization conflicts. Names of `DB`'s writable relations
   * (`'schema.table'` for another schema).
   */
  readonly lock?: readonly (WritableRelationName<DB> & string)[]
  /** BEGIN's isolation level; by default the database's own. */
  readonly isolationLevel?: RedshiftIsolationLevel
  /** `'read only'` or `'read write'`. */
  readonly accessMode?: AccessMode
  /**
   * Session settings (query group, statement timeout, search path) for
   * every statement of the transaction, on top of those of the instance it
   * is started from (`withQuerySettings`).
   */
  readonly settings?: QuerySettings
}

/**
 * A retrying transaction's hook, called before each retry with the attempt
 * that failed (1 for the first), its error and the delay before the next.
 *
 * ```ts
 * const onRetry: TransactionRetryHook = (attempt, error, delayMs) =>
 *   log.warn({ attempt, delayMs, detail: error.detail }, 'transaction conflict, retrying')
 * ```
 */
export type TransactionRetryHook = (
  attempt: number,
  error: SerializationFailureError,
  delayMs: number,
) => void

/**
 * Options of `db.retryingTransaction()`. Every bound left out comes from the
 * client's `retry` config, as documented on each.
 *
 * ```ts
 * await db
 *   .retryingTransaction({ maxAttempts: 5, maxElapsedMs: 10_000, signal, onRetry })
 *   .execute(async (trx) => transfer(trx, from, to, amount))
 * ```
 */
export interface RetryingTransactionOptions<DB> extends TransactionOptions<DB> {
  /**
   * Attempts in all, the first included. Default: 1 when the config's
   * `retry.enabled` is false, otherwise `retry.maxAttempts` but at least 10
   * (conflicts come in bursts under contention, and each attempt is a whole
   * transaction, so 3 statement retries would be too few).
   */
  readonly maxAttempts?: number
  /**
   * No retry starts once this many ms have passed since the first attempt
   * began (an attempt in flight is not interrupted: use `signal` or
   * `queryTimeoutMs` for that). Default: the config's `retry.maxElapsedMs`
   * (30000).
   */
  readonly maxElapsedMs?: number
  /** First backoff delay; default the config's `retry.initialDelayMs` (100). */
  readonly initialDelayMs?: number
  /** Largest backoff delay; default the config's `retry.maxDelayMs` (5000). */
  readonly maxDelayMs?: number
  /** Called before each retry. */
  readonly onRetry?: TransactionRetryHook
  /**
   * Stops the transaction: checked before each attempt, during the backoff,
   * before each statement and before COMMIT. An abort rolls the transaction
   * back and rejects with the signal's reason.
   */
  readonly signal?: AbortSignal
}

/** The retry bounds of a retrying transaction, all known. */
export interface RetryBounds {
  readonly maxAttempts: number
  readonly maxElapsedMs: number
  readonly initialDelayMs: number
  readonly maxDelayMs: number
}

/** At least this many attempts by default: see {@link RetryingTransactionOptions.maxAttempts}. */
export const MIN_DEFAULT_TRANSACTION_ATTEMPTS = 10
/** Default of {@link RetryingTransactionOptions.maxElapsedMs}. */
export const DEFAULT_TRANSACTION_ELAPSED_MS = 30_000

/** The parts of the config's `retry` a retrying transaction reads. */
export type TransactionRetryDefaults = Pick<
  RedshiftRetryConfig,
  'enabled' | 'maxAttempts' | 'initialDelayMs' | 'maxDelayMs' | 'maxElapsedMs'
>

// The config defaults, for a Kysely instance that is not a client.
const DEFAULT_RETRY: TransactionRetryDefaults = Object.freeze({
  enabled: true,
  maxAttempts: 3,
  initialDelayMs: 100,
  maxDelayMs: 5000,
  maxElapsedMs: DEFAULT_TRANSACTION_ELAPSED_MS,
})

/**
 * The bounds a retrying transaction runs with: the options, else the
 * config's `retry`, else the config's defaults. A bad option throws a
 * `RangeError` / `TypeError` naming it.
 *
 * ```ts
 * retryBoundsOf({ maxAttempts: 4 }, config.retry)
 * // { maxAttempts: 4, maxElapsedMs: 60000, initialDelayMs: 100, maxDelayMs: 5000 }
 * ```
 */
export function retryBoundsOf(
  options: RetryingTransactionOptions<any>,
  retry: TransactionRetryDefaults = DEFAULT_RETRY,
): RetryBounds {
  const bounds = Object.freeze({
    maxAttempts: positiveInteger(
      'maxAttempts',
      options.maxAttempts ??
        (retry.enabled
          ? Math.max(retry.maxAttempts, MIN_DEFAULT_TRANSACTION_ATTEMPTS)
          : 1),
    ),
    maxElapsedMs: nonNegative(
      'maxElapsedMs',
      options.maxElapsedMs ?? retry.maxElapsedMs,
    ),
    initialDelayMs: nonNegative(
      'initialDelayMs',
      options.initialDelayMs ?? retry.initialDelayMs,
    ),
    maxDelayMs: nonNegative(
      'maxDelayMs',
      options.maxDelayMs ?? retry.maxDelayMs,
    ),
  })
  if (options.onRetry !== undefined && typeof options.onRetry !== 'function') {
    throw new TypeError('retryingTransaction option onRetry must be a function')
  }
  return bounds
}

/**
 * Checks the options every transaction helper takes, naming the bad one.
 *
 * ```ts
 * assertTransactionOptions({ lock: ['sales'] }, 'begin')
 * ```
 */
export function assertTransactionOptions(
  // Any DB: only the shape is checked.
  options: TransactionOptions<any> & { readonly signal?: unknown },
  helper: string,
): void {
  const { lock, isolationLevel, accessMode, signal } = options
  if (
    lock !== undefined &&
    (!Array.isArray(lock) ||
      lock.some((table) => typeof table !== 'string' || table === ''))
  ) {
    throw new TypeError(`${helper} option lock must be an array of table names`)
  }
  // Quoting the names checks them (NUL, Redshift's 127-byte limit).
  if (lock !== undefined) lockStatement(lock)
  if (
    isolationLevel !== undefined &&
    isolationLevel !== 'serializable' &&
    isolationLevel !== 'snapshot'
  ) {
    throw new TypeError(
      `${helper} option isolationLevel must be 'serializable' or 'snapshot' (Redshift runs no other), not ${JSON.stringify(isolationLevel)}`,
    )
  }
  if (
    accessMode !== undefined &&
    accessMode !== 'read only' &&
    accessMode !== 'read write'
  ) {
    throw new TypeError(
      `${helper} option accessMode must be 'read only' or 'read write'`,
    )
  }
  if (signal !== undefined && !(signal instanceof AbortSignal)) {
    throw new TypeError(`${helper} option signal must be an AbortSignal`)
  }
}

function positiveInteger(name: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new RangeError(
      `retryingTransaction option ${name} must be a positive integer, not ${String(value)}`,
    )
  }
  return value
}

function nonNegative(name: string, value: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new RangeError(
      `retryingTransaction option ${name} must be a non-negative number of milliseconds, not ${String(value)}`,
    )
  }
  return value
}
