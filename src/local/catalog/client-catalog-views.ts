import { quoteLiteral } from '../sql/quote.js'

// No backslash appears in any string literal below: function bodies are
// parsed in the caller's session, where standard_conforming_strings may be off.

/**
 * The backing PostgreSQL's maintenance database, where the emulator sets
 * itself up: Redshift has none of that name, so clients neither see it
 * (PG_DATABASE and the views over it) nor connect to it.
 */
export const BACKING_DATABASE = 'postgres'

/** The emulator's own schemas, as an SQL list: Redshift has neither. */
export const INTERNAL_SCHEMA_LIST = `('redshift_local', 'redshift_local_types')`

/**
 * A condition true when namespace `oid` is not one of the emulator's own.
 *
 * @example
 * ```ts
 * `select c.* from pg_catalog.pg_class c where ${userNamespace('c.relnamespace')}`
 * ```
 */
export function userNamespace(oid: string): string {
  return `not exists (select 1 from pg_catalog.pg_namespace ns
    where ns.oid = ${oid} and ns.nspname in ${INTERNAL_SCHEMA_LIST})`
}

/** A condition true when relation `oid` is not in one of the emulator's own schemas. */
function userRelation(oid: string): string {
  return `not exists (select 1 from pg_catalog.pg_class rc
    join pg_catalog.pg_namespace ns on ns.oid = rc.relnamespace
    where rc.oid = ${oid} and ns.nspname in ${INTERNAL_SCHEMA_LIST})`
}

/**
 * A condition true unless relation `name` in schema `schema` is one of the
 * session work tables the emulator fills for a statement (external table
 * rows, `spectrum$...`; other databases' catalog rows, `all_databases$...`):
 * they live in the session's temporary schema, where psql's dt listing and PG_TABLES
 * would otherwise list them next to the user's temporary tables.
 */
function notWorkTable(name: string, schema: string): string {
  return `not (${schema}::text ~ '^pg_temp_[0-9]+$' and ${name}::text ~ '^(spectrum|all_databases)[$]')`
}

/** The views {@link CLIENT_CATALOG_VIEWS_SQL} creates in `redshift_local`. */
export const CLIENT_CATALOG_VIEWS = [
  'pg_database',
  'pg_namespace',
  'pg_class',
  'pg_tables',
  'pg_views',
  'pg_proc',
  'pg_description',
  'pg_trigger',
  'pg_event_trigger',
  'pg_roles',
  'schemata',
  'tables',
  'views',
  'routines',
  'parameters',
  'triggers',
] as const

/**
 * The catalog as a client introspects it, without the emulator's own
 * objects. Redshift has no `redshift_local` or `redshift_local_types`
 * schema, no event triggers, no PostgreSQL `pg_*` roles and no
 * `pg_database_owner`, so a client's reads of these catalogs
 * (`sql/catalog-type-names.ts` points them here, as it does PG_TYPE's and
 * PG_ATTRIBUTE's) leave them out:
 *
 * - PG_DATABASE without the backing PostgreSQL's {@link BACKING_DATABASE}
 *   (PG_DATABASE_INFO, SVV_REDSHIFT_DATABASES, SHOW DATABASES and the
 *   database views read this view too);
 * - PG_NAMESPACE without the two schemas; a schema PostgreSQL gives to
 *   `pg_database_owner` (PUBLIC) is owned by the cluster's first superuser,
 *   as Redshift's PUBLIC is owned by its own;
 * - PG_CLASS, PG_TABLES, PG_VIEWS, PG_PROC, PG_DESCRIPTION without their
 *   objects; PG_PROC also has PostgreSQL 8.0's `proisagg` and `proiswindow`
 *   columns (the server version the emulator reports, whose clients, psql's
 *   `\df` among them, read them);
 * - PG_TRIGGER without the triggers of the emulator's tables and those that
 *   run its functions (the write refusals of views); PG_EVENT_TRIGGER
 *   without the emulator's (`redshift_local_*`);
 * - PG_ROLES without PostgreSQL's predefined `pg_*` roles;
 * - information_schema's SCHEMATA, TABLES, VIEWS, ROUTINES, PARAMETERS and
 *   TRIGGERS likewise (COLUMNS: `super-catalog.ts`); TABLES and COLUMNS
 *   without external tables, which Spectrum keeps out of information_schema.
 *
 * The system views of pg_catalog (SVV_*, PG_TABLE_DEF ...) read
 * PostgreSQL's catalogs directly and filter on their own.
 */
export const CLIENT_CATALOG_VIEWS_SQL = `
create or replace view redshift_local.pg_database as
select d.* from pg_catalog.pg_database d where d.datname <> ${quoteLiteral(BACKING_DATABASE)};

create or replace view redshift_local.pg_namespace as
select n.oid, n.nspname,
  (case when n.nspowner = (select r.oid from pg_catalog.pg_roles r where r.rolname = 'pg_database_owner') then 10::oid
    else n.nspowner end)::oid as nspowner,
  n.nspacl
from pg_catalog.pg_namespace n
where n.nspname not in ${INTERNAL_SCHEMA_LIST};

-- PG_CLASS's relfilenode is the relation's oid, for views too: Redshift's
-- catalog names a relation's storage by its oid, and r_DROP_TABLE.html's
-- FIND_DEPEND view joins PG_DEPEND's object ids to relfilenode (PostgreSQL
-- gives a view 0, and a table a new one at TRUNCATE). The column list is
-- PostgreSQL's own, in its order, whichever version the backing one is.
do $pg_class$
begin
  execute pg_catalog.format(
    'create or replace view redshift_local.pg_class as select %s from pg_catalog.pg_class c where %s',
    (select pg_catalog.string_agg(case a.attname when 'relfilenode' then 'c.oid as relfilenode'
        else 'c.' || pg_catalog.quote_ident(a.attname) end, ', ' order by a.attnum)
      from pg_catalog.pg_attribute a
      where a.attrelid = 'pg_catalog.pg_class'::pg_catalog.regclass and a.attnum > 0
        and not a.attisdropped),
    $where$${userNamespace('c.relnamespace')}
  and ${notWorkTable('c.relname', '(select tn.nspname from pg_catalog.pg_namespace tn where tn.oid = c.relnamespace)')}$where$);
end
$pg_class$;

-- PG_TABLES leaves external tables out, as Redshift's PG_CLASS, which it
-- reads, does (r_CREATE_EXTERNAL_TABLE_usage.html).
create or replace view redshift_local.pg_tables as
select t.* from pg_catalog.pg_tables t where t.schemaname not in ${INTERNAL_SCHEMA_LIST}
  and ${notWorkTable('t.tablename', 't.schemaname')}
  and not exists (select 1 from redshift_local.external_tables et
    join pg_catalog.pg_class ec on ec.oid = et.relid join pg_catalog.pg_namespace en on en.oid = ec.relnamespace
    where en.nspname = t.schemaname and ec.relname = t.tablename);

create or replace view redshift_local.pg_views as
select v.schemaname, v.viewname, v.viewowner, redshift_local.mask_unwrapped_viewdef(v.definition) as definition
from pg_catalog.pg_views v where v.schemaname not in ${INTERNAL_SCHEMA_LIST};

create or replace view redshift_local.pg_proc as
select p.*, (p.prokind = 'a') as proisagg, (p.prokind = 'w') as proiswindow
from pg_catalog.pg_proc p where ${userNamespace('p.pronamespace')};

create or replace view redshift_local.pg_description as
select d.* from pg_catalog.pg_description d
where not (d.classoid = 'pg_catalog.pg_class'::pg_catalog.regclass and not ${userRelation('d.objoid')})
  and not (d.classoid = 'pg_catalog.pg_proc'::pg_catalog.regclass and exists (
    select 1 from pg_catalog.pg_proc dp where dp.oid = d.objoid and not ${userNamespace('dp.pronamespace')}))
  and not (d.classoid = 'pg_catalog.pg_namespace'::pg_catalog.regclass and not ${userNamespace('d.objoid')});

create or replace view redshift_local.pg_trigger as
select t.* from pg_catalog.pg_trigger t
where ${userRelation('t.tgrelid')}
  and exists (select 1 from pg_catalog.pg_proc tp where tp.oid = t.tgfoid and ${userNamespace('tp.pronamespace')});

create or replace view redshift_local.pg_event_trigger as
select e.* from pg_catalog.pg_event_trigger e where e.evtname !~ '^redshift_local_';

create or replace view redshift_local.pg_roles as
select r.* from pg_catalog.pg_roles r where r.rolname !~ '^pg_';

create or replace view redshift_local.schemata as
select s.* from information_schema.schemata s where s.schema_name::text not in ${INTERNAL_SCHEMA_LIST};

-- "You can't view details for Amazon Redshift Spectrum tables using ...
-- information_schema" (r_CREATE_EXTERNAL_TABLE_usage.html).
create or replace view redshift_local.tables as
select t.* from information_schema.tables t where t.table_schema::text not in ${INTERNAL_SCHEMA_LIST}
  and ${notWorkTable('t.table_name', 't.table_schema')}
  and not exists (select 1 from redshift_local.external_tables et
    join pg_catalog.pg_class ec on ec.oid = et.relid join pg_catalog.pg_namespace en on en.oid = ec.relnamespace
    where en.nspname = t.table_schema::text and ec.relname = t.table_name::text);

create or replace view redshift_local.views as
select v.table_catalog, v.table_schema, v.table_name,
  redshift_local.mask_unwrapped_viewdef(v.view_definition)::information_schema.character_data as view_definition,
  v.check_option, v.is_updatable, v.is_insertable_into, v.is_trigger_updatable, v.is_trigger_deletable,
  v.is_trigger_insertable_into
from information_schema.views v where v.table_schema::text not in ${INTERNAL_SCHEMA_LIST};

create or replace view redshift_local.routines as
select r.* from information_schema.routines r where r.specific_schema::text not in ${INTERNAL_SCHEMA_LIST};

create or replace view redshift_local.parameters as
select p.* from information_schema.parameters p where p.specific_schema::text not in ${INTERNAL_SCHEMA_LIST};

create or replace view redshift_local.triggers as
select t.* from information_schema.triggers t
where t.event_object_schema::text not in ${INTERNAL_SCHEMA_LIST}
  and t.action_statement::text !~ 'redshift_local[.]';

grant select on ${CLIENT_CATALOG_VIEWS.map((name) => `redshift_local.${name}`).join(', ')} to public;
`
