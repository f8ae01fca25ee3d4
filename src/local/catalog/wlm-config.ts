import { toJsonParameter, type BoundStatement } from './bound-statement.js'

/** One WLM queue (a service class), as stored in `redshift_local.wlm_queue`. */
export interface WlmQueueConfig {
  /** Redshift numbering: 5 = superuser queue, 6..13 = manual queues, 100+ = automatic WLM. */
  readonly serviceClass: number
  readonly name: string
  readonly queryGroups?: readonly string[]
  readonly userGroups?: readonly string[]
  readonly queryGroupWildCard?: boolean
  readonly userGroupWildCard?: boolean
  /** Concurrency (query slots), 1..50. */
  readonly slots?: number
  /** Milliseconds; 0 means no limit. */
  readonly maxExecutionTime?: number
  readonly memoryPercent?: number | null
  /** `off` or `auto`. */
  readonly concurrencyScaling?: 'off' | 'auto'
  /** Automatic WLM priority: lowest, low, normal, high, highest. */
  readonly queryPriority?: string
  /** Queries that match no group run here. */
  readonly isDefault?: boolean
}

/**
 * What a new provisioned cluster with manual WLM shows: the superuser queue
 * (service class 5, one slot, query group `superuser`) and the default queue
 * (service class 6, five slots).
 */
export const DEFAULT_WLM_QUEUES: readonly WlmQueueConfig[] = Object.freeze([
  Object.freeze({
    serviceClass: 5,
    name: 'Superuser queue',
    queryGroups: ['superuser'],
    slots: 1,
  }),
  Object.freeze({
    serviceClass: 6,
    name: 'Default queue',
    slots: 5,
    isDefault: true,
  }),
])

// The delete and the upsert touch disjoint rows (classes not in the new config
// versus classes in it), so both fit in one statement.
const WLM_REPLACE = `with incoming as (
  select * from jsonb_to_recordset($1::jsonb) as x(
    service_class int4, name text, query_groups text[], user_groups text[],
    query_group_wild_card boolean, user_group_wild_card boolean, slots int4,
    max_execution_time int4, memory_percent int4, concurrency_scaling text,
    query_priority text, is_default boolean)
), removed as (
  delete from redshift_local.wlm_queue
  where service_class not in (select service_class from incoming)
)
insert into redshift_local.wlm_queue (service_class, name, query_groups, user_groups,
  query_group_wild_card, user_group_wild_card, slots, max_execution_time, memory_percent,
  concurrency_scaling, query_priority, is_default)
select service_class, name, coalesce(query_groups, '{}'), coalesce(user_groups, '{}'),
  coalesce(query_group_wild_card, false), coalesce(user_group_wild_card, false),
  coalesce(slots, 5), coalesce(max_execution_time, 0), memory_percent,
  coalesce(concurrency_scaling, 'off'), coalesce(query_priority, 'normal'),
  coalesce(is_default, false)
from incoming
on conflict (service_class) do update set
  name = excluded.name, query_groups = excluded.query_groups,
  user_groups = excluded.user_groups,
  query_group_wild_card = excluded.query_group_wild_card,
  user_group_wild_card = excluded.user_group_wild_card, slots = excluded.slots,
  max_execution_time = excluded.max_execution_time,
  memory_percent = excluded.memory_percent,
  concurrency_scaling = excluded.concurrency_scaling,
  query_priority = excluded.query_priority, is_default = excluded.is_default`

/**
 * Builds ONE statement that replaces the whole WLM configuration with
 * `queues` (queues not listed are removed).
 *
 * @example
 * ```ts
 * const { text, values } = buildWlmConfigInsert([
 *   { serviceClass: 6, name: 'etl', queryGroups: ['etl'], slots: 2 },
 *   { serviceClass: 7, name: 'Default queue', slots: 5, isDefault: true },
 * ])
 * await client.query(text, values)
 * ```
 */
export function buildWlmConfigInsert(
  queues: readonly WlmQueueConfig[],
): BoundStatement {
  const rows = queues.map((queue) => ({
    service_class: queue.serviceClass,
    name: queue.name,
    query_groups: queue.queryGroups ?? null,
    user_groups: queue.userGroups ?? null,
    query_group_wild_card: queue.queryGroupWildCard ?? null,
    user_group_wild_card: queue.userGroupWildCard ?? null,
    slots: queue.slots ?? null,
    max_execution_time: queue.maxExecutionTime ?? null,
    memory_percent: queue.memoryPercent ?? null,
    concurrency_scaling: queue.concurrencyScaling ?? null,
    query_priority: queue.queryPriority ?? null,
    is_default: queue.isDefault ?? null,
  }))
  return { text: WLM_REPLACE, values: [toJsonParameter(rows)] }
}
