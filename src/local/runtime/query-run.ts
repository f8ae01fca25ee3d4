/** Where a statement is in its life, as the system views show it. */
export type QueryRunState =
  'queued' | 'running' | 'done' | 'failed' | 'cancelled'

/** A call a procedure made while a CALL the client sent ran. */
export interface NestedCall {
  readonly queryId: number
  /** 1 for a call the CALL's procedure made, 2 for one that one made, ... */
  readonly depth: number
  /** The CALL statement, as the calling body ran it. */
  readonly text: string
  /** The query id of the call that made it. */
  readonly caller: number
  /** Epoch milliseconds (fractional). */
  readonly startedAt: number
  /** 0 while it runs. */
  endedAt: number
  /** It ended before the CALL did (its caller went on): it completed. */
  returned: boolean
}

/**
 * One statement run through the emulator: what the query log and the
 * STV_* views report about it. Mutable while the statement runs; frozen in
 * spirit once `state` is final.
 *
 * @example
 * ```ts
 * const run = new QueryRun({ queryId: 7, pid: 4242, user: 'awsuser', database: 'dev',
 *   label: 'default', text: 'select 1', xid: 12, serviceClass: 6, slots: 1 })
 * run.finish('done', 1)
 * ```
 */
export class QueryRun {
  readonly queryId: number
  readonly pid: number
  readonly user: string
  readonly database: string
  /** query_group at the time the statement was sent, or 'default'. */
  readonly label: string
  readonly text: string
  readonly xid: number
  serviceClass: number
  slots: number
  state: QueryRunState = 'running'
  /** Epoch milliseconds (fractional) when the statement reached the emulator. */
  readonly submittedAt: number
  /** Epoch milliseconds (fractional) when it started executing (after any WLM wait). */
  startedAt: number
  endedAt = 0
  rows = 0
  errorCode: string | undefined
  errorMessage: string | undefined
  /** The id of the table a serialization conflict named (STL_TR_CONFLICT); undefined for any other end. */
  conflictTableId: number | undefined
  /**
   * What RAISE sent while this CALL ran (SVL_STORED_PROC_MESSAGES): level
   * (20 LOG ... 60 EXCEPTION), text, line, when, and the session's
   * stored_proc_log_min_messages level then.
   */
  readonly messages: {
    readonly level: number
    readonly message: string
    readonly line: number | null
    readonly at: number
    readonly minLevel: number
  }[] = []
  /**
   * The calls a CALL's procedures made, in the order they started
   * (SVL_STORED_PROC_CALL; `nested-procedure-calls.ts`).
   */
  readonly nestedCalls: NestedCall[] = []
  /** Whether a WLM slot is held for it (so the WLM views show it). */
  inWlm = false
  /**
   * It runs on the leader node only (no user table: catalog queries, SET,
   * SHOW, `select 1`): PG_LAST_QUERY_ID() does not report it
   * (https://docs.aws.amazon.com/redshift/latest/dg/PG_LAST_QUERY_ID.html).
   */
  leaderOnly = false

  constructor(init: {
    readonly queryId: number
    readonly pid: number
    readonly user: string
    readonly database: string
    readonly label: string
    readonly text: string
    readonly xid: number
    readonly serviceClass: number
    readonly slots: number
  }) {
    this.queryId = init.queryId
    this.pid = init.pid
    this.user = init.user
    this.database = init.database
    this.label = init.label
    this.text = init.text
    this.xid = init.xid
    this.serviceClass = init.serviceClass
    this.slots = init.slots
    this.submittedAt = preciseNow()
    this.startedAt = this.submittedAt
  }

  /** Marks the statement as waiting for a WLM slot. */
  queue(): void {
    this.state = 'queued'
  }

  /** Marks the statement as executing from now on. */
  start(): void {
    this.state = 'running'
    this.startedAt = preciseNow()
  }

  finish(
    state: 'done' | 'failed' | 'cancelled',
    rows: number,
    code?: string,
    message?: string,
  ): void {
    this.state = state
    this.rows = rows
    this.errorCode = code
    this.errorMessage = message
    this.endedAt = preciseNow()
    for (const call of this.nestedCalls) {
      if (call.endedAt === 0) call.endedAt = this.endedAt
    }
  }

  /** Microseconds between start and end (or now, while running). */
  get elapsedMicros(): number {
    const end = this.endedAt || preciseNow()
    return Math.max(0, Math.round((end - this.startedAt) * 1000))
  }

  /** Microseconds spent waiting in a WLM queue. */
  get queueMicros(): number {
    return Math.max(0, Math.round((this.startedAt - this.submittedAt) * 1000))
  }
}

let origin = performance.timeOrigin

/**
 * Epoch milliseconds with sub-millisecond precision, within a millisecond of
 * the wall clock PostgreSQL's timestamps read. The monotonic clock alone
 * parts from it: it stands still while the machine sleeps and ignores a
 * clock set by NTP, so an emulator left running would log its statements in
 * the past, and the system views that match them to PostgreSQL's records by
 * time would match none.
 *
 * @example
 * ```ts
 * const startedAt = preciseNow() // 1764806400123.456
 * ```
 */
export function preciseNow(): number {
  const monotonic = performance.now()
  const wall = Date.now()
  const now = origin + monotonic
  // Date.now() is the whole millisecond, and the two clocks jitter by a
  // fraction of one: only a real parting (past CLOCK_SLACK_MS) re-anchors,
  // so that successive readings never go back otherwise.
  if (now > wall - CLOCK_SLACK_MS && now < wall + 1 + CLOCK_SLACK_MS) return now
  origin = wall + (now % 1) - monotonic
  return origin + monotonic
}

/**
 * How far {@link preciseNow} may be from the wall clock, in milliseconds:
 * what a view matching the emulator's times to PostgreSQL's allows for.
 */
export const CLOCK_SLACK_MS = 1
