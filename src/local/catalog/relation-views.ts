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
 *   cut to the documented varchar(128), `table_acl` in Redshift's privilege
 *   letters; a user who is not a superuser sees the tables SHOW TABLES shows
 *   them ("all tables that a user has access to"), and in
 *   SVV_REDSHIFT_COLUMNS the columns SHOW COLUMNS shows them.
 * - SVV_REDSHIFT_COLUMNS: the column's Redshift type with its modifiers,
 *   identity defaults as Redshift shows them, ENCODE / DISTKEY / SORTKEY as
 *   PG_TABLE_DEF shows them. Late-binding views are left out: their columns
 *   are only known by binding the view, which PG_GET_LATE_BINDING_VIEW_COLS
 *   does (SVV_COLUMNS is documented to include them and still does).
 * - SVV_MV_INFO: one row per materialized view; `state` is 1 for a view
 *   Redshift refreshes incrementally and 0 for one it recomputes
 *   (`mv_incremental`; PostgreSQL recomputes both, with the same rows), or
 *   101 to 105 once a base table's column is dropped, retyped or renamed,
 *   or the table or its schema renamed (`mv_unrefreshable`);
 *   `is_stale` is `t` for a view that calls a mutable function, as the
 *   page says, or one with a committed change to a base table its last
 *   refresh did not see (`mv_stale`), and otherwise `f`.
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
-- Whether the user may see a relation in SVV_REDSHIFT_TABLES, SHOW TABLES
-- and SHOW TABLE: a superuser, its owner, or one with USAGE on its schema
-- and SELECT on it or on one of its columns (r_SHOW_TABLES.html; the view
-- lists "all tables that a user has access to", r_SVV_REDSHIFT_TABLES.html).
-- Runs as the caller.
create or replace function redshift_local.sees_relation(rel oid) returns boolean
language sql stable set search_path = pg_catalog as $$
  select coalesce((select pg_catalog.has_schema_privilege(c.relnamespace, 'usage')
      and (pg_catalog.has_table_privilege(c.oid, 'select') or pg_catalog.has_any_column_privilege(c.oid, 'select'))
    from pg_catalog.pg_class c where c.oid = rel), false)
$$;

-- Whether the user may see a column in SVV_REDSHIFT_COLUMNS and SHOW
-- COLUMNS: as above, with SELECT on the table or on that column
-- (r_SHOW_COLUMNS.html, r_SVV_REDSHIFT_COLUMNS.html).
create or replace function redshift_local.sees_column(rel oid, attnum integer) returns boolean
language sql stable set search_path = pg_catalog as $$
  select coalesce((select pg_catalog.has_schema_privilege(c.relnamespace, 'usage')
      and pg_catalog.has_column_privilege(c.oid, attnum::smallint, 'select')
    from pg_catalog.pg_class c where c.oid = rel), false)
$$;


-- A privilege string with Redshift's letters in Redshift's order
-- (r_PG_DEFAULT_ACL.html: "arwdRxtXUCTDPA"): PostgreSQL's TRUNCATE, D, is
-- Redshift's P, and MAINTAIN, m, which Redshift has not, is left out. RULE,
-- DROP and ALTER (R, D, A) have no PostgreSQL privilege behind them.
create or replace function redshift_local.redshift_privileges(privs text) returns text
language sql immutable set search_path = pg_catalog as $$
  select coalesce(pg_catalog.string_agg(l.redshift
      || case when pg_catalog.strpos(privs, l.postgres || '*') > 0 then '*' else '' end, '' order by l.k), '')
  from (values (1, 'a', 'a'), (2, 'r', 'r'), (3, 'w', 'w'), (4, 'd', 'd'), (5, 'x', 'x'), (6, 't', 't'),
    (7, 'X', 'X'), (8, 'U', 'U'), (9, 'C', 'C'), (10, 'T', 'T'), (11, 'P', 'D')) l(k, redshift, postgres)
  where pg_catalog.strpos(privs, l.postgres) > 0
$$;

-- An ACL's text as PostgreSQL prints it ({grantee=privileges/grantor,...}),
-- the privileges in Redshift's letters as above.
create or replace function redshift_local.redshift_acl_text(acl aclitem[]) returns text
language sql stable set search_path = pg_catalog as $$
  select case when acl is not null then array(
    select pg_catalog.substring(u.a::text, '^(.*)=[^=/]*/[^/]*$') || '='
      || redshift_local.redshift_privileges(pg_catalog.substring(u.a::text, '=([^=/]*)/[^/]*$'))
      || '/' || pg_catalog.substring(u.a::text, '/([^/]*)$')
    from pg_catalog.unnest(acl) with ordinality as u(a, k)
    order by u.k)::text end
$$;

create view pg_catalog.svv_redshift_tables as
select pg_catalog.current_database()::varchar(128) as database_name,
  coalesce(ls.long_name, n.nspname::text)::varchar(128) as schema_name,
  coalesce(lt.long_name, c.relname::text)::varchar(128) as table_name,
  (case when c.relkind in ('v', 'm') then 'VIEW' else 'TABLE' end)::varchar(128) as table_type,
  redshift_local.redshift_acl_text(c.relacl)::varchar(128) as table_acl,
  pg_catalog.obj_description(c.oid, 'pg_class')::varchar(128) as remarks,
  pg_catalog.pg_get_userbyid(c.relowner)::varchar(128) as table_owner
from pg_catalog.pg_class c
join pg_catalog.pg_namespace n on n.oid = c.relnamespace
left join redshift_local.long_names ls on ls.short_name = n.nspname
left join redshift_local.long_names lt on lt.short_name = c.relname
where c.relkind in ('r', 'p', 'v', 'm')
  and n.nspname <> 'redshift_local' and n.nspname !~ '^pg_toast'
  -- External tables are Spectrum's (SVV_EXTERNAL_TABLES), not Redshift's.
  and not exists (select 1 from redshift_local.external_tables et where et.relid = c.oid)
  and redshift_local.sees_relation(c.oid);

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
  and not exists (select 1 from redshift_local.external_tables et where et.relid = v.relid)
  and redshift_local.sees_column(v.relid, v.attnum);

-- Whether Redshift refreshes the materialized view mv incrementally
-- (materialized-view-refresh-sql-command.html, "Limitations for incremental
-- refresh"), read from its stored query tree: no outer join, set operation,
-- window function, subquery outside FROM, DISTINCT aggregate, aggregate of
-- the page's list, mutable function or external table. PostgreSQL
-- recomputes it either way, with the same rows.
-- STV_MV_INFO's state of a materialized view a DDL change to its base
-- tables left unrefreshable since it was created: 101 a column dropped,
-- 102 a column type changed, 103 a table renamed, 104 a column renamed, 105
-- a schema renamed (r_STV_MV_INFO.html); null when it can be refreshed.
-- Columns added since do not count.
create or replace function redshift_local.mv_unrefreshable(mv oid) returns integer
language sql stable security definer set search_path = pg_catalog as $$
  select min(case
      when a.attnum is null or a.attisdropped then 101
      when a.atttypid <> b.atttypid or a.atttypmod <> b.atttypmod then 102
      when c.relname <> b.table_name then 103
      when a.attname <> b.attname then 104
      when n.nspname <> b.schema_name then 105 end)::integer
  from redshift_local.mv_bases b
  join pg_catalog.pg_class c on c.oid = b.base_id
  join pg_catalog.pg_namespace n on n.oid = c.relnamespace
  left join pg_catalog.pg_attribute a on a.attrelid = b.base_id and a.attnum = b.attnum
  where b.mv_id = mv
$$;

-- Whether the materialized view mv calls a mutable function (one that is
-- not immutable, or CURRENT_DATE and the other keyword functions).
create or replace function redshift_local.mv_mutable(mv oid) returns boolean
language sql stable security definer set search_path = pg_catalog as $$
  with tree as (select w.ev_action::text as t from pg_catalog.pg_rewrite w where w.ev_class = mv)
  select exists (select 1 from tree where t like '%SQLVALUEFUNCTION%')
    or exists (select 1
      from tree, pg_catalog.regexp_matches(tree.t, ':(?:funcid|opfuncid|aggfnoid) ([0-9]+)', 'g') m
      join pg_catalog.pg_proc p on p.oid = m[1]::oid
      where p.provolatile <> 'i')
$$;

-- Whether a change of mv_base_changes to one of its base tables is missing
-- from mv's data: committed (or this transaction's own) and not seen by its
-- last refresh or creation (mv_refreshed). A view with no record holds none.
create or replace function redshift_local.mv_change_missing(ch_xact xid8, ch_seq int8,
  r_snap pg_snapshot, r_xact xid8, r_seq int8) returns boolean
language sql immutable as $$
  select case when r_snap is null then true
    when ch_xact operator(pg_catalog.=) r_xact then ch_seq operator(pg_catalog.>) r_seq
    else not pg_catalog.pg_visible_in_snapshot(ch_xact, r_snap) end
$$;

create or replace function redshift_local.mv_stale(mv oid) returns boolean
language sql stable security definer set search_path = pg_catalog as $$
  select exists (select 1
    from redshift_local.mv_base_changes ch
    left join redshift_local.mv_refreshed r on r.mv_id = mv
    where ch.base_id in (select b.base_id from redshift_local.mv_bases b where b.mv_id = mv)
      and redshift_local.mv_change_missing(ch.xact, ch.seq, r.snap, r.xact, r.seq))
$$;

create or replace function redshift_local.mv_incremental(mv oid) returns boolean
language sql stable security definer set search_path = pg_catalog as $$
  with tree as (select w.ev_action::text as t from pg_catalog.pg_rewrite w where w.ev_class = mv),
  funcs as (
    select p.proname, p.provolatile
    from tree, pg_catalog.regexp_matches(tree.t, ':(?:funcid|opfuncid|aggfnoid) ([0-9]+)', 'g') m
    join pg_catalog.pg_proc p on p.oid = m[1]::oid)
  select exists (select 1 from tree)
    and not exists (select 1 from tree where t ~ ':jointype [123] '
      or t ~ ':setOperations [{]' or t ~ ':hasWindowFuncs true'
      or t ~ ':hasSubLinks true' or t ~ ':aggdistinct [(]' or t like '%SQLVALUEFUNCTION%')
    and not exists (select 1 from funcs where provolatile <> 'i'
      or proname in ('avg', 'median', 'percentile_cont', 'percentile_disc', 'max', 'min',
        'listagg', 'listagg_distinct', 'stddev', 'stddev_samp', 'stddev_pop',
        'bit_and', 'bit_or', 'bool_and', 'bool_or', 'date', 'date_part', 'date_trunc',
        'date_cmp_timestamptz', 'sysdate', 'timeofday', 'to_timestamp', 'random'))
    and not exists (select 1 from tree, pg_catalog.regexp_matches(tree.t, ':relid ([0-9]+)', 'g') m
      join redshift_local.external_tables e on e.relid = m[1]::oid)
$$;

create view pg_catalog.svv_mv_info as
select pg_catalog.current_database()::character(128) as database_name,
  n.nspname::character(128) as schema_name,
  pg_catalog.pg_get_userbyid(c.relowner)::character(128) as user_name,
  c.relname::character(128) as name,
  (case when redshift_local.mv_mutable(c.oid) or redshift_local.mv_stale(c.oid) then 't' else 'f' end)::character(1) as is_stale,
  coalesce(redshift_local.mv_unrefreshable(c.oid),
    case when redshift_local.mv_incremental(c.oid) then 1 else 0 end)::integer as state,
  'f'::character(1) as autorewrite,
  (case when coalesce(ta.mv_auto_refresh, false) then 't' else 'f' end)::character(1) as autorefresh
from pg_catalog.pg_class c
join pg_catalog.pg_namespace n on n.oid = c.relnamespace
left join redshift_local.table_attributes ta on ta.relid = c.oid
where c.relkind = 'm';

-- relfilenode is the oid, as PG_CLASS shows it (client-catalog-views.ts).
create view pg_catalog.pg_class_info as
select c.oid as reloid, c.relname, c.relnamespace, c.reltype, c.relowner, c.relam,
  c.oid as relfilenode, c.reltablespace, c.relpages, c.reltuples, c.reltoastrelid,
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
