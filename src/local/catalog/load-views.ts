import { userIdOfQuery, visibleQuery } from './log-visibility.js'

/**
 * The COPY and UNLOAD views beyond STL_LOAD_ERRORS / STL_UNLOAD_LOG (those
 * live with the WLM views): STL_LOAD_COMMITS, STL_FILE_SCAN, SYS_LOAD_HISTORY,
 * SYS_LOAD_ERROR_DETAIL, SYS_UNLOAD_HISTORY and SYS_UNLOAD_DETAIL, with the
 * column names and types of Redshift's documentation. The session writes
 * their tables (`load-log.ts`) on the emulator's own connection, so a row
 * outlives the transaction of the statement it describes, as on Redshift.
 * A regular user sees only the rows of its own statements (`log-visibility.ts`).
 */
export const LOAD_VIEWS_SQL = `
-- The type Redshift shows for a column (or a query's result column): what
-- the emulator recorded at CREATE TABLE where PostgreSQL stores another type,
-- else format_type(); SUPER is kept as json and VARBYTE as bytea. Security
-- definer: COPY and UNLOAD call it on the client's session, and any user who
-- may load a table may know its column types.
create or replace function redshift_local.redshift_column_type(
  typ oid, typmod integer, rel oid, attnum integer) returns text
language sql stable security definer set search_path = pg_catalog as $$
  select coalesce(
    (select t.column_types ->> a.attname::text
     from redshift_local.table_attributes t
     join pg_catalog.pg_attribute a on a.attrelid = t.relid
       and a.attnum = redshift_column_type.attnum
     where t.relid = redshift_column_type.rel),
    case typ when 3802 then 'super' when 114 then 'super' when 17 then 'varbyte'
      else pg_catalog.format_type(typ, typmod) end)
$$;
create view pg_catalog.stl_load_commits as
select ${userIdOfQuery('c.query', 'c.userid')}::integer as userid,
  c.query::integer as query,
  c.slice::integer as slice,
  c.name::character(256) as name,
  c.filename::character(256) as filename,
  c.byte_offset::integer as byte_offset,
  c.lines_scanned::integer as lines_scanned,
  c.errors::integer as errors,
  c.curtime::timestamp as curtime,
  c.status::integer as status,
  c.file_format::character(16) as file_format,
  c.is_partial::integer as is_partial,
  c.start_offset::bigint as start_offset,
  c.copy_job_id::bigint as copy_job_id
from redshift_local.load_commits c
where ${visibleQuery('c.query')};

-- STL_FILE_SCAN (r_STL_FILE_SCAN.html): the files of the loads that
-- completed, as STL_LOAD_COMMITS lists them; \`loadtime\` is the time from
-- the start of the file's read to its last row reaching the table, and a
-- file is never split (\`is_partial\` 0).
create view pg_catalog.stl_file_scan as
select ${userIdOfQuery('c.query', 'c.userid')}::integer as userid,
  c.query::integer as query,
  c.slice::integer as slice,
  c.filename::character(90) as name,
  c.lines_scanned::bigint as lines,
  c.bytes::bigint as bytes,
  c.loadtime::bigint as loadtime,
  coalesce(c.scan_time, c.curtime)::timestamp as curtime,
  c.is_partial::integer as is_partial,
  coalesce(c.start_offset, 0)::bigint as start_offset
from redshift_local.load_commits c
where ${visibleQuery('c.query')};

create view pg_catalog.sys_load_history as
select ${userIdOfQuery('h.query_id', 'h.user_id')}::integer as user_id,
  h.query_id::bigint as query_id,
  h.transaction_id::bigint as transaction_id,
  h.session_id::integer as session_id,
  h.database_name::text as database_name,
  h.status::text as status,
  h.table_name::text as table_name,
  h.start_time::timestamp as start_time,
  h.end_time::timestamp as end_time,
  redshift_local.micros(h.end_time - h.start_time)::bigint as duration,
  h.data_source::text as data_source,
  h.file_format::text as file_format,
  h.loaded_rows::bigint as loaded_rows,
  h.loaded_bytes::bigint as loaded_bytes,
  h.source_file_count::integer as source_file_count,
  h.source_file_bytes::bigint as source_file_bytes,
  h.file_count_scanned::integer as file_count_scanned,
  h.file_bytes_scanned::bigint as file_bytes_scanned,
  h.error_count::bigint as error_count,
  h.copy_job_id::bigint as copy_job_id
from redshift_local.load_history h
where ${visibleQuery('h.query_id')};

create view pg_catalog.sys_load_error_detail as
select ${userIdOfQuery('e.query', 'e.userid')}::integer as user_id,
  e.query::bigint as query_id,
  e.xid::bigint as transaction_id,
  e.session::integer as session_id,
  e.database_name::character(64) as database_name,
  e.tbl::integer as table_id,
  e.starttime::timestamp as start_time,
  e.filename::character(256) as file_name,
  e.line_number::bigint as line_number,
  e.colname::character(127) as column_name,
  e.type::character(10) as column_type,
  e.col_length::character(10) as column_length,
  e.position::integer as position,
  e.err_code::integer as error_code,
  e.err_reason::character(512) as error_message
from redshift_local.load_errors e
where ${visibleQuery('e.query')};

create view pg_catalog.sys_unload_history as
select ${userIdOfQuery('h.query_id', 'h.user_id')}::integer as user_id,
  h.query_id::bigint as query_id,
  h.transaction_id::bigint as transaction_id,
  h.session_id::integer as session_id,
  h.database_name::text as database_name,
  h.status::text as status,
  h.start_time::timestamp as start_time,
  h.end_time::timestamp as end_time,
  redshift_local.micros(h.end_time - h.start_time)::bigint as duration,
  h.file_format::text as file_format,
  h.compression_type::text as compression_type,
  h.unloaded_location::text as unloaded_location,
  h.unloaded_rows::bigint as unloaded_rows,
  h.unloaded_files_count::bigint as unloaded_files_count,
  h.unloaded_files_size::bigint as unloaded_files_size,
  h.error_message::text as error_message
from redshift_local.unload_history h
where ${visibleQuery('h.query_id')};

create view pg_catalog.sys_unload_detail as
select ${userIdOfQuery('u.query', 'u.userid')}::integer as user_id,
  u.query::integer as query_id,
  u.pid::integer as session_id,
  u.xid::bigint as transaction_id,
  u.path::character(1280) as file_name,
  u.start_time::timestamp as start_time,
  u.end_time::timestamp as end_time,
  u.line_count::bigint as line_count,
  u.transfer_size::bigint as transfer_size,
  u.file_format::character(10) as file_format
from redshift_local.unload_log u
where ${visibleQuery('u.query')};
`
