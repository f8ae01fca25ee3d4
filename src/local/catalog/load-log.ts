import { toJsonParameter, type BoundStatement } from './bound-statement.js'

/** One rejected row of a COPY, as STL_LOAD_ERRORS shows it. */
export interface LoadErrorEntry {
  readonly userid?: number
  readonly slice?: number
  /** Table oid. */
  readonly tbl?: number
  readonly starttime?: Date
  /** Session pid. */
  readonly session?: number
  readonly query: number
  readonly filename?: string
  readonly line_number?: number | bigint
  readonly colname?: string
  /** Column type, e.g. `int4`. */
  readonly type?: string
  readonly col_length?: string
  readonly position?: number
  readonly raw_line?: string
  readonly raw_field_value?: string
  readonly err_code?: number
  readonly err_reason?: string
  readonly is_partial?: number
  readonly start_offset?: number | bigint
  readonly copy_job_id?: number | bigint
}

/** One file written by an UNLOAD, as STL_UNLOAD_LOG shows it. */
export interface UnloadLogEntry {
  readonly userid?: number
  readonly query: number
  readonly slice?: number
  readonly pid?: number
  readonly path: string
  readonly start_time?: Date
  readonly end_time?: Date
  readonly line_count?: number | bigint
  readonly transfer_size?: number | bigint
  /** `Text`, `Parquet`, `JSON` ... */
  readonly file_format?: string
}

const LOAD_ERROR_COLUMNS = `userid int4, slice int4, tbl int4, starttime timestamp,
  session int4, query int4, filename text, line_number bigint, colname text, type text,
  col_length text, position int4, raw_line text, raw_field_value text, err_code int4,
  err_reason text, is_partial int4, start_offset bigint, copy_job_id bigint`
const LOAD_ERROR_NAMES = LOAD_ERROR_COLUMNS.split(',').map(
  (column) => column.trim().split(' ')[0]!,
)

const LOAD_ERRORS_INSERT = `insert into redshift_local.load_errors (${LOAD_ERROR_NAMES.join(', ')})
select ${LOAD_ERROR_NAMES.map((name) => (name === 'slice' || name === 'is_partial' ? `coalesce(${name}, 0)` : name)).join(', ')}
from jsonb_to_recordset($1::jsonb) as x(${LOAD_ERROR_COLUMNS})`

const UNLOAD_LOG_INSERT = `insert into redshift_local.unload_log (userid, query, slice, pid,
  path, start_time, end_time, line_count, transfer_size, file_format)
select userid, query, coalesce(slice, 0), pid, path, start_time, end_time, line_count,
  transfer_size, file_format
from jsonb_to_recordset($1::jsonb) as x(userid int4, query int4, slice int4, pid int4,
  path text, start_time timestamp, end_time timestamp, line_count bigint,
  transfer_size bigint, file_format text)`

/**
 * Builds ONE insert of COPY rejections into `redshift_local.load_errors`
 * (read through STL_LOAD_ERRORS).
 *
 * @example
 * ```ts
 * const { text, values } = buildLoadErrorsInsert([{ query: 101, filename: 's3://b/k',
 *   line_number: 3, colname: 'id', type: 'int4', err_code: 1207,
 *   err_reason: 'Invalid digit, Value a, Pos 0, Type: Integer' }])
 * await client.query(text, values)
 * ```
 */
export function buildLoadErrorsInsert(
  entries: readonly LoadErrorEntry[],
): BoundStatement {
  return { text: LOAD_ERRORS_INSERT, values: [toJsonParameter(entries)] }
}

/**
 * Builds ONE insert of UNLOAD output files into `redshift_local.unload_log`
 * (read through STL_UNLOAD_LOG).
 *
 * @example
 * ```ts
 * const { text, values } = buildUnloadLogInsert([{ query: 102,
 *   path: 's3://b/out/0000_part_00', line_count: 10, file_format: 'Text' }])
 * await client.query(text, values)
 * ```
 */
export function buildUnloadLogInsert(
  entries: readonly UnloadLogEntry[],
): BoundStatement {
  return { text: UNLOAD_LOG_INSERT, values: [toJsonParameter(entries)] }
}
