import {
  AliasNode,
  type DeleteQueryNode,
  type InsertQueryNode,
  type UpdateQueryNode,
} from 'kysely'

import { unsupported } from './unsupported.js'

const OUTER_JOINS: ReadonlySet<string> = new Set([
  'LeftJoin',
  'RightJoin',
  'FullJoin',
])

/**
 * Throws for INSERT forms Redshift lacks: REPLACE, IGNORE, and WITH before
 * INSERT (Redshift takes the WITH inside the SELECT).
 *
 * ```ts
 * checkInsertQuery(node) // from visitInsertQuery
 * ```
 */
export function checkInsertQuery(node: InsertQueryNode): void {
  if (node.replace) {
    unsupported(
      'REPLACE INTO',
      'MERGE, or DELETE then INSERT in one transaction',
    )
  }
  if (node.ignore) {
    unsupported(
      'INSERT IGNORE',
      'MERGE, or INSERT ... SELECT ... WHERE NOT EXISTS',
    )
  }
  if (node.with) {
    unsupported(
      'WITH before INSERT',
      'the WITH clause inside the SELECT: insertInto(t).expression(db.with(...).selectFrom(...))',
    )
  }
}

/**
 * Throws for UPDATE with ORDER BY / LIMIT, or with outer joins in FROM.
 *
 * ```ts
 * checkUpdateQuery(node) // from visitUpdateQuery
 * ```
 */
export function checkUpdateQuery(node: UpdateQueryNode): void {
  if (node.limit || node.orderBy) {
    unsupported(
      'ORDER BY / LIMIT in UPDATE',
      'a WHERE condition that selects exactly the rows to update',
    )
  }
  if (node.joins?.some((join) => OUTER_JOINS.has(join.joinType))) {
    unsupported(
      'outer joins in the FROM clause of UPDATE',
      'an inner join, or a subquery in the WHERE clause',
    )
  }
}

/**
 * Throws for DELETE forms Redshift lacks: several targets, an alias on the
 * target, joins (Redshift takes USING), and ORDER BY / LIMIT.
 *
 * ```ts
 * checkDeleteQuery(node) // from visitDeleteQuery
 * ```
 */
export function checkDeleteQuery(node: DeleteQueryNode): void {
  if (node.from.froms.length > 1) {
    unsupported(
      'deleting from several tables in one statement',
      'one DELETE per table inside a transaction',
    )
  }
  if (node.from.froms.some((from) => AliasNode.is(from))) {
    unsupported(
      'an alias on the DELETE target',
      'the table name itself in conditions (Redshift: DELETE FROM table_name)',
    )
  }
  if (node.joins) {
    unsupported(
      'joins in DELETE',
      'list the tables in .using(...) and put the join condition in .where(...)',
    )
  }
  if (node.limit || node.orderBy) {
    unsupported(
      'ORDER BY / LIMIT in DELETE',
      'a WHERE condition that selects exactly the rows to delete',
    )
  }
}
