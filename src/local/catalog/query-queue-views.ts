import { SUPERUSERS_ONLY, visibleTo } from './log-visibility.js'

/**
 * Views that join the query log to its queue and text, and the emulator's
 * one-slice layout, with the columns and types of Redshift's documentation:
 *
 * - SVL_QUERY_QUEUE_INFO (r_SVL_QUERY_QUEUE_INFO.html): each finished
 *   statement WLM ran (the ones STL_WLM_QUERY has), its queue and execution
 *   times in whole seconds; superusers only. The emulator has no commit
 *   queue and does not time commits, so `commit_queue_elapsed` and
 *   `commit_exec_time` are null.
 * - SVV_QUERY_INFLIGHT (r_SVV_QUERY_INFLIGHT.html): STV_INFLIGHT's running
 *   statements joined to their text in 200-character pieces numbered by
 *   `sequence` from 0, the way STL_QUERYTEXT cuts it.
 * - STV_SLICES (r_STV_SLICES.html): the emulator runs every statement on
 *   one slice 0 of node 0 (the slice the other views name); `type` is for
 *   Redshift's internal use and stays null.
 *
 * @example
 * ```sql
 * select query, service_class, queue_elapsed, exec_elapsed, wlm_total_elapsed
 * from svl_query_queue_info where wlm_total_elapsed > 0;
 * ```
 */
export const QUERY_QUEUE_VIEWS_SQL = `
create view pg_catalog.svl_query_queue_info as
select q.database::text as database,
  q.query::integer as query,
  q.xid::bigint as xid,
  q.userid::integer as userid,
  pg_catalog.left(q.querytxt, 100)::text as querytxt,
  coalesce(q.queue_start, q.starttime)::timestamp as queue_start_time,
  coalesce(q.exec_start, q.starttime)::timestamp as exec_start_time,
  q.effective_service_class::integer as service_class,
  coalesce(q.slot_count, 1)::integer as slots,
  (greatest(coalesce(redshift_local.micros(q.exec_start - q.queue_start), 0), 0) / 1000000)::bigint
    as queue_elapsed,
  (greatest(redshift_local.micros(q.endtime - coalesce(q.exec_start, q.starttime)), 0) / 1000000)::bigint
    as exec_elapsed,
  ((greatest(coalesce(redshift_local.micros(q.exec_start - q.queue_start), 0), 0)
    + greatest(redshift_local.micros(q.endtime - coalesce(q.exec_start, q.starttime)), 0)) / 1000000)::bigint
    as wlm_total_elapsed,
  null::bigint as commit_queue_elapsed,
  null::bigint as commit_exec_time,
  (select w.name from redshift_local.wlm_queue w where w.service_class = q.effective_service_class)
    ::character(64) as service_class_name
from redshift_local.query_service_class q
where not q.active and ${SUPERUSERS_ONLY}
  and coalesce(q.query_type, redshift_local.derive_query_type(q.querytxt))
    in ('SELECT', 'INSERT', 'UPDATE', 'DELETE', 'CTAS', 'COPY', 'UNLOAD');

create view pg_catalog.svv_query_inflight as
select q.userid::integer as userid,
  0::integer as slice,
  q.query::integer as query,
  q.pid::integer as pid,
  q.starttime::timestamp as starttime,
  0::integer as suspended,
  pg_catalog.substr(q.querytxt, s.n * 200 + 1, 200)::character(200) as text,
  s.n::integer as sequence
from redshift_local.query_log_view q
cross join lateral pg_catalog.generate_series(0,
  greatest(pg_catalog.length(coalesce(q.querytxt, '')) - 1, 0) / 200) as s(n)
where q.state = 'running' and ${visibleTo('q.user_name')};

create view pg_catalog.stv_slices as
select 0::integer as node, 0::integer as slice, 0::integer as localslice,
  null::character(1) as type;
`

/** The views {@link QUERY_QUEUE_VIEWS_SQL} creates in pg_catalog. */
export const QUERY_QUEUE_VIEWS = [
  'svl_query_queue_info',
  'svv_query_inflight',
  'stv_slices',
] as const
