import { createHash } from 'node:crypto'

import { reject } from '../errors/reject.js'
import type { ErrorFields } from '../protocol/error-fields.js'
import { tokenize, type Token } from './lexer.js'
import { nodeType, walkTree, type PgNode } from './parse-tree.js'
import { quoteIdentifier } from './quote.js'
import type { SchemaAliases, SchemaAliasTarget } from './schema-aliases.js'
import { fromItemPlace } from './spectrum/external-reads.js'

/** A relation a statement names by `database.schema.relation`. */
export interface ThreePartName {
  readonly database: string
  readonly schema: string
  readonly relation: string
  /** It is the statement's target (INSERT, UPDATE, DELETE, MERGE, SELECT INTO, CREATE TABLE AS). */
  readonly target: boolean
  /** Another relation the statement names has the same name (it may not be its alias then). */
  readonly shared: boolean
  /**
   * Written `schema.relation`, `schema` naming an alias schema in some
   * database (`database` is then empty): the session resolves it in its own.
   */
  readonly alias?: true
}

/** A relation of another database, read through a foreign table of the connected one. */
export interface OtherDatabaseTable {
  readonly database: string
  readonly schema: string
  readonly relation: string
  /** The foreign table's name, in the emulator's schema. */
  readonly local: string
  /** Another relation the statement names has its name: its FROM item keeps the foreign table's. */
  readonly shared?: true
  /** The alias schema it was named through (`alias.relation`, see schema-aliases.ts). */
  readonly alias?: string
}

/** The schema that holds the foreign tables: the emulator's own, hidden from clients. */
export const OTHER_DATABASE_SCHEMA = 'redshift_local'

/**
 * Statements whose three-part names of another database are read through
 * foreign tables: those that compute rows. CREATE VIEW is left out (Redshift
 * has no view over another database's objects,
 * cross-database_limitation.html). EXPLAIN counts as the statement it
 * explains.
 */
const READING: ReadonlySet<string> = new Set([
  'SelectStmt',
  'InsertStmt',
  'UpdateStmt',
  'DeleteStmt',
  'MergeStmt',
  'CreateTableAsStmt',
  'DeclareCursorStmt',
])

/** DML whose target is its `relation`. */
const WRITING: ReadonlySet<string> = new Set([
  'InsertStmt',
  'UpdateStmt',
  'DeleteStmt',
  'MergeStmt',
])

/**
 * The catalog schemas, whose tables and views of another database are not
 * read by three-part name (cross-database_usage.html).
 */
const METADATA_SCHEMAS: ReadonlySet<string> = new Set([
  'pg_catalog',
  'information_schema',
])

/** A cheap first test: a three-part name has two dots. */
const TWO_DOTS = /\.[^]*\./

/**
 * The relations a statement names with three parts (`db1.public.t`), which
 * may be another database's: the session alone knows the database it is
 * connected to (see {@link rewriteOtherDatabaseNames}). Null when it names
 * none, or is not a statement that reads rows; a statement of any other
 * kind that names another database's object meets PostgreSQL's
 * `cross-database references are not implemented`.
 *
 * @example
 * ```ts
 * threePartNames('select * from db1.public.t', 'SelectStmt', tree, true)
 * // [{ database: 'db1', schema: 'public', relation: 't', target: false }]
 * ```
 */
export function threePartNames(
  text: string,
  type: string,
  tree: unknown,
  fold: boolean,
  aliases?: Pick<SchemaAliases, 'mayBe' | 'size'>,
): readonly ThreePartName[] | null {
  const mayAlias = aliases !== undefined && aliases.size > 0
  const explained =
    type === 'ExplainStmt'
      ? nodeType(nodeType(tree)?.[1]?.['query'])
      : undefined
  const kind = explained?.[0] ?? type
  if (!READING.has(kind) || (!mayAlias && !TWO_DOTS.test(text))) return null
  const held = (name: string) => (fold ? name.toLowerCase() : name)
  const statement = explained?.[1] ?? nodeType(tree)?.[1]
  const targets = new Set<unknown>()
  if (WRITING.has(kind)) targets.add(statement?.['relation'])
  const into = (statement?.['intoClause'] ?? statement?.['into']) as
    PgNode | undefined
  if (into !== undefined) targets.add(into['rel'])
  const found: Omit<ThreePartName, 'shared'>[] = []
  const names = new Map<string, number>()
  walkTree(tree, (kind, node) => {
    if (kind === 'IntoClause') targets.add(node['rel'])
    if (kind === 'RangeVar' && typeof node['relname'] === 'string') {
      const name = held(node['relname'])
      names.set(name, (names.get(name) ?? 0) + 1)
    }
  })
  walkTree(tree, (kind, node) => {
    if (kind !== 'RangeVar') return
    const database = node['catalogname']
    const schema = node['schemaname']
    const relation = node['relname']
    if (
      mayAlias &&
      database === undefined &&
      typeof schema === 'string' &&
      typeof relation === 'string' &&
      aliases.mayBe(held(schema))
    ) {
      found.push({
        database: '',
        schema: held(schema),
        relation: held(relation),
        target: targets.has(node),
        alias: true,
      })
      return
    }
    if (
      typeof database !== 'string' ||
      typeof schema !== 'string' ||
      typeof relation !== 'string'
    )
      return
    found.push({
      database: held(database),
      schema: held(schema),
      relation: held(relation),
      target: targets.has(node),
    })
  })
  return found.length === 0
    ? null
    : found.map((n) => ({ ...n, shared: (names.get(n.relation) ?? 0) > 1 }))
}

/**
 * The foreign table that stands for `database.schema.relation` in the
 * emulator's schema: a fixed-length name, so that any three names fit
 * PostgreSQL's 63 bytes.
 *
 * @example
 * ```ts
 * otherDatabaseTableName('db1', 'public', 't') // 'xdb$3f2a...' (36 characters)
 * ```
 */
export function otherDatabaseTableName(
  database: string,
  schema: string,
  relation: string,
): string {
  const hash = createHash('sha256')
    .update(`${database}\0${schema}\0${relation}`)
    .digest('hex')
  return `xdb$${hash.slice(0, 32)}`
}

/**
 * The statement's text with each three-part name of a database other than
 * `connected` rewritten to the foreign table that reads it
 * (`redshift_local."xdb$..." AS t` for a FROM item without an alias, so
 * `t.c` and `db.s.t.c` both name its columns, `db.s.t.c` becoming `t.c`;
 * without the alias when another relation of the statement is named `t`,
 * `db.s.t.c` then naming the foreign table's column),
 * and the tables to set up before it runs. Null when every three-part name
 * is of the connected database (PostgreSQL reads those itself). A
 * statement that writes another database's relation is refused (Redshift
 * reads other databases only, cross-database_limitation.html), one that
 * reads its pg_catalog or information_schema too (its metadata is read
 * through the SVV_ALL_* and SVV_REDSHIFT_* views,
 * cross-database_usage.html), and so is
 * a name the text scan cannot place for certain, as an emulator limit.
 *
 * @example
 * ```ts
 * rewriteOtherDatabaseNames('select c1 from db1.public.t', names, 'dev', true)
 * // { text: 'select c1 from redshift_local."xdb$..." AS t', tables: [...] }
 * ```
 */
export function rewriteOtherDatabaseNames(
  text: string,
  names: readonly ThreePartName[],
  connected: string,
  fold: boolean,
  resolve: (alias: string) => SchemaAliasTarget | undefined = () => undefined,
):
  | {
      readonly text: string
      readonly tables: readonly OtherDatabaseTable[]
    }
  | ErrorFields
  | null {
  // `alias.relation` reads the aliased schema (of any database, the
  // connected one too) where the connected database has that alias; a
  // schema of its own of that name is left to PostgreSQL.
  const others = names.flatMap(
    (n): (ThreePartName & { written?: string })[] => {
      if (n.alias !== true) return n.database === connected ? [] : [n]
      const target = resolve(n.schema)
      return target === undefined
        ? []
        : [{ ...n, ...target, written: n.schema }]
    },
  )
  if (others.length === 0) return null
  const metadata = others.find((n) => METADATA_SCHEMAS.has(n.schema))
  if (metadata !== undefined) {
    return reject.other(
      '0A000',
      `cannot read ${metadata.database}.${metadata.schema}.${metadata.relation}: the metadata of another database is not read by three-part name`,
      undefined,
      'read the SVV_ALL_* and SVV_REDSHIFT_* views, which list every database',
    )
  }
  const written = others.find((n) => n.target)
  if (written !== undefined) {
    return reject.other(
      '0A000',
      `cannot write to ${written.database}.${written.schema}.${written.relation}: an object of another database can only be read`,
      undefined,
      'connect to that database to change its objects',
    )
  }
  const keys = new Map<string, OtherDatabaseTable>()
  const aliased = new Map<string, OtherDatabaseTable>()
  for (const n of others) {
    const table: OtherDatabaseTable = {
      database: n.database,
      schema: n.schema,
      relation: n.relation,
      local: otherDatabaseTableName(n.database, n.schema, n.relation),
      ...(n.shared ? { shared: true as const } : {}),
      ...(n.written !== undefined ? { alias: n.written } : {}),
    }
    if (n.written !== undefined)
      aliased.set(`${n.written}\0${n.relation}`, table)
    else keys.set(`${n.database}\0${n.schema}\0${n.relation}`, table)
  }
  const tokens = tokenize(text).filter(
    (t) => t.kind !== 'space' && t.kind !== 'comment',
  )
  const name = (t: Token | undefined) => {
    const raw = t === undefined ? undefined : identifier(text, t)
    return raw === undefined ? undefined : fold ? raw.toLowerCase() : raw
  }
  const word = (t: Token | undefined) =>
    t?.kind === 'word' ? text.slice(t.start, t.end).toLowerCase() : ''
  const edits: {
    start: number
    end: number
    table: OtherDatabaseTable
    role: 'bare' | 'column' | 'other'
  }[] = []
  let items = 0
  for (let i = 0; i + 2 < tokens.length; i++) {
    if (tokens[i + 1]!.kind !== 'dot' || tokens[i - 1]?.kind === 'dot') continue
    // database.schema.relation, else alias.relation.
    const three =
      tokens[i + 3]?.kind === 'dot' && i + 4 < tokens.length
        ? keys.get(
            `${name(tokens[i])}\0${name(tokens[i + 2])}\0${name(tokens[i + 4])}`,
          )
        : undefined
    const table =
      three ?? aliased.get(`${name(tokens[i])}\0${name(tokens[i + 2])}`)
    if (table === undefined) continue
    const last = three !== undefined ? i + 4 : i + 2
    const before = tokens[i - 1]
    const next = tokens[last + 1]
    const { item, aliased: hasAlias } = fromItemPlace(before, next, word)
    if (item) items++
    edits.push({
      start: tokens[i]!.start,
      end: tokens[last]!.end,
      table,
      role:
        next?.kind === 'dot' ? 'column' : item && !hasAlias ? 'bare' : 'other',
    })
    i = last
  }
  const bare = new Set(
    edits
      .filter((e) => e.role === 'bare' && e.table.shared !== true)
      .map((e) => e.table.local),
  )
  if (items !== others.length) {
    return reject.other(
      '0A000',
      'this reference to an object of another database is not supported by the local emulator (an emulator limit)',
      undefined,
      'name it as database.schema.object in a FROM clause',
    )
  }
  let out = ''
  let at = 0
  for (const edit of edits) {
    const table = `${OTHER_DATABASE_SCHEMA}.${quoteIdentifier(edit.table.local)}`
    const replacement =
      edit.role === 'bare' && bare.has(edit.table.local)
        ? `${table} AS ${quoteIdentifier(edit.table.relation)}`
        : edit.role === 'column' && bare.has(edit.table.local)
          ? quoteIdentifier(edit.table.relation)
          : table
    out += `${text.slice(at, edit.start)}${replacement}`
    at = edit.end
  }
  out += text.slice(at)
  return { text: out, tables: [...keys.values(), ...aliased.values()] }
}

/** The name PostgreSQL resolves for a word or quoted identifier token. */
function identifier(text: string, token: Token): string | undefined {
  const raw = text.slice(token.start, token.end)
  if (token.kind === 'word') return raw.toLowerCase()
  if (token.kind === 'quoted' && raw.startsWith('"'))
    return raw.slice(1, -1).replace(/""/g, '"')
  return undefined
}
