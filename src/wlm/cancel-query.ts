import { CompiledQuery, type Kysely } from 'kysely'

import { quoteLiteral } from '../sql/literal.js'
import { endpointKindOf } from './endpoint-kind.js'
import { sessionsOfTransactions } from './queued-sessions.js'
import { checkQueryId, num, text } from './system-values.js'

/** Options of `db.wlm.cancel()`. */
export interface CancelOptions {
  /**
   * The message the cancelled query fails with (`CANCEL pid 'message'`)
   * instead of Redshift's `Query (N) cancelled on user's request`.
   */
  readonly message?: string
}

/**
 * What `cancel` / `terminate` did. `not-running` is an answer, not an error:
 * the query had `finished`, is `unknown` to the views (wrong id, aged out,
 * another user's), or is tracked by WLM but its session could not be found
 * (`no-session`: its transaction not yet in SYS_QUERY_HISTORY; try again).
 *
 * ```ts
 * const result = await db.wlm.cancel(queryId)
 * if (result.outcome === 'not-running') console.log(result.reason)
 * ```
 */
export type CancelResult<Id extends number | bigint = number | bigint> =
  | {
      readonly outcome: 'cancelled' | 'terminated'
      readonly queryId: Id
      /** The session the query ran in. */
      readonly pid: number
    }
  | {
      readonly outcome: 'not-running'
      readonly queryId: Id
      readonly reason: 'finished' | 'unknown' | 'no-session'
    }

type Found =
  | { readonly pid: number }
  | { readonly reason: 'finished' | 'unknown' | 'no-session' }

/**
 * Cancels a queued or running query by its id: the id is resolved to the
 * session's pid (for an int4 `number` id STV_INFLIGHT when it runs, and its
 * STV_WLM_QUERY_STATE transaction in SYS_QUERY_HISTORY when it is queued;
 * SYS_QUERY_HISTORY for an int8 `bigint` id, and always on Serverless), then
 * `CANCEL pid` is sent.
 * The query then fails in its own session with `QueryCancelledError`.
 *
 * ```ts
 * await cancelQuery(db, 1234)
 * await cancelQuery(db, 9007199254740993n, { message: 'too slow' })
 * ```
 */
export async function cancelQuery<Id extends number | bigint>(
  db: Kysely<any>,
  queryId: Id,
  options: CancelOptions = {},
): Promise<CancelResult<Id>> {
  checkQueryId(queryId)
  const found = await findSession(db, queryId)
  if (!('pid' in found)) {
    return Object.freeze({ outcome: 'not-running', queryId, ...found })
  }
  const message =
    options.message === undefined ? '' : ` ${quoteLiteral(options.message)}`
  // A pid is an integer read from the server, written as digits.
  await db.executeQuery(CompiledQuery.raw(`cancel ${found.pid}${message}`))
  return Object.freeze({ outcome: 'cancelled', queryId, pid: found.pid })
}

/**
 * Ends the session of a query (`pg_terminate_backend`), for one stuck in a
 * transaction block that `CANCEL` cannot stop: its transaction is rolled
 * back and the session closed.
 *
 * ```ts
 * await terminateQuery(db, 1234)
 * ```
 */
export async function terminateQuery<Id extends number | bigint>(
  db: Kysely<any>,
  queryId: Id,
): Promise<CancelResult<Id>> {
  checkQueryId(queryId)
  const found = await findSession(db, queryId)
  if (!('pid' in found)) {
    return Object.freeze({ outcome: 'not-running', queryId, ...found })
  }
  await db.executeQuery(
    CompiledQuery.raw('select pg_terminate_backend($1)', [found.pid]),
  )
  return Object.freeze({ outcome: 'terminated', queryId, pid: found.pid })
}

async function findSession(
  db: Kysely<any>,
  queryId: number | bigint,
): Promise<Found> {
  const useSys =
    typeof queryId === 'bigint' || (await endpointKindOf(db)) === 'serverless'
  return useSys ? findInSys(db, BigInt(queryId)) : findInStv(db, queryId)
}

// A running query's pid is in STV_INFLIGHT; a queued one's session is
// found through its transaction (see sessionsOfTransactions).
async function findInStv(db: Kysely<any>, queryId: number): Promise<Found> {
  const { rows } = await db.executeQuery<Record<string, unknown>>(
    CompiledQuery.raw(
      `select (select max(i.pid) from stv_inflight i where i.query = $1) as pid,
  (select max(w.xid) from stv_wlm_query_state w where w.query = $1) as xid,
  (select count(*) from stl_query q where q.query = $1) as done`,
      [queryId],
    ),
  )
  const row = rows[0] ?? {}
  const pid = num(row['pid'])
  if (pid !== null) return { pid }
  const xid = num(row['xid'])
  if (xid !== null) {
    const session = (await sessionsOfTransactions(db, [xid])).get(xid)
    return session === undefined ? { reason: 'no-session' } : { pid: session }
  }
  return { reason: (num(row['done']) ?? 0) > 0 ? 'finished' : 'unknown' }
}

async function findInSys(db: Kysely<any>, queryId: bigint): Promise<Found> {
  const { rows } = await db.executeQuery<Record<string, unknown>>(
    CompiledQuery.raw(
      'select session_id, status from sys_query_history where query_id = $1',
      [queryId.toString()],
    ),
  )
  const row = rows[0]
  if (row === undefined) return { reason: 'unknown' }
  const status = text(row['status'])
  const pid = num(row['session_id'])
  if ((status === 'queued' || status === 'running') && pid !== null) {
    return { pid }
  }
  return { reason: 'finished' }
}
