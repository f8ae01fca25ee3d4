import { reject } from '../../errors/reject.js'
import { decodeCopyLiteral } from '../../load/copy-literal.js'
import type { ErrorFields } from '../../protocol/error-fields.js'
import type { Token } from '../lexer.js'

/** A Spectrum statement that does not follow its grammar: the error to send. */
export class SpectrumSyntaxError extends Error {
  readonly fields: ErrorFields
  constructor(fields: ErrorFields) {
    super(fields.message)
    this.name = 'SpectrumSyntaxError'
    this.fields = fields
  }
}

/**
 * Walks the significant tokens of one Spectrum DDL statement, reading names
 * as Redshift folds them and literals as Redshift reads them (the text has
 * been through `escapeBackslashLiterals`, so `'\007'` arrives as `E'\007'`).
 * The `expect*` methods throw {@link SpectrumSyntaxError}; the others
 * consume nothing when the next token does not fit.
 *
 * @example
 * ```ts
 * const c = new SpectrumCursor(text, significant(tokenize(text)), true)
 * c.expectWords('create', 'external', 'schema')
 * const name = c.expectName('schema name')
 * ```
 */
export class SpectrumCursor {
  readonly #text: string
  readonly #tokens: readonly Token[]
  readonly #fold: boolean
  #at = 0

  constructor(text: string, tokens: readonly Token[], fold: boolean) {
    this.#text = text
    this.#tokens = tokens
    this.#fold = fold
  }

  get done(): boolean {
    return this.#at >= this.#tokens.length
  }

  /** Where the cursor is, as an offset into the text (its end when done). */
  get offset(): number {
    return this.#tokens[this.#at]?.start ?? this.#text.length
  }

  /** Lower-cased word at the cursor (+offset), or ''. */
  peekWord(offset = 0): string {
    const token = this.#tokens[this.#at + offset]
    return token?.kind === 'word'
      ? this.#text.slice(token.start, token.end).toLowerCase()
      : ''
  }

  /** The source text of the token at the cursor (+offset), or ''. */
  peekText(offset = 0): string {
    const token = this.#tokens[this.#at + offset]
    return token === undefined ? '' : this.#text.slice(token.start, token.end)
  }

  peekKind(offset = 0): Token['kind'] | undefined {
    return this.#tokens[this.#at + offset]?.kind
  }

  /** Consumes the given words in order, or nothing. */
  word(...words: string[]): boolean {
    for (let i = 0; i < words.length; i++) {
      if (this.peekWord(i) !== words[i]) return false
    }
    this.#at += words.length
    return true
  }

  expectWords(...words: string[]): void {
    if (!this.word(...words)) throw this.syntaxError()
  }

  /** Consumes one token of `kind`. */
  take(kind: Token['kind']): boolean {
    if (this.peekKind() !== kind) return false
    this.#at++
    return true
  }

  expect(kind: Token['kind']): void {
    if (!this.take(kind)) throw this.syntaxError()
  }

  /** An identifier, folded to lower case unless quoted with folding off. */
  name(): string | undefined {
    const token = this.#tokens[this.#at]
    if (token === undefined) return undefined
    const raw = this.#text.slice(token.start, token.end)
    let value: string
    if (token.kind === 'word') value = raw.toLowerCase()
    else if (token.kind === 'quoted' && raw.startsWith('"')) {
      value = raw.slice(1, -1).replace(/""/g, '"')
      if (this.#fold) value = value.toLowerCase()
    } else return undefined
    this.#at++
    return value
  }

  expectName(what: string): string {
    const value = this.name()
    if (value === undefined || value === '') {
      throw this.syntaxError(`expected the ${what}`)
    }
    return value
  }

  /** A dotted name, part by part. */
  expectQualifiedName(what: string): string[] {
    const parts = [this.expectName(what)]
    while (this.peekKind() === 'dot') {
      this.#at++
      parts.push(this.expectName(what))
    }
    return parts
  }

  /** A string literal's value (`'...'` or `E'...'`). */
  literal(): string | undefined {
    const token = this.#tokens[this.#at]
    if (token?.kind !== 'string') return undefined
    const value = decodeCopyLiteral(this.#text.slice(token.start, token.end))
    if (value !== undefined) this.#at++
    return value
  }

  expectLiteral(what: string): string {
    const value = this.literal()
    if (value === undefined) throw this.syntaxError(`expected ${what}`)
    return value
  }

  /** An unsigned integer literal. */
  integer(): number | undefined {
    const token = this.#tokens[this.#at]
    if (token?.kind !== 'number') return undefined
    const raw = this.#text.slice(token.start, token.end)
    if (!/^\d+$/.test(raw)) return undefined
    this.#at++
    return Number(raw)
  }

  /** A number literal as written (`1`, `2.5`). */
  number(): string | undefined {
    const token = this.#tokens[this.#at]
    if (token?.kind !== 'number') return undefined
    this.#at++
    return this.#text.slice(token.start, token.end)
  }

  /**
   * The source text of a type written with angle brackets, `word<...>` at
   * any depth (`array<struct<a:int>>`), consumed whole; `undefined`, with
   * nothing consumed, when the next tokens are not a word and `<`. The lexer
   * joins runs of `<` and `>` into one operator token, so the brackets are
   * counted character by character.
   */
  angled(): string | undefined {
    const first = this.#tokens[this.#at]
    const open = this.#tokens[this.#at + 1]
    if (
      first?.kind !== 'word' ||
      open?.kind !== 'operator' ||
      this.#text[open.start] !== '<'
    ) {
      return undefined
    }
    let depth = 0
    for (let i = this.#at + 1; i < this.#tokens.length; i++) {
      const token = this.#tokens[i]!
      if (token.kind !== 'operator') continue
      for (let at = token.start; at < token.end; at++) {
        const char = this.#text[at]
        if (char === '<') depth++
        else if (char === '>') depth--
        if (depth === 0) {
          if (at !== token.end - 1) return undefined
          this.#at = i + 1
          return this.#text.slice(first.start, token.end)
        }
      }
    }
    return undefined
  }

  /** `( 'k' = 'v' [, ...] )`, as a record in the order written. */
  expectProperties(what: string): Record<string, string> {
    this.expect('open')
    const out: Record<string, string> = {}
    do {
      const key = this.expectLiteral(`a ${what} name`)
      if (this.#operator() !== '=') throw this.syntaxError()
      out[key] = this.expectLiteral(`the value of ${what} '${key}'`)
    } while (this.take('comma'))
    this.expect('close')
    return out
  }

  /** Consumes `=` (the lexer reads it as an operator token). */
  expectEquals(): void {
    if (this.#operator() !== '=') throw this.syntaxError()
  }

  /** A syntax error at the current token (or at the end). */
  syntaxError(hint?: string): SpectrumSyntaxError {
    const token = this.#tokens[this.#at]
    const near =
      token === undefined
        ? 'end of input'
        : this.#text.slice(token.start, token.end)
    return new SpectrumSyntaxError(
      token === undefined
        ? reject.other('42601', 'syntax error at end of input', undefined, hint)
        : reject.syntax(near, hint),
    )
  }

  #operator(): string | undefined {
    const token = this.#tokens[this.#at]
    if (token?.kind !== 'operator') return undefined
    this.#at++
    return this.#text.slice(token.start, token.end)
  }
}
