import { visibleTo } from './log-visibility.js'

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
`

/** The system views over `redshift_local.mv_refresh_log`. */
export const MV_REFRESH_VIEWS = [
  'svl_mv_refresh_status',
  'sys_mv_refresh_history',
] as const

/**
 * SVL_MV_REFRESH_STATUS and SYS_MV_REFRESH_HISTORY
 * (r_SVL_MV_REFRESH_STATUS.html, SYS_MV_REFRESH_HISTORY.html), from the
 * refreshes an event trigger on REFRESH MATERIALIZED VIEW records as they
 * end:
 *
 * - PostgreSQL recomputes a materialized view fully on every refresh (as
 *   STV_MV_INFO's `state` 0 says), so the status is always the page's
 *   `Refresh successfully recomputed MV from scratch`, and the refresh type
 *   `Manual`: the emulator never refreshes on its own (AUTO REFRESH YES is
 *   recorded, not run);
 * - the transaction id is the emulator's xid (the one STL_QUERY shows) of the
 *   statement that ran the refresh on that session at that time, read from
 *   the query log;
 * - a refresh that fails, or whose transaction is rolled back, leaves no row
 *   (the row is written in the refresh's own transaction); Redshift lists a
 *   failed refresh with its reason. README's emulator section says so.
 *
 * Each view shows a regular user only its own refreshes (log-visibility.ts).
 */
export const MV_REFRESH_LOG_SQL = `
create or replace function redshift_local.record_mv_refresh() returns event_trigger
language plpgsql security definer set search_path = pg_catalog as $$
begin
  insert into redshift_local.mv_refresh_log (mv_id, schema_name, mv_name, user_name, pid, starttime, endtime)
  select c.oid, n.nspname, c.relname, session_user, pg_catalog.pg_backend_pid(),
    pg_catalog.statement_timestamp() at time zone 'UTC', pg_catalog.clock_timestamp() at time zone 'UTC'
  from pg_catalog.pg_event_trigger_ddl_commands() d
  join pg_catalog.pg_class c on c.oid = d.objid
  join pg_catalog.pg_namespace n on n.oid = c.relnamespace
  where d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass;
end
$$;
drop event trigger if exists redshift_local_record_mv_refresh;
create event trigger redshift_local_record_mv_refresh on ddl_command_end
  when tag in ('REFRESH MATERIALIZED VIEW')
  execute function redshift_local.record_mv_refresh();

create view redshift_local.mv_refresh_view as
select r.mv_id, r.schema_name, r.mv_name, r.user_name, r.pid, r.starttime, r.endtime,
  u.oid::int4 as userid,
  (select q.xid from redshift_local.query_log q
    where q.pid = r.pid and q.starttime <= r.starttime + interval '1 millisecond'
      and (q.endtime is null or q.endtime + interval '1 millisecond' >= r.endtime)
    order by q.starttime desc limit 1) as xid
from redshift_local.mv_refresh_log r
left join pg_catalog.pg_roles u on u.rolname = r.user_name
where ${visibleTo('r.user_name')};

create view pg_catalog.svl_mv_refresh_status as
select pg_catalog.current_database()::character(128) as db_name,
  r.userid::bigint as userid,
  r.schema_name::character(128) as schema_name,
  r.mv_name::character(128) as mv_name,
  r.xid::bigint as xid,
  r.starttime::timestamp as starttime,
  r.endtime::timestamp as endtime,
  'Refresh successfully recomputed MV from scratch'::text as status
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
  'Refresh successfully recomputed MV from scratch'::text as status,
  r.starttime::timestamp as start_time,
  r.endtime::timestamp as end_time,
  redshift_local.micros(r.endtime - r.starttime)::bigint as duration
from redshift_local.mv_refresh_view r;
`
