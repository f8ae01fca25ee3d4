import {
  AliasNode,
  AndNode,
  InsertQueryNode,
  MatchedNode,
  RawNode,
  SelectQueryNode,
  TableNode,
  UpdateQueryNode,
  type MergeQueryNode,
} from 'kysely'

import { rawSqlText } from './raw-sql-text.js'
import { unsupported } from './unsupported.js'

type ClauseKind = 'matched' | 'not matched'

/**
 * Throws for a MERGE Redshift would reject. Redshift's MERGE is
 * `MERGE INTO target USING source_table ON ... WHEN MATCHED THEN
 * {UPDATE | DELETE} WHEN NOT MATCHED THEN INSERT`: no WITH, no alias on the
 * target, a table (not a subquery) as source, not the target itself, and
 * exactly one clause of each kind, in that order, with no extra conditions.
 *
 * ```ts
 * checkMergeQuery(node) // from visitMergeQuery
 * ```
 */
export function checkMergeQuery(node: MergeQueryNode): void {
  if (node.with) {
    unsupported(
      'MERGE with a WITH clause',
      'a staging table filled first, then MERGE ... USING the staging table',
    )
  }
  if (AliasNode.is(node.into)) {
    unsupported(
      'an alias on the MERGE target',
      'the target table name itself in the ON condition and SET list',
    )
  }
  const source = node.using?.table
  const sourceNode =
    source && AliasNode.is(source) ? source.node : (source ?? undefined)
  if (
    sourceNode &&
    TableNode.is(sourceNode) &&
    TableNode.is(node.into) &&
    sameTable(sourceNode, node.into)
  ) {
    unsupported(
      'MERGE with the same table as source and target',
      'copy the rows to a temporary staging table and MERGE from it',
    )
  }
  if (
    sourceNode &&
    (SelectQueryNode.is(sourceNode) || RawNode.is(sourceNode))
  ) {
    unsupported(
      'MERGE ... USING a subquery',
      'a (temporary) staging table as the MERGE source',
    )
  }
  checkMergeClauses(node)
}

function checkMergeClauses(node: MergeQueryNode): void {
  const kinds: ClauseKind[] = []
  let matchedCount = 0
  for (const when of node.whens ?? []) {
    const condition = when.condition
    let matched: MatchedNode | undefined
    if (MatchedNode.is(condition)) {
      matched = condition
    } else if (AndNode.is(condition) && MatchedNode.is(condition.left)) {
      unsupported(
        'MERGE WHEN ... AND <condition>',
        'filter the staging table first; Redshift MERGE clauses take no extra condition',
      )
    }
    if (!matched) {
      unsupported(
        'MERGE WHEN clauses other than [NOT] MATCHED',
        'WHEN MATCHED / WHEN NOT MATCHED',
      )
    }
    if (matched.bySource) {
      unsupported(
        'MERGE ... WHEN NOT MATCHED BY SOURCE',
        'a separate DELETE ... WHERE NOT EXISTS (select from the source)',
      )
    }
    if (
      when.result &&
      RawNode.is(when.result) &&
      rawSqlText(when.result) === 'do nothing'
    ) {
      unsupported(
        'MERGE ... THEN DO NOTHING',
        'leave the clause out by filtering the source, or use a staging table',
      )
    }
    if (matched.not && when.result && UpdateQueryNode.is(when.result)) {
      unsupported('UPDATE in WHEN NOT MATCHED', 'INSERT')
    }
    if (!matched.not && when.result && InsertQueryNode.is(when.result)) {
      unsupported('INSERT in WHEN MATCHED', 'UPDATE or DELETE')
    }
    kinds.push(matched.not ? 'not matched' : 'matched')
    if (!matched.not) {
      matchedCount++
    }
  }
  if (matchedCount > 1) {
    unsupported(
      'more than one WHEN MATCHED clause',
      'one WHEN MATCHED clause; use CASE expressions in the SET list for different cases',
    )
  }
  if (kinds.length - matchedCount > 1) {
    unsupported(
      'more than one WHEN NOT MATCHED clause',
      'one WHEN NOT MATCHED clause; use CASE expressions in the VALUES list',
    )
  }
  if (kinds.length !== 2 || kinds[0] !== 'matched') {
    unsupported(
      'MERGE without exactly WHEN MATCHED followed by WHEN NOT MATCHED',
      'both clauses in that order (an UPDATE or DELETE, then an INSERT), or separate UPDATE/INSERT statements',
    )
  }
}

function sameTable(a: TableNode, b: TableNode): boolean {
  return (
    a.table.identifier.name === b.table.identifier.name &&
    a.table.schema?.name === b.table.schema?.name
  )
}
