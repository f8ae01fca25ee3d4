import { visibleTo } from './log-visibility.js'
import { statementXid } from './statement-xid.js'

// No backslash appears in any string literal below: function bodies are
// parsed in the caller's session, where standard_conforming_strings may be off.

/** The refreshes of materialized views, one row each (installed with the internal tables). */
export const MV_REFRESH_TABLE_SQL = `
create unlogged table if not exists redshift_local.mv_refresh_log (
  mv_id oid not null,
  schema_name text not null,
  mv_name text not null,
  user_name text not null,
  pid int4 not null,
  starttime timestamp not null,
  endtime timestamp not null
);
alter table redshift_local.mv_refresh_log add column if not exists incremental boolean not null default false;
-- A REFRESH that found the view up to date and did nothing.
alter table redshift_local.mv_refresh_log add column if not exists up_to_date boolean not null default false;

-- The committed changes to the base tables of materialized views: one row
-- per statement that wrote one (INSERT, UPDATE, DELETE, MERGE, COPY,
-- TRUNCATE and ALTER TABLE APPEND, through the statement trigger below, and
-- a refresh of a materialized view others read), written in the
-- statement's transaction so that a rolled-back change leaves none. A
-- plain insert reads nothing, so concurrent writers of one table never wait
-- on it nor conflict over it under serializable isolation. 'seq' orders the
-- changes of one transaction.
create table if not exists redshift_local.mv_base_changes (
  base_id oid not null,
  xact xid8 not null,
  seq int8 not null
);
create index if not exists mv_base_changes_base on redshift_local.mv_base_changes (base_id);
create sequence if not exists redshift_local.mv_change_seq;

-- What each materialized view's data holds: the changes its last refresh
-- (or its creation) saw, the transaction's snapshot (the emulator's
-- sessions run serializable or snapshot isolation, so it is the one the
-- refresh read with) plus that transaction's own changes up to 'seq'.
create table if not exists redshift_local.mv_refreshed (
  mv_id oid primary key,
  snap pg_snapshot not null,
  xact xid8 not null,
  seq int8 not null
);

-- The columns of each materialized view's base tables as they were when it
-- was created: a rename or drop since leaves it unrefreshable.
create table if not exists redshift_local.mv_bases (
  mv_id oid not null,
  base_id oid not null,
  schema_name name not null,
  table_name name not null,
  attnum int2 not null,
  attname name not null,
  atttypid oid not null,
  atttypmod int4 not null
);

create unlogged table if not exists redshift_local.mv_state_log (
  user_name text not null,
  pid int4 not null,
  starttime timestamp not null,
  event_desc text not null,
  base_schema text not null,
  base_table text not null,
  mv_schema text not null,
  mv_name text not null,
  state text not null
);
`

/** The system views over `redshift_local.mv_refresh_log`. */
export const MV_REFRESH_VIEWS = [
  'svl_mv_refresh_status',
  'sys_mv_refresh_history',
  'stl_mv_state',
  'sys_mv_state',
] as const

/**
 * SVL_MV_REFRESH_STATUS and SYS_MV_REFRESH_HISTORY
 * (r_SVL_MV_REFRESH_STATUS.html, SYS_MV_REFRESH_HISTORY.html), from the
 * refreshes an event trigger on REFRESH MATERIALIZED VIEW records as they
 * end:
 *
 * - the status is the page's `Refresh successfully updated MV
 *   incrementally` for a view Redshift refreshes incrementally (STV_MV_INFO's
 *   `state` 1) unless a TRUNCATE of a base table marked it for recompute
 *   since its last refresh, and otherwise `Refresh successfully recomputed
 *   MV from scratch` (PostgreSQL recomputes both, with the same rows); the
 *   refresh type is `Manual`: the emulator never refreshes on its own (AUTO
 *   REFRESH YES is recorded, not run); an incremental refresh also sends
 *   materialized-view-refresh.html's INFO message `Materialized view mv was
 *   incrementally updated successfully.`;
 * - the transaction id is the emulator's xid (the one STL_QUERY shows) of the
 *   statement that ran the refresh on that session at that time, read from
 *   the query log;
 * - a refresh that fails is listed from the query log with the page's
 *   `Refresh failed. MV was not found` when the view does not exist, and
 *   otherwise `Refresh failed. ` and PostgreSQL's error (Redshift's other
 *   reasons are not documented); one whose transaction is rolled back
 *   leaves no row (the row is written in the refresh's own transaction).
 *
 * Each view shows a regular user only its own refreshes (log-visibility.ts).
 */
export const MV_REFRESH_LOG_SQL = `
-- Whether a refresh of mv now is incremental: a view Redshift refreshes so,
-- with no recompute (STL_MV_STATE's TRUNCATE rows) recorded since its last
-- refresh.
create or replace function redshift_local.mv_refresh_incremental(mv oid) returns boolean
language sql stable set search_path = pg_catalog as $$
  select redshift_local.mv_incremental(c.oid) and not exists (
      select 1 from redshift_local.mv_state_log s
      where s.mv_schema = n.nspname and s.mv_name = c.relname
        and s.starttime >= coalesce((select max(l.starttime) from redshift_local.mv_refresh_log l
          where l.mv_id = c.oid), '-infinity'::timestamp))
  from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace
  where c.oid = mv
$$;

-- "For incremental materialized views, REFRESH MATERIALIZED VIEW uses only
-- those base table rows that are already committed"
-- (materialized-view-refresh-sql-command.html): PostgreSQL's refresh sees
-- the rows its own transaction wrote, so an incremental refresh after DML
-- on a base table in the same transaction is refused as an emulator limit
-- (a statement that wrote no row counts too).
create or replace function redshift_local.check_mv_refresh() returns event_trigger
language plpgsql security definer set search_path = pg_catalog as $$
declare
  base text;
  mv record;
begin
  -- "Such materialized views can be queried but can't be refreshed"
  -- (materialized-view-create-sql-command.html); Redshift's words are not
  -- documented.
  for mv in select c.oid, c.relname, c.relowner, n.oid as nsp, n.nspname,
      redshift_local.mv_unrefreshable(c.oid) as state
    from pg_catalog.pg_event_trigger_ddl_commands() d
    join pg_catalog.pg_class c on c.oid = d.objid
    join pg_catalog.pg_namespace n on n.oid = c.relnamespace
    where d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass loop
    if mv.state is not null then
      raise exception using errcode = '0A000',
        message = pg_catalog.format('materialized view "%s" cannot be refreshed: %s', mv.relname,
          case mv.state when 101 then 'a column of a base table was dropped'
            when 102 then 'the type of a column of a base table changed'
            when 103 then 'a base table was renamed'
            when 104 then 'a column of a base table was renamed'
            else 'the schema of a base table was renamed' end),
        hint = 'drop the materialized view and create it again';
    end if;
    -- "To run REFRESH on recompute-only materialized views, make sure that
    -- you have the CREATE privilege on schemas" (materialized-view-refresh.html);
    -- only the owner refreshes.
    if not redshift_local.mv_refresh_incremental(mv.oid)
      and not pg_catalog.has_schema_privilege(mv.relowner, mv.nsp, 'CREATE') then
      raise exception using errcode = '42501',
        message = pg_catalog.format('permission denied for schema %s', mv.nspname),
        hint = 'a materialized view that is recomputed on refresh needs CREATE on its schema';
    end if;
  end loop;
  select b.relname into base
  from pg_catalog.pg_event_trigger_ddl_commands() d
  join pg_catalog.pg_rewrite w on w.ev_class = d.objid
  join pg_catalog.pg_depend dep on dep.classid = 'pg_catalog.pg_rewrite'::pg_catalog.regclass
    and dep.objid = w.oid and dep.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass
    and dep.refobjid <> d.objid
  join pg_catalog.pg_class b on b.oid = dep.refobjid
  where d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass
    -- INSERT, UPDATE, DELETE, MERGE and COPY hold ROW EXCLUSIVE on the
    -- table they write until the transaction ends.
    and exists (select 1 from pg_catalog.pg_locks l
      where l.pid = pg_catalog.pg_backend_pid() and l.locktype = 'relation'
        and l.relation = b.oid and l.mode = 'RowExclusiveLock' and l.granted)
    and redshift_local.mv_refresh_incremental(d.objid)
  limit 1;
  if base is not null then
    raise exception using errcode = '0A000',
      message = pg_catalog.format('an incremental REFRESH MATERIALIZED VIEW after changes to its base table "%s" in the same transaction in the local emulator is not supported', base),
      hint = 'an emulator limit: Redshift refreshes from the committed rows only; commit the changes first';
  end if;
end
$$;
drop event trigger if exists redshift_local_check_mv_refresh;
create event trigger redshift_local_check_mv_refresh on ddl_command_end
  when tag in ('REFRESH MATERIALIZED VIEW')
  execute function redshift_local.check_mv_refresh();

-- Each refresh is recorded, and an incremental one reported with the INFO
-- message of materialized-view-refresh.html (unless it is one of the views
-- a REFRESH ... CASCADE refreshes first). What the view holds is recorded
-- (mv_refreshed), its refresh is a change for the materialized views over
-- it, and the changes every view over its base tables now holds are
-- dropped (prune_mv_changes).
create or replace function redshift_local.record_mv_refresh() returns event_trigger
language plpgsql security definer set search_path = pg_catalog as $$
declare
  mv record;
begin
  for mv in select c.oid, n.nspname, c.relname, redshift_local.mv_refresh_incremental(c.oid) as incremental
    from pg_catalog.pg_event_trigger_ddl_commands() d
    join pg_catalog.pg_class c on c.oid = d.objid
    join pg_catalog.pg_namespace n on n.oid = c.relnamespace
    where d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass loop
    insert into redshift_local.mv_refresh_log (mv_id, schema_name, mv_name, user_name, pid, starttime, endtime, incremental)
    values (mv.oid, mv.nspname, mv.relname, session_user, pg_catalog.pg_backend_pid(),
      pg_catalog.statement_timestamp() at time zone 'UTC', pg_catalog.clock_timestamp() at time zone 'UTC',
      mv.incremental);
    perform redshift_local.record_mv_refreshed(mv.oid);
    if exists (select 1 from redshift_local.mv_bases b where b.base_id = mv.oid) then
      insert into redshift_local.mv_base_changes (base_id, xact, seq)
      values (mv.oid, pg_current_xact_id(), nextval('redshift_local.mv_change_seq'));
    end if;
    perform redshift_local.prune_mv_changes(mv.oid);
    if mv.incremental and coalesce(current_setting('redshift_local.mv_refresh_quiet', true), '') <> 'on' then
      raise info 'Materialized view % was incrementally updated successfully.', mv.relname;
    end if;
  end loop;
end
$$;
drop event trigger if exists redshift_local_record_mv_refresh;
create event trigger redshift_local_record_mv_refresh on ddl_command_end
  when tag in ('REFRESH MATERIALIZED VIEW')
  execute function redshift_local.record_mv_refresh();

-- The changes to mv's base tables that every materialized view over them
-- holds, which no staleness can depend on any more. Rows another refresh
-- holds or just removed are left for a later one.
create or replace function redshift_local.prune_mv_changes(mv oid) returns void
language plpgsql security definer set search_path = pg_catalog as $$
begin
  delete from redshift_local.mv_base_changes ch
  where ch.ctid in (select c2.ctid from redshift_local.mv_base_changes c2
    where c2.base_id in (select b.base_id from redshift_local.mv_bases b where b.mv_id = mv)
      and not exists (select 1 from redshift_local.mv_bases b
        join pg_catalog.pg_class v on v.oid = b.mv_id and v.relkind = 'm'
        left join redshift_local.mv_refreshed r on r.mv_id = b.mv_id
        where b.base_id = c2.base_id
          and redshift_local.mv_change_missing(c2.xact, c2.seq, r.snap, r.xact, r.seq))
    for update skip locked);
exception when serialization_failure or lock_not_available then
  null;
end
$$;

-- The materialized views mv reads directly.
create or replace function redshift_local.mv_reads(mv oid) returns setof oid
language sql stable set search_path = pg_catalog as $$
  select distinct r.oid
  from pg_catalog.pg_rewrite w
  join pg_catalog.pg_depend d on d.classid = 'pg_catalog.pg_rewrite'::pg_catalog.regclass
    and d.objid = w.oid and d.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass
  join pg_catalog.pg_class r on r.oid = d.refobjid and r.relkind = 'm' and r.oid <> mv
  where w.ev_class = mv
$$;

-- The materialized views mv is built on, directly or through others, each
-- with its greatest depth: refreshed deepest first, each comes after every
-- view it reads.
create or replace function redshift_local.mv_nested(mv oid) returns table (relid oid, depth integer)
language sql stable set search_path = pg_catalog as $$
  with recursive reads(relid, depth) as (
    select r.oid, 1 from redshift_local.mv_reads(mv) r(oid)
    union all
    select r.oid, d.depth + 1 from reads d cross join lateral redshift_local.mv_reads(d.relid) r(oid))
  select relid, max(depth)::integer from reads group by relid
$$;

-- Whether a REFRESH of mv, run by its owner, has nothing to do: it can be
-- refreshed, calls no mutable function, holds every committed change to
-- its base tables, and a recompute would be allowed (CREATE on its schema).
create or replace function redshift_local.mv_up_to_date(mv oid) returns boolean
language sql stable security definer set search_path = pg_catalog as $$
  select coalesce((select c.relkind = 'm'
      and redshift_local.mv_unrefreshable(c.oid) is null
      and not redshift_local.mv_mutable(c.oid)
      and not redshift_local.mv_stale(c.oid)
      and (redshift_local.mv_refresh_incremental(c.oid)
        or pg_catalog.has_schema_privilege(c.relowner, c.relnamespace, 'CREATE'))
    from pg_catalog.pg_class c where c.oid = mv), false)
$$;

-- A REFRESH that found mv up to date: SVL_MV_REFRESH_STATUS's 'MV was
-- already updated' (r_SVL_MV_REFRESH_STATUS.html) and the INFO message of
-- materialized-view-refresh.html, with its second sentence when a view mv
-- is built on is not up to date itself.
create or replace function redshift_local.record_mv_up_to_date(mv oid, quiet boolean) returns void
language plpgsql security definer set search_path = pg_catalog as $$
declare
  v record;
begin
  select c.relname, n.nspname into v
  from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace
  where c.oid = mv;
  insert into redshift_local.mv_refresh_log (mv_id, schema_name, mv_name, user_name, pid, starttime, endtime, up_to_date)
  values (mv, v.nspname, v.relname, session_user, pg_catalog.pg_backend_pid(),
    pg_catalog.statement_timestamp() at time zone 'UTC', pg_catalog.clock_timestamp() at time zone 'UTC', true);
  if quiet then return; end if;
  if exists (select 1 from redshift_local.mv_nested(mv) d
      where redshift_local.mv_mutable(d.relid) or redshift_local.mv_stale(d.relid)) then
    raise info 'Materialized view % is already up to date.  However, it depends on another materialized view that is not up to date.', v.relname;
  else
    raise info 'Materialized view % is already up to date.', v.relname;
  end if;
end
$$;

-- REFRESH MATERIALIZED VIEW name [ RESTRICT | CASCADE ]
-- (materialized-view-refresh-sql-command.html, ddl-mv-refresh.ts): with
-- CASCADE the materialized views the view is built on first, deepest first,
-- each only reported in SVL_MV_REFRESH_STATUS; a view that is up to date is
-- left as it is. Runs as the caller, who must own each view refreshed
-- (PostgreSQL's REFRESH says so otherwise); the name resolves on the
-- caller's search path.
create or replace procedure redshift_local.refresh_materialized_view(p_name text, p_cascade boolean)
language plpgsql as $$
declare
  target oid := pg_catalog.to_regclass(p_name);
  v record;
begin
  if target is null then
    -- PostgreSQL's own error for the name as written.
    execute pg_catalog.concat('refresh materialized view ', pg_catalog.array_to_string(
      array(select pg_catalog.quote_ident(p.part)
        from pg_catalog.unnest(pg_catalog.parse_ident(p_name)) with ordinality p(part, i) order by p.i), '.'));
    return;
  end if;
  for v in select d.relid, true as quiet, d.depth from redshift_local.mv_nested(target) d where p_cascade
    union all select target, false, 0
    order by 3 desc, 1 loop
    if redshift_local.mv_up_to_date(v.relid) and exists (select 1 from pg_catalog.pg_class c
        where c.oid operator(pg_catalog.=) v.relid and pg_catalog.pg_has_role(c.relowner, 'USAGE')) then
      perform redshift_local.record_mv_up_to_date(v.relid, v.quiet);
    else
      perform pg_catalog.set_config('redshift_local.mv_refresh_quiet', case when v.quiet then 'on' else '' end, true);
      execute pg_catalog.concat('refresh materialized view ', v.relid::pg_catalog.regclass::pg_catalog.text);
      perform pg_catalog.set_config('redshift_local.mv_refresh_quiet', '', true);
    end if;
  end loop;
end
$$;
grant execute on procedure redshift_local.refresh_materialized_view(text, boolean) to public;

-- The view a failed REFRESH named, as written: schema (null when not
-- qualified) and name, PostgreSQL's folding applied.
create or replace function redshift_local.refreshed_name(querytxt text) returns text[]
language plpgsql immutable as $$
declare
  written text := pg_catalog.substring(querytxt,
    '^[[:space:]]*[Rr][Ee][Ff][Rr][Ee][Ss][Hh][[:space:]]+[Mm][Aa][Tt][Ee][Rr][Ii][Aa][Ll][Ii][Zz][Ee][Dd][[:space:]]+[Vv][Ii][Ee][Ww][[:space:]]+([^[:space:];]+)');
  parts text[];
begin
  if written is null then return null; end if;
  parts := pg_catalog.parse_ident(written);
  return case when pg_catalog.cardinality(parts) = 1 then array[null, parts[1]]
    else parts[pg_catalog.cardinality(parts) - 1 : pg_catalog.cardinality(parts)] end;
exception when others then
  return null;
end
$$;

-- A refresh that succeeded is recorded in its own transaction; one that
-- failed is in the query log, which the emulator writes for failed
-- statements too.
create view redshift_local.mv_refresh_view as
select r.mv_id, r.schema_name, r.mv_name, r.user_name, r.pid, r.starttime, r.endtime,
  u.oid::int4 as userid,
  ${statementXid('r.pid', 'r.starttime', 'r.endtime')} as xid,
  (case when r.up_to_date then 'MV was already updated'
    when r.incremental then 'Refresh successfully updated MV incrementally'
    else 'Refresh successfully recomputed MV from scratch' end)::text as status
from redshift_local.mv_refresh_log r
left join pg_catalog.pg_roles u on u.rolname = r.user_name
where ${visibleTo('r.user_name')}
union all
select null::oid, f.name[1], f.name[2], q.user_name, q.pid, q.starttime, q.endtime,
  q.userid, q.xid,
  case when q.error like 'relation % does not exist%' then 'Refresh failed. MV was not found'
    else 'Refresh failed. ' || coalesce(q.error, '') end
from redshift_local.query_log q
cross join lateral (select redshift_local.refreshed_name(q.querytxt) as name) f
where q.status = 'failed' and f.name is not null
  and ${visibleTo('q.user_name')};

create view pg_catalog.svl_mv_refresh_status as
select pg_catalog.current_database()::character(128) as db_name,
  r.userid::bigint as userid,
  r.schema_name::character(128) as schema_name,
  r.mv_name::character(128) as mv_name,
  r.xid::bigint as xid,
  r.starttime::timestamp as starttime,
  r.endtime::timestamp as endtime,
  r.status
from redshift_local.mv_refresh_view r;

create view pg_catalog.sys_mv_refresh_history as
select r.userid::integer as user_id,
  r.pid::integer as session_id,
  r.xid::bigint as transaction_id,
  pg_catalog.current_database()::character(128) as database_name,
  r.schema_name::character(128) as schema_name,
  r.mv_id::bigint as mv_id,
  r.mv_name::character(128) as mv_name,
  'Manual'::character(32) as refresh_type,
  r.status,
  r.starttime::timestamp as start_time,
  r.endtime::timestamp as end_time,
  redshift_local.micros(r.endtime - r.starttime)::bigint as duration
from redshift_local.mv_refresh_view r;

-- A statement that changes a base table so that its materialized views are
-- recomputed at their next refresh (TRUNCATE): one row per view that reads
-- one of p_tables (resolved in the caller's search path), in the statement's
-- transaction (sql/mv-state.ts).
create or replace procedure redshift_local.record_mv_state(p_event text, p_tables oid[])
language sql security definer set search_path = pg_catalog as $$
  insert into redshift_local.mv_state_log (user_name, pid, starttime, event_desc,
    base_schema, base_table, mv_schema, mv_name, state)
  select distinct session_user, pg_catalog.pg_backend_pid(),
    pg_catalog.statement_timestamp() at time zone 'UTC', p_event,
    bn.nspname, b.relname, n.nspname, c.relname, 'Recompute'
  from pg_catalog.unnest(p_tables) t(relid)
  join pg_catalog.pg_class b on b.oid = t.relid
  join pg_catalog.pg_namespace bn on bn.oid = b.relnamespace
  join pg_catalog.pg_depend d on d.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass
    and d.refobjid = b.oid and d.classid = 'pg_catalog.pg_rewrite'::pg_catalog.regclass
  join pg_catalog.pg_rewrite w on w.oid = d.objid
  join pg_catalog.pg_class c on c.oid = w.ev_class and c.relkind = 'm' and c.oid <> b.oid
  join pg_catalog.pg_namespace n on n.oid = c.relnamespace
$$;
grant execute on procedure redshift_local.record_mv_state(text, oid[]) to public;

create view redshift_local.mv_state_view as
select s.*, u.oid::int4 as userid,
  ${statementXid('s.pid', 's.starttime', 's.starttime')} as xid
from redshift_local.mv_state_log s
left join pg_catalog.pg_roles u on u.rolname = s.user_name
where ${visibleTo('s.user_name')};

create view pg_catalog.stl_mv_state as
select s.userid::bigint as userid,
  s.starttime::timestamp as starttime,
  s.xid::bigint as xid,
  s.event_desc::character(500) as event_desc,
  pg_catalog.current_database()::character(128) as db_name,
  s.base_schema::character(128) as base_table_schema,
  s.base_table::character(128) as base_table_name,
  s.mv_schema::character(128) as mv_schema,
  s.mv_name::character(128) as mv_name,
  s.state::character(32) as state
from redshift_local.mv_state_view s;

create view pg_catalog.sys_mv_state as
select s.userid::bigint as user_id,
  s.xid::bigint as transaction_id,
  pg_catalog.current_database()::character(128) as database_name,
  s.event_desc::character(500) as event_desc,
  s.starttime::timestamp as start_time,
  pg_catalog.current_database()::character(128) as base_table_database_name,
  s.base_schema::character(128) as base_table_schema,
  s.base_table::character(128) as base_table_name,
  s.mv_schema::character(128) as mv_schema,
  s.mv_name::character(128) as mv_name,
  s.state::character(32) as state
from redshift_local.mv_state_view s;
`
