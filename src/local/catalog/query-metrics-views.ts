import { visibleTo } from './log-visibility.js'

/**
 * Per-query metrics views over the query log: STL_QUERY_METRICS,
 * SVL_QUERY_METRICS, SVL_QUERY_METRICS_SUMMARY, SVL_QUERY_SUMMARY,
 * SVL_QUERY_REPORT (its steps per slice: the one slice 0) and
 * SYS_QUERY_DETAIL, with the columns and types of Redshift's documentation
 * (https://docs.aws.amazon.com/redshift/latest/dg/r_STL_QUERY_METRICS.html,
 * https://docs.aws.amazon.com/redshift/latest/dg/r_SVL_QUERY_METRICS.html,
 * https://docs.aws.amazon.com/redshift/latest/dg/r_SVL_QUERY_METRICS_SUMMARY.html,
 * https://docs.aws.amazon.com/redshift/latest/dg/r_SVL_QUERY_SUMMARY.html,
 * https://docs.aws.amazon.com/redshift/latest/dg/r_SVL_QUERY_REPORT.html,
 * https://docs.aws.amazon.com/redshift/latest/dg/SYS_QUERY_DETAIL.html).
 *
 * Every finished statement that does compute-node work (SELECT, INSERT,
 * UPDATE, DELETE, CTAS, COPY, UNLOAD) has rows; DDL and utility statements
 * run on the leader only and appear in SYS_QUERY_HISTORY alone, as on
 * Redshift. The emulator runs each statement as one segment on one slice, so
 * the steps are the segment's (scan, then return / insert / delete), their
 * times are the statement's execution time, nothing spills, and CPU time is
 * bounded by the execution time (it is not measured). Bytes are the
 * returned bytes the log knows (0 when it does not).
 *
 * STL_QUERY_METRICS has a statement's query-level row (segment and
 * step_type -1) and its one segment's row (segment 0, step_type -1), and
 * SVL_QUERY_METRICS the same two as its `query` and `segment` dimensions.
 * Step-level rows are left out: their step_type codes are Redshift's
 * internal numbering, and the page allows short segments to go unrecorded.
 */
export const QUERY_METRICS_VIEWS_SQL = `
create view redshift_local.query_metrics as
select q.*,
  t.effective_type,
  greatest(coalesce(redshift_local.micros(q.endtime - coalesce(q.exec_start, q.starttime)), 0), 0) as exec_us,
  greatest(coalesce(redshift_local.micros(q.exec_start - q.queue_start), 0), 0) as queue_us,
  coalesce(q.rows, 0) as row_count,
  coalesce(q.returned_bytes, 0) as byte_count
from redshift_local.query_log_view q
cross join lateral (
  select coalesce(q.query_type, redshift_local.derive_query_type(q.querytxt)) as effective_type
) t
where not q.active and ${visibleTo('q.user_name')}
  and t.effective_type in ('SELECT', 'INSERT', 'UPDATE', 'DELETE', 'CTAS', 'COPY', 'UNLOAD');

create view redshift_local.query_steps as
select m.*, s.step, s.step_name
from redshift_local.query_metrics m
cross join lateral (values
  (0, 'scan'),
  (1, case m.effective_type when 'SELECT' then 'return' when 'UNLOAD' then 'return'
     when 'DELETE' then 'delete' when 'UPDATE' then 'delete' else 'insert' end),
  (2, case when m.effective_type = 'UPDATE' then 'insert' end)
) as s(step, step_name)
where s.step_name is not null;

create view pg_catalog.svl_query_metrics_summary as
select m.userid::integer as userid,
  m.query::integer as query,
  m.effective_service_class::integer as service_class,
  (m.exec_us / 1000000)::bigint as query_cpu_time,
  0::bigint as query_blocks_read,
  (m.exec_us / 1000000)::bigint as query_execution_time,
  0.00::numeric(38,2) as query_cpu_usage_percent,
  0::bigint as query_temp_blocks_to_disk,
  (m.exec_us / 1000000)::bigint as segment_execution_time,
  0.00::numeric(38,2) as cpu_skew,
  0.00::numeric(38,2) as io_skew,
  m.row_count::bigint as scan_row_count,
  0::bigint as join_row_count,
  0::bigint as nested_loop_join_row_count,
  (case when m.effective_type = 'SELECT' then m.row_count else 0 end)::bigint as return_row_count,
  0::bigint as spectrum_scan_row_count,
  0::bigint as spectrum_scan_size_mb,
  (m.queue_us / 1000000)::bigint as query_queue_time
from (
  select x.*, coalesce(x.service_class,
    (select w.service_class from redshift_local.wlm_queue w where w.is_default
     order by w.service_class limit 1), 6) as effective_service_class
  from redshift_local.query_metrics x
) m;

create view redshift_local.query_metric_levels as
select m.*, l.segment, coalesce(m.service_class,
    (select w.service_class from redshift_local.wlm_queue w where w.is_default
     order by w.service_class limit 1), 6) as effective_service_class
from redshift_local.query_metrics m
cross join lateral (values (-1), (0)) as l(segment);

create view pg_catalog.stl_query_metrics as
select l.userid::integer as userid,
  l.effective_service_class::integer as service_class,
  l.query::integer as query,
  l.segment::integer as segment,
  (-1)::integer as step_type,
  coalesce(l.exec_start, l.starttime)::timestamp as starttime,
  1::integer as slices,
  l.row_count::bigint as max_rows,
  l.row_count::bigint as rows,
  l.exec_us::bigint as max_cpu_time,
  l.exec_us::bigint as cpu_time,
  0::integer as max_blocks_read,
  0::bigint as blocks_read,
  l.exec_us::bigint as max_run_time,
  l.exec_us::bigint as run_time,
  0::bigint as max_blocks_to_disk,
  0::bigint as blocks_to_disk,
  (-1)::integer as step,
  0::bigint as max_query_scan_size,
  0::bigint as query_scan_size,
  (-1)::integer as query_priority,
  (case when l.segment = -1 then l.queue_us else 0 end)::bigint as query_queue_time,
  coalesce((select w.name from redshift_local.wlm_queue w
    where w.service_class = l.effective_service_class), '')::character(64) as service_class_name
from redshift_local.query_metric_levels l;

create view pg_catalog.svl_query_metrics as
select l.userid::integer as userid,
  l.query::integer as query,
  l.effective_service_class::integer as service_class,
  (case when l.segment = -1 then 'query' else 'segment' end)::varchar(24) as dimension,
  (case when l.segment = -1 then null else l.segment end)::integer as segment,
  null::integer as step,
  null::varchar(30) as step_label,
  (l.exec_us / 1000000)::bigint as query_cpu_time,
  0::bigint as query_blocks_read,
  (l.exec_us / 1000000)::bigint as query_execution_time,
  0::bigint as query_cpu_usage_percent,
  0::bigint as query_temp_blocks_to_disk,
  (l.exec_us / 1000000)::bigint as segment_execution_time,
  0.00::numeric(38,2) as cpu_skew,
  0.00::numeric(38,2) as io_skew,
  l.row_count::bigint as scan_row_count,
  0::bigint as join_row_count,
  0::bigint as nested_loop_join_row_count,
  (case when l.effective_type = 'SELECT' then l.row_count else 0 end)::bigint as return_row_count,
  0::bigint as spectrum_scan_row_count,
  0::bigint as spectrum_scan_size_mb,
  (l.queue_us / 1000000)::bigint as query_queue_time
from redshift_local.query_metric_levels l;

create view pg_catalog.svl_query_summary as
select s.userid::integer as userid,
  s.query::integer as query,
  0::integer as stm,
  0::integer as seg,
  s.step::integer as step,
  s.exec_us::bigint as maxtime,
  s.exec_us::bigint as avgtime,
  s.row_count::bigint as rows,
  (case when s.step = 0 then 0 else s.byte_count end)::bigint as bytes,
  (s.row_count * 1000000.0 / greatest(s.exec_us, 1))::double precision as rate_row,
  ((case when s.step = 0 then 0 else s.byte_count end) * 1000000.0 / greatest(s.exec_us, 1))::double precision as rate_byte,
  s.step_name::text as label,
  'f'::character(1) as is_diskbased,
  0::bigint as workmem,
  'f'::character(1) as is_rrscan,
  'f'::character(1) as is_delayed_scan,
  (case when s.step = 0 then s.row_count else 0 end)::bigint as rows_pre_filter
from redshift_local.query_steps s;

create view pg_catalog.svl_query_report as
select s.userid::integer as userid,
  s.query::integer as query,
  0::integer as slice,
  0::integer as segment,
  s.step::integer as step,
  coalesce(s.exec_start, s.starttime)::timestamp as start_time,
  s.endtime::timestamp as end_time,
  s.exec_us::bigint as elapsed_time,
  s.row_count::bigint as rows,
  (case when s.step = 0 then 0 else s.byte_count end)::bigint as bytes,
  s.step_name::character(256) as label,
  'f'::character(1) as is_diskbased,
  0::bigint as workmem,
  'f'::character(1) as is_rrscan,
  'f'::character(1) as is_delayed_scan,
  (case when s.step = 0 then s.row_count else 0 end)::bigint as rows_pre_filter
from redshift_local.query_steps s;

create view pg_catalog.sys_query_detail as
select s.userid::integer as user_id,
  s.query::bigint as query_id,
  1::integer as child_query_sequence,
  0::integer as stream_id,
  0::integer as segment_id,
  s.step::integer as step_id,
  s.step_name::text as step_name,
  null::integer as table_id,
  null::character(136) as table_name,
  'f'::character(1) as is_rrscan,
  coalesce(s.exec_start, s.starttime)::timestamp as start_time,
  s.endtime::timestamp as end_time,
  s.exec_us::bigint as duration,
  null::text as alert,
  (case when s.step = 0 then 0 else s.byte_count end)::bigint as input_bytes,
  (case when s.step = 0 then 0 else s.row_count end)::bigint as input_rows,
  (case when s.step = 0 then 0 else s.byte_count end)::bigint as output_bytes,
  s.row_count::bigint as output_rows,
  0::bigint as spilled_block_local_disk,
  0::bigint as spilled_block_remote_disk
from redshift_local.query_steps s;
`
