import { visibleTo } from './log-visibility.js'

/**
 * WLM views of the queues' waiting and running queries and of what the
 * emulator's WLM never does, with the columns and types of Redshift's
 * documentation:
 *
 * - STV_WLM_QUERY_QUEUE_STATE (r_STV_WLM_QUERY_QUEUE_STATE.html): each
 *   queued statement, `position` its place (from 0) in its queue by the time
 *   it started waiting, `queue_time` microseconds so far;
 * - STV_WLM_QUERY_TASK_STATE (r_STV_WLM_QUERY_TASK_STATE.html): each running
 *   statement, `exec_time` microseconds so far;
 * - STL_WLM_RULE_ACTION (r_STL_WLM_RULE_ACTION.html): empty, and truly so:
 *   the emulator's WLM configuration has no query monitoring rules, so no
 *   rule ever acts;
 * - STV_WLM_QMR_CONFIG (r_STV_WLM_QMR_CONFIG.html): empty for the same
 *   reason (no rules are configured);
 * - SVCS_CONCURRENCY_SCALING_USAGE (r_SVCS_CONCURRENCY_SCALING_USAGE.html):
 *   empty, as every query runs on the main cluster (concurrency scaling
 *   status 0 in STL_QUERY).
 *
 * Installed after `wlm-views.ts`, whose `redshift_local.query_service_class`
 * they read.
 */
export const WLM_QUEUE_VIEWS_SQL = `
create view pg_catalog.stv_wlm_query_queue_state as
select q.effective_service_class::integer as service_class,
  (pg_catalog.row_number() over (partition by q.effective_service_class
    order by coalesce(q.queue_start, q.starttime), q.query) - 1)::integer as position,
  q.query::integer as task,
  q.query::integer as query,
  coalesce(q.slot_count, 1)::integer as slot_count,
  coalesce(q.queue_start, q.starttime)::timestamp as start_time,
  greatest(redshift_local.micros(redshift_local.utc_now()
    - coalesce(q.queue_start, q.starttime)), 0)::bigint as queue_time
from redshift_local.query_service_class q
where q.state = 'queued' and ${visibleTo('q.user_name')};

create view pg_catalog.stv_wlm_query_task_state as
select q.effective_service_class::integer as service_class,
  q.query::integer as task,
  q.query::integer as query,
  coalesce(q.slot_count, 1)::integer as slot_count,
  coalesce(q.exec_start, q.starttime)::timestamp as start_time,
  greatest(redshift_local.micros(redshift_local.utc_now()
    - coalesce(q.exec_start, q.starttime)), 0)::bigint as exec_time
from redshift_local.query_service_class q
where q.state = 'running' and ${visibleTo('q.user_name')};

create view pg_catalog.stl_wlm_rule_action as
select null::integer as userid, null::integer as query, null::integer as service_class,
  null::character(256) as rule, null::character(256) as action, null::timestamp as recordtime,
  null::character(256) as action_value, null::character(64) as service_class_name
where false;

create view pg_catalog.stv_wlm_qmr_config as
select null::integer as service_class, null::character(256) as rule_name,
  null::character(256) as action, null::character(256) as metric_name,
  null::character(256) as metric_operator, null::double precision as metric_value,
  null::character(256) as action_value
where false;

create view pg_catalog.svcs_concurrency_scaling_usage as
select null::timestamp as start_time, null::timestamp as end_time, null::bigint as queries,
  null::numeric(27,0) as usage_in_seconds
where false;
`

/** The views {@link WLM_QUEUE_VIEWS_SQL} creates in pg_catalog. */
export const WLM_QUEUE_VIEWS = [
  'stv_wlm_query_queue_state',
  'stv_wlm_query_task_state',
  'stl_wlm_rule_action',
  'stv_wlm_qmr_config',
  'svcs_concurrency_scaling_usage',
] as const
