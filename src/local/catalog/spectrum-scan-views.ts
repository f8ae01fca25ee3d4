/**
 * Spectrum's scan and error views, with the columns and types of Redshift's
 * documentation: SVL_S3QUERY, SVL_S3QUERY_SUMMARY, SVL_S3PARTITION,
 * SVL_S3PARTITION_SUMMARY, SVL_S3LIST, SVL_S3LOG, SVL_S3RETRIES and the
 * SVCS_S3QUERY_SUMMARY, SVCS_S3LIST and SVCS_S3LOG over them (without the
 * slice) and SVCS_S3PARTITION_SUMMARY (SVL_S3PARTITION_SUMMARY's columns),
 * SVL_SPECTRUM_SCAN_ERROR, SYS_EXTERNAL_QUERY_DETAIL and
 * SYS_EXTERNAL_QUERY_ERROR
 * (https://docs.aws.amazon.com/redshift/latest/dg/r_SVL_S3QUERY.html and the
 * pages beside it). The emulator reads an external table's files itself,
 * into a session table, before the statement runs (`spectrum/`): no
 * Spectrum layer scans them in segments, steps and splits, so these views
 * have no rows, as on a cluster that ran no Spectrum query. The columns after
 * `avg_request_duration` of the SVL_S3QUERY views, SVCS_S3QUERY_SUMMARY's
 * after `s3_scanned_rows` (its page's other columns are
 * SVL_S3QUERY_SUMMARY's, `is_nested` a varchar(1)) and the types of
 * SYS_EXTERNAL_QUERY_DETAIL past `end_time` are not in the documentation the
 * emulator was checked against: they follow SVL_S3QUERY_SUMMARY and the
 * names the pages' sample queries use.
 */
export const SPECTRUM_SCAN_VIEWS_SQL = `
create view pg_catalog.svl_s3query as
select null::integer as userid, null::integer as query, null::integer as segment,
  null::integer as step, null::integer as node, null::integer as slice,
  null::timestamp as starttime, null::timestamp as endtime, null::integer as elapsed,
  null::character(136) as external_table_name, null::character(1) as is_partitioned,
  null::character(1) as is_rrscan, null::bigint as s3_scanned_rows,
  null::bigint as s3_scanned_bytes, null::bigint as s3query_returned_rows,
  null::bigint as s3query_returned_bytes, null::integer as files, null::integer as splits,
  null::bigint as total_split_size, null::bigint as max_split_size,
  null::integer as total_retries, null::integer as max_retries,
  null::integer as max_request_duration, null::double precision as avg_request_duration,
  null::integer as max_request_parallelism, null::double precision as avg_request_parallelism
where false;

create view pg_catalog.svl_s3query_summary as
select null::integer as userid, null::integer as query, null::bigint as xid,
  null::integer as pid, null::integer as segment, null::integer as step,
  null::timestamp as starttime, null::timestamp as endtime, null::integer as elapsed,
  null::integer as aborted, null::character(136) as external_table_name,
  null::character(16) as file_format, null::character(1) as is_partitioned,
  null::character(1) as is_rrscan, null::character(1) as is_nested,
  null::bigint as s3_scanned_rows, null::bigint as s3_scanned_bytes,
  null::bigint as s3query_returned_rows, null::bigint as s3query_returned_bytes,
  null::integer as files, null::integer as files_max, null::integer as files_avg,
  null::integer as splits, null::bigint as total_split_size, null::bigint as max_split_size,
  null::integer as total_retries, null::integer as max_retries,
  null::integer as max_request_duration, null::double precision as avg_request_duration,
  null::integer as max_request_parallelism, null::double precision as avg_request_parallelism,
  null::integer as total_slowdown_count, null::integer as max_slowdown_count
where false;

create view pg_catalog.svcs_s3query_summary as
select q.userid, q.query, q.xid, q.pid, q.segment, q.step, q.starttime, q.endtime, q.elapsed,
  q.aborted, q.external_table_name, q.file_format, q.is_partitioned, q.is_rrscan,
  q.is_nested::character varying(1) as is_nested, q.s3_scanned_rows, q.s3_scanned_bytes,
  q.s3query_returned_rows, q.s3query_returned_bytes, q.files, q.files_max, q.files_avg,
  q.splits, q.total_split_size, q.max_split_size, q.total_retries, q.max_retries,
  q.max_request_duration, q.avg_request_duration, q.max_request_parallelism,
  q.avg_request_parallelism, q.total_slowdown_count, q.max_slowdown_count
from pg_catalog.svl_s3query_summary q;

create view pg_catalog.svl_s3partition as
select null::integer as query, null::integer as segment, null::integer as node,
  null::integer as slice, null::timestamp as starttime, null::timestamp as endtime,
  null::bigint as duration, null::integer as total_partitions,
  null::integer as qualified_partitions, null::integer as assigned_partitions,
  null::character(1) as assignment
where false;

create view pg_catalog.svl_s3partition_summary as
select null::integer as query, null::integer as segment, null::character(1) as assignment,
  null::timestamp as min_starttime, null::timestamp as max_endtime,
  null::bigint as min_duration, null::bigint as max_duration, null::bigint as avg_duration,
  null::integer as total_partitions, null::integer as qualified_partitions,
  null::integer as min_assigned_partitions, null::integer as max_assigned_partitions,
  null::bigint as avg_assigned_partitions
where false;

create view pg_catalog.svcs_s3partition_summary as
select * from pg_catalog.svl_s3partition_summary;

create view pg_catalog.svl_s3list as
select null::integer as query, null::integer as segment, null::integer as node,
  null::integer as slice, null::timestamp as eventtime, null::text as bucket, null::text as prefix,
  null::character(1) as recursive, null::integer as retrieved_files,
  null::bigint as max_file_size, null::double precision as avg_file_size,
  null::integer as generated_splits, null::double precision as avg_split_length,
  null::bigint as duration
where false;

create view pg_catalog.svcs_s3list as
select l.query, l.segment, l.node, l.eventtime, l.bucket::character(256) as bucket,
  l.prefix::character(256) as prefix, l.recursive, l.retrieved_files, l.max_file_size,
  l.avg_file_size, l.generated_splits, l.avg_split_length, l.duration
from pg_catalog.svl_s3list l;

create view pg_catalog.svl_s3log as
select null::integer as pid, null::integer as query, null::integer as segment,
  null::integer as step, null::integer as node, null::integer as slice,
  null::timestamp as eventtime, null::text as message
where false;

create view pg_catalog.svcs_s3log as
select l.pid, l.query, l.segment, l.step, l.node, l.eventtime,
  l.message::character(512) as message
from pg_catalog.svl_s3log l;

create view pg_catalog.svl_s3retries as
select null::integer as query, null::integer as segment, null::integer as node,
  null::integer as slice, null::timestamp as eventtime, null::integer as retries,
  null::integer as successful_fetches, null::bigint as file_size, null::text as location,
  null::text as message
where false;

create view pg_catalog.svl_spectrum_scan_error as
select null::integer as userid, null::integer as query, null::character(128) as location,
  null::character(128) as rowid, null::character(128) as colname,
  null::character(128) as original_value, null::character(128) as modified_value,
  null::character(128) as trigger, null::character(128) as action,
  null::character(128) as action_value, null::integer as error_code
where false;

create view pg_catalog.sys_external_query_detail as
select null::integer as user_id, null::bigint as query_id, null::bigint as transaction_id,
  null::integer as child_query_sequence, null::integer as segment_id,
  null::character(32) as source_type, null::timestamp as start_time,
  null::timestamp as end_time, null::bigint as duration, null::integer as total_partitions,
  null::integer as qualified_partitions, null::bigint as scanned_files,
  null::bigint as returned_rows, null::bigint as returned_bytes,
  null::character(16) as file_format, null::text as file_location,
  null::text as external_query_text, null::text as table_name
where false;

create view pg_catalog.sys_external_query_error as
select null::integer as user_id, null::bigint as query_id,
  null::character(256) as file_location, null::character(2100) as rowid,
  null::character(127) as column_name, null::character(1024) as original_value,
  null::character(1024) as modified_value, null::character(128) as trigger,
  null::character(128) as action, null::character(128) as action_value,
  null::integer as error_code
where false;
`

/** The views {@link SPECTRUM_SCAN_VIEWS_SQL} creates in pg_catalog. */
export const SPECTRUM_SCAN_VIEWS = [
  'svl_s3query',
  'svl_s3query_summary',
  'svcs_s3query_summary',
  'svl_s3partition',
  'svl_s3partition_summary',
  'svcs_s3partition_summary',
  'svl_s3list',
  'svcs_s3list',
  'svl_s3log',
  'svcs_s3log',
  'svl_s3retries',
  'svl_spectrum_scan_error',
  'sys_external_query_detail',
  'sys_external_query_error',
] as const
