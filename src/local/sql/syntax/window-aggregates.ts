import { reject } from '../../errors/reject.js'
import type { TextEdit } from '../text-edits.js'
import type { SyntaxResult, SyntaxTokens } from './syntax-tokens.js'

const ORDERING = new Set(['ORDER', 'ROWS', 'RANGE', 'GROUPS'])

/**
 * Ranking functions whose Redshift type is not PostgreSQL's: NTILE is a
 * BIGINT (r_WF_NTILE.html), RANK and DENSE_RANK INTEGERs (r_WF_RANK.html,
 * r_WF_DENSE_RANK.html); PostgreSQL's are INTEGER, BIGINT and BIGINT.
 */
const RETYPED: ReadonlyMap<string, string> = new Map([
  ['NTILE', 'int8'],
  ['RANK', 'int4'],
  ['DENSE_RANK', 'int4'],
])

/**
 * Redshift window functions PostgreSQL's grammar or catalog lacks:
 *
 * - `RATIO_TO_REPORT(x) OVER ([PARTITION BY p])`
 *   (https://docs.aws.amazon.com/redshift/latest/dg/r_WF_RATIO_TO_REPORT.html):
 *   x over the partition's SUM(x), as FLOAT8.
 * - `PERCENTILE_CONT | PERCENTILE_DISC (p) WITHIN GROUP (ORDER BY e [ASC|DESC])
 *   OVER ([PARTITION BY q])` (r_WF_PERCENTILE_CONT.html, r_WF_PERCENTILE_DISC.html):
 *   PostgreSQL has no ordered-set aggregate as a window; the partition's
 *   sorted values are collected once and the percentile picked from them, by
 *   the documented formulas.
 * - The plain `PERCENTILE_CONT (p) WITHIN GROUP (ORDER BY e)` the same way,
 *   for its result type: DECIMAL for integers and decimals, DATE, TIMESTAMP
 *   (r_PERCENTILE_CONT.html), where PostgreSQL's is DOUBLE PRECISION only.
 * - `NTILE(n) OVER (...)` as a BIGINT (r_WF_NTILE.html), `RANK() OVER (...)`
 *   and `DENSE_RANK() OVER (...)` as an INTEGER (r_WF_RANK.html,
 *   r_WF_DENSE_RANK.html), where PostgreSQL's are INTEGER and BIGINT.
 * - `APPROXIMATE PERCENTILE_DISC (p) WITHIN GROUP (ORDER BY e)`
 *   (r_APPROXIMATE_PERCENTILE_DISC.html): computed exactly, which is within
 *   the documented error.
 *
 * The OVER clause of these, and of MEDIAN and LISTAGG (r_WF_MEDIAN.html,
 * r_WF_LISTAGG.html), takes only PARTITION BY; an ORDER BY or a frame there
 * is refused, as Redshift refuses it.
 *
 * @example
 * ```ts
 * rewriteWindowAggregates(new SyntaxTokens('select ratio_to_report(qty) over () from winsales'))
 * // edits to: select redshift_local.ratio_to_report((qty)::float8, pg_catalog.sum((qty)::float8) over ()) from winsales
 * ```
 */
export function rewriteWindowAggregates(s: SyntaxTokens): SyntaxResult {
  const edits: TextEdit[] = []
  for (let i = 0; i < s.length; i++) {
    const word = s.word(i)
    if (s.is(i - 1, '.')) continue
    if (word === 'APPROXIMATE' && s.word(i + 1) === 'PERCENTILE_DISC') {
      if (s.word(s.partner(i + 2) + 1) !== 'WITHIN')
        return { error: s.syntaxError(s.partner(i + 2) + 1) }
      edits.push(s.replace(i, i + 1, ''))
      continue
    }
    if (!s.is(i + 1, '(')) continue
    if (word === 'RATIO_TO_REPORT') {
      const result = ratioToReport(s, i)
      if ('error' in result) return result
      edits.push(...result.edits)
    } else if (RETYPED.has(word)) {
      // The cast keeps the column's name (ntile, rank, dense_rank), and
      // binds to the whole call, OVER clause included, without brackets.
      const over = overAfter(s, s.partner(i + 1))
      if (over === null) continue
      edits.push({
        start: s.end(over[1]),
        end: s.end(over[1]),
        insert: `::${RETYPED.get(word)!}`,
      })
      i = over[1]
    } else if (word === 'MEDIAN' || word === 'LISTAGG') {
      let close = s.partner(i + 1)
      if (s.word(close + 1) === 'WITHIN' && s.word(close + 2) === 'GROUP')
        close = s.partner(close + 3)
      const over = overAfter(s, close)
      if (over === null) continue
      const refused = partitionOnly(s, over[0], over[1], word)
      if (refused) return refused
    } else if (word === 'PERCENTILE_CONT' || word === 'PERCENTILE_DISC') {
      if (s.word(i - 1) === 'APPROXIMATE') continue
      const result = percentile(s, i, word)
      if ('error' in result) return result
      edits.push(...result.edits)
    }
  }
  return { edits }
}

/** `OVER ( ... )` right after token `after`: its bracket indexes, or null. */
function overAfter(s: SyntaxTokens, after: number): [number, number] | null {
  if (s.word(after + 1) !== 'OVER' || !s.is(after + 2, '(')) return null
  const close = s.partner(after + 2)
  return close < 0 ? null : [after + 2, close]
}

function partitionOnly(
  s: SyntaxTokens,
  open: number,
  close: number,
  fn: string,
): SyntaxResult | null {
  const at = s.findWord(open + 1, close, ORDERING)
  if (at >= close) return null
  return {
    error: reject.syntax(
      s.raw(at),
      `the OVER clause of ${fn} takes only PARTITION BY`,
    ),
  }
}

function ratioToReport(s: SyntaxTokens, name: number): SyntaxResult {
  const open = name + 1
  const close = s.partner(open)
  if (close < 0) return { error: s.syntaxError(open) }
  const over = overAfter(s, close)
  // Not a window call: RATIO_TO_REPORT is only a window function.
  if (over === null) return { error: s.syntaxError(close + 1) }
  const refused = partitionOnly(s, over[0], over[1], 'RATIO_TO_REPORT')
  if (refused) return refused
  if (s.split(open + 1, close).length !== 1)
    return { error: s.syntaxError(close) }
  const value = `(${s.slice(open + 1, close)})::float8`
  const spec = s.slice(over[0] + 1, over[1])
  return {
    edits: [
      s.replace(
        name,
        over[1] + 1,
        `redshift_local.ratio_to_report(${value}, pg_catalog.sum(${value}) OVER (${spec}))`,
      ),
    ],
  }
}

function percentile(s: SyntaxTokens, name: number, fn: string): SyntaxResult {
  const open = name + 1
  const close = s.partner(open)
  if (close < 0) return { error: s.syntaxError(open) }
  const within = close + 1
  const groupOpen = within + 2
  // The plain aggregate is PostgreSQL's own ordered-set aggregate.
  if (s.word(within) !== 'WITHIN' || s.word(within + 1) !== 'GROUP')
    return { edits: [] }
  const groupClose = s.partner(groupOpen)
  if (groupClose < 0) return { error: s.syntaxError(groupOpen) }
  const over = overAfter(s, groupClose)
  // The plain PERCENTILE_DISC is PostgreSQL's own ordered-set aggregate;
  // PostgreSQL's PERCENTILE_CONT is DOUBLE PRECISION only.
  if (over === null && fn === 'PERCENTILE_DISC') return { edits: [] }
  if (over !== null) {
    const refused = partitionOnly(s, over[0], over[1], fn)
    if (refused) return refused
  }
  if (s.word(groupOpen + 1) !== 'ORDER' || s.word(groupOpen + 2) !== 'BY')
    return { error: s.syntaxError(groupOpen + 1) }
  const keys = s.split(groupOpen + 3, groupClose)
  if (keys.length !== 1)
    return { error: s.syntaxError(keys[1]?.[0] ?? groupClose) }
  let [from, to] = keys[0]!
  let descending = false
  if (s.word(to - 2) === 'NULLS') to -= 2
  if (s.word(to - 1) === 'DESC' || s.word(to - 1) === 'ASC') {
    descending = s.word(to - 1) === 'DESC'
    to -= 1
  }
  if (to <= from) return { error: s.syntaxError(from) }
  const sorted = `redshift_local.sorted_values(${s.slice(from, to)})`
  const window = over === null ? '' : ` OVER (${s.slice(over[0] + 1, over[1])})`
  return {
    edits: [
      s.replace(
        name,
        (over?.[1] ?? groupClose) + 1,
        `redshift_local.${fn.toLowerCase()}(${s.slice(open + 1, close)}, ${sorted}${window}, ${descending})`,
      ),
    ],
  }
}
