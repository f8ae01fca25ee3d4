/**
 * Functions that run only on Redshift's leader node: accepted in a query
 * that reads no table or only catalog tables (PG_*), refused with
 * `0A000 Specified types or functions (one per INFO message) not supported on
 * Amazon Redshift tables.` as soon as the query references a user table or a
 * Redshift system table (STL_, STV_, SVL_, SVV_, SYS_), or feeds one (INSERT
 * ... SELECT, CREATE TABLE AS, SELECT INTO, UPDATE ... FROM).
 *
 * - The documented leader-node-only functions
 *   (https://docs.aws.amazon.com/redshift/latest/dg/c_SQL_functions_leader_node_only.html),
 *   deprecated ones included: CURRENT_SCHEMA, CURRENT_SCHEMAS,
 *   HAS_*_PRIVILEGE, AGE, NOW, ISFINITE, GETBIT / GET_BIT, GET_BYTE,
 *   SET_BIT, SET_BYTE, TO_ASCII (CURRENT_TIME, CURRENT_TIMESTAMP and
 *   LOCALTIME are keywords: see {@link LEADER_NODE_KEYWORDS}).
 * - GENERATE_SERIES, which the unsupported-functions page lists but which
 *   runs on the leader node.
 * - The catalog families the unsupported-functions page lists
 *   (https://docs.aws.amazon.com/redshift/latest/dg/c_unsupported-postgresql-functions.html:
 *   access privilege inquiry, comment information, schema visibility
 *   inquiry and system catalog information functions). The page says
 *   unsupported functions may not fail on the leader node, and catalog
 *   tools (Redshift's own JDBC driver, this SDK's introspector) call them
 *   in catalog queries there; with a user table they fail.
 *
 * @example
 * ```ts
 * LEADER_NODE_FUNCTIONS.has('current_schema') // true
 * ```
 */
export const LEADER_NODE_FUNCTIONS: ReadonlySet<string> = new Set([
  // Documented leader-node-only functions.
  'current_schema',
  'current_schemas',
  'has_database_privilege',
  'has_schema_privilege',
  'has_table_privilege',
  'age',
  'now',
  'isfinite',
  'getbit',
  'get_bit',
  'get_byte',
  'set_bit',
  'set_byte',
  'to_ascii',
  'generate_series',
  // Access privilege inquiry functions.
  'has_any_column_privilege',
  'has_column_privilege',
  'has_foreign_data_wrapper_privilege',
  'has_function_privilege',
  'has_language_privilege',
  'has_parameter_privilege',
  'has_sequence_privilege',
  'has_server_privilege',
  'has_tablespace_privilege',
  'has_type_privilege',
  'pg_has_role',
  'row_security_active',
  'acldefault',
  'aclexplode',
  'makeaclitem',
  // Comment information functions.
  'obj_description',
  'col_description',
  'shobj_description',
  // Schema visibility inquiry functions.
  'pg_collation_is_visible',
  'pg_conversion_is_visible',
  'pg_function_is_visible',
  'pg_opclass_is_visible',
  'pg_operator_is_visible',
  'pg_opfamily_is_visible',
  'pg_statistics_obj_is_visible',
  'pg_table_is_visible',
  'pg_ts_config_is_visible',
  'pg_ts_dict_is_visible',
  'pg_ts_parser_is_visible',
  'pg_ts_template_is_visible',
  'pg_type_is_visible',
  // System catalog information functions.
  'format_type',
  'pg_get_catalog_foreign_keys',
  'pg_get_constraintdef',
  'pg_get_expr',
  'pg_get_functiondef',
  'pg_get_function_arguments',
  'pg_get_function_identity_arguments',
  'pg_get_function_result',
  'pg_get_indexdef',
  'pg_get_keywords',
  'pg_get_partkeydef',
  'pg_get_ruledef',
  'pg_get_serial_sequence',
  'pg_get_statisticsobjdef',
  'pg_get_triggerdef',
  'pg_get_userbyid',
  'pg_get_viewdef',
  'pg_index_column_has_property',
  'pg_index_has_property',
  'pg_indexam_has_property',
  'pg_options_to_table',
  'pg_tablespace_databases',
  'pg_tablespace_location',
  'pg_typeof',
  'collation_for',
  'pg_describe_object',
  'pg_identify_object',
  'pg_identify_object_as_address',
  'pg_get_object_address',
  'to_regclass',
  'to_regcollation',
  'to_regnamespace',
  'to_regoper',
  'to_regoperator',
  'to_regproc',
  'to_regprocedure',
  'to_regrole',
  'to_regtype',
  'to_regtypemod',
])

/**
 * The deprecated leader-node-only date functions written as keywords
 * (PostgreSQL's parser makes them SQLValueFunction nodes), by the node's
 * `op`.
 *
 * @example
 * ```ts
 * LEADER_NODE_KEYWORDS.get('SVFOP_CURRENT_TIMESTAMP') // 'current_timestamp'
 * ```
 */
export const LEADER_NODE_KEYWORDS: ReadonlyMap<string, string> = new Map([
  ['SVFOP_CURRENT_TIME', 'current_time'],
  ['SVFOP_CURRENT_TIME_N', 'current_time'],
  ['SVFOP_CURRENT_TIMESTAMP', 'current_timestamp'],
  ['SVFOP_CURRENT_TIMESTAMP_N', 'current_timestamp'],
  ['SVFOP_LOCALTIME', 'localtime'],
  ['SVFOP_LOCALTIME_N', 'localtime'],
])

/**
 * The compute-node-only functions
 * (https://docs.aws.amazon.com/redshift/latest/dg/c_SQL_functions_compute_node_only.html):
 * LISTAGG, MEDIAN, PERCENTILE_CONT, PERCENTILE_DISC and APPROXIMATE
 * PERCENTILE_DISC, as aggregates and as window functions. The mirror of
 * {@link LEADER_NODE_FUNCTIONS}: a query that calls one but references no
 * user-created table or Redshift system table (STL_, STV_, SVL_, SVV_, SYS_)
 * runs on the leader node, which fails it with `One or more of the used
 * functions must be applied on at least one user created table.` A query of
 * catalog tables only (PG_*, PG_TABLE_DEF included), of generate_series or of
 * no table at all is such a query.
 *
 * @example
 * ```ts
 * COMPUTE_NODE_FUNCTIONS.has('median') // true
 * ```
 */
export const COMPUTE_NODE_FUNCTIONS: ReadonlySet<string> = new Set([
  'listagg',
  'median',
  'percentile_cont',
  'percentile_disc',
])
