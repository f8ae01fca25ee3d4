import {
  isSignificant,
  keyword,
  matchBrackets,
  tokenize,
  type Token,
} from './rewrite-tokens.js'
import { applyEdits, type TextEdit } from './text-edits.js'

const TRIGGER = /@|\|\//

/** Square and cube root: as tight as `^` (r_compound_expressions.html). */
const ROOTS = new Set(['|/', '||/'])

/** Absolute value: below `^ * / %`, above `+ -`. */
const ABSOLUTE = '@'

/** The operators that bind tighter than `@`: `^`, `*`, `/`, `%`. */
const ABOVE_ABSOLUTE = new Set(['^', '*', '/', '%'])

/** Words that start an operand this rewrite does not measure. */
const UNMEASURED = new Set(['CASE', 'SELECT', 'NOT', 'EXISTS', 'ARRAY'])

/**
 * Gives the prefix operators `|/` (square root), `||/` (cube root) and `@`
 * (absolute value) Redshift's precedence: r_compound_expressions.html orders
 * `^ |/ ||/` above `* / %`, those above `@`, and `@` above `+ -`, where
 * PostgreSQL's grammar puts every such operator below `+ -` (`|/ 25 + 11` is
 * 16 on Redshift, `|/ (25 + 11)` = 6 in PostgreSQL). Each is parenthesised
 * with its operand: a signed primary (a literal, a column, a call, a
 * parenthesised expression, with its casts and subscripts) and, for `@`, the
 * `^ * / %` terms that follow. An operand starting with CASE or a subquery
 * keyword is left as written. Returns null when nothing changes.
 *
 * @example
 * ```ts
 * bindPrefixOperators('select |/ 25 + 11') // 'select (|/ 25) + 11'
 * bindPrefixOperators('select @ -2 * 3 + 1') // 'select (@ -2 * 3) + 1'
 * ```
 */
export function bindPrefixOperators(sql: string): string | null {
  if (!TRIGGER.test(sql)) return null
  const tokens = tokenize(sql).filter(isSignificant)
  const match = matchBrackets(tokens)
  const edits: TextEdit[] = []
  let i = 0
  while (i < tokens.length) {
    const token = tokens[i]!
    const root = token.kind === 'operator' && ROOTS.has(token.text)
    const absolute = token.kind === 'operator' && token.text === ABSOLUTE
    if (!root && !absolute) {
      i++
      continue
    }
    const end = absolute
      ? term(tokens, match, i + 1)
      : signedPrimary(tokens, match, i + 1)
    if (end < 0) {
      i++
      continue
    }
    edits.push({ start: token.start, end: token.start, insert: '(' })
    edits.push({ start: tokens[end]!.end, end: tokens[end]!.end, insert: ')' })
    i++
  }
  if (edits.length === 0) return null
  // Several edits may share a position ("((" before nested operators):
  // applied in order of position, inserts at one offset keep their order.
  return insertAll(sql, edits)
}

/** Applies zero-width inserts, several at one offset in the order given. */
function insertAll(sql: string, edits: readonly TextEdit[]): string {
  const byOffset = new Map<number, string>()
  for (const edit of edits)
    byOffset.set(edit.start, (byOffset.get(edit.start) ?? '') + edit.insert)
  return applyEdits(
    sql,
    [...byOffset].map(([at, insert]) => ({ start: at, end: at, insert })),
  )
}

/**
 * The index of the last token of `@`'s operand from `at`: a signed primary
 * and the `^ * / %` terms after it; -1 when it cannot be measured.
 */
function term(tokens: readonly Token[], match: Int32Array, at: number): number {
  let end = signedPrimary(tokens, match, at)
  while (end >= 0) {
    const next = tokens[end + 1]
    if (next?.kind !== 'operator' || !ABOVE_ABSOLUTE.has(next.text)) break
    const more = signedPrimary(tokens, match, end + 2)
    if (more < 0) return -1
    end = more
  }
  return end
}

/**
 * The index of the last token of a primary from `at`, after any signs and
 * nested prefix operators; -1 when it cannot be measured.
 */
function signedPrimary(
  tokens: readonly Token[],
  match: Int32Array,
  at: number,
): number {
  let i = at
  while (
    tokens[i]?.kind === 'operator' &&
    ['-', '+', ABSOLUTE, ...ROOTS].includes(tokens[i]!.text)
  ) {
    if (tokens[i]!.text === ABSOLUTE) return term(tokens, match, i + 1)
    i++
  }
  const first = tokens[i]
  if (first === undefined) return -1
  let end: number
  if (first.kind === 'punct' && first.text === '(') {
    end = match[i]!
    if (end < 0 || UNMEASURED.has(keyword(tokens[i + 1]))) return -1
  } else if (
    first.kind === 'number' ||
    first.kind === 'string' ||
    first.kind === 'param' ||
    first.kind === 'quoted' ||
    (first.kind === 'word' && !UNMEASURED.has(keyword(first)))
  ) {
    end = i
    // A typed literal: date '2008-01-01', interval '1 day'.
    if (first.kind === 'word' && tokens[i + 1]?.kind === 'string') end = i + 1
    // Qualified names: a.b, s.t.c.
    while (
      tokens[end + 1]?.text === '.' &&
      (tokens[end + 2]?.kind === 'word' || tokens[end + 2]?.kind === 'quoted')
    )
      end += 2
    // A call: name(...).
    if (tokens[end + 1]?.text === '(' && first.kind !== 'number') {
      end = match[end + 1]!
      if (end < 0) return -1
    }
  } else return -1
  // Casts and subscripts bind tighter than any operator.
  for (;;) {
    const next = tokens[end + 1]
    if (next?.text === '[') {
      end = match[end + 1]!
      if (end < 0) return -1
    } else if (
      next?.kind === 'operator' &&
      next.text === '::' &&
      tokens[end + 2]?.kind === 'word'
    ) {
      end += 2
      // A two-word type (double precision, character varying) or a modifier.
      if (
        tokens[end + 1]?.kind === 'word' &&
        ['PRECISION', 'VARYING'].includes(keyword(tokens[end + 1]))
      )
        end++
      if (tokens[end + 1]?.text === '(') {
        end = match[end + 1]!
        if (end < 0) return -1
      }
    } else break
  }
  return end
}
