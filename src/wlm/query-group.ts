import type { Kysely } from 'kysely'

import { withQuerySettings } from '../dialect/query-settings-plugin.js'

/** Options of a query group view. */
export interface QueryGroupOptions {
  /**
   * `wlm_query_slot_count`: how many slots of the queue each query takes
   * (1..50, and at most the queue's concurrency), for a query that needs
   * the memory of several slots.
   */
  readonly slotCount?: number
}

/** Redshift keeps this many characters of a label in STL_QUERY and SVL_QLOG. */
export const QUERY_GROUP_LABEL_CHARS = 30

/** The `query_group` parameter itself takes at most this many characters. */
export const QUERY_GROUP_MAX_CHARS = 320

export const LONG_QUERY_GROUP_WARNING = 'KYSELY_REDSHIFT_QUERY_GROUP_TRUNCATED'

// Each long group is reported once, not on every view made with it.
const warned = new Set<string>()
const MAX_WARNED = 1_000

/**
 * A view of `db` whose queries (and the transactions and connections it
 * starts) run under `group`: `SET query_group` is sent only when the pooled
 * connection's session has another value, and the next borrower of the
 * connection gets the client's baseline back before its own query runs, so
 * the group never leaks. The group routes the queries to the WLM queue that
 * lists it and is their label in STL_QUERY / SYS_QUERY_HISTORY (Redshift has
 * no `query_label` parameter). A group longer than 30 characters is allowed
 * (Redshift truncates the label) with a `KYSELY_REDSHIFT_QUERY_GROUP_TRUNCATED`
 * warning.
 *
 * ```ts
 * const etl = withQueryGroup(db, 'etl', { slotCount: 2 })
 * await etl.insertInto('daily').expression(db.selectFrom('sales').selectAll()).execute()
 * await etl.transaction().execute(async (trx) => { ... })
 * ```
 */
export function withQueryGroup<K extends Kysely<any>>(
  db: K,
  group: string,
  options: QueryGroupOptions = {},
): ReturnType<K['withPlugin']> {
  checkQueryGroup(group)
  const { slotCount } = options
  return withQuerySettings(db, {
    queryGroup: group,
    ...(slotCount === undefined ? {} : { wlmQuerySlotCount: slotCount }),
  })
}

/**
 * Validates a query group, warning (once per group) when Redshift will
 * truncate it in the query log.
 *
 * ```ts
 * checkQueryGroup('etl') // ok
 * checkQueryGroup('') // throws TypeError
 * ```
 */
export function checkQueryGroup(group: string): void {
  if (typeof group !== 'string' || group.length === 0) {
    throw new TypeError('queryGroup must be a non-empty string')
  }
  if (group.length > QUERY_GROUP_MAX_CHARS) {
    throw new RangeError(
      `queryGroup is ${group.length} characters; Redshift's query_group takes at most ${QUERY_GROUP_MAX_CHARS}`,
    )
  }
  if (group.length > QUERY_GROUP_LABEL_CHARS && !warned.has(group)) {
    if (warned.size >= MAX_WARNED) warned.clear()
    warned.add(group)
    process.emitWarning(
      `query group ${JSON.stringify(group)} is ${group.length} characters: Redshift keeps only the first ` +
        `${QUERY_GROUP_LABEL_CHARS} in STL_QUERY.label and SVL_QLOG (15 in STV_INFLIGHT), ` +
        `so the query log shows ${JSON.stringify(group.slice(0, QUERY_GROUP_LABEL_CHARS))}`,
      { code: LONG_QUERY_GROUP_WARNING },
    )
  }
}
