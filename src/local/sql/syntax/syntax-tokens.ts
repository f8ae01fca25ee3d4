import { reject } from '../../errors/reject.js'
import type { ErrorFields } from '../../protocol/error-fields.js'
import {
  isSignificant,
  keyword,
  tokenize,
  type Token,
} from '../rewrite-tokens.js'
import type { ColumnSource } from '../column-scopes.js'
import type { TextEdit } from '../text-edits.js'

/**
 * The significant tokens of one statement with their bracket partners, for
 * the Redshift query-syntax rewrites. Every rewrite reads positions from it
 * and answers text edits over the statement, so the parts it does not touch
 * stay byte for byte.
 *
 * @example
 * ```ts
 * const s = new SyntaxTokens('select f(a) from t')
 * s.close(s.find(0, 'F') + 1) // index of ')'
 * ```
 */
export class SyntaxTokens {
  readonly text: string
  readonly tokens: readonly Token[]
  readonly #match: Int32Array
  /** Bracket depth before each token. */
  readonly #depth: Int32Array

  constructor(text: string) {
    this.text = text
    this.tokens = tokenize(text).filter(isSignificant)
    const n = this.tokens.length
    this.#match = new Int32Array(n).fill(-1)
    this.#depth = new Int32Array(n)
    const stack: number[] = []
    for (let i = 0; i < n; i++) {
      this.#depth[i] = stack.length
      const t = this.tokens[i]!.text
      if (t === '(' || t === '[') stack.push(i)
      else if (t === ')' || t === ']') {
        const open = stack.pop()
        if (open !== undefined) {
          this.#match[open] = i
          this.#match[i] = open
        }
        this.#depth[i] = stack.length
      }
    }
  }

  get length(): number {
    return this.tokens.length
  }

  /** Upper-cased word at `i`, or ''. */
  word(i: number): string {
    return keyword(this.tokens[i])
  }

  /** Raw text of token `i`, or ''. */
  raw(i: number): string {
    return this.tokens[i]?.text ?? ''
  }

  is(i: number, text: string): boolean {
    return this.tokens[i]?.text === text
  }

  /** The partner of the bracket at `i` (-1 when unbalanced or not a bracket). */
  partner(i: number): number {
    return i >= 0 && i < this.#match.length ? this.#match[i]! : -1
  }

  /** Bracket depth of token `i`. */
  depth(i: number): number {
    return this.#depth[i] ?? 0
  }

  /** Text from the start of token `from` to the end of token `to - 1`. */
  slice(from: number, to: number): string {
    if (to <= from) return ''
    return this.text.slice(this.tokens[from]!.start, this.tokens[to - 1]!.end)
  }

  /** Character offset where token `i` starts (the text's end past the last token). */
  start(i: number): number {
    return this.tokens[i]?.start ?? this.text.length
  }

  /** Character offset where token `i` ends. */
  end(i: number): number {
    return this.tokens[i]?.end ?? this.text.length
  }

  /** An edit replacing tokens [from, to) by `insert`. */
  replace(from: number, to: number, insert: string): TextEdit {
    return { start: this.start(from), end: this.end(to - 1), insert }
  }

  /** Top-level comma-separated ranges [from, to) between `from` and `to`. */
  split(from: number, to: number): [number, number][] {
    const out: [number, number][] = []
    let begin = from
    for (let i = from; i < to; i++) {
      const t = this.tokens[i]!.text
      if (t === '(' || t === '[') i = Math.max(i, this.partner(i))
      else if (t === ',') {
        out.push([begin, i])
        begin = i + 1
      }
    }
    if (begin < to || out.length > 0) out.push([begin, to])
    return out
  }

  /**
   * The first index in [from, to) whose word is one of `words` at the depth
   * of `from`, skipping brackets; `to` when none.
   */
  findWord(from: number, to: number, words: ReadonlySet<string>): number {
    for (let i = from; i < to; i++) {
      const t = this.tokens[i]!.text
      if (t === '(' || t === '[') {
        const close = this.partner(i)
        if (close < 0) return to
        i = close
        continue
      }
      if (t === ')' || t === ']' || t === ';') return Math.min(i, to)
      if (words.has(this.word(i))) return i
    }
    return to
  }

  /** The end of the bracket level `from` is at: its closing bracket, or the end. */
  levelEnd(from: number): number {
    for (let i = from; i < this.tokens.length; i++) {
      const t = this.tokens[i]!.text
      if (t === '(' || t === '[') {
        const close = this.partner(i)
        if (close < 0) return this.tokens.length
        i = close
      } else if (t === ')' || t === ']' || t === ';') return i
    }
    return this.tokens.length
  }

  /** The start of the bracket level `from` is at: just after its opening bracket, or 0. */
  levelStart(from: number): number {
    for (let i = from - 1; i >= 0; i--) {
      const t = this.tokens[i]!.text
      if (t === ')' || t === ']') {
        const open = this.partner(i)
        if (open < 0) return 0
        i = open
      } else if (t === '(' || t === '[') return i + 1
    }
    return 0
  }

  /** A syntax error at token `i` (or at the end of the statement). */
  syntaxError(i: number, hint?: string): ErrorFields {
    const token = this.tokens[i]
    return reject.syntax(
      token === undefined ? 'end of input' : token.text,
      hint,
    )
  }
}

/**
 * An emulator limit: Redshift runs this form, the local emulator cannot run
 * it with Redshift's exact semantics and refuses it rather than approximate.
 */
export function emulatorLimit(what: string, hint?: string): ErrorFields {
  return reject.other(
    '0A000',
    `${what} is not supported by the local emulator (an emulator limit, not a Redshift rule)`,
    undefined,
    hint,
  )
}

/**
 * What one syntax rewrite answers: edits to apply, or a refusal; with
 * `needs`, the refusal stands only until the columns of those relations
 * (`relationKey`s) are read from the catalog and the statement is planned
 * again.
 */
export type SyntaxResult =
  | { readonly edits: readonly TextEdit[] }
  | { readonly error: ErrorFields }
  | { readonly error: ErrorFields; readonly needs: readonly string[] }

/** What a syntax rewrite may read beyond the statement's text. */
export interface SyntaxContext {
  /** Quoted identifiers are folded to lower case (the names PostgreSQL will hold). */
  readonly fold: boolean
  /** The catalog's columns of the relations the statement names, when read. */
  readonly columns: ColumnSource | undefined
  /**
   * Relations whose columns would let a rewrite do more, gathered while
   * `columns` is not known: the statement runs as rewritten without them,
   * and is planned again once they are read.
   */
  readonly asked: Set<string>
}

/**
 * The clauses that may follow WHERE in a query block, and the set
 * operations after it: every rewrite's list of where a clause ends starts
 * from these.
 */
export const TRAILING_CLAUSES: readonly string[] = [
  'GROUP',
  'HAVING',
  'QUALIFY',
  'ORDER',
  'LIMIT',
  'OFFSET',
  'UNION',
  'INTERSECT',
  'EXCEPT',
  'MINUS',
]

/** Words that can follow a PIVOT / UNPIVOT relation but are not its alias. */
export const NOT_ALIAS = new Set([
  ...TRAILING_CLAUSES,
  'WHERE',
  'JOIN',
  'INNER',
  'LEFT',
  'RIGHT',
  'FULL',
  'CROSS',
  'ON',
  'USING',
  'NATURAL',
  'PIVOT',
  'UNPIVOT',
])

/**
 * The alias written after a PIVOT / UNPIVOT relation that ends at token
 * `close` (`AS x`, or a bare word that is not one of {@link NOT_ALIAS}, or
 * a quoted name), as ` AS x` or '', and the index of the first token after it.
 *
 * ```ts
 * relationAlias(s, close) // { alias: ' AS p', after: close + 3 } for `) AS p`
 * ```
 */
export function relationAlias(
  s: SyntaxTokens,
  close: number,
): { readonly alias: string; readonly after: number } {
  const after = close + 1
  if (s.word(after) === 'AS') {
    return { alias: ` AS ${s.raw(after + 1)}`, after: after + 2 }
  }
  const t = s.tokens[after]
  if (
    (t?.kind === 'word' && !NOT_ALIAS.has(s.word(after))) ||
    t?.kind === 'quoted'
  ) {
    return { alias: ` AS ${t.text}`, after: after + 1 }
  }
  return { alias: '', after }
}

/** Words that end a SELECT's clause at its bracket level. */
export const CLAUSE_END = new Set([
  ...TRAILING_CLAUSES,
  'WHERE',
  'START',
  'CONNECT',
])
