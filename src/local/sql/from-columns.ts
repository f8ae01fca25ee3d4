import { relationKey, type ColumnSource } from './column-scopes.js'
import { names, nodeType, type PgNode } from './parse-tree.js'
import { quoteIdentifier } from './quote.js'

/** One column `*` gives over a FROM item, and how the outer query selects it. */
export interface FromColumn {
  readonly name: string
  /** The SQL that selects it in the query block: `q."c"`, or `"c"` for a USING column. */
  readonly ref: string
  /** The relation names (alias or table name) whose `x.*` includes it. */
  readonly owners: readonly string[]
}

/** Why the columns of a FROM item cannot be known exactly: what to refuse. */
export interface Unknowable {
  readonly unknowable: string
}

/** The common table expressions a query block sees, by name. */
export type CteScope = ReadonlyMap<string, PgNode>

/**
 * The columns `*` expands to over FROM items, read from the parse tree and
 * the catalog: tables and views (`columns`), FROM subqueries and WITH
 * queries (their select lists), joins, USING and NATURAL joins (the merged
 * columns first, as PostgreSQL and Redshift order them). Where a column's
 * name cannot be told from the tree (an unaliased expression in a
 * subquery), the answer is {@link Unknowable}. With `columns` collecting,
 * `asked` gathers the relations to read.
 *
 * @example
 * ```ts
 * new FromColumns(columns, true).block(selectNode, new Map())
 * // [{ name: 'id', ref: '"t"."id"', owners: ['t'] }, ...]
 * ```
 */
export class FromColumns {
  readonly #columns: ColumnSource | undefined
  readonly #fold: boolean
  /** Only gathering the relations to read: no column is known, nothing is checked. */
  readonly #collecting: boolean
  /** Relations whose columns were asked for and not known. */
  readonly asked = new Set<string>()

  constructor(columns: ColumnSource | undefined, fold: boolean) {
    this.#columns = columns
    this.#fold = fold
    this.#collecting = columns === undefined || columns.collecting === true
  }

  /** The columns of a query block's FROM list, in order. */
  block(select: PgNode, scope: CteScope): FromColumn[] | Unknowable {
    const inner = withCtes(select, scope, this.#fold)
    const from = Array.isArray(select['fromClause']) ? select['fromClause'] : []
    const out: FromColumn[] = []
    for (const item of from) {
      const cols = this.#item(item, inner)
      if ('unknowable' in cols) return cols
      out.push(...cols)
    }
    return out
  }

  /** The output column names of a query (a subquery's or a WITH query's). */
  outputs(query: unknown, scope: CteScope): string[] | Unknowable {
    const select = nodeType(query)
    if (select?.[0] !== 'SelectStmt')
      return { unknowable: 'a query other than SELECT' }
    const node = select[1]
    if (node['op'] !== undefined && node['op'] !== 'SETOP_NONE') {
      const inner = withCtes(node, scope, this.#fold)
      return this.outputs({ SelectStmt: node['larg'] }, inner)
    }
    if (node['valuesLists'] !== undefined)
      return { unknowable: 'a VALUES list' }
    const targets = Array.isArray(node['targetList']) ? node['targetList'] : []
    let from: FromColumn[] | undefined
    const out: string[] = []
    for (const entry of targets) {
      const target = (entry as { ResTarget?: PgNode }).ResTarget
      if (target === undefined) return { unknowable: 'this select list' }
      if (typeof target['name'] === 'string') {
        out.push(this.#name(target['name']))
        continue
      }
      let value = nodeType(target['val'])
      if (value?.[0] === 'TypeCast') value = nodeType(value[1]['arg'])
      const fields =
        value?.[0] === 'ColumnRef' && Array.isArray(value[1]['fields'])
          ? value[1]['fields']
          : undefined
      const last = fields?.[fields.length - 1] as
        { A_Star?: unknown } | undefined
      if (fields === undefined || last === undefined)
        return { unknowable: 'a subquery column without an alias' }
      if (last.A_Star === undefined) {
        const name = names([last])[0]
        if (name === undefined) return { unknowable: 'this select list' }
        out.push(this.#name(name))
        continue
      }
      if (
        value?.[0] !== 'ColumnRef' ||
        nodeType(target['val'])?.[0] !== 'ColumnRef'
      )
        return { unknowable: 'this select list' }
      if (from === undefined) {
        const cols = this.block(node, scope)
        if ('unknowable' in cols) return cols
        from = cols
      }
      const owner = fields.length === 2 ? names([fields[0]])[0] : undefined
      if (fields.length > 2) return { unknowable: 'a qualified *' }
      for (const col of from) {
        if (owner === undefined || col.owners.includes(this.#name(owner)))
          out.push(col.name)
      }
    }
    return out
  }

  #item(item: unknown, scope: CteScope): FromColumn[] | Unknowable {
    const [type, node] = nodeType(item) ?? ['', {}]
    if (type === 'JoinExpr') return this.#join(node, scope)
    const alias = node['alias'] as PgNode | undefined
    const aliasName =
      typeof alias?.['aliasname'] === 'string'
        ? this.#name(alias['aliasname'])
        : undefined
    const renames = names(alias?.['colnames']).map((n) => this.#name(n))
    let owner: string
    let qualifier: string
    let found: string[] | Unknowable
    if (type === 'RangeSubselect') {
      if (aliasName === undefined)
        return { unknowable: 'a subquery without an alias' }
      owner = aliasName
      qualifier = quoteIdentifier(aliasName)
      found = this.outputs(node['subquery'], scope)
    } else if (type === 'RangeVar' && typeof node['relname'] === 'string') {
      const schema =
        typeof node['schemaname'] === 'string'
          ? this.#name(node['schemaname'])
          : undefined
      const relname = this.#name(node['relname'])
      owner = aliasName ?? relname
      qualifier =
        aliasName !== undefined
          ? quoteIdentifier(aliasName)
          : (schema === undefined ? '' : `${quoteIdentifier(schema)}.`) +
            quoteIdentifier(relname)
      const cte = schema === undefined ? scope.get(relname) : undefined
      found =
        cte !== undefined
          ? this.#cteOutputs(cte, scope)
          : this.#table(schema, relname)
    } else {
      return { unknowable: 'a function or other item in FROM' }
    }
    if ('unknowable' in found) return found
    if (renames.length > found.length && !this.#collecting)
      return { unknowable: 'this column alias list' }
    return found.map((name, i) => {
      const renamed = renames[i] ?? name
      return {
        name: renamed,
        ref: `${qualifier}.${quoteIdentifier(renamed)}`,
        owners: [owner],
      }
    })
  }

  #join(join: PgNode, scope: CteScope): FromColumn[] | Unknowable {
    if (join['alias'] !== undefined)
      return { unknowable: 'a join with an alias' }
    const left = this.#item(join['larg'], scope)
    if ('unknowable' in left) return left
    const right = this.#item(join['rarg'], scope)
    if ('unknowable' in right) return right
    let using = names(join['usingClause']).map((n) => this.#name(n))
    if (join['isNatural'] === true) {
      const rightNames = new Set(right.map((c) => c.name))
      using = [...new Set(left.map((c) => c.name))].filter((n) =>
        rightNames.has(n),
      )
    }
    if (using.length === 0 || this.#collecting) return [...left, ...right]
    const merged: FromColumn[] = []
    for (const name of using) {
      const l = left.filter((c) => c.name === name)
      const r = right.filter((c) => c.name === name)
      // PostgreSQL refuses these joins itself; leave the statement to it.
      if (l.length !== 1 || r.length !== 1)
        return { unknowable: 'this USING join' }
      merged.push({
        name,
        ref: quoteIdentifier(name),
        owners: [...l[0]!.owners, ...r[0]!.owners],
      })
    }
    const shared = new Set(using)
    return [
      ...merged,
      ...left.filter((c) => !shared.has(c.name)),
      ...right.filter((c) => !shared.has(c.name)),
    ]
  }

  #cteOutputs(cte: PgNode, scope: CteScope): string[] | Unknowable {
    const aliased = names(cte['aliascolnames']).map((n) => this.#name(n))
    if (aliased.length > 0) return aliased
    // A recursive WITH query is named by its first branch, which cannot see itself.
    return this.outputs(cte['ctequery'], scope)
  }

  #table(schema: string | undefined, relname: string): string[] | Unknowable {
    const key = relationKey(schema, relname)
    const columns = this.#columns
    if (columns === undefined || this.#collecting) {
      this.asked.add(key)
      // Any name list will do while collecting: nothing resolves.
      return []
    }
    const found = columns.columnsOf(key)
    if (found === undefined)
      return {
        unknowable:
          'a table the emulator cannot name uniquely (or created in this transaction block)',
      }
    return [...found.keys()]
  }

  #name(part: string): string {
    return this.#fold ? part.toLowerCase() : part
  }
}

/**
 * `scope` with the WITH queries of `node` added, by name as PostgreSQL
 * will hold it (`fold`: quoted names lower-cased).
 *
 * @example
 * ```ts
 * withCtes(selectNode, new Map(), true).get('c') // c's CommonTableExpr
 * ```
 */
export function withCtes(
  node: PgNode,
  scope: CteScope,
  fold: boolean,
): CteScope {
  const ctes = (node['withClause'] as PgNode | undefined)?.['ctes']
  if (!Array.isArray(ctes) || ctes.length === 0) return scope
  const inner = new Map(scope)
  for (const entry of ctes) {
    const cte = (entry as { CommonTableExpr?: PgNode }).CommonTableExpr
    if (cte === undefined) continue
    const name = String(cte['ctename'])
    inner.set(fold ? name.toLowerCase() : name, cte)
  }
  return inner
}
