import { SUPERUSERS_ONLY } from './log-visibility.js'

// No backslash appears in any string literal below: function bodies are
// parsed in the caller's session, where standard_conforming_strings may be off.

/**
 * Schemas and tables across local and external catalogs, with the columns
 * and types of Redshift's documentation:
 *
 * - SVV_REDSHIFT_SCHEMAS (r_SVV_REDSHIFT_SCHEMAS.html): the database's own
 *   schemas, `schema_type` `local` (no database comes from a datashare here, so none
 *   is `shared`); external schemas are Spectrum's and left out.
 * - SVV_ALL_SCHEMAS (r_SVV_ALL_SCHEMAS.html): those plus the external
 *   schemas (`external`, with their source database and options).
 * - SVV_ALL_TABLES (r_SVV_ALL_TABLES.html): SVV_REDSHIFT_TABLES plus the
 *   external tables (`EXTERNAL TABLE`). The columns come in the order the
 *   page's example prints (`table_type` before `table_acl`; its column
 *   list names them the other way round).
 * - SVV_REDSHIFT_FUNCTIONS (r_SVV_REDSHIFT_FUNCTIONS.html): the user-defined
 *   functions (SQL UDFs and external functions) of the database's schemas the
 *   user may run, `function_type` `functions` as the page's example shows it,
 *   the argument types as `double precision, double precision`.
 * - SVV_TABLES (r_SVV_TABLES.html): tables, views and external tables of
 *   every schema, `table_type` `BASE TABLE`, `VIEW` or `EXTERNAL TABLE` (the
 *   values information_schema.tables uses; the page only names them).
 * - PG_EXTERNAL_SCHEMA (r_PG_EXTERNAL_SCHEMA.html): the external schemas'
 *   catalog.
 * - PG_USER_INFO (pg_user_info.html): the users, superusers only. The
 *   password is shown as `********`, never as its hash; `valuntil` is a
 *   timestamp with time zone (PostgreSQL has no abstime).
 * - PG_DATABASE_INFO (r_PG_DATABASE_INFO.html): the PG_DATABASE columns
 *   PostgreSQL 8.0 and today's PostgreSQL share, `oid` as `datid`, and
 *   `datconnlimit` as text (-1 for no limit).
 * - PG_LIBRARY (r_PG_LIBRARY.html): empty, as CREATE LIBRARY is not
 *   supported by the emulator.
 *
 * Every schema of the database shows, as the pages' "visible to all users"
 * says; the emulator's own schemas (`redshift_local`, `redshift_local_types`) and PostgreSQL's toast
 * and temporary schemas do not.
 */
export const SCHEMA_VIEWS_SQL = `
-- PostgreSQL's pg_database_owner (the owner of public, and its grantor) as
-- the user it stands for, the database's owner: Redshift has no such role.
create or replace function redshift_local.as_database_owner(r oid) returns oid
language sql stable set search_path = pg_catalog as $$
  select case when r = 'pg_database_owner'::pg_catalog.regrole
    then (select d.datdba from pg_catalog.pg_database d where d.datname = pg_catalog.current_database())
    else r end
$$;

-- An ACL as text, its items joined by sep, pg_database_owner as above.
create or replace function redshift_local.acl_text(acl aclitem[], sep text) returns text
language sql stable set search_path = pg_catalog as $$
  select case when acl is not null then pg_catalog.array_to_string(array(
    select case when e.grantee = 0 then ''
        else pg_catalog.quote_ident(pg_catalog.pg_get_userbyid(redshift_local.as_database_owner(e.grantee))) end
      || '=' || pg_catalog.substring(u.a::text, '=([^/]*)/[^/]*$')
      || '/' || pg_catalog.quote_ident(pg_catalog.pg_get_userbyid(redshift_local.as_database_owner(e.grantor)))
    from pg_catalog.unnest(acl) with ordinality as u(a, k)
    cross join lateral (select x.grantee, x.grantor from pg_catalog.aclexplode(array[u.a]) x limit 1) e
    order by u.k), sep) end
$$;

create view redshift_local.local_schemas as
select n.oid, coalesce(ls.long_name, n.nspname::text) as schema_name,
  redshift_local.as_database_owner(n.nspowner) as nspowner,
  case when n.nspacl is not null then ('{' || redshift_local.acl_text(n.nspacl, ',') || '}')::aclitem[] end as nspacl
from pg_catalog.pg_namespace n
left join redshift_local.long_names ls on ls.short_name = n.nspname
where n.nspname not in ('redshift_local', 'redshift_local_types') and n.nspname !~ '^pg_(toast|temp_)'
  and not exists (select 1 from redshift_local.external_schemas e where e.esoid = n.oid);

-- SHOW SCHEMAS's rows (r_SHOW_SCHEMAS.html): the local schemas, then the
-- external ones, with the ACL's items joined by ~ as the page's example
-- prints them; the caller keeps those it may use (schema_oid).
create or replace function redshift_local.shown_schemas()
returns table (schema_oid oid, schema_name varchar(128), schema_owner integer, schema_type varchar(128),
  schema_acl varchar(128), source_database varchar(128), schema_option varchar(256))
language sql stable security definer set search_path = pg_catalog as $$
  select s.oid, s.schema_name::varchar(128), s.nspowner::integer, 'local'::varchar(128),
    redshift_local.acl_text(s.nspacl, '~')::varchar(128), null::varchar(128), null::varchar(256)
  from redshift_local.local_schemas s
  union all
  select n.oid, n.nspname::varchar(128), n.nspowner::integer, 'external'::varchar(128),
    redshift_local.acl_text(n.nspacl, '~')::varchar(128), e.databasename::varchar(128), e.esoptions::varchar(256)
  from redshift_local.external_schemas e
  join pg_catalog.pg_namespace n on n.oid = e.esoid
$$;

create view pg_catalog.svv_redshift_schemas as
select pg_catalog.current_database()::varchar(128) as database_name,
  s.schema_name::varchar(128) as schema_name,
  s.nspowner::integer as schema_owner,
  'local'::varchar(16) as schema_type,
  s.nspacl::text::varchar(128) as schema_acl,
  null::varchar(128) as schema_option
from redshift_local.local_schemas s;

create view pg_catalog.svv_all_schemas as
select pg_catalog.current_database()::varchar(128) as database_name,
  s.schema_name::varchar(128) as schema_name,
  s.nspowner::integer as schema_owner,
  'local'::varchar(128) as schema_type,
  s.nspacl::text::varchar(128) as schema_acl,
  null::varchar(128) as source_database,
  null::varchar(256) as schema_option
from redshift_local.local_schemas s
union all
select pg_catalog.current_database()::varchar(128), n.nspname::varchar(128), n.nspowner::integer,
  'external'::varchar(128), n.nspacl::text::varchar(128), e.databasename::varchar(128),
  e.esoptions::varchar(256)
from redshift_local.external_schemas e
join pg_catalog.pg_namespace n on n.oid = e.esoid;

create view pg_catalog.svv_all_tables as
select t.database_name, t.schema_name, t.table_name, t.table_type, t.table_acl,
  t.remarks::varchar(256) as remarks
from pg_catalog.svv_redshift_tables t
union all
select pg_catalog.current_database()::varchar(128), n.nspname::varchar(128), c.relname::varchar(128),
  'EXTERNAL TABLE'::varchar(128), null::varchar(128), null::varchar(256)
from redshift_local.external_tables et
join pg_catalog.pg_class c on c.oid = et.relid
join pg_catalog.pg_namespace n on n.oid = c.relnamespace;

create view pg_catalog.svv_tables as
select pg_catalog.current_database()::text as table_catalog,
  coalesce(ls.long_name, n.nspname::text)::text as table_schema,
  coalesce(lt.long_name, c.relname::text)::text as table_name,
  (case when exists (select 1 from redshift_local.external_tables et where et.relid = c.oid)
      then 'EXTERNAL TABLE'
    when c.relkind in ('v', 'm') then 'VIEW' else 'BASE TABLE' end)::text as table_type,
  pg_catalog.obj_description(c.oid, 'pg_class')::text as remarks
from pg_catalog.pg_class c
join pg_catalog.pg_namespace n on n.oid = c.relnamespace
left join redshift_local.long_names ls on ls.short_name = n.nspname
left join redshift_local.long_names lt on lt.short_name = c.relname
where c.relkind in ('r', 'p', 'v', 'm', 'f')
  and n.nspname not in ('redshift_local', 'redshift_local_types') and n.nspname !~ '^pg_(toast|temp_)';

create view pg_catalog.svv_redshift_functions as
select pg_catalog.current_database()::varchar(128) as database_name,
  s.schema_name::varchar(128) as schema_name,
  coalesce(lf.long_name, p.proname::text)::varchar(128) as function_name,
  'functions'::varchar(128) as function_type,
  pg_catalog.oidvectortypes(p.proargtypes)::varchar(512) as argument_type,
  pg_catalog.format_type(p.prorettype, null)::varchar(128) as result_type
from pg_catalog.pg_proc p
join redshift_local.local_schemas s on s.oid = p.pronamespace
left join redshift_local.long_names lf on lf.short_name = p.proname
where p.prokind = 'f' and s.schema_name not in ('pg_catalog', 'information_schema')
  and pg_catalog.has_function_privilege(p.oid, 'execute')
  and pg_catalog.has_schema_privilege(s.oid, 'usage');

create view pg_catalog.pg_external_schema as
select e.esoid::oid as esoid, e.eskind::integer as eskind, e.databasename::text as esdbname,
  e.esoptions::text as esoptions
from redshift_local.external_schemas e;

create view pg_catalog.pg_user_info as
select u.rolname as usename, u.oid::integer as usesysid, u.rolcreatedb as usecreatedb,
  u.rolsuper as usesuper, u.rolsuper as usecatupd, '********'::text as passwd,
  u.rolvaliduntil as valuntil, u.rolconfig as useconfig,
  (case when u.rolconnlimit < 0 then 'UNLIMITED' else u.rolconnlimit::text end)::text as useconnlimit
from pg_catalog.pg_roles u
where u.rolcanlogin and u.rolname !~ '^pg_' and ${SUPERUSERS_ONLY};

-- datconnlimit is text, -1 for no limit, as r_PG_DATABASE_INFO.html's
-- column table gives it; r_CREATE_DATABASE.html's example output prints
-- UNLIMITED, but also a limit of 100 for the database it creates without one.
create view pg_catalog.pg_database_info as
select d.oid as datid, d.datname, d.datdba, d.encoding, d.datistemplate, d.datallowconn,
  d.datfrozenxid, d.dattablespace, d.datacl, d.datconnlimit::text as datconnlimit
from redshift_local.pg_database d;

create view pg_catalog.pg_library as
select null::name as name, null::oid as language_oid, null::integer as file_store_id,
  null::integer as owner
where false;
`

/** The views {@link SCHEMA_VIEWS_SQL} creates in pg_catalog. */
export const SCHEMA_VIEWS = [
  'svv_redshift_schemas',
  'svv_all_schemas',
  'svv_all_tables',
  'svv_redshift_functions',
  'svv_tables',
  'pg_external_schema',
  'pg_user_info',
  'pg_database_info',
  'pg_library',
] as const
