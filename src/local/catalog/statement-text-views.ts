import { visibleTo } from './log-visibility.js'

// No backslash appears in any string literal below: function bodies are
// parsed in the caller's session, where standard_conforming_strings may be off.

const VISIBLE = visibleTo('q.user_name')

/**
 * The statement-text views over the query log, with the columns and types
 * of Redshift's documentation:
 *
 * - STL_QUERYTEXT (r_STL_QUERYTEXT.html): queries — SELECT, SELECT INTO,
 *   INSERT, UPDATE, DELETE, MERGE, COPY, UNLOAD and CTAS (the same statements
 *   as STL_QUERY and SVL_QLOG);
 * - STL_DDLTEXT (r_STL_DDLTEXT.html): CREATE, ALTER and DROP of schemas,
 *   tables, views and the other objects a database holds;
 * - STL_UTILITYTEXT (r_STL_UTILITYTEXT.html): the page's list — ABORT,
 *   BEGIN, COMMIT, END, ROLLBACK, ANALYZE, CALL, CANCEL, COMMENT, CREATE /
 *   ALTER / DROP DATABASE and USER, EXPLAIN, GRANT, REVOKE, LOCK, RESET,
 *   SET, SHOW, TRUNCATE — and, where the pages name no view, VACUUM, CREATE
 *   / ALTER / DROP GROUP and ROLE, PREPARE / EXECUTE / DEALLOCATE and the
 *   cursor statements (Redshift's choice for these is not documented);
 * - SVL_STATEMENTTEXT (r_SVL_STATEMENTTEXT.html): the three together, with
 *   `type` QUERY, DDL or UTILITY.
 *
 * - SYS_QUERY_TEXT (SYS_QUERY_TEXT.html): every statement, queued, running
 *   or finished, DDL, utility and leader-node-only ones included, in
 *   4000-character pieces.
 * - SYS_CHILD_QUERY_TEXT (SYS_CHILD_QUERY_TEXT.html): the text of each
 *   query as the one child query it runs as (`child_query_sequence` 1, as in
 *   SYS_QUERY_DETAIL: the emulator rewrites no statement into several), in
 *   200-character pieces, for the statements STL_QUERYTEXT has.
 *
 * The text is cut into 200-character pieces (SYS_QUERY_TEXT: 4000) numbered
 * by `sequence` from 0;
 * `label` is the query group, blank when none was set (these pages say
 * blank, where STL_QUERY says `default`). Only finished statements appear
 * (SYS_QUERY_TEXT aside), and a regular user sees only its own
 * (`log-visibility.ts`).
 */
export const STATEMENT_TEXT_VIEWS_SQL = `
create view redshift_local.statement_text as
select q.userid::integer as userid,
  q.xid::bigint as xid,
  q.pid::integer as pid,
  q.query::integer as query,
  coalesce(q.label, '')::character(320) as label,
  q.starttime::timestamp as starttime,
  q.endtime::timestamp as endtime,
  s.n::integer as sequence,
  redshift_local.statement_text_type(q.querytxt, q.query_type)::varchar(10) as type,
  pg_catalog.substr(q.querytxt, s.n * 200 + 1, 200)::character(200) as text
from redshift_local.query_log_view q
cross join lateral pg_catalog.generate_series(0,
  greatest(pg_catalog.length(coalesce(q.querytxt, '')) - 1, 0) / 200) as s(n)
where not q.active and ${VISIBLE};

create view pg_catalog.stl_querytext as
select t.userid, t.xid, t.pid, t.query, t.sequence, t.text
from redshift_local.statement_text t where t.type = 'QUERY';

create view pg_catalog.stl_ddltext as
select t.userid, t.xid, t.pid, t.label, t.starttime, t.endtime, t.sequence, t.text
from redshift_local.statement_text t where t.type = 'DDL';

create view pg_catalog.stl_utilitytext as
select t.userid, t.xid, t.pid, t.label, t.starttime, t.endtime, t.sequence, t.text
from redshift_local.statement_text t where t.type = 'UTILITY';

create view pg_catalog.sys_child_query_text as
select t.userid as user_id, t.query::bigint as query_id, 1::integer as child_query_sequence,
  t.sequence, t.text
from redshift_local.statement_text t where t.type = 'QUERY';

-- Internal errors of the database engine; SQL errors are not recorded here
-- (r_STL_ERROR.html), and the emulator has no engine errors of its own.
create view pg_catalog.stl_error as
select null::integer as userid, null::character(12) as process, null::timestamp as recordtime,
  null::integer as pid, null::integer as errcode, null::character(90) as file,
  null::integer as linenum, null::character(100) as context, null::character(512) as error
where false;

create view pg_catalog.sys_query_text as
select q.userid::integer as user_id,
  q.query::bigint as query_id,
  q.xid::bigint as transaction_id,
  q.pid::integer as session_id,
  q.starttime::timestamp as start_time,
  s.n::integer as sequence,
  pg_catalog.substr(q.querytxt, s.n * 4000 + 1, 4000)::character(4000) as text
from redshift_local.query_log_view q
cross join lateral pg_catalog.generate_series(0,
  greatest(pg_catalog.length(coalesce(q.querytxt, '')) - 1, 0) / 4000) as s(n)
where ${VISIBLE};

create view pg_catalog.svl_statementtext as
select t.userid, t.xid, t.pid, t.label, t.starttime, t.endtime, t.sequence, t.type, t.text
from redshift_local.statement_text t;
`

/** The views {@link STATEMENT_TEXT_VIEWS_SQL} creates in pg_catalog. */
export const STATEMENT_TEXT_VIEWS = [
  'stl_querytext',
  'stl_ddltext',
  'stl_utilitytext',
  'svl_statementtext',
  'sys_query_text',
  'sys_child_query_text',
  'stl_error',
] as const
