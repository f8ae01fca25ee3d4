import {
  INFORMATION_SCHEMA_VIEWS,
  RELATION_ROW_TABLES,
  SCHEMANAME_VIEWS,
} from '../catalog/schema-filtered-views.js'
import { charOffsets } from './char-offsets.js'
import { names, parseOneStatement, walkTree } from './parse-tree.js'
import {
  identifierName,
  isSignificant,
  tokenize,
  type Token,
} from './rewrite-tokens.js'

/**
 * Catalog relations the emulator shows with Redshift's shape, by schema:
 * without the emulator's own schemas, objects and PostgreSQL's `pg_*` roles
 * (`catalog/client-catalog-views.ts`), type names (PG_TYPE, PG_ATTRIBUTE, COLUMNS), PG_DEFAULT_ACL's columns
 * (`catalog/default-acl-view.ts`), PG_USER's and PG_GROUP's
 * (`catalog/role-views.ts`: PostgreSQL 8.0's columns, and groups only), and
 * PG_CONSTRAINT without the emulator's own checks
 * (`catalog/constraint-view.ts`), and PostgreSQL's statistics, index and
 * information_schema views without the rows of the emulator's schemas
 * (`catalog/schema-filtered-views.ts`).
 */
const MAPPED: Readonly<Record<string, string>> = {
  // catalog/client-catalog-views.ts: without the emulator's own objects
  pg_database: 'pg_catalog',
  pg_namespace: 'pg_catalog',
  pg_class: 'pg_catalog',
  pg_tables: 'pg_catalog',
  pg_views: 'pg_catalog',
  pg_proc: 'pg_catalog',
  pg_description: 'pg_catalog',
  pg_trigger: 'pg_catalog',
  pg_event_trigger: 'pg_catalog',
  pg_roles: 'pg_catalog',
  schemata: 'information_schema',
  tables: 'information_schema',
  views: 'information_schema',
  routines: 'information_schema',
  parameters: 'information_schema',
  triggers: 'information_schema',
  pg_type: 'pg_catalog',
  pg_attribute: 'pg_catalog',
  pg_default_acl: 'pg_catalog',
  pg_user: 'pg_catalog',
  pg_group: 'pg_catalog',
  pg_constraint: 'pg_catalog',
  columns: 'information_schema',
  // catalog/schema-filtered-views.ts: without the emulator's schemas' rows
  ...Object.fromEntries([
    ...SCHEMANAME_VIEWS.map((name) => [name, 'pg_catalog']),
    ...RELATION_ROW_TABLES.map(([name]) => [name, 'pg_catalog']),
    ...INFORMATION_SCHEMA_VIEWS.map((name) => [name, 'information_schema']),
  ]),
}

/**
 * PostgreSQL's system columns: the views have none, so a statement that
 * names one reads the catalogs themselves (as Redshift, whose catalogs are
 * PostgreSQL's tables, answers `select xmin from pg_class`); the emulator's
 * own rows then show in that statement only.
 */
const SYSTEM_COLUMNS = new Set([
  'xmin',
  'xmax',
  'cmin',
  'cmax',
  'ctid',
  'tableoid',
])

/** Without one of the names, there is nothing here to read. */
const TRIGGER = new RegExp(
  `\\b(?:${Object.keys(MAPPED)
    .filter((name) => MAPPED[name] === 'pg_catalog')
    .join('|')})\\b|\\binformation_schema\\b`,
  'i',
)

/**
 * `text` with its reads of `pg_type` and `pg_attribute` (bare or
 * `pg_catalog.`-qualified) and of `information_schema.columns` pointed at
 * the views of the same names in `redshift_local`, which show SUPER as
 * Redshift does: OID 4000, named `super` (`catalog/super-catalog.ts`); null
 * when it reads none of them. A
 * reference without an alias keeps the table's name as its alias, so that
 * `pg_type.oid` still names a column.
 *
 * @example
 * ```ts
 * rewriteCatalogTypeNames('select typname from pg_type where oid = 4000')
 * // 'select typname from redshift_local.pg_type AS pg_type where oid = 4000'
 * ```
 */
export function rewriteCatalogTypeNames(text: string): string | null {
  if (!TRIGGER.test(text)) return null
  const tree = parseOneStatement(text)
  if (tree === undefined) return null
  const tokens = tokenize(text, { backslashEscapes: false }).filter(
    isSignificant,
  )
  const byStart = new Map<number, number>()
  tokens.forEach((t, i) => byStart.set(t.start, i))
  const charAt = charOffsets(text)
  const edits: { start: number; end: number; by: string }[] = []
  let systemColumn = false
  walkTree(tree, (type, node) => {
    if (type === 'ColumnRef') {
      const last = names(node['fields']).at(-1)
      if (last !== undefined && SYSTEM_COLUMNS.has(last)) systemColumn = true
      return
    }
    if (type !== 'RangeVar') return
    const relname = node['relname']
    const schema = node['schemaname']
    if (typeof relname !== 'string' || !Object.hasOwn(MAPPED, relname)) return
    const home = MAPPED[relname]
    // information_schema is not on the search path: only its qualified name reads it.
    if (schema === undefined ? home !== 'pg_catalog' : schema !== home) return
    if (node['catalogname'] !== undefined) return
    const first = byStart.get(charAt(Number(node['location'] ?? -1)))
    if (first === undefined) return
    const last = schema === undefined ? first : first + 2
    const name: Token | undefined = tokens[last]
    // Quoted or not (`information_schema."columns"`, as dbt writes it).
    if (name === undefined || identifierName(name) !== relname) return
    const alias = node['alias'] === undefined ? ` AS ${relname}` : ''
    edits.push({
      start: tokens[first]!.start,
      end: name.end,
      by: `redshift_local.${relname}${alias}`,
    })
  })
  if (edits.length === 0 || systemColumn) return null
  edits.sort((a, b) => a.start - b.start)
  let out = ''
  let at = 0
  for (const edit of edits) {
    out += text.slice(at, edit.start) + edit.by
    at = edit.end
  }
  return out + text.slice(at)
}
