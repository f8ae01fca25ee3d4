import { CompiledQuery, type Kysely } from 'kysely'

import { num } from './system-values.js'

/**
 * The sessions of transactions, by transaction id, for queries queued on a
 * provisioned cluster. STV_WLM_QUERY_STATE lists a queued query with its
 * `xid` but no pid, and STV_INFLIGHT (which has the pid) lists running
 * queries only; STV_RECENTS shows a queued query's session as `Running` but
 * has no query id or xid to find it by. SYS_QUERY_HISTORY, which works on
 * provisioned clusters too and which the STV_WLM_QUERY_STATE page points to,
 * gives each query's `transaction_id` with its `session_id`: the pid that
 * CANCEL takes (r_CANCEL.html). A transaction runs in one session, so any of
 * its rows names it.
 *
 * ```ts
 * const pids = await sessionsOfTransactions(db, [1234, 1240])
 * pids.get(1234) // 1073914563
 * ```
 */
export async function sessionsOfTransactions(
  db: Kysely<any>,
  xids: readonly number[],
): Promise<ReadonlyMap<number, number>> {
  const wanted = [...new Set(xids)]
  const pids = new Map<number, number>()
  if (wanted.length === 0) return pids
  // Redshift has no array parameters: one placeholder per id.
  const placeholders = wanted.map((_, i) => `$${i + 1}`).join(', ')
  const { rows } = await db.executeQuery<Record<string, unknown>>(
    CompiledQuery.raw(
      `select transaction_id, max(session_id) as session_id from sys_query_history
where transaction_id in (${placeholders}) group by transaction_id`,
      wanted,
    ),
  )
  for (const row of rows) {
    const xid = num(row['transaction_id'])
    const pid = num(row['session_id'])
    if (xid !== null && pid !== null && pid > 0) pids.set(xid, pid)
  }
  return pids
}
