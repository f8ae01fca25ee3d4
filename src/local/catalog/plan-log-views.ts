/**
 * Plan logs of executed queries that the emulator does not keep, with the
 * columns and types of Redshift's documentation, and no rows: STL_EXPLAIN
 * (r_STL_EXPLAIN.html) and its SYS_QUERY_EXPLAIN (SYS_QUERY_EXPLAIN.html),
 * STL_PLAN_INFO (r_STL_PLAN_INFO.html) and
 * STL_ALERT_EVENT_LOG (r_STL_ALERT_EVENT_LOG.html).
 *
 * Why no rows rather than rows built later: a query's plan depends on the
 * session it ran in (search_path, temporary tables, the transaction's
 * snapshot) and on the tables' statistics at the time, none of which are
 * there when the view is read, so re-planning the logged text could show a
 * plan the query never had. The emulator runs a statement without planning
 * it a second time, so it has no plan or alert to record; `EXPLAIN` shows
 * the plan (and Redshift's nested-loop and missing-statistics warnings)
 * before a query runs. The views exist so that the Guide's diagnostic
 * queries, which join them, run.
 */
export const PLAN_LOG_VIEWS_SQL = `
create view pg_catalog.stl_explain as
select null::integer as userid, null::integer as query, null::integer as nodeid,
  null::integer as parentid, null::character(400) as plannode, null::character(400) as info
where false;

create view pg_catalog.sys_query_explain as
select null::integer as userid, null::bigint as query_id, null::integer as child_query_sequence,
  null::integer as plan_node_id, null::integer as plan_parent_id,
  null::character(400) as plan_node, null::character(400) as node_info
where false;

create view pg_catalog.stl_plan_info as
select null::integer as userid, null::integer as query, null::integer as nodeid,
  null::integer as segment, null::integer as step, null::integer as locus,
  null::integer as plannode, null::double precision as startupcost,
  null::double precision as totalcost, null::bigint as rows, null::bigint as bytes
where false;

create view pg_catalog.stl_alert_event_log as
select null::integer as userid, null::integer as query, null::integer as slice,
  null::integer as segment, null::integer as step, null::integer as pid, null::bigint as xid,
  null::character(1024) as event, null::character(1024) as solution,
  null::timestamp as event_time
where false;
`

/** The views {@link PLAN_LOG_VIEWS_SQL} creates in pg_catalog. */
export const PLAN_LOG_VIEWS = [
  'stl_explain',
  'sys_query_explain',
  'stl_plan_info',
  'stl_alert_event_log',
] as const
