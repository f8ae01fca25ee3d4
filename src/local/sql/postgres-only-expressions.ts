import { reject } from '../errors/reject.js'
import type { ErrorFields } from '../protocol/error-fields.js'
import type { PgNode } from './parse-tree.js'

/**
 * PostgreSQL's hypothetical-set aggregates: `rank(3) WITHIN GROUP (ORDER BY
 * x)`. Redshift's RANK, DENSE_RANK, PERCENT_RANK and CUME_DIST are window
 * functions only (r_WF_RANK.html, r_WF_DENSE_RANK.html,
 * r_WF_PERCENT_RANK.html, r_WF_CUME_DIST.html); WITHIN GROUP belongs to
 * LISTAGG and the percentiles.
 */
const HYPOTHETICAL_SET = new Set([
  'rank',
  'dense_rank',
  'percent_rank',
  'cume_dist',
])

/**
 * Refuses the PostgreSQL expressions Redshift's "Expressions" and
 * "Conditions" pages do not have, which the backing PostgreSQL would run:
 *
 * - hypothetical-set aggregates (see {@link HYPOTHETICAL_SET});
 * - the OVERLAPS operator, `(a, b) OVERLAPS (c, d)`: not among the
 *   conditions of r_conditions.html (compare the ends instead);
 * - a whole row as a value, `t.*` anywhere but as a select-list item
 *   (`count(t.*)`, `(t.*)::text`, `f(t.*)`): Redshift has no row values
 *   (r_expression_lists.html lists expressions only in comparisons and IN).
 *
 * Redshift's words for these are not documented. Called for FuncCall and
 * ColumnRef nodes; `parent` is the enclosing node's type.
 *
 * @example
 * ```ts
 * postgresOnlyExpression('FuncCall', { funcname: [...], agg_within_group: true }, 'ResTarget')
 * // { code: '0A000', message: 'RANK(...) WITHIN GROUP is not supported', ... }
 * ```
 */
export function postgresOnlyExpression(
  type: string,
  node: PgNode,
  parent: string | undefined,
  functionName: string,
): ErrorFields | undefined {
  if (type === 'FuncCall') {
    if (node['agg_within_group'] === true && HYPOTHETICAL_SET.has(functionName))
      return reject.unsupported(
        `${functionName.toUpperCase()}(...) WITHIN GROUP`,
        `${functionName.toUpperCase()} is a window function on Redshift: write ${functionName.toUpperCase()}() OVER (ORDER BY ...)`,
      )
    if (functionName === 'overlaps')
      return reject.unsupported(
        'OVERLAPS',
        'compare the ends of the periods: a_start < b_end AND b_start < a_end',
      )
    return undefined
  }
  if (type === 'ColumnRef' && parent !== 'ResTarget') {
    const fields = node['fields']
    const last = Array.isArray(fields) ? fields[fields.length - 1] : undefined
    if (
      Array.isArray(fields) &&
      fields.length > 1 &&
      last !== null &&
      typeof last === 'object' &&
      'A_Star' in last
    )
      return reject.unsupported(
        'a whole row as a value',
        'name the columns instead of table.*',
      )
  }
  return undefined
}
