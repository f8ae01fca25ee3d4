import type { QueryResult } from 'kysely'

import type { MockQuery } from './recorded-query.js'

/**
 * A row of a canned result: column name to value, exactly as the driver
 * would return it (int8 as `bigint`, numeric as `string`, ...).
 */
export type CannedRow = Readonly<Record<string, unknown>>

/**
 * What a matched query returns. Either a list of rows, or an object with
 * `rows` and/or `numAffectedRows` (for INSERT, UPDATE, DELETE, MERGE and
 * COPY).
 *
 * @example
 * ```ts
 * mock.on(/^select/).returns([{ id: 1n, name: 'a' }])
 * mock.on(/^delete/).returns({ numAffectedRows: 3 })
 * ```
 */
export type CannedResult =
  | readonly CannedRow[]
  | {
      readonly rows?: readonly CannedRow[]
      readonly numAffectedRows?: number | bigint
    }

/**
 * A canned result, or a function computing one from the query (for answers
 * that depend on the bind parameters).
 *
 * @example
 * ```ts
 * mock.on(/where "id" = \$1/).returns((q) => [{ id: q.parameters[0] }])
 * ```
 */
export type CannedResponse = CannedResult | ((query: MockQuery) => CannedResult)

// The real driver reports a row count for these statements only (COPY can
// only be raw SQL or a builder from the commands module).
const WRITE_NODE_KINDS: ReadonlySet<string> = new Set([
  'InsertQueryNode',
  'UpdateQueryNode',
  'DeleteQueryNode',
  'MergeQueryNode',
])
const WRITE_KEYWORD = /^\s*(?:insert|update|delete|merge|copy)\b/i

/**
 * Turns a canned result into the `QueryResult` a Kysely connection returns.
 * Rows are copied so that code under test mutating a row cannot change what
 * the next matching query returns.
 *
 * @example
 * ```ts
 * toQueryResult({ numAffectedRows: 2 }, query) // { rows: [], numAffectedRows: 2n }
 * ```
 */
export function toQueryResult(
  result: CannedResult | undefined,
  query: MockQuery,
): QueryResult<unknown> {
  const { rows = [], numAffectedRows } = isRowList(result)
    ? { rows: result, numAffectedRows: undefined }
    : (result ?? {})
  const copied = rows.map((row) => ({ ...row }))
  if (numAffectedRows !== undefined) {
    return { rows: copied, numAffectedRows: toCount(numAffectedRows) }
  }
  if (isWrite(query)) {
    return { rows: copied, numAffectedRows: 0n }
  }
  return { rows: copied }
}

function isRowList(
  result: CannedResult | undefined,
): result is readonly CannedRow[] {
  return Array.isArray(result)
}

function toCount(value: number | bigint): bigint {
  if (typeof value === 'number' && (!Number.isInteger(value) || value < 0)) {
    throw new TypeError(
      `numAffectedRows must be a non-negative integer, got ${value}`,
    )
  }
  return BigInt(value)
}

function isWrite(query: MockQuery): boolean {
  const kind = query.compiledQuery.query.kind
  return kind === 'RawNode'
    ? WRITE_KEYWORD.test(query.sql)
    : WRITE_NODE_KINDS.has(kind)
}
