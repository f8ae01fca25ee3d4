import { reject } from '../errors/reject.js'
import type { ErrorFields } from '../protocol/error-fields.js'
import { tokenize, type Token } from './lexer.js'
import { walkTree } from './parse-tree.js'
import { quoteIdentifier } from './quote.js'
import { readsRows } from './spectrum/external-reads.js'

/**
 * The system views that list the objects of every database of the cluster
 * (cross-database-overview.html): each database of the emulator is a
 * database of the backing PostgreSQL, whose views list only its own
 * objects, so a statement that reads one reads a session table holding
 * every database's rows instead (see `session/read-all-database-views.ts`).
 */
export const ALL_DATABASE_VIEWS: ReadonlySet<string> = new Set([
  'svv_redshift_schemas',
  'svv_redshift_tables',
  'svv_redshift_columns',
  'svv_redshift_functions',
  'svv_all_schemas',
  'svv_all_tables',
  'svv_all_columns',
])

/**
 * Spectrum's views that also list, under each alias schema of the connected
 * database (`CREATE EXTERNAL SCHEMA ... FROM REDSHIFT`), the tables and
 * columns of the other database's schema it names
 * (cross-database-overview.html): read the same way while some database
 * has an alias, their other rows being the aliases' (see
 * `session/read-all-database-views.ts`).
 *
 * @example
 * ```ts
 * ALIAS_LISTING_VIEWS.has('svv_external_columns') // true
 * ```
 */
export const ALIAS_LISTING_VIEWS: ReadonlySet<string> = new Set([
  'svv_external_tables',
  'svv_external_columns',
])

/** Both sets, read from every database while an alias schema exists. */
const WITH_ALIAS_LISTING: ReadonlySet<string> = new Set([
  ...ALL_DATABASE_VIEWS,
  ...ALIAS_LISTING_VIEWS,
])

/**
 * The emulator's own views read the same way, named only qualified by
 * `redshift_local`: SHOW GRANTS FOR ... FROM DATABASE reads
 * `all_object_grants` (see `show-grants.ts`).
 */
const OWN_VIEWS: ReadonlySet<string> = new Set(['all_object_grants'])

/** A cheap first test: a statement that names none of the views pays only it. */
const MAY_NAME =
  /svv_(?:redshift|all)_(?:schemas|tables|columns|functions)|svv_external_(?:tables|columns)|all_object_grants/i

/**
 * The relation a view of {@link ALL_DATABASE_VIEWS} (or one of the
 * emulator's own read the same way) is read from in each database.
 *
 * @example
 * ```ts
 * allDatabaseSource('svv_redshift_tables') // 'pg_catalog."svv_redshift_tables"'
 * ```
 */
export function allDatabaseSource(view: string): string {
  const schema = OWN_VIEWS.has(view) ? 'redshift_local' : 'pg_catalog'
  return `${schema}.${quoteIdentifier(view)}`
}

/** Whether `view` (qualified by `schema`, undefined when not) is read from every database. */
function readsEveryDatabase(
  listed: ReadonlySet<string>,
  view: string,
  schema: string | undefined,
): boolean {
  if (OWN_VIEWS.has(view)) return schema === 'redshift_local'
  return listed.has(view) && (schema === undefined || schema === 'pg_catalog')
}

/** Words that may follow a FROM item that has no alias. */
const AFTER_ITEM = new Set([
  'where',
  'group',
  'having',
  'order',
  'limit',
  'offset',
  'fetch',
  'for',
  'union',
  'intersect',
  'except',
  'join',
  'inner',
  'left',
  'right',
  'full',
  'cross',
  'natural',
  'on',
  'using',
  'window',
  'returning',
  'qualify',
])

/**
 * The session table that holds one view's rows of every database.
 *
 * @example
 * ```ts
 * allDatabaseTable('svv_redshift_tables') // 'all_databases$svv_redshift_tables'
 * ```
 */
export function allDatabaseTable(view: string): string {
  return `all_databases$${view}`
}

/**
 * The statement with each reference to one of {@link ALL_DATABASE_VIEWS}
 * (unqualified or `pg_catalog.`) rewritten to the session's temporary
 * table that holds every database's rows, keeping the name it is known by
 * in the statement (`pg_temp."all_databases$svv_redshift_tables" AS
 * svv_redshift_tables` when it has no alias), and the views to read; null
 * when it reads none. While `aliases` (some database has an alias schema),
 * the views of {@link ALIAS_LISTING_VIEWS} are read so too. A view over one is refused as an emulator limit (it
 * would list the connected database's objects alone). A
 * reference the text scan cannot place for certain (a CTE of such a name,
 * a name the scan does not find as a FROM item) is refused as an emulator
 * limit rather than answered with the connected database's rows alone.
 *
 * @example
 * ```ts
 * rewriteAllDatabaseViews('select * from svv_redshift_tables', 'SelectStmt', tree, false, false)
 * // { text: 'select * from pg_temp."all_databases$svv_redshift_tables" AS svv_redshift_tables', views: ['svv_redshift_tables'] }
 * ```
 */
export function rewriteAllDatabaseViews(
  text: string,
  type: string,
  tree: unknown,
  fold: boolean,
  aliases: boolean,
):
  | { readonly text: string; readonly views: readonly string[] }
  | ErrorFields
  | null {
  if (!MAY_NAME.test(text)) return null
  const listed = aliases ? WITH_ALIAS_LISTING : ALL_DATABASE_VIEWS
  const held = (name: string) => (fold ? name.toLowerCase() : name)
  if (type === 'ViewStmt') {
    // A view would keep reading the connected database's rows alone.
    let names = false
    walkTree(tree, (kind, node) => {
      const name = node['relname']
      if (kind === 'RangeVar' && typeof name === 'string')
        names ||= listed.has(held(name))
    })
    return names
      ? reject.other(
          '0A000',
          'a view over a system view that lists every database (SVV_REDSHIFT_* or SVV_ALL_*) or the tables of alias schemas (SVV_EXTERNAL_TABLES, SVV_EXTERNAL_COLUMNS) is not supported by the local emulator (an emulator limit)',
          undefined,
          'query the system view itself',
        )
      : null
  }
  if (!readsRows(type)) return null
  let items = 0
  let shadowed = false
  walkTree(tree, (kind, node) => {
    if (kind === 'CommonTableExpr') {
      const name = node['ctename']
      if (typeof name === 'string' && listed.has(held(name))) shadowed = true
      return
    }
    if (kind !== 'RangeVar') return
    const name = node['relname']
    const schema = node['schemaname']
    if (typeof name !== 'string' || node['catalogname'] !== undefined) return
    const qualifier = schema === undefined ? undefined : held(String(schema))
    if (readsEveryDatabase(listed, held(name), qualifier)) items++
  })
  if (items === 0 && !shadowed) return null
  const tokens = tokenize(text).filter(
    (t) => t.kind !== 'space' && t.kind !== 'comment',
  )
  const edits: { start: number; end: number; text: string }[] = []
  const views = new Set<string>()
  let found = 0
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!
    const view = identifier(text, token)
    if (view === undefined || (!listed.has(view) && !OWN_VIEWS.has(view)))
      continue
    const before = tokens[i - 1]
    const next = tokens[i + 1]
    const own = OWN_VIEWS.has(view)
    const qualified =
      before?.kind === 'dot' &&
      identifier(text, tokens[i - 2]) ===
        (own ? 'redshift_local' : 'pg_catalog') &&
      tokens[i - 3]?.kind !== 'dot'
    if ((before?.kind === 'dot' || own) && !qualified) continue
    const start = qualified ? tokens[i - 2]!.start : token.start
    if (next?.kind === 'dot') {
      // A column qualified with the view's full name: the FROM item keeps
      // the view's name, so the column is qualified with that name alone.
      if (qualified)
        edits.push({ start, end: token.end, text: quoteIdentifier(view) })
      continue
    }
    if (!qualified && !followsFrom(text, before)) continue
    if (next?.kind === 'open') continue
    found++
    views.add(view)
    const alias = hasAlias(text, next) ? '' : ` AS ${quoteIdentifier(view)}`
    edits.push({
      start,
      end: token.end,
      text: `pg_temp.${quoteIdentifier(allDatabaseTable(view))}${alias}`,
    })
  }
  if (shadowed || found !== items) {
    return reject.other(
      '0A000',
      'this reference to a system view that lists every database (SVV_REDSHIFT_* or SVV_ALL_*) or the tables of alias schemas (SVV_EXTERNAL_TABLES, SVV_EXTERNAL_COLUMNS) is not supported by the local emulator (an emulator limit)',
      undefined,
      'name the view in a FROM clause, without a WITH query of the same name',
    )
  }
  let out = ''
  let at = 0
  for (const edit of edits) {
    out += text.slice(at, edit.start) + edit.text
    at = edit.end
  }
  out += text.slice(at)
  return { text: out, views: [...views] }
}

/** The name PostgreSQL resolves for a word or quoted identifier token. */
function identifier(
  text: string,
  token: Token | undefined,
): string | undefined {
  if (token === undefined) return undefined
  const raw = text.slice(token.start, token.end)
  if (token.kind === 'word') return raw.toLowerCase()
  if (token.kind === 'quoted' && raw.startsWith('"'))
    return raw.slice(1, -1).replace(/""/g, '"')
  return undefined
}

/** Whether the token before a name makes it a FROM item (FROM, JOIN or a comma). */
function followsFrom(text: string, before: Token | undefined): boolean {
  if (before === undefined) return false
  if (before.kind === 'comma') return true
  if (before.kind !== 'word') return false
  const word = text.slice(before.start, before.end).toLowerCase()
  return word === 'from' || word === 'join'
}

/** Whether the token after a FROM item starts its alias. */
function hasAlias(text: string, next: Token | undefined): boolean {
  if (next === undefined) return false
  if (next.kind === 'quoted') return true
  if (next.kind !== 'word') return false
  return !AFTER_ITEM.has(text.slice(next.start, next.end).toLowerCase())
}
