import type { ErrorFields } from '../protocol/error-fields.js'
import { relationKey, type ColumnSource } from './column-scopes.js'
import {
  computeNodeOnlyError,
  type NamedRelation,
  type StatementFacts,
} from './policy.js'

/**
 * The refusal of a compute-node-only function (LISTAGG, MEDIAN,
 * PERCENTILE_*) in a statement whose every relation is a view that reads no
 * table: a view is expanded into the query that reads it, so such a query
 * runs on the leader node
 * (https://docs.aws.amazon.com/redshift/latest/dg/c_SQL_functions_compute_node_only.html).
 * Only the catalog knows what a view reads: while `source` collects, the
 * relations are asked for so that the statement is planned again with
 * them; a relation it does not know (or knows to be a table) lets the
 * statement run.
 *
 * @example
 * ```ts
 * computeNodeViewsError(facts, source)?.message
 * // 'One or more of the used functions must be applied on at least one user created table.'
 * ```
 */
export function computeNodeViewsError(
  facts: StatementFacts,
  source: ColumnSource | undefined,
): ErrorFields | undefined {
  const reads = facts.computeNodeReads
  if (reads === undefined || reads.length === 0 || source === undefined)
    return undefined
  let viewsOnly = true
  for (const relation of reads) {
    // Another database's relation is not in this one's catalog.
    if (relation.database !== undefined) return undefined
    // Every key is asked for while collecting; nothing is known then.
    if (!viewReadsNoTable(relation, source)) viewsOnly = false
  }
  return viewsOnly && source.collecting !== true
    ? computeNodeOnlyError()
    : undefined
}

/**
 * The key a relation as a statement names it is looked up by
 * (`relationKey`), its names folded where `fold` says.
 *
 * @example
 * ```ts
 * namedRelationKey({ schema: 'etl', name: 'Sales' }, true) // 'etl\u0000sales'
 * ```
 */
export function namedRelationKey(
  relation: NamedRelation,
  fold: boolean,
): string {
  const name = (n: string) => (fold ? n.toLowerCase() : n)
  return relationKey(
    relation.schema === undefined ? undefined : name(relation.schema),
    name(relation.name),
  )
}

/**
 * Whether `source` knows the relation as a view that reads no table
 * (`RelationColumns.readsNoTable`); false for one it does not know.
 *
 * @example
 * ```ts
 * viewReadsNoTable({ name: 'constants' }, source) // true
 * ```
 */
export function viewReadsNoTable(
  relation: NamedRelation,
  source: ColumnSource,
): boolean {
  return (
    source.columnsOf(namedRelationKey(relation, source.fold))?.readsNoTable ===
    true
  )
}
