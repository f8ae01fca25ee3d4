import { reject } from '../errors/reject.js'
import type { ErrorFields } from '../protocol/error-fields.js'
import {
  isSignificant,
  keyword,
  matchBrackets,
  tokenize,
  type Token,
} from './rewrite-tokens.js'

const TRIGGER = /\(\?/

const POSIX_OPERATORS = new Set(['~', '!~'])

/**
 * The REGEXP functions, each with the position of its `parameters` argument,
 * whose `p` reads the pattern as PCRE (REGEXP_COUNT.html, REGEXP_INSTR.html,
 * REGEXP_SUBSTR.html, REGEXP_REPLACE.html).
 */
const REGEXP_PARAMETERS: Readonly<Record<string, number>> = {
  REGEXP_COUNT: 3,
  REGEXP_INSTR: 5,
  REGEXP_SUBSTR: 4,
  REGEXP_REPLACE: 4,
}

/** The characters a backslash stands for before these letters. */
const ESCAPES: Readonly<Record<string, string>> = {
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
}

/**
 * The error for a literal POSIX pattern that uses a construct Redshift's
 * POSIX matching does not have: a group opened with `(?` (look-ahead
 * `(?=`, `(?!`, look-behind `(?<=`, non-capturing `(?:` ...). The
 * metacharacters pattern-matching-conditions-posix.html lists have none; the
 * REGEXP functions read them with their `p` (PCRE) parameter only. The
 * backing PostgreSQL's regular expressions take them all. Redshift's words
 * are the ones public reports give; the SQLSTATE is not documented.
 * Checked in the right operand of `~` / `!~` and in the pattern of REGEXP_COUNT,
 * REGEXP_INSTR, REGEXP_SUBSTR and REGEXP_REPLACE without a literal `p`,
 * when the pattern is a string literal. Undefined when nothing is refused.
 *
 * @example
 * ```ts
 * posixPatternError("select 'abc' ~ 'a(?=b)'")?.message
 * // "Invalid preceding regular expression prior to repetition operator.  The error occurred ..."
 * posixPatternError("select regexp_count('abc', 'a(?=b)', 1, 'p')") // undefined
 * ```
 */
export function posixPatternError(sql: string): ErrorFields | undefined {
  if (!TRIGGER.test(sql)) return undefined
  const tokens = tokenize(sql).filter(isSignificant)
  const match = matchBrackets(tokens)
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!
    let pattern: Token | undefined
    if (token.kind === 'operator' && POSIX_OPERATORS.has(token.text)) {
      pattern = tokens[i + 1]
    } else {
      const parameters = REGEXP_PARAMETERS[keyword(token)]
      const open = i + 1
      if (parameters === undefined || tokens[open]?.text !== '(') continue
      const args = callArguments(tokens, match, open)
      const pcre = args[parameters]
      if (
        pcre !== undefined &&
        (pcre.length !== 1 ||
          pcre[0]!.kind !== 'string' ||
          /p/i.test(literalValue(pcre[0]!.text) ?? 'p'))
      )
        continue
      const written = args[1]
      if (written?.length === 1) pattern = written[0]
    }
    if (pattern?.kind !== 'string') continue
    const value = literalValue(pattern.text)
    if (value === undefined) continue
    const at = groupQuestion(value)
    if (at >= 0) return refusal(value, at)
  }
  return undefined
}

/** The argument tokens of the call whose `(` is at `open`, split at top-level commas. */
function callArguments(
  tokens: readonly Token[],
  match: Int32Array,
  open: number,
): Token[][] {
  const close = match[open]!
  if (close < 0 || close === open + 1) return []
  const args: Token[][] = [[]]
  for (let i = open + 1; i < close; i++) {
    const t = tokens[i]!
    if (t.kind === 'punct' && t.text === ',') {
      args.push([])
      continue
    }
    // A nested bracket, whole, belongs to the current argument.
    const last = t.kind === 'punct' && match[i]! > i ? match[i]! : i
    args[args.length - 1]!.push(...tokens.slice(i, last + 1))
    i = last
  }
  return args
}

/**
 * The value of a plain `'...'` literal as Redshift reads it (`''` is a quote,
 * a backslash escapes the next character); undefined for other literals.
 */
function literalValue(text: string): string | undefined {
  if (!text.startsWith("'") || !text.endsWith("'") || text.length < 2)
    return undefined
  const body = text.slice(1, -1)
  let out = ''
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!
    if (c === '\\' && i + 1 < body.length) {
      const next = body[++i]!
      out += ESCAPES[next] ?? next
    } else if (c === "'" && body[i + 1] === "'") {
      out += "'"
      i++
    } else out += c
  }
  return out
}

/**
 * The index just past the `?` of the first `(?` outside a bracket expression
 * and not escaped in the regular expression `pattern`, or -1.
 */
function groupQuestion(pattern: string): number {
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!
    if (c === '\\') {
      i++
    } else if (c === '[') {
      // A `]` first in the list (after an optional `^`) is a member.
      let j = i + 1
      if (pattern[j] === '^') j++
      if (pattern[j] === ']') j++
      while (j < pattern.length && pattern[j] !== ']') {
        if (pattern[j] === '[' && pattern[j + 1] === ':') {
          const end = pattern.indexOf(':]', j + 2)
          j = end < 0 ? pattern.length : end + 2
        } else j++
      }
      i = j
    } else if (c === '(' && pattern[i + 1] === '?') {
      return i + 2
    }
  }
  return -1
}

function refusal(pattern: string, at: number): ErrorFields {
  const fragment = `${pattern.slice(Math.max(0, at - 10), at)}>>>HERE>>>${pattern.slice(at, at + 10)}`
  return reject.other(
    'XX000',
    `Invalid preceding regular expression prior to repetition operator.  The error occurred while parsing the regular expression fragment: '${fragment}'.`,
    undefined,
    "Redshift's POSIX patterns have no (? groups; the REGEXP functions read look-arounds with their 'p' (PCRE) parameter",
  )
}
