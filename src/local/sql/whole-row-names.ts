import { reject } from '../errors/reject.js'
import type { ErrorFields } from '../protocol/error-fields.js'
import { relationKey, type ColumnSource } from './column-scopes.js'
import type { PgNode } from './parse-tree.js'

/** FROM items whose columns the statement's text alone does not tell. */
const OPAQUE_ITEMS = new Set([
  'RangeSubselect',
  'RangeFunction',
  'RangeTableFunc',
  'CommonTableExpr',
  'JsonTable',
])

interface Relation {
  readonly key: string
  /** The name a column reference would use: the alias, else the table's name. */
  readonly name: string
}

interface Names {
  readonly relations: Relation[]
  readonly bare: Set<string>
  /** Select-list aliases (ORDER BY and GROUP BY may name them) and target columns. */
  readonly targets: Set<string>
  opaque: boolean
}

/**
 * Refuses a table's bare name used as a value, `select t from t` or
 * `count(x) ... from t as x`: PostgreSQL reads a one-part name that no FROM
 * item has as a column as the whole row of the table so named, and Redshift
 * has no row values (r_SELECT_list.html: a select-list item is a column or
 * an expression; `count(t.*)` is refused the same way, see
 * `postgres-only-expressions.ts`). Only the catalog tells such a name from a
 * column, so the check needs `columns`, the column lookup the DECIMAL typing
 * uses: while collecting it asks for the statement's relations, and once
 * they are known it refuses only where it is certain, that is when every
 * FROM item of the statement is a table or view whose columns are known and
 * none of them has a column of that name (a subquery, function or WITH
 * query in FROM, a name several schemas hold or a table the lookup did not
 * find leave the statement to PostgreSQL). Redshift's wording is not
 * documented. Undefined when nothing is refused.
 *
 * @example
 * ```ts
 * wholeRowReference(tree, columns) // for `select t from t`: { code: '0A000', ... }
 * ```
 */
export function wholeRowReference(
  tree: unknown,
  columns: ColumnSource | undefined,
): ErrorFields | undefined {
  if (columns === undefined) return undefined
  const names: Names = {
    relations: [],
    bare: new Set(),
    targets: new Set(),
    opaque: false,
  }
  collect(tree, columns.fold, names)
  if (names.opaque || names.bare.size === 0) return undefined
  const candidates = names.relations.filter(
    (r) => names.bare.has(r.name) && !names.targets.has(r.name),
  )
  if (candidates.length === 0) return undefined
  const known = names.relations.map((r) => columns.columnsOf(r.key))
  if (columns.collecting === true) return undefined
  for (const candidate of candidates) {
    if (known.some((c) => c === undefined)) return undefined
    if (known.some((c) => c!.has(candidate.name))) continue
    return reject.unsupported(
      `a whole row as a value ("${candidate.name}" names a table, not a column)`,
      'name the columns instead of the table',
    )
  }
  return undefined
}

function collect(value: unknown, fold: boolean, names: Names): void {
  if (value === null || typeof value !== 'object') return
  if (Array.isArray(value)) {
    for (const item of value) collect(item, fold, names)
    return
  }
  for (const [key, child] of Object.entries(value)) {
    if (OPAQUE_ITEMS.has(key)) names.opaque = true
    else if (key === 'RangeVar') {
      const node = child as PgNode
      const relname = node['relname']
      if (typeof relname !== 'string') continue
      const schema = node['schemaname']
      const alias = (node['alias'] as PgNode | undefined)?.['aliasname']
      const name = (n: string) => (fold ? n.toLowerCase() : n)
      names.relations.push({
        key: relationKey(
          typeof schema === 'string' ? name(schema) : undefined,
          name(relname),
        ),
        name: name(typeof alias === 'string' ? alias : relname),
      })
      continue
    } else if (key === 'ResTarget') {
      const target = (child as PgNode)['name']
      if (typeof target === 'string')
        names.targets.add(fold ? target.toLowerCase() : target)
    } else if (key === 'ColumnRef') {
      const fields = (child as PgNode)['fields']
      if (Array.isArray(fields) && fields.length === 1) {
        const sval = (fields[0] as { String?: { sval?: unknown } }).String?.sval
        if (typeof sval === 'string')
          names.bare.add(fold ? sval.toLowerCase() : sval)
      }
      continue
    }
    collect(child, fold, names)
  }
}
