import type { RelationName } from '../catalog/table-attributes.js'
import { constValue, names, nodeType, type PgNode } from './parse-tree.js'
import { parseOneStatement } from './parse-tree.js'

/** The one table a simple CREATE TABLE AS query reads, and how its columns come out. */
export interface CtasSource {
  readonly source: RelationName
  /** Source column -> new column; null when `SELECT *` keeps every name. */
  readonly renamed: Readonly<Record<string, string>> | null
  /** The new columns an ORDER BY sorts by, or null without ORDER BY. */
  readonly sortedBy: readonly string[] | null
}

// Aggregates that make the plan's top node an aggregate rather than a scan.
const AGGREGATES: ReadonlySet<string> = new Set([
  'approximate',
  'avg',
  'bit_and',
  'bit_or',
  'bool_and',
  'bool_or',
  'count',
  'listagg',
  'max',
  'median',
  'min',
  'percentile_cont',
  'percentile_disc',
  'stddev',
  'stddev_pop',
  'stddev_samp',
  'sum',
  'var_pop',
  'var_samp',
  'variance',
])

/**
 * r_CTAS_usage_notes.html: "If the SELECT clause is a simple select
 * operation from a single table, without a limit clause, order by clause, or
 * group by clause, then CTAS uses the source table's distribution style and
 * sort key"; the page's ORDER BY examples keep the source's distribution and
 * sort by the ORDER BY columns. `query` is the text after AS; `columns` the
 * CTAS's own column list. Null for any other query (a join, LIMIT, GROUP BY,
 * DISTINCT, an aggregate or window function, a set operation, WITH), where
 * Redshift's choice is a "best effort" the page does not spell out, and
 * when a column list renames the columns of `SELECT *` (their positions are
 * not known here).
 *
 * @example
 * ```ts
 * ctasSource('select eventid as id, dateid from event order by dateid', null)
 * // { source: { schema: null, name: 'event' },
 * //   renamed: { eventid: 'id', dateid: 'dateid' }, sortedBy: ['dateid'] }
 * ```
 */
export function ctasSource(
  query: string,
  columns: readonly string[] | null,
): CtasSource | null {
  const select = nodeType(parseOneStatement(query))
  if (select?.[0] !== 'SelectStmt') return null
  const node = select[1]
  for (const clause of [
    'withClause',
    'distinctClause',
    'groupClause',
    'havingClause',
    'windowClause',
    'limitCount',
    'limitOffset',
    'lockingClause',
    'valuesLists',
    'larg',
  ])
    if (node[clause] !== undefined) return null
  const from = Array.isArray(node['fromClause']) ? node['fromClause'] : []
  const range = (from[0] as { RangeVar?: PgNode } | undefined)?.RangeVar
  if (from.length !== 1 || range === undefined) return null
  const source: RelationName = {
    schema:
      typeof range['schemaname'] === 'string' ? range['schemaname'] : null,
    name: String(range['relname']),
  }
  const targets = Array.isArray(node['targetList']) ? node['targetList'] : []
  let star = false
  const renamed: Record<string, string> = {}
  const output: string[] = []
  for (const [index, item] of targets.entries()) {
    const target = (item as { ResTarget?: PgNode }).ResTarget
    if (target === undefined || aggregates(target['val'])) return null
    const fields = (target['val'] as { ColumnRef?: PgNode } | undefined)
      ?.ColumnRef?.['fields']
    const last = Array.isArray(fields) ? fields[fields.length - 1] : undefined
    if ((last as { A_Star?: unknown } | undefined)?.A_Star !== undefined) {
      if (columns !== null) return null
      star = true
      continue
    }
    const column = fields === undefined ? undefined : names(fields).at(-1)
    const name =
      columns?.[index] ??
      (typeof target['name'] === 'string' ? target['name'] : column)
    if (name !== undefined) output[index] = name
    if (column !== undefined && name !== undefined && !(column in renamed))
      renamed[column] = name
  }
  let sortedBy: string[] | null = null
  if (Array.isArray(node['sortClause'])) {
    sortedBy = []
    for (const item of node['sortClause'] as { SortBy?: PgNode }[]) {
      const by = item.SortBy
      if (by === undefined || by['sortby_dir'] === 'SORTBY_DESC') return null
      const position = constValue(by['node'])
      const fields = (by['node'] as { ColumnRef?: PgNode } | undefined)
        ?.ColumnRef?.['fields']
      const named = fields === undefined ? undefined : names(fields).at(-1)
      const column =
        position !== undefined && /^[0-9]+$/.test(position) && !star
          ? output[Number(position) - 1]
          : named === undefined
            ? undefined
            : output.includes(named)
              ? named
              : star
                ? named
                : renamed[named]
      if (column === undefined) return null
      sortedBy.push(column)
    }
  }
  return { source, renamed: star ? null : renamed, sortedBy }
}

/** Whether an expression calls an aggregate or window function. */
function aggregates(value: unknown): boolean {
  if (value === null || typeof value !== 'object') return false
  if (Array.isArray(value)) return value.some(aggregates)
  const call = (value as { FuncCall?: PgNode }).FuncCall
  if (call !== undefined) {
    if (call['over'] !== undefined || call['agg_star'] === true) return true
    const name = names(call['funcname']).at(-1)?.toLowerCase()
    if (name !== undefined && AGGREGATES.has(name)) return true
  }
  return Object.values(value).some(aggregates)
}
