import {
  CompiledQuery,
  type DatabaseConnection,
  type Driver,
  type TransactionSettings,
} from 'kysely'
import pg from 'pg'

import {
  loginProviderOf,
  type Login,
  type LoginProvider,
} from '../auth/index.js'
import { toPgClientConfig, type RedshiftConfig } from '../config/index.js'
import {
  mapRedshiftError,
  PoolClosedError,
  PoolTimeoutError,
  type RedshiftError,
} from '../errors/index.js'
import {
  mergeSessionSettings,
  RedshiftPool,
  type PooledConnection,
  type SessionSettings,
} from '../pool/index.js'
import { EndpointCircuitBreaker } from '../resilience/endpoint-circuit-breaker.js'
import { mayRetryConnect } from '../resilience/retry-rules.js'
import { RetrySchedule, sleep } from '../resilience/retry-schedule.js'
import { DeadlineSweeper } from '../resilience/statement-clock.js'
import {
  createStatementObserver,
  NO_OBSERVER,
  type StatementObserver,
} from '../telemetry/index.js'
import { createTypeParsers } from '../types/index.js'
import { savepointsUnsupported } from './transaction-statements.js'
import {
  RedshiftConnection,
  type ConnectionContext,
  type EarlierRetry,
} from './redshift-connection.js'

/** Options of {@link RedshiftDriver}. */
export interface RedshiftDriverOptions {
  /**
   * A pool to use instead of one built from the config. The driver starts
   * it on init and drains it on destroy.
   */
  readonly pool?: RedshiftPool
}

// Kysely recognizes a transaction the server rolled back instead of
// committing by this registered symbol (its AbortedTransactionError is not
// exported in 0.28), and then skips the pointless ROLLBACK.
const ABORTED_TRANSACTION = Symbol.for('kysely.AbortedTransactionError')

const BEGIN = CompiledQuery.raw('begin')
const COMMIT = CompiledQuery.raw('commit')
const ROLLBACK = CompiledQuery.raw('rollback')
const RELEASED: Promise<void> = Promise.resolve()

// Passwords remembered for redaction: enough for a few rotations of IAM
// credentials overlapping in the pool.
const MAX_SECRETS = 8

/**
 * Kysely's driver for Redshift, on a {@link RedshiftPool} of pg clients.
 *
 * - Every connection is opened with a fresh password from the config's
 *   provider, with this package's type parsers installed on the client.
 * - Each statement brings the session to what it wants (config `session`,
 *   overridden by {@link QuerySettingsPlugin}) with at most one extra round
 *   trip, and only when the session differs.
 * - Every error is a {@link RedshiftError} (`mapRedshiftError`), without
 *   secrets; a connection that lost its session is never reused.
 * - Transactions refuse what Redshift would silently change: READ
 *   UNCOMMITTED/COMMITTED and REPEATABLE READ (run as SERIALIZABLE), and
 *   SNAPSHOT on a database that is not SNAPSHOT. There are no savepoints.
 * - Policies from the config: getting a connection is retried after a
 *   refused or lost connect (`retry`), a failed statement is retried when it
 *   is safe (see `mayRetryStatement`), new connections go through the
 *   endpoint's circuit breaker (`circuitBreaker`), and statements have a
 *   time limit enforced with a cancel on the server (`queryTimeoutMs`,
 *   `withQuerySettings(db, { timeoutMs })`). None costs anything on a
 *   statement that succeeds, beyond one timer when it has a time limit.
 *
 * ```ts
 * const db = new Kysely<DB>({
 *   dialect: {
 *     createDriver: () => new RedshiftDriver(parseRedshiftConfig(url)),
 *     // ...adapter, compiler, introspector
 *   },
 * })
 * ```
 */
export class RedshiftDriver implements Driver {
  readonly #config: RedshiftConfig
  #pool: RedshiftPool | undefined
  readonly #connections = new WeakMap<PooledConnection, RedshiftConnection>()
  readonly #wanted = new WeakMap<
    Readonly<SessionSettings>,
    Readonly<SessionSettings>
  >()
  readonly #secrets: string[] = []
  #context: ConnectionContext | undefined
  #login: LoginProvider | undefined
  #observer: StatementObserver = NO_OBSERVER
  #destroyed = false
  readonly #retry: RetrySchedule
  readonly #breaker: EndpointCircuitBreaker | undefined
  readonly #deadlines = new DeadlineSweeper()

  constructor(config: RedshiftConfig, options: RedshiftDriverOptions = {}) {
    this.#config = config
    this.#pool = options.pool
    this.#retry = new RetrySchedule(config.retry)
    this.#breaker = config.circuitBreaker.enabled
      ? new EndpointCircuitBreaker(
          `${config.host}:${config.port}`,
          config.circuitBreaker,
        )
      : undefined
  }

  /**
   * The circuit breaker guarding new connections, when the config turns it
   * on (`circuitBreaker`).
   */
  get circuitBreaker(): EndpointCircuitBreaker | undefined {
    return this.#breaker
  }

  /** The pool, built from the config on first use unless one was given. */
  get pool(): RedshiftPool {
    return (this.#pool ??= this.#createPool())
  }

  /** True once {@link destroy} was called: the driver gives out no more connections. */
  get destroyed(): boolean {
    return this.#destroyed
  }

  /**
   * Throws PoolClosedError once the driver was destroyed. Every way in to a
   * connection checks it, so a destroyed driver never opens a pool again.
   *
   * ```ts
   * await driver.destroy()
   * driver.assertOpen() // throws PoolClosedError
   * ```
   */
  assertOpen(): void {
    if (this.#destroyed) {
      throw new PoolClosedError(
        'The Redshift client was closed (close() or destroy()) and runs no more queries',
      )
    }
  }

  async init(): Promise<void> {
    this.assertOpen()
    try {
      await this.pool.start()
    } catch (error) {
      throw mapRedshiftError(error, { secrets: this.#secrets })
    }
  }

  acquireConnection(options?: {
    readonly signal?: AbortSignal
  }): Promise<DatabaseConnection> {
    // The common case, an idle connection, is answered without awaiting
    // anything: an async path would cost Kysely's awaiting caller extra
    // promise turns on every query.
    if (!this.#destroyed && options?.signal?.aborted !== true) {
      const started = performance.now()
      const pooled = this.pool.tryAcquire()
      if (pooled !== undefined) {
        const waitMs = performance.now() - started
        this.#observer.connectionWait(waitMs, 'acquired')
        return Promise.resolve(this.#holderOf(pooled, waitMs, undefined))
      }
    }
    return this.#acquireWaiting(options)
  }

  /** An acquire that waits: for a connection released or opened, or after a retry. */
  async #acquireWaiting(
    options: { readonly signal?: AbortSignal } | undefined,
  ): Promise<DatabaseConnection> {
    this.assertOpen()
    const started = performance.now()
    let pooled: PooledConnection
    let retries: EarlierRetry[] | undefined
    try {
      pooled = await this.pool.acquire(options)
      this.#observer.connectionWait(performance.now() - started, 'acquired')
    } catch (error) {
      const failure = this.#acquireFailed(error, options, started)
      // Nothing was sent yet, so any statement may wait for a connection
      // that is refused now and works a moment later.
      retries = []
      pooled = await this.#acquireAgain(failure, options, retries)
    }
    return this.#holderOf(pooled, performance.now() - started, retries)
  }

  /** The connection Kysely holds for `pooled`, told how it was acquired. */
  #holderOf(
    pooled: PooledConnection,
    waitMs: number,
    retries: readonly EarlierRetry[] | undefined,
  ): RedshiftConnection {
    let connection = this.#connections.get(pooled)
    if (connection === undefined) {
      connection = new RedshiftConnection(pooled, this.#connectionContext())
      this.#connections.set(pooled, connection)
    }
    connection.acquired(waitMs, retries)
    return connection
  }

  /** One acquire from the pool, reported to the observer, errors mapped. */
  async #acquireOnce(
    options: { readonly signal?: AbortSignal } | undefined,
    started = performance.now(),
  ): Promise<PooledConnection> {
    try {
      const pooled = await this.pool.acquire(options)
      this.#observer.connectionWait(performance.now() - started, 'acquired')
      return pooled
    } catch (error) {
      throw this.#acquireFailed(error, options, started)
    }
  }

  /**
   * Reports a failed acquire and returns its error to throw: mapped, or the
   * caller's own abort reason unchanged (it is never retried).
   */
  #acquireFailed(
    error: unknown,
    options: { readonly signal?: AbortSignal } | undefined,
    started: number,
  ): unknown {
    if (options?.signal?.aborted && error === options.signal.reason) {
      this.#observer.connectionWait(performance.now() - started, 'error')
      return error
    }
    const mapped = mapRedshiftError(error, { secrets: this.#secrets })
    this.#observer.connectionWait(
      performance.now() - started,
      mapped instanceof PoolTimeoutError ? 'timeout' : 'error',
    )
    return mapped
  }

  /** Retries a failed acquire while the retry rules and the config allow. */
  async #acquireAgain(
    error: unknown,
    options: { readonly signal?: AbortSignal } | undefined,
    retries: EarlierRetry[],
  ): Promise<PooledConnection> {
    const signal = options?.signal
    let attempts: ReturnType<RetrySchedule['start']> | undefined
    for (;;) {
      if (!this.#retry.enabled || signal?.aborted || !mayRetryConnect(error)) {
        throw error
      }
      attempts ??= this.#retry.start()
      const attempt = attempts.attempt
      const delayMs = attempts.next()
      if (delayMs === undefined) {
        throw error
      }
      retries.push({ attempt, error, delayMs })
      await sleep(delayMs, signal)
      this.assertOpen()
      try {
        return await this.#acquireOnce(options)
      } catch (next) {
        error = next
      }
    }
  }

  async beginTransaction(
    connection: DatabaseConnection,
    settings: TransactionSettings,
  ): Promise<void> {
    const { isolationLevel, accessMode } = settings
    if (isolationLevel === undefined && accessMode === undefined) {
      await (connection as RedshiftConnection).control(BEGIN, 'begin')
      return
    }
    await (connection as RedshiftConnection).begin(isolationLevel, accessMode)
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    const { rows } = await (connection as RedshiftConnection).control<{
      command?: string
    }>(COMMIT, 'commit')
    // A transaction that had failed is ended by COMMIT with a ROLLBACK tag.
    if (rows[0]?.command === 'ROLLBACK') {
      const failure = (connection as RedshiftConnection).transactionFailure
      const error = !(failure instanceof Error)
        ? new Error('Transaction was rolled back instead of committed')
        : new Error(
            `Transaction was rolled back instead of committed: a statement in it had failed (${failure.message})`,
            { cause: failure },
          )
      // Its cause lets the retrying transaction run the callback again when
      // that failure was a serialization conflict the callback caught.
      throw Object.assign(error, {
        name: 'AbortedTransactionError',
        [ABORTED_TRANSACTION]: true,
      })
    }
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    // A lost session took its transaction with it (the server rolls back on
    // disconnect): a ROLLBACK could only fail, and Kysely would throw its
    // error in place of the one that says what happened.
    if ((connection as RedshiftConnection).pooled.broken) {
      return
    }
    try {
      await (connection as RedshiftConnection).control(ROLLBACK, 'rollback')
    } catch (error) {
      // Whatever state it is in, it must not be handed out again.
      ;(connection as RedshiftConnection).pooled.markBroken()
      throw error
    }
  }

  // Redshift has no SAVEPOINT / ROLLBACK TO / RELEASE. Defining these makes
  // the refusal ours (naming the alternative) instead of Kysely's generic
  // "not supported by this driver".
  async savepoint(): Promise<void> {
    throw savepointsUnsupported()
  }

  async rollbackToSavepoint(): Promise<void> {
    throw savepointsUnsupported()
  }

  async releaseSavepoint(): Promise<void> {
    throw savepointsUnsupported()
  }

  releaseConnection(connection: DatabaseConnection): Promise<void> {
    // Synchronous underneath: one shared settled promise, none allocated.
    this.pool.release((connection as RedshiftConnection).pooled)
    return RELEASED
  }

  /**
   * Drains the pool: waits for connections in use, up to the acquire
   * timeout (streams left unfinished are not waited for). From then on the
   * driver refuses every connection with PoolClosedError, even when it was
   * never used and has no pool yet.
   */
  async destroy(): Promise<void> {
    this.#destroyed = true
    const pool = this.#pool
    if (pool !== undefined) {
      await pool.drain(this.#config.pool.acquireTimeoutMs)
    }
    this.#deadlines.stop()
  }

  #createPool(): RedshiftPool {
    const config = this.#config
    const parsers = createTypeParsers(config.types)
    const pool = new RedshiftPool({
      min: config.pool.min,
      max: config.pool.max,
      acquireTimeoutMs: config.pool.acquireTimeoutMs,
      idleTimeoutMs: config.pool.idleTimeoutMs,
      maxLifetimeMs: config.pool.maxLifetimeMs,
      evictionIntervalMs: config.pool.evictionIntervalMs,
      baseline: sessionOf(config),
      connect: () => {
        const breaker = this.#breaker
        // While the endpoint's circuit is open this fails at once, and no
        // connection is attempted.
        return breaker === undefined
          ? this.#connect(parsers)
          : breaker.connect(() => this.#connect(parsers))
      },
    })
    this.#observer = createStatementObserver(config, pool)
    return pool
  }

  /** Opens one pg client, logged in with a fresh password; errors mapped. */
  async #connect(
    parsers: ReturnType<typeof createTypeParsers>,
  ): Promise<pg.Client> {
    try {
      const provider = (this.#login ??= loginProviderOf(this.#config))
      const login = await this.#fetchLogin(provider)
      try {
        return await this.#open(login, parsers)
      } catch (error) {
        // A temporary password can expire between fetch and login: the
        // refused one is dropped and a fresh one tried, once.
        if (provider.invalidate === undefined || !isLoginRefused(error)) {
          throw error
        }
        provider.invalidate(login)
        return await this.#open(await this.#fetchLogin(provider), parsers)
      }
    } catch (error) {
      // Mapped here, not only in acquire: the pool also hands this error
      // to its 'error' listeners (and to whichever caller waits), and
      // those must not see a password or key either.
      throw mapRedshiftError(error, { secrets: this.#secrets })
    }
  }

  // Asked for every connection, so rotating credentials (IAM) are always
  // fresh.
  async #fetchLogin(provider: LoginProvider): Promise<Login> {
    const login = await answerWithin(
      provider.login(),
      this.#config.pool.connectTimeoutMs,
    )
    if (login.password !== undefined && login.password !== '') {
      this.#remember(login.password)
    }
    return login
  }

  async #open(
    login: Login,
    parsers: ReturnType<typeof createTypeParsers>,
  ): Promise<pg.Client> {
    const client = new pg.Client(toPgClientConfig(this.#config, login, parsers))
    // Until the pool holds the client, an 'error' must not go unheard (pg
    // would throw it from its socket handler).
    client.on('error', ignore)
    await client.connect()
    return client
  }

  #connectionContext(): ConnectionContext {
    return (this.#context ??= {
      baseline: this.pool.baseline,
      fetchSize: this.#config.fetchSize,
      database: this.#config.database,
      wanted: (perQuery) => {
        let merged = this.#wanted.get(perQuery)
        if (merged === undefined) {
          merged = mergeSessionSettings(this.pool.baseline, perQuery)
          this.#wanted.set(perQuery, merged)
        }
        return merged
      },
      secrets: () => this.#secrets,
      observer: () => this.#observer,
      retry: this.#retry,
      queryTimeoutMs: this.#config.queryTimeoutMs,
      cancelTimeoutMs: this.#config.cancelTimeoutMs,
      deadlines: this.#deadlines,
      cancelTarget: (connection) => {
        const client = connection.client as unknown as {
          readonly processID: number
          readonly secretKey: number
        }
        return {
          host: this.#config.host,
          port: this.#config.port,
          pid: client.processID,
          secret: client.secretKey,
        }
      },
      replace: (broken, holder) => this.#replace(broken, holder),
      connectionLost: (error: RedshiftError) => {
        this.#breaker?.recordFailure(error)
      },
    })
  }

  /**
   * Swaps the lost connection under `holder` for a fresh one. Kysely keeps
   * holding `holder` and later releases `holder.pooled`, which is then the
   * fresh one; the map from pooled connections to their holders follows.
   */
  async #replace(
    broken: PooledConnection,
    holder: RedshiftConnection,
  ): Promise<PooledConnection> {
    this.pool.release(broken)
    this.#connections.delete(broken)
    this.assertOpen()
    const fresh = await this.#acquireOnce(undefined)
    this.#connections.set(fresh, holder)
    return fresh
  }

  #remember(secret: string): void {
    if (this.#secrets.includes(secret)) {
      return
    }
    this.#secrets.push(secret)
    if (this.#secrets.length > MAX_SECRETS) {
      this.#secrets.shift()
    }
  }
}

function sessionOf(config: RedshiftConfig): SessionSettings {
  const { queryGroup, statementTimeoutMs, searchPath } = config.session
  return { queryGroup, statementTimeoutMs, searchPath }
}

function ignore(): void {}

// invalid_password / invalid_authorization_specification: the server
// refused the login itself, not the network.
function isLoginRefused(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code
  return code === '28P01' || code === '28000'
}

/**
 * The password provider's answer, or a failure once `ms` have passed. The
 * connect timeout covers the whole opening of a connection: a provider that
 * never answers (an IAM call stuck on the network) would otherwise keep the
 * opening pending forever, and the pool's close waits for every opening.
 */
function answerWithin<T>(answer: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(new Error(`The login provider did not answer within ${ms} ms`)),
      ms,
    )
  })
  // A rejection that arrives after the deadline has nobody left to hear it.
  answer.catch(ignore)
  return Promise.race([answer, late]).finally(() => clearTimeout(timer))
}
