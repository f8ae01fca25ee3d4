import type { RawNode } from 'kysely'

/**
 * The text of a `sql` fragment, trimmed and lower-cased, for checks that
 * recognise a few fixed spellings. Parameters are left out, so callers only
 * trust it for fragments without any.
 *
 * ```ts
 * rawSqlText(sql`  DO NOTHING`.toOperationNode()) // 'do nothing'
 * ```
 */
export function rawSqlText(node: RawNode): string {
  return node.sqlFragments.join('').trim().toLowerCase()
}
