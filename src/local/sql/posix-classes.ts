import {
  isSignificant,
  keyword,
  tokenize,
  type Token,
} from './rewrite-tokens.js'
import { applyEdits, type TextEdit } from './text-edits.js'

const TRIGGER = /\[:(?:alpha|alnum|lower|upper):\]/i

/** ASCII ranges for the classes Redshift reads as ASCII only. */
const ASCII_CLASSES: Readonly<Record<string, string>> = {
  alpha: 'a-zA-Z',
  alnum: 'a-zA-Z0-9',
  lower: 'a-z',
  upper: 'A-Z',
}

const POSIX_OPERATORS = new Set(['~', '!~', '~*', '!~*'])

/**
 * In the pattern of a POSIX match (`~`, `!~`) or of SIMILAR TO, written as a
 * literal, the character classes `[:alpha:]`, `[:alnum:]`, `[:lower:]` and
 * `[:upper:]` become their ASCII ranges: "Amazon Redshift supports only ASCII
 * characters" in them (pattern-matching-conditions-posix.html), where the
 * backing PostgreSQL's classes also take letters such as `é`. A pattern that
 * is not a literal keeps PostgreSQL's classes. Returns null when nothing
 * changes.
 *
 * @example
 * ```ts
 * rewritePosixClasses("select 'é' ~ '[[:alpha:]]'")
 * // "select 'é' ~ '[a-zA-Z]'"
 * ```
 */
export function rewritePosixClasses(sql: string): string | null {
  if (!TRIGGER.test(sql)) return null
  const tokens = tokenize(sql).filter(isSignificant)
  const edits: TextEdit[] = []
  tokens.forEach((token, i) => {
    if (token.kind !== 'string' || !TRIGGER.test(token.text)) return
    if (!isPattern(tokens, i)) return
    edits.push({
      start: token.start,
      end: token.end,
      insert: token.text.replace(
        /\[:(alpha|alnum|lower|upper):\]/gi,
        (_, name: string) => ASCII_CLASSES[name.toLowerCase()]!,
      ),
    })
  })
  return edits.length === 0 ? null : applyEdits(sql, edits)
}

/** Whether the string at `i` is the right operand of a POSIX match or SIMILAR TO. */
function isPattern(tokens: readonly Token[], i: number): boolean {
  const before = tokens[i - 1]
  if (before?.kind === 'operator' && POSIX_OPERATORS.has(before.text))
    return true
  return keyword(before) === 'TO' && keyword(tokens[i - 2]) === 'SIMILAR'
}
