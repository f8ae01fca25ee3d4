import type { DdlCursor } from './ddl-cursor.js'

/**
 * The largest `row_limit` of the SHOW commands whose pages bound it
 * (r_SHOW_TABLES.html, r_SHOW_COLUMNS.html, r_SHOW_SCHEMAS.html,
 * r_SHOW_COLUMN_GRANTS.html: "The row_limit can be 0–10,000").
 */
export const MAX_SHOW_ROWS = 10000

/**
 * A SHOW list command's `LIMIT row_limit`, consumed, or null when there is
 * none; one above `max` (when given) is refused. The pages do not print the
 * error a larger one gets, so the emulator's is its own (22023, invalid
 * parameter value).
 *
 * @example
 * ```ts
 * // 'show tables from schema dev.public limit 5' with c.pos on LIMIT -> '5'
 * ```
 */
export function showLimit(
  c: DdlCursor,
  max: number | null = MAX_SHOW_ROWS,
): string | null {
  if (!c.accept('LIMIT')) return null
  const rows = c.token()
  if (rows?.kind !== 'number' || !/^\d+$/.test(rows.text)) throw c.syntaxError()
  if (max !== null && Number(rows.text) > max)
    throw c.error(
      `LIMIT ${rows.text} is out of range: row_limit can be 0 to ${max}`,
      '22023',
    )
  c.pos++
  return String(Number(rows.text))
}
