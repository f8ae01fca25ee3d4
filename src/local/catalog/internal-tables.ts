/**
 * DDL of the emulator's own bookkeeping tables, all in schema `redshift_local`.
 * Their shapes are documented in `install-catalog.ts`; the system views read
 * them and the runtime writes them through the builders in this folder.
 *
 * Every statement is idempotent (`if not exists`), so re-running the script on
 * a database that already has the tables keeps their rows.
 */

/** Name of the schema that holds the emulator's internal tables. */
export const INTERNAL_SCHEMA = 'redshift_local'

// Logs and load/unload records are UNLOGGED: they are written on every
// statement, and losing them after a crash of the backing server is harmless.
// Table attributes, WLM config and settings describe user objects and stay
// logged.
export const INTERNAL_TABLES_SQL = `
create schema if not exists redshift_local;

create table if not exists redshift_local.settings (
  key text primary key,
  value text not null
);

create sequence if not exists redshift_local.query_id_seq as integer start with 100000;

create unlogged table if not exists redshift_local.query_log (
  query int4 primary key,
  pid int4,
  userid int4,
  user_name text,
  database text,
  label text,
  xid bigint,
  starttime timestamp,
  endtime timestamp,
  status text check (status in ('queued', 'running', 'success', 'failed', 'cancelled')),
  rows bigint,
  querytxt text,
  error text,
  service_class int4,
  slot_count int4,
  queue_start timestamp,
  exec_start timestamp,
  concurrency_scaling_status int4 default 0,
  query_type text,
  returned_bytes bigint
);
create index if not exists query_log_active_idx on redshift_local.query_log (query)
  where status in ('queued', 'running');

create table if not exists redshift_local.table_attributes (
  relid oid primary key,
  schema_name text not null,
  table_name text not null,
  kind text not null default 'table' check (kind in ('table', 'view', 'materialized_view')),
  temporary boolean not null default false,
  diststyle text check (diststyle in ('AUTO', 'EVEN', 'KEY', 'ALL')),
  distkey text,
  sortkey text[] not null default '{}',
  sortkey_type text check (sortkey_type in ('compound', 'interleaved', 'auto')),
  encode_auto boolean not null default false,
  encodings jsonb not null default '{}',
  backup boolean not null default true,
  identity jsonb not null default '{}',
  column_types jsonb not null default '{}',
  collations jsonb not null default '{}',
  is_late_binding_view boolean not null default false,
  mv_auto_refresh boolean,
  created_at timestamp not null default (statement_timestamp() at time zone 'UTC'),
  source text
);
-- A database an older emulator built has no source column yet.
alter table redshift_local.table_attributes add column if not exists source text;

-- Identifiers of 64..127 bytes (Redshift keeps 127, PostgreSQL 63) and the
-- short names PostgreSQL holds for them; the views show the long ones.
create table if not exists redshift_local.long_names (
  short_name name primary key,
  long_name text not null
);

create table if not exists redshift_local.wlm_queue (
  service_class int4 primary key,
  name text not null,
  query_groups text[] not null default '{}',
  user_groups text[] not null default '{}',
  query_group_wild_card boolean not null default false,
  user_group_wild_card boolean not null default false,
  slots int4 not null default 5 check (slots between 1 and 50),
  max_execution_time int4 not null default 0,
  memory_percent int4,
  concurrency_scaling text not null default 'off',
  query_priority text not null default 'normal',
  is_default boolean not null default false
);

create unlogged table if not exists redshift_local.load_errors (
  userid int4,
  slice int4 default 0,
  tbl int4,
  starttime timestamp,
  session int4,
  query int4,
  filename text,
  line_number bigint,
  colname text,
  type text,
  col_length text,
  position int4,
  raw_line text,
  raw_field_value text,
  err_code int4,
  err_reason text,
  is_partial int4 default 0,
  start_offset bigint,
  copy_job_id bigint
);

create unlogged table if not exists redshift_local.unload_log (
  userid int4,
  query int4,
  slice int4 default 0,
  pid int4,
  path text,
  start_time timestamp,
  end_time timestamp,
  line_count bigint,
  transfer_size bigint,
  file_format text
);

-- Columns the SYS_* views need that the first versions of these tables lacked.
alter table redshift_local.load_errors add column if not exists xid bigint;
alter table redshift_local.load_errors add column if not exists database_name text;
-- STL_LOADERROR_DETAIL: the columns of a field parse error, as a JSON array.
alter table redshift_local.load_errors add column if not exists detail jsonb;
alter table redshift_local.unload_log add column if not exists xid bigint;

-- One row per file a COPY committed (STL_LOAD_COMMITS).
create unlogged table if not exists redshift_local.load_commits (
  userid int4,
  query int4,
  slice int4 default 0,
  name text,
  filename text,
  byte_offset int4,
  lines_scanned int4,
  errors int4,
  curtime timestamp,
  status int4,
  file_format text,
  is_partial int4 default 0,
  start_offset bigint,
  copy_job_id bigint
);
-- What STL_FILE_SCAN shows of each file.
alter table redshift_local.load_commits add column if not exists bytes bigint,
  add column if not exists loadtime bigint, add column if not exists scan_time timestamp;

-- One row per COPY, loaded or failed (SYS_LOAD_HISTORY).
create unlogged table if not exists redshift_local.load_history (
  user_id int4,
  query_id bigint,
  transaction_id bigint,
  session_id int4,
  database_name text,
  status text,
  table_name text,
  start_time timestamp,
  end_time timestamp,
  data_source text,
  file_format text,
  loaded_rows bigint,
  loaded_bytes bigint,
  source_file_count int4,
  source_file_bytes bigint,
  file_count_scanned int4,
  file_bytes_scanned bigint,
  error_count bigint,
  copy_job_id bigint
);

-- One row per UNLOAD, done or failed (SYS_UNLOAD_HISTORY).
create unlogged table if not exists redshift_local.unload_history (
  user_id int4,
  query_id bigint,
  transaction_id bigint,
  session_id int4,
  database_name text,
  status text,
  start_time timestamp,
  end_time timestamp,
  file_format text,
  compression_type text,
  unloaded_location text,
  unloaded_rows bigint,
  unloaded_files_count bigint,
  unloaded_files_size bigint,
  error_message text
);

create table if not exists redshift_local.database_isolation (
  db_name text primary key,
  isolation_level text not null check (isolation_level in ('serializable', 'snapshot'))
);
`
