import { QUERY_LOG_COLUMNS } from './query-log.js'
import { visibleTo } from './log-visibility.js'

const VISIBLE = visibleTo('q.user_name')
// STL_QUERY and SVL_QLOG, its readable subset (r_SVL_QLOG.html), hold
// queries only; SYS_QUERY_HISTORY holds every statement.
const QUERIES_ONLY =
  "redshift_local.statement_text_type(q.querytxt, q.query_type) = 'QUERY'"

/**
 * Query monitoring views over `redshift_local.query_log`: STV_RECENTS,
 * STV_INFLIGHT, STL_QUERY and SVL_QLOG (queries only: SELECT, INSERT,
 * UPDATE, DELETE, MERGE, COPY, UNLOAD, CTAS) and SYS_QUERY_HISTORY (every
 * statement, DDL and utility ones too), with the column
 * names and types of Redshift's documentation (`character(n)` columns come
 * back blank-padded, as on Redshift).
 *
 * Conventions shared by all of them: a row whose status is null counts as
 * running; the label is the `query_group` truncated to 30 characters
 * (15 in STV_INFLIGHT) and `default` when none was set; durations are
 * microseconds. Each shows a regular user only its own statements (see
 * `log-visibility.ts`).
 */
export const QUERY_VIEWS_SQL = `
-- userid is the user's id (pg_user.usesysid, SVV_USER_INFO.user_id) when the
-- user still exists, else the id the log was written with.
create view redshift_local.query_log_view as
select ${QUERY_LOG_COLUMNS.map(([name]) =>
  name === 'userid' ? 'coalesce(u.oid::int4, q.userid) as userid' : `q.${name}`,
).join(', ')},
  coalesce(q.status, 'running') as state,
  coalesce(q.status, 'running') in ('queued', 'running') as active,
  coalesce(nullif(q.label, ''), 'default') as label_or_default,
  redshift_local.micros(coalesce(q.endtime, redshift_local.utc_now()) - q.starttime) as elapsed_us
from redshift_local.query_log q
left join pg_catalog.pg_roles u on u.rolname = q.user_name;

-- Running queries, plus the 100 most recent finished ones (pid -1).
create view pg_catalog.stv_recents as
select q.userid::integer as userid,
  (case when q.active then 'Running' else 'Done' end)::character(20) as status,
  q.starttime::timestamp as starttime,
  least(q.elapsed_us, 2147483647)::integer as duration,
  q.user_name::character(50) as user_name,
  q.database::character(50) as db_name,
  q.querytxt::character(600) as query,
  (case when q.active then q.pid else -1 end)::integer as pid
from redshift_local.query_log_view q
where ${VISIBLE} and (q.active
   or q.query in (select f.query from redshift_local.query_log f
                  where f.status in ('success', 'failed', 'cancelled')
                  order by f.query desc limit 100));

create view pg_catalog.stv_inflight as
select q.userid::integer as userid,
  0::integer as slice,
  q.query::integer as query,
  pg_catalog.left(q.label_or_default, 15)::character(320) as label,
  q.xid::bigint as xid,
  q.pid::integer as pid,
  q.starttime::timestamp as starttime,
  q.querytxt::character(100) as text,
  0::integer as suspended,
  0::integer as insert_pristine,
  coalesce(q.concurrency_scaling_status, 0)::integer as concurrency_scaling_status
from redshift_local.query_log_view q
where q.state = 'running' and ${VISIBLE};

-- Finished queries only (r_STL_QUERY.html: not DDL or utility statements,
-- which STL_DDLTEXT and STL_UTILITYTEXT hold): aborted = 1 when it failed or
-- was cancelled.
create view pg_catalog.stl_query as
select q.userid::integer as userid,
  q.query::integer as query,
  pg_catalog.left(q.label_or_default, 30)::character(320) as label,
  q.xid::bigint as xid,
  q.pid::integer as pid,
  q.database::character(32) as database,
  q.querytxt::character(4000) as querytxt,
  q.starttime::timestamp as starttime,
  q.endtime::timestamp as endtime,
  (case when q.state in ('failed', 'cancelled') then 1 else 0 end)::integer as aborted,
  0::integer as insert_pristine,
  coalesce(q.concurrency_scaling_status, 0)::integer as concurrency_scaling_status
from redshift_local.query_log_view q
where not q.active and ${QUERIES_ONLY} and ${VISIBLE};

create view pg_catalog.svl_qlog as
select q.userid::integer as userid,
  q.query::integer as query,
  q.xid::bigint as xid,
  q.pid::integer as pid,
  q.starttime::timestamp as starttime,
  q.endtime::timestamp as endtime,
  q.elapsed_us::bigint as elapsed,
  (case when q.state in ('failed', 'cancelled') then 1 else 0 end)::integer as aborted,
  pg_catalog.left(q.label_or_default, 30)::character(320) as label,
  q.querytxt::character(60) as substring,
  null::integer as source_query,
  (case when coalesce(q.concurrency_scaling_status, 0) = 1
    then 'Ran on a Concurrency Scaling cluster' else 'Ran on the main cluster' end)::text
    as concurrency_scaling_status_txt,
  0::integer as from_sp_call
from redshift_local.query_log_view q
where not q.active and ${QUERIES_ONLY} and ${VISIBLE};

create view pg_catalog.sys_query_history as
select q.userid::integer as user_id,
  q.query::bigint as query_id,
  pg_catalog.left(q.label_or_default, 30)::character(320) as query_label,
  q.xid::bigint as transaction_id,
  q.pid::integer as session_id,
  q.database::character(128) as database_name,
  coalesce(q.query_type, redshift_local.derive_query_type(q.querytxt))::character(32) as query_type,
  (case q.state when 'cancelled' then 'canceled' else q.state end)::character(10) as status,
  false as result_cache_hit,
  q.starttime::timestamp as start_time,
  q.endtime::timestamp as end_time,
  q.elapsed_us::bigint as elapsed_time,
  coalesce(redshift_local.micros(coalesce(q.exec_start, case when q.state = 'queued'
    then redshift_local.utc_now() end) - q.queue_start), 0)::bigint as queue_time,
  (case when q.state = 'queued' then 0
    else redshift_local.micros(coalesce(q.endtime, redshift_local.utc_now())
      - coalesce(q.exec_start, q.starttime)) end)::bigint as execution_time,
  q.error::character(512) as error_message,
  (case when coalesce(q.query_type, redshift_local.derive_query_type(q.querytxt)) = 'SELECT'
    then coalesce(q.rows, 0) else 0 end)::bigint as returned_rows,
  coalesce(q.returned_bytes, 0)::bigint as returned_bytes,
  q.querytxt::character(4000) as query_text,
  redshift_local.setting('redshift_version')::character(256) as redshift_version,
  (case when coalesce(q.concurrency_scaling_status, 0) = 1 then 'secondary' else 'primary' end)
    ::character(32) as compute_type,
  0::bigint as compile_time,
  0::bigint as planning_time,
  0::bigint as lock_wait_time,
  q.service_class::integer as service_class_id,
  (select w.name from redshift_local.wlm_queue w where w.service_class = q.service_class)
    ::character(64) as service_class_name,
  'Normal'::character(20) as query_priority,
  'false'::character(10) as short_query_accelerated,
  pg_catalog.md5(q.querytxt)::character(40) as user_query_hash,
  pg_catalog.md5(pg_catalog.regexp_replace(q.querytxt, '''[^'']*''|[[:<:]][0-9]+[[:>:]]', '?', 'g'))
    ::character(40) as generic_query_hash,
  1::integer as query_hash_version,
  null::bigint as result_cache_query_id,
  null::character(150) as usage_limit
from redshift_local.query_log_view q
where ${VISIBLE};
`
