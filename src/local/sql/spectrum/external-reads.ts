import { createHash } from 'node:crypto'

import { reject } from '../../errors/reject.js'
import type { ErrorFields } from '../../protocol/error-fields.js'
import { COMPUTING_STATEMENTS } from '../computing-statements.js'
import { tokenize, type Token } from '../lexer.js'
import { nodeType, walkTree, type PgNode } from '../parse-tree.js'
import { quoteIdentifier } from '../quote.js'
import { externalColumnUses } from './nested-reads.js'

/** One external table a statement reads, and the session table it reads instead. */
export interface ExternalRead {
  /** The external schema and table, as PostgreSQL holds their names. */
  readonly schema: string
  readonly table: string
  /** The session's temporary table the reference is rewritten to. */
  readonly temp: string
  /** The statement names `"$path"` or `"$size"`: the temporary table has them. */
  readonly pseudo: boolean
  /**
   * Columns of the table the statement reads as values (not as the head of
   * a path into a struct, nor an array it ranges over): a nested column
   * among them is refused when the table is read.
   */
  readonly values?: readonly string[]
  /**
   * Array columns whose elements the statement reads as values through the
   * alias of its range over them (`p` of `c.phones p`): refused for an
   * array of structs.
   */
  readonly elements?: readonly string[]
  /** The statement selects `*` from the table. */
  readonly star?: boolean
  /** Read for a view, whose owner's USAGE on the schema was checked. */
  readonly checked?: boolean
}

/**
 * The names of the external schemas the emulator has seen created, in any
 * of its databases. The planner rewrites a statement only when it names one
 * of them, so a statement that names none pays one regular-expression test
 * (none at all while there is no external schema). A name stays here after
 * its schema is dropped: a statement that then names a local schema of that
 * name reads the table through a temporary view of it (see
 * `spectrum/read-external-tables.ts`).
 *
 * @example
 * ```ts
 * planner.externalSchemas.add('spectrum')
 * ```
 */
export class ExternalSchemaNames {
  readonly #names = new Set<string>()
  readonly #views = new Set<string>()
  #pattern: RegExp | undefined
  #onChange: (() => void) | undefined

  /** Called when a name is added (the planner forgets its cached plans). */
  onChange(listener: () => void): void {
    this.#onChange = listener
  }

  add(name: string): void {
    if (this.#names.has(name)) return
    this.#names.add(name)
    this.#pattern = new RegExp(
      [...this.#names]
        .map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
        .join('|'),
      'i',
    )
    this.#onChange?.()
  }

  has(name: string): boolean {
    return this.#names.has(name)
  }

  /**
   * A late-binding view that may read external tables (directly or through
   * other such views): a statement that names it looks its reads up.
   */
  addView(name: string): void {
    if (this.#views.has(name)) return
    this.#views.add(name)
    this.#onChange?.()
  }

  hasView(name: string): boolean {
    return this.#views.has(name)
  }

  hasViews(): boolean {
    return this.#views.size > 0
  }

  /** Whether `text` may name one of the schemas (a cheap first test). */
  mayName(text: string): boolean {
    return this.#pattern !== undefined && this.#pattern.test(text)
  }
}

/**
 * Statements whose reads of external tables are rewritten: those that
 * compute results, but for CREATE VIEW: a view keeps its external
 * references as written (the view rules judge them), never a temporary copy.
 */
const READING: ReadonlySet<string> = new Set(
  [...COMPUTING_STATEMENTS].filter((kind) => kind !== 'ViewStmt'),
)

/** Whether a statement of this type reads rows that external tables may give. */
export function readsRows(type: string): boolean {
  return READING.has(type)
}

/** DML whose target is its `relation`. */
const WRITING = new Set(['InsertStmt', 'UpdateStmt', 'DeleteStmt', 'MergeStmt'])

/**
 * The statement with each `schema.table` that names a table of an external
 * schema rewritten to the session's temporary table that holds its rows
 * (`pg_temp."spectrum$schema$table"`, with the table's name as its alias
 * when it has none, so `table.column` and `schema.table.column` still name
 * its columns), and the tables to read into them
 * before it runs; null when it names none. A statement that writes an
 * external table is left as it is (writing one stays an emulator limit).
 * `"$path"` and `"$size"` are not in `SELECT *` on Redshift
 * (r_CREATE_EXTERNAL_TABLE_usage.html): a statement that names them and
 * also expands a `*` is refused as an emulator limit, because the temporary
 * table would show them there.
 *
 * @example
 * ```ts
 * rewriteExternalReads('select * from spectrum.sales', 'SelectStmt', tree, names, true)
 * // { text: 'select * from pg_temp."spectrum$spectrum$sales" AS sales', reads: [...] }
 * ```
 */
export function rewriteExternalReads(
  text: string,
  type: string,
  tree: unknown,
  names: ExternalSchemaNames,
  fold: boolean,
):
  | { readonly text: string; readonly reads: readonly ExternalRead[] }
  | ErrorFields
  | null {
  if (!READING.has(type) || !names.mayName(text)) return null
  // Folded quoted identifiers are folded in `text`, not in the tree.
  const held = (name: string) => (fold ? name.toLowerCase() : name)
  if (WRITING.has(type)) {
    const target = nodeType(tree)?.[1]?.['relation'] as PgNode | undefined
    const schema = target?.['schemaname']
    if (typeof schema === 'string' && names.has(held(schema))) return null
  }
  // The tables the statement names in external schemas: `x.y` in its text
  // is rewritten only when it is one of them, so an alias that has the
  // name of an external schema (`select s.id from t s`) stays as it is.
  const named = new Set<string>()
  walkTree(tree, (nodeKind, node) => {
    if (nodeKind !== 'RangeVar') return
    const schema = node['schemaname']
    const table = node['relname']
    if (typeof schema !== 'string' || typeof table !== 'string') return
    if (names.has(held(schema))) named.add(`${held(schema)}.${held(table)}`)
  })
  if (named.size === 0) return null
  const uses = externalColumnUses(tree, named, held)
  const tokens = tokenize(text).filter(
    (t) => t.kind !== 'space' && t.kind !== 'comment',
  )
  const pseudo = tokens.some(
    (t) =>
      t.kind === 'quoted' &&
      /^"\$(path|size)"$/i.test(text.slice(t.start, t.end)),
  )
  const found = new Map<string, ExternalRead>()
  const edits: {
    start: number
    end: number
    key: string
    temp: string
    table: string
    /** A FROM item without an alias, a column's qualifier, or anything else. */
    role: 'bare' | 'column' | 'other'
  }[] = []
  for (let i = 0; i + 2 < tokens.length; i++) {
    const first = tokens[i]!
    if (tokens[i + 1]!.kind !== 'dot') continue
    const second = tokens[i + 2]!
    const schema = identifier(text, first)
    const table = identifier(text, second)
    if (schema === undefined || table === undefined) continue
    const key = `${schema}.${table}`
    if (!named.has(key)) continue
    let read = found.get(key)
    if (read === undefined) {
      const use = uses.get(key)
      read = {
        schema,
        table,
        temp: externalTempName(schema, table),
        pseudo,
        ...(use !== undefined && use.values.size > 0
          ? { values: [...use.values] }
          : {}),
        ...(use !== undefined && use.elements.size > 0
          ? { elements: [...use.elements] }
          : {}),
        ...(use?.star === true ? { star: true } : {}),
      }
      found.set(key, read)
    }
    const next = tokens[i + 3]
    const before = tokens[i - 1]
    const word = (t: Token | undefined) =>
      t?.kind === 'word' ? text.slice(t.start, t.end).toLowerCase() : ''
    const { item, aliased } = fromItemPlace(before, next, word)
    edits.push({
      start: first.start,
      end: second.end,
      key,
      temp: read.temp,
      table,
      role:
        next?.kind === 'dot' ? 'column' : item && !aliased ? 'bare' : 'other',
    })
    i += 2
  }
  // A table without an alias keeps its name as one, as the view rewrite
  // gives it: `t.id` still names its column, and `schema.t.id` is `t.id`.
  const bare = new Set(edits.filter((e) => e.role === 'bare').map((e) => e.key))
  if (edits.length === 0) return null
  if (pseudo && expandsStar(text, tokens)) {
    return reject.other(
      '0A000',
      'a query that names "$path" or "$size" and also selects * from an external table is not supported by the local emulator (an emulator limit)',
      undefined,
      'name the columns instead of *',
    )
  }
  let out = ''
  let at = 0
  for (const edit of edits) {
    const temp = `pg_temp.${quoteIdentifier(edit.temp)}`
    const replacement =
      edit.role === 'bare'
        ? `${temp} AS ${quoteIdentifier(edit.table)}`
        : edit.role === 'column' && bare.has(edit.key)
          ? quoteIdentifier(edit.table)
          : temp
    out += `${text.slice(at, edit.start)}${replacement}`
    at = edit.end
  }
  out += text.slice(at)
  return { text: out, reads: [...found.values()] }
}

/**
 * Where a qualified name stands, from the tokens just `before` and after it
 * (`next`; `word` gives a token's lower-cased word, '' for other tokens): a
 * FROM item when it follows FROM, JOIN, USING, ONLY or a comma and no `.`
 * or `(` follows, and aliased when an alias (any word but a clause's) follows.
 *
 * @example
 * ```ts
 * fromItemPlace(fromToken, asToken, word) // { item: true, aliased: true }
 * ```
 */
export function fromItemPlace(
  before: Token | undefined,
  next: Token | undefined,
  word: (t: Token | undefined) => string,
): { readonly item: boolean; readonly aliased: boolean } {
  return {
    item:
      next?.kind !== 'dot' &&
      next?.kind !== 'open' &&
      (before?.kind === 'comma' || FROM_ITEM_AFTER.has(word(before))),
    aliased:
      next?.kind === 'quoted' ||
      (next?.kind === 'word' && !CLAUSE_WORDS.has(word(next))),
  }
}

/** The words after which a `schema.table` is a FROM item. */
const FROM_ITEM_AFTER: ReadonlySet<string> = new Set([
  'from',
  'join',
  'using',
  'only',
])

/** Words that may follow a FROM item without an alias (an alias is any other word). */
const CLAUSE_WORDS: ReadonlySet<string> = new Set([
  'where',
  'join',
  'inner',
  'left',
  'right',
  'full',
  'cross',
  'natural',
  'on',
  'using',
  'group',
  'order',
  'limit',
  'offset',
  'union',
  'except',
  'intersect',
  'minus',
  'having',
  'window',
  'fetch',
  'for',
  'qualify',
  'with',
  'returning',
  'set',
  'when',
  'then',
  'else',
  'end',
  'into',
  'values',
  'select',
  'and',
  'or',
  'not',
  'is',
  'top',
  'at',
  'unpivot',
  'pivot',
  'connect',
  'start',
  'tablesample',
])

/** The name PostgreSQL resolves for a word or quoted identifier token. */
function identifier(text: string, token: Token): string | undefined {
  const raw = text.slice(token.start, token.end)
  if (token.kind === 'word') return raw.toLowerCase()
  if (token.kind === 'quoted' && raw.startsWith('"'))
    return raw.slice(1, -1).replace(/""/g, '"')
  return undefined
}

/**
 * The temporary table of one external table: a name of at most 63 bytes
 * (`redshift_local.external_rows` computes it the same way).
 *
 * @example
 * ```ts
 * externalTempName('spectrum', 'sales') // 'spectrum$spectrum$sales'
 * ```
 */
export function externalTempName(schema: string, table: string): string {
  const name = `spectrum$${schema}$${table}`
  if (Buffer.byteLength(name) <= 63) return name
  const hash = createHash('sha256').update(`${schema}.${table}`).digest('hex')
  return `spectrum$${hash.slice(0, 32)}`
}

/** A `*` that expands columns: after SELECT, DISTINCT, ALL, a comma or a dot. */
function expandsStar(text: string, tokens: readonly Token[]): boolean {
  for (let i = 1; i < tokens.length; i++) {
    const t = tokens[i]!
    if (t.kind !== 'operator' || text.slice(t.start, t.end) !== '*') continue
    const before = tokens[i - 1]!
    if (before.kind === 'comma' || before.kind === 'dot') return true
    const word = text.slice(before.start, before.end).toLowerCase()
    if (
      before.kind === 'word' &&
      (word === 'select' || word === 'distinct' || word === 'all')
    )
      return true
  }
  return false
}
