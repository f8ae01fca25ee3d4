import { CompiledQuery, type QueryResult } from 'kysely'
import type pg from 'pg'
import Cursor from 'pg-cursor'

import {
  ConnectionLostError,
  mapRedshiftError,
  PoolClosedError,
  QueryTimeoutError,
  redactSecrets,
  RedshiftError,
  RedshiftUnsupportedError,
  UnknownOutcomeError,
} from '../errors/index.js'
import {
  failedSessionSql,
  type PooledConnection,
  type SessionSettings,
} from '../pool/index.js'
import {
  needsStatementSync,
  syncNamedStatements,
} from '../prepared/client-statements.js'
import { namedStatementOf } from '../prepared/named-statement.js'
import type {
  StatementInfo,
  StatementObservation,
  StatementObserver,
} from '../telemetry/index.js'
import {
  mayRetryStatement,
  type FailedStatement,
} from '../resilience/retry-rules.js'
import { sleep, type RetrySchedule } from '../resilience/retry-schedule.js'
import {
  sendCancelRequest,
  type CancelTarget,
} from '../resilience/send-cancel-request.js'
import {
  StatementClock,
  StatementExpired,
  type DeadlineSweeper,
} from '../resilience/statement-clock.js'
import { statementEffectOf } from '../resilience/statement-effect.js'
import { recordAbortCause } from '../resilience/transaction-abort-cause.js'
import type {
  GuardableConnection,
  TransactionGuard,
} from '../resilience/transaction-guard.js'
import { prepareValue } from '../types/index.js'
import {
  statementSettingsOf,
  type StatementSettings,
} from './query-settings-plugin.js'
import { NO_SESSION_CHANGE, sessionChangeOf } from './session-change.js'
import {
  beginStatement,
  needsDatabaseIsolation,
  type DatabaseIsolation,
} from './transaction-statements.js'

/** What every connection of one driver shares. */
export interface ConnectionContext {
  /** The session every query gets unless its own settings say otherwise. */
  readonly baseline: Readonly<SessionSettings>
  /** Rows per round trip when streaming and no chunk size is given. */
  readonly fetchSize: number
  /** The database name, to look up its isolation level. */
  readonly database: string
  /** The baseline with a query's own settings applied (memoized by the driver). */
  wanted(perQuery: Readonly<SessionSettings>): Readonly<SessionSettings>
  /** Values no error may contain (the passwords in use). */
  secrets(): readonly string[]
  /** Telemetry of the driver's statements. */
  observer(): StatementObserver
  /** When and how failed statements are run again (`retry` in the config). */
  readonly retry: RetrySchedule
  /** The config's `queryTimeoutMs` (0: none). */
  readonly queryTimeoutMs: number
  /** The config's `cancelTimeoutMs`. */
  readonly cancelTimeoutMs: number
  /** The driver's one timer for every running statement's time limit. */
  readonly deadlines: DeadlineSweeper
  /** Where a cancel request for this session goes. */
  cancelTarget(connection: PooledConnection): CancelTarget
  /**
   * Gives a broken connection back to the pool (which destroys it) and
   * takes a fresh one for `holder`, which Kysely goes on holding.
   */
  replace(
    broken: PooledConnection,
    holder: RedshiftConnection,
  ): Promise<PooledConnection>
  /** A connection was lost under a statement (the circuit breaker counts it). */
  connectionLost(error: RedshiftError): void
}

/** A failed attempt to get a connection, retried before the statement started. */
export interface EarlierRetry {
  readonly attempt: number
  readonly error: unknown
  readonly delayMs: number
}

/** What a statement is to the transaction and retry logic. */
type StatementRole = 'query' | 'begin' | 'commit' | 'rollback'

/** Where a statement stood when its last attempt failed. */
interface FailedAttempt extends FailedStatement {
  /** It is a COMMIT (the driver's, or `commit` / `end` sent as SQL). */
  readonly commits: boolean
}

/** Options of {@link RedshiftConnection.streamQuery} beyond Kysely's chunk size. */
export interface StreamOptions {
  /** Stops the stream: the portal is closed and the reason is thrown. */
  readonly signal?: AbortSignal
}

// Below two rows a portal read can fail on Redshift (`Invalid protocol
// sequence 'P' while in PortalSuspended state`).
const MIN_CHUNK_SIZE = 2

/**
 * One pooled connection as Kysely sees it. Each statement first brings the
 * session to what it wants (the baseline, or the settings recorded by
 * {@link QuerySettingsPlugin}), which sends nothing in the steady state,
 * then runs. Statements on one connection run one at a time, in order.
 *
 * ```ts
 * const result = await connection.executeQuery(CompiledQuery.raw('select 1 as one'))
 * result.rows // [{ one: 1 }]
 * ```
 */
export class RedshiftConnection implements GuardableConnection {
  // Replaced by a fresh one when a statement is retried after its
  // connection was lost; the driver keeps its map of pooled connections
  // right (see ConnectionContext.replace).
  #connection: PooledConnection
  readonly #context: ConnectionContext
  #isolation: DatabaseIsolation | undefined
  #poolWaitMs: number | undefined
  #earlierRetries: readonly EarlierRetry[] | undefined
  // Between the driver's BEGIN and its COMMIT / ROLLBACK.
  #inTransaction = false
  // The first statement that failed in the open transaction (it aborted it).
  #transactionFailure: unknown
  // Whether the last attempt's statement was written to the server.
  #sent = false
  #clock: StatementClock | undefined
  // A transaction helper's checks, from its BEGIN to its COMMIT / ROLLBACK.
  #guard: TransactionGuard | undefined

  constructor(connection: PooledConnection, context: ConnectionContext) {
    this.#connection = connection
    this.#context = context
  }

  /** The pooled connection underneath. */
  get pooled(): PooledConnection {
    return this.#connection
  }

  /**
   * Sends the protocol's CancelRequest for the statement this session runs
   * (or waits to run), on a TCP connection of its own: it needs no pooled
   * connection, so it works while every one is busy. Resolves once sent;
   * the statement's own promise tells whether it stopped.
   *
   * ```ts
   * await connection.cancelStatement()
   * ```
   */
  cancelStatement(): Promise<void> {
    return sendCancelRequest(
      this.#context.cancelTarget(this.#connection),
      this.#context.cancelTimeoutMs,
    )
  }

  /**
   * The driver handed this connection out after `waitMs` in the pool; the
   * next statement's telemetry carries that wait.
   * @internal
   */
  acquired(waitMs: number, retries?: readonly EarlierRetry[]): void {
    this.#poolWaitMs = waitMs
    this.#earlierRetries = retries
    // A transaction that ended without its COMMIT or ROLLBACK reaching
    // this connection (a lost session) must not guard the next holder's.
    this.#guard = undefined
  }

  /**
   * Checks every statement with `guard` until the open transaction ends
   * (see {@link TransactionGuard}): it sees what Kysely's plugins do not,
   * such as a `CompiledQuery` given to `trx.executeQuery()`.
   * @internal
   */
  guardTransaction(guard: TransactionGuard): void {
    this.#guard = guard
  }

  executeQuery<R>(compiledQuery: CompiledQuery): Promise<QueryResult<R>> {
    if (this.#guard !== undefined) {
      try {
        this.#guard.check(compiledQuery.sql)
      } catch (error) {
        return Promise.reject(error)
      }
    }
    return this.#observed<R>(compiledQuery, 'query', 'query')
  }

  /**
   * Runs a transaction-control statement (BEGIN, COMMIT, ROLLBACK) without
   * reconciling the session first: the next real statement does that, so a
   * transaction run with its own settings costs one SET, not two.
   * @internal
   */
  control<R>(
    compiledQuery: CompiledQuery,
    role: Exclude<StatementRole, 'query'> = controlRoleOf(compiledQuery.sql),
  ): Promise<QueryResult<R>> {
    return this.#observed<R>(compiledQuery, 'control', role)
  }

  async #observed<R>(
    compiledQuery: CompiledQuery,
    kind: StatementInfo['kind'],
    role: StatementRole,
  ): Promise<QueryResult<R>> {
    const observation = this.#observe(compiledQuery, kind)
    let result: QueryResult<R>
    try {
      try {
        result = await this.#run<R>(compiledQuery, role === 'query')
      } catch (error) {
        // Only a failure pays for the retry logic: the way that succeeds
        // allocates nothing for it.
        result = await this.#retry<R>(compiledQuery, role, error, observation)
      }
    } catch (error) {
      if (role !== 'query') {
        this.#inTransaction = false
        this.#guard = undefined
      } else if (this.#inTransaction) this.#transactionFailed(error)
      observation.failed(error)
      throw error
    }
    if (role !== 'query') {
      this.#guard = undefined
      this.#inTransaction = role === 'begin'
      if (role === 'begin') this.#transactionFailure = undefined
    }
    observation.succeeded(result)
    return result
  }

  /**
   * The statement that failed first in the transaction now ending, if any:
   * the reason a COMMIT answered with ROLLBACK.
   * @internal
   */
  get transactionFailure(): unknown {
    return this.#transactionFailure
  }

  // The first failure aborted the transaction; the 25P02 errors after it
  // carry it as their reason.
  #transactionFailed(error: unknown): void {
    if (this.#transactionFailure === undefined) {
      this.#transactionFailure = error
    } else if ((error as { code?: unknown }).code === '25P02') {
      recordAbortCause(error, this.#transactionFailure)
    }
  }

  /**
   * After the statement's first attempt failed with `error`: runs it again
   * while the retry rules allow it (see `mayRetryStatement`) and the
   * config's attempts and time last, on a fresh connection when the one it
   * had was lost. Rejects with the last failure, an unknown-outcome error
   * when a write's connection was lost after it was sent.
   */
  async #retry<R>(
    compiledQuery: CompiledQuery,
    role: StatementRole,
    error: unknown,
    observation: StatementObservation,
  ): Promise<QueryResult<R>> {
    const schedule = this.#context.retry
    let attempts: ReturnType<RetrySchedule['start']> | undefined
    for (;;) {
      const failed = this.#failedStatement(compiledQuery, role)
      if (!schedule.enabled || !mayRetryStatement(error, failed)) {
        throw this.#finalError(error, failed, role)
      }
      attempts ??= schedule.start()
      const attempt = attempts.attempt
      const delayMs = attempts.next()
      if (delayMs === undefined) {
        throw this.#finalError(error, failed, role)
      }
      observation.retrying(attempt, error, delayMs)
      await sleep(delayMs)
      try {
        if (this.#connection.broken) {
          this.#sent = false
          this.#connection = await this.#context.replace(this.#connection, this)
        }
        return await this.#run<R>(compiledQuery, role === 'query')
      } catch (next) {
        error = next
      }
    }
  }

  #failedStatement(
    compiledQuery: CompiledQuery,
    role: StatementRole,
  ): FailedAttempt {
    // The server's own status also catches a BEGIN sent as raw SQL; after a
    // lost connection it is the status from before the statement.
    const inTransaction =
      this.#inTransaction || this.#connection.transactionStatus !== 'idle'
    const commits =
      role === 'commit' ||
      (role === 'query' && inTransaction && COMMIT_TEXT.test(compiledQuery.sql))
    const repeatable =
      role === 'begin' ||
      (role === 'query' &&
        (statementSettingsOf(compiledQuery)?.idempotent ??
          statementEffectOf(compiledQuery) === 'read'))
    return { sent: this.#sent, inTransaction, repeatable, commits }
  }

  /**
   * The error a statement ends with. A connection lost after a write (or a
   * COMMIT) was sent leaves its outcome unknown, and says so; inside a
   * transaction the server rolls back what a lost session did, so any
   * other statement there keeps its ConnectionLostError.
   */
  #finalError(
    error: unknown,
    failed: FailedAttempt,
    role: StatementRole,
  ): unknown {
    if (
      !(error instanceof ConnectionLostError) ||
      error instanceof UnknownOutcomeError ||
      !failed.sent ||
      role === 'begin' ||
      role === 'rollback' ||
      (!failed.commits && (failed.inTransaction || failed.repeatable))
    ) {
      return error
    }
    const what = failed.commits
      ? 'the COMMIT was sent, so whether the transaction committed is unknown'
      : 'the statement was sent, so whether it ran is unknown (it was not retried: a write is retried only when marked idempotent)'
    return new UnknownOutcomeError(
      `The connection was lost after ${what}: ${error.message}`,
      {
        ...error,
        isRetryable: false,
        cause: error,
        backendPid: this.#connection.backendPid,
      },
    )
  }

  #observe(
    compiledQuery: CompiledQuery,
    kind: StatementInfo['kind'],
  ): StatementObservation {
    const poolWaitMs = this.#poolWaitMs
    this.#poolWaitMs = undefined
    const observation = this.#context
      .observer()
      .statement(
        poolWaitMs === undefined
          ? { compiled: compiledQuery, kind }
          : { compiled: compiledQuery, kind, poolWaitMs },
      )
    const retries = this.#earlierRetries
    if (retries !== undefined) {
      // Getting the connection was retried for this statement: its
      // observation spans those attempts too.
      this.#earlierRetries = undefined
      for (const { attempt, error, delayMs } of retries) {
        observation.retrying(attempt, error, delayMs)
      }
    }
    return observation
  }

  async #run<R>(
    compiledQuery: CompiledQuery,
    reconcile: boolean,
  ): Promise<QueryResult<R>> {
    const connection = this.#connection
    if (!connection.tryLock()) {
      await connection.lock()
    }
    const started = performance.now()
    const settings = statementSettingsOf(compiledQuery)
    const wanted = this.#wantedOf(settings)
    this.#sent = false
    try {
      if (reconcile && connection.needsSession(wanted)) {
        await connection.ensureSession(wanted)
      }
      const parameters = compiledQuery.parameters
      const values =
        parameters.length === 0 ? undefined : parameters.map(prepareValue)
      const named = namedStatementOf(compiledQuery)
      if (named !== undefined || needsStatementSync(connection.client)) {
        await syncNamedStatements(connection.client, named, compiledQuery.sql)
      }
      // A connection already gone refuses the statement without sending it.
      this.#sent = isQueryable(connection)
      // pg's client directly (not PooledConnection.query): one promise less
      // on the hot path; the same bookkeeping follows. A named statement is
      // parsed by pg once per client, then only bound and executed.
      const pending: Promise<pg.QueryResult | pg.QueryResult[]> =
        named === undefined
          ? connection.client.query(compiledQuery.sql, values)
          : connection.client.query({
              name: named.name,
              text: compiledQuery.sql,
              values: values ?? [],
            })
      const timeoutMs = reconcile ? this.#timeoutOf(settings) : 0
      // Only a statement with a time limit pays for the clock.
      const result =
        timeoutMs === 0 ? await pending : await this.#timed(pending, timeoutMs)
      connection.settleSession(result)
      const change = sessionChangeOf(compiledQuery.sql)
      if (change !== NO_SESSION_CHANGE) {
        connection.markSessionUnknown(change.unknown)
        connection.markSessionReset(change.reset)
      }
      return toQueryResult<R>(result)
    } catch (error) {
      await connection.settleAfterError(error)
      throw this.#mapError(error, compiledQuery.sql, wanted, started)
    } finally {
      connection.unlock()
    }
  }

  async *streamQuery<R>(
    compiledQuery: CompiledQuery,
    chunkSize?: number,
    options?: StreamOptions,
  ): AsyncIterableIterator<QueryResult<R>> {
    const rows = chunkSize ?? this.#context.fetchSize
    if (!Number.isInteger(rows) || rows <= 0) {
      throw new TypeError('chunkSize must be a positive integer')
    }
    const signal = options?.signal
    signal?.throwIfAborted()
    this.#guard?.check(compiledQuery.sql)
    const observation = this.#observe(compiledQuery, 'stream')
    let ended = false
    const connection = this.#connection
    if (!connection.tryLock()) {
      await connection.lock()
    }
    // The connection stays locked (pinned) until the stream is finished.
    const started = performance.now()
    const settings = statementSettingsOf(compiledQuery)
    const wanted = this.#wantedOf(settings)
    // Each chunk is one round trip: the limit applies to each, since the
    // time the consumer takes between chunks is not the statement's.
    const timeoutMs = this.#timeoutOf(settings)
    let cursor: Cursor<R> | undefined
    let portalGone = false
    try {
      if (connection.needsSession(wanted)) {
        await connection.ensureSession(wanted)
      }
      const parameters = compiledQuery.parameters
      cursor = connection.client.query(
        new Cursor<R>(
          compiledQuery.sql,
          parameters.length === 0 ? undefined : parameters.map(prepareValue),
        ),
      )
      const size = Math.max(MIN_CHUNK_SIZE, rows)
      for (;;) {
        signal?.throwIfAborted()
        const chunk =
          timeoutMs > 0
            ? await this.#timed(cursor.read(size), timeoutMs)
            : await cursor.read(size)
        if (chunk.length === 0) {
          break
        }
        signal?.throwIfAborted()
        observation.rows(chunk.length)
        // Between chunks the consumer decides when to go on, and may never
        // do so: a pool that is closing must not wait for it.
        connection.park()
        yield { rows: chunk }
        connection.unpark()
        if (connection.closedByPool) {
          throw closedByPoolError()
        }
      }
      ended = true
      observation.succeeded()
    } catch (error) {
      ended = true
      if (error === signal?.reason) {
        observation.failed(error)
        throw error
      }
      // A failed request was ended by the Sync pg-cursor sends on error,
      // which drops the portal on the server. Closing it again would wait
      // for a ReadyForQuery that never comes.
      portalGone = true
      await connection.settleAfterError(error)
      // The span and metrics see the typed error the caller gets.
      const mapped = this.#mapError(error, compiledQuery.sql, wanted, started)
      observation.failed(mapped)
      throw mapped
    } finally {
      // The consumer stopped early (`break`): the stream ended as asked.
      if (!ended) observation.succeeded()
      connection.unpark()
      // Every other way out (end, `break`, abort) closes the portal, so
      // nothing stays open on the server. A broken session took its portal
      // with it, and would never answer the close.
      if (cursor !== undefined && !portalGone && !connection.broken) {
        try {
          await closeCursor(cursor, connection.client)
        } catch {
          connection.markBroken()
        }
      }
      connection.settleSession()
      connection.unlock()
    }
  }

  /**
   * Sends the statement that opens a transaction with these settings, after
   * checking what Redshift would do with them.
   * @internal
   */
  async begin(
    isolationLevel: string | undefined,
    accessMode: string | undefined,
  ): Promise<void> {
    const request = { isolationLevel, accessMode }
    if (needsDatabaseIsolation(request)) {
      this.#isolation ??= await this.#readDatabaseIsolation()
    }
    const sql = beginStatement(request, {
      name: this.#context.database,
      isolation: this.#isolation,
    })
    await this.control(CompiledQuery.raw(sql))
  }

  async #readDatabaseIsolation(): Promise<DatabaseIsolation> {
    let rows: Array<{ level: string }>
    try {
      // The name comes from the config as a bind value: current_database()
      // is a leader-node function that Redshift refuses next to STV views.
      const result = await this.executeQuery<{ level: string }>(
        CompiledQuery.raw(
          'select trim(isolation_level) as level from stv_db_isolation_level where trim(db_name) = $1',
          [this.#context.database],
        ),
      )
      rows = result.rows
    } catch (error) {
      if (error instanceof RedshiftError && error.code === '42P01') {
        throw new RedshiftUnsupportedError({
          feature:
            'a SNAPSHOT transaction on a server without STV_DB_ISOLATION_LEVEL (the isolation level cannot be checked)',
          alternative: "'serializable' or no isolation level",
        })
      }
      throw error
    }
    const level = rows[0]?.level.toLowerCase() ?? ''
    return level.startsWith('snapshot') ? 'snapshot' : 'serializable'
  }

  #wantedOf(
    settings: StatementSettings | undefined,
  ): Readonly<SessionSettings> {
    const perQuery = settings?.session
    return perQuery === undefined
      ? this.#context.baseline
      : this.#context.wanted(perQuery)
  }

  #timeoutOf(settings: StatementSettings | undefined): number {
    const own = settings?.timeoutMs
    return own === undefined ? this.#context.queryTimeoutMs : (own ?? 0)
  }

  /**
   * `work` limited to `timeoutMs`: on expiry the statement is cancelled on
   * the server (see {@link StatementClock}), and its failure becomes a
   * StatementExpired. The clock is the connection's own, reused.
   */
  async #timed<T>(work: Promise<T>, timeoutMs: number): Promise<T> {
    const clock = (this.#clock ??= new StatementClock(
      this.#context.deadlines,
      {
        cancelTarget: () => this.#context.cancelTarget(this.#connection),
        destroy: () => {
          this.#connection.markBroken()
          this.#connection.client.connection.stream.destroy()
        },
      },
      this.#context.cancelTimeoutMs,
    ))
    clock.start(timeoutMs)
    let result: T
    try {
      result = await work
    } catch (error) {
      const outcome = await clock.stop()
      if (outcome === 'in-time') throw error
      throw new StatementExpired(timeoutMs, outcome === 'cancelled', error)
    }
    const outcome = clock.stop()
    // Ran out of time yet finished: the cancel must land before the next statement.
    if (typeof outcome !== 'string') await outcome
    return result
  }

  #mapError(
    error: unknown,
    sql: string,
    wanted: Readonly<SessionSettings>,
    started: number,
  ): RedshiftError {
    // The pool closed the session under the statement: the socket error pg
    // reports is the consequence, the close is the reason.
    if (this.#connection.closedByPool && !(error instanceof RedshiftError)) {
      return closedByPoolError()
    }
    if (error instanceof StatementExpired) {
      return this.#timeoutError(error, sql)
    }
    // When the SET sent ahead of the statement failed, that SET is what the
    // server refused; the caller's statement never ran.
    const sessionSql = failedSessionSql(error)
    const mapped = mapRedshiftError(error, {
      ...(sessionSql === undefined
        ? { sql }
        : { sql: sessionSql, userSql: sql }),
      statementTimeoutMs: wanted.statementTimeoutMs ?? undefined,
      elapsedMs: performance.now() - started,
      secrets: this.#context.secrets(),
    })
    if (mapped instanceof ConnectionLostError) {
      this.#connection.markBroken()
      this.#context.connectionLost(mapped)
    }
    return mapped
  }

  #timeoutError(expired: StatementExpired, sql: string): QueryTimeoutError {
    const secrets = this.#context.secrets()
    // A cancel answered by anything else than the statement stopping (the
    // session lost meanwhile) did not keep the connection.
    const cancelled = expired.cancelled && !this.#connection.broken
    const server =
      expired.cause === undefined
        ? undefined
        : mapRedshiftError(expired.cause, { sql, secrets })
    return new QueryTimeoutError(
      cancelled
        ? expired.message
        : `The statement ran longer than its ${expired.timeoutMs} ms time limit; the server did not stop it after a cancel, so the connection was closed and whether the statement ran is unknown`,
      {
        timeoutMs: expired.timeoutMs,
        cancelled,
        sql: redactSecrets(sql, secrets),
        ...(server === undefined ? {} : { code: server.code, cause: server }),
      },
    )
  }

  // Kysely 0.29 adds optional cancellation hooks to DatabaseConnection:
  // `collectSessionInfo()` would return `{ pid: this.#connection.backendPid }`
  // (known from BackendKeyData, no query needed), and `cancelQuery` /
  // `killSession` would run `select pg_cancel_backend($1)` /
  // `pg_terminate_backend($1)` on a control connection (Redshift documents
  // both; CANCEL takes a pid). A killed session is then replaced by the pool
  // like any other broken connection.
}

// COMMIT or END as raw SQL, ending a transaction.
const COMMIT_TEXT = /^\s*(?:commit|end)\b/i

function controlRoleOf(sql: string): Exclude<StatementRole, 'query'> {
  const verb = /^\s*([a-z]+)/i.exec(sql)?.[1]?.toLowerCase()
  return verb === 'begin' || verb === 'start'
    ? 'begin'
    : verb === 'commit' || verb === 'end'
      ? 'commit'
      : 'rollback'
}

/** Fields pg keeps on its Client but does not declare in its types. */
interface ClientInternals {
  readonly _queryable?: boolean
  readonly _ending?: boolean
}

function isQueryable(connection: PooledConnection): boolean {
  const client = connection.client as unknown as ClientInternals
  return (
    !connection.broken &&
    client._queryable !== false &&
    client._ending !== true &&
    !connection.client.connection.stream.destroyed
  )
}

function closedByPoolError(): PoolClosedError {
  return new PoolClosedError(
    'The connection pool was closed while this statement or stream was using one of its connections',
  )
}

/**
 * Closes a cursor's portal. Resolves too when the session ends first (the
 * pool closing it meanwhile): pg-cursor waits for a ReadyForQuery that a
 * closed socket never delivers, and the portal ended with the session.
 */
function closeCursor(
  cursor: Cursor<unknown>,
  client: pg.Client,
): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const ended = () => resolve()
    client.once('end', ended)
    cursor
      .close()
      .then(resolve, reject)
      .finally(() => {
        client.removeListener('end', ended)
      })
  })
}

function toQueryResult<R>(
  result: pg.QueryResult | pg.QueryResult[],
): QueryResult<R> {
  // A multi-statement string answers with one result per statement; the
  // last one is what the caller asked for.
  const last = Array.isArray(result) ? result[result.length - 1]! : result
  const { command, rowCount, rows } = last
  if (
    command === 'INSERT' ||
    command === 'UPDATE' ||
    command === 'DELETE' ||
    command === 'MERGE' ||
    command === 'COPY'
  ) {
    return { numAffectedRows: BigInt(rowCount ?? 0), rows: rows ?? [] }
  }
  if (command === 'COMMIT' || command === 'ROLLBACK') {
    return { rows: [{ command } as R] }
  }
  return { rows: rows ?? [] }
}
