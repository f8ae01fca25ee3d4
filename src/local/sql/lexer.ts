/** Kinds of token the emulator needs to tell apart in SQL text. */
export type TokenKind =
  | 'space'
  | 'comment'
  | 'string'
  | 'quoted'
  | 'word'
  | 'number'
  | 'param'
  | 'semicolon'
  | 'open'
  | 'close'
  | 'comma'
  | 'dot'
  | 'operator'

/** A token as a range of the text it was read from. */
export interface Token {
  readonly kind: TokenKind
  readonly start: number
  readonly end: number
}

const isWordStart = (c: number) =>
  (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c >= 128
const isWordPart = (c: number) =>
  isWordStart(c) || (c >= 48 && c <= 57) || c === 36
const isDigit = (c: number) => c >= 48 && c <= 57
const OPERATOR_CHARS = new Set(
  '+-*/<>=~!@#%^&|`?:'.split('').map((c) => c.charCodeAt(0)),
)

/**
 * Splits SQL text into tokens the way PostgreSQL's scanner delimits them
 * (with `standard_conforming_strings` on): string literals in all their forms
 * (`'..'`, `E'..'`, `U&'..'`, `$tag$..$tag$`), double-quoted identifiers,
 * nested block comments and line comments. It classifies nothing beyond that;
 * meaning comes from libpg-query's parse tree. It is used to split statements,
 * to find Redshift-only keywords the PostgreSQL grammar cannot parse, and to
 * rewrite quoted identifiers.
 *
 * @example
 * ```ts
 * tokenize(`select 'a;b' from "T"`).filter((t) => t.kind === 'quoted') // one token: "T"
 * ```
 */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = []
  const n = text.length
  let i = 0
  while (i < n) {
    const start = i
    const c = text.charCodeAt(i)
    let kind: TokenKind
    if (c === 32 || c === 9 || c === 10 || c === 13 || c === 12) {
      while (i < n && /\s/.test(text[i]!)) i++
      kind = 'space'
    } else if (c === 45 /* - */ && text.charCodeAt(i + 1) === 45) {
      const nl = text.indexOf('\n', i)
      i = nl === -1 ? n : nl + 1
      kind = 'comment'
    } else if (c === 47 /* / */ && text.charCodeAt(i + 1) === 42 /* * */) {
      let depth = 1
      i += 2
      while (i < n && depth > 0) {
        if (text.charCodeAt(i) === 47 && text.charCodeAt(i + 1) === 42) {
          depth++
          i += 2
        } else if (text.charCodeAt(i) === 42 && text.charCodeAt(i + 1) === 47) {
          depth--
          i += 2
        } else i++
      }
      kind = 'comment'
    } else if (c === 39 /* ' */) {
      i = endOfQuoted(text, i + 1, 39, false)
      kind = 'string'
    } else if (
      (c === 69 || c === 101) /* E e */ &&
      text.charCodeAt(i + 1) === 39
    ) {
      i = endOfQuoted(text, i + 2, 39, true)
      kind = 'string'
    } else if (
      (c === 85 || c === 117) /* U u */ &&
      text.charCodeAt(i + 1) === 38 /* & */ &&
      (text.charCodeAt(i + 2) === 39 || text.charCodeAt(i + 2) === 34)
    ) {
      const quote = text.charCodeAt(i + 2)
      i = endOfQuoted(text, i + 3, quote, false)
      kind = quote === 39 ? 'string' : 'quoted'
    } else if (
      (c === 66 ||
        c === 98 ||
        c === 88 ||
        c === 120 ||
        c === 78 ||
        c === 110) &&
      text.charCodeAt(i + 1) === 39
    ) {
      // B'..', X'..', N'..'
      i = endOfQuoted(text, i + 2, 39, false)
      kind = 'string'
    } else if (c === 34 /* " */) {
      i = endOfQuoted(text, i + 1, 34, false)
      kind = 'quoted'
    } else if (c === 36 /* $ */) {
      const tag = dollarTag(text, i)
      if (tag !== null) {
        const close = text.indexOf(tag, i + tag.length)
        i = close === -1 ? n : close + tag.length
        kind = 'string'
      } else if (isDigit(text.charCodeAt(i + 1))) {
        i++
        while (i < n && isDigit(text.charCodeAt(i))) i++
        kind = 'param'
      } else {
        i++
        kind = 'operator'
      }
    } else if (isWordStart(c)) {
      i++
      while (i < n && isWordPart(text.charCodeAt(i))) i++
      kind = 'word'
    } else if (isDigit(c) || (c === 46 && isDigit(text.charCodeAt(i + 1)))) {
      i++
      while (i < n) {
        const d = text.charCodeAt(i)
        if (isDigit(d) || d === 46 || d === 95) i++
        else if ((d === 101 || d === 69) && /[-+0-9]/.test(text[i + 1] ?? ''))
          i += 2
        else break
      }
      kind = 'number'
    } else if (c === 59) {
      i++
      kind = 'semicolon'
    } else if (c === 40) {
      i++
      kind = 'open'
    } else if (c === 41) {
      i++
      kind = 'close'
    } else if (c === 44) {
      i++
      kind = 'comma'
    } else if (c === 46) {
      i++
      kind = 'dot'
    } else if (OPERATOR_CHARS.has(c)) {
      i++
      while (
        i < n &&
        OPERATOR_CHARS.has(text.charCodeAt(i)) &&
        !(text.charCodeAt(i) === 45 && text.charCodeAt(i + 1) === 45) &&
        !(text.charCodeAt(i) === 47 && text.charCodeAt(i + 1) === 42)
      ) {
        i++
      }
      kind = 'operator'
    } else {
      i++
      kind = 'operator'
    }
    tokens.push({ kind, start, end: i })
  }
  return tokens
}

function endOfQuoted(
  text: string,
  from: number,
  quote: number,
  backslashEscapes: boolean,
): number {
  let i = from
  const n = text.length
  while (i < n) {
    const c = text.charCodeAt(i)
    if (backslashEscapes && c === 92) {
      i += 2
    } else if (c === quote) {
      if (text.charCodeAt(i + 1) === quote) i += 2
      else return i + 1
    } else i++
  }
  return n
}

function dollarTag(text: string, at: number): string | null {
  let i = at + 1
  if (text.charCodeAt(i) === 36) return '$$'
  if (!isWordStart(text.charCodeAt(i))) return null
  while (
    i < text.length &&
    isWordPart(text.charCodeAt(i)) &&
    text.charCodeAt(i) !== 36
  )
    i++
  return text.charCodeAt(i) === 36 ? text.slice(at, i + 1) : null
}

/** Tokens that carry meaning (no spaces or comments). */
export function significant(tokens: readonly Token[]): Token[] {
  return tokens.filter((t) => t.kind !== 'space' && t.kind !== 'comment')
}

/** The lower-cased text of a word token (or '' for other kinds). */
export function wordOf(text: string, token: Token | undefined): string {
  return token?.kind === 'word'
    ? text.slice(token.start, token.end).toLowerCase()
    : ''
}

/** A statement's range within a multi-statement text. */
export interface StatementRange {
  readonly start: number
  readonly end: number
  readonly tokens: readonly Token[]
}

/**
 * Splits text at top-level semicolons into statements, dropping empty ones.
 *
 * @example
 * ```ts
 * splitStatements("select ';'; select 2").length // 2
 * ```
 */
export function splitStatements(
  text: string,
  tokens = tokenize(text),
): StatementRange[] {
  const out: StatementRange[] = []
  let current: Token[] = []
  let start = 0
  let depth = 0
  const push = (end: number) => {
    if (current.some((t) => t.kind !== 'space' && t.kind !== 'comment')) {
      out.push({ start, end, tokens: current })
    }
  }
  for (const token of tokens) {
    if (token.kind === 'open') depth++
    else if (token.kind === 'close') depth = Math.max(0, depth - 1)
    if (token.kind === 'semicolon' && depth === 0) {
      push(token.start)
      current = []
      start = token.end
      continue
    }
    current.push(token)
  }
  push(text.length)
  return out
}
