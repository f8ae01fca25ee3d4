import { charOffsets } from './char-offsets.js'
import { significant, tokenize, wordOf, type Token } from './lexer.js'
import { nodeType, type PgNode } from './parse-tree.js'

/** Where an expression lies in the text: `text.slice(start, end)`. */
export interface Span {
  readonly start: number
  readonly end: number
}

/** Type-name words that continue a first word (`double precision`, `character varying`). */
const SECOND_TYPE_WORDS = new Set(['precision', 'varying'])

/**
 * The text spans of expression nodes of one statement's parse tree.
 * libpg-query gives each node the offset of one token (an operator's, a
 * function name's, `CAST`'s) but no end, so a span is found from the tokens:
 * it starts at the smallest offset in the node's subtree and ends after the
 * node's last token, found by the node's kind; parentheses around an operand
 * are then taken in until the span is balanced. Only the kinds numeric typing
 * rewrites are known (constants, column references, casts, operators,
 * function calls with or without OVER, CASE, COALESCE, GREATEST, LEAST);
 * any other answers undefined.
 *
 * @example
 * ```ts
 * const spans = new ExpressionSpans('select (1 + 2) * 3')
 * spans.span(targetValue) // { start: 7, end: 18 }
 * ```
 */
export class ExpressionSpans {
  readonly #text: string
  readonly #tokens: readonly Token[]
  readonly #byStart = new Map<number, number>()
  readonly #byEnd = new Map<number, number>()
  readonly #match: Int32Array
  readonly #charAt: (byte: number) => number

  constructor(text: string) {
    this.#text = text
    this.#tokens = significant(tokenize(text))
    this.#charAt = charOffsets(text)
    this.#tokens.forEach((t, i) => {
      this.#byStart.set(t.start, i)
      this.#byEnd.set(t.end, i)
    })
    this.#match = new Int32Array(this.#tokens.length).fill(-1)
    const stack: number[] = []
    this.#tokens.forEach((t, i) => {
      if (t.kind === 'open') stack.push(i)
      else if (t.kind === 'close' && stack.length > 0) {
        const open = stack.pop()!
        this.#match[open] = i
        this.#match[i] = open
      }
    })
  }

  /** The token a tree `location` (a byte offset) points at, as an index. */
  tokenAt(location: unknown): number | undefined {
    if (typeof location !== 'number' || location < 0) return undefined
    return this.#byStart.get(this.#charAt(location))
  }

  /** The token at an index. */
  token(index: number): Token | undefined {
    return this.#tokens[index]
  }

  /** The span of a wrapped node (`{ A_Expr: {...} }`), or undefined. */
  span(wrapped: unknown): Span | undefined {
    const first = this.#first(wrapped)
    const last = this.#last(wrapped)
    if (first === undefined || last === undefined || last < first) {
      return undefined
    }
    // Balance the parentheses: `(a) + b` starts at `(`, `a + (b)` ends at `)`.
    let depth = 0
    let lowest = 0
    for (let i = first; i <= last; i++) {
      const kind = this.#tokens[i]!.kind
      if (kind === 'open') depth++
      else if (kind === 'close') lowest = Math.min(lowest, --depth)
    }
    let start = first
    for (let k = 0; k < -lowest; k++) {
      if (this.#tokens[--start]?.kind !== 'open') return undefined
    }
    let end = last
    for (let k = 0; k < depth - lowest; k++) {
      if (this.#tokens[++end]?.kind !== 'close') return undefined
    }
    return { start: this.#tokens[start]!.start, end: this.#tokens[end]!.end }
  }

  /**
   * The span taken out over the parentheses around it that open at or after
   * `location` (a select-list item's own, which counts them in): where an
   * alias may follow.
   */
  widen(span: Span, location: unknown): Span {
    const limit = this.tokenAt(location)
    let start = this.#byStart.get(span.start)
    let end = this.#byEnd.get(span.end)
    if (limit === undefined || start === undefined || end === undefined) {
      return span
    }
    while (
      start > limit &&
      this.#tokens[start - 1]!.kind === 'open' &&
      this.#match[start - 1] === end + 1
    ) {
      start--
      end++
    }
    return { start: this.#tokens[start]!.start, end: this.#tokens[end]!.end }
  }

  /** The index of the first token of a node: its smallest location. */
  #first(wrapped: unknown): number | undefined {
    let smallest = Infinity
    const visit = (value: unknown): void => {
      if (value === null || typeof value !== 'object') return
      if (Array.isArray(value)) {
        for (const item of value) visit(item)
        return
      }
      for (const [key, child] of Object.entries(value)) {
        if (key === 'location' && typeof child === 'number' && child >= 0) {
          smallest = Math.min(smallest, child)
        } else visit(child)
      }
    }
    visit(wrapped)
    return smallest === Infinity ? undefined : this.tokenAt(smallest)
  }

  /** The index of the last token of a node, by its kind. */
  #last(wrapped: unknown): number | undefined {
    const typed = nodeType(wrapped)
    if (typed === undefined) return undefined
    const [type, node] = typed
    const at = this.tokenAt(node['location'])
    switch (type) {
      case 'A_Const': {
        if (at === undefined) return undefined
        // A folded negative constant points at its sign.
        return this.#tokens[at]!.kind === 'operator' ? at + 1 : at
      }
      case 'A_Expr':
        return node['rexpr'] === undefined
          ? undefined
          : this.#last(node['rexpr'])
      case 'ColumnRef': {
        if (at === undefined) return undefined
        const fields = Array.isArray(node['fields']) ? node['fields'].length : 1
        return at + 2 * (fields - 1)
      }
      case 'TypeCast':
        return this.#castEnd(node, at)
      case 'FuncCall':
        if (
          node['agg_filter'] !== undefined ||
          node['agg_within_group'] === true
        ) {
          return undefined
        }
        return node['over'] === undefined
          ? this.#callEnd(at)
          : this.#overEnd(node['over'] as PgNode)
      case 'CoalesceExpr':
      case 'MinMaxExpr':
        return this.#callEnd(at)
      case 'CaseExpr':
        return this.#caseEnd(at)
      default:
        return undefined
    }
  }

  /** `x::type`, `CAST(x AS type)` or `type 'literal'`. */
  #castEnd(node: PgNode, at: number | undefined): number | undefined {
    if (at === undefined) {
      // `decimal '1.5'` has no location of its own; its string ends it.
      const arg = nodeType(node['arg'])
      const end =
        arg?.[0] === 'A_Const' ? this.tokenAt(arg[1]['location']) : undefined
      return end !== undefined && this.#tokens[end]!.kind === 'string'
        ? end
        : undefined
    }
    const token = this.#tokens[at]!
    if (wordOf(this.#text, token) === 'cast') return this.#callEnd(at)
    if (token.kind === 'string') return at
    const typeName = node['typeName'] as PgNode | undefined
    if (typeName?.['arrayBounds'] !== undefined) return undefined
    let i = this.tokenAt(typeName?.['location'])
    if (i === undefined) return undefined
    while (this.#tokens[i + 1]?.kind === 'dot') i += 2
    if (SECOND_TYPE_WORDS.has(wordOf(this.#text, this.#tokens[i + 1]))) i++
    if (this.#tokens[i + 1]?.kind === 'open') i = this.#match[i + 1]!
    return i < 0 ? undefined : i
  }

  /** The end of `OVER (...)` (its location is the `(`) or of `OVER name`. */
  #overEnd(over: PgNode): number | undefined {
    const at = this.tokenAt(over['location'])
    if (at === undefined) return undefined
    if (this.#tokens[at]!.kind !== 'open') return at
    const close = this.#match[at]!
    return close < 0 ? undefined : close
  }

  /** The closing parenthesis of the first `(` after a name. */
  #callEnd(at: number | undefined): number | undefined {
    if (at === undefined) return undefined
    let i = at
    while (i < this.#tokens.length && this.#tokens[i]!.kind !== 'open') i++
    const close = this.#match[i]
    return close === undefined || close < 0 ? undefined : close
  }

  /** The END that closes the CASE at `at`. */
  #caseEnd(at: number | undefined): number | undefined {
    if (at === undefined) return undefined
    let depth = 0
    for (let i = at; i < this.#tokens.length; i++) {
      const word = wordOf(this.#text, this.#tokens[i])
      if (word === 'case') depth++
      else if (word === 'end' && --depth === 0) return i
    }
    return undefined
  }
}
