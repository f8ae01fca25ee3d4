import { CompiledQuery, type Kysely } from 'kysely'

import { toLoadErrorRow } from '../commands/copy/load-error-rows.js'
import type { LoadErrorRow } from '../errors/load-error.js'
import { TableNotFoundError } from '../errors/table-not-found-error.js'
import { endpointKindOf } from '../wlm/endpoint-kind.js'
import { date, int8, num } from '../wlm/system-values.js'

/** Options of `db.monitor.loadErrors()`. */
export interface LoadErrorsOptions {
  /** Only errors recorded at or after this time (default: the last 24 hours). */
  readonly since?: Date
  /** At most this many rows, newest last (default 1000, at most 10000). */
  readonly limit?: number
}

/**
 * One load error of a table: the row COPY could not load ({@link LoadErrorRow}),
 * with the COPY's query id (int4 from STL_LOAD_ERRORS, int8 from
 * SYS_LOAD_ERROR_DETAIL) and when it was recorded.
 *
 * ```ts
 * for (const e of await db.monitor.loadErrors('sales')) console.log(e.queryId, e.line, e.reason)
 * ```
 */
export interface TableLoadError extends LoadErrorRow {
  readonly queryId: number | bigint
  readonly recordedAt: Date | null
}

const DAY_MS = 86_400_000
const MAX_ROWS = 10_000

/**
 * The load errors recorded for a table since a time: STL_LOAD_ERRORS on a
 * provisioned cluster, SYS_LOAD_ERROR_DETAIL on Serverless, read into the
 * same rows a failed COPY's `LoadError.loadErrors` has. The table is looked
 * up in `pg_class` first (by schema, or on the search path), and an unknown
 * one is a `TableNotFoundError`.
 *
 * ```ts
 * const errors = await tableLoadErrors(db, ['staging', 'sales'], { since: new Date(Date.now() - 3_600_000) })
 * ```
 */
export async function tableLoadErrors(
  db: Kysely<any>,
  table: string | readonly [schema: string, table: string],
  options: LoadErrorsOptions = {},
): Promise<readonly TableLoadError[]> {
  const since = options.since ?? new Date(Date.now() - DAY_MS)
  if (!(since instanceof Date) || Number.isNaN(since.getTime())) {
    throw new TypeError('since must be a valid Date')
  }
  const limit = options.limit ?? 1_000
  if (!Number.isSafeInteger(limit) || limit < 1 || limit > MAX_ROWS) {
    throw new RangeError(`limit must be an integer from 1 to ${MAX_ROWS}`)
  }
  const tableId = await tableIdOf(db, table)
  const serverless = (await endpointKindOf(db)) === 'serverless'
  // The limit is a checked integer, written as digits.
  const query = serverless
    ? CompiledQuery.raw(
        `select * from sys_load_error_detail where table_id = $1 and start_time >= $2
order by start_time, query_id, line_number limit ${limit}`,
        [tableId, since],
      )
    : CompiledQuery.raw(
        `select query, starttime, filename, line_number, colname, type, raw_field_value, raw_line,
  position, err_code, err_reason
from stl_load_errors where tbl = $1 and starttime >= $2
order by starttime, query, line_number limit ${limit}`,
        [tableId, since],
      )
  const { rows } = await db.executeQuery<Record<string, unknown>>(query)
  return Object.freeze(
    rows.map((row) =>
      Object.freeze({
        ...toLoadErrorRow(row),
        queryId: serverless
          ? (int8(row['query_id']) ?? 0n)
          : (num(row['query']) ?? 0),
        recordedAt: date(serverless ? row['start_time'] : row['starttime']),
      }),
    ),
  )
}

// Its own statement, not a join: pg_class is a leader-node catalog, and
// mixing it with system views in one query is what Redshift refuses for
// some leader-only objects (trap 11).
async function tableIdOf(
  db: Kysely<any>,
  table: string | readonly [string, string],
): Promise<number> {
  const [schema, name] = typeof table === 'string' ? [null, table] : table
  if (typeof name !== 'string' || name.length === 0) {
    throw new TypeError('table must be a table name or [schema, table]')
  }
  const query =
    schema === null
      ? CompiledQuery.raw(
          'select c.oid from pg_class c where c.relname = $1 and pg_table_is_visible(c.oid)',
          [name],
        )
      : CompiledQuery.raw(
          `select c.oid from pg_class c join pg_namespace n on n.oid = c.relnamespace
where c.relname = $1 and n.nspname = $2`,
          [name, schema],
        )
  const { rows } = await db.executeQuery<{ oid: unknown }>(query)
  const id = num(rows[0]?.oid)
  if (id === null) {
    throw new TableNotFoundError(
      `table ${schema === null ? name : `${schema}.${name}`} does not exist (or is not on the search path)`,
    )
  }
  return id
}
