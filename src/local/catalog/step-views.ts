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
 * Redshift's documentation: STL_RETURN (r_STL_RETURN.html), STL_INSERT
 * (r_STL_INSERT.html) and STL_DELETE (r_STL_DELETE.html), and the streams
 * of STL_STREAM_SEGS (r_STL_STREAM_SEGS.html). A statement runs
 * as one segment 0 on one slice 0, so each has one row per statement: a
 * SELECT's or UNLOAD's return step, an INSERT's, CTAS's, COPY's or UPDATE's
 * insert step, and a DELETE's or UPDATE's delete step, with the statement's
 * execution start and end and its rows. The query log does not keep the
 * target table, so `tbl` is null; `tasknum` (Redshift's task process) and
 * the internal `checksum` and `inserted_mega_value` are null too, and no
 * packets cross a network between nodes (`packets` 0). Its one segment is
 * stream 0. Visibility is that
 * of the other query logs.
 *
 * @example
 * ```sql
 * select query, slice, segment, step, endtime, rows, packets
 * from stl_return where query = pg_last_query_id();
 * ```
 */
export const STEP_VIEWS_SQL = `
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
  'stl_return',
  'stl_insert',
  'stl_delete',
  'stl_stream_segs',
] as const
