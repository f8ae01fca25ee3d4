import {
  identifierName,
  isSignificant,
  keyword,
  matchBrackets,
  tokenize,
  type Token,
} from './rewrite-tokens.js'

/** A Redshift DDL rule the statement breaks, reported as the server would. */
export class DdlRuleError extends Error {
  readonly code: string
  /** 1-based character offset into the statement, like PostgreSQL's `position`. */
  readonly position: number | undefined

  constructor(message: string, code: string, position?: number) {
    super(message)
    this.name = 'DdlRuleError'
    this.code = code
    this.position = position
  }
}

interface Edit {
  readonly start: number
  readonly end: number
  readonly text: string
}

/**
 * Walks the significant tokens of one statement and collects text edits
 * (replace a token range, drop a clause) that `apply` splices into the
 * original text, so untouched parts keep their formatting and comments.
 */
export class DdlCursor {
  readonly sql: string
  readonly tokens: readonly Token[]
  /** Closing partner of each bracket, by index into `tokens`. */
  readonly match: Int32Array
  pos = 0
  readonly #edits: Edit[] = []

  constructor(sql: string, backslashEscapes: boolean) {
    this.sql = sql
    this.tokens = tokenize(sql, { backslashEscapes }).filter(isSignificant)
    this.match = matchBrackets(this.tokens)
  }

  get changed(): boolean {
    return this.#edits.length > 0
  }

  token(at = this.pos): Token | undefined {
    return this.tokens[at]
  }

  /** Upper-cased word at `at` ('' for anything else). */
  kw(at = this.pos): string {
    return keyword(this.tokens[at])
  }

  is(text: string, at = this.pos): boolean {
    return this.tokens[at]?.text === text
  }

  /** Consumes the given words in order if they are all next. */
  accept(...words: string[]): boolean {
    for (let k = 0; k < words.length; k++) {
      if (this.kw(this.pos + k) !== words[k]) return false
    }
    this.pos += words.length
    return true
  }

  /** Index of the closing bracket of the one at `at`, or a syntax error. */
  closing(at: number): number {
    const close = this.match[at] ?? -1
    if (close < 0)
      throw this.error(
        `syntax error at or near "${this.tokens[at]?.text}"`,
        '42601',
        at,
      )
    return close
  }

  error(message: string, code: string, at = this.pos): DdlRuleError {
    const token = this.tokens[at]
    return new DdlRuleError(message, code, token ? token.start + 1 : undefined)
  }

  /** PostgreSQL's syntax error at the token `at`, or at the end of input. */
  syntaxError(at = this.pos): DdlRuleError {
    const token = this.tokens[at]
    return this.error(
      token === undefined
        ? 'syntax error at end of input'
        : `syntax error at or near "${token.text}"`,
      '42601',
      at,
    )
  }

  /** The name a word or quoted identifier here gives, consumed; else a syntax error. */
  name(): string {
    const token = this.token()
    if (token?.kind !== 'word' && token?.kind !== 'quoted')
      throw this.syntaxError()
    this.pos++
    return identifierName(token)
  }

  /** The value of a plain string literal ('...') here, consumed; else a syntax error. */
  plainString(): string {
    const token = this.token()
    if (token?.kind !== 'string' || !token.text.startsWith("'"))
      throw this.syntaxError()
    this.pos++
    return token.text.slice(1, -1).replace(/''/g, "'")
  }

  /** The statement ends here (a `;` at most follows); else a syntax error. */
  end(): void {
    if (this.is(';')) this.pos++
    if (this.pos < this.tokens.length) throw this.syntaxError()
  }

  /** Original text of tokens [from, to] inclusive. */
  text(from: number, to: number): string {
    const a = this.tokens[from]
    const b = this.tokens[to]
    return a && b && to >= from ? this.sql.slice(a.start, b.end) : ''
  }

  replace(from: number, to: number, text: string): void {
    this.#edits.push({
      start: this.tokens[from]!.start,
      end: this.tokens[to]!.end,
      text,
    })
  }

  /** Drops tokens [from, to] and the blank space before them. */
  remove(from: number, to: number): void {
    const before = this.tokens[from - 1]
    this.#edits.push({
      start: before ? before.end : this.tokens[from]!.start,
      end: this.tokens[to]!.end,
      text: '',
    })
  }

  insertBefore(at: number, text: string): void {
    const start = this.tokens[at]!.start
    this.#edits.push({ start, end: start, text })
  }

  apply(): string {
    const edits = [...this.#edits].sort(
      (a, b) => a.start - b.start || a.end - b.end,
    )
    let out = ''
    let at = 0
    for (const edit of edits) {
      if (edit.start < at) continue
      out += this.sql.slice(at, edit.start) + edit.text
      at = edit.end
    }
    return out + this.sql.slice(at)
  }
}
