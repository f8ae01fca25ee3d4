import { reject } from '../../errors/reject.js'
import type { ErrorFields } from '../../protocol/error-fields.js'
import { tokenize } from '../lexer.js'
import { parseOneStatement, walkTree, type PgNode } from '../parse-tree.js'
import { quoteIdentifier } from '../quote.js'
import type { ExternalSchemaNames } from './external-reads.js'

/**
 * A late-binding view's query with each `schema.table` of an external schema
 * read through `redshift_local.external_rows(NULL::schema.table)`, which
 * returns the rows the emulator read into the session's temporary table of
 * that external table for the statement that reads the view (see
 * `spectrum/read-view-external-tables.ts`). PostgreSQL binds a view to the
 * tables it names, and an external table holds no rows; the function is what
 * lets one view read the files each session read for it. A reference without
 * an alias is given the table's name as one, so `sales.id` still resolves.
 * The query as it is when it names no external table; an error for a view
 * that names `"$path"` or `"$size"` (an emulator limit).
 *
 * @example
 * ```ts
 * rewriteViewExternalReads('select id from spectrum.sales', names)
 * // 'select id from redshift_local.external_rows(NULL::spectrum.sales) AS sales'
 * ```
 */
export function rewriteViewExternalReads(
  query: string,
  names: ExternalSchemaNames,
): string | ErrorFields {
  if (!names.mayName(query)) return query
  const tree = parseOneStatement(query)
  if (tree === undefined) return query
  const bytes = Buffer.from(query)
  const edits: { start: number; end: number; text: string }[] = []
  walkTree(tree, (kind, node) => {
    if (kind !== 'RangeVar') return
    const schema = node['schemaname']
    const table = node['relname']
    const location = node['location']
    if (typeof schema !== 'string' || typeof table !== 'string') return
    if (typeof location !== 'number' || !names.has(schema)) return
    if (node['catalogname'] !== undefined) return
    // libpg-query's locations count bytes.
    const start = bytes.subarray(0, location).toString().length
    const tokens = tokenize(query.slice(start)).filter(
      (t) => t.kind !== 'space' && t.kind !== 'comment',
    )
    if (tokens[1]?.kind !== 'dot' || tokens[2] === undefined) return
    const source = `${quoteIdentifier(schema)}.${quoteIdentifier(table)}`
    const alias =
      node['alias'] !== undefined ? '' : ` AS ${quoteIdentifier(table)}`
    edits.push({
      start,
      end: start + tokens[2].end,
      text: `redshift_local.external_rows(NULL::${source})${alias}`,
    })
  })
  if (edits.length === 0) return query
  const pseudo = tokenize(query).some(
    (t) =>
      t.kind === 'quoted' &&
      /^"\$(path|size)"$/i.test(query.slice(t.start, t.end)),
  )
  if (pseudo)
    return reject.other(
      '0A000',
      'a view that names "$path" or "$size" of an external table is not supported by the local emulator (an emulator limit)',
      undefined,
      'name the pseudocolumns in a query that reads the external table itself',
    )
  edits.sort((a, b) => a.start - b.start)
  let out = ''
  let at = 0
  for (const edit of edits) {
    out += query.slice(at, edit.start) + edit.text
    at = edit.end
  }
  return out + query.slice(at)
}

/**
 * The relations a statement names that may be late-binding views reading
 * external tables (`names.hasView`), as `[schema or null, name]`; empty when
 * it names none.
 *
 * @example
 * ```ts
 * viewsNamed(tree, names, true) // [[null, 'sales_v']]
 * ```
 */
export function viewsNamed(
  tree: unknown,
  names: ExternalSchemaNames,
  fold: boolean,
): readonly (readonly [string | null, string])[] {
  if (!names.hasViews()) return []
  // Folded quoted identifiers are folded in the text, not in the tree.
  const held = (name: string) => (fold ? name.toLowerCase() : name)
  const found = new Map<string, readonly [string | null, string]>()
  walkTree(tree, (kind, node) => {
    if (kind !== 'RangeVar') return
    const schema = node['schemaname']
    const table = node['relname']
    if (typeof table !== 'string' || !names.hasView(held(table))) return
    const key =
      typeof schema === 'string'
        ? [held(schema), held(table)]
        : [null, held(table)]
    found.set(JSON.stringify(key), key as [string | null, string])
  })
  return [...found.values()]
}

/**
 * Whether a view's query names a late-binding view that may read external
 * tables (the view then may read them too).
 *
 * @example
 * ```ts
 * namesExternalViews('select * from public.sales_v', names) // true
 * ```
 */
export function namesExternalViews(
  query: string,
  names: ExternalSchemaNames,
): boolean {
  if (!names.hasViews()) return false
  const tree = parseOneStatement(query)
  return tree !== undefined && viewsNamed(tree, names, false).length > 0
}

/**
 * Notes a view (CREATE VIEW, bound) over a late-binding view that may read
 * external tables: a statement that names it looks up its reads too.
 *
 * @example
 * ```ts
 * noteExternalView(parseOneStatement('create view w as select * from sales_v'), names, true)
 * ```
 */
export function noteExternalView(
  tree: unknown,
  names: ExternalSchemaNames,
  fold: boolean,
): void {
  const node = (tree as { ViewStmt?: PgNode } | undefined)?.ViewStmt
  const name = (node?.['view'] as PgNode | undefined)?.['relname']
  if (typeof name !== 'string') return
  if (viewsNamed(node?.['query'], names, fold).length > 0)
    names.addView(fold ? name.toLowerCase() : name)
}
