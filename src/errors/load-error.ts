import { RedshiftError, type RedshiftErrorOptions } from './redshift-error.js'

/**
 * One row a COPY could not load, as STL_LOAD_ERRORS (provisioned) or
 * SYS_LOAD_ERROR_DETAIL (Serverless) records it, with the blank padding of
 * their CHAR columns removed. A field the view did not fill is `null`.
 *
 * ```ts
 * for (const row of result.rejected) {
 *   console.log(`${row.file}:${row.line} ${row.column} (${row.type}): ${row.reason} [${row.rawValue}]`)
 * }
 * ```
 */
export interface LoadErrorRow {
  /** The file (S3 URL) the row came from. */
  readonly file: string | null
  /** Line number in that file (header lines counted). */
  readonly line: number | null
  /** The column the error is about. */
  readonly column: string | null
  /** That column's type, e.g. `int4`. */
  readonly type: string | null
  /** The field's value as read (cut to 1024 bytes by Redshift). */
  readonly rawValue: string | null
  /** The whole line as read (cut to 1024 bytes), when the view has it. */
  readonly rawLine: string | null
  /** Position of the error in the field. */
  readonly position: number | null
  /** Redshift's load error code (e.g. 1207 invalid digit). */
  readonly code: number | null
  /** Redshift's explanation. */
  readonly reason: string | null
}

/** Options of {@link LoadError}. */
export interface LoadErrorOptions extends RedshiftErrorOptions {
  /** The table named in `Load into table '<name>' failed`. */
  readonly tableName?: string
  /** The rows that failed, read from STL_LOAD_ERRORS / SYS_LOAD_ERROR_DETAIL. */
  readonly loadErrors?: readonly LoadErrorRow[]
}

/**
 * A COPY failed: Redshift's `Load into table '<t>' failed. Check
 * 'stl_load_errors' system table for details.` (SQLSTATE `XX000`). The rows
 * that failed are in STL_LOAD_ERRORS / SYS_LOAD_ERROR_DETAIL; a COPY run by
 * the SDK's builder reads them on the same connection into `loadErrors`.
 * Not retryable: the same files fail the same way.
 *
 * ```ts
 * if (error instanceof LoadError) {
 *   console.log(error.tableName)
 *   for (const row of error.loadErrors ?? []) console.log(row.line, row.column, row.reason)
 * }
 * ```
 */
export class LoadError extends RedshiftError {
  static {
    Object.defineProperty(this.prototype, 'name', {
      value: 'LoadError',
      writable: true,
      configurable: true,
    })
  }

  declare readonly tableName?: string
  /**
   * The rows that failed (at most 10,000), when they could be read: a COPY
   * that failed inside a transaction leaves it aborted, so nothing can be
   * read there and this is absent.
   */
  declare readonly loadErrors?: readonly LoadErrorRow[]

  constructor(message: string, options: LoadErrorOptions = {}) {
    super(message, options)
    if (options.tableName !== undefined) {
      Object.assign(this, { tableName: options.tableName })
    }
    if (options.loadErrors !== undefined) {
      Object.assign(this, {
        loadErrors: Object.freeze(
          options.loadErrors.map((row) => Object.freeze({ ...row })),
        ),
      })
    }
  }
}
