import { SUPERUSERS_ONLY } from './log-visibility.js'
import { statementXid } from './statement-xid.js'

// No backslash appears in any string literal below: function bodies are
// parsed in the caller's session, where standard_conforming_strings may be off.

/** The ANALYZE runs of tables, one row per table (installed with the internal tables). */
export const ANALYZE_LOG_TABLE_SQL = `
create unlogged table if not exists redshift_local.analyze_log (
  relid oid not null,
  schema_name text not null,
  table_name text not null,
  user_name text not null,
  pid int4 not null,
  status text not null,
  rows bigint not null,
  modified_rows bigint not null,
  threshold_percent numeric not null,
  starttime timestamp not null,
  endtime timestamp not null,
  prevtime timestamp,
  -- What the next ANALYZE of the table counts as changed since this one.
  snap pg_catalog.pg_snapshot not null,
  own_xid pg_catalog.xid8,
  -- The analyze a COPY ran by itself (STATUPDATE).
  is_auto boolean not null default false
);
alter table redshift_local.analyze_log add column if not exists is_auto boolean not null default false;
`

/** The system views over `redshift_local.analyze_log`. */
export const ANALYZE_VIEWS = ['stl_analyze', 'sys_analyze_history'] as const

/**
 * ANALYZE as `redshift_local.analyze_tables` runs it (the rewrite of
 * `redshift-analyze.ts`), and STL_ANALYZE and SYS_ANALYZE_HISTORY
 * (r_STL_ANALYZE.html, SYS_ANALYZE_HISTORY.html), superusers only, one row
 * per table each ANALYZE considered:
 *
 * - the rows changed since the table's last full analyze are counted
 *   exactly: the rows whose version the previous analyze could not see
 *   (inserted or updated since), plus the rows it counted that are gone
 *   (deleted, or the old versions of updated rows);
 * - as t_Analyzing_tables.html says, a table whose changed rows are fewer
 *   than `analyze_threshold_percent` percent of its rows is `Skipped`
 *   (PostgreSQL's ANALYZE is not run); 0 analyzes every table. A table never
 *   analyzed is always analyzed, and its previous time is the page's
 *   `2000-01-01`;
 * - PREDICATE COLUMNS still analyzes every column (PostgreSQL keeps no
 *   predicate columns), so the status is `Full`, and the predicate column
 *   counts are 0;
 * - a COPY analyzes the table it loaded when it was empty, or with
 *   STATUPDATE ON (never with OFF), as r_COPY.html's STATUPDATE says: a
 *   `Full` row with `is_auto` `t`;
 * - the transaction id is the emulator's xid of the ANALYZE statement, read
 *   from the query log; a rolled back ANALYZE leaves no row (the row is
 *   written in its transaction).
 */
export const ANALYZE_LOG_SQL = `
create or replace function redshift_local.analyze_previous(p_rel oid)
returns table (rows bigint, starttime timestamp, snap pg_catalog.pg_snapshot, own_xid pg_catalog.xid8)
language sql stable security definer set search_path = pg_catalog as $$
  select l.rows, l.starttime, l.snap, l.own_xid from redshift_local.analyze_log l
  where l.relid = p_rel and l.status = 'Full' order by l.starttime desc limit 1
$$;

create or replace function redshift_local.record_analyze(p_rel oid, p_status text, p_rows bigint,
  p_modified bigint, p_threshold numeric, p_start timestamp, p_prev timestamp, p_auto boolean) returns void
language sql volatile security definer set search_path = pg_catalog as $$
  insert into redshift_local.analyze_log (relid, schema_name, table_name, user_name, pid, status,
    rows, modified_rows, threshold_percent, starttime, endtime, prevtime, snap, own_xid, is_auto)
  select c.oid, n.nspname, c.relname, session_user, pg_catalog.pg_backend_pid(), p_status,
    p_rows, p_modified, p_threshold, p_start, pg_catalog.clock_timestamp() at time zone 'UTC', p_prev,
    pg_catalog.pg_current_snapshot(), pg_catalog.pg_current_xact_id_if_assigned(), p_auto
  from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace
  where c.oid = p_rel
$$;
revoke all on function redshift_local.analyze_previous(oid) from public;
revoke all on function redshift_local.record_analyze(oid, text, bigint, bigint, numeric, timestamp, timestamp, boolean) from public;
grant execute on function redshift_local.analyze_previous(oid) to public;
grant execute on function redshift_local.record_analyze(oid, text, bigint, bigint, numeric, timestamp, timestamp, boolean) to public;

-- Whether COPY's analyze would find p_rel empty and the user may analyze it.
create or replace function redshift_local.analyzable_empty_table(p_rel oid) returns boolean
language plpgsql stable set search_path = pg_catalog as $$
declare
  found boolean;
begin
  if not pg_catalog.has_table_privilege(p_rel, 'MAINTAIN') then
    return false;
  end if;
  execute 'select not exists (select 1 from ' || p_rel::regclass::text || ')' into found;
  return found;
exception when insufficient_privilege then
  return false;
end
$$;

-- p_table null: every table of the database the user may analyze. p_auto:
-- the analyze a COPY runs after its load (STATUPDATE), never skipped, and
-- left out, silently, when the user may not analyze the table.
create or replace procedure redshift_local.analyze_tables(p_table regclass, p_columns text[],
  p_verbose boolean, p_auto boolean default false)
language plpgsql as $$
declare
  t record;
  prev record;
  threshold numeric := coalesce(
    nullif(pg_catalog.current_setting('redshift_local.analyze_threshold_percent', true), '')::numeric, 10);
  total bigint;
  fresh bigint;
  modified bigint;
  status text;
  started timestamp;
  columns text := '';
begin
  if p_columns is not null then
    -- The column list is checked whether or not the threshold skips the table.
    if p_table is not null then
      perform redshift_local.require_columns(p_table, p_columns, (select relname from pg_catalog.pg_class where oid = p_table));
    end if;
    select ' (' || pg_catalog.string_agg(pg_catalog.quote_ident(c), ', ') || ')' into columns
    from pg_catalog.unnest(p_columns) c;
  end if;
  for t in
    select c.oid as relid from pg_catalog.pg_class c
    join pg_catalog.pg_namespace n on n.oid = c.relnamespace
    where (p_table is not null and c.oid = p_table)
      or (p_table is null and c.relkind in ('r', 'p')
        and n.nspname not in ('pg_catalog', 'information_schema')
        and n.nspname !~ '^(pg_toast|redshift_local)'
        and (c.relpersistence <> 't' or n.oid = pg_catalog.pg_my_temp_schema())
        and not exists (select 1 from redshift_local.external_tables et where et.relid = c.oid)
        and pg_catalog.has_table_privilege(c.oid, 'MAINTAIN'))
    order by n.nspname, c.relname
  loop
    if not pg_catalog.has_table_privilege(t.relid, 'MAINTAIN') then
      -- PostgreSQL's warning that it skips the table, and no row.
      if not p_auto then
        execute 'analyze ' || t.relid::regclass::text;
      end if;
      continue;
    end if;
    started := pg_catalog.clock_timestamp() at time zone 'UTC';
    select * into prev from redshift_local.analyze_previous(t.relid);
    if prev.snap is null then
      execute 'select pg_catalog.count(*) from ' || t.relid::regclass::text into total;
      modified := total;
      status := 'Full';
    else
      execute 'select pg_catalog.count(*), pg_catalog.count(*) filter (where not (pg_catalog.pg_visible_in_snapshot(xmin::text::pg_catalog.xid8, $1)'
        || ' or xmin::text::pg_catalog.xid8 is not distinct from $2)) from ' || t.relid::regclass::text
        into total, fresh using prev.snap, prev.own_xid;
      modified := fresh + greatest(prev.rows - (total - fresh), 0);
      status := case when p_auto then 'Full' when (case when total = 0 then (case when modified > 0 then 100 else 0 end)
          else modified * 100.0 / total end) >= threshold then 'Full' else 'Skipped' end;
    end if;
    if status = 'Full' then
      execute 'analyze ' || case when p_verbose then 'verbose ' else '' end
        || t.relid::regclass::text || columns;
    end if;
    perform redshift_local.record_analyze(t.relid, status, total, modified, threshold, started,
      coalesce(prev.starttime, timestamp '2000-01-01'), p_auto);
  end loop;
end
$$;

create view redshift_local.analyze_view as
select l.*, u.oid::int4 as userid,
  ${statementXid('l.pid', 'l.starttime', 'l.endtime')} as xid
from redshift_local.analyze_log l
left join pg_catalog.pg_roles u on u.rolname = l.user_name
where ${SUPERUSERS_ONLY};

create view pg_catalog.stl_analyze as
select a.userid::integer as userid,
  a.xid::bigint as xid,
  pg_catalog.current_database()::character(30) as database,
  a.relid::integer as table_id,
  a.status::character(15) as status,
  a.rows::double precision as rows,
  a.modified_rows::double precision as modified_rows,
  pg_catalog.round(a.threshold_percent)::integer as threshold_percent,
  (case when a.is_auto then 't' else 'f' end)::character(1) as is_auto,
  a.starttime::timestamp as starttime,
  a.endtime::timestamp as endtime,
  a.prevtime::timestamp as prevtime,
  0::integer as num_predicate_cols,
  0::integer as num_new_predicate_cols,
  'f'::character(1) as is_background,
  null::character(100) as auto_analyze_phase,
  a.schema_name::character(128) as schema_name,
  a.table_name::character(136) as table_name
from redshift_local.analyze_view a;

create view pg_catalog.sys_analyze_history as
select a.userid::integer as user_id,
  a.xid::bigint as transaction_id,
  pg_catalog.current_database()::character(30) as database_name,
  a.schema_name::character(30) as schema_name,
  a.table_name::character(30) as table_name,
  a.relid::integer as table_id,
  (case when a.is_auto then 't' else 'f' end)::character(1) as is_automatic,
  a.status::character(15) as status,
  a.starttime::timestamp as start_time,
  a.endtime::timestamp as end_time,
  a.rows::double precision as rows,
  a.modified_rows::double precision as modified_rows,
  pg_catalog.round(a.threshold_percent)::integer as analyze_threshold_percent,
  a.prevtime::timestamp as last_analyze_time
from redshift_local.analyze_view a;
`
