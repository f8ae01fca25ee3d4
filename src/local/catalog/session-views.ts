import { SUPERUSERS_ONLY, visibleTo } from './log-visibility.js'

// No backslash appears in any string literal below: function bodies are
// parsed in the caller's session, where standard_conforming_strings may be off.

/**
 * Live sessions, transactions and locks, read from PostgreSQL's
 * pg_stat_activity and pg_locks, with the columns and types of Redshift's
 * documentation. The emulator's own connections (application_name
 * `redshift-local`) are left out; a session opened on the backing
 * PostgreSQL without the emulator counts as a session of the cluster.
 * PostgreSQL knows every session as the emulator's own user (the session
 * switches to the client's with SET SESSION AUTHORIZATION), so a session's
 * user is the querying session's own user, or for another session the one
 * its latest logged statement ran as; another session that has run nothing
 * yet shows as the emulator's PostgreSQL user.
 *
 * - STV_SESSIONS (r_STV_SESSIONS.html): one row per client session;
 *   `timeout_sec` is the user's SESSION TIMEOUT (0 when none).
 * - SVV_TRANSACTIONS (r_SVV_TRANSACTIONS.html): per open transaction, one
 *   `transactionid` row in ExclusiveLock (Redshift gives every transaction
 *   an id; PostgreSQL gives read-only ones none, so the emulator writes the
 *   row itself) and one `relation` row per lock on a user table. A write
 *   waiting for a Redshift write lock, which the emulator holds back before
 *   PostgreSQL sees it (`write-lock-waits.ts`), is a `relation` row not
 *   granted (`granted` f, as the page's sample shows a waiter), in the mode
 *   the statement takes once it runs; a write outside a block counts as a
 *   transaction from the moment it waits.
 * - STV_LOCKS (r_STV_LOCKS.html): locks that update a table (every mode
 *   above AccessShareLock / RowShareLock), superusers only. `last_commit`,
 *   `last_update` and `lock_owner_end_ts` are null: the emulator does not
 *   keep when a table was last written. `lock_status` reads `Holding lock`
 *   or `Waiting for lock` (a write the emulator holds back for a Redshift
 *   write lock, as in SVV_TRANSACTIONS); Redshift's exact wording is not
 *   documented.
 *
 * Transaction ids are the emulator's, as STL_QUERY shows them: the xid the
 * session's latest logged statement ran in. Regular users see only their
 * own sessions and transactions (`log-visibility.ts`).
 */
export const SESSION_VIEWS_SQL = `
create view redshift_local.client_sessions as
select a.pid, u.name as usename,
  (select r.oid from pg_catalog.pg_roles r where r.rolname = u.name) as usesysid,
  a.datname, a.backend_start, a.xact_start, lq.xid
from pg_catalog.pg_stat_activity a
left join lateral (
  select q.user_name, q.xid from redshift_local.query_log q
  where q.pid = a.pid and q.starttime >= (a.backend_start at time zone 'UTC')
  order by q.query desc limit 1
) lq on true
cross join lateral (select coalesce(case when a.pid = pg_catalog.pg_backend_pid() then session_user::text end,
  lq.user_name, a.usename::text) as name) u
where a.backend_type = 'client backend' and a.application_name is distinct from 'redshift-local';

create view pg_catalog.stv_sessions as
select (s.backend_start at time zone 'UTC')::timestamp as starttime,
  s.pid::integer as process,
  s.usename::character(50) as user_name,
  s.datname::character(50) as db_name,
  coalesce(redshift_local.role_setting(s.usesysid, 'redshift_local.session_timeout'), '0')::integer as timeout_sec
from redshift_local.client_sessions s
where ${visibleTo('s.usename')};

create view redshift_local.table_locks as
select l.pid, l.relation, l.mode, l.granted
from pg_catalog.pg_locks l
join pg_catalog.pg_class c on c.oid = l.relation
join pg_catalog.pg_namespace n on n.oid = c.relnamespace
where l.locktype = 'relation'
  and l.database = (select d.oid from pg_catalog.pg_database d where d.datname = pg_catalog.current_database())
  and c.relkind in ('r', 'p', 'm')
  and n.nspname not in ('pg_catalog', 'information_schema', 'redshift_local') and n.nspname !~ '^pg_toast'
union all
select w.pid, w.relation, w.mode, false
from redshift_local.write_lock_waits w
where exists (select 1 from pg_catalog.pg_stat_activity a where a.pid = w.pid);

create view pg_catalog.svv_transactions as
select s.usename::text as txn_owner,
  s.datname::text as txn_db,
  s.xid::bigint as xid,
  s.pid::integer as pid,
  (coalesce(s.xact_start, w.since) at time zone 'UTC')::timestamp as txn_start,
  k.mode::text as lock_mode,
  k.kind::text as lockable_object_type,
  k.relation::integer as relation,
  k.granted::boolean as granted
from redshift_local.client_sessions s
cross join lateral (
  select 'ExclusiveLock' as mode, 'transactionid' as kind, null::oid as relation, true as granted
  union all
  select l.mode, 'relation', l.relation, l.granted from redshift_local.table_locks l where l.pid = s.pid
) k
left join lateral (
  select pg_catalog.min(w.since) as since from redshift_local.write_lock_waits w where w.pid = s.pid
) w on true
where coalesce(s.xact_start, w.since) is not null and s.datname = pg_catalog.current_database()
  and ${visibleTo('s.usename')};

create view pg_catalog.stv_locks as
select l.relation::bigint as table_id,
  null::timestamp as last_commit,
  null::timestamp as last_update,
  s.xid::bigint as lock_owner,
  l.pid::bigint as lock_owner_pid,
  (s.xact_start at time zone 'UTC')::timestamp as lock_owner_start_ts,
  null::timestamp as lock_owner_end_ts,
  (case when l.granted then 'Holding lock' else 'Waiting for lock' end)::character(22) as lock_status
from redshift_local.table_locks l
join redshift_local.client_sessions s on s.pid = l.pid
where l.mode not in ('AccessShareLock', 'RowShareLock') and ${SUPERUSERS_ONLY};
`

/** The views {@link SESSION_VIEWS_SQL} creates in pg_catalog. */
export const SESSION_VIEWS = [
  'stv_sessions',
  'svv_transactions',
  'stv_locks',
] as const
