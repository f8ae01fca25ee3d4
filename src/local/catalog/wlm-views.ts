import { userIdOfQuery, visibleQuery, visibleTo } from './log-visibility.js'

/**
 * WLM and database views: STV_WLM_SERVICE_CLASS_CONFIG and
 * STV_WLM_CLASSIFICATION_CONFIG (from `redshift_local.wlm_queue`),
 * STV_WLM_SERVICE_CLASS_STATE and
 * STV_WLM_QUERY_STATE (from the queued and running rows of the query log),
 * STL_WLM_QUERY (from its finished rows),
 * STV_DB_ISOLATION_LEVEL, and the COPY/UNLOAD logs STL_LOAD_ERRORS,
 * STL_LOADERROR_DETAIL and
 * STL_UNLOAD_LOG.
 *
 * A query logged without a service class counts in the default queue.
 * Working memory assumes a notional 1000 MB pool split by memory_percent
 * (evenly across queues when unset) and then by slots.
 */
export const WLM_VIEWS_SQL = `
create view redshift_local.query_service_class as
select q.*,
  coalesce(q.service_class,
    (select w.service_class from redshift_local.wlm_queue w where w.is_default
     order by w.service_class limit 1), 6) as effective_service_class
from redshift_local.query_log_view q;

create view pg_catalog.stv_wlm_service_class_config as
select w.service_class::integer as service_class,
  'FIFO'::character(32) as queueing_strategy,
  w.slots::integer as num_query_tasks,
  w.slots::integer as target_num_query_tasks,
  'false'::character(8) as evictable,
  0::bigint as eviction_threshold,
  (coalesce(w.memory_percent, 100 / greatest((select pg_catalog.count(*) from redshift_local.wlm_queue), 1))
    * 10 / w.slots)::integer as query_working_mem,
  (coalesce(w.memory_percent, 100 / greatest((select pg_catalog.count(*) from redshift_local.wlm_queue), 1))
    * 10 / w.slots)::integer as target_query_working_mem,
  5::integer as min_step_mem,
  w.name::character(64) as name,
  w.max_execution_time::bigint as max_execution_time,
  w.user_group_wild_card as user_group_wild_card,
  w.query_group_wild_card as query_group_wild_card,
  w.concurrency_scaling::character(20) as concurrency_scaling,
  pg_catalog.initcap(w.query_priority)::character(20) as query_priority,
  false as user_role_wild_card
from redshift_local.wlm_queue w;

-- One 'assign' rule per query group, then per user group, of each queue in
-- service-class order (the order the router tries them), and the default
-- queue's catch-all, worded as the sample rows of
-- r_STV_WLM_CLASSIFICATION_CONFIG.html. The page calls id the service class
-- id, yet its sample numbers the rules 1, 2, 3... and names the class in
-- action_service_class: the sample is followed. Redshift's internal rules
-- for classes 1-4 are left out, as those classes are from the config view.
create view pg_catalog.stv_wlm_classification_config as
select (pg_catalog.row_number() over (order by r.service_class, r.kind, r.ordinal))::integer as id,
  r.condition::character(128) as condition,
  0::integer as action_seq,
  'assign'::character(64) as action,
  r.service_class::integer as action_service_class
from (
  select w.service_class, 0 as kind, g.ordinal,
    (case when w.service_class = 5 then '(super user) and ' else '' end)
      || '(query group: ' || g.name || ')' as condition
  from redshift_local.wlm_queue w,
    pg_catalog.unnest(w.query_groups) with ordinality as g(name, ordinal)
  union all
  select w.service_class, 1, g.ordinal, '(user group: ' || g.name || ')'
  from redshift_local.wlm_queue w,
    pg_catalog.unnest(w.user_groups) with ordinality as g(name, ordinal)
  union all
  select w.service_class, 2, 1, '(querytype: any)'
  from redshift_local.wlm_queue w where w.is_default
) r;

create view pg_catalog.stv_wlm_service_class_state as
select w.service_class::integer as service_class,
  coalesce(s.queued, 0)::integer as num_queued_queries,
  coalesce(s.executing, 0)::integer as num_executing_queries,
  coalesce(s.serviced, 0)::integer as num_serviced_queries,
  coalesce(s.executed, 0)::integer as num_executed_queries,
  0::integer as num_evicted_queries,
  coalesce(s.scaled, 0)::integer as num_concurrency_scaling_queries
from redshift_local.wlm_queue w
left join (
  select q.effective_service_class,
    pg_catalog.count(*) filter (where q.state = 'queued') as queued,
    pg_catalog.count(*) filter (where q.state = 'running') as executing,
    pg_catalog.count(*) as serviced,
    pg_catalog.count(*) filter (where not q.active) as executed,
    pg_catalog.count(*) filter (where q.concurrency_scaling_status = 1) as scaled
  from redshift_local.query_service_class q
  group by q.effective_service_class
) s on s.effective_service_class = w.service_class;

create view pg_catalog.stv_wlm_query_state as
select (q.xid % 2147483648)::integer as xid,
  q.query::integer as task,
  q.query::integer as query,
  q.effective_service_class::integer as service_class,
  coalesce(q.slot_count, 1)::integer as slot_count,
  coalesce(q.queue_start, q.starttime)::timestamp as wlm_start_time,
  (case q.state when 'queued' then 'QueuedWaiting' else 'Running' end)::character(16) as state,
  redshift_local.micros(coalesce(q.exec_start, redshift_local.utc_now())
    - coalesce(q.queue_start, q.starttime))::bigint as queue_time,
  (case when q.state = 'running' then redshift_local.micros(redshift_local.utc_now()
    - coalesce(q.exec_start, q.starttime)) else 0 end)::bigint as exec_time,
  'Normal'::character(20) as query_priority
from redshift_local.query_service_class q
where q.active and ${visibleTo('q.user_name')};

-- One row per finished statement WLM ran (the ones that do compute-node
-- work; DDL and utility statements run on the leader only). final_state is
-- "reserved for system use" on r_STL_WLM_QUERY.html, yet the SQA pages
-- (wlm-short-query-acceleration.html) filter on 'Completed' and 'Evicted':
-- every finished statement is Completed ("ran successfully or was
-- canceled", STV_WLM_QUERY_STATE's state), as the emulator never evicts one.
-- est_peak_mem stays null (memory is not measured).
create view pg_catalog.stl_wlm_query as
select q.userid::integer as userid,
  (q.xid % 2147483648)::integer as xid,
  q.query::integer as task,
  q.query::integer as query,
  q.effective_service_class::integer as service_class,
  coalesce(q.slot_count, 1)::integer as slot_count,
  coalesce(q.queue_start, q.starttime)::timestamp as service_class_start_time,
  coalesce(q.queue_start, q.starttime)::timestamp as queue_start_time,
  coalesce(q.exec_start, q.starttime)::timestamp as queue_end_time,
  greatest(coalesce(redshift_local.micros(q.exec_start - q.queue_start), 0), 0)::bigint as total_queue_time,
  coalesce(q.exec_start, q.starttime)::timestamp as exec_start_time,
  q.endtime::timestamp as exec_end_time,
  greatest(redshift_local.micros(q.endtime - coalesce(q.exec_start, q.starttime)), 0)::bigint as total_exec_time,
  q.endtime::timestamp as service_class_end_time,
  'Completed'::character(16) as final_state,
  null::bigint as est_peak_mem,
  'Normal'::character(20) as query_priority,
  (select w.name from redshift_local.wlm_queue w where w.service_class = q.effective_service_class)
    ::character(64) as service_class_name
from redshift_local.query_service_class q
where not q.active and ${visibleTo('q.user_name')}
  and coalesce(q.query_type, redshift_local.derive_query_type(q.querytxt))
    in ('SELECT', 'INSERT', 'UPDATE', 'DELETE', 'CTAS', 'COPY', 'UNLOAD');

create view pg_catalog.stv_db_isolation_level as
select d.datname::character(128) as db_name,
  (case coalesce(i.isolation_level, redshift_local.setting('isolation'))
    when 'snapshot' then 'Snapshot Isolation' else 'Serializable' end)::character(20) as isolation_level
from redshift_local.pg_database d
left join redshift_local.database_isolation i on i.db_name = d.datname
where not d.datistemplate and d.datallowconn;

-- SVV_REDSHIFT_DATABASES (r_SVV_REDSHIFT_DATABASES.html): every local
-- database, with its owner's id and isolation level as above; the emulator
-- has no database created from a datashare, so database_type is always local and database_options
-- null, as the page's example shows for dev.
create view pg_catalog.svv_redshift_databases as
select d.datname::varchar(128) as database_name, d.datdba::integer as database_owner,
  'local'::varchar(32) as database_type, d.datacl::text::varchar(128) as database_acl,
  null::varchar(128) as database_options,
  (case coalesce(i.isolation_level, redshift_local.setting('isolation'))
    when 'snapshot' then 'Snapshot Isolation' else 'Serializable' end)::varchar(128) as database_isolation_level
from redshift_local.pg_database d
left join redshift_local.database_isolation i on i.db_name = d.datname
where not d.datistemplate and d.datallowconn;

create view pg_catalog.stl_load_errors as
select ${userIdOfQuery('e.query', 'e.userid')}::integer as userid,
  e.slice::integer as slice,
  e.tbl::integer as tbl,
  e.starttime::timestamp as starttime,
  e.session::integer as session,
  e.query::integer as query,
  e.filename::character(256) as filename,
  e.line_number::bigint as line_number,
  e.colname::character(127) as colname,
  e.type::character(10) as type,
  e.col_length::character(10) as col_length,
  e.position::integer as position,
  e.raw_line::character(1024) as raw_line,
  e.raw_field_value::character(1024) as raw_field_value,
  e.err_code::integer as err_code,
  e.err_reason::character(100) as err_reason,
  e.is_partial::integer as is_partial,
  e.start_offset::bigint as start_offset,
  e.copy_job_id::bigint as copy_job_id
from redshift_local.load_errors e
where ${visibleQuery('e.query')};

-- One row per column of a field parse error, up to the failing column
-- (r_STL_LOADERROR_DETAIL.html); the first 20 rejected lines of a load.
create view pg_catalog.stl_loaderror_detail as
select ${userIdOfQuery('e.query', 'e.userid')}::integer as userid,
  e.slice::integer as slice,
  e.session::integer as session,
  e.query::integer as query,
  e.filename::character(256) as filename,
  e.line_number::bigint as line_number,
  d.field::integer as field,
  d.colname::character(1024) as colname,
  d.value::character(1024) as value,
  d.is_null::integer as is_null,
  d.type::character(10) as type,
  d.col_length::character(10) as col_length
from redshift_local.load_errors e
cross join lateral pg_catalog.jsonb_to_recordset(e.detail)
  as d(field int4, colname text, value text, is_null int4, type text, col_length text)
where e.detail is not null and ${visibleQuery('e.query')};

create view pg_catalog.stl_unload_log as
select ${userIdOfQuery('u.query', 'u.userid')}::integer as userid,
  u.query::integer as query,
  u.slice::integer as slice,
  u.pid::integer as pid,
  u.path::character(1280) as path,
  u.start_time::timestamp as start_time,
  u.end_time::timestamp as end_time,
  u.line_count::bigint as line_count,
  u.transfer_size::bigint as transfer_size,
  u.file_format::character(10) as file_format
from redshift_local.unload_log u
where ${visibleQuery('u.query')};
`
