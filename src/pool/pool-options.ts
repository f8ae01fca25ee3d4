import type pg from 'pg'

import type { PooledConnection } from './pooled-connection.js'
import type { SessionSettings } from './session-settings.js'

/**
 * How a {@link RedshiftPool} sizes, ages and opens its connections.
 *
 * ```ts
 * const options: PoolOptions = {
 *   min: 1,
 *   max: 10,
 *   acquireTimeoutMs: 30_000,
 *   idleTimeoutMs: 600_000,
 *   maxLifetimeMs: 3_600_000,
 *   connect: async () => {
 *     const client = new pg.Client({ connectionString: url })
 *     client.on('error', () => {}) // the pool reports errors once it has the client
 *     await client.connect()
 *     return client
 *   },
 * }
 * ```
 */
export interface PoolOptions {
  /** Connections opened by `start()` and kept open. */
  readonly min: number
  /** Upper bound on open plus opening connections. */
  readonly max: number
  /** How long `acquire()` waits before failing with PoolTimeoutError. */
  readonly acquireTimeoutMs: number
  /** An idle connection older than this (in idle time) is closed, then replaced up to `min`. */
  readonly idleTimeoutMs: number
  /** A connection older than this is closed when it is next idle. */
  readonly maxLifetimeMs: number
  /** How often idle connections are checked; defaults to the smaller timeout, at most 10 s. */
  readonly evictionIntervalMs?: number
  /**
   * Opens one CONNECTED client. Called for every new connection, so a
   * password provider inside it is asked each time (fresh IAM credentials).
   *
   * Attach an 'error' listener to the client before `connect()`: the server
   * can end a session in the same packet that completes its start-up, before
   * the pool has the client, and pg throws an 'error' nobody listens to.
   */
  readonly connect: () => Promise<pg.Client>
  /** The session parameters a query gets when it asks for nothing else. */
  readonly baseline?: SessionSettings
}

/**
 * Counts at one instant; `size` is `idle + inUse` (open connections).
 *
 * ```ts
 * const { size, inUse, waiting } = pool.stats()
 * ```
 */
export interface PoolStats {
  readonly size: number
  readonly idle: number
  readonly inUse: number
  /** Callers waiting in `acquire()`. */
  readonly waiting: number
  /** Connections being opened. */
  readonly pending: number
}

/**
 * Why the pool closed a connection: its session failed (`broken`), it was
 * released inside a transaction or a failed one (`transaction`) or with a
 * statement still running (`busy`), it outlived `maxLifetimeMs`
 * (`lifetime`) or `idleTimeoutMs` (`idle`), or the pool is closing.
 *
 * ```ts
 * pool.on('destroy', (connection, reason) => metrics.count(`pool.destroy.${reason}`))
 * ```
 */
export type DestroyReason =
  'broken' | 'transaction' | 'busy' | 'lifetime' | 'idle' | 'closed'

/**
 * Events of a {@link RedshiftPool}. Listeners run synchronously; an
 * exception thrown by one is reported as an 'error' event (or dropped when
 * nobody listens) and never reaches the pool's own bookkeeping. 'error' is
 * only emitted when someone listens, so an unheard one never throws.
 *
 * ```ts
 * pool.on('error', (error, connection) => log.warn({ pid: connection?.backendPid }, String(error)))
 * ```
 */
export interface PoolEvents {
  connect: [connection: PooledConnection]
  acquire: [connection: PooledConnection]
  release: [connection: PooledConnection]
  /** Emitted once the client has been closed. */
  destroy: [connection: PooledConnection, reason: DestroyReason]
  error: [error: unknown, connection?: PooledConnection]
  /** Emitted once, when the pool has closed every connection (`close()` / `drain()`). */
  close: []
}
