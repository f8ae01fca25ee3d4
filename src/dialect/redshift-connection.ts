import {
  CompiledQuery,
  type DatabaseConnection,
  type QueryResult,
} from 'kysely'
import type pg from 'pg'
import Cursor from 'pg-cursor'

import {
  ConnectionLostError,
  mapRedshiftError,
  PoolClosedError,
  RedshiftError,
  RedshiftUnsupportedError,
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
import { prepareValue } from '../types/index.js'
import { querySettingsOf } from './query-settings-plugin.js'
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
export class RedshiftConnection implements DatabaseConnection {
  readonly #connection: PooledConnection
  readonly #context: ConnectionContext
  #isolation: DatabaseIsolation | undefined
  #poolWaitMs: number | undefined

  constructor(connection: PooledConnection, context: ConnectionContext) {
    this.#connection = connection
    this.#context = context
  }

  /** The pooled connection underneath. */
  get pooled(): PooledConnection {
    return this.#connection
  }

  /**
   * The driver handed this connection out after `waitMs` in the pool; the
   * next statement's telemetry carries that wait.
   * @internal
   */
  acquired(waitMs: number): void {
    this.#poolWaitMs = waitMs
  }

  executeQuery<R>(compiledQuery: CompiledQuery): Promise<QueryResult<R>> {
    return this.#observed<R>(compiledQuery, 'query', true)
  }

  /**
   * Runs a transaction-control statement (BEGIN, COMMIT, ROLLBACK) without
   * reconciling the session first: the next real statement does that, so a
   * transaction run with its own settings costs one SET, not two.
   * @internal
   */
  control<R>(compiledQuery: CompiledQuery): Promise<QueryResult<R>> {
    return this.#observed<R>(compiledQuery, 'control', false)
  }

  async #observed<R>(
    compiledQuery: CompiledQuery,
    kind: StatementInfo['kind'],
    reconcile: boolean,
  ): Promise<QueryResult<R>> {
    const observation = this.#observe(compiledQuery, kind)
    try {
      const result = await this.#run<R>(compiledQuery, reconcile)
      observation.succeeded(result)
      return result
    } catch (error) {
      observation.failed(error)
      throw error
    }
  }

  #observe(
    compiledQuery: CompiledQuery,
    kind: StatementInfo['kind'],
  ): StatementObservation {
    const poolWaitMs = this.#poolWaitMs
    this.#poolWaitMs = undefined
    return this.#context
      .observer()
      .statement(
        poolWaitMs === undefined
          ? { compiled: compiledQuery, kind }
          : { compiled: compiledQuery, kind, poolWaitMs },
      )
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
    const wanted = this.#wanted(compiledQuery)
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
      // pg's client directly (not PooledConnection.query): one promise less
      // on the hot path; the same bookkeeping follows. A named statement is
      // parsed by pg once per client, then only bound and executed.
      const result: pg.QueryResult | pg.QueryResult[] =
        named === undefined
          ? await connection.client.query(compiledQuery.sql, values)
          : await connection.client.query({
              name: named.name,
              text: compiledQuery.sql,
              values: values ?? [],
            })
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
    const observation = this.#observe(compiledQuery, 'stream')
    let ended = false
    const connection = this.#connection
    if (!connection.tryLock()) {
      await connection.lock()
    }
    // The connection stays locked (pinned) until the stream is finished.
    const started = performance.now()
    const wanted = this.#wanted(compiledQuery)
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
        const chunk = await cursor.read(size)
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
      observation.failed(error)
      if (error === signal?.reason) {
        throw error
      }
      // A failed request was ended by the Sync pg-cursor sends on error,
      // which drops the portal on the server. Closing it again would wait
      // for a ReadyForQuery that never comes.
      portalGone = true
      await connection.settleAfterError(error)
      throw this.#mapError(error, compiledQuery.sql, wanted, started)
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

  #wanted(compiledQuery: CompiledQuery): Readonly<SessionSettings> {
    const perQuery = querySettingsOf(compiledQuery)
    return perQuery === undefined
      ? this.#context.baseline
      : this.#context.wanted(perQuery)
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
    }
    return mapped
  }

  // Kysely 0.29 adds optional cancellation hooks to DatabaseConnection:
  // `collectSessionInfo()` would return `{ pid: this.#connection.backendPid }`
  // (known from BackendKeyData, no query needed), and `cancelQuery` /
  // `killSession` would run `select pg_cancel_backend($1)` /
  // `pg_terminate_backend($1)` on a control connection (Redshift documents
  // both; CANCEL takes a pid). A killed session is then replaced by the pool
  // like any other broken connection.
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
