// No backslash appears in any string literal below: function bodies are
// parsed in the caller's session, where standard_conforming_strings may be off.

/**
 * Materialized views beyond SVV_MV_INFO (see relation-views.ts), from the
 * Developer Guide's pages r_STV_MV_INFO, r_STV_MV_DEPS, r_SVV_MV_DEPENDENCY
 * and materialized-view-create-sql-command.html:
 *
 * - STV_MV_INFO: SVV_MV_INFO's rows under the STV column names. PostgreSQL
 *   recomputes a materialized view fully on REFRESH; `updated_upto_xid`
 *   is reserved for Redshift's internal use and is null.
 * - STV_MV_DEPS and SVV_MV_DEPENDENCY: one row per materialized view another
 *   materialized view reads, from the dependencies PostgreSQL records for
 *   the view's rewrite rule.
 * - The query of CREATE MATERIALIZED VIEW may not reference standard views,
 *   system tables and views, temporary tables (PostgreSQL refuses those
 *   itself), user-defined functions, or the leader node-only functions
 *   CURRENT_SCHEMA, CURRENT_SCHEMAS and HAS_..._PRIVILEGE; AUTO REFRESH YES
 *   is refused for a view whose query calls a mutable function, reads an
 *   external table or reads another materialized view. The relations
 *   and functions are read from the stored query tree (`:relid`, `:funcid`,
 *   `:opfuncid`), since PostgreSQL records no dependency on built-in
 *   objects. Redshift's wording for these refusals is not documented.
 * - A materialized view cannot be renamed, nor its columns (ALTER TABLE ...
 *   RENAME, or PostgreSQL's ALTER MATERIALIZED VIEW ... RENAME).
 */
export const MV_VIEWS_SQL = `
create view pg_catalog.stv_mv_info as
select database_name as db_name, schema_name as schema, name,
  null::bigint as updated_upto_xid, is_stale, user_name as owner_user_name, state,
  autorewrite, autorefresh
from pg_catalog.svv_mv_info;

create view redshift_local.mv_dependency as
select distinct c.oid as relid, n.nspname as schema_name, c.relname as name,
  rn.nspname as ref_schema, r.relname as ref_name
from pg_catalog.pg_class c
join pg_catalog.pg_namespace n on n.oid = c.relnamespace
join pg_catalog.pg_rewrite w on w.ev_class = c.oid
join pg_catalog.pg_depend d on d.classid = 'pg_catalog.pg_rewrite'::pg_catalog.regclass
  and d.objid = w.oid and d.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass
join pg_catalog.pg_class r on r.oid = d.refobjid and r.oid <> c.oid and r.relkind = 'm'
join pg_catalog.pg_namespace rn on rn.oid = r.relnamespace
where c.relkind = 'm';

create view pg_catalog.stv_mv_deps as
select pg_catalog.current_database()::character(128) as db_name,
  schema_name::character(128) as schema, name::character(128) as name,
  ref_schema::character(128) as ref_schema, ref_name::character(128) as ref_name,
  pg_catalog.current_database()::character(128) as ref_database_name
from redshift_local.mv_dependency;

create view pg_catalog.svv_mv_dependency as
select pg_catalog.current_database()::character(128) as database_name,
  schema_name::character(128) as schema_name, name::character(128) as name,
  pg_catalog.current_database()::character(128) as dependent_database_name,
  ref_schema::character(128) as dependent_schema_name,
  ref_name::character(128) as dependent_name
from redshift_local.mv_dependency;

-- Why Redshift would refuse the materialized view mv (null when it would not).
-- It reads the emulator's own tables, which users cannot, so it runs as its
-- owner: any user with CREATE on a schema creates materialized views.
create or replace function redshift_local.mv_refusal(mv oid, auto_refresh boolean) returns text
language sql stable security definer set search_path = pg_catalog as $$
  with tree as (select w.ev_action::text as t from pg_catalog.pg_rewrite w where w.ev_class = mv),
  rels as (
    select distinct c.oid, c.relname, c.relkind, n.nspname
    from tree, pg_catalog.regexp_matches(tree.t, ':relid ([0-9]+)', 'g') m
    join pg_catalog.pg_class c on c.oid = m[1]::oid
    join pg_catalog.pg_namespace n on n.oid = c.relnamespace
    where c.oid <> mv),
  funcs as (
    select distinct p.oid, p.proname, p.provolatile, n.nspname
    from tree, pg_catalog.regexp_matches(tree.t, ':(?:funcid|opfuncid) ([0-9]+)', 'g') m
    join pg_catalog.pg_proc p on p.oid = m[1]::oid
    join pg_catalog.pg_namespace n on n.oid = p.pronamespace)
  select coalesce(
    (select pg_catalog.format('materialized views cannot reference the system table or view "%s"', relname)
      from rels where nspname in ('pg_catalog', 'information_schema', 'redshift_local') limit 1),
    (select pg_catalog.format('materialized views cannot reference the standard or late-binding view "%s"', relname)
      from rels where relkind = 'v'
        and not exists (select 1 from redshift_local.external_tables e where e.relid = rels.oid) limit 1),
    (select pg_catalog.format('materialized views cannot call the user-defined function "%s"', proname)
      from funcs where nspname not in ('pg_catalog', 'redshift_local') limit 1),
    (select pg_catalog.format('materialized views cannot call the leader node-only function %s', pg_catalog.upper(proname))
      from funcs where proname in ('current_schema', 'current_schemas', 'has_database_privilege',
        'has_schema_privilege', 'has_table_privilege') limit 1),
    (select 'AUTO REFRESH YES is not supported for a materialized view that calls a mutable function'
      where auto_refresh and (exists (select 1 from funcs where provolatile <> 'i')
        or (select t from tree) like '%SQLVALUEFUNCTION%')),
    (select 'AUTO REFRESH YES is not supported for a materialized view on an external table'
      where auto_refresh and exists (select 1 from rels
        join redshift_local.external_tables e on e.relid = rels.oid)),
    (select 'AUTO REFRESH YES is not supported for a materialized view on another materialized view'
      where auto_refresh and exists (select 1 from rels where relkind = 'm')))
$$;

-- A statement that may have changed a base table of a materialized view
-- (one wrote no row counts too): its row of mv_base_changes.
create or replace function redshift_local.mv_base_changed() returns trigger
language plpgsql security definer set search_path = pg_catalog as $$
begin
  insert into redshift_local.mv_base_changes (base_id, xact, seq)
  values (tg_relid, pg_current_xact_id(), nextval('redshift_local.mv_change_seq'));
  return null;
end
$$;

-- The base tables of mv get the statement trigger that records their
-- changes (one per table, whatever the views over it), and mv its first
-- record of what its data holds: every change its creation saw.
create or replace function redshift_local.track_mv_bases(mv oid, created boolean default true) returns void
language plpgsql security definer set search_path = pg_catalog as $$
declare
  base oid;
begin
  for base in select distinct b.base_id from redshift_local.mv_bases b
    join pg_class c on c.oid = b.base_id and c.relkind in ('r', 'p')
    where b.mv_id = mv
      and not exists (select 1 from pg_trigger t
        where t.tgrelid = b.base_id and t.tgname = 'redshift_local_mv_changes') loop
    execute format('create trigger redshift_local_mv_changes after insert or update or delete or truncate on %s
      for each statement execute function redshift_local.mv_base_changed()', base::regclass);
  end loop;
  if created then
    perform redshift_local.record_mv_refreshed(mv);
  end if;
end
$$;

-- What mv's data holds as it is created or refreshed (mv_refreshed).
create or replace function redshift_local.record_mv_refreshed(mv oid) returns void
language sql security definer set search_path = pg_catalog as $$
  insert into redshift_local.mv_refreshed (mv_id, snap, xact, seq)
  values (mv, pg_current_snapshot(), pg_current_xact_id(), nextval('redshift_local.mv_change_seq'))
  on conflict (mv_id) do update set snap = excluded.snap, xact = excluded.xact, seq = excluded.seq;
$$;

-- The base tables' columns as the view is created (mv_unrefreshable), and
-- their changes tracked from then on (track_mv_bases).
create or replace function redshift_local.record_mv_bases(mv oid) returns void
language sql security definer set search_path = pg_catalog as $$
  delete from redshift_local.mv_bases where mv_id = mv;
  insert into redshift_local.mv_bases (mv_id, base_id, schema_name, table_name, attnum, attname, atttypid, atttypmod)
  select distinct mv, c.oid, n.nspname, c.relname, a.attnum, a.attname, a.atttypid, a.atttypmod
  from pg_catalog.pg_rewrite w
  join pg_catalog.pg_depend d on d.classid = 'pg_catalog.pg_rewrite'::pg_catalog.regclass
    and d.objid = w.oid and d.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass
  join pg_catalog.pg_class c on c.oid = d.refobjid and c.oid <> mv
  join pg_catalog.pg_namespace n on n.oid = c.relnamespace
  join pg_catalog.pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
  where w.ev_class = mv;
  select redshift_local.track_mv_bases(mv);
$$;

-- A base table of the materialized view 'mv' that 'p_user' may not SELECT
-- at the table level: "To create a materialized view, you must have
-- table-level SELECT privilege on the base tables" (r_GRANT.html's usage
-- notes), where PostgreSQL settles for the columns' privileges. External
-- tables are read through their schema's USAGE and left out.
create or replace function redshift_local.mv_unreadable_base(mv oid, p_user oid) returns text
language sql stable security definer set search_path = pg_catalog as $$
  select c.relname::text
  from pg_catalog.pg_rewrite w, pg_catalog.regexp_matches(w.ev_action::text, ':relid ([0-9]+)', 'g') m
  join pg_catalog.pg_class c on c.oid = m[1]::oid
  where w.ev_class = mv and c.oid <> mv and c.relkind in ('r', 'p', 'v', 'm')
    and not exists (select 1 from redshift_local.external_tables e where e.relid = c.oid)
    and not pg_catalog.has_table_privilege(p_user, c.oid, 'SELECT')
  limit 1
$$;

create or replace function redshift_local.check_materialized_view() returns event_trigger
language plpgsql set search_path = pg_catalog as $$
declare
  r record;
  refusal text;
begin
  for r in select * from pg_catalog.pg_event_trigger_ddl_commands() where object_type = 'materialized view' loop
    refusal := redshift_local.mv_refusal(r.objid, false);
    if refusal is not null then
      raise exception using errcode = '0A000', message = refusal;
    end if;
    refusal := redshift_local.mv_unreadable_base(r.objid,
      (select u.oid from pg_catalog.pg_roles u where u.rolname = current_user));
    if refusal is not null then
      raise exception using errcode = '42501',
        message = pg_catalog.format('permission denied for relation %s', refusal);
    end if;
    perform redshift_local.record_mv_bases(r.objid);
  end loop;
end
$$;
drop event trigger if exists redshift_local_check_materialized_views;
create event trigger redshift_local_check_materialized_views on ddl_command_end
  when tag in ('CREATE MATERIALIZED VIEW')
  execute function redshift_local.check_materialized_view();

-- "You can't rename a materialized view", nor alter its definition
-- (materialized-view-create-sql-command.html): ALTER TABLE or PostgreSQL's
-- ALTER MATERIALIZED VIEW renaming one or its columns is undone.
create or replace function redshift_local.refuse_mv_rename() returns event_trigger
language plpgsql set search_path = pg_catalog as $$
begin
  if pg_catalog.current_query() !~* '[[:<:]]rename[[:>:]]' then return; end if;
  if exists (select 1 from pg_catalog.pg_event_trigger_ddl_commands()
    where object_type in ('materialized view', 'materialized view column')) then
    raise exception using errcode = '0A000',
      message = 'a materialized view and its columns cannot be renamed',
      hint = 'drop the materialized view and create it again';
  end if;
end
$$;
drop event trigger if exists redshift_local_refuse_mv_rename;
create event trigger redshift_local_refuse_mv_rename on ddl_command_end
  when tag in ('ALTER TABLE', 'ALTER MATERIALIZED VIEW')
  execute function redshift_local.refuse_mv_rename();

-- AUTO REFRESH YES, recorded by CREATE or ALTER MATERIALIZED VIEW.
create or replace function redshift_local.check_mv_auto_refresh() returns trigger
language plpgsql set search_path = pg_catalog as $$
declare
  refusal text;
begin
  if new.kind = 'materialized_view' and coalesce(new.mv_auto_refresh, false) then
    refusal := redshift_local.mv_refusal(new.relid, true);
    if refusal is not null then
      raise exception using errcode = '0A000', message = refusal;
    end if;
  end if;
  return new;
end
$$;
drop trigger if exists check_mv_auto_refresh on redshift_local.table_attributes;
create trigger check_mv_auto_refresh before insert or update on redshift_local.table_attributes
  for each row execute function redshift_local.check_mv_auto_refresh();

-- The change triggers go with their function as the catalog is rebuilt
-- (kept-user-objects.ts leaves them out): every materialized view's base
-- tables get them again, and a view with no record yet holds what is
-- committed now.
do $track$
declare
  r record;
begin
  for r in select distinct b.mv_id,
      not exists (select 1 from redshift_local.mv_refreshed f where f.mv_id = b.mv_id) as unrecorded
    from redshift_local.mv_bases b
    join pg_catalog.pg_class c on c.oid = b.mv_id and c.relkind = 'm' loop
    perform redshift_local.track_mv_bases(r.mv_id, r.unrecorded);
  end loop;
end
$track$;
`
