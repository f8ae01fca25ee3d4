import {
  relationKey,
  SUPER_COLUMN,
  type ColumnType,
  type RelationColumns,
} from './column-scopes.js'
import { decimal } from './numeric-types.js'
import {
  names,
  nodeType,
  parseOneStatement,
  type PgNode,
} from './parse-tree.js'

/** The columns a CREATE TABLE gives its table, and the keys it is looked up by. */
export interface CreatedColumns {
  /** `relationKey`s naming the table (bare, and qualified when written so). */
  readonly keys: readonly string[]
  readonly columns: RelationColumns
}

/** PostgreSQL type names (as the rewritten DDL spells them) and their column types. */
const SIMPLE: Readonly<Record<string, ColumnType>> = {
  json: SUPER_COLUMN,
  // The pg_catalog.super domain over json (catalog/super-functions.ts).
  super: SUPER_COLUMN,
  int2: { kind: 'int2' },
  int4: { kind: 'int4' },
  int8: { kind: 'int8' },
  float4: { kind: 'float4' },
  float8: { kind: 'float8' },
  bool: { kind: 'stored', type: 'boolean' },
  date: { kind: 'stored', type: 'date' },
  timestamp: { kind: 'stored', type: 'timestamp' },
  timestamptz: { kind: 'stored', type: 'timestamptz' },
  time: { kind: 'stored', type: 'time' },
  timetz: { kind: 'stored', type: 'timetz' },
}

/**
 * The column types of the table a CREATE TABLE with column definitions makes
 * (`text` is the PostgreSQL text the emulator sends), as the catalog lookup
 * would give them once it can see the table (`runtime/column-types.ts`): a
 * table created in a still-open block is invisible to the emulator's own
 * connection, so statements of that block over it are typed from its DDL.
 * Undefined for any other statement, and for a table whose columns come from
 * elsewhere (LIKE, INHERITS, CREATE TABLE AS).
 *
 * @example
 * ```ts
 * createdColumns('create table t (id int4, doc json)', true)?.columns.get('doc') // { kind: 'super' }
 * ```
 */
export function createdColumns(
  text: string,
  fold: boolean,
): CreatedColumns | undefined {
  const typed = nodeType(parseOneStatement(text))
  if (typed?.[0] !== 'CreateStmt') return undefined
  const node = typed[1]
  const relation = node['relation'] as PgNode | undefined
  const relname = relation?.['relname']
  if (typeof relname !== 'string' || node['inhRelations'] !== undefined)
    return undefined
  const name = (n: string) => (fold ? n.toLowerCase() : n)
  const columns = new Map<string, ColumnType>()
  for (const element of Array.isArray(node['tableElts'])
    ? node['tableElts']
    : []) {
    const item = nodeType(element)
    if (item?.[0] === 'TableLikeClause') return undefined
    if (item?.[0] !== 'ColumnDef') continue
    const column = item[1]['colname']
    if (typeof column !== 'string') continue
    columns.set(name(column), typeOf(item[1]['typeName'] as PgNode))
  }
  const schema = relation!['schemaname']
  const keys = [relationKey(undefined, name(relname))]
  if (typeof schema === 'string')
    keys.push(relationKey(name(schema), name(relname)))
  return { keys, columns }
}

/**
 * The columns an `ALTER TABLE ... ADD COLUMN` (every subcommand one) gives
 * its table, in order, as {@link createdColumns} reads a CREATE TABLE's:
 * later statements that cannot see the change through the catalog yet (the
 * same message, the open block) type them from it. Undefined for any other
 * statement.
 *
 * @example
 * ```ts
 * addedColumns('alter table t add column doc json', true)?.columns.get('doc') // { kind: 'super' }
 * ```
 */
export function addedColumns(
  text: string,
  fold: boolean,
): CreatedColumns | undefined {
  const typed = nodeType(parseOneStatement(text))
  if (typed?.[0] !== 'AlterTableStmt') return undefined
  const node = typed[1]
  const relation = node['relation'] as PgNode | undefined
  const relname = relation?.['relname']
  const cmds = Array.isArray(node['cmds']) ? node['cmds'] : []
  if (typeof relname !== 'string' || cmds.length === 0) return undefined
  const name = (n: string) => (fold ? n.toLowerCase() : n)
  const columns = new Map<string, ColumnType>()
  for (const wrapped of cmds) {
    const cmd = nodeType(wrapped)?.[1]
    if (cmd?.['subtype'] !== 'AT_AddColumn') return undefined
    const def = nodeType(cmd['def'])
    if (def?.[0] !== 'ColumnDef') return undefined
    const column = def[1]['colname']
    if (typeof column !== 'string') return undefined
    columns.set(name(column), typeOf(def[1]['typeName'] as PgNode))
  }
  const schema = relation!['schemaname']
  const keys = [relationKey(undefined, name(relname))]
  if (typeof schema === 'string')
    keys.push(relationKey(name(schema), name(relname)))
  return { keys, columns }
}

/**
 * `base` with `added` after its columns, as ADD COLUMN appends them;
 * undefined when the base is not known (no whole column list to extend).
 *
 * @example
 * ```ts
 * withAddedColumns(new Map([['id', { kind: 'int4' }]]), added.columns)
 * ```
 */
export function withAddedColumns(
  base: RelationColumns | undefined,
  added: RelationColumns,
): RelationColumns | undefined {
  if (base === undefined) return undefined
  return new Map([...base, ...added])
}

function typeOf(typeName: PgNode | undefined): ColumnType {
  const type = names(typeName?.['names']).at(-1)
  if (typeName === undefined || type === undefined) return null
  if (typeName['arrayBounds'] !== undefined) return null
  if (type !== 'numeric') return SIMPLE[type] ?? null
  const mods = Array.isArray(typeName['typmods']) ? typeName['typmods'] : []
  const [precision, scale] = mods.map((m) =>
    Number((nodeType(m)?.[1]['ival'] as PgNode | undefined)?.['ival'] ?? 0),
  )
  if (precision === undefined || precision < 1 || precision > 38) return null
  const s = scale ?? 0
  return s > precision ? null : decimal(precision, s)
}
