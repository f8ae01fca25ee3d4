import { SUPERUSERS_ONLY } from './log-visibility.js'

// No backslash appears in any string literal below: function bodies are
// parsed in the caller's session, where standard_conforming_strings may be off.

/** The VACUUM runs of tables, two rows per table (installed with the internal tables). */
export const VACUUM_LOG_TABLE_SQL = `
create unlogged table if not exists redshift_local.vacuum_log (
  query bigint not null,
  xid bigint not null,
  user_name text not null,
  pid int4 not null,
  relid oid not null,
  table_name text not null,
  status text not null,
  rows bigint not null,
  sortedrows bigint not null,
  blocks bigint not null,
  eventtime timestamp not null,
  is_recluster boolean not null,
  -- Rows are written once the VACUUM succeeded: a failed one leaves none.
  done boolean not null
);
`

/** The system views over `redshift_local.vacuum_log`. */
export const VACUUM_VIEWS = [
  'stl_vacuum',
  'svv_vacuum_summary',
  'svv_vacuum_progress',
] as const

/**
 * What the emulator's VACUUM records (session/vacuum-statement.ts):
 * `vacuum_measure` measures each table on the session's connection before
 * and after PostgreSQL's VACUUM runs, and `vacuum_record` writes the rows
 * of one that succeeded on the emulator's own. STL_VACUUM, SVV_VACUUM_SUMMARY and
 * SVV_VACUUM_PROGRESS (r_STL_VACUUM.html, r_SVV_VACUUM_SUMMARY.html,
 * r_SVV_VACUUM_PROGRESS.html), superusers only, read them:
 *
 * - a table gets a `Started ...` row (the status names the VACUUM's kind)
 *   and a `Finished` row; an empty table gets one `Skipped (0 rows)` row;
 * - `rows` counts the table's rows and `sortedrows` the sorted ones (all of
 *   them with a sort key, none without, as STV_TBL_PERM says: the emulator
 *   keeps no unsorted region); `blocks` is the table's size in 1 MB blocks,
 *   as SVV_TABLE_INFO's `size`, measured before and after;
 * - PostgreSQL's dead row versions are not Redshift's deleted rows waiting
 *   for VACUUM, so `reclaimable_rows` and `reclaimable_space_mb` are 0, and
 *   a DELETE's rows are gone from `rows` already;
 * - the emulator sorts nothing, so SVV_VACUUM_SUMMARY's sort partitions and
 *   merge increments are 0;
 * - a VACUUM runs to its end before the client hears of it, so
 *   SVV_VACUUM_PROGRESS shows the last table vacuumed as `Complete`.
 */
export const VACUUM_LOG_SQL = `
-- Measured on the session's own connection (it waits for the table's locks
-- as the VACUUM does), with the definer's rights to count any table.
create or replace function redshift_local.vacuum_measure(p_rel oid)
returns table (relid oid, table_name text, n bigint, sorted bigint, blocks bigint)
language sql stable security definer set search_path = pg_catalog as $$
  select p_rel, c.relname::text, r.n,
    (case when pg_catalog.cardinality(ta.sortkey) > 0 then r.n else 0 end)::bigint,
    pg_catalog.ceil(pg_catalog.pg_total_relation_size(p_rel) / 1048576.0)::bigint
  from pg_catalog.pg_class c
  cross join (select coalesce(redshift_local.relation_row_count(p_rel), 0) as n) r
  left join redshift_local.table_attributes ta on ta.relid = p_rel
  where c.oid = p_rel and pg_catalog.has_table_privilege(session_user, p_rel, 'MAINTAIN')
$$;
create or replace function redshift_local.vacuum_measure_all(p_tables oid[])
returns table (relid oid, table_name text, n bigint, sorted bigint, blocks bigint)
language sql stable set search_path = pg_catalog as $$
  select m.* from pg_catalog.unnest(p_tables) t(oid)
  cross join lateral redshift_local.vacuum_measure(t.oid) m
  order by m.table_name
$$;
revoke all on function redshift_local.vacuum_measure(oid) from public;
grant execute on function redshift_local.vacuum_measure(oid) to public;

-- What a VACUUM that succeeded did, written on the emulator's connection:
-- p_rows holds each table's row of STL_VACUUM.
create or replace function redshift_local.vacuum_record(p_query bigint, p_xid bigint, p_user text,
  p_pid int4, p_recluster boolean, p_rows jsonb) returns void
language sql volatile set search_path = pg_catalog as $$
  insert into redshift_local.vacuum_log (query, xid, user_name, pid, relid, table_name, status,
    rows, sortedrows, blocks, eventtime, is_recluster, done)
  select p_query, p_xid, p_user, p_pid, r.relid, r.table_name, r.status,
    r.rows, r.sortedrows, r.blocks, r.eventtime, p_recluster, true
  from pg_catalog.jsonb_to_recordset(p_rows) as r(relid oid, table_name text, status text,
    rows bigint, sortedrows bigint, blocks bigint, eventtime timestamp)
$$;

create view redshift_local.vacuum_view as
select l.*, u.oid::int4 as userid
from redshift_local.vacuum_log l
left join pg_catalog.pg_roles u on u.rolname = l.user_name
where l.done and ${SUPERUSERS_ONLY};

create view pg_catalog.stl_vacuum as
select v.userid::integer as userid,
  v.xid::bigint as xid,
  v.relid::integer as table_id,
  v.status::character(30) as status,
  v.rows::bigint as rows,
  v.sortedrows::integer as sortedrows,
  v.blocks::integer as blocks,
  0::integer as max_merge_partitions,
  v.eventtime::timestamp as eventtime,
  0::bigint as reclaimable_rows,
  0::bigint as reclaimable_space_mb,
  v.xid::bigint as cutoff_xid,
  (case when v.is_recluster then 1 else 0 end)::integer as is_recluster
from redshift_local.vacuum_view v;

create view pg_catalog.svv_vacuum_summary as
select s.table_name::text as table_name,
  s.xid::bigint as xid,
  0::bigint as sort_partitions,
  0::bigint as merge_increments,
  redshift_local.micros(f.eventtime - s.eventtime)::bigint as elapsed_time,
  (f.rows - s.rows)::bigint as row_delta,
  (f.sortedrows - s.sortedrows)::bigint as sortedrow_delta,
  (f.blocks - s.blocks)::integer as block_delta,
  0::integer as max_merge_partitions
from redshift_local.vacuum_view s
join redshift_local.vacuum_view f on f.query = s.query and f.relid = s.relid and f.status = 'Finished'
where s.status like 'Started%';

create view pg_catalog.svv_vacuum_progress as
select v.table_name::text as table_name,
  'Complete'::text as status,
  null::text as time_remaining_estimate
from (select l.table_name from redshift_local.vacuum_view l
  order by l.eventtime desc, l.status = 'Finished' desc limit 1) v;
`
