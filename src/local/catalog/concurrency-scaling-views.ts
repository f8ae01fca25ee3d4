/**
 * The SVCS views, which cover the queries of the main cluster and of its
 * concurrency-scaling clusters, with the columns and types of Redshift's
 * documentation: SVCS_QUERY_SUMMARY (r_SVCS_QUERY_SUMMARY.html),
 * SVCS_PLAN_INFO (r_SVCS_PLAN_INFO.html), SVCS_EXPLAIN
 * (r_SVCS_EXPLAIN.html), SVCS_STREAM_SEGS (r_SVCS_STREAM_SEGS.html),
 * SVCS_UNLOAD_LOG (r_SVCS_UNLOAD_LOG.html, STL_UNLOAD_LOG without its slice)
 * and SVCS_ALERT_EVENT_LOG
 * (r_SVCS_ALERT_EVENT_LOG.html, STL_ALERT_EVENT_LOG without its slice).
 * The emulator runs every statement on its one main cluster, so each is its
 * SVL or STL view, with that view's rows and visibility.
 *
 * @example
 * ```sql
 * select query, seg, step, rows, trim(label) from svcs_query_summary
 * where query = pg_last_query_id();
 * ```
 */
export const CONCURRENCY_SCALING_VIEWS_SQL = `
create view pg_catalog.svcs_query_summary as
select * from pg_catalog.svl_query_summary;

create view pg_catalog.svcs_plan_info as
select * from pg_catalog.stl_plan_info;

create view pg_catalog.svcs_explain as
select * from pg_catalog.stl_explain;

create view pg_catalog.svcs_stream_segs as
select * from pg_catalog.stl_stream_segs;

create view pg_catalog.svcs_unload_log as
select u.userid, u.query, u.pid, u.path, u.start_time, u.end_time, u.line_count, u.transfer_size,
  u.file_format
from pg_catalog.stl_unload_log u;

create view pg_catalog.svcs_alert_event_log as
select a.userid, a.query, a.segment, a.step, a.pid, a.xid, a.event, a.solution, a.event_time
from pg_catalog.stl_alert_event_log a;
`

/** The views {@link CONCURRENCY_SCALING_VIEWS_SQL} creates in pg_catalog. */
export const CONCURRENCY_SCALING_VIEWS = [
  'svcs_query_summary',
  'svcs_plan_info',
  'svcs_explain',
  'svcs_stream_segs',
  'svcs_unload_log',
  'svcs_alert_event_log',
] as const
