import { quoteIdentifier } from '../quote.js'
import { identifierName } from '../rewrite-tokens.js'
import type { TextEdit } from '../text-edits.js'
import { starColumns } from './relation-input.js'
import {
  TRAILING_CLAUSES,
  type SyntaxContext,
  type SyntaxResult,
  type SyntaxTokens,
} from './syntax-tokens.js'

const LIST_END = new Set([
  'FROM',
  'INTO',
  'WHERE',
  'GROUP',
  'HAVING',
  'ORDER',
  'LIMIT',
  'UNION',
  'INTERSECT',
  'EXCEPT',
  'MINUS',
])
const FROM_END = new Set([...TRAILING_CLAUSES, 'WITH', 'WHERE'])
const JOIN_WORDS = new Set([
  'JOIN',
  'INNER',
  'LEFT',
  'RIGHT',
  'FULL',
  'CROSS',
  'NATURAL',
  'OUTER',
])
/** Aggregates that make the block a grouped one (the rewrite leaves those alone). */
const AGGREGATES = new Set([
  'COUNT',
  'SUM',
  'AVG',
  'MIN',
  'MAX',
  'LISTAGG',
  'MEDIAN',
  'STDDEV',
  'STDDEV_SAMP',
  'STDDEV_POP',
  'VARIANCE',
  'VAR_SAMP',
  'VAR_POP',
  'BIT_AND',
  'BIT_OR',
  'BOOL_AND',
  'BOOL_OR',
  'PERCENTILE_CONT',
  'PERCENTILE_DISC',
  'APPROXIMATE',
])

/**
 * Lateral column aliases (https://docs.aws.amazon.com/redshift/latest/dg/r_SELECT_list.html):
 * an alias is known right after it is defined in the select list, and a
 * column of the FROM clause with the same name takes priority. PostgreSQL
 * resolves a name in the innermost scope first, so an expression that names
 * an earlier alias is evaluated in a scope that puts the FROM items' columns
 * inside the aliases:
 * `(SELECT (SELECT expr FROM (SELECT t.*) AS "__columns") FROM (SELECT e1 AS a1) AS "__aliases")`.
 *
 * In a grouped block, or one with window functions, the inner `t.*` would
 * read ungrouped columns: there each alias is inlined, as the page says
 * Redshift does, where it is no column of the FROM items. Those columns are
 * read as `*` would give them (`starColumns`: the catalog's, a subquery's,
 * a WITH query's); until the catalog's are known, or where they cannot be,
 * the block is left as written, and PostgreSQL refuses a name that is no
 * column.
 *
 * @example
 * ```ts
 * rewriteLateralAliases(new SyntaxTokens('select clicks / impressions as probability, round(100 * probability, 1) as percentage from raw_data'))
 * ```
 */
export function rewriteLateralAliases(
  s: SyntaxTokens,
  context: SyntaxContext,
): SyntaxResult {
  const edits: TextEdit[] = []
  for (let select = 0; select < s.length; select++) {
    if (s.word(select) !== 'SELECT') continue
    const levelEnd = s.levelEnd(select)
    let first = select + 1
    if (s.word(first) === 'DISTINCT' || s.word(first) === 'ALL') first += 1
    if (s.word(first) === 'TOP') first += 2
    const listEnd = s.findWord(first, levelEnd, LIST_END)
    const items = s.split(first, listEnd)
    if (items.length < 2) continue
    const aliases: { name: string; expr: [number, number] }[] = []
    const pending: { expr: [number, number]; refs: Set<string> }[] = []
    for (const [a, b] of items) {
      const expr: [number, number] =
        s.word(b - 2) === 'AS' ? [a, b - 2] : [a, b]
      const refs = references(s, expr, new Set(aliases.map((x) => x.name)))
      if (refs.size > 0) pending.push({ expr, refs })
      // An alias named after a column its own expression reads (nvl(a, 0)
      // AS a) names a FROM column: later uses already mean that column.
      if (s.word(b - 2) === 'AS') {
        const name = identifierName(s.tokens[b - 1]!)
        if (!readsColumn(s, expr, name)) aliases.push({ name, expr })
      }
    }
    if (pending.length === 0) continue
    if (grouped(s, select, listEnd, levelEnd)) {
      edits.push(...inlined(s, items, listEnd, levelEnd, context))
      select = listEnd
      continue
    }
    const from = s.word(listEnd) === 'FROM' ? listEnd : -1
    const names =
      from < 0
        ? []
        : fromNames(s, from + 1, s.findWord(from + 1, levelEnd, FROM_END))
    if (names === null) continue
    // Each alias's value as the rewrite computes it (earlier ones nest).
    const values = new Map<string, string>()
    for (const [a, b] of items) {
      const expr: [number, number] =
        s.word(b - 2) === 'AS' ? [a, b - 2] : [a, b]
      const item = pending.find((p) => p.expr[0] === expr[0])
      let text = s.slice(expr[0], expr[1])
      if (item) {
        const scope = [...values]
          .map(([name, value]) => `${value} AS ${quoteIdentifier(name)}`)
          .join(', ')
        const inner =
          names.length === 0
            ? text
            : `(SELECT ${text} FROM (SELECT ${names.map((n) => `${n}.*`).join(', ')}) AS "__columns")`
        text = `(SELECT ${inner} FROM (SELECT ${scope}) AS "__aliases")`
        edits.push(s.replace(expr[0], expr[1], text))
      }
      if (s.word(b - 2) === 'AS')
        values.set(identifierName(s.tokens[b - 1]!), text)
    }
    select = listEnd
  }
  return { edits }
}

/**
 * The edits that inline a grouped block's aliases: each bare name of an
 * earlier alias that no FROM item's column has becomes `(expression)`, the
 * alias's own expression with its references inlined. None until the FROM
 * items' columns are known (the relations to read go to `context.asked`).
 */
function inlined(
  s: SyntaxTokens,
  items: readonly [number, number][],
  listEnd: number,
  levelEnd: number,
  context: SyntaxContext,
): TextEdit[] {
  let columns: ReadonlySet<string> = new Set()
  if (s.word(listEnd) === 'FROM') {
    const fromEnd = s.findWord(listEnd + 1, levelEnd, FROM_END)
    const found = starColumns(s, s.slice(listEnd + 1, fromEnd), context)
    if ('needs' in found) {
      for (const key of found.needs) context.asked.add(key)
      return []
    }
    if ('unknowable' in found) return []
    columns = new Set(found)
  }
  const fold = (name: string) => (context.fold ? name.toLowerCase() : name)
  const values = new Map<string, string>()
  const edits: TextEdit[] = []
  for (const [a, b] of items) {
    const named = s.word(b - 2) === 'AS'
    const end = named ? b - 2 : b
    let text = ''
    let copied = s.start(a)
    for (const { at, name } of bareNames(s, a, end)) {
      const value = values.get(name)
      if (value === undefined || columns.has(fold(name))) continue
      // A type name (`x::date`, `CAST(x AS date)`, `date '...'`) is no value.
      if (s.is(at - 1, '::') || s.word(at - 1) === 'AS') continue
      if (s.tokens[at + 1]?.kind === 'string') continue
      text += `${s.text.slice(copied, s.start(at))}(${value})`
      copied = s.end(at)
    }
    if (copied !== s.start(a)) {
      text += s.text.slice(copied, s.end(end - 1))
      edits.push(s.replace(a, end, text))
    } else text = s.slice(a, end)
    if (named) values.set(identifierName(s.tokens[b - 1]!), text)
  }
  return edits
}

/** Names of earlier aliases that `expr` uses as bare names (outside subqueries). */
function references(
  s: SyntaxTokens,
  [a, b]: [number, number],
  aliases: ReadonlySet<string>,
): Set<string> {
  const found = new Set<string>()
  if (aliases.size === 0) return found
  for (const { name } of bareNames(s, a, b))
    if (aliases.has(name)) found.add(name)
  return found
}

/**
 * The bare names between tokens `from` and `to` (not qualified, not
 * qualifying, not a function's), outside subqueries: where a select-list
 * alias may be read as a value.
 *
 * @example
 * ```ts
 * [...bareNames(s, 0, s.length)].map((n) => n.name) // ['a', 'b'] for `a + t.c + f(x) + b`
 * ```
 */
export function* bareNames(
  s: SyntaxTokens,
  from: number,
  to: number,
): Generator<{ readonly at: number; readonly name: string }> {
  for (let i = from; i < to; i++) {
    if (s.is(i, '(') && s.word(i + 1) === 'SELECT') {
      i = Math.max(i, s.partner(i))
      continue
    }
    const t = s.tokens[i]!
    if (t.kind !== 'word' && t.kind !== 'quoted') continue
    if (s.is(i - 1, '.') || s.is(i + 1, '.') || s.is(i + 1, '(')) continue
    yield { at: i, name: identifierName(t) }
  }
}

/** Whether `expr` reads a column called `name` (bare or qualified). */
function readsColumn(
  s: SyntaxTokens,
  [a, b]: [number, number],
  name: string,
): boolean {
  for (let i = a; i < b; i++) {
    const t = s.tokens[i]!
    if (t.kind !== 'word' && t.kind !== 'quoted') continue
    if (s.is(i + 1, '(') || s.is(i + 1, '.')) continue
    if (identifierName(t) === name) return true
  }
  return false
}

/** Whether the block groups or uses window functions (the rewrite stays out). */
function grouped(
  s: SyntaxTokens,
  select: number,
  listEnd: number,
  levelEnd: number,
): boolean {
  if (s.findWord(listEnd, levelEnd, new Set(['GROUP', 'HAVING'])) < levelEnd)
    return true
  for (let i = select + 1; i < listEnd; i++) {
    const word = s.word(i)
    if (word === 'OVER') return true
    if (AGGREGATES.has(word) && (s.is(i + 1, '(') || word === 'APPROXIMATE'))
      return true
  }
  return false
}

/** The names FROM items go by (alias or table name), or null when one has none. */
function fromNames(s: SyntaxTokens, from: number, to: number): string[] | null {
  const names: string[] = []
  let begin = from
  const close = (end: number): boolean => {
    if (end <= begin) return true
    let last = end - 1
    // `ON ...` / `USING (...)` end the item's own tokens.
    for (let i = begin; i < end; i++) {
      if (s.is(i, '(')) {
        i = Math.max(i, s.partner(i))
        continue
      }
      if (s.word(i) === 'ON' || s.word(i) === 'USING') {
        last = i - 1
        break
      }
    }
    const token = s.tokens[last]
    if (token?.kind !== 'word' && token?.kind !== 'quoted') return false
    names.push(quoteIdentifier(identifierName(token)))
    return true
  }
  for (let i = from; i < to; i++) {
    if (s.is(i, '(')) {
      i = Math.max(i, s.partner(i))
      continue
    }
    if (s.is(i, ',') || JOIN_WORDS.has(s.word(i))) {
      if (!close(i)) return null
      while (JOIN_WORDS.has(s.word(i + 1))) i++
      begin = i + 1
    }
  }
  return close(to) ? names : null
}
