import { CompiledQuery, type Kysely } from 'kysely'

import { requireProvisioned } from './endpoint-kind.js'
import { count, num, text } from './system-values.js'

/**
 * One WLM queue (service class) with its live slot use, from
 * STV_WLM_SERVICE_CLASS_CONFIG and STV_WLM_SERVICE_CLASS_STATE, and the
 * groups routed to it from STV_WLM_CLASSIFICATION_CONFIG.
 *
 * ```ts
 * const etl = (await db.wlm.queues()).find((q) => q.name === 'etl')
 * console.log(`${etl.running} running, ${etl.queued} queued, ${etl.freeSlots} free`)
 * ```
 */
export interface WlmQueueState {
  /** The service class id: 5 is the superuser queue, 6.. the configured queues (100.. under automatic WLM). */
  readonly serviceClass: number
  readonly name: string
  /** Concurrency: how many slots the queue has (`num_query_tasks`). */
  readonly slots: number
  /** Working memory of one slot, in MB (`query_working_mem`). */
  readonly workingMemoryMbPerSlot: number | null
  /** The queue's WLM timeout in ms (`max_execution_time`); `null` when none. */
  readonly timeoutMs: number | null
  /**
   * The user groups routed to the queue, from its STV_WLM_CLASSIFICATION_CONFIG
   * rules (`(user group: name)`), in rule order.
   */
  readonly userGroups: readonly string[]
  /** The query groups routed to the queue (`(query group: name)` rules). */
  readonly queryGroups: readonly string[]
  /** Whether the queue's user groups are matched as wildcards. */
  readonly userGroupWildcard: boolean
  /** Whether the queue's query groups are matched as wildcards. */
  readonly queryGroupWildcard: boolean
  /** `auto` or `off`. */
  readonly concurrencyScaling: string | null
  /** `Normal`, `High`... (automatic WLM). */
  readonly priority: string | null
  /** Queries executing now. */
  readonly running: number
  /** Queries waiting for a slot. */
  readonly queued: number
  /** Slots no running query holds (a query may hold several: `wlm_query_slot_count`). */
  readonly freeSlots: number
}

// Only the columns the two views document (r_STV_WLM_SERVICE_CLASS_*.html);
// slots in use are summed from STV_WLM_QUERY_STATE, since one query may
// take several.
const QUEUES = CompiledQuery.raw(
  `select c.service_class, c.name, c.num_query_tasks, c.query_working_mem, c.max_execution_time,
  c.user_group_wild_card, c.query_group_wild_card, c.concurrency_scaling, c.query_priority,
  s.num_executing_queries, s.num_queued_queries, u.used_slots
from stv_wlm_service_class_config c
left join stv_wlm_service_class_state s on s.service_class = c.service_class
left join (
  select service_class, sum(slot_count) as used_slots from stv_wlm_query_state
  where state = 'Running' group by service_class
) u on u.service_class = c.service_class
where c.service_class > 4
order by c.service_class`,
)

/**
 * The WLM queues of a provisioned cluster with their running, queued and
 * free slots. Serverless has no WLM queues (and no STV views):
 * `NotAvailableOnServerlessError`.
 *
 * ```ts
 * for (const q of await queueState(db)) console.log(q.name, q.running, q.queued)
 * ```
 */
export async function queueState(
  db: Kysely<any>,
): Promise<readonly WlmQueueState[]> {
  await requireProvisioned(
    db,
    'WLM queue state',
    'Serverless scales compute (RPUs) instead of queues; db.wlm.runningQueries() lists queued and running queries from SYS_QUERY_HISTORY',
  )
  const { rows } = await db.executeQuery<Record<string, unknown>>(QUEUES)
  const groups = groupsByServiceClass(
    (await db.executeQuery<Record<string, unknown>>(RULES)).rows,
  )
  return Object.freeze(
    rows.map((row) =>
      toQueueState(row, groups.get(count(row['service_class']))),
    ),
  )
}

// The routing rules of r_STV_WLM_CLASSIFICATION_CONFIG.html, in their order.
const RULES = CompiledQuery.raw(
  `select action_service_class, condition from stv_wlm_classification_config
where action_service_class > 4 order by id`,
)

interface QueueGroups {
  readonly user: string[]
  readonly query: string[]
}

// A condition is terms joined by ` and `, e.g. `(super user) and (query
// group: superuser)`; a group name ends at the `)` that ends its term.
const GROUP_TERM = /\((query|user) group: (.*?)\)(?= and \(|$)/g

/**
 * The user and query groups of each service class, read from its rules'
 * conditions.
 *
 * ```ts
 * groupsByServiceClass([{ action_service_class: 6, condition: '(query group: etl)' }]).get(6)
 * // { user: [], query: ['etl'] }
 * ```
 */
export function groupsByServiceClass(
  rules: readonly Record<string, unknown>[],
): ReadonlyMap<number, QueueGroups> {
  const groups = new Map<number, QueueGroups>()
  for (const rule of rules) {
    const serviceClass = count(rule['action_service_class'])
    const condition = text(rule['condition']) ?? ''
    let entry = groups.get(serviceClass)
    if (entry === undefined) {
      entry = { user: [], query: [] }
      groups.set(serviceClass, entry)
    }
    for (const [, kind, name] of condition.matchAll(GROUP_TERM)) {
      ;(kind === 'user' ? entry.user : entry.query).push(name!)
    }
  }
  return groups
}

function toQueueState(
  row: Record<string, unknown>,
  groups: QueueGroups | undefined,
): WlmQueueState {
  const slots = count(row['num_query_tasks'])
  const timeout = num(row['max_execution_time'])
  return Object.freeze({
    serviceClass: count(row['service_class']),
    name: text(row['name']) ?? '',
    slots,
    workingMemoryMbPerSlot: num(row['query_working_mem']),
    timeoutMs: timeout === null || timeout === 0 ? null : timeout,
    userGroups: Object.freeze([...(groups?.user ?? [])]),
    queryGroups: Object.freeze([...(groups?.query ?? [])]),
    userGroupWildcard: row['user_group_wild_card'] === true,
    queryGroupWildcard: row['query_group_wild_card'] === true,
    concurrencyScaling: text(row['concurrency_scaling']),
    priority: text(row['query_priority']),
    running: count(row['num_executing_queries']),
    queued: count(row['num_queued_queries']),
    freeSlots: Math.max(0, slots - count(row['used_slots'])),
  })
}
