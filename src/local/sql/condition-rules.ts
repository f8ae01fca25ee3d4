import { reject } from '../errors/reject.js'
import type { ErrorFields } from '../protocol/error-fields.js'
import { constValue, names, walkTree, type PgNode } from './parse-tree.js'

/** LIMIT's and OFFSET's largest value (r_ORDER_BY_clause.html). */
const MAX_LIMIT = 2147483647n

/**
 * The quantified comparisons Redshift has: `= ANY | SOME (subquery)` and
 * `<> ALL (subquery)` (`!=` is `<>`). r_comparison_condition.html: "Amazon
 * Redshift supports only the = (equals) condition for ANY and SOME.
 * Inequality conditions are not supported", and for ALL "only the <> or !=
 * (not equals) condition". `x IN (subquery)` is an ANY with no operator.
 * Redshift's words for the refusal are not documented.
 *
 * @example
 * ```ts
 * quantifiedSubqueryError({ subLinkType: 'ANY_SUBLINK', operName: [{ String: { sval: '<' } }] })
 * // { code: '0A000', message: '< ANY (subquery) is not supported', ... }
 * ```
 */
export function quantifiedSubqueryError(node: PgNode): ErrorFields | undefined {
  const type = node['subLinkType']
  if (type !== 'ANY_SUBLINK' && type !== 'ALL_SUBLINK') return undefined
  const operator = names(node['operName']).join('.')
  if (operator === '') return undefined
  if (type === 'ANY_SUBLINK' && operator === '=') return undefined
  if (type === 'ALL_SUBLINK' && operator === '<>') return undefined
  const quantifier = type === 'ANY_SUBLINK' ? 'ANY' : 'ALL'
  return reject.unsupported(
    `${operator} ${quantifier} (subquery)`,
    'Redshift compares a subquery only with = ANY | SOME (that is, IN) and <> ALL (that is, NOT IN)',
  )
}

/**
 * LIMIT and OFFSET take a whole number from 0 to 2147483647
 * (r_ORDER_BY_clause.html: "The LIMIT number must be a positive integer;
 * the maximum value is 2147483647", and the same for OFFSET; LIMIT 0 is
 * documented too). PostgreSQL takes any BIGINT and rounds a fraction
 * (`OFFSET 0.5` skips a row). Redshift's SQLSTATEs and words for these are
 * not documented: a larger value answers as an INTEGER out of range does.
 * A constant is checked; an expression or a bind parameter is left to
 * PostgreSQL.
 *
 * @example
 * ```ts
 * limitValueError({ limitCount: { A_Const: { fval: { fval: '2147483648' } } } })
 * // { code: '22003', message: 'LIMIT 2147483648 is out of range: the maximum is 2147483647' }
 * ```
 */
export function limitValueError(select: PgNode): ErrorFields | undefined {
  for (const [field, clause] of [
    ['limitCount', 'LIMIT'],
    ['limitOffset', 'OFFSET'],
  ] as const) {
    const node = select[field] as { A_Const?: PgNode } | undefined
    if (
      node?.A_Const?.['fval'] === undefined &&
      node?.A_Const?.['ival'] === undefined
    )
      continue
    const value = constValue(node)
    // A negative one is PostgreSQL's error (2201W, LIMIT must not be negative).
    if (value === undefined || value.startsWith('-')) continue
    const number = Number(value)
    if (!Number.isInteger(number))
      return reject.other(
        '22023',
        `${clause} ${value} is not a whole number: ${clause} takes an integer from 0 to ${MAX_LIMIT}`,
      )
    if (/^\d+$/.test(value) ? BigInt(value) > MAX_LIMIT : number > MAX_LIMIT)
      return reject.other(
        '22003',
        `${clause} ${value} is out of range: the maximum is ${MAX_LIMIT}`,
      )
  }
  return undefined
}

/**
 * r_scalar_subqueries.html: "Scalar subqueries are not valid expressions
 * ... in GROUP BY and HAVING clauses". A scalar subquery is one used as a
 * value (an EXPR sublink); EXISTS and IN subqueries are conditions, and a
 * subquery nested inside another one belongs to that one's own clauses.
 * Redshift's words for the refusal are not documented.
 *
 * @example
 * ```ts
 * scalarSubqueryClauseError(parseOneStatement('select 1 group by (select 1)').SelectStmt)
 * // { code: '0A000', message: 'a scalar subquery in GROUP BY is not supported', ... }
 * ```
 */
export function scalarSubqueryClauseError(
  select: PgNode,
): ErrorFields | undefined {
  for (const [field, clause] of [
    ['groupClause', 'GROUP BY'],
    ['havingClause', 'HAVING'],
  ] as const) {
    const value = select[field]
    if (value === undefined) continue
    let found = false
    walkTree(value, (type, node, ancestors) => {
      if (
        !found &&
        type === 'SubLink' &&
        node['subLinkType'] === 'EXPR_SUBLINK' &&
        !ancestors.includes('SubLink')
      )
        found = true
    })
    if (found)
      return reject.unsupported(
        `a scalar subquery in ${clause}`,
        'compute the value in a subquery or CTE in the FROM clause and join it',
      )
  }
  return undefined
}
