/**
 * Makes a PostgreSQL database look like a Redshift catalog: Redshift's system
 * views and functions in `pg_catalog` (so they resolve unqualified whatever
 * `search_path` a client sets), fed by the emulator's own tables in schema
 * `redshift_local`.
 *
 * ## Internal tables (`redshift_local`)
 *
 * Times are UTC wall-clock `timestamp`s (Redshift's system tables are UTC).
 * Write them with the builders next to this file; each returns one statement.
 *
 * - `query_log` (UNLOGGED; `buildQueryLogUpsert`): one row per statement.
 *   `query int4 primary key, pid int4, userid int4, user_name text,
 *   database text, label text (query_group; null = unset), xid bigint,
 *   starttime timestamp, endtime timestamp (null while running),
 *   status text ('queued'|'running'|'success'|'failed'|'cancelled'; null
 *   reads as running), rows bigint, querytxt text, error text,
 *   service_class int4 (null = the default queue), slot_count int4,
 *   queue_start timestamp, exec_start timestamp,
 *   concurrency_scaling_status int4 default 0, query_type text (SELECT,
 *   INSERT, COPY, DDL, UTILITY, CTAS, ...; derived from querytxt when null),
 *   returned_bytes bigint`. `pid` is the pid clients see (CANCEL targets it).
 *   Ids may come from `redshift_local.query_id_seq` (`NEXT_QUERY_ID_SQL`).
 * - `table_attributes` (`buildTableAttributesUpsert`): Redshift properties of
 *   a relation, keyed by `relid oid primary key`: `schema_name text,
 *   table_name text, kind text ('table'|'view'|'materialized_view'),
 *   temporary bool, diststyle text ('AUTO'|'EVEN'|'KEY'|'ALL'|null),
 *   distkey text, sortkey text[], sortkey_type text
 *   ('compound'|'interleaved'|'auto'|null), encode_auto bool, encodings jsonb
 *   (column -> encoding), backup bool, identity jsonb (column ->
 *   {seed, step, generated}), column_types jsonb (column -> Redshift type),
 *   collations jsonb, is_late_binding_view bool, mv_auto_refresh bool,
 *   created_at timestamp`.
 * - `wlm_queue` (`buildWlmConfigInsert`): `service_class int4 primary key,
 *   name text, query_groups text[], user_groups text[],
 *   query_group_wild_card bool, user_group_wild_card bool, slots int4 (1..50),
 *   max_execution_time int4 (ms, 0 = none), memory_percent int4,
 *   concurrency_scaling text ('off'|'auto'), query_priority text,
 *   is_default bool`. Seeded with the superuser queue (5) and the default
 *   queue (6) when empty.
 * - `load_errors` (UNLOGGED; `buildLoadErrorsInsert`): the STL_LOAD_ERRORS
 *   columns (`userid, slice, tbl, starttime, session, query, filename,
 *   line_number, colname, type, col_length, position, raw_line,
 *   raw_field_value, err_code, err_reason, is_partial, start_offset,
 *   copy_job_id`) as plain text/int columns.
 * - `unload_log` (UNLOGGED; `buildUnloadLogInsert`): the STL_UNLOAD_LOG
 *   columns (`userid, query, slice, pid, path, start_time, end_time,
 *   line_count, transfer_size, file_format`) and `xid` (SYS_UNLOAD_DETAIL).
 *   `load_errors` also keeps `xid` and `database_name` (SYS_LOAD_ERROR_DETAIL).
 * - `load_commits` (UNLOGGED; `buildLoadCommitsInsert`): the STL_LOAD_COMMITS
 *   columns, one row per file a COPY loaded.
 * - `load_history` / `unload_history` (UNLOGGED; `buildLoadHistoryInsert`,
 *   `buildUnloadHistoryInsert`): one row per COPY / UNLOAD, the columns of
 *   SYS_LOAD_HISTORY / SYS_UNLOAD_HISTORY (durations computed by the views).
 * - `database_isolation`: `db_name text primary key, isolation_level text
 *   ('serializable'|'snapshot')`, per-database overrides of
 *   `options.isolation` (for CREATE/ALTER DATABASE ... ISOLATION LEVEL).
 * - `settings`: `key text primary key, value text` (`catalog_version`,
 *   `redshift_version`, `isolation`).
 *
 * ## Views (`pg_catalog`)
 *
 * STV_RECENTS, STV_INFLIGHT, STL_QUERY, SVL_QLOG, SYS_QUERY_HISTORY,
 * SVV_TABLE_INFO, SVV_COLUMNS, SVV_ALL_COLUMNS, PG_TABLE_DEF,
 * SVV_REDSHIFT_TABLES, SVV_REDSHIFT_COLUMNS, SVV_MV_INFO, PG_CLASS_INFO,
 * STV_WLM_SERVICE_CLASS_CONFIG, STV_WLM_SERVICE_CLASS_STATE,
 * STV_WLM_QUERY_STATE, STV_DB_ISOLATION_LEVEL, STL_LOAD_ERRORS, STL_UNLOAD_LOG,
 * STL_LOAD_COMMITS, SYS_LOAD_HISTORY, SYS_LOAD_ERROR_DETAIL, SYS_UNLOAD_HISTORY,
 * SYS_UNLOAD_DETAIL, SVL_QUERY_METRICS_SUMMARY, SVL_QUERY_SUMMARY,
 * SYS_QUERY_DETAIL, and Spectrum's SVV_EXTERNAL_SCHEMAS, _DATABASES, _TABLES,
 * _COLUMNS and _PARTITIONS (over the tables `spectrum-catalog.ts` describes)
 * and its scan views SVL_S3QUERY, SVL_S3QUERY_SUMMARY, SVL_S3PARTITION,
 * SVL_S3PARTITION_SUMMARY, SVL_SPECTRUM_SCAN_ERROR, SYS_EXTERNAL_QUERY_DETAIL
 * and SYS_EXTERNAL_QUERY_ERROR (empty: see `spectrum-scan-views.ts`),
 * SVV_ROLES, SVV_USER_GRANTS and SVV_ROLE_GRANTS (see `role-views.ts`),
 * STL_WLM_QUERY, STV_TBL_PERM (`table-perm-view.ts`), the statement-text
 * views STL_QUERYTEXT, STL_DDLTEXT, STL_UTILITYTEXT, SVL_STATEMENTTEXT and
 * STL_ERROR (`statement-text-views.ts`), STV_SESSIONS, SVV_TRANSACTIONS and
 * STV_LOCKS (`session-views.ts`), SVV_TABLES, SVV_ALL_TABLES, SVV_ALL_SCHEMAS,
 * SVV_REDSHIFT_SCHEMAS, PG_EXTERNAL_SCHEMA, PG_USER_INFO and PG_LIBRARY
 * (`schema-views.ts`), SVV_DATASHARES, SVV_DATASHARE_OBJECTS and
 * SVV_DATASHARE_CONSUMERS (`datashare-catalog.ts`), SVV_IDENTITY_PROVIDERS
 * (`identity-provider-catalog.ts`), the always-empty views of objects the
 * emulator refuses to create (`absent-object-views.ts`). Who sees which rows of the log views:
 * `log-visibility.ts`.
 *
 * ## Functions (`pg_catalog`)
 *
 * Redshift's own (see `redshift-functions.ts`), PG_GET_LATE_BINDING_VIEW_COLS,
 * `redshift_local.explain_plan(query)` (Redshift's EXPLAIN text, see
 * `explain-plan.ts`), and `redshift_local_version()`, the marker that tells the emulator from
 * Redshift (see `emulator-marker.ts`).
 */
import { createHash } from 'node:crypto'

import {
  BYTE_LENGTH_CASTS_RESET_SQL,
  BYTE_LENGTHS_SQL,
} from './byte-lengths.js'
import { ALTER_ATTRIBUTES_SQL } from './alter-attributes.js'
import { CHECKED_ALTER_SQL } from './checked-alter.js'
import { DATABASE_COMMENTS_SQL } from './database-comments.js'
import { COLUMN_ATTRIBUTES_SQL } from './column-attributes.js'
import { VARBYTE_CASTS_SQL } from './varbyte-casts.js'
import { CHAR_STRING_FUNCTIONS_SQL } from './char-string-functions.js'
import {
  DECIMAL_STORAGE_CAST_RESET_SQL,
  DECIMAL_STORAGE_SQL,
} from './decimal-storage.js'
import {
  DATASHARE_SQL,
  DATASHARE_TABLES_SQL,
  DATASHARE_VIEWS,
} from './datashare-catalog.js'
import {
  SCHEMA_FILTERED_VIEWS,
  SCHEMA_FILTERED_VIEWS_SQL,
} from './schema-filtered-views.js'
import {
  IDENTITY_PROVIDER_SQL,
  IDENTITY_PROVIDER_TABLES_SQL,
  IDENTITY_PROVIDER_VIEWS,
} from './identity-provider-catalog.js'
import {
  RLS_ADMIN_VIEW,
  RLS_SQL,
  RLS_TABLES_SQL,
  RLS_VIEWS,
} from './rls-catalog.js'
import {
  MASKING_SQL,
  MASKING_TABLES_SQL,
  MASKING_VIEWS,
} from './masking-catalog.js'
import { DROP_COLUMN_RULES_SQL } from './drop-column-rules.js'
import { INFORMATIONAL_CONSTRAINTS_SQL } from './informational-constraints.js'
import {
  LATE_BINDING_TABLE_SQL,
  LATE_BINDING_VIEWS_SQL,
} from './late-binding-views.js'
import { EMULATOR_MARKER_SQL } from './emulator-marker.js'
import { CANCEL_BACKEND_SQL } from './cancel-backend.js'
import { EXPLAIN_PLAN_SQL } from './explain-plan.js'
import { INTERNAL_FUNCTIONS_SQL } from './internal-functions.js'
import { MASKED_VIEW_TEXT_SQL } from './masked-view-text.js'
import { VIEW_RULES_SQL } from './view-rules.js'
import { PROCEDURE_CATALOG_SQL } from './procedure-catalog.js'
import { BUILTIN_NAME_UDFS_SQL } from './builtin-name-udfs.js'
import { INTERNAL_TABLES_SQL } from './internal-tables.js'
import { WRITE_LOCK_WAITS_TABLE_SQL } from './write-lock-waits.js'
import {
  CONNECTION_LOG_SQL,
  CONNECTION_LOG_TABLE_SQL,
  CONNECTION_LOG_VIEWS,
} from './connection-log.js'
import {
  KEEP_USER_OBJECTS_SQL,
  RESTORE_USER_OBJECTS_SQL,
} from './kept-user-objects.js'
import { LOAD_VIEWS_SQL } from './load-views.js'
import { RECORD_LONG_NAMES_FUNCTION_SQL } from './long-names.js'
import { QUERY_METRICS_VIEWS_SQL } from './query-metrics-views.js'
import { STEP_VIEWS, STEP_VIEWS_SQL } from './step-views.js'
import {
  OPERATOR_STEP_LOGS,
  OPERATOR_STEP_LOGS_SQL,
} from './operator-step-logs.js'
import {
  S3_CLIENT_LOG_SQL,
  S3_CLIENT_LOG_TABLE_SQL,
  S3_CLIENT_LOG_VIEWS,
} from './s3-client-log.js'
import {
  DATASHARE_USAGE_VIEWS,
  DATASHARE_USAGE_VIEWS_SQL,
} from './datashare-usage-views.js'
import {
  ATTRIBUTE_INFO_VIEW_SQL,
  ATTRIBUTE_INFO_VIEWS,
} from './attribute-info-view.js'
import { USER_LOG_SQL, USER_LOG_TABLE_SQL, USER_LOG_VIEWS } from './user-log.js'
import {
  CONCURRENCY_SCALING_VIEWS,
  CONCURRENCY_SCALING_VIEWS_SQL,
} from './concurrency-scaling-views.js'
import {
  QUERY_QUEUE_VIEWS,
  QUERY_QUEUE_VIEWS_SQL,
} from './query-queue-views.js'
import { PLAN_LOG_VIEWS, PLAN_LOG_VIEWS_SQL } from './plan-log-views.js'
import { QUERY_VIEWS_SQL } from './query-views.js'
import {
  STORED_PROC_TABLES_SQL,
  STORED_PROC_VIEWS,
  STORED_PROC_VIEWS_SQL,
} from './stored-proc-log.js'
import { REDSHIFT_DATE_FUNCTIONS_SQL } from './redshift-date-functions.js'
import { REDSHIFT_FUNCTIONS_SQL } from './redshift-functions.js'
import { EXTERNAL_FUNCTIONS_SQL } from './external-functions.js'
import { TIME_ZONE_FUNCTION_SQL } from '../sql/time-zone-names.js'
import { REDSHIFT_AGGREGATES_SQL } from './redshift-aggregates.js'
import { REDSHIFT_NUMERIC_FUNCTIONS_SQL } from './redshift-numeric-functions.js'
import { VARCHAR_BLANKS_SQL } from './varchar-blanks.js'
import { NUMBER_STRING_COMPARISONS_SQL } from './number-string-comparisons.js'
import { REDSHIFT_MATH_FUNCTIONS_SQL } from './redshift-math-functions.js'
import { REDSHIFT_STRING_FUNCTIONS_SQL } from './redshift-string-functions.js'
import { SUPER_CATALOG_SQL } from './super-catalog.js'
import {
  CLIENT_CATALOG_VIEWS,
  CLIENT_CATALOG_VIEWS_SQL,
} from './client-catalog-views.js'
import { DEFAULT_ACL_VIEW_SQL } from './default-acl-view.js'
import { CONSTRAINT_VIEW_SQL } from './constraint-view.js'
import { SUPER_FUNCTION_NAMES, SUPER_FUNCTIONS_SQL } from './super-functions.js'
import { SYNTAX_FUNCTIONS_SQL } from './syntax-functions.js'
import { MV_VIEWS_SQL } from './mv-views.js'
import { DEFAULT_FUNCTIONS_SQL } from './default-functions.js'
import {
  MV_REFRESH_LOG_SQL,
  MV_REFRESH_TABLE_SQL,
  MV_REFRESH_VIEWS,
} from './mv-refresh-log.js'
import {
  ANALYZE_LOG_SQL,
  ANALYZE_LOG_TABLE_SQL,
  ANALYZE_VIEWS,
} from './analyze-log.js'
import {
  VACUUM_LOG_SQL,
  VACUUM_LOG_TABLE_SQL,
  VACUUM_VIEWS,
} from './vacuum-log.js'
import { SHOW_DDL_SQL } from './show-ddl.js'
import { PROC_INFO_VIEW_SQL } from './proc-info-view.js'
import { RELATION_VIEWS_SQL } from './relation-views.js'
import {
  QUOTA_VIOLATION_VIEWS,
  SCHEMA_QUOTA_TABLE_SQL,
  STATEMENT_OBJECTS_SQL,
} from './statement-objects.js'
import { TABLE_VIEWS_SQL } from './table-views.js'
import { ROLE_VIEWS, ROLE_VIEWS_SQL } from './role-views.js'
import { PRIVILEGE_VIEWS, PRIVILEGE_VIEWS_SQL } from './privilege-views.js'
import {
  DROP_PRIVILEGE_SQL,
  DROP_PRIVILEGE_TABLES_SQL,
} from './drop-privilege.js'
import {
  SPECTRUM_CATALOG_SQL,
  SPECTRUM_TABLES_SQL,
  SPECTRUM_VIEWS,
} from './spectrum-catalog.js'
import { SCHEMA_ALIAS_SQL } from './schema-alias-catalog.js'
import {
  SPECTRUM_SCAN_VIEWS,
  SPECTRUM_SCAN_VIEWS_SQL,
} from './spectrum-scan-views.js'
import {
  CTAS_KEYS_SQL,
  RECORD_TABLE_ATTRIBUTES_FUNCTION_SQL,
} from './table-attributes.js'
import {
  buildWlmConfigInsert,
  DEFAULT_WLM_QUEUES,
  type WlmQueueConfig,
} from './wlm-config.js'
import { WLM_VIEWS_SQL } from './wlm-views.js'
import { WLM_QUEUE_VIEWS, WLM_QUEUE_VIEWS_SQL } from './wlm-queue-views.js'
import { LOG_VISIBILITY_SQL } from './log-visibility.js'
import { TIMESTAMP_LIKE_SQL } from './timestamp-like.js'
import { TABLE_PERM_VIEW_SQL } from './table-perm-view.js'
import {
  TABLE_DESIGN_VIEWS,
  TABLE_DESIGN_VIEWS_SQL,
} from './table-design-views.js'
import { MV_KEY_TYPES_SQL } from './key-column-types.js'
import {
  STATEMENT_TEXT_VIEWS,
  STATEMENT_TEXT_VIEWS_SQL,
} from './statement-text-views.js'
import { SESSION_VIEWS, SESSION_VIEWS_SQL } from './session-views.js'
import { SCHEMA_VIEWS, SCHEMA_VIEWS_SQL } from './schema-views.js'
import {
  ABSENT_OBJECT_VIEWS,
  ABSENT_OBJECT_VIEWS_SQL,
} from './absent-object-views.js'

/** The minimal client `installCatalog` needs (a connected `pg.Client` fits). */
export interface CatalogClient {
  query(
    text: string,
    values?: unknown[],
  ): Promise<{ readonly rows: readonly unknown[] }>
}

export interface LocalCatalogOptions {
  /** What STV_DB_ISOLATION_LEVEL reports for databases without an override. Default `serializable`. */
  readonly isolation?: 'serializable' | 'snapshot'
  /** The `1.0.NNNNN` build shown by version() and SYS_QUERY_HISTORY. Default `1.0.77467`. */
  readonly redshiftVersion?: string
  /** Replaces the WLM configuration. Without it an empty configuration gets the default queues. */
  readonly wlmQueues?: readonly WlmQueueConfig[]
  /**
   * Leaves a catalog already installed as it is, settings and WLM
   * configuration included: the options apply only when this call installs
   * it. For a database set up only to be read (another emulator on the same
   * server may serve it with options of its own). Default false.
   */
  readonly keepInstalled?: boolean
}

/** What `installCatalog` did. */
export interface CatalogInstallResult {
  /** False when the database already had this catalog version (only settings were refreshed). */
  readonly created: boolean
  readonly version: string
}

/** The Redshift system views `installCatalog` creates in pg_catalog. */
export const SYSTEM_VIEWS = [
  'stv_recents',
  'stv_inflight',
  'stl_query',
  'svl_qlog',
  'sys_query_history',
  'svv_table_info',
  'svv_columns',
  'svv_all_columns',
  'pg_table_def',
  'svv_redshift_tables',
  'svv_redshift_columns',
  'svv_mv_info',
  'stv_mv_info',
  'stv_mv_deps',
  'svv_mv_dependency',
  'pg_class_info',
  'pg_proc_info',
  'stv_wlm_service_class_config',
  'stv_wlm_classification_config',
  'stv_wlm_service_class_state',
  'stv_wlm_query_state',
  'stv_db_isolation_level',
  'svv_redshift_databases',
  'stl_load_errors',
  'stl_loaderror_detail',
  'stl_unload_log',
  'stl_load_commits',
  'stl_file_scan',
  'sys_load_history',
  'sys_load_error_detail',
  'sys_unload_history',
  'sys_unload_detail',
  'stl_query_metrics',
  'svl_query_metrics',
  'svl_query_metrics_summary',
  'svl_query_summary',
  'svl_query_report',
  'sys_query_detail',
  ...PLAN_LOG_VIEWS,
  ...WLM_QUEUE_VIEWS,
  'stl_wlm_query',
  'stv_tbl_perm',
  ...STORED_PROC_VIEWS,
  ...MV_REFRESH_VIEWS,
  ...ANALYZE_VIEWS,
  ...USER_LOG_VIEWS,
  ...QUOTA_VIOLATION_VIEWS,
  ...ATTRIBUTE_INFO_VIEWS,
  ...DATASHARE_USAGE_VIEWS,
  ...S3_CLIENT_LOG_VIEWS,
  ...VACUUM_VIEWS,
  ...SPECTRUM_VIEWS,
  ...SPECTRUM_SCAN_VIEWS,
  ...ROLE_VIEWS,
  ...PRIVILEGE_VIEWS,
  ...STATEMENT_TEXT_VIEWS,
  ...QUERY_QUEUE_VIEWS,
  ...STEP_VIEWS,
  ...OPERATOR_STEP_LOGS,
  ...CONCURRENCY_SCALING_VIEWS,
  ...SESSION_VIEWS,
  ...CONNECTION_LOG_VIEWS,
  ...SCHEMA_VIEWS,
  ...ABSENT_OBJECT_VIEWS,
  ...TABLE_DESIGN_VIEWS,
  ...DATASHARE_VIEWS,
  ...IDENTITY_PROVIDER_VIEWS,
  ...RLS_VIEWS,
  ...MASKING_VIEWS,
] as const

const VIEW_NAMES = [
  ...SYSTEM_VIEWS,
  RLS_ADMIN_VIEW,
  'query_log_view',
  'query_service_class',
  'query_metrics',
  'query_steps',
  'column_view',
  'mv_dependency',
  'mv_refresh_view',
  'analyze_view',
  'user_log_view',
  'vacuum_view',
  'user_info',
  'statement_text',
  'client_sessions',
  'connection_log_view',
  'transaction_statements',
  'table_locks',
  'local_schemas',
  // client-catalog-views.ts (in redshift_local: PostgreSQL's own are tables)
  ...CLIENT_CATALOG_VIEWS,
  // super-catalog.ts (in redshift_local: PostgreSQL's own are tables)
  'pg_type',
  'pg_attribute',
  'columns',
  // constraint-view.ts
  'pg_constraint',
  // schema-filtered-views.ts
  ...SCHEMA_FILTERED_VIEWS,
  // role-views.ts (in redshift_local: PostgreSQL's own are system views)
  'pg_user',
  'pg_group',
] as const

const FUNCTION_NAMES = [
  'getdate',
  'datediff',
  'dateadd',
  'last_day',
  'add_months',
  'trunc',
  'convert_timezone',
  'nvl',
  'nvl2',
  'len',
  'charindex',
  'strtol',
  'median',
  'listagg',
  ...SUPER_FUNCTION_NAMES,
  'is_valid_json',
  'is_valid_json_array',
  'can_json_parse',
  'json_extract_path_text',
  'json_array_length',
  'json_extract_array_element_text',
  'pg_last_query_id',
  'pg_last_copy_id',
  'pg_last_copy_count',
  'pg_last_unload_id',
  'pg_last_unload_count',
  'version',
  'pg_get_late_binding_view_cols',
  'pg_get_cols',
  'db_collation',
  'slice_num',
  'getbit',
  'last_user_query_id',
  'redshift_local_version',
  // redshift-date-functions.ts and redshift-string-functions.ts
  'next_day',
  'months_between',
  'date_part_year',
  'pgdate_part',
  'replicate',
  'octetindex',
  'crc32',
  'func_sha1',
  'sha1',
  'sha',
  'sha2',
  'fnv_hash',
  'current_user_id',
  'current_setting',
  'soundex',
  'difference',
  'round',
  'checksum',
  'floor',
  'ceil',
  'ceiling',
  'murmur3_32_hash',
  'sign',
  'upper',
  'lower',
  // redshift-aggregates.ts: the integer overloads
  'bool_and',
  'bool_or',
] as const

/** Objects of ours only: created after initdb (oid >= 16384) and named in the lists above. */
// The emulator's event triggers (late-binding views, materialized views)
// stay quiet while their own functions are dropped: one firing halfway would
// call a function already gone.
const DROP_OWN_OBJECTS_SQL = `
set local session_replication_role = replica;
do $drop$
declare
  r record;
begin
  for r in
    select c.oid from pg_catalog.pg_class c
    where c.relkind = 'v' and c.oid >= 16384
      and c.relnamespace in ('pg_catalog'::regnamespace, 'redshift_local'::regnamespace)
      and c.relname = any (array['${VIEW_NAMES.join("','")}'])
  loop
    -- An earlier cascade may have dropped it already.
    continue when not exists (select 1 from pg_catalog.pg_class c where c.oid = r.oid);
    execute pg_catalog.format('drop view if exists %s cascade', r.oid::regclass);
  end loop;
  for r in
    select p.oid, p.prokind from pg_catalog.pg_proc p
    where p.oid >= 16384
      and ((p.pronamespace = 'pg_catalog'::regnamespace
            and p.proname = any (array['${FUNCTION_NAMES.join("','")}']))
        or p.pronamespace = 'redshift_local'::regnamespace)
  loop
    continue when not exists (select 1 from pg_catalog.pg_proc p where p.oid = r.oid);
    execute pg_catalog.format('drop %s if exists %s cascade',
      case r.prokind when 'a' then 'aggregate' when 'p' then 'procedure' else 'function' end, r.oid::regprocedure);
  end loop;
end
$drop$;
set local session_replication_role = origin;
`

// One transaction, serialised by an advisory lock so that two emulators
// starting on the same database cannot interleave their DDL.
/**
 * Opens the install's transaction holding the catalog's lock. READ COMMITTED
 * whatever the database's default: the version is read again after the lock
 * is granted, and must see what an install that held it committed (a
 * snapshot taken before the wait would not).
 */
const INSTALL_LOCK = `begin isolation level read committed;
select pg_catalog.pg_advisory_xact_lock(4200917)`

const INSTALL_BODY = `set local allow_system_table_mods = on;
set local standard_conforming_strings = on;
set local search_path = pg_catalog;
${INTERNAL_TABLES_SQL}
${CONNECTION_LOG_TABLE_SQL}
${WRITE_LOCK_WAITS_TABLE_SQL}
${STORED_PROC_TABLES_SQL}
${MV_REFRESH_TABLE_SQL}
${ANALYZE_LOG_TABLE_SQL}
${USER_LOG_TABLE_SQL}
${S3_CLIENT_LOG_TABLE_SQL}
${VACUUM_LOG_TABLE_SQL}
${SPECTRUM_TABLES_SQL}
${LATE_BINDING_TABLE_SQL}
${SCHEMA_QUOTA_TABLE_SQL}
${DATASHARE_TABLES_SQL}
${IDENTITY_PROVIDER_TABLES_SQL}
${RLS_TABLES_SQL}
${MASKING_TABLES_SQL}
${DROP_PRIVILEGE_TABLES_SQL}
${BYTE_LENGTH_CASTS_RESET_SQL}
${DECIMAL_STORAGE_CAST_RESET_SQL}
${KEEP_USER_OBJECTS_SQL}
${DROP_OWN_OBJECTS_SQL}
${INTERNAL_FUNCTIONS_SQL}
${MASKED_VIEW_TEXT_SQL}
${LOG_VISIBILITY_SQL}
${PROCEDURE_CATALOG_SQL}
${BUILTIN_NAME_UDFS_SQL}
${BYTE_LENGTHS_SQL}
${DECIMAL_STORAGE_SQL}
${DROP_COLUMN_RULES_SQL}
${TIME_ZONE_FUNCTION_SQL}
${REDSHIFT_FUNCTIONS_SQL}
${REDSHIFT_DATE_FUNCTIONS_SQL}
${REDSHIFT_STRING_FUNCTIONS_SQL}
${REDSHIFT_MATH_FUNCTIONS_SQL}
${SUPER_FUNCTIONS_SQL}
${SUPER_CATALOG_SQL}
${CLIENT_CATALOG_VIEWS_SQL}
${SCHEMA_FILTERED_VIEWS_SQL}
${REDSHIFT_NUMERIC_FUNCTIONS_SQL}
${REDSHIFT_AGGREGATES_SQL}
${VARCHAR_BLANKS_SQL}
${NUMBER_STRING_COMPARISONS_SQL}
${VARBYTE_CASTS_SQL}
${CHAR_STRING_FUNCTIONS_SQL}
${SYNTAX_FUNCTIONS_SQL}
${QUERY_VIEWS_SQL}
${STORED_PROC_VIEWS_SQL}
${QUERY_METRICS_VIEWS_SQL}
${STEP_VIEWS_SQL}
${OPERATOR_STEP_LOGS_SQL}
${EXPLAIN_PLAN_SQL}
${CANCEL_BACKEND_SQL}
${TABLE_VIEWS_SQL}
${RELATION_VIEWS_SQL}
${EMULATOR_MARKER_SQL}
${WLM_VIEWS_SQL}
${WLM_QUEUE_VIEWS_SQL}
${PLAN_LOG_VIEWS_SQL}
${CONCURRENCY_SCALING_VIEWS_SQL}
${LOAD_VIEWS_SQL}
${S3_CLIENT_LOG_SQL}
-- Function bodies run with the caller's rights and reach into redshift_local;
-- the views run with their owner's and need no grant on the logs.
${RECORD_TABLE_ATTRIBUTES_FUNCTION_SQL}
${CTAS_KEYS_SQL}
${RECORD_LONG_NAMES_FUNCTION_SQL}
${ALTER_ATTRIBUTES_SQL}
${CHECKED_ALTER_SQL}
${DATABASE_COMMENTS_SQL}
${COLUMN_ATTRIBUTES_SQL}
${INFORMATIONAL_CONSTRAINTS_SQL}
${LATE_BINDING_VIEWS_SQL}
${STATEMENT_OBJECTS_SQL}
${SPECTRUM_CATALOG_SQL}
${EXTERNAL_FUNCTIONS_SQL}
${SPECTRUM_SCAN_VIEWS_SQL}
${MV_VIEWS_SQL}
${DEFAULT_FUNCTIONS_SQL}
${MV_REFRESH_LOG_SQL}
${ANALYZE_LOG_SQL}
${USER_LOG_SQL}
${VACUUM_LOG_SQL}
${SHOW_DDL_SQL}
${PROC_INFO_VIEW_SQL}
${ROLE_VIEWS_SQL}
${DROP_PRIVILEGE_SQL}
${PRIVILEGE_VIEWS_SQL}
${DEFAULT_ACL_VIEW_SQL}
${CONSTRAINT_VIEW_SQL}
${STATEMENT_TEXT_VIEWS_SQL}
${QUERY_QUEUE_VIEWS_SQL}
${SESSION_VIEWS_SQL}
${CONNECTION_LOG_SQL}
${SCHEMA_VIEWS_SQL}
${ABSENT_OBJECT_VIEWS_SQL}
${ATTRIBUTE_INFO_VIEW_SQL}
${DATASHARE_USAGE_VIEWS_SQL}
${DATASHARE_SQL}
${IDENTITY_PROVIDER_SQL}
${RLS_SQL}
${MASKING_SQL}
${TABLE_PERM_VIEW_SQL}
${TABLE_DESIGN_VIEWS_SQL}
${MV_KEY_TYPES_SQL}
${TIMESTAMP_LIKE_SQL}
${VIEW_RULES_SQL}
${SCHEMA_ALIAS_SQL}
${RESTORE_USER_OBJECTS_SQL}
grant usage on schema redshift_local to public;
grant select on redshift_local.settings to public;
-- On Redshift every user may create tables in PUBLIC; PostgreSQL 15+ grants
-- only USAGE there by default.
do $public$
begin
  if exists (select 1 from pg_catalog.pg_namespace where nspname = 'public') then
    grant usage, create on schema public to public;
  end if;
end
$public$;
-- Redshift's system views are visible to every user.
grant select on ${SYSTEM_VIEWS.map((name) => `pg_catalog.${name}`).join(', ')} to public;
`

/**
 * The catalog's version: a digest of the script that builds it, so that any
 * change to an object's definition rebuilds a database an older emulator
 * built (a hand-kept number was easy to forget).
 */
export const CATALOG_VERSION = createHash('sha256')
  .update(INSTALL_BODY)
  .digest('hex')
  .slice(0, 16)

const INSTALL_SCRIPT = `${INSTALL_BODY}insert into redshift_local.settings (key, value) values ('catalog_version', '${CATALOG_VERSION}')
  on conflict (key) do update set value = excluded.value;
commit;`

const SETTINGS_UPSERT = `insert into redshift_local.settings (key, value)
select key, value from pg_catalog.jsonb_each_text($1::jsonb)
on conflict (key) do update set value = excluded.value`

const SEED_WLM_IF_EMPTY = `insert into redshift_local.wlm_queue (service_class, name, query_groups, slots, is_default)
select x.service_class, x.name, coalesce(x.query_groups, '{}'), x.slots, coalesce(x.is_default, false)
from pg_catalog.jsonb_to_recordset($1::jsonb)
  as x(service_class int4, name text, query_groups text[], slots int4, is_default boolean)
where not exists (select 1 from redshift_local.wlm_queue)`

const REDSHIFT_VERSION = /^\d+\.\d+\.\d+$/

/**
 * Installs (or refreshes) the Redshift catalog in the database `client` is
 * connected to. Idempotent: a database that already has this
 * `CATALOG_VERSION` only gets its settings refreshed; another version is
 * rebuilt (views and functions dropped and recreated, table rows kept).
 *
 * Needs a superuser: views can only be created in `pg_catalog` with
 * `allow_system_table_mods`.
 *
 * @example
 * ```ts
 * const client = new pg.Client({ connectionString: backingUrl })
 * await client.connect()
 * await installCatalog(client, { isolation: 'serializable' })
 * await client.query('select * from stv_recents') // resolves unqualified
 * ```
 */
export async function installCatalog(
  client: CatalogClient,
  options: LocalCatalogOptions = {},
): Promise<CatalogInstallResult> {
  const redshiftVersion = options.redshiftVersion ?? '1.0.77467'
  if (!REDSHIFT_VERSION.test(redshiftVersion)) {
    throw new TypeError(
      `redshiftVersion must look like 1.0.77467, got ${JSON.stringify(redshiftVersion)}`,
    )
  }
  const isolation = options.isolation ?? 'serializable'
  if (isolation !== 'serializable' && isolation !== 'snapshot') {
    throw new TypeError(
      `isolation must be 'serializable' or 'snapshot', got ${JSON.stringify(isolation)}`,
    )
  }

  // Another emulator on the same server may be setting this database up
  // at the same moment (a read of the all-database views does so for a
  // database it finds new): only the first holder of the lock installs, the
  // next finds the version current. Rebuilding it again would drop the
  // functions the first one's sessions are already using.
  let created = (await installedVersion(client)) !== CATALOG_VERSION
  if (created) {
    try {
      await client.query(INSTALL_LOCK)
      created = (await installedVersion(client)) !== CATALOG_VERSION
      await client.query(created ? INSTALL_SCRIPT : 'commit')
    } catch (error) {
      // The script stops at the failing statement inside its transaction.
      await client.query('rollback').catch(() => undefined)
      throw error
    }
  }
  if (!created && options.keepInstalled === true) {
    return { created, version: CATALOG_VERSION }
  }

  await client.query(SETTINGS_UPSERT, [
    JSON.stringify({ redshift_version: redshiftVersion, isolation }),
  ])
  if (options.wlmQueues) {
    const { text, values } = buildWlmConfigInsert(options.wlmQueues)
    await client.query(text, [...values])
  } else {
    const seed = DEFAULT_WLM_QUEUES.map((queue) => ({
      service_class: queue.serviceClass,
      name: queue.name,
      query_groups: queue.queryGroups ?? null,
      slots: queue.slots ?? 5,
      is_default: queue.isDefault ?? false,
    }))
    await client.query(SEED_WLM_IF_EMPTY, [JSON.stringify(seed)])
  }
  return { created, version: CATALOG_VERSION }
}

async function installedVersion(client: CatalogClient): Promise<string | null> {
  const { rows } = await client.query(
    "select pg_catalog.to_regclass('redshift_local.settings') is not null as present",
  )
  const present = (rows[0] as { present?: boolean } | undefined)?.present
  if (!present) return null
  const result = await client.query(
    "select value from redshift_local.settings where key = 'catalog_version'",
  )
  const value = (result.rows[0] as { value?: string } | undefined)?.value
  return value ?? null
}
