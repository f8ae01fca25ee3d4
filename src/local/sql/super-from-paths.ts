import { keyword, matchBrackets, type Token } from './rewrite-tokens.js'
import { TRAILING_CLAUSES } from './syntax/syntax-tokens.js'

/**
 * A FROM-list path PostgreSQL's grammar cannot read as a table name: more
 * than three dotted names (`FROM t, t.doc.a.b AS e`) or a subscript
 * (`FROM t, t.c.orders[0].items AS i`), both of which Redshift unnests
 * (query-super.html: "The left operand can also use the dot and bracket
 * notation for regular navigation").
 */
export interface FromPathTail {
  /** Where the blanked part starts (its first `.` or `[`) and ends. */
  readonly start: number
  readonly end: number
  /** The blanked part as written (`.b`, `[0].items`). */
  readonly text: string
  /** The whole path as written, for the error when it is no path after all. */
  readonly path: string
  /** Whether the blanked part holds a subscript. */
  readonly subscripted: boolean
}

/** Clauses whose lists are FROM items, by the keyword that opens them. */
const FROM_LIKE = new Set(['FROM', 'ON', 'USING'])

/** Keywords that end a FROM list (or open another clause at the same depth). */
const CLAUSES = new Set([
  ...TRAILING_CLAUSES,
  'SELECT',
  'FROM',
  'WHERE',
  'WINDOW',
  'ON',
  'USING',
  'SET',
  'VALUES',
  'INTO',
  'CONNECT',
  'START',
  'RETURNING',
])

/**
 * The FROM items of `tokens` (significant tokens of one statement) that are
 * paths too long or subscripted for PostgreSQL's table-name grammar, keyed by
 * the offset of the path's first name. The caller blanks each tail so the
 * statement parses with the path's first three names (a table reference to
 * PostgreSQL, an unnesting to the PartiQL rewrite), which then navigates the
 * tail as written.
 *
 * @example
 * ```ts
 * longFromPaths(significantTokens('select e from t, t.doc.a.b e'))
 * // Map { 17 => { start: 24, end: 26, text: '.b', path: 't.doc.a.b', subscripted: false } }
 * ```
 */
export function longFromPaths(
  tokens: readonly Token[],
): ReadonlyMap<number, FromPathTail> {
  const found = new Map<number, FromPathTail>()
  let match: Int32Array | undefined
  const clause: string[] = ['']
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!
    if (t.kind === 'punct' && (t.text === '(' || t.text === '[')) {
      clause.push('')
      continue
    }
    if (t.kind === 'punct' && (t.text === ')' || t.text === ']')) {
      if (clause.length > 1) clause.pop()
      continue
    }
    const word = keyword(t)
    if (CLAUSES.has(word)) clause[clause.length - 1] = word
    const startsItem =
      word === 'FROM' ||
      word === 'JOIN' ||
      word === 'UNPIVOT' ||
      (t.text === ',' && FROM_LIKE.has(clause[clause.length - 1]!))
    if (!startsItem) continue
    const head = tokens[i + 1]
    if (head === undefined || (head.kind !== 'word' && head.kind !== 'quoted'))
      continue
    match ??= matchBrackets(tokens)
    const tail = pathTail(tokens, match, i + 1)
    if (tail !== undefined) found.set(head.start, tail)
  }
  return found
}

/** The tail of the path starting at token `first` past its third name, or its first subscript. */
function pathTail(
  tokens: readonly Token[],
  match: Int32Array,
  first: number,
): FromPathTail | undefined {
  let names = 1
  let cut: number | undefined
  let subscripted = false
  let i = first + 1
  while (i < tokens.length) {
    const t = tokens[i]!
    const next = tokens[i + 1]
    if (
      t.text === '.' &&
      next !== undefined &&
      (next.kind === 'word' || next.kind === 'quoted')
    ) {
      names++
      if (names > 3) cut ??= i
      i += 2
    } else if (t.text === '[' && match[i]! > i) {
      cut ??= i
      subscripted = true
      i = match[i]! + 1
    } else break
  }
  if (cut === undefined) return undefined
  const text = (from: number, to: number) =>
    tokens
      .slice(from, to)
      .map((token) => token.text)
      .join('')
  return {
    start: tokens[cut]!.start,
    end: tokens[i - 1]!.end,
    text: text(cut, i),
    path: text(first, i),
    subscripted,
  }
}
