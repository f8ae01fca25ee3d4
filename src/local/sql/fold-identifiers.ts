import type { Token } from './lexer.js'
import { applyEdits, type TextEdit } from './text-edits.js'

/**
 * Redshift folds delimited ("double-quoted") identifiers to lower case unless
 * `enable_case_sensitive_identifier` is on, so `"MixedCase"` names the same
 * table as `mixedcase` and result columns come back lower-cased. PostgreSQL
 * keeps their case, so the emulator lower-cases them in the statement text.
 * Returns `null` when no quoted identifier has an upper-case letter.
 *
 * @example
 * ```ts
 * foldQuotedIdentifiers('select 1 as "Total"', tokenize('select 1 as "Total"'))
 * // 'select 1 as "total"'
 * ```
 */
export function foldQuotedIdentifiers(
  text: string,
  tokens: readonly Token[],
): string | null {
  let edits: TextEdit[] | null = null
  for (const token of tokens) {
    if (token.kind !== 'quoted' || text.charCodeAt(token.start) !== 34) continue
    const raw = text.slice(token.start, token.end)
    const lower = raw.toLowerCase()
    if (lower !== raw) {
      ;(edits ??= []).push({
        start: token.start,
        end: token.end,
        insert: lower,
      })
    }
  }
  return edits === null ? null : applyEdits(text, edits)
}
