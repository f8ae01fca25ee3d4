/**
 * Views of objects the emulator refuses to create, so they are always
 * empty, with the columns and types of Redshift's documentation: system
 * permissions (GRANT CREATE USER ... TO ROLE is an emulator limit, and the
 * system roles `sys:dba` ... exist without rights, so no user or role holds
 * one) — SVV_SYSTEM_PRIVILEGES (r_SVV_SYSTEM_PRIVILEGES.html: on Redshift
 * the system roles' own permissions are rows too, such as `ALTER TABLE` of
 * `sys:superuser`); machine learning models (CREATE MODEL is an emulator
 * limit) — SVV_ML_MODEL_INFO, STV_ML_MODEL_INFO and SVV_ML_MODEL_PRIVILEGES
 * (r_SVV_ML_MODEL_PRIVILEGES.html); Python UDFs (SQL UDFs log nothing) —
 * SVL_UDF_LOG and SYS_UDF_LOG (SYS_UDF_LOG.html, superusers only); COPY over SSH — STL_SSHCLIENT_ERROR
 * (r_STL_SSHCLIENT_ERROR.html); federated queries (CREATE EXTERNAL SCHEMA
 * ... FROM POSTGRES / MYSQL is an emulator limit) — SVL_FEDERATED_QUERY
 * (r_SVL_FEDERATED_QUERY.html); COPY JOB — SYS_COPY_JOB (SYS_COPY_JOB.html);
 * streaming ingestion (CREATE EXTERNAL SCHEMA ... FROM KINESIS / MSK) —
 * SYS_STREAM_SCAN_ERRORS and SYS_STREAM_SCAN_STATES
 * (r_SYS_STREAM_SCAN_ERRORS.html, r_SYS_STREAM_SCAN_STATES.html); COPY
 * FORMAT SHAPEFILE's SIMPLIFY — SVL_SPATIAL_SIMPLIFY and SYS_SPATIAL_SIMPLIFY
 * (r_SVL_SPATIAL_SIMPLIFY.html, SYS_SPATIAL_SIMPLIFY.html). STL_RESTARTED_SESSIONS is empty as the
 * emulator never restarts a session. Datashares have views of their own
 * (`datashare-catalog.ts`).
 */
export const ABSENT_OBJECT_VIEWS_SQL = `
create view pg_catalog.svv_system_privileges as
select null::text as system_privilege, null::integer as identity_id, null::text as identity_name,
  null::text as identity_type
where false;

create view pg_catalog.svv_ml_model_info as
select null::character(128) as database_name, null::character(128) as schema_name,
  null::character(128) as user_name, null::character(128) as model_name,
  null::character(20) as life_cycle, null::integer as is_refreshable,
  null::character(128) as model_state
where false;

create view pg_catalog.stv_ml_model_info as
select null::character(128) as schema_name, null::character(128) as user_name,
  null::character(128) as model_name, null::character(20) as life_cycle,
  null::integer as is_refreshable, null::character(128) as model_state
where false;

create view pg_catalog.stl_restarted_sessions as
select null::timestamp as currenttime, null::character(50) as dbname, null::integer as newpid,
  null::integer as oldpid, null::character(50) as username, null::character(45) as remotehost,
  null::character(32) as remoteport, null::timestamp as parkedtime,
  null::character(2000) as session_vars
where false;

create view pg_catalog.svv_ml_model_privileges as
select null::text as namespace_name, null::text as model_name, null::integer as model_version,
  null::text as privilege_type, null::integer as identity_id, null::text as identity_name,
  null::text as identity_type, null::boolean as admin_option
where false;

create view pg_catalog.stl_sshclient_error as
select null::integer as userid, null::integer as query, null::integer as slice,
  null::timestamp as recordtime, null::integer as pid, null::character(1024) as ssh_username,
  null::character(1024) as endpoint, null::character(4096) as command,
  null::character(1024) as error
where false;

create view pg_catalog.svl_federated_query as
select null::integer as userid, null::bigint as xid, null::integer as pid, null::integer as query,
  null::character(32) as sourcetype, null::timestamp as recordtime,
  null::character(4000) as querytext, null::bigint as num_rows, null::bigint as num_bytes,
  null::bigint as duration
where false;

create view pg_catalog.sys_copy_job as
select null::bigint as job_id, null::character(128) as job_name, null::character(128) as iam_role,
  null::character(256) as job_text, null::integer as is_auto, null::integer as on_error_suspend
where false;

create view pg_catalog.sys_stream_scan_errors as
select null::character(128) as external_schema_name, null::character(255) as stream_name,
  null::character(128) as mv_name, null::bigint as transaction_id, null::bigint as query_id,
  null::character(1) as stream_timestamp_type, null::timestamp as stream_timestamp,
  null::timestamp as record_time, null::character(128) as partition_id,
  null::character(128) as position, null::integer as error_code,
  null::character(128) as error_reason
where false;

create view pg_catalog.sys_stream_scan_states as
select null::character(128) as external_schema_name, null::character(255) as stream_name,
  null::character(128) as mv_name, null::bigint as transaction_id, null::bigint as query_id,
  null::timestamp as record_time, null::character(128) as partition_id,
  null::character(128) as latest_position, null::bigint as scanned_rows,
  null::bigint as skipped_rows, null::bigint as scanned_bytes,
  null::timestamp as stream_record_time_min, null::timestamp as stream_record_time_max
where false;

create view pg_catalog.svl_spatial_simplify as
select null::integer as query, null::integer as line_number,
  null::double precision as maximum_tolerance, null::integer as initial_size,
  null::character(1) as simplified, null::integer as final_size,
  null::double precision as final_tolerance
where false;

create view pg_catalog.sys_spatial_simplify as
select null::bigint as query_id, null::bigint as line_number,
  null::double precision as maximum_tolerance, null::bigint as initial_size,
  null::character(1) as simplified, null::bigint as final_size,
  null::double precision as final_tolerance
where false;

create view pg_catalog.svl_udf_log as
select null::bigint as query, null::character(4096) as message, null::timestamp as created,
  null::character(4096) as traceback, null::character(256) as funcname,
  null::integer as node, null::integer as slice, null::integer as seq
where false;

create view pg_catalog.sys_udf_log as
select null::bigint as query_id, null::text as function_name, null::timestamp as record_time,
  null::integer as sequence, null::text as message
where false;
`

/** The views {@link ABSENT_OBJECT_VIEWS_SQL} creates in pg_catalog. */
export const ABSENT_OBJECT_VIEWS = [
  'svv_system_privileges',
  'svv_ml_model_info',
  'stv_ml_model_info',
  'stl_restarted_sessions',
  'svv_ml_model_privileges',
  'stl_sshclient_error',
  'svl_federated_query',
  'sys_copy_job',
  'sys_stream_scan_errors',
  'sys_stream_scan_states',
  'svl_spatial_simplify',
  'sys_spatial_simplify',
  'svl_udf_log',
  'sys_udf_log',
] as const
