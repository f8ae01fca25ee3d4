import { CompiledQuery, type Kysely } from 'kysely'

import type { LoadErrorRow } from '../../errors/load-error.js'

/** The view load errors are read from. */
export type LoadErrorView = 'stl_load_errors' | 'sys_load_error_detail'

/** At most this many load-error rows are read for one COPY. */
export const MAX_LOAD_ERROR_ROWS = 10_000

// STL_LOAD_ERRORS' documented columns. SYS_LOAD_ERROR_DETAIL's documented
// list is incomplete (the reference marks error_code / error_message as
// unconfirmed), so it is read with `*` and each field looked up by the names
// either view may use.
const STL_COLUMNS =
  'filename, line_number, colname, type, raw_field_value, raw_line, position, err_code, err_reason'

/**
 * The query reading one COPY's load errors on the connection that ran it:
 * `pg_last_copy_id()` is the session's last COPY, failed or not.
 *
 * ```ts
 * loadErrorsQuery('stl_load_errors').sql
 * // select filename, ... from stl_load_errors where query = pg_last_copy_id() order by ...
 * ```
 */
export function loadErrorsQuery(
  view: LoadErrorView,
  queryId?: number,
): CompiledQuery {
  // A query id is an integer (checked), so it is written as digits.
  const id =
    queryId === undefined
      ? 'pg_last_copy_id()'
      : String(checkedQueryId(queryId))
  return view === 'stl_load_errors'
    ? CompiledQuery.raw(
        `select ${STL_COLUMNS} from stl_load_errors where query = ${id} ` +
          `order by starttime, line_number, colname limit ${MAX_LOAD_ERROR_ROWS}`,
      )
    : CompiledQuery.raw(
        `select * from sys_load_error_detail where query_id = ${id} ` +
          `order by start_time, line_number, column_name limit ${MAX_LOAD_ERROR_ROWS}`,
      )
}

/**
 * Reads the load errors of the session's last COPY (or of `queryId`) and
 * returns them frozen, blank padding removed.
 *
 * ```ts
 * const rows = await readLoadErrors(conn, 'stl_load_errors')
 * ```
 */
export async function readLoadErrors(
  db: Kysely<any>,
  view: LoadErrorView,
  queryId?: number,
): Promise<readonly LoadErrorRow[]> {
  const { rows } = await db.executeQuery<Record<string, unknown>>(
    loadErrorsQuery(view, queryId),
  )
  return Object.freeze(rows.map(toLoadErrorRow))
}

/**
 * One row of STL_LOAD_ERRORS or SYS_LOAD_ERROR_DETAIL as a
 * {@link LoadErrorRow}.
 *
 * ```ts
 * toLoadErrorRow({ filename: 's3://b/k   ', line_number: '3', err_code: 1207 }).line // 3
 * ```
 */
export function toLoadErrorRow(row: Record<string, unknown>): LoadErrorRow {
  const text = (...names: string[]) => {
    for (const name of names) {
      const value = row[name]
      if (value !== null && value !== undefined) {
        // CHAR(n) columns come back blank-padded (trap 15).
        return String(value).trimEnd()
      }
    }
    return null
  }
  const number = (...names: string[]) => {
    const value = text(...names)
    if (value === null || value === '') return null
    const parsed = Number(value)
    return Number.isFinite(parsed) ? parsed : null
  }
  return Object.freeze({
    file: text('filename', 'file_name'),
    line: number('line_number'),
    column: text('colname', 'column_name'),
    type: text('type', 'column_type'),
    rawValue: text('raw_field_value'),
    rawLine: text('raw_line'),
    position: number('position'),
    code: number('err_code', 'error_code'),
    reason: text('err_reason', 'error_message'),
  })
}

function checkedQueryId(queryId: number): number {
  if (!Number.isSafeInteger(queryId)) {
    throw new TypeError(`a query id is an integer, got ${queryId}`)
  }
  return queryId
}
