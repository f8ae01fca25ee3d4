import { QueryRun } from '../runtime/query-run.js'
import type { WlmQueue } from '../runtime/wlm.js'
import { maskSecrets } from '../sql/mask-secrets.js'
import type { PlannedStatement } from '../sql/statement-plan.js'
import type { PreparedGenerations } from './prepared-generations.js'
import type { SessionRuntime } from './session-runtime.js'
import type { SessionRouting } from './session-routing.js'

/** Who a session's runs are logged for. */
export interface RunOwner {
  readonly pid: number
  readonly user: string
  readonly database: string
}

/**
 * A session's entries in the query log: creates one {@link QueryRun} per
 * statement and reports each step (queued, started, finished, never run) to
 * the log, remembering the last finished query id for PG_LAST_QUERY_ID().
 *
 * @example
 * ```ts
 * const run = runs.create('select 1', xid)
 * runs.started(run)
 * runs.finish(run, 'done', 1)
 * runs.lastQueryId // run.queryId
 * ```
 */
export class QueryRuns {
  readonly #runtime: Pick<SessionRuntime, 'nextQueryId' | 'log'>
  readonly #owner: RunOwner
  readonly #routing: SessionRouting
  readonly #prepared: PreparedGenerations | undefined
  #lastQueryId: number | null = null
  #lastCopy: { readonly id: number; readonly count: number } | null = null
  #lastUnload: { readonly id: number; readonly count: number } | null = null

  constructor(
    runtime: Pick<SessionRuntime, 'nextQueryId' | 'log'>,
    owner: RunOwner,
    routing: SessionRouting,
    prepared?: PreparedGenerations,
  ) {
    this.#runtime = runtime
    this.#owner = owner
    this.#routing = routing
    this.#prepared = prepared
  }

  /** The user the client logged in as. */
  get user(): string {
    return this.#owner.user
  }

  /** Query id of the last statement that completed (PG_LAST_QUERY_ID()). */
  get lastQueryId(): number | null {
    return this.#lastQueryId
  }

  /** PG_LAST_COPY_ID() and PG_LAST_COPY_COUNT(): the session's last COPY (null before one). */
  get lastCopy(): { readonly id: number; readonly count: number } | null {
    return this.#lastCopy
  }

  /** PG_LAST_UNLOAD_ID() and PG_LAST_UNLOAD_COUNT(): the session's last UNLOAD. */
  get lastUnload(): { readonly id: number; readonly count: number } | null {
    return this.#lastUnload
  }

  /** A COPY ended: `count` rows loaded (0 when it failed). */
  copied(run: QueryRun, count: number): void {
    this.#lastCopy = Object.freeze({ id: run.queryId, count })
  }

  /** An UNLOAD ended: `count` rows unloaded (0 when it failed). */
  unloaded(run: QueryRun, count: number): void {
    this.#lastUnload = Object.freeze({ id: run.queryId, count })
  }

  /**
   * A new run of `text`, labelled and routed by the current settings. The
   * log keeps the text with passwords and keys masked: every system view that
   * shows statement text reads it from here.
   */
  create(text: string, xid: number, statement?: PlannedStatement): QueryRun {
    const routing = this.#routing.current()
    const owner = this.#owner
    const run = new QueryRun({
      queryId: this.#runtime.nextQueryId(),
      pid: owner.pid,
      user: owner.user,
      database: owner.database,
      label: routing.label,
      text: maskSecrets(text),
      xid,
      serviceClass: routing.queue.serviceClass,
      slots: routing.slots,
    })
    if (statement !== undefined) {
      run.leaderOnly = leaderOnly(statement)
      this.#prepared?.created(run, statement)
    }
    return run
  }

  /** PostgreSQL started on the run. */
  started(run: QueryRun): void {
    run.start()
    this.#runtime.log.started(run)
  }

  /**
   * The run's message reached the head of the queue. A run already in the
   * log (it waited for a slot, or is a portal read in batches) keeps its start.
   */
  reachedHead(run: QueryRun): void {
    if (run.state === 'queued' || !this.#runtime.log.active.has(run)) {
      this.started(run)
    }
  }

  /** The run waits for a WLM slot; the log shows it queued meanwhile. */
  queued(run: QueryRun, queue: WlmQueue, slots: number): void {
    run.queue()
    run.serviceClass = queue.serviceClass
    run.slots = slots
    this.#runtime.log.started(run)
  }

  /** The run ended; it becomes the session's last query. */
  finish(
    run: QueryRun,
    state: 'done' | 'failed' | 'cancelled',
    rows: number,
    code?: string,
    message?: string,
  ): void {
    run.finish(state, rows, code, message)
    this.#runtime.log.finished(run)
    if (state === 'done') this.#prepared?.done(run)
    if (!run.leaderOnly) this.#lastQueryId = run.queryId
  }

  /** The connection closed under a run that had not ended. */
  abandon(run: QueryRun): void {
    if (run.state !== 'done' && run.state !== 'failed') {
      run.finish('cancelled', 0, '57P01')
      this.#runtime.log.finished(run)
    }
  }

  /** The run never ran (an earlier statement failed): it leaves no entry. */
  forget(run: QueryRun): void {
    this.#runtime.log.forget(run)
  }
}

/** Whether a statement runs on the leader node only (it touches no user table). */
function leaderOnly(s: PlannedStatement): boolean {
  const kind = s.action?.kind
  return !s.usesWlm && kind !== 'copy' && kind !== 'unload'
}
