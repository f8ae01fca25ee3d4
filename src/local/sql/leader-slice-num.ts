import { isSignificant, keyword, tokenize } from './rewrite-tokens.js'
import { applyEdits, type TextEdit } from './text-edits.js'

/**
 * SLICE_NUM() in a query that reads no table runs on the leader node and
 * answers 10000 (r_SLICE_NUM.html: "a query without a FROM statement runs
 * on the leader node"); next to a table it is the row's slice, 0 in the
 * emulator's one slice. `text` is a SELECT the caller knows reads no user
 * table or system view: each unqualified `slice_num()` becomes the
 * leader's, keeping the column name. Returns null when nothing changes.
 *
 * @example
 * ```ts
 * leaderSliceNumbers('select slice_num()') // 'select redshift_local.slice_num()'
 * ```
 */
export function leaderSliceNumbers(text: string): string | null {
  if (!/slice_num/i.test(text)) return null
  const tokens = tokenize(text).filter(isSignificant)
  const edits: TextEdit[] = []
  tokens.forEach((token, i) => {
    if (keyword(token) !== 'SLICE_NUM') return
    if (tokens[i - 1]?.text === '.') return
    if (tokens[i + 1]?.text !== '(' || tokens[i + 2]?.text !== ')') return
    edits.push({
      start: token.start,
      end: token.end,
      insert: 'redshift_local.slice_num',
    })
  })
  return edits.length === 0 ? null : applyEdits(text, edits)
}
