import type { ErrorFields } from '../protocol/error-fields.js'
import { escapeBackslashLiterals } from '../sql/backslash-literals.js'
import { significant, tokenize, type Token } from '../sql/lexer.js'
import {
  COPY_OPTIONS,
  FORMAT_WORDS,
  type OptionSyntax,
} from './copy-grammar.js'
import { copyError } from './copy-errors.js'
import { decodeCopyLiteral } from './copy-literal.js'
import type { CopyPlan } from './copy-plan.js'
import { checkCopy } from './check-copy.js'

/** An option's value as written: a flag, a string, a number or a keyword. */
export type RawValue = true | string | number

/** A COPY statement read by the grammar, before Redshift's rules are applied. */
export interface RawCopy {
  readonly tableParts: readonly string[]
  readonly columns?: readonly string[]
  readonly source: string
  /** Options by upper-case name, in the order written. */
  readonly options: ReadonlyMap<string, RawValue>
}

/** What `parseCopy` returns. */
export type ParsedCopy =
  | { readonly ok: true; readonly plan: CopyPlan }
  | { readonly ok: false; readonly error: ErrorFields }

/**
 * Parses a Redshift `COPY table [(cols)] FROM '...' <authorization> [[FORMAT]
 * [AS] format] [param [arg] ...]` statement with the emulator's own lexer,
 * reading string literals with Redshift's backslash escapes, and applies
 * every rule Redshift enforces on the options (see `checkCopy`). It touches
 * no storage.
 *
 * @example
 * ```ts
 * const parsed = parseCopy(`copy sales from 's3://b/sales/' iam_role default csv ignoreheader 1`)
 * if (!parsed.ok) sendError(parsed.error)
 * ```
 */
export function parseCopy(text: string): ParsedCopy {
  const raw = readCopy(text)
  if ('error' in raw) return { ok: false, error: raw.error }
  return checkCopy(raw)
}

class Reader {
  readonly text: string
  readonly tokens: readonly Token[]
  at = 0
  constructor(text: string, tokens: readonly Token[]) {
    this.text = text
    this.tokens = tokens
  }
  peek(offset = 0): Token | undefined {
    return this.tokens[this.at + offset]
  }
  source(token: Token | undefined): string {
    return token === undefined ? '' : this.text.slice(token.start, token.end)
  }
  word(offset = 0): string {
    const t = this.peek(offset)
    return t?.kind === 'word' ? this.source(t).toUpperCase() : ''
  }
  string(): string | undefined {
    const t = this.peek()
    if (t?.kind !== 'string') return undefined
    const value = decodeCopyLiteral(this.source(t))
    if (value !== undefined) this.at++
    return value
  }
  near(): string {
    const t = this.peek()
    return t === undefined ? 'end of input' : this.source(t)
  }
}

type Failure = { readonly error: ErrorFields }

function readCopy(text: string): RawCopy | Failure {
  const escaped = escapeBackslashLiterals(text) ?? text
  const all = significant(tokenize(escaped))
  const tokens =
    all.at(-1)?.kind === 'semicolon' ? all.slice(0, -1) : all.slice()
  const r = new Reader(escaped, tokens)
  const fail = (): Failure => ({ error: copyError.syntax(r.near()) })
  if (r.word() !== 'COPY') return fail()
  r.at++
  const tableParts = readName(r)
  if (tableParts === undefined) return fail()
  let columns: string[] | undefined
  if (r.peek()?.kind === 'open') {
    r.at++
    columns = []
    for (;;) {
      const name = readIdentifier(r)
      if (name === undefined) return fail()
      columns.push(name)
      if (r.peek()?.kind === 'comma') r.at++
      else if (r.peek()?.kind === 'close') {
        r.at++
        break
      } else return fail()
    }
  }
  if (r.word() !== 'FROM') return fail()
  r.at++
  const source = r.string()
  if (source === undefined) return fail()
  const options = new Map<string, RawValue>()
  const set = (name: string, value: RawValue): Failure | undefined => {
    if (options.has(name)) return { error: copyError.duplicate(name) }
    options.set(name, value)
    return undefined
  }
  while (r.peek() !== undefined) {
    if (r.peek()!.kind === 'comma') {
      r.at++
      continue
    }
    let name = r.word()
    if (name === '') return fail()
    r.at++
    if (name === 'WITH') {
      if (r.word() !== 'CREDENTIALS') return fail()
      name = 'CREDENTIALS'
      r.at++
    }
    if (name === 'FORMAT') {
      if (r.word() === 'AS') r.at++
      name = r.word()
      if (!FORMAT_WORDS.has(name)) return fail()
      r.at++
    }
    let failure: Failure | undefined
    if (name === 'IAM_ROLE') {
      // The keyword `default` is a flag; a quoted string is an ARN list.
      if (r.word() === 'DEFAULT') {
        r.at++
        failure = set(name, true)
      } else {
        const arn = r.string()
        if (arn === undefined) return fail()
        failure = set(name, arn)
      }
    } else if (name === 'NULL') {
      if (r.word() !== 'AS') return fail()
      r.at++
      const value = r.string()
      if (value === undefined) return fail()
      failure = set('NULL AS', value)
    } else if (name === 'SHAPEFILE') {
      failure = set(name, true)
    } else if (name === 'SIMPLIFY') {
      // SIMPLIFY [AUTO] [tolerance]: the geometry simplification of a
      // shapefile load, written after SHAPEFILE or among the other options.
      if (r.word() === 'AUTO') r.at++
      if (r.peek()?.kind === 'number') r.at++
      else r.string()
      failure = set(name, true)
    } else {
      const syntax = COPY_OPTIONS[name]
      if (syntax === undefined) {
        r.at--
        return fail()
      }
      const value = readArgument(r, syntax)
      if (value === undefined) return fail()
      failure = set(name, value)
    }
    if (failure !== undefined) return failure
  }
  return {
    tableParts,
    ...(columns !== undefined ? { columns } : {}),
    source,
    options,
  }
}

function readArgument(r: Reader, syntax: OptionSyntax): RawValue | undefined {
  if (syntax.argument === 'none') return true
  if (syntax.as && r.word() === 'AS') r.at++
  switch (syntax.argument) {
    case 'string':
      return r.string()
    case 'optional-string':
      return r.peek()?.kind === 'string' ? r.string() : true
    case 'integer': {
      const t = r.peek()
      let sign = ''
      if (t?.kind === 'operator' && r.source(t) === '-') {
        sign = '-'
        r.at++
      }
      const n = r.peek()
      if (n?.kind !== 'number' || !/^\d+$/.test(r.source(n))) return undefined
      r.at++
      return Number(sign + r.source(n))
    }
    case 'keyword':
    case 'optional-keyword': {
      const word = r.word()
      if (syntax.keywords!.includes(word)) {
        r.at++
        return word
      }
      return syntax.argument === 'keyword' ? undefined : true
    }
  }
}

/** `a`, `"A"`, `s.t`: each part folded to lower case, as Redshift folds names. */
function readName(r: Reader): string[] | undefined {
  const first = readIdentifier(r)
  if (first === undefined) return undefined
  const parts = [first]
  while (r.peek()?.kind === 'dot') {
    r.at++
    const next = readIdentifier(r)
    if (next === undefined) return undefined
    parts.push(next)
  }
  return parts.length > 3 ? undefined : parts
}

function readIdentifier(r: Reader): string | undefined {
  const t = r.peek()
  if (t?.kind === 'word') {
    r.at++
    return r.source(t).toLowerCase()
  }
  if (t?.kind === 'quoted' && r.text.charCodeAt(t.start) === 34) {
    r.at++
    return r.source(t).slice(1, -1).replace(/""/g, '"').toLowerCase()
  }
  return undefined
}
