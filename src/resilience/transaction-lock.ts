import { sql, type RawBuilder } from 'kysely'

import { quoteQualifiedName } from '../sql/literal.js'

/**
 * The `LOCK` statement that takes `tables` in one fixed order (sorted, each
 * named once), or `undefined` for none. AWS's advice against serialization
 * conflicts is to lock every table a transaction touches at its start,
 * always in the same order, so concurrent transactions queue instead of
 * conflicting (`c_serial_isolation.md`); sorting makes every caller's order
 * the same. A `schema.table` name is quoted part by part.
 *
 * ```ts
 * lockStatement(['sales', 'analytics.events'])
 * // lock "analytics"."events", "sales"
 * ```
 */
export function lockStatement(
  tables: readonly string[],
): RawBuilder<unknown> | undefined {
  if (tables.length === 0) return undefined
  const names = [
    ...new Set(tables.map((table) => quoteQualifiedName(table.split('.')))),
  ].sort(byCodeUnits)
  return sql.raw(`lock ${names.join(', ')}`)
}

// Not localeCompare: the order must not depend on the process's locale.
function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
