import { reject } from '../../errors/reject.js'
import type { TextEdit } from '../text-edits.js'
import {
  TRAILING_CLAUSES,
  type SyntaxResult,
  type SyntaxTokens,
} from './syntax-tokens.js'

/**
 * Words a DELETE statement may start after (EXPLAIN, PREPARE ... AS, a WITH
 * clause's `)`), besides the start of the statement. A comma is not one:
 * `GRANT SELECT, DELETE ON t` names the privilege.
 */
const BEFORE_DELETE = new Set(['EXPLAIN', 'VERBOSE', 'AS'])

/**
 * `DELETE table_name`: FROM is optional on Redshift except when USING
 * follows (https://docs.aws.amazon.com/redshift/latest/dg/r_DELETE.html),
 * so `delete event;` is `delete from event;`.
 *
 * @example
 * ```ts
 * rewriteDeleteFrom(new SyntaxTokens('delete event where eventid = 1'))
 * // edits to: delete FROM event where eventid = 1
 * ```
 */
export function rewriteDeleteFrom(s: SyntaxTokens): SyntaxResult {
  for (let d = 0; d < s.length; d++) {
    if (s.word(d) !== 'DELETE' || s.depth(d) !== 0) continue
    const before = s.word(d - 1)
    if (!(
      d === 0 ||
      BEFORE_DELETE.has(before) ||
      (s.is(d - 1, ')') && s.word(0) === 'WITH')
    ))
      continue
    if (s.word(d + 1) === 'FROM' || d + 1 >= s.length || s.is(d + 1, ';'))
      return { edits: [] }
    const using = s.findWord(d + 1, s.length, new Set(['USING']))
    if (using < s.length)
      return {
        error: reject.syntax('USING', 'write DELETE FROM table USING ...'),
      }
    return {
      edits: [{ start: s.start(d + 1), end: s.start(d + 1), insert: 'FROM ' }],
    }
  }
  return { edits: [] }
}

/** Aggregate functions (an item calling one is not a grouping column). */
const AGGREGATES = new Set([
  'ANY_VALUE',
  'APPROXIMATE',
  'AVG',
  'BIT_AND',
  'BIT_OR',
  'BOOL_AND',
  'BOOL_OR',
  'COUNT',
  'GROUPING',
  'GROUPING_ID',
  'LISTAGG',
  'MAX',
  'MEDIAN',
  'MIN',
  'PERCENTILE_CONT',
  'PERCENTILE_DISC',
  'STDDEV',
  'STDDEV_POP',
  'STDDEV_SAMP',
  'SUM',
  'VAR_POP',
  'VAR_SAMP',
  'VARIANCE',
])

const SELECT_LIST_END = new Set(['FROM', 'INTO'])
// GROUP BY ALL ends where the clauses after GROUP BY start.
const GROUP_BY_ALL_END = new Set(
  TRAILING_CLAUSES.filter((word) => word !== 'GROUP'),
)

/**
 * `GROUP BY ALL` groups by every item of the select list that does not
 * aggregate (https://docs.aws.amazon.com/redshift/latest/dg/r_GROUP_BY_clause.html):
 * it becomes `GROUP BY` their positions, or goes away when every item
 * aggregates. An item that calls an aggregate or window function anywhere
 * is an aggregated one; `SELECT *` is refused (its columns are not in the
 * statement).
 *
 * @example
 * ```ts
 * rewriteGroupByAll(new SyntaxTokens('select a, b, count(*) from t group by all'))
 * // edits to: select a, b, count(*) from t group by 1, 2
 * ```
 */
export function rewriteGroupByAll(s: SyntaxTokens): SyntaxResult {
  const edits: TextEdit[] = []
  for (let g = 0; g + 2 < s.length; g++) {
    if (
      s.word(g) !== 'GROUP' ||
      s.word(g + 1) !== 'BY' ||
      s.word(g + 2) !== 'ALL'
    )
      continue
    const after = g + 3
    const levelEnd = s.levelEnd(g)
    // GROUP BY ALL a, b is PostgreSQL's set quantifier, not Redshift's ALL.
    if (after < levelEnd && !GROUP_BY_ALL_END.has(s.word(after))) continue
    const levelStart = s.levelStart(g)
    let select = -1
    for (let i = g - 1; i >= levelStart; i--) {
      if (s.depth(i) === s.depth(g) && s.word(i) === 'SELECT') {
        select = i
        break
      }
    }
    if (select < 0) return { error: s.syntaxError(g + 2) }
    let first = select + 1
    if (s.word(first) === 'TOP') first += 2
    if (s.word(first) === 'DISTINCT' || s.word(first) === 'ALL') first++
    const listEnd = s.findWord(first, g, SELECT_LIST_END)
    const positions: number[] = []
    let n = 0
    for (const [from, to] of s.split(first, listEnd)) {
      n++
      if (to - from === 1 && s.is(from, '*'))
        return {
          error: reject.syntax(
            'ALL',
            'GROUP BY ALL needs the select list written out, not *',
          ),
        }
      if (!aggregates(s, from, to)) positions.push(n)
    }
    edits.push(
      positions.length === 0
        ? s.replace(g, after, '')
        : s.replace(g, after, `GROUP BY ${positions.join(', ')}`),
    )
  }
  return { edits }
}

/** Whether tokens [from, to) call an aggregate or a window function. */
function aggregates(s: SyntaxTokens, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const word = s.word(i)
    if (word === 'OVER' && s.is(i + 1, '(')) return true
    if (AGGREGATES.has(word) && s.is(i + 1, '(') && !s.is(i - 1, '.'))
      return true
    // APPROXIMATE COUNT(DISTINCT ...) / APPROXIMATE PERCENTILE_DISC
    if (word === 'APPROXIMATE') return true
  }
  return false
}

/**
 * GROUPING_ID(a, b) is GROUPING(a, b): the bits of the arguments' GROUPING
 * values, the first argument the highest
 * (https://docs.aws.amazon.com/redshift/latest/dg/r_GROUP_BY_aggregation-extensions.html).
 *
 * @example
 * ```ts
 * rewriteGroupingId(new SyntaxTokens('select grouping_id(a, b) from t group by cube(a, b)'))
 * // edits to: select grouping(a, b) from t group by cube(a, b)
 * ```
 */
export function rewriteGroupingId(s: SyntaxTokens): SyntaxResult {
  const edits: TextEdit[] = []
  for (let i = 0; i < s.length; i++) {
    if (s.word(i) !== 'GROUPING_ID' || !s.is(i + 1, '(') || s.is(i - 1, '.'))
      continue
    edits.push(s.replace(i, i + 1, 'grouping'))
    // A select-list item of its own, unaliased: Redshift names the column
    // after the function, `grouping_id`, where PostgreSQL says `grouping`.
    const close = s.partner(i + 1)
    if (close > 0 && wholeSelectItem(s, i, close))
      edits.push({
        start: s.end(close),
        end: s.end(close),
        insert: ' as grouping_id',
      })
  }
  return { edits }
}

/** Words after which a select-list item starts. */
const ITEM_BEFORE = new Set(['SELECT', 'DISTINCT', 'ALL'])

/** Words that end a select-list item. */
const ITEM_AFTER = new Set(['FROM', 'INTO', ...TRAILING_CLAUSES])

/** Words that start a clause other than the select list, at one level. */
const OTHER_CLAUSE = new Set([
  'FROM',
  'WHERE',
  'ON',
  'BY',
  'HAVING',
  'QUALIFY',
  'WHEN',
  'THEN',
  'ELSE',
  'SET',
  'VALUES',
  'RETURNING',
])

/** Whether tokens [from, close] are one whole, unaliased item of a select list. */
function wholeSelectItem(
  s: SyntaxTokens,
  from: number,
  close: number,
): boolean {
  const before = from - 1
  if (!s.is(before, ',') && !ITEM_BEFORE.has(s.word(before))) return false
  const after = close + 1
  if (
    after < s.length &&
    !s.is(after, ',') &&
    !s.is(after, ')') &&
    !s.is(after, ';') &&
    !ITEM_AFTER.has(s.word(after))
  )
    return false
  for (let j = before; j >= 0; j--) {
    if (s.is(j, ')')) {
      j = s.partner(j)
      if (j < 0) return false
      continue
    }
    if (s.is(j, '(')) return false
    if (s.word(j) === 'SELECT') return true
    if (OTHER_CLAUSE.has(s.word(j))) return false
  }
  return false
}
