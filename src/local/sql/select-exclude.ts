import { reject } from '../errors/reject.js'
import type { ErrorFields } from '../protocol/error-fields.js'
import type { ColumnSource } from './column-scopes.js'
import { FromColumns, withCtes, type CteScope } from './from-columns.js'
import { parseOneStatement, type PgNode } from './parse-tree.js'
import { quoteIdentifier } from './quote.js'
import { identifierName, type Token } from './rewrite-tokens.js'
import { emulatorLimit, SyntaxTokens } from './syntax/syntax-tokens.js'

/** Cheap test before the statement is tokenised. */
const TRIGGER = /\*\s*exclude\b/i

/** What {@link expandExclude} answers. */
export type ExcludeResult =
  | { readonly text: string }
  | { readonly error: ErrorFields }
  /** The columns of `relations` are needed first; `error` stands until they are known. */
  | { readonly error: ErrorFields; readonly relations: readonly string[] }

const LIMIT_HINT = 'write the select list out'

/**
 * `SELECT * EXCLUDE column_list` (https://docs.aws.amazon.com/redshift/latest/dg/r_EXCLUDE_list.html):
 * every column of the FROM tables but the listed ones, in order. PostgreSQL
 * has no such list, so `*` becomes the columns written out: a table's or
 * view's read from the catalog (`columns`, the column lookup the DECIMAL
 * typing uses), a FROM subquery's or WITH query's from its select list,
 * joins in PostgreSQL's (and Redshift's) order, USING and NATURAL columns
 * first by their bare name (see `from-columns.ts`). Without the catalog the
 * answer names the relations to look up. What cannot be named exactly (an
 * unaliased expression in a subquery, a function in FROM, one column name
 * given twice by a relation, a table the lookup cannot name) is refused
 * as an emulator limit. Null when the statement has no `* EXCLUDE`.
 *
 * @example
 * ```ts
 * expandExclude('select * exclude saletime from sales', true, columns)
 * // { text: 'select "sales"."salesid", ... from sales' }
 * ```
 */
export function expandExclude(
  text: string,
  fold: boolean,
  columns: ColumnSource | undefined,
): ExcludeResult | null {
  if (!TRIGGER.test(text)) return null
  const s = new SyntaxTokens(text)
  for (let star = 1; star + 1 < s.length; star++) {
    if (!s.is(star, '*') || s.word(star + 1) !== 'EXCLUDE') continue
    // `t.*` (or `schema.t.*`): the select list SELECT's synopsis puts
    // EXCLUDE after may be a qualified star as well as `*`.
    let item = star
    while (
      s.is(item - 1, '.') &&
      (s.tokens[item - 2]?.kind === 'word' ||
        s.tokens[item - 2]?.kind === 'quoted')
    )
      item -= 2
    const owner =
      item === star ? undefined : foldedName(s.tokens[star - 2]!, fold)
    if (!startsSelectList(s, item))
      return {
        error: emulatorLimit(
          'EXCLUDE after a select list other than *',
          LIMIT_HINT,
        ),
      }
    const first = star + 2
    let last: number
    let items: [number, number][]
    if (s.is(first, '(')) {
      last = s.partner(first)
      if (last < 0) return { error: s.syntaxError(first) }
      items = s.split(first + 1, last)
      last++
    } else {
      last = s.findWord(first, s.levelEnd(star), new Set(['FROM', 'INTO']))
      items = s.split(first, last)
    }
    const excluded = new Set<string>()
    for (const [from, to] of items) {
      const token = s.tokens[from]
      if (to - from !== 1 || token === undefined)
        return { error: s.syntaxError(from) }
      if (token.kind === 'quoted') {
        const name = token.text.slice(1, -1).replaceAll('""', '"')
        excluded.add(fold ? name.toLowerCase() : name)
      } else if (token.kind === 'word') {
        excluded.add(token.text.toLowerCase())
      } else {
        return { error: s.syntaxError(from) }
      }
    }
    // The statement with `*` alone, read by PostgreSQL's parser: TOP n
    // (Redshift's) is blanked out there, keeping every offset.
    let withStar = text.slice(0, s.end(star)) + text.slice(s.start(last))
    const top = topBefore(s, item)
    if (top >= 0)
      withStar =
        withStar.slice(0, s.start(top)) +
        ' '.repeat(s.end(top + 1) - s.start(top)) +
        withStar.slice(s.end(top + 1))
    return expanded(
      withStar,
      s.start(item),
      excluded,
      fold,
      columns,
      owner === undefined
        ? undefined
        : { owner, text: text.slice(s.start(item), s.start(star - 1)) },
      (list) => text.slice(0, s.start(item)) + list + text.slice(s.start(last)),
    )
  }
  return null
}

/** The index of TOP in SELECT TOP n [DISTINCT | ALL] * (the `*` at `star`), or -1. */
function topBefore(s: SyntaxTokens, star: number): number {
  let i = star - 1
  if (s.word(i) === 'DISTINCT' || s.word(i) === 'ALL') i--
  return s.word(i - 1) === 'TOP' ? i - 1 : -1
}

/** Whether the `*` at `star` is the whole select list: SELECT [TOP n] [DISTINCT | ALL] *. */
function startsSelectList(s: SyntaxTokens, star: number): boolean {
  let i = star - 1
  if (s.word(i) === 'DISTINCT' || s.word(i) === 'ALL') i--
  if (s.word(i - 1) === 'TOP') i -= 2
  return s.word(i) === 'SELECT'
}

/** The relation a qualified `t.*` names: its name as `x.*` matches it, and the text that qualifies its columns. */
interface StarOwner {
  readonly owner: string
  readonly text: string
}

function foldedName(token: Token, fold: boolean): string {
  const name = identifierName(token)
  return fold && token.kind === 'quoted' ? name.toLowerCase() : name
}

function expanded(
  withStar: string,
  itemStart: number,
  excluded: ReadonlySet<string>,
  fold: boolean,
  columns: ColumnSource | undefined,
  qualified: StarOwner | undefined,
  render: (list: string) => string,
): ExcludeResult {
  const tree = parseOneStatement(withStar)
  const unread = {
    error: emulatorLimit('SELECT * EXCLUDE in this statement', LIMIT_HINT),
  }
  if (tree === undefined) return unread
  const at = Buffer.byteLength(withStar.slice(0, itemStart))
  const found = findBlock(tree, at, new Map(), fold)
  if (found === undefined) return unread
  const limit = (what: string) => ({
    error: emulatorLimit(`SELECT * EXCLUDE over ${what}`, LIMIT_HINT),
  })
  const from = found.block['fromClause']
  if (!Array.isArray(from) || from.length === 0) return limit('no FROM clause')
  let resolver = new FromColumns(columns, fold)
  let all = resolver.block(found.block, found.scope)
  if (columns === undefined || columns.collecting === true) {
    if (resolver.asked.size > 0)
      return {
        ...limit('tables whose columns the emulator has not read'),
        relations: [...resolver.asked],
      }
    // No table's columns are needed (aliased subquery and WITH columns).
    resolver = new FromColumns({ fold, columnsOf: () => undefined }, fold)
    all = resolver.block(found.block, found.scope)
  }
  if ('unknowable' in all) return limit(all.unknowable)
  if (qualified !== undefined) {
    // `t.*` gives t's columns; each is selected by t's name, as PostgreSQL
    // expands `t.*` (a USING column is t's own, not the merged one).
    const own = all.filter((c) => c.owners.includes(qualified.owner))
    if (own.length === 0)
      return {
        error: reject.other(
          '42P01',
          `missing FROM-clause entry for table "${qualified.owner}"`,
        ),
      }
    for (const column of excluded) {
      // Undocumented: a listed column of another relation of the query.
      if (
        !own.some((c) => c.name === column) &&
        all.some((c) => c.name === column)
      )
        return limit("an EXCLUDE column of another relation than the star's")
    }
    all = own.map((c) => ({
      ...c,
      ref: `${qualified.text}.${quoteIdentifier(c.name)}`,
    }))
  }
  // Each reference must name one column of the block: a USING column by its
  // bare name, any other by its relation; twice is ambiguous in PostgreSQL.
  const refs = new Map<string, number>()
  const bare = new Map<string, number>()
  for (const c of all) {
    refs.set(c.ref, (refs.get(c.ref) ?? 0) + 1)
    bare.set(c.name, (bare.get(c.name) ?? 0) + 1)
  }
  const list: string[] = []
  const seen = new Set<string>()
  for (const c of all) {
    if (excluded.has(c.name)) {
      seen.add(c.name)
      continue
    }
    const unqualified = c.ref === quoteIdentifier(c.name)
    if (refs.get(c.ref)! > 1 || (unqualified && bare.get(c.name)! > 1))
      return limit('relations that give one column name twice')
    list.push(c.ref)
  }
  for (const column of excluded) {
    if (!seen.has(column))
      return {
        error: reject.other('42703', `column "${column}" does not exist`),
      }
  }
  if (list.length === 0)
    return {
      error: reject.syntax('EXCLUDE', 'EXCLUDE leaves no column to select'),
    }
  return { text: render(list.join(', ')) }
}

/** The query block whose select list is the `*` at byte `at`, and the WITH queries it sees. */
function findBlock(
  node: unknown,
  at: number,
  scope: CteScope,
  fold: boolean,
): { readonly block: PgNode; readonly scope: CteScope } | undefined {
  if (node === null || typeof node !== 'object') return undefined
  if (Array.isArray(node)) {
    for (const item of node) {
      const found = findBlock(item, at, scope, fold)
      if (found !== undefined) return found
    }
    return undefined
  }
  const select = (node as { SelectStmt?: PgNode }).SelectStmt
  if (select !== undefined) {
    const targets = Array.isArray(select['targetList'])
      ? select['targetList']
      : []
    const ref = (targets[0] as { ResTarget?: PgNode } | undefined)?.ResTarget?.[
      'val'
    ] as { ColumnRef?: PgNode } | undefined
    if (targets.length === 1 && ref?.ColumnRef?.['location'] === at)
      return { block: select, scope }
  }
  // A WITH clause is seen by everything of the statement it belongs to.
  const inner = withCtes(node as PgNode, scope, fold)
  for (const value of Object.values(node)) {
    const found = findBlock(value, at, inner, fold)
    if (found !== undefined) return found
  }
  return undefined
}
