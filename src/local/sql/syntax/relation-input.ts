import { parseSync } from 'libpg-query'

import type { ErrorFields } from '../../protocol/error-fields.js'
import { relationKey, type ColumnSource } from '../column-scopes.js'
import { FromColumns } from '../from-columns.js'
import { identifierName } from '../rewrite-tokens.js'
import {
  names,
  nodeType,
  parseOneStatement,
  type PgNode,
} from '../parse-tree.js'
import {
  emulatorLimit,
  type SyntaxContext,
  type SyntaxTokens,
} from './syntax-tokens.js'

/** The FROM item a PIVOT or UNPIVOT reads, as written before the keyword. */
export interface RelationInput {
  /** Index of its first token. */
  readonly from: number
  /** Its text, to be read again inside the rewrite. */
  readonly text: string
  /** Its column names in order, or null when they cannot be known from the statement alone. */
  readonly columns: readonly string[] | null
}

/** The input's columns, or why they are not known (`needs`: the relations to read first). */
export type InputColumns =
  | readonly string[]
  | { readonly error: ErrorFields; readonly needs?: readonly string[] }

const NOT_ALIAS = new Set(['FROM', 'JOIN', 'ON', 'WHERE', 'SELECT', 'AS'])

/**
 * The relation right before the token at `keyword` (PIVOT, UNPIVOT): a
 * subquery in brackets, or a table or WITH query name, each with an optional
 * alias. Its columns come from the subquery's select list (as PostgreSQL
 * names them), from the WITH query's column list or select list; a table's
 * columns (and a `SELECT *`'s) are in no statement, so they are null there:
 * {@link inputColumns} reads them from the catalog.
 *
 * @example
 * ```ts
 * relationBefore(s, s.tokens.findIndex((t) => /pivot/i.test(t.text)))
 * // { from: 3, text: '(SELECT partname, price FROM part)', columns: ['partname', 'price'] }
 * ```
 */
export function relationBefore(
  s: SyntaxTokens,
  keyword: number,
): RelationInput | null {
  let end = keyword
  // An alias: `) AS p`, `) p`, `t AS p`, `t p`.
  const last = s.tokens[end - 1]
  if (
    (last?.kind === 'word' || last?.kind === 'quoted') &&
    !NOT_ALIAS.has(s.word(end - 1)) &&
    (s.is(end - 2, ')') ||
      s.word(end - 2) === 'AS' ||
      s.tokens[end - 2]?.kind === 'word' ||
      s.tokens[end - 2]?.kind === 'quoted') &&
    !['FROM', 'JOIN', ','].includes(s.word(end - 2) || s.raw(end - 2)) &&
    !s.is(end - 2, '.')
  ) {
    end -= 1
    if (s.word(end - 1) === 'AS') end -= 1
  }
  if (s.is(end - 1, ')')) {
    const open = s.partner(end - 1)
    if (open < 0) return null
    const inner = s.slice(open + 1, end - 1)
    return {
      from: open,
      text: s.slice(open, end),
      columns: selectColumns(inner),
    }
  }
  let from = end - 1
  const token = s.tokens[from]
  if (token?.kind !== 'word' && token?.kind !== 'quoted') return null
  while (s.is(from - 1, '.')) from -= 2
  const qualified = from !== end - 1
  const name = identifierName(s.tokens[end - 1]!)
  return {
    from,
    text: s.slice(from, end),
    columns: qualified ? null : withQueryColumns(s, name, from),
  }
}

/** Output column names of a SELECT, as PostgreSQL derives them; null with `*` or unparsable. */
export function selectColumns(select: string): string[] | null {
  let tree: unknown
  try {
    tree = (parseSync(select) as { stmts?: { stmt?: unknown }[] }).stmts?.[0]
      ?.stmt
  } catch {
    return null
  }
  let node = nodeType(tree)
  if (node?.[0] !== 'SelectStmt') return null
  // A set operation is named by its first input.
  while (node[1]['larg'] !== undefined) {
    node = ['SelectStmt', node[1]['larg'] as PgNode]
  }
  const targets = node[1]['targetList']
  if (!Array.isArray(targets)) return null
  const out: string[] = []
  for (const target of targets) {
    const res = (target as { ResTarget?: PgNode }).ResTarget
    if (!res) return null
    if (typeof res['name'] === 'string') {
      out.push(res['name'])
      continue
    }
    const name = columnName(res['val'])
    if (name === null) return null
    out.push(name)
  }
  return out
}

/** PostgreSQL's default name for a select-list expression (FigureColname), or null for `*`. */
function columnName(value: unknown): string | null {
  const [type, node] = nodeType(value) ?? ['', {}]
  switch (type) {
    case 'ColumnRef': {
      const fields = node['fields']
      const last = Array.isArray(fields) ? fields[fields.length - 1] : undefined
      if (last && typeof last === 'object' && 'A_Star' in last) return null
      return names(fields).pop() ?? '?column?'
    }
    case 'FuncCall':
      return names(node['funcname']).pop() ?? '?column?'
    case 'TypeCast': {
      const inner = columnName(node['arg'])
      if (inner !== null && inner !== '?column?') return inner
      return (
        names((node['typeName'] as PgNode | undefined)?.['names']).pop() ??
        '?column?'
      )
    }
    case 'CaseExpr':
      return 'case'
    default:
      return '?column?'
  }
}

/** The columns of WITH query `name` of this statement, or null when it has none. */
function withQueryColumns(
  s: SyntaxTokens,
  name: string,
  before: number,
): string[] | null {
  for (let i = 0; i < before; i++) {
    const t = s.tokens[i]!
    if (t.kind !== 'word' && t.kind !== 'quoted') continue
    if (identifierName(t) !== name) continue
    const previous = s.word(i - 1) || s.raw(i - 1)
    if (previous !== 'WITH' && previous !== ',' && previous !== 'RECURSIVE')
      continue
    let at = i + 1
    let listed: string[] | null = null
    if (s.is(at, '(')) {
      const close = s.partner(at)
      if (close < 0) return null
      listed = s
        .split(at + 1, close)
        .map(([from]) => identifierName(s.tokens[from]!))
      at = close + 1
    }
    if (s.word(at) !== 'AS' || !s.is(at + 1, '(')) continue
    if (listed) return listed
    const close = s.partner(at + 1)
    if (close < 0) return null
    return selectColumns(s.slice(at + 2, close))
  }
  return null
}

/**
 * The columns of `input`: the ones the statement names, else those `*`
 * gives over it ({@link starColumns}). What `*` cannot name exactly is
 * refused as an emulator limit; without the catalog the refusal names the
 * relations to read (`needs`).
 *
 * @example
 * ```ts
 * inputColumns(s, relationBefore(s, p)!, { fold: true, columns, asked }, 'PIVOT')
 * // ['partname', 'manufacturer', 'quality', 'price']
 * ```
 */
export function inputColumns(
  s: SyntaxTokens,
  input: RelationInput,
  context: SyntaxContext,
  what: 'PIVOT' | 'UNPIVOT',
): InputColumns {
  const fold = (name: string) => (context.fold ? name.toLowerCase() : name)
  if (input.columns !== null) return input.columns.map(fold)
  const limit = (why: string) => ({
    error: emulatorLimit(
      `${what} over ${why}`,
      `name the input columns in a subquery: FROM (SELECT a, b, c FROM t) ${what} (...)`,
    ),
  })
  const found = starColumns(s, `${input.text} AS "__input"`, context)
  if ('needs' in found)
    return {
      ...limit('tables whose columns the emulator has not read'),
      needs: found.needs,
    }
  if ('unknowable' in found) return limit(found.unknowable)
  if (new Set(found).size !== found.length)
    return limit('an input that gives one column name twice')
  return found
}

/** What {@link starColumns} answers. */
export type StarColumns =
  | readonly string[]
  | { readonly unknowable: string }
  | { readonly needs: readonly string[] }

/**
 * The columns `SELECT * FROM from` gives, read as `SELECT * EXCLUDE` reads
 * them (`from-columns.ts`: tables and views from the catalog, in any schema,
 * subqueries and the statement's WITH queries from their select lists),
 * with the statement's leading WITH clause in scope. Without the catalog the
 * answer names the relations to read (`needs`). A name that is a WITH query
 * the leading clause does not hold (one nested in a subquery) is never read
 * from the catalog, which would give another relation's columns: that, and
 * what `*` cannot name exactly, is `unknowable`.
 *
 * @example
 * ```ts
 * starColumns(s, 'part p join maker m on p.m = m.id', context)
 * // ['partname', 'm', 'id', 'name']
 * ```
 */
export function starColumns(
  s: SyntaxTokens,
  from: string,
  context: SyntaxContext,
): StarColumns {
  const fold = (name: string) => (context.fold ? name.toLowerCase() : name)
  const withEnd = withClauseEnd(s)
  const query = `${withEnd > 0 ? `${s.slice(0, withEnd)} ` : ''}SELECT * FROM ${from}`
  const tree = parseOneStatement(query)
  if (nodeType(tree)?.[0] !== 'SelectStmt') return { unknowable: 'this input' }
  // A WITH query out of the leading clause's scope is no catalog relation.
  const nested = withQueryNames(s, withEnd).map(fold)
  const source: ColumnSource | undefined =
    context.columns === undefined
      ? undefined
      : {
          fold: context.fold,
          ...(context.columns.collecting === true ? { collecting: true } : {}),
          columnsOf: (key) =>
            nested.some((name) => key === relationKey(undefined, name))
              ? undefined
              : context.columns!.columnsOf(key),
        }
  let resolver = new FromColumns(source, context.fold)
  let found = resolver.outputs(tree, new Map())
  if (source === undefined || source.collecting === true) {
    if (resolver.asked.size > 0) return { needs: [...resolver.asked] }
    // No table's columns are needed (WITH queries and subqueries only).
    const none = { fold: context.fold, columnsOf: () => undefined }
    resolver = new FromColumns(none, context.fold)
    found = resolver.outputs(tree, new Map())
  }
  return found
}

/** The index of the first token after the statement's leading WITH clause, or 0. */
function withClauseEnd(s: SyntaxTokens): number {
  if (s.word(0) !== 'WITH') return 0
  let at = s.word(1) === 'RECURSIVE' ? 2 : 1
  for (;;) {
    at += 1
    if (s.is(at, '(')) {
      const close = s.partner(at)
      if (close < 0) return 0
      at = close + 1
    }
    if (s.word(at) !== 'AS' || !s.is(at + 1, '(')) return 0
    const close = s.partner(at + 1)
    if (close < 0) return 0
    at = close + 1
    if (!s.is(at, ',')) return at
    at += 1
  }
}

/**
 * The names of the WITH queries the statement defines after token `from`.
 *
 * @example
 * ```ts
 * withQueryNames(new SyntaxTokens('with a as (select 1) select * from a'), 0) // ['a']
 * ```
 */
export function withQueryNames(s: SyntaxTokens, from: number): string[] {
  const out: string[] = []
  for (let i = from; i < s.length; i++) {
    const t = s.tokens[i]!
    if (t.kind !== 'word' && t.kind !== 'quoted') continue
    const previous = s.word(i - 1) || s.raw(i - 1)
    if (previous !== 'WITH' && previous !== ',' && previous !== 'RECURSIVE')
      continue
    let at = i + 1
    if (s.is(at, '(')) at = s.partner(at) + 1
    if (at > 0 && s.word(at) === 'AS' && s.is(at + 1, '('))
      out.push(identifierName(t))
  }
  return out
}
