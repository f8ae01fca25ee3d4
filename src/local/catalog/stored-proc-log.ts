import { toJsonParameter, type BoundStatement } from './bound-statement.js'
import { userIdOfQuery, visibleQuery, visibleTo } from './log-visibility.js'

/**
 * Stored procedure logging (https://docs.aws.amazon.com/redshift/latest/dg/c_PLpgSQL-logging.html):
 * SVL_STORED_PROC_CALL, one row per CALL the client sent, from the query log;
 * SYS_PROCEDURE_CALL (SYS_PROCEDURE_CALL.html), the same calls with the SYS
 * names, `status` success or canceled where SVL's `aborted` is 0 or 1;
 * SVL_STORED_PROC_MESSAGES, the messages RAISE sent during those calls
 * (SYS_PROCEDURE_MESSAGES, SYS_PROCEDURE_MESSAGES.html, the same with the
 * SYS names),
 * kept even when the call fails (r_SVL_STORED_PROC_MESSAGES.html), at or
 * above `stored_proc_log_min_messages` (the procedure's own SET option, else
 * the session's at the call). The calls a procedure makes are there too,
 * with `from_sp_call` (`caller_procedure_query_id`) the calling call's query
 * id (r_CALL_procedure.html: the relationship between the inner and outer
 * procedures is logged in `from_sp_call`; `nested-procedure-calls.ts`),
 * and RAISE LOG reaches it only
 * when `client_min_messages` lets PostgreSQL send LOG messages. A regular
 * user sees only its own calls and messages (`log-visibility.ts`).
 */
export const STORED_PROC_VIEWS = [
  'svl_stored_proc_call',
  'sys_procedure_call',
  'svl_stored_proc_messages',
  'sys_procedure_messages',
] as const

/** The messages' table (UNLOGGED, like the query log). */
export const STORED_PROC_TABLES_SQL = `
create unlogged table if not exists redshift_local.stored_proc_messages (
  query int4 not null,
  pid int4,
  userid int4,
  xid bigint,
  recordtime timestamp,
  loglevel int4,
  message text,
  linenum int4,
  querytext text,
  label text,
  aborted int4,
  min_level int4
);

-- The calls procedures made (nested-procedure-calls.ts): top_query is the
-- CALL the client sent, whose log row gives the session's columns.
create unlogged table if not exists redshift_local.nested_proc_calls (
  query int4 primary key,
  top_query int4 not null,
  from_sp_call int4 not null,
  querytxt text,
  starttime timestamp,
  endtime timestamp,
  aborted int4
);
`

/** Redshift's numbers for the RAISE levels (r_SVL_STORED_PROC_MESSAGES.html). */
export const LOG_LEVELS: Readonly<Record<string, number>> = {
  LOG: 20,
  INFO: 30,
  NOTICE: 40,
  WARNING: 50,
  EXCEPTION: 60,
}

export const STORED_PROC_VIEWS_SQL = `
-- The level a procedure's SET stored_proc_log_min_messages gives, for the
-- procedure a CALL's text names (null: none set).
create or replace function redshift_local.procedure_log_level(call_text text)
returns integer language sql stable as $$
  select case upper(split_part(c.setting, '=', 2))
      when 'LOG' then 20 when 'INFO' then 30 when 'NOTICE' then 40
      when 'WARNING' then 50 when 'EXCEPTION' then 60 end
  from pg_catalog.pg_proc p
  cross join lateral pg_catalog.unnest(p.proconfig) as c(setting)
  where p.prokind = 'p'
    and p.proname = lower(pg_catalog.regexp_replace(
      pg_catalog.substring(call_text, '^[[:space:]]*[cC][aA][lL][lL][[:space:]]+([^([:space:]]+)'),
      '^.*[.]', ''))
    and c.setting like 'redshift_local.stored_proc_log_min_messages=%'
  limit 1
$$;

create view pg_catalog.svl_stored_proc_call as
select q.userid::integer as userid,
  q.userid::integer as session_userid,
  q.query::integer as query,
  pg_catalog.left(q.label_or_default, 30)::character(320) as label,
  q.xid::bigint as xid,
  q.pid::integer as pid,
  q.database::character(32) as database,
  q.querytxt::character(4000) as querytxt,
  q.starttime::timestamp as starttime,
  q.endtime::timestamp as endtime,
  (case when q.state in ('failed', 'cancelled') then 1 else 0 end)::integer as aborted,
  null::integer as from_sp_call
from redshift_local.query_log_view q
where not q.active and q.querytxt ~* '^[[:space:]]*call[[:space:]]' and ${visibleTo('q.user_name')}
union all
select q.userid::integer,
  q.userid::integer,
  n.query::integer,
  pg_catalog.left(q.label_or_default, 30)::character(320),
  q.xid::bigint,
  q.pid::integer,
  q.database::character(32),
  n.querytxt::character(4000),
  n.starttime::timestamp,
  n.endtime::timestamp,
  n.aborted::integer,
  n.from_sp_call::integer
from redshift_local.nested_proc_calls n
join redshift_local.query_log_view q on q.query = n.top_query
where not q.active and ${visibleTo('q.user_name')};

create view pg_catalog.sys_procedure_call as
select c.session_userid as session_user_id,
  c.userid as security_user_id,
  c.query as query_id,
  c.querytxt::character(4000) as query_text,
  c.starttime as start_time,
  c.endtime as end_time,
  (case when c.aborted = 1 then 'canceled' else 'success' end)::character(10) as status,
  c.from_sp_call as caller_procedure_query_id
from pg_catalog.svl_stored_proc_call c;

create view pg_catalog.svl_stored_proc_messages as
select ${userIdOfQuery('m.query', 'm.userid')}::integer as userid,
  ${userIdOfQuery('m.query', 'm.userid')}::integer as session_userid,
  m.pid::integer as pid,
  m.xid::bigint as xid,
  m.query::integer as query,
  m.recordtime::timestamp as recordtime,
  m.loglevel::integer as loglevel,
  (case m.loglevel when 20 then 'LOG' when 30 then 'INFO' when 40 then 'NOTICE'
    when 50 then 'WARNING' else 'EXCEPTION' end)::character(10) as loglevel_text,
  m.message::character(1024) as message,
  m.linenum::integer as linenum,
  m.querytext::character(500) as querytext,
  pg_catalog.left(coalesce(nullif(m.label, ''), 'default'), 30)::character(320) as label,
  m.aborted::integer as aborted,
  m.xid::bigint as message_xid
from redshift_local.stored_proc_messages m
where m.loglevel >= coalesce(redshift_local.procedure_log_level(m.querytext), m.min_level)
  and ${visibleQuery('m.query')};

create view pg_catalog.sys_procedure_messages as
select m.xid as transaction_id,
  m.query as query_id,
  m.recordtime as record_time,
  m.loglevel_text as log_level,
  m.message,
  m.linenum as line_number
from pg_catalog.svl_stored_proc_messages m;
`

/** One message RAISE sent during a CALL. */
export interface StoredProcMessage {
  readonly query: number
  readonly pid: number
  readonly xid: number
  /** When it was raised, epoch milliseconds. */
  readonly recordtime: Date
  readonly loglevel: number
  readonly message: string
  readonly linenum: number | null
  readonly querytext: string
  readonly label: string | null
  readonly aborted: number
  /** The session's stored_proc_log_min_messages at the call. */
  readonly min_level: number
}

/**
 * One statement that stores `messages` (none: no statement).
 *
 * @example
 * ```ts
 * const insert = buildStoredProcMessagesInsert(messages)
 * if (insert !== null) await client.query(insert.text, [...insert.values])
 * ```
 */
export function buildStoredProcMessagesInsert(
  messages: readonly StoredProcMessage[],
): BoundStatement | null {
  if (messages.length === 0) return null
  return {
    text: `insert into redshift_local.stored_proc_messages (query, pid, userid, xid,
  recordtime, loglevel, message, linenum, querytext, label, aborted, min_level)
select query, pid, 100, xid, recordtime, loglevel, message, linenum, querytext, label, aborted, min_level
from jsonb_to_recordset($1::jsonb) as x(query int4, pid int4, xid bigint,
  recordtime timestamp, loglevel int4, message text, linenum int4, querytext text,
  label text, aborted int4, min_level int4)`,
    values: [toJsonParameter(messages)],
  }
}

/** One call a procedure made, as `redshift_local.nested_proc_calls` keeps it. */
export interface NestedProcCall {
  readonly query: number
  /** The CALL the client sent. */
  readonly top_query: number
  readonly from_sp_call: number
  readonly querytxt: string
  readonly starttime: Date
  readonly endtime: Date
  readonly aborted: number
}

/**
 * One statement that stores `calls` (none: no statement).
 *
 * @example
 * ```ts
 * const insert = buildNestedProcCallsInsert(calls)
 * if (insert !== null) await client.query(insert.text, [...insert.values])
 * ```
 */
export function buildNestedProcCallsInsert(
  calls: readonly NestedProcCall[],
): BoundStatement | null {
  if (calls.length === 0) return null
  return {
    text: `insert into redshift_local.nested_proc_calls (query, top_query, from_sp_call,
  querytxt, starttime, endtime, aborted)
select query, top_query, from_sp_call, querytxt, starttime, endtime, aborted
from jsonb_to_recordset($1::jsonb) as x(query int4, top_query int4, from_sp_call int4,
  querytxt text, starttime timestamp, endtime timestamp, aborted int4)
on conflict (query) do nothing`,
    values: [toJsonParameter(calls)],
  }
}
