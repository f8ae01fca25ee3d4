import { identifierName } from '../rewrite-tokens.js'
import type { TextEdit } from '../text-edits.js'
import { bareNames } from './lateral-alias.js'
import {
  emulatorLimit,
  type SyntaxResult,
  type SyntaxTokens,
} from './syntax-tokens.js'

const SET_OPERATIONS = new Set(['UNION', 'INTERSECT', 'EXCEPT', 'MINUS'])
const AFTER_QUALIFY = new Set([
  'ORDER',
  'LIMIT',
  'OFFSET',
  ...SET_OPERATIONS,
  // Clauses that come before QUALIFY: met after it, they are out of order.
  'WHERE',
  'GROUP',
  'HAVING',
  'QUALIFY',
])
const AFTER_ORDER_BY = new Set(['LIMIT', 'OFFSET', ...SET_OPERATIONS])
/** Words that end a select list. */
const LIST_END = new Set([
  'FROM',
  'INTO',
  'WHERE',
  'GROUP',
  'HAVING',
  'QUALIFY',
])

/**
 * `QUALIFY condition` (https://docs.aws.amazon.com/redshift/latest/dg/r_QUALIFY_clause.html)
 * filters rows after the window functions are computed, before ORDER BY
 * and LIMIT. PostgreSQL has no such clause, and no way to drop a helper
 * column from `SELECT *`; but it evaluates set-returning functions in ORDER
 * BY after the window functions, so the condition becomes the last ORDER BY
 * key `redshift_local.qualify(condition)`, which yields no row (the row is
 * dropped) unless the condition is true. The select list and its column names
 * are untouched. A QUALIFY in one input of a set operation gets its own
 * brackets, so its ORDER BY stays its own.
 *
 * As on Redshift, QUALIFY right after a table name is read as the table's
 * alias, which leaves the condition a syntax error: the page asks for an
 * alias there.
 *
 * @example
 * ```ts
 * rewriteQualify(new SyntaxTokens('select * from t x qualify row_number() over (order by a) = 1'))
 * // edits to: select * from t x ORDER BY redshift_local.qualify(row_number() over (order by a) = 1)
 * ```
 */
export function rewriteQualify(s: SyntaxTokens): SyntaxResult {
  const edits: TextEdit[] = []
  for (let q = 0; q < s.length; q++) {
    if (s.word(q) !== 'QUALIFY' || s.is(q - 1, '.') || s.word(q - 1) === 'AS')
      continue
    if (readsAsAlias(s, q)) return { error: s.syntaxError(q + 1) }
    const levelStart = s.levelStart(q)
    const levelEnd = s.levelEnd(q)
    const end = s.findWord(q + 1, levelEnd, AFTER_QUALIFY)
    const next = s.word(end)
    if (
      next === 'WHERE' ||
      next === 'GROUP' ||
      next === 'HAVING' ||
      next === 'QUALIFY'
    )
      return { error: s.syntaxError(end) }
    if (end === q + 1) return { error: s.syntaxError(end) }
    const select = selectOf(s, levelStart, q)
    if (select < 0) return { error: s.syntaxError(q) }
    const filter = `redshift_local.qualify(${condition(s, select, q + 1, end)})`
    const inSetOperation =
      s.findWord(levelStart, levelEnd, SET_OPERATIONS) < levelEnd
    const distinct = distinctOf(s, select)
    if (distinct >= 0) {
      // QUALIFY filters before DISTINCT: the block without DISTINCT, filtered,
      // becomes the input of `SELECT [TOP n] DISTINCT *`, which keeps its
      // columns and names; ORDER BY and LIMIT stay outside, on its output.
      if (!inSetOperation && next === 'ORDER') {
        const orderEnd = s.findWord(end + 2, levelEnd, AFTER_ORDER_BY)
        for (let i = end + 2; i < orderEnd; i++) {
          if (s.is(i, '.'))
            return {
              error: emulatorLimit(
                'QUALIFY with SELECT DISTINCT and a qualified ORDER BY column',
                'order by the output column name or position',
              ),
            }
        }
      }
      edits.push(
        s.replace(
          select,
          distinct + 1,
          `${s.slice(select, distinct + 1)} * FROM (SELECT`,
        ),
      )
      edits.push(
        s.replace(
          q,
          end,
          `ORDER BY ${filter}) AS "__qualify"${end < levelEnd ? ' ' : ''}`,
        ),
      )
    } else if (inSetOperation) {
      // This input's own ORDER BY, in brackets of its own.
      edits.push({ start: s.start(select), end: s.start(select), insert: '(' })
      edits.push(
        s.replace(q, end, `ORDER BY ${filter})${end < levelEnd ? ' ' : ''}`),
      )
    } else if (next === 'ORDER') {
      const orderEnd = s.findWord(end + 2, levelEnd, AFTER_ORDER_BY)
      edits.push({ start: s.start(q), end: s.start(end), insert: '' })
      edits.push({
        start: s.end(orderEnd - 1),
        end: s.end(orderEnd - 1),
        insert: `, ${filter}`,
      })
    } else {
      edits.push(
        s.replace(q, end, `ORDER BY ${filter}${end < levelEnd ? ' ' : ''}`),
      )
    }
  }
  return { edits }
}

/**
 * The condition's text, with each bare name of a select-list alias (`expr AS
 * name`) replaced by its expression: r_QUALIFY_clause.html's examples filter
 * on an alias (`QUALIFY last_item = ss_item`), while PostgreSQL, where the
 * condition becomes an ORDER BY expression, reads only input columns there.
 * Where an alias shares its name with a FROM column, the alias is taken; the
 * page does not say which Redshift takes.
 */
function condition(
  s: SyntaxTokens,
  select: number,
  from: number,
  to: number,
): string {
  const aliases = selectListAliases(s, select)
  if (aliases.size === 0) return s.slice(from, to)
  let text = ''
  let copied = s.start(from)
  for (const { at, name } of bareNames(s, from, to)) {
    const expression = aliases.get(name)
    if (expression === undefined) continue
    text += `${s.text.slice(copied, s.start(at))}(${expression})`
    copied = s.end(at)
  }
  return text + s.text.slice(copied, s.end(to - 1))
}

/** `name -> expression text` of the block's `expr AS name` select-list items. */
function selectListAliases(
  s: SyntaxTokens,
  select: number,
): Map<string, string> {
  const aliases = new Map<string, string>()
  let first = select + 1
  if (s.word(first) === 'DISTINCT' || s.word(first) === 'ALL') first += 1
  if (s.word(first) === 'TOP') first += 2
  const listEnd = s.findWord(first, s.levelEnd(select), LIST_END)
  for (const [a, b] of s.split(first, listEnd)) {
    const name = s.tokens[b - 1]
    if (b - a < 3 || s.word(b - 2) !== 'AS' || name === undefined) continue
    if (name.kind !== 'word' && name.kind !== 'quoted') continue
    aliases.set(identifierName(name), s.slice(a, b - 2))
  }
  return aliases
}

/** The index of DISTINCT in SELECT [TOP n] DISTINCT at `select`, or -1. */
function distinctOf(s: SyntaxTokens, select: number): number {
  const at = s.word(select + 1) === 'TOP' ? select + 3 : select + 1
  return s.word(at) === 'DISTINCT' ? at : -1
}

/** Whether Redshift reads this QUALIFY as the alias of the table before it. */
function readsAsAlias(s: SyntaxTokens, q: number): boolean {
  const previous = s.tokens[q - 1]
  if (previous?.kind !== 'word' && previous?.kind !== 'quoted') return false
  let k = q - 1
  while (s.is(k - 1, '.')) k -= 2
  const before = s.word(k - 1)
  if (before === 'FROM' || before === 'JOIN') return true
  if (!s.is(k - 1, ',')) return false
  // A comma of the FROM list (not of the select list).
  const from = s.findWord(s.levelStart(q), q, new Set(['FROM']))
  return from < k
}

/** The SELECT keyword that starts the query block QUALIFY belongs to. */
function selectOf(s: SyntaxTokens, levelStart: number, q: number): number {
  for (let i = q - 1; i >= levelStart; i--) {
    if (s.is(i, ')')) {
      const open = s.partner(i)
      if (open < 0) return -1
      i = open
    } else if (s.word(i) === 'SELECT') return i
  }
  return -1
}
