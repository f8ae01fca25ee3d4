import { CLOCK_SLACK_MS } from '../runtime/query-run.js'

/**
 * How far apart the query log's times (whole milliseconds of the emulator's
 * clock, see preciseNow) and PostgreSQL's own (microseconds) may be for the
 * same moment: the clocks' slack on either side and the truncation.
 */
const SLACK = `interval '${CLOCK_SLACK_MS + 2} milliseconds'`

/**
 * SQL for the xid of the statement a record written inside PostgreSQL
 * belongs to: of those the query log shows running on session `pid` from
 * `start` to `end` (PostgreSQL's times of the record, give or take the
 * clocks' slack), the latest to start by `start`, else the first after it.
 * A session runs one statement at a time, but the next one may start within
 * the slack of a quick one's record, so the latest to start overall would
 * often be the wrong one. The emulator's xids exist only in its query log,
 * so records that PostgreSQL writes itself (event triggers, procedures) are
 * matched to it by session and time.
 *
 * @example
 * ```ts
 * const sql = `select r.*, ${statementXid('r.pid', 'r.starttime', 'r.endtime')} as xid from log r`
 * ```
 */
export function statementXid(pid: string, start: string, end: string): string {
  return `(select q.xid from redshift_local.query_log q
    where q.pid = ${pid} and q.starttime <= ${start} + ${SLACK}
      and (q.endtime is null or q.endtime + ${SLACK} >= ${end})
    order by greatest(q.starttime - ${start}, interval '0'), q.starttime desc
    limit 1)`
}
