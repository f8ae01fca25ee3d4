import {
  createQueryId,
  InsertQueryNode,
  PrimitiveValueListNode,
  ValuesNode,
  type CompiledQuery,
  type Kysely,
} from 'kysely'

import { checkParameter } from '../dialect/compiler/value-checks.js'
import { claimQuerySettings } from '../dialect/query-settings-plugin.js'

/** A chunk's INSERT, and whether its rows were all plain values. */
export interface CompiledChunk {
  readonly compiled: CompiledQuery
  /** True when the statement's parameters are exactly the rows' values, in order. */
  readonly plain: boolean
}

/** The SQL of a chunk shape that compiled to exactly its values as parameters. */
interface ChunkTemplate {
  /** See {@link shapeOf}. */
  readonly shape: string
  readonly sql: string
}

/**
 * Compiles the chunks of one batch insert into `table` through `db`, each
 * exactly as `db.insertInto(table).values(rows).compile()` would: its
 * plugins see (and may transform) every chunk, its compiler checks every
 * value and moves the query settings onto the statement.
 *
 * Two shortcuts keep a 32k-value chunk cheap. When every row has the same
 * columns, all of them plain values, the rows are handed to Kysely as the
 * node its own parser makes for such rows (a list of primitive values per
 * row, in the first row's column order) instead of being parsed object by
 * object. And when the plugins keep every value of such a chunk as it was
 * and an earlier chunk of the same statement shape (everything but the
 * values, and the number of rows) compiled to exactly its values as
 * parameters, the compiler would write the same SQL again (a plain value
 * only ever becomes a placeholder), so that text is reused and only the
 * per-value check runs. Any other chunk (rows with other columns, an
 * `undefined`, an expression or a callback as a value, or a plugin that
 * changed the query) is compiled in full.
 *
 * ```ts
 * const chunks = new ChunkCompiler(db, 'sales')
 * const { compiled } = chunks.compile([{ id: 1, qty: 2 }, { id: 2, qty: 5 }])
 * compiled.sql // 'insert into "sales" ("id", "qty") values ($1, $2), ($3, $4)'
 * ```
 */
export class ChunkCompiler {
  readonly #db: Kysely<any>
  readonly #table: string
  #template: ChunkTemplate | undefined

  constructor(db: Kysely<any>, table: string) {
    this.#db = db
    this.#table = table
  }

  /** The chunk's INSERT statement. */
  compile(rows: readonly object[]): CompiledChunk {
    const db = this.#db
    const primitive = primitiveRows(rows)
    if (primitive === undefined) {
      const compiled = db
        .insertInto(this.#table)
        .values(rows as never[])
        .compile()
      return { compiled, plain: false }
    }
    const values = primitive
    // The table and column nodes as Kysely parses them, before any plugin.
    const base = db
      .withoutPlugins()
      .insertInto(this.#table)
      .values(rows[0] as never)
      .toOperationNode()
    const queryNode = InsertQueryNode.cloneWith(base, {
      values: ValuesNode.create(values.map(PrimitiveValueListNode.create)),
    })
    const executor = db.getExecutor()
    const queryId = createQueryId()
    const transformed = executor.transformQuery(queryNode, queryId)
    const shape = shapeOf(transformed, values)
    const template = this.#template
    if (shape !== undefined && template?.shape === shape) {
      return {
        compiled: reuse(template, transformed, queryId, values),
        plain: true,
      }
    }
    const compiled = executor.compileQuery(transformed, queryId)
    const plain = sameParameters(compiled.parameters, values)
    if (plain && shape !== undefined) {
      this.#template = { shape, sql: compiled.sql }
    }
    return { compiled, plain }
  }
}

/**
 * What the compiled SQL of a chunk depends on: the statement without its
 * values (table, columns and any other clause, as the plugins left them)
 * and the number of rows and values. Undefined unless the plugins kept
 * every value as the same plain value in a primitive value list, the only
 * case where a value is sure to become one placeholder.
 */
function shapeOf(
  node: InsertQueryNode,
  values: readonly (readonly unknown[])[],
): string | undefined {
  const rows = node.values
  if (rows?.kind !== 'ValuesNode') return undefined
  const lists = (rows as ValuesNode).values
  if (lists.length !== values.length) return undefined
  for (let r = 0; r < lists.length; r++) {
    const list = lists[r]!
    if (list.kind !== 'PrimitiveValueListNode') return undefined
    const given = values[r]!
    const kept = (list as PrimitiveValueListNode).values
    if (kept.length !== given.length) return undefined
    for (let c = 0; c < kept.length; c++) {
      if (kept[c] !== given[c]) return undefined
    }
  }
  const width = values[0]!.length
  return `${values.length}x${width}\0${JSON.stringify({ ...node, values: undefined })}`
}

/**
 * The statement the compiler would produce for a chunk of the template's
 * shape: its SQL, the chunk's values as parameters after the compiler's own
 * check of each, and the query settings the plugins recorded for it.
 */
function reuse(
  template: ChunkTemplate,
  query: InsertQueryNode,
  queryId: CompiledQuery['queryId'],
  rows: readonly (readonly unknown[])[],
): CompiledQuery {
  const width = rows[0]!.length
  const parameters: unknown[] = new Array(rows.length * width)
  let at = 0
  for (const row of rows) {
    for (let c = 0; c < width; c++) {
      const value = row[c]
      checkParameter(value)
      parameters[at++] = value
    }
  }
  const compiled: CompiledQuery = Object.freeze({
    query,
    queryId,
    sql: template.sql,
    parameters: Object.freeze(parameters),
  })
  claimQuerySettings(compiled)
  return compiled
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
  const values: unknown[][] = new Array(rows.length)
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r] as Record<string, unknown>
    // Same number of keys and every column defined: the same columns.
    if (Object.keys(row).length !== width) return undefined
    const rowValues: unknown[] = new Array(width)
    for (let c = 0; c < width; c++) {
      const value = row[columns[c]!]
      if (value === undefined || !isPlainValue(value)) return undefined
      rowValues[c] = value
    }
    values[r] = rowValues
  }
  return values
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
