import { quoteLiteral } from './quote.js'

/** What `run_checked_alter` checks of the columns before the ALTER runs. */
export type AlterRule = 'varchar' | 'not null'

/**
 * The CALL that checks `columns` of `table` (its name as the statement
 * writes it) against `rule`, then runs `sql` (see
 * `catalog/checked-alter.ts`).
 *
 * @example
 * ```ts
 * checkedAlterSql('t', 'not null', ['id'], 'alter table t add primary key (id)')
 * // "CALL redshift_local.run_checked_alter('t', 'not null', ARRAY['id']::text[], 'alter table t add primary key (id)')"
 * ```
 */
export function checkedAlterSql(
  table: string,
  rule: AlterRule,
  columns: readonly string[],
  sql: string,
): string {
  const names = columns.map(quoteLiteral).join(', ')
  return `CALL redshift_local.run_checked_alter(${quoteLiteral(table)}, ${quoteLiteral(rule)}, ARRAY[${names}]::text[], ${quoteLiteral(sql.trim().replace(/;\s*$/, ''))})`
}
