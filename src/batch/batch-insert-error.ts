import { RedshiftError, type RedshiftErrorOptions } from '../errors/index.js'
import { SERVER_TEXT_FIELDS } from '../errors/redshift-error.js'

/** Options of {@link BatchInsertError}. */
export interface BatchInsertErrorOptions {
  /** The table the rows were for. */
  readonly target: string
  /** What went wrong, in words. */
  readonly reason: string
  /** The chunk that failed, counted from 1; absent for a row refused before any chunk ran. */
  readonly chunk?: number
  /** Index (from 0) in the input of the first row of the chunk, or of the row at fault. */
  readonly firstRow: number
  /** Index (from 0) in the input of the last row of the chunk, or of the row at fault. */
  readonly lastRow: number
  /** Whether the rows inserted so far were rolled back (false inside the caller's transaction). */
  readonly rolledBack: boolean
  /** The server's error, when the server refused the chunk. */
  readonly cause?: unknown
}

/**
 * A batch insert failed: the server refused a chunk (a bad value, a NOT NULL
 * column left out...) or a row could not be sent at all (not an object, no
 * columns, larger than a statement may be). Names the chunk and the rows it
 * held; the server's fields (`code`, `detail`, `column`...) are copied from
 * the cause. Nothing was inserted: the transaction was rolled back (or,
 * when the insert ran in the caller's transaction, that transaction failed).
 *
 * ```ts
 * try {
 *   await batchInsert(db, 'sales', rows)
 * } catch (error) {
 *   if (error instanceof BatchInsertError) {
 *     console.log(error.chunk, error.firstRow, error.lastRow, error.code)
 *   }
 * }
 * ```
 */
export class BatchInsertError extends RedshiftError {
  static {
    Object.defineProperty(this.prototype, 'name', {
      value: 'BatchInsertError',
      writable: true,
      configurable: true,
    })
  }

  readonly target: string
  declare readonly chunk?: number
  readonly firstRow: number
  readonly lastRow: number
  readonly rolledBack: boolean

  constructor(options: BatchInsertErrorOptions) {
    const where =
      options.chunk === undefined
        ? `row ${options.firstRow}`
        : `chunk ${options.chunk} (rows ${options.firstRow}..${options.lastRow})`
    const outcome = options.rolledBack
      ? 'nothing was inserted (rolled back)'
      : "the rows inserted before it are in the caller's transaction: roll it back"
    super(
      `batch insert into ${options.target}: ${where}: ${options.reason}; ${outcome}`,
      serverFields(options.cause),
    )
    this.target = options.target
    this.firstRow = options.firstRow
    this.lastRow = options.lastRow
    this.rolledBack = options.rolledBack
    if (options.chunk !== undefined) {
      Object.defineProperty(this, 'chunk', {
        value: options.chunk,
        enumerable: true,
      })
    }
  }
}

/** The server's fields of the cause, to read them on this error too. */
function serverFields(cause: unknown): RedshiftErrorOptions {
  if (cause === undefined) return {}
  const fields: Record<string, unknown> = { cause }
  if (cause instanceof RedshiftError) {
    for (const name of SERVER_TEXT_FIELDS) {
      // The server's `table` field is kept under its own name; this error's
      // table is `target`.
      if (cause[name] !== undefined) fields[name] = cause[name]
    }
    if (cause.redshiftCode !== undefined) {
      fields['redshiftCode'] = cause.redshiftCode
    }
  }
  return fields as RedshiftErrorOptions
}
