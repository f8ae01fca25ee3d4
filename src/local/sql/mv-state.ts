import type { PgNode } from './parse-tree.js'
import { quoteIdentifier, quoteLiteral } from './quote.js'

/**
 * The statement that records, after a TRUNCATE, the state transition of
 * every materialized view over a truncated table: Redshift marks such a
 * view `Recompute` (r_STL_MV_STATE.html, SYS_MV_STATE.html), and the
 * emulator, which recomputes every refresh, lists it in STL_MV_STATE and
 * SYS_MV_STATE. Null when the statement names no table.
 *
 * @example
 * ```ts
 * truncateMvStateSql({ relations: [{ RangeVar: { relname: 'sales' } }] }, true)
 * // "CALL redshift_local.record_mv_state('TRUNCATE', ARRAY[pg_catalog.to_regclass('sales')]::pg_catalog.oid[])"
 * ```
 */
export function truncateMvStateSql(node: PgNode, fold: boolean): string | null {
  const names: string[] = []
  for (const item of (Array.isArray(node['relations'])
    ? node['relations']
    : []) as { RangeVar?: PgNode }[]) {
    const relation = item.RangeVar
    if (relation === undefined || typeof relation['relname'] !== 'string')
      continue
    const name = (part: string) =>
      quoteIdentifier(fold ? part.toLowerCase() : part)
    const schema = relation['schemaname']
    const written =
      typeof schema === 'string'
        ? `${name(schema)}.${name(relation['relname'])}`
        : name(relation['relname'])
    // Resolved by the caller, in its search path, before the procedure runs.
    names.push(`pg_catalog.to_regclass(${quoteLiteral(written)})`)
  }
  if (names.length === 0) return null
  return `CALL redshift_local.record_mv_state('TRUNCATE', ARRAY[${names.join(', ')}]::pg_catalog.oid[])`
}
