import { reject } from '../errors/reject.js'
import type { ErrorFields } from '../protocol/error-fields.js'
import { relationKey, type ColumnSource } from './column-scopes.js'
import { parseOneStatement, walkTree, type PgNode } from './parse-tree.js'
import { quoteIdentifier } from './quote.js'
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
 * has no such list, so `*` becomes the columns written out, read from the
 * catalog (`columns`, the column lookup the DECIMAL typing uses). Without
 * them the answer names the relations to look up. Tables and views only,
 * joined without USING or NATURAL: a FROM subquery or WITH query, or a
 * table the lookup cannot name (a name several schemas hold), is refused
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
    if (!startsSelectList(s, star))
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
    const top = topBefore(s, star)
    if (top >= 0)
      withStar =
        withStar.slice(0, s.start(top)) +
        ' '.repeat(s.end(top + 1) - s.start(top)) +
        withStar.slice(s.end(top + 1))
    return expanded(
      withStar,
      s.end(star),
      excluded,
      fold,
      columns,
      (list) => text.slice(0, s.start(star)) + list + text.slice(s.start(last)),
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

function expanded(
  withStar: string,
  starEnd: number,
  excluded: ReadonlySet<string>,
  fold: boolean,
  columns: ColumnSource | undefined,
  render: (list: string) => string,
): ExcludeResult {
  const tree = parseOneStatement(withStar)
  const unread = {
    error: emulatorLimit('SELECT * EXCLUDE in this statement', LIMIT_HINT),
  }
  if (tree === undefined) return unread
  const at = Buffer.byteLength(withStar.slice(0, starEnd)) - 1
  const cteNames = new Set<string>()
  let block: PgNode | undefined
  walkTree(tree, (type, node) => {
    if (type === 'CommonTableExpr') cteNames.add(String(node['ctename']))
    if (type !== 'SelectStmt' || block !== undefined) return
    const targets = Array.isArray(node['targetList']) ? node['targetList'] : []
    const ref = (targets[0] as { ResTarget?: PgNode } | undefined)?.ResTarget?.[
      'val'
    ] as { ColumnRef?: PgNode } | undefined
    if (targets.length === 1 && ref?.ColumnRef?.['location'] === at)
      block = node
  })
  if (block === undefined) return unread
  const relations: { key: string; qualifier: string }[] = []
  const limit = (what: string) => ({
    error: emulatorLimit(`SELECT * EXCLUDE over ${what}`, LIMIT_HINT),
  })
  const name = (part: string) => (fold ? part.toLowerCase() : part)
  const visit = (item: unknown): ExcludeResult | undefined => {
    const join = (item as { JoinExpr?: PgNode }).JoinExpr
    if (join !== undefined) {
      if (join['usingClause'] !== undefined || join['isNatural'] === true)
        return limit('a join with USING or NATURAL')
      return visit(join['larg']) ?? visit(join['rarg'])
    }
    const rv = (item as { RangeVar?: PgNode }).RangeVar
    if (rv === undefined || typeof rv['relname'] !== 'string')
      return limit('a subquery or function in FROM')
    const schema =
      typeof rv['schemaname'] === 'string' ? name(rv['schemaname']) : undefined
    const relname = name(rv['relname'])
    if (schema === undefined && cteNames.has(relname))
      return limit('a WITH query')
    const alias = (rv['alias'] as PgNode | undefined)?.['aliasname']
    const qualifier =
      typeof alias === 'string'
        ? quoteIdentifier(name(alias))
        : (schema === undefined ? '' : `${quoteIdentifier(schema)}.`) +
          quoteIdentifier(relname)
    relations.push({ key: relationKey(schema, relname), qualifier })
    return undefined
  }
  const from = Array.isArray(block['fromClause']) ? block['fromClause'] : []
  if (from.length === 0) return limit('no FROM clause')
  for (const item of from) {
    const refused = visit(item)
    if (refused !== undefined) return refused
  }
  if (columns === undefined || columns.collecting === true)
    return {
      ...limit('tables whose columns the emulator has not read'),
      relations: relations.map((r) => r.key),
    }
  const list: string[] = []
  const seen = new Set<string>()
  for (const { key, qualifier } of relations) {
    const found = columns.columnsOf(key)
    if (found === undefined)
      return limit(
        'a table the emulator cannot name uniquely (or created in this transaction block)',
      )
    for (const column of found.keys()) {
      if (excluded.has(column)) seen.add(column)
      else list.push(`${qualifier}.${quoteIdentifier(column)}`)
    }
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
