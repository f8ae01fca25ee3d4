import { sqlType, type NumericType } from './numeric-types.js'
import { names, nodeType, type PgNode } from './parse-tree.js'

/** A SUPER column (PostgreSQL `json` in the emulator). */
export interface SuperColumn {
  readonly kind: 'super'
}

/** The one {@link SuperColumn} value. */
export const SUPER_COLUMN: SuperColumn = Object.freeze({ kind: 'super' })

/**
 * A column of a type whose input Redshift reads more strictly than
 * PostgreSQL (BOOLEAN, the datetime types, VARBYTE(n), and GEOMETRY,
 * GEOGRAPHY and HLLSKETCH, which are text there): what a string
 * literal stored into it may hold is checked (`stored-literals.ts`). It
 * takes no part in DECIMAL typing.
 */
export interface StoredColumn {
  readonly kind: 'stored'
  readonly type:
    | 'boolean'
    | 'date'
    | 'timestamp'
    | 'timestamptz'
    | 'time'
    | 'timetz'
    | 'varbyte'
    | 'geometry'
    | 'geography'
    | 'hllsketch'
  /** VARBYTE(n)'s n. */
  readonly length?: number
}

/** A column's type as the catalog gives it: a numeric type, SUPER, a checked input type, or null for any other. */
export type ColumnType = NumericType | SuperColumn | StoredColumn | null

/** The numeric type of a column, undefined for any other. */
export function numericColumn(
  type: ColumnType | undefined,
): NumericType | undefined {
  return type === null ||
    type === undefined ||
    type.kind === 'super' ||
    type.kind === 'stored'
    ? undefined
    : type
}

/** Every column of a relation, by name (the whole list: a name not in it is no column there). */
export type RelationColumns = ReadonlyMap<string, ColumnType> & {
  /**
   * The relation is a view that reads no user table nor system table,
   * itself or through other views: a query of it alone runs on Redshift's
   * leader node.
   */
  readonly readsNoTable?: boolean
}

/**
 * Where DECIMAL typing reads the column types of the tables a statement
 * names. `columnsOf` answers undefined for a relation it does not know.
 */
export interface ColumnSource {
  /** Quoted identifiers are folded to lower case (the names PostgreSQL will hold). */
  readonly fold: boolean
  /**
   * Only collecting the relations to look up: every relation a reference
   * might name is asked for, and nothing resolves.
   */
  readonly collecting?: boolean
  /** The columns of a relation named by {@link relationKey}. */
  columnsOf(key: string): RelationColumns | undefined
}

/**
 * The key a relation is looked up by: `name` for a bare name, `schema` NUL
 * `name` for a qualified one (no identifier holds a NUL).
 *
 * @example
 * ```ts
 * relationKey('etl', 'sales') // 'etl\u0000sales'
 * ```
 */
export function relationKey(schema: string | undefined, name: string): string {
  return schema === undefined ? name : `${schema}\u0000${name}`
}

/**
 * `name` as PostgreSQL holds it for `source`: lower case where the source
 * folds quoted identifiers too.
 *
 * @example
 * ```ts
 * sourceName({ fold: true, columnsOf: () => undefined }, 'Sales') // 'sales'
 * ```
 */
export function sourceName(source: ColumnSource, name: string): string {
  return source.fold ? name.toLowerCase() : name
}

/**
 * The columns of the table a RangeVar node names, undefined when the source
 * does not know it or it names another database's.
 *
 * @example
 * ```ts
 * rangeVarColumns(insertStmt['relation'], source)?.get('qty')
 * ```
 */
export function rangeVarColumns(
  wrapped: unknown,
  source: ColumnSource,
): RelationColumns | undefined {
  const relation = wrapped as PgNode | undefined
  const relname = relation?.['relname']
  if (typeof relname !== 'string' || relation?.['catalogname'] !== undefined)
    return undefined
  const schema = relation!['schemaname']
  return source.columnsOf(
    relationKey(
      typeof schema === 'string' ? sourceName(source, schema) : undefined,
      sourceName(source, relname),
    ),
  )
}

/** The type of an expression node, as the typing pass knows it once visited. */
type TypeOf = (wrapped: unknown) => NumericType | undefined

/** The columns of a FROM item. */
interface ItemColumns {
  has(column: string): boolean
  type(column: string): ColumnType | undefined
  /** Asks for every column's type (the collecting pass reads a subquery's tables). */
  readonly touch?: () => void
  /** Every column in order, where known (a table's, a renamed join's). */
  readonly names?: readonly string[]
}

/** One FROM item: its name and, when known, its every column. */
interface Item {
  /** The alias, or the relation's name; undefined when not known. */
  readonly name: string | undefined
  /** The schema the reference was qualified with (no alias). */
  readonly schema: string | undefined
  /** Undefined: not known (a function, an unknown table ...). Read lazily: a table's are looked up. */
  columns(): ItemColumns | undefined
}

/** The columns joins merge: USING lists, and with NATURAL all common ones. */
interface JoinNames {
  readonly merged: Set<string>
  natural: boolean
}

/**
 * The type of `column` among `items` as a join merges it: every item having
 * it must be known and give the same type (PostgreSQL then keeps that type
 * for the merged column, and Redshift's is the same); otherwise undefined.
 */
function mergedType(
  items: readonly Item[],
  column: string,
): ColumnType | undefined {
  let type: ColumnType | undefined
  let found = false
  for (const item of items) {
    const columns = item.columns()
    if (columns === undefined) return undefined
    if (!columns.has(column)) continue
    const own = columns.type(column)
    if (own === undefined) return undefined
    if (found && !sameType(type!, own)) return undefined
    type = own
    found = true
  }
  return found ? type : undefined
}

function sameType(a: ColumnType, b: ColumnType): boolean {
  if (a === null || b === null) return a === b
  if (a.kind === 'stored' || b.kind === 'stored')
    return (
      a.kind === b.kind &&
      (a as StoredColumn).type === (b as StoredColumn).type &&
      (a as StoredColumn).length === (b as StoredColumn).length
    )
  if (a.kind === 'super' || b.kind === 'super') return a.kind === b.kind
  return sqlType(a) === sqlType(b)
}

/**
 * The names one query level sees: its FROM items, then the enclosing
 * levels'. Unqualified and qualified column references resolve as
 * PostgreSQL resolves them (transformColumnRef), but only where the answer
 * is certain: a name several items have, a USING or NATURAL join column,
 * or a level with an item whose columns are unknown answers undefined,
 * and the expression keeps PostgreSQL's type.
 */
export class Scope implements JoinNames {
  readonly parent: Scope | undefined
  /** The scope whose WITH queries this level sees (a FROM subquery sees its query's). */
  readonly cteParent: Scope | undefined
  readonly items: Item[] = []
  readonly ctes = new Map<string, Item>()
  /** Nothing here resolves (the ORDER BY of a set operation names its output). */
  opaque = false
  /** Columns an unqualified reference must not be resolved for (USING, NATURAL: all). */
  readonly merged = new Set<string>()
  natural = false

  constructor(parent: Scope | undefined, cteParent = parent) {
    this.parent = parent
    this.cteParent = cteParent
  }

  /** The WITH query `name` names here, if any. */
  cte(name: string): Item | undefined {
    for (let s: Scope | undefined = this; s !== undefined; s = s.cteParent) {
      const item = s.ctes.get(name)
      if (item !== undefined) return item
    }
    return undefined
  }

  /** The type of a column reference's `fields`, or undefined when not certain. */
  resolve(fields: readonly string[]): ColumnType | undefined {
    if (fields.length === 1) return this.#unqualified(fields[0]!)
    if (fields.length !== 2 && fields.length !== 3) return undefined
    const column = fields.at(-1)!
    const table = fields.at(-2)!
    const schema = fields.length === 3 ? fields[0] : undefined
    for (let s: Scope | undefined = this; s !== undefined; s = s.parent) {
      if (s.opaque) return undefined
      const named = s.items.filter((item) => item.name === table)
      if (named.length === 0) {
        // An item of unknown name (a function in FROM) might be the one.
        if (s.items.some((item) => item.name === undefined)) return undefined
        continue
      }
      const exact =
        schema === undefined
          ? named
          : named.filter((item) => item.schema === schema)
      // Named twice, or by another schema than the one written: PostgreSQL's to judge.
      if (exact.length !== 1 || named.length !== 1) return undefined
      const columns = exact[0]!.columns()
      return columns?.has(column) === true ? columns.type(column) : undefined
    }
    return undefined
  }

  /** The FROM item `table` names for certain, here or in an enclosing level. */
  item(table: string): Item | undefined {
    for (let s: Scope | undefined = this; s !== undefined; s = s.parent) {
      if (s.opaque) return undefined
      const named = s.items.filter((item) => item.name === table)
      if (named.length === 1) return named[0]
      if (named.length > 1) return undefined
      if (s.items.some((item) => item.name === undefined)) return undefined
    }
    return undefined
  }

  /** Reads the columns of every item a reference might name (the collecting pass). */
  touch(table: string | undefined): void {
    for (let s: Scope | undefined = this; s !== undefined; s = s.parent) {
      for (const item of s.items) {
        if (table === undefined || item.name === table)
          item.columns()?.touch?.()
      }
    }
  }

  #unqualified(column: string): ColumnType | undefined {
    for (let s: Scope | undefined = this; s !== undefined; s = s.parent) {
      if (s.opaque) return undefined
      // A USING / NATURAL join column: one column of the items that merge it.
      if (s.natural || s.merged.has(column)) return mergedType(s.items, column)
      let found: ItemColumns | undefined
      let unknown = false
      for (const item of s.items) {
        const columns = item.columns()
        if (columns === undefined) unknown = true
        else if (columns.has(column)) {
          if (found !== undefined) return undefined
          found = columns
        }
      }
      // An unknown item having it too would make the reference ambiguous:
      // PostgreSQL then fails the statement, so `found` is the only answer.
      if (found !== undefined) return found.type(column)
      if (unknown) return undefined
    }
    return undefined
  }
}

/**
 * Builds the scope of every query level of a statement's tree and tells
 * which scope each column reference belongs to. `typeOf` types the select
 * lists of subqueries in FROM and WITH queries (read lazily, once the
 * typing pass visited them).
 *
 * @example
 * ```ts
 * const scopes = new ColumnScopes(source, typeOf)
 * scopes.build(tree)
 * scopes.typeOfColumn(columnRefNode)
 * ```
 */
export class ColumnScopes {
  readonly #source: ColumnSource
  readonly #typeOf: TypeOf
  readonly #scopeOf = new Map<PgNode, Scope>()
  readonly #cteNames = new Set<string>()
  /** The scope of each query level, for the `t.*` of a derived table's select list. */
  readonly #levels = new Map<PgNode, Scope>()

  constructor(source: ColumnSource, typeOf: TypeOf) {
    this.#source = source
    this.#typeOf = typeOf
  }

  /** Walks the statement once, before typing. */
  build(tree: unknown): void {
    this.#collectCteNames(tree)
    this.#walk(tree, undefined)
  }

  /** The catalog type of a ColumnRef node, when it resolves for certain. */
  typeOfColumn(node: PgNode): ColumnType | undefined {
    const scope = this.#scopeOf.get(node)
    if (scope === undefined) return undefined
    const fields = Array.isArray(node['fields']) ? node['fields'] : []
    if (fields.some((f) => nodeType(f)?.[0] !== 'String')) return undefined
    const path = names(fields).map((n) => this.#name(n))
    if (this.#source.collecting === true) {
      scope.touch(path.length > 1 ? path.at(-2) : undefined)
      return undefined
    }
    return scope.resolve(path)
  }

  #alias(alias: unknown): string | undefined {
    return typeof alias === 'string' ? this.#name(alias) : undefined
  }

  #name(name: string): string {
    return sourceName(this.#source, name)
  }

  #collectCteNames(value: unknown): void {
    if (value === null || typeof value !== 'object') return
    if (Array.isArray(value)) {
      for (const item of value) this.#collectCteNames(item)
      return
    }
    const cte = (value as { CommonTableExpr?: PgNode }).CommonTableExpr
    if (typeof cte?.['ctename'] === 'string') {
      this.#cteNames.add(this.#name(cte['ctename']))
    }
    for (const child of Object.values(value)) this.#collectCteNames(child)
  }

  /** Records the scope of each column reference below `value`. */
  #walk(value: unknown, scope: Scope | undefined): void {
    if (value === null || typeof value !== 'object') return
    if (Array.isArray(value)) {
      for (const item of value) this.#walk(item, scope)
      return
    }
    const typed = nodeType(value)
    if (typed === undefined) {
      for (const child of Object.values(value)) this.#walk(child, scope)
      return
    }
    const [type, node] = typed
    switch (type) {
      case 'SelectStmt':
        this.#select(node, scope)
        return
      case 'UpdateStmt':
      case 'DeleteStmt':
      case 'MergeStmt':
        this.#modify(node, scope)
        return
      case 'ColumnRef':
        if (scope !== undefined) this.#scopeOf.set(node, scope)
        return
      default:
        for (const child of Object.values(node)) this.#walk(child, scope)
    }
  }

  #select(node: PgNode, parent: Scope | undefined): void {
    const scope = new Scope(parent)
    this.#levels.set(node, scope)
    this.#with(node['withClause'], scope)
    if (node['op'] !== undefined && node['op'] !== 'SETOP_NONE') {
      // The inputs are query levels of their own; ORDER BY names the output.
      scope.opaque = true
      for (const side of ['larg', 'rarg']) {
        const input = node[side] as PgNode | undefined
        if (input !== undefined) this.#select(input, scope)
      }
      for (const [key, child] of Object.entries(node)) {
        if (key !== 'larg' && key !== 'rarg' && key !== 'withClause') {
          this.#walk(child, scope)
        }
      }
      return
    }
    this.#from(node['fromClause'], scope)
    for (const [key, child] of Object.entries(node)) {
      if (key !== 'fromClause' && key !== 'withClause') this.#walk(child, scope)
    }
  }

  /**
   * UPDATE, DELETE and MERGE: the target table (and USING / FROM, MERGE's
   * source) is the level's. A MERGE's INSERT VALUES see only the source,
   * but a reference there to a target column fails in PostgreSQL anyway.
   */
  #modify(node: PgNode, parent: Scope | undefined): void {
    const scope = new Scope(parent)
    this.#with(node['withClause'], scope)
    const relation = node['relation'] as PgNode | undefined
    if (relation !== undefined)
      scope.items.push(this.#rangeVar(relation, scope))
    this.#from(node['fromClause'] ?? node['usingClause'], scope)
    if (node['sourceRelation'] !== undefined) {
      this.#fromItem(node['sourceRelation'], scope, scope.items)
    }
    for (const [key, child] of Object.entries(node)) {
      if (!MODIFY_FIELDS.has(key)) this.#walk(child, scope)
    }
  }

  #with(clause: unknown, scope: Scope): void {
    const withClause = clause as PgNode | undefined
    if (withClause === undefined) return
    const recursive = withClause['recursive'] === true
    const ctes = Array.isArray(withClause['ctes']) ? withClause['ctes'] : []
    for (const wrapped of ctes) {
      const cte = (wrapped as { CommonTableExpr?: PgNode }).CommonTableExpr
      if (cte === undefined || typeof cte['ctename'] !== 'string') continue
      const query = nodeType(cte['ctequery'])
      // A WITH query is a level of its own, beside the one that names it,
      // and sees the WITH queries before it.
      this.#walk(cte['ctequery'], new Scope(scope.parent, scope))
      const item =
        recursive || query?.[0] !== 'SelectStmt'
          ? opaqueItem(cte['ctename'])
          : this.#derived(cte['ctename'], query[1], cte['aliascolnames'])
      scope.ctes.set(this.#name(cte['ctename']), item)
    }
  }

  #from(clause: unknown, scope: Scope): void {
    for (const wrapped of Array.isArray(clause) ? clause : []) {
      this.#fromItem(wrapped, scope, scope.items)
    }
  }

  #fromItem(
    wrapped: unknown,
    scope: Scope,
    items: Item[],
    joins: JoinNames = scope,
  ): void {
    const typed = nodeType(wrapped)
    if (typed === undefined) return
    const [type, node] = typed
    const alias = (node['alias'] as PgNode | undefined)?.['aliasname']
    switch (type) {
      case 'RangeVar':
        items.push(this.#rangeVar(node, scope))
        return
      case 'RangeSubselect': {
        // Only LATERAL sees the items beside it; any sees the WITH queries.
        const lateral = node['lateral'] === true
        const inner = lateral ? scope : new Scope(scope.parent, scope)
        const query = nodeType(node['subquery'])
        if (query?.[0] === 'SelectStmt') this.#select(query[1], inner)
        else this.#walk(node['subquery'], inner)
        const colnames = (node['alias'] as PgNode | undefined)?.['colnames']
        items.push(
          query?.[0] === 'SelectStmt' && typeof alias === 'string'
            ? this.#derived(alias, query[1], colnames)
            : opaqueItem(this.#alias(alias)),
        )
        return
      }
      case 'JoinExpr': {
        const inner: Item[] = []
        // An aliased join hides its inputs' names: its merged columns are its own.
        const aliased = typeof alias === 'string'
        const own: JoinNames = aliased
          ? { merged: new Set(), natural: false }
          : joins
        this.#fromItem(node['larg'], scope, inner, own)
        this.#fromItem(node['rarg'], scope, inner, own)
        if (node['isNatural'] === true) own.natural = true
        for (const name of names(node['usingClause'])) {
          own.merged.add(this.#name(name))
        }
        this.#walk(node['quals'], scope)
        const colnames = (node['alias'] as PgNode | undefined)?.['colnames']
        if (!aliased) items.push(...inner)
        else if (colnames === undefined)
          items.push(joinItem(this.#name(alias), inner, own))
        else if (own.natural || own.merged.size > 0)
          // USING and NATURAL put the merged columns first: not followed here.
          items.push(opaqueItem(this.#name(alias)))
        else
          items.push(
            renamedJoinItem(
              this.#name(alias),
              inner,
              names(colnames).map((n) => this.#name(n)),
            ),
          )
        return
      }
      default:
        // Functions, TABLESAMPLE, XMLTABLE ...: neither columns nor name known here.
        this.#walk(node, scope)
        items.push(opaqueItem(undefined))
    }
  }

  #rangeVar(node: PgNode, scope: Scope): Item {
    const alias = node['alias'] as PgNode | undefined
    const relname = node['relname']
    if (typeof relname !== 'string') return opaqueItem(undefined)
    const name = this.#name(relname)
    const schemaname =
      typeof node['schemaname'] === 'string'
        ? this.#name(node['schemaname'])
        : undefined
    const shown =
      typeof alias?.['aliasname'] === 'string'
        ? this.#name(alias['aliasname'])
        : name
    const cte = schemaname === undefined ? scope.cte(name) : undefined
    if (cte !== undefined) {
      return { ...cte, name: shown }
    }
    if (
      node['catalogname'] !== undefined ||
      (schemaname === undefined && this.#cteNames.has(name))
    ) {
      return opaqueItem(shown)
    }
    // `t AS x(a, b)` renames the table's first columns, in table order.
    const renamed = names(alias?.['colnames']).map((n) => this.#name(n))
    const key = relationKey(schemaname, name)
    let read = false
    let columns: ItemColumns | undefined
    return {
      name: shown,
      schema: alias === undefined ? schemaname : undefined,
      columns: () => {
        if (!read) {
          read = true
          const catalog = this.#source.columnsOf(key)
          const found =
            catalog && renamed.length > 0
              ? renameColumns(catalog, renamed)
              : catalog
          columns = found && {
            has: (column) => found.has(column),
            type: (column) => found.get(column),
            names: [...found.keys()],
          }
        }
        return columns
      },
    }
  }

  /** A subquery or WITH query: its select list's names and types. */
  #derived(name: string, query: PgNode, colnames: unknown): Item {
    const shown = this.#name(name)
    if (query['op'] !== undefined && query['op'] !== 'SETOP_NONE') {
      return opaqueItem(shown)
    }
    const list = Array.isArray(query['targetList']) ? query['targetList'] : []
    const targets = list.map((t) => (t as { ResTarget?: PgNode }).ResTarget)
    if (targets.length === 0 || targets.some((t) => t === undefined)) {
      return opaqueItem(shown)
    }
    const renamed = names(colnames)
    const columns = new Map<string, unknown>()
    const twice = new Set<string>()
    /** The FROM items whose every column a `t.*` (or `*`) lists. */
    const stars: Item[] = []
    const level = this.#levels.get(query)
    for (const [i, target] of targets.entries()) {
      const value = target!['val']
      const ref = nodeType(value)
      const fields =
        ref?.[0] === 'ColumnRef' && Array.isArray(ref[1]['fields'])
          ? ref[1]['fields']
          : []
      if (nodeType(fields.at(-1))?.[0] === 'A_Star') {
        // Columns renamed by position, or a star whose items are not
        // certain: the columns are the catalog's, not listed here.
        const starred = level && !colnames && this.#starItems(level, fields)
        if (!starred) return opaqueItem(shown)
        stars.push(...starred)
        continue
      }
      const given = renamed[i] ?? target!['name']
      const column = this.#name(
        typeof given === 'string' ? given : figureColumnName(value),
      )
      if (columns.has(column)) twice.add(column)
      columns.set(column, value)
    }
    /** The item among the stars that has `column`, null when several or one unknown may. */
    const starred = (column: string): Item | null | undefined => {
      let found: Item | undefined
      for (const item of stars) {
        const own = item.columns()
        if (own === undefined) return null
        if (!own.has(column)) continue
        if (found !== undefined) return null
        found = item
      }
      return found
    }
    const known: ItemColumns = {
      has: (column) => {
        const star = starred(column)
        if (star === null) return false
        if (columns.has(column)) return star === undefined && !twice.has(column)
        return star !== undefined
      },
      type: (column) =>
        columns.has(column)
          ? this.#typeOf(columns.get(column))
          : (starred(column) ?? undefined)?.columns()?.type(column),
      touch: () => {
        for (const value of columns.values()) this.#typeOf(value)
        for (const item of stars) item.columns()?.touch?.()
      },
    }
    // A star over an item whose columns are not known leaves the derived
    // table's unknown too (every star item read: the collecting pass asks).
    return {
      name: shown,
      schema: undefined,
      columns: () =>
        stars.map((item) => item.columns()).every((c) => c !== undefined)
          ? known
          : undefined,
    }
  }

  /**
   * The items a select list's `t.*` or `*` stands for: the one item `t`
   * names (here or, as in `(SELECT t.*)` without FROM, in an enclosing
   * level), or every item of the level when none is a join's merged input.
   * Undefined when not certain.
   */
  #starItems(level: Scope, fields: readonly unknown[]): Item[] | undefined {
    if (fields.length === 1) {
      if (level.natural || level.merged.size > 0) return undefined
      return level.items.length > 0 ? [...level.items] : undefined
    }
    if (fields.length !== 2 || nodeType(fields[0])?.[0] !== 'String') {
      return undefined
    }
    const item = level.item(this.#name(names([fields[0]])[0]!))
    return item === undefined ? undefined : [item]
  }
}

/** UPDATE / DELETE / MERGE fields that are not expressions of the level. */
const MODIFY_FIELDS = new Set([
  'fromClause',
  'usingClause',
  'withClause',
  'relation',
  'sourceRelation',
])

/**
 * An aliased join (`(a JOIN b USING (id)) AS j`): its columns are its
 * inputs', a merged one once.
 */
function joinItem(
  name: string,
  inner: readonly Item[],
  joins: JoinNames,
): Item {
  const columns: ItemColumns = {
    has: (column) => {
      let count = 0
      for (const item of inner) {
        if (item.columns()?.has(column) === true) count++
      }
      const merged = joins.natural || joins.merged.has(column)
      return count === 1 || (count > 1 && merged)
    },
    type: (column) => mergedType(inner, column),
    touch: () => {
      for (const item of inner) item.columns()?.touch?.()
    },
  }
  return {
    name,
    schema: undefined,
    // Every input read, none skipped: the collecting pass asks for each.
    columns: () =>
      inner.map((item) => item.columns()).every((c) => c !== undefined)
        ? columns
        : undefined,
  }
}

/**
 * `(a JOIN b ON ...) AS j(x, y, ...)`: the join's columns are its inputs'
 * in order, left then right (no USING or NATURAL), the first ones renamed
 * by the list; known when every input's columns and their order are.
 */
function renamedJoinItem(
  name: string,
  inner: readonly Item[],
  renamed: readonly string[],
): Item {
  let read = false
  let columns: ItemColumns | undefined
  return {
    name,
    schema: undefined,
    columns: () => {
      if (read) return columns
      read = true
      // Every input read, none skipped: the collecting pass asks for each.
      const owns = inner.map((item) => item.columns())
      const found = new Map<string, ColumnType>()
      const all: [string, ColumnType | undefined][] = []
      for (const own of owns) {
        if (own?.names === undefined) return undefined
        for (const column of own.names) all.push([column, own.type(column)])
      }
      if (renamed.length > all.length) return undefined
      const twice = new Set<string>()
      all.forEach(([column, type], i) => {
        const shown = renamed[i] ?? column
        if (found.has(shown)) twice.add(shown)
        // A column the catalog does not type stays unknown.
        if (type !== undefined) found.set(shown, type)
      })
      columns = {
        has: (column) => found.has(column) && !twice.has(column),
        type: (column) => (twice.has(column) ? undefined : found.get(column)),
        names: all.map(([column], i) => renamed[i] ?? column),
      }
      return columns
    },
  }
}

function opaqueItem(name: unknown): Item {
  return {
    name: typeof name === 'string' ? name : undefined,
    schema: undefined,
    columns: () => undefined,
  }
}

/**
 * The name PostgreSQL gives an unnamed select-list item (FigureColname).
 *
 * @example
 * ```ts
 * figureColumnName({ FuncCall: { funcname: [{ String: { sval: 'avg' } }] } }) // 'avg'
 * ```
 */
export function figureColumnName(wrapped: unknown): string {
  const typed = nodeType(wrapped)
  if (typed === undefined) return '?column?'
  const [type, node] = typed
  switch (type) {
    case 'ColumnRef': {
      const last = names(node['fields']).at(-1)
      return last ?? '?column?'
    }
    case 'FuncCall':
      return names(node['funcname']).at(-1) ?? '?column?'
    case 'CaseExpr':
      return 'case'
    case 'CoalesceExpr':
      return 'coalesce'
    case 'MinMaxExpr':
      return node['op'] === 'IS_LEAST' ? 'least' : 'greatest'
    case 'TypeCast': {
      const inner = nodeType(node['arg'])?.[0]
      if (inner === 'ColumnRef' || inner === 'FuncCall') {
        return figureColumnName(node['arg'])
      }
      const typeName = node['typeName'] as PgNode | undefined
      return names(typeName?.['names']).at(-1) ?? '?column?'
    }
    default:
      return '?column?'
  }
}

/**
 * The {@link ColumnSource} of a planning pass that only collects which
 * relations' columns the DECIMAL typing would read.
 *
 * @example
 * ```ts
 * const collector = new RelationCollector(true)
 * rewriteNumeric('select price / qty from sales', 'SelectStmt', collector)
 * collector.asked // Set { 'sales' }
 * ```
 */
export class RelationCollector implements ColumnSource {
  readonly fold: boolean
  readonly collecting = true
  readonly asked = new Set<string>()

  constructor(fold: boolean) {
    this.fold = fold
  }

  columnsOf(key: string): undefined {
    this.asked.add(key)
    return undefined
  }
}

/**
 * A relation's columns seen through a column alias list (`t AS x(a, b)`):
 * the first columns take the listed names, in table order, the others keep
 * theirs; undefined when the list is longer than the columns (PostgreSQL
 * then refuses the statement) or a name ends up twice.
 */
function renameColumns(
  columns: RelationColumns,
  renamed: readonly string[],
): RelationColumns | undefined {
  if (renamed.length > columns.size) return undefined
  const out = new Map<string, ColumnType>()
  let i = 0
  for (const [name, type] of columns) {
    const shown = renamed[i++] ?? name
    if (out.has(shown)) return undefined
    out.set(shown, type)
  }
  return out
}
