/**
 * Views of objects the emulator refuses to create, so they are always
 * empty, with the columns and types of Redshift's documentation: identity
 * providers (CREATE IDENTITY PROVIDER is not supported) —
 * SVV_IDENTITY_PROVIDERS (r_SVV_IDENTITY_PROVIDERS.html); system
 * permissions (GRANT CREATE USER ... TO ROLE is an emulator limit, and the
 * system roles `sys:dba` ... exist without rights, so no user or role holds
 * one) — SVV_SYSTEM_PRIVILEGES (r_SVV_SYSTEM_PRIVILEGES.html: on Redshift
 * the system roles' own permissions are rows too, such as `ALTER TABLE` of
 * `sys:superuser`); machine learning models (CREATE MODEL is an emulator
 * limit) — SVV_ML_MODEL_INFO, STV_ML_MODEL_INFO and SVV_ML_MODEL_PRIVILEGES
 * (r_SVV_ML_MODEL_PRIVILEGES.html); Python UDFs (SQL UDFs log nothing) —
 * SVL_UDF_LOG; COPY over SSH — STL_SSHCLIENT_ERROR
 * (r_STL_SSHCLIENT_ERROR.html); federated queries (CREATE EXTERNAL SCHEMA
 * ... FROM POSTGRES / MYSQL is an emulator limit) — SVL_FEDERATED_QUERY
 * (r_SVL_FEDERATED_QUERY.html). STL_RESTARTED_SESSIONS is empty as the
 * emulator never restarts a session. Datashares have views of their own
 * (`datashare-catalog.ts`).
 */
export const ABSENT_OBJECT_VIEWS_SQL = `
create view pg_catalog.svv_identity_providers as
select null::integer as uid, null::text as name, null::text as type, null::text as instanceid,
  null::text as namespc, null::text as params, null::boolean as enabled
where false;

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

create view pg_catalog.svl_udf_log as
select null::bigint as query, null::character(4096) as message, null::timestamp as created,
  null::character(4096) as traceback, null::character(256) as funcname,
  null::integer as node, null::integer as slice, null::integer as seq
where false;
`

/** The views {@link ABSENT_OBJECT_VIEWS_SQL} creates in pg_catalog. */
export const ABSENT_OBJECT_VIEWS = [
  'svv_identity_providers',
  'svv_system_privileges',
  'svv_ml_model_info',
  'stv_ml_model_info',
  'stl_restarted_sessions',
  'svv_ml_model_privileges',
  'stl_sshclient_error',
  'svl_federated_query',
  'svl_udf_log',
] as const
