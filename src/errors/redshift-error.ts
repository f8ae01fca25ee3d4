/**
 * The raw fields of a server error, as PostgreSQL and Redshift send them in an
 * ErrorResponse (see the protocol's "Error and Notice Message Fields"), plus
 * the internal code Redshift puts in the message or detail.
 */
export interface RedshiftErrorFields {
  /** SQLSTATE, e.g. `XX000`, `57014`, or a Node.js error code such as `ECONNRESET`. */
  readonly code?: string
  readonly severity?: string
  readonly detail?: string
  readonly hint?: string
  /** 1-based character offset into the statement where the error was found. */
  readonly position?: number
  readonly internalPosition?: number
  readonly internalQuery?: string
  readonly where?: string
  readonly schema?: string
  readonly table?: string
  readonly column?: string
  readonly dataType?: string
  readonly constraint?: string
  readonly file?: string
  readonly line?: string
  readonly routine?: string
  /**
   * Redshift's internal error number, from a message that is only a number
   * (`1023`) or from a `code: NNNN` line in the detail block.
   */
  readonly redshiftCode?: number
  /**
   * The statement that failed, with secrets already removed. Usually the
   * caller's own; when the SDK sent a statement on its behalf first (the
   * `SET query_group ...` / `SET statement_timeout ...` that brings the
   * session to the query's settings) and that one failed, it is that
   * statement, and {@link userSql} is the caller's.
   */
  readonly sql?: string
  /**
   * The caller's statement, present only when the statement that failed
   * ({@link sql}) is one the SDK sent for it, so the caller's never ran.
   * Secrets already removed.
   *
   * ```ts
   * // withQuerySettings(db, { queryGroup: 'etl' }), and the server refuses the SET:
   * error.sql // "SET query_group TO 'etl'"
   * error.userSql // 'select * from "sales"'
   * ```
   */
  readonly userSql?: string
}

/** Options of every error class in this package. */
export interface RedshiftErrorOptions extends RedshiftErrorFields {
  /** The error this one was built from. */
  readonly cause?: unknown
  /** Overrides the class's default retry advice. */
  readonly isRetryable?: boolean
}

/** ErrorResponse fields that arrive as text. */
export const SERVER_TEXT_FIELDS = [
  'code',
  'severity',
  'detail',
  'hint',
  'internalQuery',
  'where',
  'schema',
  'table',
  'column',
  'dataType',
  'constraint',
  'file',
  'line',
  'routine',
] as const satisfies readonly (keyof RedshiftErrorFields)[]

/** ErrorResponse fields that are character offsets. */
export const SERVER_POSITION_FIELDS = [
  'position',
  'internalPosition',
] as const satisfies readonly (keyof RedshiftErrorFields)[]

const FIELD_NAMES = [
  ...SERVER_TEXT_FIELDS,
  ...SERVER_POSITION_FIELDS,
  'redshiftCode',
  'sql',
  'userSql',
] as const satisfies readonly (keyof RedshiftErrorFields)[]

/**
 * Base class of every error this package throws. Errors coming from the
 * server keep each raw ErrorResponse field, so nothing the server said is lost
 * by the classification into subclasses.
 *
 * `isRetryable` is advice: it says whether running the same work again may
 * succeed. Whether that is *safe* (the work is idempotent, or it is a whole
 * transaction) is for the caller to decide.
 *
 * ```ts
 * try {
 *   await db.selectFrom('sales').selectAll().execute()
 * } catch (error) {
 *   if (error instanceof RedshiftError) {
 *     console.log(error.code, error.redshiftCode, error.detail)
 *   }
 * }
 * ```
 */
export class RedshiftError extends Error implements RedshiftErrorFields {
  static {
    Object.defineProperty(this.prototype, 'name', {
      value: 'RedshiftError',
      writable: true,
      configurable: true,
    })
  }

  // `declare` keeps absent fields absent (no own `undefined` properties), so
  // logs and JSON show only what the server actually sent.
  declare readonly code?: string
  declare readonly severity?: string
  declare readonly detail?: string
  declare readonly hint?: string
  declare readonly position?: number
  declare readonly internalPosition?: number
  declare readonly internalQuery?: string
  declare readonly where?: string
  declare readonly schema?: string
  declare readonly table?: string
  declare readonly column?: string
  declare readonly dataType?: string
  declare readonly constraint?: string
  declare readonly file?: string
  declare readonly line?: string
  declare readonly routine?: string
  declare readonly redshiftCode?: number
  declare readonly sql?: string
  declare readonly userSql?: string

  /** Whether running the same work again may succeed. */
  readonly isRetryable: boolean

  constructor(message: string, options: RedshiftErrorOptions = {}) {
    super(
      message,
      options.cause === undefined ? undefined : { cause: options.cause },
    )
    const fields: Record<string, unknown> = {}
    for (const name of FIELD_NAMES) {
      if (options[name] !== undefined) fields[name] = options[name]
    }
    Object.assign(this, fields)
    this.isRetryable = options.isRetryable ?? this.defaultRetryable()
  }

  /** The retry advice of this class when the mapper does not override it. */
  protected defaultRetryable(): boolean {
    return false
  }
}
