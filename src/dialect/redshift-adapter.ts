import { setTimeout as sleep } from 'node:timers/promises'

import {
  DialectAdapterBase,
  sql,
  type Kysely,
  type MigrationLockOptions,
  type RawBuilder,
} from 'kysely'

import { quoteIdentifier, quoteLiteral } from '../sql/literal.js'
import { mapRedshiftError, SerializationFailureError } from '../errors/index.js'

/**
 * How {@link RedshiftAdapter} waits for the migration lock.
 *
 * ```ts
 * new RedshiftDialect({ config: url, migrationLock: { timeoutMs: 600_000 } })
 * ```
 */
export interface MigrationLockSettings {
  /** Give up after this long. Default: one hour, as Kysely's PostgreSQL adapter. */
  readonly timeoutMs?: number
  /** First pause between attempts. Default 50 ms. */
  readonly initialDelayMs?: number
  /** Longest pause between attempts. Default 2 s. */
  readonly maxDelayMs?: number
}

const DEFAULT_LOCK_TIMEOUT_MS = 60 * 60 * 1000
const DEFAULT_INITIAL_DELAY_MS = 50
const DEFAULT_MAX_DELAY_MS = 2000

/**
 * Tells Kysely what Redshift can do and implements the migration lock without
 * advisory locks, which Redshift does not have.
 *
 * - Inside a transaction the lock is Redshift's `LOCK table` on Kysely's lock
 *   table; it is held until the transaction ends.
 * - Outside a transaction (Kysely 0.28's Migrator takes the lock on a plain
 *   connection before it opens the migration transaction, and
 *   `disableTransactions` never opens one) the lock is the `is_locked` flag of
 *   the lock row, set with one atomic `update ... where is_locked = 0`. A
 *   migrator that finds it set retries with jittered exponential backoff until
 *   a deadline. Only the holder clears the flag.
 *
 * ```ts
 * const db = new Kysely<DB>({ dialect: new RedshiftDialect(url) })
 * const migrator = new Migrator({ db, provider })
 * await migrator.migrateToLatest() // safe to run from several deploys at once
 * ```
 */
export class RedshiftAdapter extends DialectAdapterBase {
  readonly #timeoutMs: number
  readonly #initialDelayMs: number
  readonly #maxDelayMs: number
  // The connection-bound Kysely instances that hold the row flag, so that a
  // release after a failed acquire never clears another migrator's lock.
  readonly #holders = new WeakSet<Kysely<any>>()

  constructor(settings: MigrationLockSettings = {}) {
    super()
    this.#timeoutMs = settings.timeoutMs ?? DEFAULT_LOCK_TIMEOUT_MS
    this.#initialDelayMs = settings.initialDelayMs ?? DEFAULT_INITIAL_DELAY_MS
    this.#maxDelayMs = settings.maxDelayMs ?? DEFAULT_MAX_DELAY_MS
  }

  override get supportsCreateIfNotExists(): boolean {
    return true
  }

  override get supportsTransactionalDdl(): boolean {
    return true
  }

  /** Redshift has no RETURNING; the compiler refuses `.returning()`. */
  override get supportsReturning(): boolean {
    return false
  }

  override async acquireMigrationLock(
    // Kysely's own signature: the lock table is not part of the user's DB.
    db: Kysely<any>,
    options: MigrationLockOptions,
  ): Promise<void> {
    const table = lockTable(options)
    if (db.isTransaction) {
      await sql`lock ${table}`.execute(db)
      return
    }
    const deadline = Date.now() + this.#timeoutMs
    for (let attempt = 0; ; attempt++) {
      if (await this.#trySetFlag(db, table, options.lockRowId)) {
        this.#holders.add(db)
        return
      }
      const remaining = deadline - Date.now()
      if (remaining <= 0) {
        throw new Error(lockTimeoutMessage(options, this.#timeoutMs))
      }
      await sleep(Math.min(remaining, this.#backoff(attempt)))
    }
  }

  override async releaseMigrationLock(
    db: Kysely<any>,
    options: MigrationLockOptions,
  ): Promise<void> {
    // Inside a transaction LOCK is released by COMMIT or ROLLBACK.
    if (db.isTransaction || !this.#holders.delete(db)) {
      return
    }
    await sql`update ${lockTable(options)} set ${sql.ref('is_locked')} = 0 where ${sql.ref('id')} = ${options.lockRowId}`.execute(
      db,
    )
  }

  async #trySetFlag(
    db: Kysely<any>,
    table: RawBuilder<unknown>,
    lockRowId: string,
  ): Promise<boolean> {
    try {
      const result =
        await sql`update ${table} set ${sql.ref('is_locked')} = 1 where ${sql.ref('id')} = ${lockRowId} and ${sql.ref('is_locked')} = 0`.execute(
          db,
        )
      return result.numAffectedRows === 1n
    } catch (error) {
      // Two migrators updating the row at once: Redshift aborts one of them
      // with a serialization failure, which only means "someone else won".
      if (mapRedshiftError(error) instanceof SerializationFailureError) {
        return false
      }
      throw error
    }
  }

  /** Full-jitter exponential backoff, capped. */
  #backoff(attempt: number): number {
    const ceiling = Math.min(
      this.#maxDelayMs,
      this.#initialDelayMs * 2 ** Math.min(attempt, 30),
    )
    return ceiling / 2 + Math.random() * (ceiling / 2)
  }
}

function lockTable(options: MigrationLockOptions): RawBuilder<unknown> {
  return options.lockTableSchema
    ? sql.id(options.lockTableSchema, options.lockTable)
    : sql.id(options.lockTable)
}

function lockTimeoutMessage(
  options: MigrationLockOptions,
  timeoutMs: number,
): string {
  const table = options.lockTableSchema
    ? `${quoteIdentifier(options.lockTableSchema)}.${quoteIdentifier(options.lockTable)}`
    : quoteIdentifier(options.lockTable)
  return (
    `could not take the migration lock within ${timeoutMs} ms: another migrator holds it. ` +
    `If no migration is running (a migrator was killed), release it with: ` +
    `update ${table} set is_locked = 0 where id = ${quoteLiteral(options.lockRowId)}`
  )
}
