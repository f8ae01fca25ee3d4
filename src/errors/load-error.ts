import { RedshiftError, type RedshiftErrorOptions } from './redshift-error.js'

/** Options of {@link LoadError}. */
export interface LoadErrorOptions extends RedshiftErrorOptions {
  /** The table named in `Load into table '<name>' failed`. */
  readonly tableName?: string
}

/**
 * A COPY failed: Redshift's `Load into table '<t>' failed. Check
 * 'stl_load_errors' system table for details.` (SQLSTATE `XX000`). The rows
 * that failed are in STL_LOAD_ERRORS / SYS_LOAD_ERROR_DETAIL. Not retryable:
 * the same files fail the same way.
 *
 * ```ts
 * if (error instanceof LoadError) console.log(error.tableName)
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

  constructor(message: string, options: LoadErrorOptions = {}) {
    super(message, options)
    if (options.tableName !== undefined) {
      Object.assign(this, { tableName: options.tableName })
    }
  }
}
