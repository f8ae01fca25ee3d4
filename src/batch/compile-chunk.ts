import {
  createQueryId,
  InsertQueryBuilder,
  InsertQueryNode,
  PrimitiveValueListNode,
  ValuesNode,
  type CompiledQuery,
  type Kysely,
} from 'kysely'

/** A chunk's INSERT, and whether its rows were all plain values. */
export interface CompiledChunk {
  readonly compiled: CompiledQuery
  /** True when the statement's parameters are exactly the rows' values, in order. */
  readonly plain: boolean
}

/**
 * One chunk's multi-row INSERT, compiled by `db` exactly as
 * `db.insertInto(table).values(rows).compile()` would (its plugins transform
 * it, its compiler checks every value and records the query settings), but
 * without Kysely parsing each row object: when every row has the same
 * columns, all of them plain values, the rows are handed to Kysely as the
 * node its own parser makes for such rows (a list of primitive values per
 * row, in the first row's column order). Any other chunk (rows with other
 * columns, an `undefined`, an expression or a callback as a value) goes
 * through `.values()` itself.
 *
 * ```ts
 * const { compiled } = compileChunk(db, 'sales', [{ id: 1, qty: 2 }, { id: 2, qty: 5 }])
 * compiled.sql // 'insert into "sales" ("id", "qty") values ($1, $2), ($3, $4)'
 * ```
 */
export function compileChunk(
  db: Kysely<any>,
  table: string,
  rows: readonly object[],
): CompiledChunk {
  const values = primitiveRows(rows)
  if (values === undefined) {
    const compiled = db
      .insertInto(table)
      .values(rows as never[])
      .compile()
    return { compiled, plain: false }
  }
  // The table and column nodes as Kysely parses them, before any plugin.
  const base = db
    .withoutPlugins()
    .insertInto(table)
    .values(rows[0] as never)
    .toOperationNode()
  const queryNode = InsertQueryNode.cloneWith(base, {
    values: ValuesNode.create(values.map(PrimitiveValueListNode.create)),
  })
  const compiled = new InsertQueryBuilder({
    queryId: createQueryId(),
    executor: db.getExecutor(),
    queryNode,
  }).compile()
  return { compiled, plain: sameParameters(compiled.parameters, values) }
}

/** Whether the statement binds exactly the rows' values, in order (no plugin changed one). */
function sameParameters(
  parameters: readonly unknown[],
  rows: readonly (readonly unknown[])[],
): boolean {
  let at = 0
  for (const row of rows) {
    for (const value of row) if (parameters[at++] !== value) return false
  }
  return at === parameters.length
}

/** Each row's values in the first row's column order; undefined unless every row qualifies. */
function primitiveRows(rows: readonly object[]): unknown[][] | undefined {
  const first = rows[0] as Record<string, unknown> | undefined
  if (first === undefined) return undefined
  const columns = Object.keys(first)
  const width = columns.length
  const out: unknown[][] = new Array(rows.length)
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r] as Record<string, unknown>
    // Same number of keys and every column defined: the same columns.
    if (Object.keys(row).length !== width) return undefined
    const values: unknown[] = new Array(width)
    for (let c = 0; c < width; c++) {
      const value = row[columns[c]!]
      if (value === undefined || !isPlainValue(value)) return undefined
      values[c] = value
    }
    out[r] = values
  }
  return out
}

/**
 * Not an expression, an aliased expression or a callback: what Kysely's
 * parser binds as a parameter (`isExpressionOrFactory` is false).
 */
function isPlainValue(value: unknown): boolean {
  if (typeof value === 'function') return false
  return (
    typeof value !== 'object' ||
    value === null ||
    typeof (value as { toOperationNode?: unknown }).toOperationNode !==
      'function'
  )
}
