/**
 * A small SQL lexer for the emulator's text rewrites. It knows exactly what
 * the rewrites must not look inside: string literals (with Redshift's
 * backslash escapes, `E''`, `B''`, `X''`, `N''`, `U&''`), dollar-quoted
 * strings, quoted identifiers and comments (block comments nest). Every character
 * of the input belongs to exactly one token, so joining the token texts gives
 * the input back and a rewrite can change a few tokens and keep the rest of
 * the statement, formatting included.
 */

export type TokenKind =
  /** Unquoted identifier or keyword. */
  | 'word'
  /** Double-quoted identifier, quotes included. */
  | 'quoted'
  /** String literal of any form, quotes and prefix included. */
  | 'string'
  | 'number'
  /** `$1`. */
  | 'param'
  /** One of `( ) [ ] , ; .` */
  | 'punct'
  /** A run of operator characters, including `::`. */
  | 'operator'
  | 'space'
  | 'comment'

export interface Token {
  readonly kind: TokenKind
  readonly text: string
  readonly start: number
  readonly end: number
}

export interface TokenizeOptions {
  /**
   * Whether a backslash escapes the next character inside a plain `'...'`
   * literal. Redshift says yes (PostgreSQL 8.0 rules); PostgreSQL with
   * `standard_conforming_strings = on` says no. Default `true`.
   */
  readonly backslashEscapes?: boolean
}

const OPERATOR_CHARS = new Set('+-*/<>=~!@#%^&|`?:')
const PUNCT_CHARS = new Set('()[],;.')

function isIdentStart(c: string): boolean {
  return (
    (c >= 'a' && c <= 'z') ||
    (c >= 'A' && c <= 'Z') ||
    c === '_' ||
    c.charCodeAt(0) >= 0x80
  )
}

function isIdentPart(c: string): boolean {
  return isIdentStart(c) || (c >= '0' && c <= '9') || c === '$'
}

// Space, tab, newline, vertical tab, form feed, carriage return.
function isSpace(code: number): boolean {
  return code === 32 || (code >= 9 && code <= 13)
}

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9'
}

/**
 * Splits SQL text into tokens. Never throws: an unterminated literal or
 * comment runs to the end of the text, which is what the server will then
 * complain about.
 *
 * @example
 * ```ts
 * tokenize("select 'a''b' -- c").map((t) => t.kind)
 * // ['word', 'space', 'string', 'space', 'comment']
 * ```
 */
export function tokenize(sql: string, options: TokenizeOptions = {}): Token[] {
  const backslashEscapes = options.backslashEscapes ?? true
  const tokens: Token[] = []
  const n = sql.length
  let i = 0
  const push = (kind: TokenKind, start: number, end: number) => {
    tokens.push({ kind, text: sql.slice(start, end), start, end })
    i = end
  }
  const stringEnd = (quoteAt: number, escapes: boolean): number => {
    let j = quoteAt + 1
    while (j < n) {
      const c = sql[j]
      if (escapes && c === '\\') {
        j += 2
      } else if (c === "'") {
        if (sql[j + 1] === "'") j += 2
        else return j + 1
      } else {
        j++
      }
    }
    return n
  }

  while (i < n) {
    const c = sql[i]!
    const next = sql[i + 1]
    const start = i
    if (isSpace(sql.charCodeAt(i))) {
      let j = i + 1
      while (j < n && isSpace(sql.charCodeAt(j))) j++
      push('space', start, j)
    } else if (c === '-' && next === '-') {
      const newline = sql.indexOf('\n', i)
      push('comment', start, newline < 0 ? n : newline)
    } else if (c === '/' && next === '*') {
      let depth = 1
      let j = i + 2
      while (j < n && depth > 0) {
        if (sql[j] === '/' && sql[j + 1] === '*') {
          depth++
          j += 2
        } else if (sql[j] === '*' && sql[j + 1] === '/') {
          depth--
          j += 2
        } else {
          j++
        }
      }
      push('comment', start, j)
    } else if (c === "'") {
      push('string', start, stringEnd(i, backslashEscapes))
    } else if (c === '"') {
      let j = i + 1
      while (j < n) {
        if (sql[j] === '"') {
          if (sql[j + 1] === '"') j += 2
          else {
            j++
            break
          }
        } else j++
      }
      push('quoted', start, Math.min(j, n))
    } else if (c === '$' && isDigit(next)) {
      let j = i + 1
      while (isDigit(sql[j])) j++
      push('param', start, j)
    } else if (c === '$') {
      const tag =
        /^\$(?:[A-Za-z_\u0080-\uffff][A-Za-z0-9_\u0080-\uffff]*)?\$/.exec(
          sql.slice(i, i + 64),
        )
      if (tag) {
        const close = sql.indexOf(tag[0], i + tag[0].length)
        push('string', start, close < 0 ? n : close + tag[0].length)
      } else {
        push('operator', start, i + 1)
      }
    } else if (isDigit(c) || (c === '.' && isDigit(next))) {
      const match = /^(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/.exec(
        sql.slice(i, i + 400),
      )
      push('number', start, i + (match ? match[0].length : 1))
    } else if (isIdentStart(c)) {
      let j = i + 1
      while (j < n && isIdentPart(sql[j]!)) j++
      const word = sql.slice(i, j)
      // E'..', B'..', X'..', N'..' and U&'..' string prefixes.
      if (sql[j] === "'" && /^[eEbBxXnN]$/.test(word)) {
        push('string', start, stringEnd(j, word === 'e' || word === 'E'))
      } else if (
        (word === 'u' || word === 'U') &&
        sql[j] === '&' &&
        sql[j + 1] === "'"
      ) {
        push('string', start, stringEnd(j + 1, false))
      } else {
        push('word', start, j)
      }
    } else if (PUNCT_CHARS.has(c)) {
      push('punct', start, i + 1)
    } else if (OPERATOR_CHARS.has(c)) {
      let j = i + 1
      while (
        j < n &&
        OPERATOR_CHARS.has(sql[j]!) &&
        !(sql[j] === '-' && sql[j + 1] === '-') &&
        !(sql[j] === '/' && sql[j + 1] === '*')
      ) {
        j++
      }
      push('operator', start, j)
    } else {
      push('operator', start, i + 1)
    }
  }
  return tokens
}

/** Whether a token carries meaning (not whitespace or a comment). */
export function isSignificant(token: Token): boolean {
  return token.kind !== 'space' && token.kind !== 'comment'
}

/**
 * For every `(` and `[`, the index of its closing partner (and the reverse);
 * -1 where unbalanced.
 */
export function matchBrackets(tokens: readonly Token[]): Int32Array {
  const match = new Int32Array(tokens.length).fill(-1)
  const stack: number[] = []
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!
    if (t.kind !== 'punct') continue
    if (t.text === '(' || t.text === '[') stack.push(i)
    else if (t.text === ')' || t.text === ']') {
      const open = stack.pop()
      if (open !== undefined) {
        match[open] = i
        match[i] = open
      }
    }
  }
  return match
}

/** Upper-cased text of a bare word, or '' for any other token. */
export function keyword(token: Token | undefined): string {
  return token?.kind === 'word' ? token.text.toUpperCase() : ''
}

/**
 * The name an identifier token stands for: unquoted words fold to lower case,
 * quoted ones keep their text with `""` undoubled.
 */
export function identifierName(token: Token): string {
  if (token.kind === 'quoted')
    return token.text.slice(1, -1).replace(/""/g, '"')
  return token.text.toLowerCase()
}
