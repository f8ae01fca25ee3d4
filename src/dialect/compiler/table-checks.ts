import {
  RawNode,
  type AlterColumnNode,
  type AlterTableNode,
  type ColumnDefinitionNode,
  type CreateTableNode,
} from 'kysely'

import { checkRawDataType } from './column-type-checks.js'
import { MAX_COLUMNS } from './redshift-limits.js'
import { refuse, unsupported } from './unsupported.js'
import { NULLS_NOT_DISTINCT } from './unsupported-features.js'

/**
 * Throws for CREATE TABLE forms Redshift lacks: too many columns, ON COMMIT,
 * and IF NOT EXISTS with AS.
 *
 * ```ts
 * checkCreateTable(node) // from visitCreateTable
 * ```
 */
export function checkCreateTable(node: CreateTableNode): void {
  if (node.columns.length > MAX_COLUMNS) {
    unsupported(
      `tables with more than ${MAX_COLUMNS} columns (${node.columns.length})`,
      'several tables joined by a key, or a SUPER column for sparse attributes',
    )
  }
  if (node.onCommit) {
    unsupported(
      'ON COMMIT on temporary tables',
      'a temporary table, which lives until the end of the session',
    )
  }
  if (node.ifNotExists && node.selectQuery) {
    unsupported(
      'CREATE TABLE IF NOT EXISTS ... AS',
      'CREATE TABLE ... AS without IF NOT EXISTS, or CREATE TABLE IF NOT EXISTS then INSERT ... SELECT',
    )
  }
}

/**
 * Throws for column definitions Redshift lacks: types written with `sql`
 * that it does not have, UNSIGNED, AUTO_INCREMENT, a bare IDENTITY, NULLS
 * NOT DISTINCT and ADD COLUMN IF NOT EXISTS. Typed columns are checked by
 * `checkDataType` when their type node is visited.
 *
 * ```ts
 * checkColumnDefinition(node) // from visitColumnDefinition
 * ```
 */
export function checkColumnDefinition(node: ColumnDefinitionNode): void {
  if (RawNode.is(node.dataType)) {
    checkRawDataType(node.dataType)
  }
  if (node.unsigned) {
    unsupported(
      'UNSIGNED columns',
      'a CHECK in the application, or a wider signed type',
    )
  }
  if (node.autoIncrement) {
    unsupported(
      'AUTO_INCREMENT',
      '.generatedByDefaultAsIdentity() (IDENTITY(1, 1)) on an integer or bigint column',
    )
  }
  if (node.identity) {
    unsupported(
      'a bare IDENTITY column (`.identity()`)',
      '.generatedByDefaultAsIdentity(), or .modifyEnd(sql`identity(seed, step)`)',
    )
  }
  if (node.nullsNotDistinct) {
    refuse(NULLS_NOT_DISTINCT)
  }
  if (node.ifNotExists) {
    unsupported(
      'ADD COLUMN IF NOT EXISTS',
      'check the column in the catalog (db.introspection) before adding it',
    )
  }
}

/**
 * Throws for ALTER TABLE forms Redshift lacks: SET SCHEMA, and several
 * column changes in one statement.
 *
 * ```ts
 * checkAlterTable(node) // from visitAlterTable
 * ```
 */
export function checkAlterTable(node: AlterTableNode): void {
  if (node.setSchema) {
    unsupported(
      'ALTER TABLE ... SET SCHEMA',
      'CREATE TABLE new_schema.t (LIKE old_schema.t) and INSERT ... SELECT, or ALTER TABLE APPEND',
    )
  }
  if (node.columnAlterations && node.columnAlterations.length > 1) {
    unsupported(
      'several changes in one ALTER TABLE',
      'one ALTER TABLE statement per column change',
    )
  }
}

/**
 * Throws for ALTER COLUMN forms Redshift lacks: SET/DROP DEFAULT, SET/DROP
 * NOT NULL and TYPE ... USING (only VARCHAR lengths can change).
 *
 * ```ts
 * checkAlterColumn(node) // from visitAlterColumn
 * ```
 */
export function checkAlterColumn(node: AlterColumnNode): void {
  if (
    node.setDefault ||
    node.dropDefault ||
    node.setNotNull ||
    node.dropNotNull
  ) {
    unsupported(
      'ALTER COLUMN SET/DROP DEFAULT and SET/DROP NOT NULL',
      'a new column with the wanted definition, filled with UPDATE, then drop and rename',
    )
  }
  if (node.dataTypeExpression) {
    unsupported(
      'ALTER COLUMN ... TYPE ... USING',
      'ALTER COLUMN ... TYPE varchar(n) (only VARCHAR lengths can change), or a new column',
    )
  }
}
