/**
 * Plan and step logs of executed queries that the emulator does not keep,
 * with the columns and types of Redshift's documentation, and no rows:
 * STL_EXPLAIN (r_STL_EXPLAIN.html) and its SYS_QUERY_EXPLAIN
 * (SYS_QUERY_EXPLAIN.html), STL_PLAN_INFO (r_STL_PLAN_INFO.html),
 * STL_ALERT_EVENT_LOG (r_STL_ALERT_EVENT_LOG.html) and STL_SCAN
 * (r_STL_SCAN.html).
 *
 * Why no rows rather than rows built later: a query's plan depends on the
 * session it ran in (search_path, temporary tables, the transaction's
 * snapshot) and on the tables' statistics at the time, none of which are
 * there when the view is read, so re-planning the logged text could show a
 * plan the query never had. The emulator runs a statement without planning
 * it a second time, so it has no plan, alert or per-table scan step to
 * record; `EXPLAIN` shows the plan (and Redshift's nested-loop and
 * missing-statistics warnings) before a query runs. The views exist so that
 * the Guide's diagnostic queries, which join them, run. STL_SCAN's columns
 * after `is_rlf_scan_reason` are the ones the page marks internal use only.
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

create view pg_catalog.stl_scan as
select null::integer as userid, null::integer as query, null::integer as slice,
  null::integer as segment, null::integer as step, null::timestamp as starttime,
  null::timestamp as endtime, null::integer as tasknum, null::bigint as rows,
  null::bigint as bytes, null::bigint as fetches, null::integer as type, null::integer as tbl,
  null::character(1) as is_rrscan, null::character(1) as is_delayed_scan,
  null::bigint as rows_pre_filter, null::bigint as rows_pre_user_filter,
  null::character(136) as perm_table_name, null::character(1) as is_rlf_scan,
  null::integer as is_rlf_scan_reason, null::integer as num_em_blocks, null::bigint as checksum,
  null::character(1) as runtime_filtering, null::integer as scan_region,
  null::integer as num_sortkey_as_predicate, null::integer as row_fetcher_state,
  null::bigint as consumed_scan_ranges, null::bigint as work_stealing_reason,
  null::character(1) as is_vectorized_scan, null::integer as is_vectorized_scan_reason,
  null::bigint as row_fetcher_reason, null::bigint as topology_signature,
  null::character(1) as use_tpm_partition, null::character(1) as is_rrscan_expr
where false;
`

/** The views {@link PLAN_LOG_VIEWS_SQL} creates in pg_catalog. */
export const PLAN_LOG_VIEWS = [
  'stl_explain',
  'sys_query_explain',
  'stl_plan_info',
  'stl_alert_event_log',
  'stl_scan',
] as const
