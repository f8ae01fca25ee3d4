import type { TextEdit } from '../text-edits.js'
import type { SyntaxResult, SyntaxTokens } from './syntax-tokens.js'

/**
 * Redshift's one-bound window frames that end after the current row:
 * "Where BETWEEN is not specified, the frame is implicitly bounded by the
 * current row ... `ROWS UNBOUNDED FOLLOWING` is equal to `ROWS BETWEEN
 * CURRENT ROW AND UNBOUNDED FOLLOWING`"
 * (https://docs.aws.amazon.com/redshift/latest/dg/r_Window_function_synopsis.html).
 * PostgreSQL reads a single bound as the frame's start, so it refuses
 * `ROWS UNBOUNDED FOLLOWING` and `ROWS 2 FOLLOWING`; both become the BETWEEN
 * form the page gives. A single PRECEDING or CURRENT ROW bound means the same
 * in both and is left alone.
 *
 * @example
 * ```ts
 * rewriteFrameShorthand(new SyntaxTokens('select sum(x) over (order by id rows unbounded following) from t'))
 * // edits to: select sum(x) over (order by id rows BETWEEN CURRENT ROW AND unbounded following) from t
 * ```
 */
export function rewriteFrameShorthand(s: SyntaxTokens): SyntaxResult {
  const edits: TextEdit[] = []
  for (let i = 0; i + 2 < s.length; i++) {
    if (s.word(i) !== 'ROWS' || s.word(i + 2) !== 'FOLLOWING') continue
    const bound = s.tokens[i + 1]!
    if (s.word(i + 1) !== 'UNBOUNDED' && bound.kind !== 'number') continue
    edits.push({
      start: s.start(i + 1),
      end: s.start(i + 1),
      insert: 'BETWEEN CURRENT ROW AND ',
    })
    i += 2
  }
  return { edits }
}
