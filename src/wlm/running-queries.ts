import { CompiledQuery, type Kysely } from 'kysely'

import { endpointKindOf } from './endpoint-kind.js'
import { sessionsOfTransactions } from './queued-sessions.js'
import { count, date, int8, microsToMs, num, text } from './system-values.js'

/** What every entry of {@link RunningQuery} has, whichever views it came from. */
export interface RunningQueryFields {
  /** `queued` waits for a WLM slot; `running` executes. */
  readonly state: 'queued' | 'running'
  /**
   * The session's process id (what `CANCEL` takes). On a provisioned
   * cluster a queued query's comes from SYS_QUERY_HISTORY through its
   * transaction (the STV views name the session only once it runs); `null`
   * when that view does not show the transaction yet.
   */
  readonly pid: number | null
  readonly userId: number | null
  /** The user name (STV_RECENTS); `null` on Serverless, whose view gives only the id. */
  readonly user: string | null
  readonly database: string | null
  readonly startedAt: Date | null
  /** Time since the query entered its queue, queueing included, in ms. */
  readonly elapsedMs: number
  /** Time spent waiting for a slot, in ms. */
  readonly queuedMs: number
  /** The start of the statement (600 characters on STV_RECENTS, 4000 on SYS). */
  readonly text: string | null
  /** The WLM queue's name. */
  readonly queue: string | null
  readonly serviceClass: number | null
  /** The query group (cut to 15 characters in STV_INFLIGHT, 30 in SYS). */
  readonly label: string | null
}

/**
 * A query of a provisioned cluster: STV/STL query ids are int4, so `number`.
 */
export interface ProvisionedRunningQuery extends RunningQueryFields {
  readonly endpoint: 'provisioned'
  readonly queryId: number
}

/**
 * A query seen in SYS_QUERY_HISTORY (Serverless): SYS query ids are int8,
 * so `bigint`. They are not the same numbers as STL ids on a provisioned
 * cluster.
 */
export interface ServerlessRunningQuery extends RunningQueryFields {
  readonly endpoint: 'serverless'
  readonly queryId: bigint
}

/**
 * A queued or running query. `endpoint` tells which views it came from and
 * so the type of `queryId`: pass it as it is to `db.wlm.cancel()`.
 *
 * ```ts
 * for (const q of await db.wlm.runningQueries()) {
 *   if (q.state === 'running' && q.elapsedMs > 600_000) await db.wlm.cancel(q.queryId)
 * }
 * ```
 */
export type RunningQuery = ProvisionedRunningQuery | ServerlessRunningQuery

// STV_WLM_QUERY_STATE has every query WLM holds, queued or running, but no
// pid; STV_INFLIGHT (running only) has the pid, STV_RECENTS the user and
// the longer text. The caller's own session is left out. A queued query's
// pid is found by its xid afterwards (sessionsOfTransactions).
const PROVISIONED = CompiledQuery.raw(
  `select w.query, w.xid, i.pid, i.userid, r.user_name, r.db_name, coalesce(i.starttime, w.wlm_start_time) as starttime,
  w.state, w.queue_time, w.exec_time, coalesce(r.query, i.text) as text, w.service_class, c.name as queue, i.label
from stv_wlm_query_state w
left join stv_inflight i on i.query = w.query
left join stv_recents r on r.pid = i.pid and r.status = 'Running'
left join stv_wlm_service_class_config c on c.service_class = w.service_class
where i.pid is null or i.pid <> pg_backend_pid()
order by w.wlm_start_time, w.query`,
)

const SERVERLESS = CompiledQuery.raw(
  `select query_id, session_id, user_id, database_name, start_time, status, queue_time, elapsed_time,
  query_text, service_class_name, service_class_id, query_label
from sys_query_history
where status in ('queued', 'running') and session_id <> pg_backend_pid()
order by start_time, query_id`,
)

/**
 * The queries queued or running now, oldest first: from STV_WLM_QUERY_STATE,
 * STV_INFLIGHT and STV_RECENTS on a provisioned cluster, SYS_QUERY_HISTORY on
 * Serverless. The caller's own session is not listed.
 *
 * ```ts
 * const queued = (await runningQueries(db)).filter((q) => q.state === 'queued')
 * ```
 */
export async function runningQueries(
  db: Kysely<any>,
): Promise<readonly RunningQuery[]> {
  if ((await endpointKindOf(db)) === 'provisioned') {
    const { rows } = await db.executeQuery<Record<string, unknown>>(PROVISIONED)
    const unnamed = rows.filter((row) => num(row['pid']) === null)
    const pids = await sessionsOfTransactions(
      db,
      unnamed.flatMap((row) => num(row['xid']) ?? []),
    )
    return Object.freeze(
      rows.map((row) =>
        fromStv(row, num(row['pid']) ?? pids.get(num(row['xid']) ?? -1)),
      ),
    )
  }
  const { rows } = await db.executeQuery<Record<string, unknown>>(SERVERLESS)
  return Object.freeze(rows.map(fromSys))
}

function fromStv(
  row: Record<string, unknown>,
  pid: number | undefined,
): ProvisionedRunningQuery {
  const queuedMs = microsToMs(row['queue_time']) ?? 0
  const state = text(row['state'])?.startsWith('Queued') ? 'queued' : 'running'
  return Object.freeze({
    endpoint: 'provisioned',
    queryId: count(row['query']),
    state,
    pid: pid ?? null,
    userId: num(row['userid']),
    user: text(row['user_name']),
    database: text(row['db_name']),
    startedAt: date(row['starttime']),
    elapsedMs: queuedMs + (microsToMs(row['exec_time']) ?? 0),
    queuedMs,
    text: text(row['text']),
    queue: text(row['queue']),
    serviceClass: num(row['service_class']),
    label: text(row['label']),
  })
}

function fromSys(row: Record<string, unknown>): ServerlessRunningQuery {
  return Object.freeze({
    endpoint: 'serverless',
    queryId: int8(row['query_id']) ?? 0n,
    state: text(row['status']) === 'queued' ? 'queued' : 'running',
    pid: num(row['session_id']),
    userId: num(row['user_id']),
    user: null,
    database: text(row['database_name']),
    startedAt: date(row['start_time']),
    elapsedMs: microsToMs(row['elapsed_time']) ?? 0,
    queuedMs: microsToMs(row['queue_time']) ?? 0,
    text: text(row['query_text']),
    queue: text(row['service_class_name']),
    serviceClass: num(row['service_class_id']),
    label: text(row['query_label']),
  })
}
