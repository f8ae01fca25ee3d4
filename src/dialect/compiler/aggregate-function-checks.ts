import type { AggregateFunctionNode } from 'kysely'

import { refuse, unsupported } from './unsupported.js'
import { WINDOW_FRAME } from './unsupported-features.js'
import { checkFunction } from './unsupported-functions.js'

/** Window functions Redshift lets take ORDER BY without a frame clause. */
const FRAMELESS_WINDOW_FUNCTIONS: ReadonlySet<string> = new Set([
  'row_number',
  'rank',
  'dense_rank',
  'percent_rank',
  'cume_dist',
  'ntile',
  'lag',
  'lead',
])

/**
 * Throws for an aggregate call Redshift would reject: a function it lacks,
 * FILTER, ORDER BY inside the call, or an aggregate window with ORDER BY
 * (Redshift then demands a frame clause Kysely cannot write).
 *
 * ```ts
 * checkAggregateFunction(node) // from visitAggregateFunction
 * ```
 */
export function checkAggregateFunction(node: AggregateFunctionNode): void {
  const name = checkFunction(node.func)
  if (node.filter) {
    unsupported(
      'aggregate FILTER (WHERE ...)',
      'a CASE expression inside the aggregate, e.g. sum(case when cond then x end)',
    )
  }
  if (node.orderBy) {
    unsupported(
      'ORDER BY inside an aggregate call',
      'WITHIN GROUP (ORDER BY ...) on LISTAGG / PERCENTILE_CONT',
    )
  }
  if (node.over?.orderBy && !FRAMELESS_WINDOW_FUNCTIONS.has(name)) {
    refuse(WINDOW_FRAME)
  }
}
