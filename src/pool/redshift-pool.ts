import { EventEmitter } from 'node:events'

import type pg from 'pg'

import { PoolClosedError, PoolTimeoutError } from '../errors/index.js'
import type {
  DestroyReason,
  PoolEvents,
  PoolOptions,
  PoolStats,
} from './pool-options.js'
import {
  PooledConnection,
  type PooledConnectionHooks,
} from './pooled-connection.js'
import { DEFAULT_SESSION, type SessionSettings } from './session-settings.js'
import { WaiterQueue } from './waiter-queue.js'

type PoolState = 'open' | 'draining' | 'closed'

/** Fields pg keeps on its Client but does not declare in its types. */
interface ClientInternals {
  readonly readyForQuery?: boolean
}

/**
 * A pool of pg clients for Redshift.
 *
 * - `min` connections are opened by {@link start} and kept; more are opened
 *   on demand up to `max`.
 * - Callers wait first-in first-out, each until the acquire timeout, with no
 *   polling: a released or new connection goes straight to the head waiter.
 * - A connection is never handed out again when its socket failed, when the
 *   server ended its session, when it is inside a (failed) transaction, when
 *   a statement is still running on it, or past its lifetime; it is closed
 *   and replaced instead.
 * - One unref'd timer closes connections idle longer than `idleTimeoutMs`
 *   and those past `maxLifetimeMs`, then tops the pool up to `min`.
 *
 * ```ts
 * const pool = new RedshiftPool({ min: 1, max: 10, acquireTimeoutMs: 5_000,
 *   idleTimeoutMs: 60_000, maxLifetimeMs: 3_600_000, connect })
 * await pool.start()
 * const connection = await pool.acquire()
 * try {
 *   await connection.query('select 1')
 * } finally {
 *   pool.release(connection)
 * }
 * await pool.drain(10_000)
 * ```
 */
export class RedshiftPool extends EventEmitter<PoolEvents> {
  readonly #options: PoolOptions
  readonly #baseline: Readonly<SessionSettings>
  // A stack: the most recently released connection is reused first, so the
  // ones at the bottom stay idle and age out when traffic drops.
  readonly #idle: PooledConnection[] = []
  readonly #inUse = new Set<PooledConnection>()
  readonly #waiters: WaiterQueue<PooledConnection>
  readonly #closing = new Set<Promise<void>>()
  readonly #opening = new Set<Promise<void>>()
  readonly #hooks: PooledConnectionHooks
  #state: PoolState = 'open'
  #closeEmitted = false
  #started: Promise<void> | undefined
  #evictionTimer: NodeJS.Timeout | undefined
  // Drain calls waiting for the last connection in use to come back.
  readonly #onQuiet = new Set<() => void>()

  constructor(options: PoolOptions) {
    super()
    validateOptions(options)
    this.#options = Object.freeze({ ...options })
    this.#baseline = Object.freeze({ ...(options.baseline ?? DEFAULT_SESSION) })
    this.#waiters = new WaiterQueue(() => {
      const stats = this.stats()
      return new PoolTimeoutError({
        timeoutMs: options.acquireTimeoutMs,
        size: stats.size,
        inUse: stats.inUse,
        idle: stats.idle,
        // The caller that timed out is still counted in the queue.
        waiting: Math.max(0, stats.waiting - 1),
      })
    })
    this.#hooks = { onBroken: this.#onBroken, onParked: this.#onParked }
  }

  /** The session parameters queries get unless they ask for others. */
  get baseline(): Readonly<SessionSettings> {
    return this.#baseline
  }

  /** The options the pool was built with. */
  get options(): Readonly<PoolOptions> {
    return this.#options
  }

  /**
   * Opens `min` connections and starts the eviction timer. Resolves when
   * they are open; rejects with the first connection error (the pool stays
   * usable and `start()` can be called again).
   */
  start(): Promise<void> {
    if (this.#state !== 'open') {
      return Promise.reject(this.#closedError())
    }
    this.#startEviction()
    this.#started ??= this.#warmUp().catch((error: unknown) => {
      this.#started = undefined
      throw error
    })
    return this.#started
  }

  /**
   * Borrows a connection: an idle one if there is one, else a new one while
   * below `max`, else the next one released. Rejects with PoolTimeoutError
   * after `acquireTimeoutMs`, with the signal's reason when it aborts, and
   * with PoolClosedError once the pool is draining or closed.
   */
  acquire(options?: {
    readonly signal?: AbortSignal
  }): Promise<PooledConnection> {
    if (this.#state !== 'open') {
      return Promise.reject(this.#closedError())
    }
    const signal = options?.signal
    if (signal?.aborted) {
      return Promise.reject(signal.reason)
    }
    const idle = this.tryAcquire()
    if (idle !== undefined) {
      return Promise.resolve(idle)
    }
    const waiting = this.#waiters.enqueue(
      performance.now() + this.#options.acquireTimeoutMs,
      signal,
    )
    this.#replenish()
    return waiting
  }

  /**
   * Borrows an idle connection now, without waiting: `undefined` when none
   * is idle, when callers are already waiting (they come first), or when
   * the pool is not open. Idle connections found unusable on the way are
   * closed. The synchronous form of {@link acquire}'s first step, so that a
   * caller on the hot path pays no promise for the common case.
   *
   * ```ts
   * const connection = pool.tryAcquire() ?? (await pool.acquire())
   * ```
   */
  tryAcquire(): PooledConnection | undefined {
    if (
      this.#state !== 'open' ||
      this.#waiters.size > 0 ||
      this.#idle.length === 0
    ) {
      return undefined
    }
    const now = performance.now()
    let connection: PooledConnection | undefined
    while ((connection = this.#idle.pop()) !== undefined) {
      const reason = this.#unusable(connection, now, true)
      if (reason === undefined) {
        this.#inUse.add(connection)
        this.#emit('acquire', connection)
        return connection
      }
      this.#destroy(connection, reason)
    }
    return undefined
  }

  /**
   * Gives a connection back. It goes to the next waiter or the idle list,
   * unless it must not be reused (broken, inside a transaction, still
   * running a statement, past its lifetime), in which case it is closed and
   * replaced. Releasing a connection twice, or one that is not the pool's,
   * does nothing.
   */
  release(connection: PooledConnection): void {
    if (!this.#inUse.delete(connection)) {
      return
    }
    this.#emit('release', connection)
    const now = performance.now()
    const reason =
      this.#state === 'closed'
        ? 'closed'
        : this.#unusable(connection, now, false)
    if (reason !== undefined) {
      this.#destroy(connection, reason)
      this.#replenish()
    } else {
      connection.markIdle(now)
      this.#dispatch(connection)
    }
    this.#checkQuiet()
  }

  /**
   * Stops giving out connections to new callers, lets the ones waiting and
   * the ones in use finish for up to `timeoutMs`, then closes everything
   * (connections still in use at that point are closed under their users).
   * A connection whose holder is parked (a stream waiting for its consumer
   * to ask for more, see {@link PooledConnection.park}) is not waited for:
   * it is closed at once, or as soon as it parks.
   */
  async drain(timeoutMs: number): Promise<void> {
    if (this.#state === 'open') {
      this.#state = 'draining'
      this.#stopEviction()
      for (const connection of this.#idle.splice(0)) {
        this.#destroy(connection, 'closed')
      }
      this.#closeParked()
    }
    if (this.#state === 'draining' && !this.#isQuiet()) {
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer)
          this.#onQuiet.delete(done)
          resolve()
        }
        const timer = setTimeout(done, timeoutMs)
        this.#onQuiet.add(done)
      })
    }
    for (const connection of [...this.#inUse]) {
      this.#closeUnderHolder(connection)
    }
    await this.close()
  }

  /**
   * Closes the pool now: waiting callers get PoolClosedError, idle
   * connections and parked ones (see {@link drain}) are closed, other
   * connections in use are closed when released. Resolves once every
   * connection the pool closed (or was opening) is gone.
   */
  async close(): Promise<void> {
    this.#state = 'closed'
    this.#stopEviction()
    this.#waiters.failAll(this.#closedError())
    for (const connection of this.#idle.splice(0)) {
      this.#destroy(connection, 'closed')
    }
    this.#closeParked()
    while (this.#opening.size > 0 || this.#closing.size > 0) {
      await Promise.all([...this.#opening, ...this.#closing])
    }
    if (!this.#closeEmitted) {
      this.#closeEmitted = true
      this.#emit('close')
    }
  }

  /** Counts at this instant. */
  stats(): PoolStats {
    return {
      size: this.#idle.length + this.#inUse.size,
      idle: this.#idle.length,
      inUse: this.#inUse.size,
      waiting: this.#waiters.size,
      pending: this.#opening.size,
    }
  }

  async #warmUp(): Promise<void> {
    const missing =
      this.#options.min -
      (this.#idle.length + this.#inUse.size + this.#opening.size)
    const opened = await Promise.allSettled(
      Array.from({ length: Math.max(0, missing) }, () => this.#open()),
    )
    for (const result of opened) {
      if (result.status === 'rejected') {
        throw result.reason
      }
    }
  }

  /** Opens one connection and hands it out; rejects when opening fails. */
  #open(): Promise<void> {
    const opening = this.#connect().then(
      (client) => {
        this.#opening.delete(opening)
        const connection = new PooledConnection(client, this.#hooks)
        this.#emit('connect', connection)
        if (connection.broken) {
          this.#destroy(connection, 'broken')
          this.#replenish()
        } else {
          this.#dispatch(connection)
        }
        this.#checkQuiet()
      },
      (error: unknown) => {
        this.#opening.delete(opening)
        this.#emit('error', error)
        // Fail fast: the caller at the head learns why instead of waiting
        // for its timeout. A server that refuses connections is not retried
        // in a loop; the next acquire tries again.
        this.#waiters.failOne(error)
        this.#checkQuiet()
        throw error
      },
    )
    this.#opening.add(opening)
    return opening
  }

  async #connect(): Promise<pg.Client> {
    return this.#options.connect()
  }

  /** Opens what is missing: up to `min`, and one per unserved waiter, within `max`. */
  #replenish(): void {
    if (this.#state === 'closed') {
      return
    }
    const total = this.#idle.length + this.#inUse.size + this.#opening.size
    const forMin = this.#state === 'open' ? this.#options.min - total : 0
    const forWaiters = this.#waiters.size - this.#opening.size
    const wanted = Math.min(
      Math.max(forMin, forWaiters),
      this.#options.max - total,
    )
    for (let i = 0; i < wanted; i++) {
      this.#open().catch(ignore)
    }
  }

  #dispatch(connection: PooledConnection): void {
    if (this.#state === 'closed') {
      this.#destroy(connection, 'closed')
      return
    }
    if (this.#waiters.size > 0) {
      this.#inUse.add(connection)
      this.#emit('acquire', connection)
      this.#waiters.serve(connection)
      return
    }
    if (this.#state === 'draining') {
      this.#destroy(connection, 'closed')
      return
    }
    this.#idle.push(connection)
  }

  /** Why a connection must not be handed out (undefined when it may). */
  #unusable(
    connection: PooledConnection,
    now: number,
    borrowing: boolean,
  ): DestroyReason | undefined {
    if (connection.broken || connection.client.connection.stream.destroyed) {
      return 'broken'
    }
    if (connection.transactionStatus !== 'idle') {
      return 'transaction'
    }
    if (
      connection.busy ||
      (connection.client as ClientInternals).readyForQuery === false
    ) {
      return 'busy'
    }
    if (now - connection.createdAt >= this.#options.maxLifetimeMs) {
      return 'lifetime'
    }
    if (
      borrowing &&
      now - connection.idleSince >= this.#options.idleTimeoutMs
    ) {
      return 'idle'
    }
    return undefined
  }

  #destroy(connection: PooledConnection, reason: DestroyReason): void {
    connection.markBroken()
    // end() sends Terminate and waits for the server to close its side; a
    // server that vanished from the network never does, and close() waits
    // for every connection it closes. Past a grace period the socket goes.
    const stream = connection.client.connection.stream
    const cutOff = setTimeout(() => stream.destroy(), CLOSE_GRACE_MS).unref()
    const closing = connection.client
      .end()
      .catch(ignore)
      .then(() => {
        clearTimeout(cutOff)
        this.#closing.delete(closing)
        this.#emit('destroy', connection, reason)
        this.#checkQuiet()
      })
    this.#closing.add(closing)
  }

  #onParked = (connection: PooledConnection): void => {
    if (this.#state !== 'open' && this.#inUse.has(connection)) {
      this.#closeUnderHolder(connection)
      this.#checkQuiet()
    }
  }

  #closeParked(): void {
    for (const connection of this.#inUse) {
      if (connection.parked) {
        this.#closeUnderHolder(connection)
      }
    }
  }

  /**
   * Closes a connection its holder has not given back. Its later release
   * finds it gone and does nothing; its holder learns why from
   * `closedByPool` instead of a bare socket error.
   */
  #closeUnderHolder(connection: PooledConnection): void {
    this.#inUse.delete(connection)
    connection.markClosedByPool()
    this.#destroy(connection, 'closed')
  }

  #onBroken = (connection: PooledConnection, error: unknown): void => {
    const index = this.#idle.indexOf(connection)
    if (index >= 0) {
      this.#idle.splice(index, 1)
      this.#emit('error', error, connection)
      this.#destroy(connection, 'broken')
      this.#replenish()
    } else if (this.#inUse.has(connection)) {
      // Its user sees the failure; release closes it.
      this.#emit('error', error, connection)
    }
  }

  #startEviction(): void {
    if (this.#evictionTimer !== undefined) {
      return
    }
    const { idleTimeoutMs, maxLifetimeMs, evictionIntervalMs } = this.#options
    const interval =
      evictionIntervalMs ?? Math.min(10_000, idleTimeoutMs, maxLifetimeMs)
    this.#evictionTimer = setInterval(this.#evict, Math.max(1, interval))
    // Idle housekeeping must not keep the process alive.
    this.#evictionTimer.unref()
  }

  #stopEviction(): void {
    if (this.#evictionTimer !== undefined) {
      clearInterval(this.#evictionTimer)
      this.#evictionTimer = undefined
    }
  }

  #evict = (): void => {
    const now = performance.now()
    // Oldest first: the bottom of the stack has been idle the longest.
    for (let i = 0; i < this.#idle.length;) {
      const connection = this.#idle[i]!
      const reason = this.#unusable(connection, now, true)
      if (reason === undefined) {
        i++
      } else {
        this.#idle.splice(i, 1)
        this.#destroy(connection, reason)
      }
    }
    this.#replenish()
  }

  #isQuiet(): boolean {
    return (
      this.#inUse.size === 0 &&
      this.#waiters.size === 0 &&
      this.#opening.size === 0
    )
  }

  #checkQuiet(): void {
    if (this.#onQuiet.size > 0 && this.#isQuiet()) {
      for (const done of [...this.#onQuiet]) {
        done()
      }
    }
  }

  #closedError(): PoolClosedError {
    return new PoolClosedError(
      this.#state === 'draining'
        ? 'The connection pool is draining and gives out no more connections'
        : 'The connection pool is closed',
    )
  }

  /** Emits without ever throwing into the pool's own code paths. */
  #emit<K extends keyof PoolEvents>(event: K, ...args: PoolEvents[K]): void {
    if (this.listenerCount(event) === 0) {
      return
    }
    try {
      ;(this.emit as (event: K, ...args: PoolEvents[K]) => boolean)(
        event,
        ...args,
      )
    } catch (error) {
      if (event !== 'error' && this.listenerCount('error') > 0) {
        try {
          this.emit('error', error)
        } catch {
          // A throwing 'error' listener has nowhere left to report to.
        }
      }
    }
  }
}

/** How long a closed connection's server gets to close its side of the socket. */
const CLOSE_GRACE_MS = 1_000

function ignore(): void {}

function validateOptions(options: PoolOptions): void {
  const problems: string[] = []
  const wholeAtLeast = (name: keyof PoolOptions, least: number) => {
    const value = options[name]
    if (
      typeof value !== 'number' ||
      !Number.isInteger(value) ||
      value < least
    ) {
      problems.push(`${name} must be an integer >= ${least}`)
    }
  }
  wholeAtLeast('min', 0)
  wholeAtLeast('max', 1)
  wholeAtLeast('acquireTimeoutMs', 0)
  wholeAtLeast('idleTimeoutMs', 1)
  wholeAtLeast('maxLifetimeMs', 1)
  if (options.evictionIntervalMs !== undefined) {
    wholeAtLeast('evictionIntervalMs', 1)
  }
  if (options.min > options.max) {
    problems.push('min must not exceed max')
  }
  if (typeof options.connect !== 'function') {
    problems.push('connect must be a function returning a connected pg.Client')
  }
  if (problems.length > 0) {
    throw new RangeError(`Invalid pool options: ${problems.join('; ')}`)
  }
}
