import { INTERNAL_SCHEMA_LIST } from './client-catalog-views.js'

/**
 * PostgreSQL's statistics and object views that name a row's schema in a
 * `schemaname` column: a client's read of one (bare or `pg_catalog.`) reads
 * the view of the same name in `redshift_local`, without the rows of the
 * emulator's own schemas, as Redshift has none of them (its PG_INDEXES,
 * PG_STAT_USER_TABLES ... list the user's objects only). The views
 * themselves, and whether Redshift has each, are PostgreSQL's.
 */
export const SCHEMANAME_VIEWS = [
  'pg_indexes',
  'pg_matviews',
  'pg_policies',
  'pg_rules',
  'pg_sequences',
  'pg_stats',
  'pg_stats_ext',
  'pg_stats_ext_exprs',
  'pg_publication_tables',
  'pg_stat_all_tables',
  'pg_stat_user_tables',
  'pg_stat_xact_all_tables',
  'pg_stat_xact_user_tables',
  'pg_statio_all_tables',
  'pg_statio_user_tables',
  'pg_stat_all_indexes',
  'pg_stat_user_indexes',
  'pg_statio_all_indexes',
  'pg_statio_user_indexes',
  'pg_statio_all_sequences',
  'pg_statio_user_sequences',
  'pg_stat_user_functions',
  'pg_stat_xact_user_functions',
] as const

/**
 * pg_catalog tables whose rows belong to a relation, with the column that
 * names it: the same, by the relation's schema.
 */
export const RELATION_ROW_TABLES = [
  ['pg_index', 'indrelid'],
  ['pg_attrdef', 'adrelid'],
  ['pg_rewrite', 'ev_class'],
  ['pg_sequence', 'seqrelid'],
  ['pg_policy', 'polrelid'],
] as const

/**
 * information_schema views (besides those `client-catalog-views.ts` and
 * `super-catalog.ts` shape) whose rows belong to objects of a schema: the
 * same, by every column that names the schema of the row's object.
 */
export const INFORMATION_SCHEMA_VIEWS = [
  'check_constraint_routine_usage',
  'check_constraints',
  'column_column_usage',
  'column_domain_usage',
  'column_privileges',
  'column_udt_usage',
  'constraint_column_usage',
  'constraint_table_usage',
  'domain_constraints',
  'domain_udt_usage',
  'domains',
  'element_types',
  'key_column_usage',
  'referential_constraints',
  'role_column_grants',
  'role_routine_grants',
  'role_table_grants',
  'role_udt_grants',
  'role_usage_grants',
  'routine_column_usage',
  'routine_privileges',
  'routine_routine_usage',
  'routine_sequence_usage',
  'routine_table_usage',
  'sequences',
  'table_constraints',
  'table_privileges',
  'udt_privileges',
  'usage_privileges',
  'user_defined_types',
  'view_column_usage',
  'view_routine_usage',
  'view_table_usage',
  'attributes',
  'data_type_privileges',
  'triggered_update_columns',
] as const

// The schema columns that name something the row's object uses (a type's,
// a collation's ...) rather than the object's own schema.
const USED_SCHEMA_COLUMNS = [
  'character_set_schema',
  'collation_schema',
  'scope_schema',
  'default_collate_schema',
  'module_schema',
  'type_udt_schema',
  'to_sql_specific_schema',
  'result_cast_char_set_schema',
  'result_cast_collation_schema',
  'result_cast_type_udt_schema',
  'result_cast_scope_schema',
  'attribute_udt_schema',
]

// Views whose udt_schema is the object's own schema; elsewhere it is the
// schema of a column's or a domain's type.
const UDT_OWNED = ['udt_privileges', 'role_udt_grants', 'attributes']

/** Every view {@link SCHEMA_FILTERED_VIEWS_SQL} creates in `redshift_local`. */
export const SCHEMA_FILTERED_VIEWS = [
  ...SCHEMANAME_VIEWS,
  ...RELATION_ROW_TABLES.map(([table]) => table),
  ...INFORMATION_SCHEMA_VIEWS,
] as const

const sqlList = (names: readonly string[]) =>
  `array[${names.map((n) => `'${n}'`).join(', ')}]`

/**
 * The views {@link SCHEMANAME_VIEWS}, {@link RELATION_ROW_TABLES} and
 * {@link INFORMATION_SCHEMA_VIEWS} name, in `redshift_local`. The
 * information_schema ones are built from the view's own columns when the
 * catalog is installed, so each keeps PostgreSQL's columns as they are.
 */
export const SCHEMA_FILTERED_VIEWS_SQL = `
${SCHEMANAME_VIEWS.map(
  (view) => `create or replace view redshift_local.${view} as
select v.* from pg_catalog.${view} v where v.schemaname not in ${INTERNAL_SCHEMA_LIST};`,
).join('\n')}
${RELATION_ROW_TABLES.map(
  ([table, column]) => `create or replace view redshift_local.${table} as
select r.* from pg_catalog.${table} r where not exists (select 1 from pg_catalog.pg_class rc
  join pg_catalog.pg_namespace ns on ns.oid = rc.relnamespace
  where rc.oid = r.${column} and ns.nspname in ${INTERNAL_SCHEMA_LIST});`,
).join('\n')}
do $filtered$
declare
  view_name text;
  condition text;
begin
  foreach view_name in array ${sqlList(INFORMATION_SCHEMA_VIEWS)} loop
    select pg_catalog.string_agg(pg_catalog.format('coalesce(v.%I::text, %L) not in ${INTERNAL_SCHEMA_LIST.replace(/'/g, "''")}', c.column_name, ''), ' and ' order by c.ordinal_position)
    into condition
    from information_schema.columns c
    where c.table_schema = 'information_schema' and c.table_name = view_name
      and pg_catalog.right(c.column_name, 7) = '_schema'
      and c.column_name <> all (${sqlList(USED_SCHEMA_COLUMNS)})
      and (c.column_name <> 'udt_schema' or view_name = any (${sqlList(UDT_OWNED)}));
    execute pg_catalog.format('create or replace view redshift_local.%I as select v.* from information_schema.%I v where %s',
      view_name, view_name, coalesce(condition, 'true'));
  end loop;
end
$filtered$;
grant select on ${SCHEMA_FILTERED_VIEWS.map((name) => `redshift_local.${name}`).join(', ')} to public;
`
