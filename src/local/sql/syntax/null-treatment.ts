import { reject } from '../../errors/reject.js'
import type { TextEdit } from '../text-edits.js'
import {
  emulatorLimit,
  type SyntaxResult,
  type SyntaxTokens,
} from './syntax-tokens.js'

/** Functions whose IGNORE / RESPECT NULLS goes inside the brackets. */
const INSIDE = new Set(['FIRST_VALUE', 'LAST_VALUE'])
/** Functions whose IGNORE / RESPECT NULLS follows the brackets. */
const AFTER = new Set(['LAG', 'LEAD', 'NTH_VALUE'])

/**
 * `IGNORE NULLS` / `RESPECT NULLS` in Redshift's window functions
 * (https://docs.aws.amazon.com/redshift/latest/dg/r_WF_first_value.html,
 * r_WF_LAG.html, r_WF_LEAD.html, r_WF_NTH.html), which PostgreSQL's grammar
 * lacks. RESPECT NULLS is the default and is dropped. IGNORE NULLS becomes a
 * `redshift_local` aggregate of the same name over the same window, which
 * keeps only the frame's non-null values: FIRST_VALUE / LAST_VALUE take the
 * first / last of them, NTH_VALUE the n-th. LAG / LEAD, whose OVER has no
 * frame on Redshift, get the frame of the rows before / after the current
 * one and take the k-th latest / next non-null value.
 *
 * The words are taken only where the documentation puts them: inside the
 * brackets for FIRST_VALUE and LAST_VALUE, after them for LAG, LEAD and
 * NTH_VALUE.
 *
 * @example
 * ```ts
 * rewriteNullTreatment(new SyntaxTokens('select lag(v) ignore nulls over (order by id) from t'))
 * // edits to: select redshift_local.lag(v, 1) over (order by id ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) from t
 * ```
 */
export function rewriteNullTreatment(s: SyntaxTokens): SyntaxResult {
  const edits: TextEdit[] = []
  for (let i = 0; i < s.length; i++) {
    const word = s.word(i)
    if (word !== 'IGNORE' && word !== 'RESPECT') continue
    if (s.word(i + 1) !== 'NULLS') continue
    const ignore = word === 'IGNORE'
    // Inside the brackets: FIRST_VALUE( expr IGNORE NULLS ).
    if (s.is(i + 2, ')')) {
      const open = s.partner(i + 2)
      const name = open - 1
      if (open >= 0 && INSIDE.has(s.word(name)) && !s.is(name - 1, '.')) {
        if (s.word(i + 3) !== 'OVER') return { error: s.syntaxError(i + 3) }
        edits.push(s.replace(i, i + 2, ''))
        if (ignore)
          edits.push(
            s.replace(
              name,
              name + 1,
              `redshift_local.${s.word(name).toLowerCase()}`,
            ),
          )
        i += 1
        continue
      }
    }
    // After the brackets: LAG(expr, k) IGNORE NULLS OVER (...).
    if (s.is(i - 1, ')')) {
      const open = s.partner(i - 1)
      const name = open - 1
      if (open >= 0 && AFTER.has(s.word(name)) && !s.is(name - 1, '.')) {
        const result = afterBrackets(s, name, open, i, ignore)
        if ('error' in result) return result
        edits.push(...result.edits)
        i += 1
        continue
      }
    }
    return { error: s.syntaxError(i + 1) }
  }
  return { edits }
}

function afterBrackets(
  s: SyntaxTokens,
  name: number,
  open: number,
  at: number,
  ignore: boolean,
): SyntaxResult {
  const over = at + 2
  const overOpen = over + 1
  if (s.word(over) !== 'OVER' || !s.is(overOpen, '('))
    return { error: s.syntaxError(over) }
  const overClose = s.partner(overOpen)
  if (overClose < 0) return { error: s.syntaxError(overOpen) }
  const drop = s.replace(at, at + 2, '')
  if (!ignore) return { edits: [drop] }
  const fn = s.word(name)
  const close = s.partner(open)
  const args = s.split(open + 1, close)
  if (fn === 'NTH_VALUE') {
    if (args.length !== 2) return { error: s.syntaxError(close) }
    return {
      edits: [drop, s.replace(name, name + 1, 'redshift_local.nth_value')],
    }
  }
  if (args.length < 1 || args.length > 2) return { error: s.syntaxError(close) }
  let offset = '1'
  if (args.length === 2) {
    const [from, to] = args[1]!
    const text = s.slice(from, to)
    if (to - from !== 1 || !/^\d+$/.test(text)) {
      return {
        error: emulatorLimit(
          `${fn} ... IGNORE NULLS with an offset that is not an integer constant`,
        ),
      }
    }
    offset = text
  }
  // Offset 0 is the current row itself, nulls or not.
  if (Number(offset) === 0) return { edits: [drop] }
  const windowWords = new Set(['ROWS', 'RANGE', 'GROUPS'])
  if (s.findWord(overOpen + 1, overClose, windowWords) < overClose) {
    return {
      error: reject.syntax(
        s.raw(s.findWord(overOpen + 1, overClose, windowWords)),
        `the OVER clause of ${fn} cannot contain a window frame`,
      ),
    }
  }
  const frame =
    fn === 'LAG'
      ? ' ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING'
      : ' ROWS BETWEEN 1 FOLLOWING AND UNBOUNDED FOLLOWING'
  const edits: TextEdit[] = [
    drop,
    s.replace(name, name + 1, `redshift_local.${fn.toLowerCase()}`),
    { start: s.start(overClose), end: s.start(overClose), insert: frame },
  ]
  if (args.length === 1)
    edits.push({ start: s.start(close), end: s.start(close), insert: ', 1' })
  return { edits }
}
