/** The columns every step log begins with, in Redshift's order. */
const STEP_COLUMNS = `select s.userid::integer as userid,
  s.query::integer as query,
  0::integer as slice,
  0::integer as segment,
  s.step::integer as step,
  coalesce(s.exec_start, s.starttime)::timestamp as starttime,
  s.endtime::timestamp as endtime,
  null::integer as tasknum,
  s.row_count::bigint as rows,`

/**
 * The step logs of the steps the emulator reports in SVL_QUERY_SUMMARY
 * (`query_steps` of `query-metrics-views.ts`), with the columns and types of
 * Redshift's documentation: STL_SCAN (r_STL_SCAN.html), STL_RETURN
 * (r_STL_RETURN.html), STL_INSERT (r_STL_INSERT.html) and STL_DELETE
 * (r_STL_DELETE.html), and the streams of STL_STREAM_SEGS
 * (r_STL_STREAM_SEGS.html). A statement runs as one segment 0 on one slice
 * 0, so each has one row per statement: its scan step 0, a SELECT's or
 * UNLOAD's return step, an INSERT's, CTAS's, COPY's or UPDATE's insert
 * step, and a DELETE's or UPDATE's delete step, with the statement's
 * execution start and end and the rows SVL_QUERY_SUMMARY gives the step.
 * The query log does not keep the tables a statement read or wrote, so
 * `tbl`, STL_SCAN's `perm_table_name` and its scan `type` are null;
 * `tasknum` (Redshift's task process), the fetch count, the rows before the
 * user's filter, whether row-level security filtered the scan and the
 * columns the page marks internal use only are null too. The scan's
 * `bytes` (0), `rows_pre_filter` (its rows), `is_rrscan` and
 * `is_delayed_scan` ('f') are SVL_QUERY_SUMMARY's for step 0. No packets
 * cross a network between nodes (`packets` 0). Its one segment is stream
 * 0. Visibility is that of the other query logs.
 *
 * @example
 * ```sql
 * select query, slice, segment, step, endtime, rows, packets
 * from stl_return where query = pg_last_query_id();
 * ```
 */
export const STEP_VIEWS_SQL = `
create view pg_catalog.stl_scan as
${STEP_COLUMNS}
  0::bigint as bytes,
  null::bigint as fetches,
  null::integer as type,
  null::integer as tbl,
  'f'::character(1) as is_rrscan,
  'f'::character(1) as is_delayed_scan,
  s.row_count::bigint as rows_pre_filter,
  null::bigint as rows_pre_user_filter,
  null::character(136) as perm_table_name,
  null::character(1) as is_rlf_scan,
  null::integer as is_rlf_scan_reason,
  null::integer as num_em_blocks,
  null::bigint as checksum,
  null::character(1) as runtime_filtering,
  null::integer as scan_region,
  null::integer as num_sortkey_as_predicate,
  null::integer as row_fetcher_state,
  null::bigint as consumed_scan_ranges,
  null::bigint as work_stealing_reason,
  null::character(1) as is_vectorized_scan,
  null::integer as is_vectorized_scan_reason,
  null::bigint as row_fetcher_reason,
  null::bigint as topology_signature,
  null::character(1) as use_tpm_partition,
  null::character(1) as is_rrscan_expr
from redshift_local.query_steps s where s.step_name = 'scan';

create view pg_catalog.stl_return as
${STEP_COLUMNS}
  s.byte_count::bigint as bytes,
  0::integer as packets,
  null::bigint as checksum
from redshift_local.query_steps s where s.step_name = 'return';

create view pg_catalog.stl_insert as
${STEP_COLUMNS}
  null::integer as tbl,
  null::character(1) as inserted_mega_value
from redshift_local.query_steps s where s.step_name = 'insert';

create view pg_catalog.stl_delete as
${STEP_COLUMNS}
  null::integer as tbl
from redshift_local.query_steps s where s.step_name = 'delete';

create view pg_catalog.stl_stream_segs as
select m.userid::integer as userid, m.query::integer as query,
  0::integer as stream, 0::integer as segment
from redshift_local.query_metrics m;
`

/** The views {@link STEP_VIEWS_SQL} creates in pg_catalog. */
export const STEP_VIEWS = [
  'stl_scan',
  'stl_return',
  'stl_insert',
  'stl_delete',
  'stl_stream_segs',
] as const
