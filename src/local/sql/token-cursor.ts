import type { Token } from './lexer.js'

/**
 * Walks the significant tokens of one statement, for the small hand-written
 * grammars of statements PostgreSQL's parser does not know.
 *
 * @example
 * ```ts
 * const c = new TokenCursor(text, significant(tokenize(text)))
 * if (c.word('cancel')) { const pid = c.integer() }
 * ```
 */
export class TokenCursor {
  readonly #text: string
  readonly #tokens: readonly Token[]
  #at = 0

  constructor(text: string, tokens: readonly Token[]) {
    this.#text = text
    this.#tokens = tokens
  }

  get done(): boolean {
    return this.#at >= this.#tokens.length
  }

  get position(): number {
    return this.#at
  }

  peek(offset = 0): Token | undefined {
    return this.#tokens[this.#at + offset]
  }

  /** Lower-cased word at the cursor (+offset), or ''. */
  peekWord(offset = 0): string {
    const token = this.peek(offset)
    return token?.kind === 'word'
      ? this.#text.slice(token.start, token.end).toLowerCase()
      : ''
  }

  /** Consumes the given words in order, or nothing. */
  word(...words: string[]): boolean {
    for (let i = 0; i < words.length; i++) {
      if (this.peekWord(i) !== words[i]) return false
    }
    this.#at += words.length
    return true
  }

  /** Consumes an unsigned integer literal (optionally signed with `-`). */
  integer(): number | undefined {
    let sign = 1
    let token = this.peek()
    if (
      token?.kind === 'operator' &&
      this.#text.slice(token.start, token.end) === '-'
    ) {
      sign = -1
      token = this.peek(1)
      if (token?.kind !== 'number') return undefined
      this.#at++
    }
    if (token?.kind !== 'number') return undefined
    const raw = this.#text.slice(token.start, token.end)
    if (!/^\d+$/.test(raw)) return undefined
    this.#at++
    return sign * Number(raw)
  }

  /** Consumes a plain '...' string literal and returns its value. */
  string(): string | undefined {
    const token = this.peek()
    if (token?.kind !== 'string') return undefined
    const raw = this.#text.slice(token.start, token.end)
    if (!raw.startsWith("'") || !raw.endsWith("'") || raw.length < 2)
      return undefined
    this.#at++
    return raw.slice(1, -1).replace(/''/g, "'")
  }

  /** Consumes one token of `kind`. */
  take(kind: Token['kind']): Token | undefined {
    const token = this.peek()
    if (token?.kind !== kind) return undefined
    this.#at++
    return token
  }

  /** Consumes a possibly qualified, possibly quoted name; returns its source text. */
  name(): string | undefined {
    const first = this.peek()
    if (first?.kind !== 'word' && first?.kind !== 'quoted') return undefined
    let end = first.end
    this.#at++
    while (this.peek()?.kind === 'dot') {
      const next = this.peek(1)
      if (next?.kind !== 'word' && next?.kind !== 'quoted') break
      end = next.end
      this.#at += 2
    }
    return this.#text.slice(first.start, end)
  }
}
