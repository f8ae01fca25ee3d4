import { toJsonParameter, type BoundStatement } from './bound-statement.js'
import { SUPERUSERS_ONLY, visibleTo } from './log-visibility.js'

// No backslash appears in any string literal below: function bodies are
// parsed in the caller's session, where standard_conforming_strings may be off.

/** The events of STL_CONNECTION_LOG (r_STL_CONNECTION_LOG.html's examples). */
export type ConnectionEventName =
  | 'authentication failure'
  | 'authenticated'
  | 'initiating session'
  | 'disconnecting session'

/**
 * Why a session ended, as STL_SESSIONS.timed_out numbers it
 * (r_STL_SESSIONS.html): 0 unknown, 1 timed out, 2 ended by the client, 3
 * ended by the server.
 */
export type SessionEndReason = 0 | 1 | 2 | 3

/** One row of `redshift_local.connection_log`. */
export interface ConnectionLogEntry {
  readonly event: ConnectionEventName
  readonly recordtime: Date
  readonly remotehost: string
  readonly remoteport: string
  /** The backing PostgreSQL pid the session has (0 before one exists). */
  readonly pid: number
  readonly dbname: string
  readonly username: string
  readonly authmethod: string
  /** Microseconds since the connection was accepted (disconnections only, else 0). */
  readonly duration: number
  readonly sslversion: string
  readonly sslcipher: string
  readonly application_name: string
  readonly os_version: string
  readonly driver_version: string
  readonly plugin_name: string
  readonly protocol_version: number
  /** When the session started (disconnections only): STL_SESSIONS.starttime. */
  readonly session_start?: Date | null
  /** Why the session ended (disconnections only): STL_SESSIONS.timed_out. */
  readonly timed_out?: SessionEndReason | null
}

const COLUMNS: readonly (readonly [keyof ConnectionLogEntry, string])[] = [
  ['event', 'text'],
  ['recordtime', 'timestamp'],
  ['remotehost', 'text'],
  ['remoteport', 'text'],
  ['pid', 'int4'],
  ['dbname', 'text'],
  ['username', 'text'],
  ['authmethod', 'text'],
  ['duration', 'int8'],
  ['sslversion', 'text'],
  ['sslcipher', 'text'],
  ['application_name', 'text'],
  ['os_version', 'text'],
  ['driver_version', 'text'],
  ['plugin_name', 'text'],
  ['protocol_version', 'int4'],
  ['session_start', 'timestamp'],
  ['timed_out', 'int4'],
]

/** The table (UNLOGGED, like the query log), installed with the internal tables. */
export const CONNECTION_LOG_TABLE_SQL = `
create unlogged table if not exists redshift_local.connection_log (
  ${COLUMNS.map(([name, type]) => `${name} ${type}`).join(',\n  ')}
);
create index if not exists connection_log_pid_idx on redshift_local.connection_log (pid);
alter table redshift_local.query_log add column if not exists conflict_table_id bigint;
`

const NAMES = COLUMNS.map(([name]) => name).join(', ')
const RECORD_TYPE = COLUMNS.map(([name, type]) => `${name} ${type}`).join(', ')
const INSERT = `insert into redshift_local.connection_log (${NAMES})
select ${NAMES} from jsonb_to_recordset($1::jsonb) as x(${RECORD_TYPE})`

/**
 * One INSERT of connection events (null when there are none); the text is
 * the same for every batch.
 *
 * @example
 * ```ts
 * const insert = buildConnectionLogInsert(events)
 * if (insert !== null) await client.query(insert.text, [...insert.values])
 * ```
 */
export function buildConnectionLogInsert(
  entries: readonly ConnectionLogEntry[],
): BoundStatement | null {
  if (entries.length === 0) return null
  return { text: INSERT, values: [toJsonParameter(entries)] }
}

/** The system views of this module. */
export const CONNECTION_LOG_VIEWS = [
  'stl_connection_log',
  'sys_connection_log',
  'stl_sessions',
  'sys_session_history',
  'sys_transaction_history',
  'stl_tr_conflict',
] as const

/**
 * Connection, session and transaction history, with the columns of the
 * Developer Guide's pages:
 *
 * - STL_CONNECTION_LOG and SYS_CONNECTION_LOG (superusers only): the events
 *   the emulator's listener sees, written in the background with the query
 *   log: `authentication failure` (a wrong or expired password),
 *   `authenticated` and `initiating session` at login, `disconnecting
 *   session` (with the connection's `duration`) when it ends. `remotehost`
 *   is the client's address, `remoteport` its port; `sslversion` /
 *   `sslcipher` are the TLS protocol and cipher, empty without TLS (as the
 *   page says); `authmethod` reads `password` for a password login, `IAM`
 *   for temporary IAM credentials and `trust` when the emulator has no
 *   password (Redshift's exact values are not documented); `os_version`,
 *   `driver_version` and `plugin_name` are the start-up parameters Redshift's
 *   drivers send (empty when the client sent none); `application_name` is
 *   the one given at start-up. `mtu`, `sslcompression`, `sslexpansion` and
 *   `iamauthguid` are null: the emulator does not see the network's MTU, TLS
 *   compression is not used and there is no CloudTrail request. The columns
 *   stop at `protocol_version`: the copies of the pages read for this stop
 *   there too, so any later column the live page lists is not served.
 * - STL_SESSIONS (ended sessions) and SYS_SESSION_HISTORY (ended ones as
 *   `closed`, live ones as `active`): the emulator never times a session
 *   out, so `timed_out` is 2 (the client ended it), 3 (PostgreSQL ended it)
 *   or 0 (the emulator stopped), and no status reads `timed out`;
 *   `timeout_sec` is the user's SESSION TIMEOUT as it is now. A regular user
 *   sees only its own sessions.
 * - SYS_TRANSACTION_HISTORY (superusers only), from the query log: one row
 *   per transaction that changed something (a statement other than SELECT
 *   or a utility statement ran in it), ended by COMMIT or ROLLBACK, or one
 *   such statement run alone. `committed` when it ended with a COMMIT that
 *   succeeded (a statement alone: when it succeeded), else `rolledback`;
 *   the commit times are those of the COMMIT (of the statement's end when it
 *   ran alone), null when rolled back. `blocks_committed` is null (PostgreSQL
 *   writes pages, not Redshift blocks) and `undo_transaction_id` -1 (no undo
 *   transaction runs). Whether Redshift lists read-only transactions is not
 *   documented; the emulator does not.
 * - STL_TR_CONFLICT (superusers only), from the query log: one row per
 *   statement that failed with a serialization conflict (1023, or the
 *   snapshot-isolation conflict), `table_id` the table its detail names
 *   (null when the emulator could not resolve its id),
 *   `xact_start_ts` the start of its transaction's first statement.
 *
 * Transaction ids and pids are the ones STL_QUERY shows. Each database keeps
 * its own history: a session's rows are in the database it connected to.
 */
export const CONNECTION_LOG_SQL = `
create view redshift_local.connection_log_view as
select c.*, u.oid::int4 as userid
from redshift_local.connection_log c
left join pg_catalog.pg_roles u on u.rolname = c.username;

create view pg_catalog.stl_connection_log as
select c.event::character(50) as event,
  c.recordtime::timestamp as recordtime,
  c.remotehost::character(45) as remotehost,
  c.remoteport::character(32) as remoteport,
  c.pid::integer as pid,
  c.dbname::character(50) as dbname,
  c.username::character(50) as username,
  c.authmethod::character(32) as authmethod,
  c.duration::integer as duration,
  c.sslversion::character(50) as sslversion,
  c.sslcipher::character(128) as sslcipher,
  null::integer as mtu,
  null::character(64) as sslcompression,
  null::character(64) as sslexpansion,
  null::character(36) as iamauthguid,
  c.application_name::character(250) as application_name,
  c.os_version::character(64) as os_version,
  c.driver_version::character(64) as driver_version,
  c.plugin_name::character(32) as plugin_name,
  c.protocol_version::integer as protocol_version
from redshift_local.connection_log c
where ${SUPERUSERS_ONLY};

create view pg_catalog.sys_connection_log as
select c.event::character(50) as event,
  c.recordtime::timestamp as record_time,
  c.remotehost::character(45) as remote_host,
  c.remoteport::character(32) as remote_port,
  c.pid::integer as session_id,
  c.dbname::character(50) as database_name,
  c.username::character(50) as user_name,
  c.authmethod::character(32) as auth_method,
  c.duration::integer as duration,
  c.sslversion::character(50) as ssl_version,
  c.sslcipher::character(128) as ssl_cipher,
  null::integer as mtu,
  null::character(64) as ssl_compression,
  null::character(64) as ssl_expansion,
  null::character(36) as iam_auth_guid,
  c.application_name::character(250) as application_name,
  c.driver_version::character(64) as driver_version,
  c.os_version::character(64) as os_version,
  c.plugin_name::character(32) as plugin_name,
  c.protocol_version::integer as protocol_version
from redshift_local.connection_log c
where ${SUPERUSERS_ONLY};

create view pg_catalog.stl_sessions as
select c.userid::integer as userid,
  c.session_start::timestamp as starttime,
  c.recordtime::timestamp as endtime,
  c.pid::integer as process,
  c.username::character(50) as user_name,
  c.dbname::character(50) as db_name,
  coalesce(redshift_local.role_setting(c.userid, 'redshift_local.session_timeout'), '0')::integer as timeout_sec,
  coalesce(c.timed_out, 0)::integer as timed_out
from redshift_local.connection_log_view c
where c.event = 'disconnecting session' and ${visibleTo('c.username')};

create view pg_catalog.sys_session_history as
select c.userid::character(50) as user_id,
  c.pid::integer as session_id,
  c.dbname::character(50) as database_name,
  'closed'::character(10) as status,
  coalesce(redshift_local.role_setting(c.userid, 'redshift_local.session_timeout'), '0')::integer as session_timeout,
  c.session_start::timestamp as start_time,
  c.recordtime::timestamp as end_time
from redshift_local.connection_log_view c
where c.event = 'disconnecting session' and ${visibleTo('c.username')}
union all
select s.usesysid::character(50),
  s.pid::integer,
  s.datname::character(50),
  'active'::character(10),
  coalesce(redshift_local.role_setting(s.usesysid, 'redshift_local.session_timeout'), '0')::integer,
  (s.backend_start at time zone 'UTC')::timestamp,
  null::timestamp
from redshift_local.client_sessions s
-- A backend still winding down after its client left is no longer active.
where not exists (select 1 from redshift_local.connection_log d
    where d.event = 'disconnecting session' and d.pid = s.pid
      and d.session_start >= (s.backend_start at time zone 'UTC'))
  and ${visibleTo('s.usename')};

-- Each statement of the log with what its transaction needs: whether it
-- changed something, ended the block, and how.
create view redshift_local.transaction_statements as
select q.xid, q.pid, q.user_name, q.starttime, q.endtime, q.status,
  pg_catalog.upper(substring(redshift_local.statement_head(q.querytxt) from '^[[:space:](]*([A-Za-z]+)')) as head,
  coalesce(q.query_type, redshift_local.derive_query_type(q.querytxt)) as query_type
from redshift_local.query_log q
where q.xid is not null and q.status in ('success', 'failed', 'cancelled');

create view pg_catalog.sys_transaction_history as
select u.oid::integer as user_id,
  t.xid::bigint as transaction_id,
  (select l.isolation_level from pg_catalog.stv_db_isolation_level l
    where l.db_name = pg_catalog.current_database())::text as isolation_level,
  (case when t.committed then 'committed' else 'rolledback' end)::text as status,
  t.started::timestamp as transaction_start_time,
  (case when t.committed then t.commit_start end)::timestamp as commit_start_time,
  (case when t.committed then t.commit_end end)::timestamp as commit_end_time,
  null::bigint as blocks_committed,
  (-1)::bigint as undo_transaction_id
from (
  select s.xid, min(s.pid) as pid, min(s.user_name) as user_name, min(s.starttime) as started,
    bool_or(s.head in ('BEGIN', 'START')) as block,
    bool_or(s.head in ('COMMIT', 'END') and s.status = 'success') as commit_ok,
    bool_or(s.head in ('ROLLBACK', 'ABORT')) as rolled_back,
    bool_or(s.head in ('COMMIT', 'END', 'ROLLBACK', 'ABORT')) as ended,
    bool_or(s.status <> 'success') as failed,
    max(case when s.head in ('COMMIT', 'END') then s.starttime end) as commit_stmt_start,
    max(case when s.head in ('COMMIT', 'END') then s.endtime end) as commit_stmt_end,
    max(s.endtime) as last_end,
    bool_or(s.query_type not in ('SELECT', 'UTILITY')) as writes
  from redshift_local.transaction_statements s
  group by s.xid
) g
cross join lateral (
  select g.xid, g.started,
    (case when g.block then g.commit_ok and not g.failed and not g.rolled_back else not g.failed end) as committed,
    (case when g.block then g.commit_stmt_start else g.last_end end) as commit_start,
    (case when g.block then g.commit_stmt_end else g.last_end end) as commit_end
) t
left join pg_catalog.pg_roles u on u.rolname = g.user_name
where g.writes and (not g.block or g.ended)
  and ${SUPERUSERS_ONLY};

create view pg_catalog.stl_tr_conflict as
select q.xid::bigint as xact_id,
  q.pid::bigint as process_id,
  (select min(o.starttime) from redshift_local.query_log o where o.xid = q.xid)::timestamp as xact_start_ts,
  q.endtime::timestamp as abort_time,
  q.conflict_table_id::bigint as table_id
from redshift_local.query_log q
where q.status = 'failed'
  and q.error in ('1023', 'could not complete because of conflict with concurrent transaction')
  and ${SUPERUSERS_ONLY};
`
