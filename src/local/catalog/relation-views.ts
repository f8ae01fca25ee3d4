// No backslash appears in any string literal below: function bodies are
// parsed in the caller's session, where standard_conforming_strings may be off.

/**
 * The relation catalog codegen reads on Redshift, with the columns and types
 * the Developer Guide documents (r_SVV_REDSHIFT_TABLES, r_SVV_REDSHIFT_COLUMNS,
 * r_SVV_MV_INFO, r_PG_CLASS_INFO, PG_GET_LATE_BINDING_VIEW_COLS), built from
 * pg_catalog plus `redshift_local.column_view` and `table_attributes`:
 *
 * - SVV_REDSHIFT_TABLES: tables as `TABLE`, views and materialized views as
 *   `VIEW` (the documented values are those two), `remarks` the table comment
 *   cut to the documented varchar(128).
 * - SVV_REDSHIFT_COLUMNS: the column's Redshift type with its modifiers,
 *   identity defaults as Redshift shows them, ENCODE / DISTKEY / SORTKEY as
 *   PG_TABLE_DEF shows them. Late-binding views are left out: their columns
 *   are only known by binding the view, which PG_GET_LATE_BINDING_VIEW_COLS
 *   does (SVV_COLUMNS is documented to include them and still does).
 * - SVV_MV_INFO: one row per materialized view; the emulator cannot tell a
 *   stale one, so `is_stale` is `f`, and `state` is 0 (PostgreSQL recomputes
 *   a materialized view fully on REFRESH).
 * - PG_CLASS_INFO: the pg_class columns PostgreSQL 8.0 (Redshift's base) and
 *   today's PostgreSQL share, `oid` renamed `reloid`, Redshift's
 *   `reldiststyle` (0 EVEN, 1 KEY, 8 ALL; AUTO is not documented, the
 *   emulator uses 10) and the documented `relcreationtime` (when the emulator
 *   recorded the relation's attributes, else null) and `releffectivediststyle`
 *   (AUTO shows as 10, AUTO(ALL), as SVV_TABLE_INFO does).
 * - PG_GET_LATE_BINDING_VIEW_COLS(): `setof record`, so it is called with the
 *   column list the documentation shows, `cols(view_schema name, view_name
 *   name, col_name name, col_type varchar, col_num int)`.
 */
export const RELATION_VIEWS_SQL = `
create view pg_catalog.svv_redshift_tables as
select pg_catalog.current_database()::varchar(128) as database_name,
  coalesce(ls.long_name, n.nspname::text)::varchar(128) as schema_name,
  coalesce(lt.long_name, c.relname::text)::varchar(128) as table_name,
  (case when c.relkind in ('v', 'm') then 'VIEW' else 'TABLE' end)::varchar(128) as table_type,
  c.relacl::text::varchar(128) as table_acl,
  pg_catalog.obj_description(c.oid, 'pg_class')::varchar(128) as remarks,
  pg_catalog.pg_get_userbyid(c.relowner)::varchar(128) as table_owner
from pg_catalog.pg_class c
join pg_catalog.pg_namespace n on n.oid = c.relnamespace
left join redshift_local.long_names ls on ls.short_name = n.nspname
left join redshift_local.long_names lt on lt.short_name = c.relname
where c.relkind in ('r', 'p', 'v', 'm')
  and n.nspname <> 'redshift_local' and n.nspname !~ '^pg_toast'
  -- External tables are Spectrum's (SVV_EXTERNAL_TABLES), not Redshift's.
  and not exists (select 1 from redshift_local.external_tables et where et.relid = c.oid);

create view pg_catalog.svv_redshift_columns as
select pg_catalog.current_database()::varchar(128) as database_name,
  v.schema_long::varchar(128) as schema_name,
  v.table_long::varchar(128) as table_name,
  v.column_long::varchar(128) as column_name,
  v.attnum::integer as ordinal_position,
  coalesce(v.redshift_type, pg_catalog.format_type(v.atttypid, v.atttypmod))::varchar(32) as data_type,
  v.column_default::varchar(4000) as column_default,
  (case when v.attnotnull then 'NO' else 'YES' end)::varchar(3) as is_nullable,
  (case when v.relkind = 'v' then 'none'
    when ta.encodings ? v.column_name::text
      then pg_catalog.replace(ta.encodings ->> v.column_name::text, 'raw', 'none')
    else redshift_local.default_encoding(v.atttypid, v.relpersistence = 't'
      or coalesce(v.redshift_type in ('geometry', 'geography'), false)
      or coalesce(v.column_name::text = any (ta.sortkey), false)) end)::varchar(128) as encoding,
  coalesce(ta.distkey = v.column_name::text, false) as distkey,
  coalesce(redshift_local.sortkey_position(ta.sortkey, ta.sortkey_type, v.column_name::text), 0)
    ::integer as sortkey,
  v.column_acl::varchar(128) as column_acl,
  v.remarks::varchar(256) as remarks
from redshift_local.column_view v
left join redshift_local.table_attributes ta on ta.relid = v.relid
where v.relkind in ('r', 'p', 'v', 'm') and not coalesce(ta.is_late_binding_view, false)
  and not exists (select 1 from redshift_local.external_tables et where et.relid = v.relid);

create view pg_catalog.svv_mv_info as
select pg_catalog.current_database()::character(128) as database_name,
  n.nspname::character(128) as schema_name,
  pg_catalog.pg_get_userbyid(c.relowner)::character(128) as user_name,
  c.relname::character(128) as name,
  'f'::character(1) as is_stale,
  0::integer as state,
  'f'::character(1) as autorewrite,
  (case when coalesce(ta.mv_auto_refresh, false) then 't' else 'f' end)::character(1) as autorefresh
from pg_catalog.pg_class c
join pg_catalog.pg_namespace n on n.oid = c.relnamespace
left join redshift_local.table_attributes ta on ta.relid = c.oid
where c.relkind = 'm';

create view pg_catalog.pg_class_info as
select c.oid as reloid, c.relname, c.relnamespace, c.reltype, c.relowner, c.relam,
  c.relfilenode, c.reltablespace, c.relpages, c.reltuples, c.reltoastrelid,
  c.relhasindex, c.relisshared, c.relkind, c.relnatts, c.relchecks, c.relhasrules,
  c.relhassubclass, c.relacl,
  (case when c.relkind not in ('r', 'p', 'm') then 0
    else case ds.style when 'EVEN' then 0 when 'KEY' then 1 when 'ALL' then 8 else 10 end
  end)::integer as reldiststyle,
  ta.created_at::timestamp as relcreationtime,
  (case when c.relkind not in ('r', 'p', 'm') then 0
    else case ds.style when 'EVEN' then 0 when 'KEY' then 1 when 'ALL' then 8 else 10 end
  end)::integer as releffectivediststyle
from pg_catalog.pg_class c
left join redshift_local.table_attributes ta on ta.relid = c.oid
cross join lateral (select coalesce(ta.diststyle,
  case when ta.distkey is not null then 'KEY' end, 'AUTO') as style) ds;

create or replace function pg_catalog.pg_get_late_binding_view_cols() returns setof record
language sql stable security definer set search_path = pg_catalog as $$
  select v.schema_name::name, v.table_name::name, v.column_name::name,
    coalesce(v.redshift_type, pg_catalog.format_type(v.atttypid, v.atttypmod))::varchar,
    v.attnum::integer
  from redshift_local.column_view v
  join redshift_local.table_attributes ta on ta.relid = v.relid
  where ta.is_late_binding_view
    -- a view that cannot be bound yet has no columns to show
    and coalesce((select l.bound from redshift_local.late_binding_views l where l.relid = v.relid), true)
  order by v.schema_name, v.table_name, v.attnum
$$;

-- PG_GET_COLS('[schema.]name'): the columns of a table or view, with the
-- types Redshift shows; the name resolves on the caller's search path, as
-- the argument becomes a regclass before the call (PG_GET_COLS.html).
create or replace function pg_catalog.pg_get_cols(relation regclass) returns setof record
language sql stable security definer set search_path = pg_catalog as $$
  select v.schema_name::name, v.table_name::name, v.column_name::name,
    coalesce(v.redshift_type, pg_catalog.format_type(v.atttypid, v.atttypmod))::varchar,
    v.attnum::integer
  from redshift_local.column_view v
  where v.relid = relation
  order by v.attnum
$$;
`
