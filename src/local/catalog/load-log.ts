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
  /** Emulator transaction id (SYS_LOAD_ERROR_DETAIL.transaction_id). */
  readonly xid?: number | bigint
  /** Database the COPY ran in (SYS_LOAD_ERROR_DETAIL.database_name). */
  readonly database_name?: string
  /** A field parse error's columns, up to the failing one (STL_LOADERROR_DETAIL). */
  readonly detail?: readonly LoadErrorField[]
}

/** One column of a line a COPY rejected, as STL_LOADERROR_DETAIL shows it. */
export interface LoadErrorField {
  /** 1 for the first column loaded. */
  readonly field: number
  readonly colname: string
  /** The value the field parsed to; blank when null. */
  readonly value: string
  /** 1 when the field parsed to null. */
  readonly is_null: number
  readonly type: string
  readonly col_length: string
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
  /** Emulator transaction id (SYS_UNLOAD_DETAIL.transaction_id). */
  readonly xid?: number | bigint
}

/** One file a COPY loaded, as STL_LOAD_COMMITS shows it. */
export interface LoadCommitEntry {
  readonly userid?: number
  readonly query: number
  readonly slice?: number
  /** The table loaded. */
  readonly name?: string
  readonly filename: string
  readonly byte_offset?: number
  readonly lines_scanned?: number
  readonly errors?: number
  readonly curtime?: Date
  /** 1 when the file was committed. */
  readonly status?: number
  readonly file_format?: string
  readonly is_partial?: number
  readonly start_offset?: number | bigint
  readonly copy_job_id?: number | bigint
  /** The file's size, for STL_FILE_SCAN. */
  readonly bytes?: number
  /** Microseconds spent loading the file, for STL_FILE_SCAN. */
  readonly loadtime?: number
  /** When the load started reading the file, for STL_FILE_SCAN. */
  readonly scan_time?: Date
}

/** One object GET of a COPY, as STL_S3CLIENT (or, failed, STL_S3CLIENT_ERROR) shows it. */
export interface S3ClientEntry {
  readonly query: number
  readonly pid: number
  readonly bucket: string
  readonly key: string
  readonly start_time: Date
  readonly end_time: Date
  /** Bytes received. */
  readonly bytes: number
  /** The COPY decompressed the file (GZIP, BZIP2, LZOP, ZSTD). */
  readonly compressed: boolean
  /** Why the GET failed. */
  readonly error?: string
}

/** One COPY, loaded or failed, as SYS_LOAD_HISTORY shows it. */
export interface LoadHistoryEntry {
  readonly user_id?: number
  readonly query_id: number
  readonly transaction_id?: number | bigint
  readonly session_id?: number
  readonly database_name?: string
  /** `completed` or `failed`. */
  readonly status: string
  readonly table_name?: string
  readonly start_time?: Date
  readonly end_time?: Date
  readonly data_source?: string
  readonly file_format?: string
  readonly loaded_rows?: number | bigint
  readonly loaded_bytes?: number | bigint
  readonly source_file_count?: number
  readonly source_file_bytes?: number | bigint
  readonly file_count_scanned?: number
  readonly file_bytes_scanned?: number | bigint
  readonly error_count?: number | bigint
  readonly copy_job_id?: number | bigint
}

/** One UNLOAD, done or failed, as SYS_UNLOAD_HISTORY shows it. */
export interface UnloadHistoryEntry {
  readonly user_id?: number
  readonly query_id: number
  readonly transaction_id?: number | bigint
  readonly session_id?: number
  readonly database_name?: string
  /** `completed` or `failed`. */
  readonly status: string
  readonly start_time?: Date
  readonly end_time?: Date
  readonly file_format?: string
  readonly compression_type?: string
  readonly unloaded_location?: string
  readonly unloaded_rows?: number | bigint
  readonly unloaded_files_count?: number | bigint
  readonly unloaded_files_size?: number | bigint
  readonly error_message?: string | null
}

/**
 * `insert into redshift_local.<table> (...) select ... from jsonb_to_recordset($1)`:
 * one statement per batch, its text the same whatever the batch holds.
 */
function recordsetInsert(
  table: string,
  columns: string,
  zeroDefaults: readonly string[] = [],
): string {
  const names = columns.split(',').map((column) => column.trim().split(' ')[0]!)
  return `insert into redshift_local.${table} (${names.join(', ')})
select ${names.map((name) => (zeroDefaults.includes(name) ? `coalesce(${name}, 0)` : name)).join(', ')}
from jsonb_to_recordset($1::jsonb) as x(${columns})`
}

const LOAD_COMMITS_INSERT = recordsetInsert(
  'load_commits',
  `userid int4, query int4, slice int4, name text, filename text, byte_offset int4,
  lines_scanned int4, errors int4, curtime timestamp, status int4, file_format text,
  is_partial int4, start_offset bigint, copy_job_id bigint, bytes bigint, loadtime bigint,
  scan_time timestamp`,
  ['slice', 'is_partial'],
)

const S3_CLIENT_INSERT = recordsetInsert(
  's3client_log',
  `query int4, pid int4, bucket text, key text, start_time timestamp, end_time timestamp,
  bytes bigint, compressed boolean, error text`,
)

const LOAD_HISTORY_INSERT = recordsetInsert(
  'load_history',
  `user_id int4, query_id bigint, transaction_id bigint, session_id int4, database_name text,
  status text, table_name text, start_time timestamp, end_time timestamp, data_source text,
  file_format text, loaded_rows bigint, loaded_bytes bigint, source_file_count int4,
  source_file_bytes bigint, file_count_scanned int4, file_bytes_scanned bigint,
  error_count bigint, copy_job_id bigint`,
)

const UNLOAD_HISTORY_INSERT = recordsetInsert(
  'unload_history',
  `user_id int4, query_id bigint, transaction_id bigint, session_id int4, database_name text,
  status text, start_time timestamp, end_time timestamp, file_format text,
  compression_type text, unloaded_location text, unloaded_rows bigint,
  unloaded_files_count bigint, unloaded_files_size bigint, error_message text`,
)

const LOAD_ERRORS_INSERT = recordsetInsert(
  'load_errors',
  `userid int4, slice int4, tbl int4, starttime timestamp,
  session int4, query int4, filename text, line_number bigint, colname text, type text,
  col_length text, position int4, raw_line text, raw_field_value text, err_code int4,
  err_reason text, is_partial int4, start_offset bigint, copy_job_id bigint, xid bigint,
  database_name text, detail jsonb`,
  ['slice', 'is_partial'],
)

const UNLOAD_LOG_INSERT = recordsetInsert(
  'unload_log',
  `userid int4, query int4, slice int4, pid int4,
  path text, start_time timestamp, end_time timestamp, line_count bigint,
  transfer_size bigint, file_format text, xid bigint`,
  ['slice'],
)

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

/**
 * Builds ONE insert of loaded files into `redshift_local.load_commits`
 * (read through STL_LOAD_COMMITS).
 *
 * @example
 * ```ts
 * const { text, values } = buildLoadCommitsInsert([{ query: 101, name: 'sales',
 *   filename: 's3://b/sales/part_00', lines_scanned: 10, status: 1 }])
 * await client.query(text, values)
 * ```
 */
export function buildLoadCommitsInsert(
  entries: readonly LoadCommitEntry[],
): BoundStatement {
  return { text: LOAD_COMMITS_INSERT, values: [toJsonParameter(entries)] }
}

/**
 * Builds ONE insert of COPY's object GETs into `redshift_local.s3client_log`
 * (read through STL_S3CLIENT and STL_S3CLIENT_ERROR).
 *
 * @example
 * ```ts
 * const { text, values } = buildS3ClientInsert([{ query: 101, pid: 7, bucket: 'b',
 *   key: 'sales.txt', start_time: began, end_time: ended, bytes: 120, compressed: false }])
 * await client.query(text, values)
 * ```
 */
export function buildS3ClientInsert(
  entries: readonly S3ClientEntry[],
): BoundStatement {
  return { text: S3_CLIENT_INSERT, values: [toJsonParameter(entries)] }
}

/**
 * Builds ONE insert of COPY runs into `redshift_local.load_history`
 * (read through SYS_LOAD_HISTORY).
 *
 * @example
 * ```ts
 * const { text, values } = buildLoadHistoryInsert([{ query_id: 101,
 *   status: 'completed', table_name: 'sales', loaded_rows: 10 }])
 * await client.query(text, values)
 * ```
 */
export function buildLoadHistoryInsert(
  entries: readonly LoadHistoryEntry[],
): BoundStatement {
  return { text: LOAD_HISTORY_INSERT, values: [toJsonParameter(entries)] }
}

/**
 * Builds ONE insert of UNLOAD runs into `redshift_local.unload_history`
 * (read through SYS_UNLOAD_HISTORY).
 *
 * @example
 * ```ts
 * const { text, values } = buildUnloadHistoryInsert([{ query_id: 102,
 *   status: 'completed', unloaded_location: 's3://b/out/', unloaded_rows: 10 }])
 * await client.query(text, values)
 * ```
 */
export function buildUnloadHistoryInsert(
  entries: readonly UnloadHistoryEntry[],
): BoundStatement {
  return { text: UNLOAD_HISTORY_INSERT, values: [toJsonParameter(entries)] }
}
