import type pg from 'pg'

import { isConnectionFailure } from './connection-failure.js'
import { recordSessionFailure } from './session-failure.js'
import { sessionStatement } from './session-sql.js'
import {
  SESSION_KEYS,
  sameSessionValue,
  type SessionKey,
  type SessionSettings,
} from './session-settings.js'

/**
 * The transaction state the server reported in its last ReadyForQuery
 * message: outside a transaction, inside one, or inside a failed one.
 */
export type TransactionStatus = 'idle' | 'transaction' | 'failed'

/** Marks a session key whose server-side value is not known. */
const UNKNOWN: unique symbol = Symbol('unknown')

type KnownValue = SessionSettings[SessionKey] | typeof UNKNOWN

/**
 * Fields pg keeps on its Client but does not declare in its types: the pid
 * from BackendKeyData, and `readyForQuery`, false from the moment a query is
 * written until the server's ReadyForQuery for it arrives.
 */
interface ClientInternals {
  readonly processID?: number | null
  readonly readyForQuery?: boolean
  /** Set to false by pg once the socket failed or the server ended the session. */
  readonly _queryable?: boolean
}

/** What a connection tells its pool. */
export interface PooledConnectionHooks {
  /** The socket failed or the server ended the session. */
  readonly onBroken: (connection: PooledConnection, error: unknown) => void
  /** The holder now waits on its own caller (see {@link PooledConnection.park}). */
  readonly onParked?: (connection: PooledConnection) => void
}

let nextConnectionId = 1

/**
 * One pg.Client owned by a {@link RedshiftPool}, with what the pool must know
 * to hand it out safely: whether it is broken, its real transaction status
 * (from the protocol), and its session parameters, so that `SET` is sent
 * only when a query wants something else than what the session has.
 *
 * ```ts
 * const connection = await pool.acquire()
 * try {
 *   await connection.ensureSession({ queryGroup: 'etl' })
 *   const { rows } = await connection.query('select 1 as one')
 * } finally {
 *   pool.release(connection)
 * }
 * ```
 */
export class PooledConnection {
  /** A number unique to this connection within the process. */
  readonly id: number
  /** The connected pg client. Prefer {@link query}: it keeps the state right. */
  readonly client: pg.Client
  /** The server process id of the session (`pg_backend_pid()`). */
  readonly backendPid: number
  /** `performance.now()` when the connection was established. */
  readonly createdAt: number

  #broken = false
  #closedByPool = false
  #parked = false
  #reported = false
  #idleSince: number
  #busy = false
  readonly #turns: Array<() => void> = []
  readonly #hooks: PooledConnectionHooks

  // What the server has, per key; UNKNOWN after a raw SET or a failed one.
  readonly #session: Record<SessionKey, KnownValue> = {
    queryGroup: null,
    statementTimeoutMs: null,
    searchPath: null,
    wlmQuerySlotCount: null,
  }
  // Values the keys had before this transaction changed them; a rollback
  // undoes a SET, so they come back when the transaction does not commit.
  #beforeTransaction: Map<SessionKey, KnownValue> | null = null

  constructor(client: pg.Client, hooks: PooledConnectionHooks) {
    this.id = nextConnectionId++
    this.client = client
    this.backendPid = (client as ClientInternals).processID ?? 0
    this.createdAt = performance.now()
    this.#idleSince = this.createdAt
    this.#hooks = hooks
    // A client without an 'error' listener would crash the process when the
    // server ends an idle session, so this listener stays for its lifetime.
    client.on('error', this.#onSocketError)
    client.on('end', this.#onSocketEnd)
    // The server may end the session in the very packet that completed the
    // connection, before these listeners existed.
    if (
      (client as ClientInternals)._queryable === false ||
      client.connection.stream.destroyed
    ) {
      this.#broken = true
    }
  }

  /**
   * The status byte of the server's last ReadyForQuery message ('I', 'T',
   * 'E'), which pg's Client records for `getTransactionStatus()`: the real
   * state, whatever SQL was sent.
   */
  get transactionStatus(): TransactionStatus {
    const status = this.client.getTransactionStatus()
    return status === 'T' ? 'transaction' : status === 'E' ? 'failed' : 'idle'
  }

  /** True once the socket failed or the server ended the session. */
  get broken(): boolean {
    return this.#broken
  }

  /**
   * True once the pool closed the connection while it was in use (it was
   * closing, and the holder was parked or too slow to give it back): a
   * statement that fails on it failed because of the close, not the server.
   */
  get closedByPool(): boolean {
    return this.#closedByPool
  }

  /** True between {@link park} and {@link unpark}. */
  get parked(): boolean {
    return this.#parked
  }

  /**
   * Says that the holder waits on its own caller, not on the server: a
   * stream between two chunks, whose consumer may never ask for the next
   * one. Nothing runs on the session meanwhile, so a pool that is closing
   * closes the connection at once instead of waiting for it to come back;
   * the holder learns it from {@link closedByPool} when it resumes.
   *
   * ```ts
   * connection.park()
   * yield chunk // the consumer decides when (and whether) this resumes
   * connection.unpark()
   * if (connection.closedByPool) throw new PoolClosedError()
   * ```
   */
  park(): void {
    this.#parked = true
    try {
      this.#hooks.onParked?.(this)
    } catch {
      // The pool's bookkeeping must not throw into the holder.
    }
  }

  /** The holder works on the session again (see {@link park}). */
  unpark(): void {
    this.#parked = false
  }

  /** True while a caller holds the connection's turn (see {@link tryLock}). */
  get busy(): boolean {
    return this.#busy
  }

  /**
   * The session parameters as the connection knows them; a key that is not
   * known (after {@link markSessionUnknown}) is absent.
   */
  get session(): Readonly<SessionSettings> {
    const known: { -readonly [K in SessionKey]?: SessionSettings[K] } = {}
    for (const key of SESSION_KEYS) {
      const value = this.#session[key]
      if (value !== UNKNOWN) {
        ;(known as Record<SessionKey, unknown>)[key] = value
      }
    }
    return Object.freeze(known)
  }

  /**
   * Runs one statement (simple protocol without values, extended with them).
   * A failure leaves the connection's state settled before it is rethrown:
   * the transaction status is the one the server reported after the error,
   * and a connection-level failure has marked the connection broken.
   *
   * Statements on one connection must not overlap; callers that may race
   * take the connection's turn first ({@link tryLock} / {@link lock}).
   */
  async query<R extends pg.QueryResultRow = Record<string, unknown>>(
    text: string,
    values?: readonly unknown[],
  ): Promise<pg.QueryResult<R>> {
    let result: pg.QueryResult<R>
    try {
      result = await this.client.query<R>(text, values as unknown[] | undefined)
    } catch (error) {
      await this.settleAfterError(error)
      throw error
    }
    if (this.#beforeTransaction !== null) {
      this.settleSession(result)
    }
    return result
  }

  /**
   * Whether {@link ensureSession} would send anything for `wanted`.
   * Synchronous and allocation-free, so the common case costs nothing.
   */
  needsSession(wanted: Readonly<SessionSettings>): boolean {
    const session = this.#session
    return (
      !sameKnown(session.queryGroup, wanted.queryGroup) ||
      !sameKnown(session.statementTimeoutMs, wanted.statementTimeoutMs) ||
      !sameKnown(session.searchPath, wanted.searchPath) ||
      !sameKnown(session.wlmQuerySlotCount, wanted.wlmQuerySlotCount)
    )
  }

  /**
   * Brings the session to `wanted` (a key left out means the server
   * default), sending `SET`/`RESET` only for the keys whose value differs,
   * all in one round trip. Resolves to the number of statements sent.
   *
   * Inside a failed transaction nothing is sent: the server would refuse
   * it, and the statement that follows fails with the real reason.
   *
   * A failure rethrows the server's error; `failedSessionSql(error)` gives
   * the statements it was the answer to.
   *
   * ```ts
   * await connection.ensureSession({ statementTimeoutMs: 5_000 }) // 1
   * await connection.ensureSession({ statementTimeoutMs: 5_000 }) // 0
   * ```
   */
  async ensureSession(wanted: Readonly<SessionSettings>): Promise<number> {
    const status = this.transactionStatus
    if (status === 'failed') {
      return 0
    }
    const keys: SessionKey[] = []
    const statements: string[] = []
    for (const key of SESSION_KEYS) {
      if (!sameKnown(this.#session[key], wanted[key])) {
        keys.push(key)
        statements.push(sessionStatement(key, wanted[key]))
      }
    }
    if (keys.length === 0) {
      return 0
    }
    const sql = statements.join('; ')
    try {
      await this.client.query(sql)
    } catch (error) {
      for (const key of keys) {
        this.#session[key] = UNKNOWN
      }
      recordSessionFailure(error, sql)
      await this.settleAfterError(error)
      throw error
    }
    if (status === 'transaction') {
      const before = (this.#beforeTransaction ??= new Map())
      for (const key of keys) {
        if (!before.has(key)) {
          before.set(key, this.#session[key])
        }
      }
    }
    for (const key of keys) {
      this.#session[key] = wanted[key] ?? null
    }
    return keys.length
  }

  /**
   * Forgets what session parameters are, after SQL the connection did not
   * write (a raw `SET`/`RESET`) may have changed them; the next
   * {@link ensureSession} sends every forgotten key it wants. With no
   * argument every key is forgotten.
   *
   * ```ts
   * await connection.query("set statement_timeout to 0")
   * connection.markSessionUnknown(['statementTimeoutMs'])
   * ```
   */
  markSessionUnknown(keys: readonly SessionKey[] = SESSION_KEYS): void {
    for (const key of keys) {
      this.#session[key] = UNKNOWN
      this.#beforeTransaction?.delete(key)
    }
  }

  /**
   * Records that user SQL (`RESET x`, `RESET ALL`, `DISCARD ALL`) put these
   * keys back to the server default. Inside a transaction a rollback could
   * undo it, so there the keys become unknown instead.
   *
   * ```ts
   * await connection.query('reset all')
   * connection.markSessionReset(SESSION_KEYS)
   * ```
   */
  markSessionReset(keys: readonly SessionKey[]): void {
    if (this.transactionStatus !== 'idle') {
      this.markSessionUnknown(keys)
      return
    }
    for (const key of keys) {
      this.#session[key] = null
    }
  }

  /** Takes the connection's turn if it is free; true when taken. */
  tryLock(): boolean {
    if (this.#busy) {
      return false
    }
    this.#busy = true
    return true
  }

  /** Waits for the connection's turn (first come, first served) and takes it. */
  lock(): Promise<void> {
    if (this.tryLock()) {
      return Promise.resolve()
    }
    return new Promise((resolve) => this.#turns.push(resolve))
  }

  /** Passes the turn to the next waiter, or frees it. */
  unlock(): void {
    const next = this.#turns.shift()
    if (next === undefined) {
      this.#busy = false
    } else {
      next()
    }
  }

  /**
   * Marks the connection as unusable; the pool destroys it on release.
   * @internal
   */
  markBroken(): void {
    this.#broken = true
  }

  /**
   * Marks the connection as closed by its pool under its holder (see
   * {@link closedByPool}); it is broken from then on.
   * @internal
   */
  markClosedByPool(): void {
    this.#broken = true
    this.#closedByPool = true
  }

  /**
   * Call after every statement run on {@link client} directly: when it
   * ended a transaction that changed session keys, a COMMIT keeps them, a
   * ROLLBACK restores their earlier values, and anything else (no result,
   * as after a cursor) makes them unknown. Cheap when nothing is pending.
   * @internal
   */
  settleSession(result?: pg.QueryResult | pg.QueryResult[]): void {
    const before = this.#beforeTransaction
    if (before === null || this.transactionStatus !== 'idle') {
      return
    }
    this.#beforeTransaction = null
    const last = Array.isArray(result) ? result[result.length - 1] : result
    if (last?.command === 'COMMIT') {
      return
    }
    // Rolled back: the server put those keys back to their values from
    // before the transaction. Any other ending is not known for sure.
    const rolledBack = last?.command === 'ROLLBACK'
    for (const [key, value] of before) {
      this.#session[key] = rolledBack ? value : UNKNOWN
    }
  }

  /**
   * After a failed statement: waits for the server's ReadyForQuery (pg
   * rejects on ErrorResponse, before it), so the transaction status is the
   * real one; marks the connection broken on a connection-level failure.
   * @internal
   */
  async settleAfterError(error: unknown): Promise<void> {
    if (isConnectionFailure(error) || this.client.connection.stream.destroyed) {
      this.#broken = true
    }
    if (
      !this.#broken &&
      (this.client as ClientInternals).readyForQuery === false
    ) {
      await new Promise<void>((resolve) => {
        const done = () => {
          this.client.connection.removeListener('readyForQuery', done)
          this.client.removeListener('end', done)
          resolve()
        }
        this.client.connection.once('readyForQuery', done)
        this.client.once('end', done)
      })
    }
    const before = this.#beforeTransaction
    if (before !== null && this.transactionStatus === 'idle') {
      // The transaction ended with this error: it was rolled back.
      this.#beforeTransaction = null
      for (const [key, value] of before) {
        this.#session[key] = value
      }
    }
  }

  /** @internal */
  get idleSince(): number {
    return this.#idleSince
  }

  /** @internal */
  markIdle(now: number): void {
    this.#idleSince = now
  }

  #onSocketError = (error: unknown): void => {
    this.#fail(error)
  }

  #onSocketEnd = (): void => {
    this.#fail(new Error('Connection ended'))
  }

  #fail(error: unknown): void {
    this.#broken = true
    if (this.#reported) {
      return
    }
    this.#reported = true
    try {
      this.#hooks.onBroken(this, error)
    } catch {
      // The pool's bookkeeping must not throw into pg's event loop.
    }
  }
}

function sameKnown(
  current: KnownValue,
  wanted: SessionSettings[SessionKey],
): boolean {
  return current !== UNKNOWN && sameSessionValue(current, wanted)
}
