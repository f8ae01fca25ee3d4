import { tokenize } from './rewrite-tokens.js'
import { applyEdits, type TextEdit } from './text-edits.js'

// A numeral with a letter or underscore right after it (`1_000`, `0x1F`,
// `123abc`), outside the exponent of `2.0e19`: the only statements that
// pay for tokenising here.
const TRIGGER =
  /(?<![\w$])(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?(?![\d.])(?!e[-+]?\d)[a-z_\u0080-\uffff]/i

/**
 * Redshift reads a number as PostgreSQL 8.0 does: an integer literal is "a
 * sequence of the digits 0-9" and a floating-point one adds a decimal point
 * and an exponent (r_numeric_literals201.html), and the word that follows a
 * numeral without a space is a name of its own: `select 1_000` is 1 named
 * `_000`, `select 0x1F` is 0 named `x1f`. PostgreSQL 16 reads `1_000` as
 * 1000 and `0x1F` as 31, and refuses `123abc` ("trailing junk"). A space
 * between the numeral and the word gives PostgreSQL Redshift's reading.
 * Returns null when nothing changes.
 *
 * @example
 * ```ts
 * splitNumericLiterals('select 0x1F') // 'select 0 x1F'
 * splitNumericLiterals('select 2.0e19') // null
 * ```
 */
export function splitNumericLiterals(sql: string): string | null {
  if (!TRIGGER.test(sql)) return null
  const tokens = tokenize(sql)
  const edits: TextEdit[] = []
  tokens.forEach((token, i) => {
    const next = tokens[i + 1]
    if (token.kind === 'number' && next?.kind === 'word')
      edits.push({ start: token.end, end: token.end, insert: ' ' })
  })
  return edits.length === 0 ? null : applyEdits(sql, edits)
}
