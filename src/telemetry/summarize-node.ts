import type {
  AliasNode,
  DeleteQueryNode,
  InsertQueryNode,
  JoinNode,
  MergeQueryNode,
  OperationNode,
  RootOperationNode,
  SchemableIdentifierNode,
  SelectQueryNode,
  TableNode,
  UpdateQueryNode,
} from 'kysely'

import { SummaryParts, type StatementSummary } from './statement-summary.js'

/**
 * The summary of a query Kysely built, read from its operation node rather
 * than its text: the operation and the tables are known exactly, aliases and
 * CTE bodies aside. Undefined for nodes that carry only SQL text (`sql`
 * templates, `CompiledQuery.raw`, COPY, UNLOAD), which are summarized from
 * their tokens instead.
 *
 * ```ts
 * summarizeNode(db.selectFrom('sales').selectAll().compile().query)
 * // { operation: 'SELECT', collections: ['sales'], summary: 'SELECT sales' }
 * ```
 */
export function summarizeNode(
  node: RootOperationNode | undefined,
): StatementSummary | undefined {
  // A CompiledQuery built by hand may come without its node.
  if (node === undefined) return undefined
  const parts = new SummaryParts()
  switch (node.kind) {
    case 'SelectQueryNode':
    case 'InsertQueryNode':
    case 'UpdateQueryNode':
    case 'DeleteQueryNode':
    case 'MergeQueryNode':
      walk(node, parts)
      break
    case 'CreateTableNode':
      parts.operation('CREATE TABLE')
      parts.table(tableName(node.table))
      break
    case 'DropTableNode':
      parts.operation('DROP TABLE')
      parts.table(tableName(node.table))
      break
    case 'AlterTableNode':
      parts.operation('ALTER TABLE')
      parts.table(tableName(node.table))
      break
    case 'CreateViewNode':
      parts.operation('CREATE VIEW')
      parts.table(schemableName(node.name))
      break
    case 'DropViewNode':
      parts.operation('DROP VIEW')
      parts.table(schemableName(node.name))
      break
    case 'CreateSchemaNode':
      parts.operation('CREATE SCHEMA')
      break
    case 'DropSchemaNode':
      parts.operation('DROP SCHEMA')
      break
    default:
      return undefined
  }
  return parts.toSummary()
}

/** Adds a query's operation, then its tables (and nested queries) in order. */
function walk(node: OperationNode, parts: SummaryParts): void {
  switch (node.kind) {
    case 'SelectQueryNode': {
      const select = node as SelectQueryNode
      parts.operation('SELECT')
      for (const from of select.from?.froms ?? []) source(from, parts)
      joins(select.joins, parts)
      break
    }
    case 'InsertQueryNode': {
      const insert = node as InsertQueryNode
      parts.operation('INSERT')
      if (insert.into !== undefined) parts.table(tableName(insert.into))
      // INSERT ... SELECT
      if (insert.values?.kind === 'SelectQueryNode') walk(insert.values, parts)
      break
    }
    case 'UpdateQueryNode': {
      const update = node as UpdateQueryNode
      parts.operation('UPDATE')
      if (update.table !== undefined) source(update.table, parts)
      for (const from of update.from?.froms ?? []) source(from, parts)
      joins(update.joins, parts)
      break
    }
    case 'DeleteQueryNode': {
      const del = node as DeleteQueryNode
      parts.operation('DELETE')
      for (const from of del.from.froms) source(from, parts)
      for (const using of del.using?.tables ?? []) source(using, parts)
      joins(del.joins, parts)
      break
    }
    case 'MergeQueryNode': {
      const merge = node as MergeQueryNode
      parts.operation('MERGE')
      source(merge.into, parts)
      if (merge.using !== undefined) source(merge.using.table, parts)
      break
    }
  }
}

function joins(list: readonly JoinNode[] | undefined, parts: SummaryParts) {
  for (const join of list ?? []) source(join.table, parts)
}

/** A FROM / JOIN item: a table, an aliased table, or an aliased subquery. */
function source(node: OperationNode, parts: SummaryParts): void {
  const inner = node.kind === 'AliasNode' ? (node as AliasNode).node : node
  if (inner.kind === 'TableNode') {
    parts.table(tableName(inner as TableNode))
  } else {
    walk(inner, parts)
  }
}

function tableName(node: TableNode): string {
  return schemableName(node.table)
}

function schemableName(node: SchemableIdentifierNode): string {
  const name = node.identifier.name
  return node.schema === undefined ? name : `${node.schema.name}.${name}`
}
