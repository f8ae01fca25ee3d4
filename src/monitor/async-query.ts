import {
  CompiledQuery,
  type Compilable,
  type DatabaseConnection,
  type Kysely,
  type QueryResult,
  type RawBuilder,
} from 'kysely'

import type { RedshiftConfig } from '../config/index.js'
import { RedshiftConnection } from '../dialect/redshift-connection.js'
import { callerFrame } from '../errors/caller-frame.js'
import { QueryCancelledError } from '../errors/query-cancelled-error.js'
import { endpointKindOf } from '../wlm/endpoint-kind.js'
import { int8, num } from '../wlm/system-values.js'

/**
 * What `db.monitor.submit()` takes: a Kysely query builder, a compiled
 * query, or a sql`...` template (bound to the client or not).
 *
 * ```ts
 * const source: SubmitSource<{ n: number }> = sql<{ n: number }>`select count(*)::int as n from sales`
 * ```
 */
export type SubmitSource<O> =
  | (Compilable<O> & { readonly isRawBuilder?: undefined })
  | CompiledQuery<O>
  | RawBuilder<O>

/** Options of `db.monitor.submit()`. */
export interface SubmitOptions {
  /**
   * Read the rows through a cursor in chunks of this many rows
   * (`rows()`), instead of holding them all once the statement completes.
   */
  readonly chunkSize?: number
  /**
   * The longest the handle may own its connection, in ms (default 15
   * minutes): past it the statement is cancelled if still running, the
   * result dropped and the connection returned, with a
   * `KYSELY_REDSHIFT_ABANDONED_ASYNC_QUERY` warning.
   */
  readonly holdMs?: number
}

/**
 * Where an async query stands. `elapsedMs` counts from its submission.
 *
 * ```ts
 * const status = await handle.status()
 * if (status.state === 'completed') console.log(status.rowCount)
 * if (status.state === 'failed') throw status.error
 * ```
 */
export type AsyncQueryStatus =
  | { readonly state: 'queued'; readonly elapsedMs: number }
  | {
      readonly state: 'running'
      readonly elapsedMs: number
      /** The server's id for it once a view shows it (int4 STV, int8 SYS). */
      readonly queryId: number | bigint | null
    }
  | {
      readonly state: 'completed'
      readonly elapsedMs: number
      /** Rows returned (or affected); `null` while a cursor is still being read. */
      readonly rowCount: number | null
    }
  | {
      readonly state: 'failed'
      readonly elapsedMs: number
      readonly error: unknown
    }
  | {
      readonly state: 'cancelled'
      readonly elapsedMs: number
      readonly error: QueryCancelledError
    }
  | { readonly state: 'closed'; readonly elapsedMs: number }

export const ABANDONED_ASYNC_QUERY_WARNING =
  'KYSELY_REDSHIFT_ABANDONED_ASYNC_QUERY'

const DEFAULT_HOLD_MS = 15 * 60_000

/** Settled state of the statement, kept apart from the handle (see Core). */
type Outcome =
  | { readonly kind: 'pending' }
  | { readonly kind: 'done'; readonly result: QueryResult<unknown> }
  | { readonly kind: 'streaming'; readonly read: number }
  | { readonly kind: 'streamed'; readonly read: number }
  | { readonly kind: 'error'; readonly error: unknown }
  | { readonly kind: 'closed' }

/**
 * Everything the handle's work needs, and nothing that references the
 * handle, so that an abandoned handle can be garbage-collected and this
 * cleaned up by the finalizer.
 */
class Core {
  readonly db: Kysely<any>
  readonly started = performance.now()
  readonly site: string
  pid = 0
  outcome: Outcome = { kind: 'pending' }
  settled!: Promise<void>
  conn!: Kysely<any>
  connection: DatabaseConnection | undefined
  iterator: AsyncIterator<QueryResult<unknown>> | undefined
  firstChunk: Promise<IteratorResult<QueryResult<unknown>>> | undefined
  #release!: () => void
  run!: Promise<void>
  timer: ReturnType<typeof setTimeout> | undefined
  owner: OpenAsyncQueries | undefined

  constructor(db: Kysely<any>, site: string) {
    this.db = db
    this.site = site
  }

  elapsed(): number {
    return Math.round(performance.now() - this.started)
  }

  async open(): Promise<void> {
    const released = new Promise<void>((resolve) => (this.#release = resolve))
    let opened!: (conn: Kysely<any>) => void
    let failed!: (error: unknown) => void
    const ready = new Promise<Kysely<any>>((resolve, reject) => {
      opened = resolve
      failed = reject
    })
    this.run = this.db.connection().execute(async (conn) => {
      opened(conn)
      await released
    })
    this.run.then(undefined, failed)
    this.conn = await ready
    this.connection = await this.conn
      .getExecutor()
      .provideConnection(async (c: DatabaseConnection) => c)
    this.pid =
      this.connection instanceof RedshiftConnection
        ? this.connection.pooled.backendPid
        : (num(
            (
              await this.conn.executeQuery<{ pid: unknown }>(
                CompiledQuery.raw('select pg_backend_pid() as pid'),
              )
            ).rows[0]?.pid,
          ) ?? 0)
  }

  start(compiled: CompiledQuery, chunkSize: number | undefined): void {
    if (chunkSize === undefined) {
      this.settled = this.conn.executeQuery(compiled).then(
        (result) => {
          if (this.outcome.kind === 'pending') {
            this.outcome = { kind: 'done', result }
          }
        },
        (error: unknown) => {
          if (this.outcome.kind === 'pending') {
            this.outcome = { kind: 'error', error }
          }
        },
      )
      return
    }
    const iterator = this.conn
      .getExecutor()
      .stream(compiled, chunkSize)
      [Symbol.asyncIterator]()
    this.iterator = iterator
    // The first read sends the statement; its chunk is kept for rows().
    this.firstChunk = iterator.next()
    this.settled = this.firstChunk.then(
      () => {
        if (this.outcome.kind === 'pending') {
          this.outcome = { kind: 'streaming', read: 0 }
        }
      },
      (error: unknown) => {
        if (this.outcome.kind === 'pending') {
          this.outcome = { kind: 'error', error }
        }
      },
    )
  }

  /** Gives the connection back, once the statement has ended. */
  async release(): Promise<void> {
    if (this.timer !== undefined) clearTimeout(this.timer)
    this.owner?.settle(this)
    await this.settled.catch(() => {})
    if (this.iterator !== undefined && this.outcome.kind !== 'streamed') {
      await this.iterator.return?.().catch(() => {})
    }
    this.#release()
    await this.run.catch(() => {})
  }

  /**
   * Cancels the statement. Through the session's own cancel key where the
   * connection is this SDK's: `CANCEL pid` would need another pooled
   * connection, and when the handle holds the pool's last one (or every
   * one is held) it would wait for ever, so an abandoned handle could not
   * be closed.
   */
  async cancel(): Promise<void> {
    if (this.outcome.kind !== 'pending') return
    if (this.connection instanceof RedshiftConnection) {
      await this.connection.cancelStatement()
    } else {
      await cancelSession(this.db, this.pid)
    }
  }

  /** Stops the statement if it runs, drops the result, returns the connection. */
  async close(): Promise<void> {
    await this.cancel()
    await this.settled.catch(() => {})
    if (this.outcome.kind !== 'error') this.outcome = { kind: 'closed' }
    await this.release()
  }
}

/**
 * A statement submitted with `db.monitor.submit()`: it runs on a connection
 * of its own, which the handle owns until its result has been read
 * (`result()`, or `rows()` to the end) or it is closed. A handle that is
 * garbage-collected, outlives `holdMs`, or is open when the client closes
 * is closed for you (statement cancelled, connection returned) with a
 * `KYSELY_REDSHIFT_ABANDONED_ASYNC_QUERY` warning.
 *
 * ```ts
 * await using handle = await db.monitor.submit(db.selectFrom('sales').selectAll())
 * while ((await handle.status()).state !== 'completed') await setTimeout(1000)
 * const rows = await handle.result()
 * ```
 */
export class AsyncQuery<O> {
  readonly #core: Core

  /** @internal Use `db.monitor.submit()`. */
  constructor(core: Core) {
    this.#core = core
  }

  /** The session the statement runs in (what `CANCEL` takes). */
  get pid(): number {
    return this.#core.pid
  }

  /** True until the result was read or the handle closed. */
  get isOpen(): boolean {
    return this.#core.owner?.has(this.#core) ?? false
  }

  /**
   * Where the statement stands: settled states come from the handle itself,
   * queued and running from STV_INFLIGHT / STV_RECENTS (provisioned) or
   * SYS_QUERY_HISTORY (Serverless), asked through another connection.
   */
  async status(): Promise<AsyncQueryStatus> {
    const core = this.#core
    const local = settledStatus(core)
    if (local !== undefined) return local
    const live = await liveStatus(core)
    return settledStatus(core) ?? live
  }

  /**
   * Waits for the statement and returns its rows (the mapped error if it
   * failed, `QueryCancelledError` if cancelled), then returns the
   * connection.
   */
  async result(): Promise<readonly O[]> {
    const core = this.#core
    if (core.iterator !== undefined) {
      const rows: O[] = []
      for await (const row of this.rows()) rows.push(row)
      return Object.freeze(rows)
    }
    await core.settled
    const outcome = core.outcome
    await core.release()
    if (outcome.kind === 'error') throw outcome.error
    if (outcome.kind !== 'done') {
      throw new Error('the async query was closed before its result was read')
    }
    return Object.freeze(outcome.result.rows as O[])
  }

  /**
   * The rows one by one: read chunk by chunk from the cursor when the
   * query was submitted with `chunkSize`, else from the held result. The
   * connection is returned at the end, or when the loop stops early.
   */
  async *rows(): AsyncGenerator<O, void, undefined> {
    const core = this.#core
    const iterator = core.iterator
    try {
      if (iterator === undefined) {
        for (const row of await this.result()) yield row
        return
      }
      let next = await core.firstChunk!
      let read = 0
      while (next.done !== true) {
        for (const row of next.value.rows as O[]) {
          read++
          yield row
        }
        core.outcome = { kind: 'streaming', read }
        next = await iterator.next()
      }
      core.outcome = { kind: 'streamed', read }
    } catch (error) {
      if (
        core.outcome.kind === 'pending' ||
        core.outcome.kind === 'streaming'
      ) {
        core.outcome = { kind: 'error', error }
      }
      throw error
    } finally {
      if (iterator !== undefined) await core.release()
    }
  }

  /**
   * Cancels the statement (the protocol's cancel request for its session,
   * which needs no other pooled connection) and waits until it has ended; its status is then `cancelled` (or
   * `completed`, if it finished first). The handle stays open until closed.
   */
  async cancel(): Promise<void> {
    const core = this.#core
    await core.cancel()
    await core.settled.catch(() => {})
  }

  /** Cancels the statement if it still runs and returns the connection. */
  async close(): Promise<void> {
    await this.#core.close()
  }

  /** `await using handle = await db.monitor.submit(...)` closes it. */
  async [Symbol.asyncDispose](): Promise<void> {
    await this.close()
  }
}

/**
 * The async queries of one client that still own a connection. One that is
 * garbage-collected, outlives its time limit, or is open when the client
 * closes is closed with a warning.
 *
 * ```ts
 * const open = openAsyncQueriesOf(db)
 * await open.closeAll()
 * ```
 */
export class OpenAsyncQueries {
  readonly #open = new Set<Core>()

  get size(): number {
    return this.#open.size
  }

  has(core: Core): boolean {
    return this.#open.has(core)
  }

  add(handle: object, core: Core): void {
    this.#open.add(core)
    core.owner = this
    collected.register(handle, core, core)
  }

  settle(core: Core): void {
    this.#open.delete(core)
    collected.unregister(core)
  }

  async abandon(core: Core, why: string): Promise<void> {
    if (!this.#open.has(core)) return
    process.emitWarning(
      `An async query was ${why} while it still owned its connection; it was closed ` +
        `(statement cancelled if running) and the connection returned. submit() was called ${core.site}`,
      { code: ABANDONED_ASYNC_QUERY_WARNING },
    )
    try {
      await core.close()
    } catch {
      // The connection is given back whatever the cancel answered.
    }
  }

  /** Closes every open one (the client is closing). */
  async closeAll(): Promise<void> {
    await Promise.all(
      [...this.#open].map((core) =>
        this.abandon(core, 'still open when the client closed'),
      ),
    )
  }
}

const collected = new FinalizationRegistry<Core>((core) => {
  void core.owner?.abandon(core, 'garbage-collected')
})

// One set per client: its derived instances share the config object.
const openByClient = new WeakMap<object, OpenAsyncQueries>()

/**
 * The open async queries of `db`'s client.
 *
 * ```ts
 * openAsyncQueriesOf(db).size // 0
 * ```
 */
export function openAsyncQueriesOf(db: Kysely<any>): OpenAsyncQueries {
  const key: object = (db as { readonly config?: RedshiftConfig }).config ?? db
  let open = openByClient.get(key)
  if (open === undefined) {
    open = new OpenAsyncQueries()
    openByClient.set(key, open)
  }
  return open
}

/**
 * Closes the open async queries of a client (by its config), for `close()`.
 *
 * ```ts
 * await closeAsyncQueries(client.config)
 * ```
 */
export async function closeAsyncQueries(config: object): Promise<void> {
  await openByClient.get(config)?.closeAll()
}

/**
 * Submits `query` on a connection of its own and returns its handle as soon
 * as the statement is sent, without waiting for its rows.
 *
 * ```ts
 * const handle = await submitQuery(db, db.selectFrom('sales').selectAll())
 * ```
 */
export async function submitQuery<O>(
  db: Kysely<any>,
  query: SubmitSource<O>,
  options: SubmitOptions = {},
): Promise<AsyncQuery<O>> {
  const { chunkSize, holdMs = DEFAULT_HOLD_MS } = options
  if (
    chunkSize !== undefined &&
    (!Number.isSafeInteger(chunkSize) || chunkSize < 2)
  ) {
    throw new RangeError(
      'chunkSize must be an integer of at least 2 (a 1-row fetch fails on Redshift)',
    )
  }
  if (!Number.isSafeInteger(holdMs) || holdMs < 1) {
    throw new RangeError('holdMs must be a positive integer of milliseconds')
  }
  const compiled = compileFor(db, query)
  const core = new Core(db, callerFrame(['/monitor/', '/client.']))
  await core.open()
  core.start(compiled, chunkSize)
  const handle = new AsyncQuery<O>(core)
  const open = openAsyncQueriesOf(db)
  open.add(handle, core)
  core.timer = setTimeout(() => {
    void open.abandon(core, `held longer than holdMs (${holdMs} ms)`)
  }, holdMs)
  core.timer.unref()
  return handle
}

// A sql`...` template not bound to an instance compiles only through one
// (its own executor is Kysely's no-op one), as db.monitor.explain() does.
function compileFor<O>(
  db: Kysely<any>,
  query: SubmitSource<O>,
): CompiledQuery<O> {
  if (isCompiled(query)) return query
  if (query.isRawBuilder) return query.compile(db)
  return query.compile()
}

function isCompiled<O>(query: SubmitSource<O>): query is CompiledQuery<O> {
  return typeof (query as CompiledQuery<O>).sql === 'string'
}

function settledStatus(core: Core): AsyncQueryStatus | undefined {
  const elapsedMs = core.elapsed()
  const outcome = core.outcome
  switch (outcome.kind) {
    case 'pending':
      return undefined
    case 'done': {
      const { result } = outcome
      const affected = result.numAffectedRows
      return Object.freeze({
        state: 'completed',
        elapsedMs,
        rowCount:
          affected !== undefined && result.rows.length === 0
            ? Number(affected)
            : result.rows.length,
      })
    }
    case 'streaming':
      return Object.freeze({ state: 'completed', elapsedMs, rowCount: null })
    case 'streamed':
      return Object.freeze({
        state: 'completed',
        elapsedMs,
        rowCount: outcome.read,
      })
    case 'error':
      return outcome.error instanceof QueryCancelledError
        ? Object.freeze({ state: 'cancelled', elapsedMs, error: outcome.error })
        : Object.freeze({ state: 'failed', elapsedMs, error: outcome.error })
    case 'closed':
      return Object.freeze({ state: 'closed', elapsedMs })
  }
}

// The session's live statement, asked through another connection: the
// handle's own is busy running it.
async function liveStatus(core: Core): Promise<AsyncQueryStatus> {
  const elapsedMs = core.elapsed()
  const db = core.db
  if ((await endpointKindOf(db)) === 'serverless') {
    const { rows } = await db.executeQuery<Record<string, unknown>>(
      CompiledQuery.raw(
        `select query_id, status from sys_query_history
where session_id = $1 and status in ('queued', 'running') order by start_time desc limit 1`,
        [core.pid],
      ),
    )
    const row = rows[0]
    if (row !== undefined && String(row['status']).trimEnd() === 'queued') {
      return Object.freeze({ state: 'queued', elapsedMs })
    }
    return Object.freeze({
      state: 'running',
      elapsedMs,
      queryId: row === undefined ? null : int8(row['query_id']),
    })
  }
  // STV_INFLIGHT lists running queries only; a live STV_RECENTS row
  // without one waits in its queue.
  const { rows } = await db.executeQuery<Record<string, unknown>>(
    CompiledQuery.raw(
      `select (select max(i.query) from stv_inflight i where i.pid = $1) as query,
  (select count(*) from stv_recents r where r.pid = $1 and r.status = 'Running') as live`,
      [core.pid],
    ),
  )
  const row = rows[0] ?? {}
  const queryId = num(row['query'])
  if (queryId === null && (num(row['live']) ?? 0) > 0) {
    return Object.freeze({ state: 'queued', elapsedMs })
  }
  return Object.freeze({ state: 'running', elapsedMs, queryId })
}

async function cancelSession(db: Kysely<any>, pid: number): Promise<void> {
  if (!Number.isSafeInteger(pid) || pid <= 0) return
  // A pid is an integer from the server, written as digits.
  await db.executeQuery(CompiledQuery.raw(`cancel ${pid}`))
}
