import { DatabaseError } from 'pg-protocol'

/**
 * The fields of an error response, as node-postgres exposes them on its
 * `DatabaseError`. Only `message` is required; `code` (the SQLSTATE)
 * defaults to `XX000`, which is what Redshift sends for its own internal
 * errors (serialization failures included).
 *
 * @example
 * ```ts
 * const fields: ErrorResponseFields = { code: '42P01', message: 'relation "x" does not exist' }
 * ```
 */
export interface ErrorResponseFields {
  readonly message: string
  /** SQLSTATE. Default `XX000`. */
  readonly code?: string
  /** Default `ERROR`. */
  readonly severity?: string
  readonly detail?: string
  readonly hint?: string
  /** 1-based character offset into the SQL text. */
  readonly position?: number | string
  readonly internalPosition?: number | string
  readonly internalQuery?: string
  readonly where?: string
  readonly schema?: string
  readonly table?: string
  readonly column?: string
  readonly dataType?: string
  readonly constraint?: string
  readonly file?: string
  readonly line?: number | string
  readonly routine?: string
}

/**
 * Builds an error shaped exactly like the `DatabaseError` node-postgres
 * raises for a server error response: the same class and the same
 * string-typed fields. Exposed to users as {@link redshiftError}.
 *
 * @example
 * ```ts
 * createErrorResponse({ code: '42P01', message: 'relation "x" does not exist' })
 * ```
 */
export function createErrorResponse(
  fields: ErrorResponseFields,
): DatabaseError {
  const error = new DatabaseError(
    fields.message,
    Buffer.byteLength(fields.message),
    'error',
  )
  error.severity = fields.severity ?? 'ERROR'
  error.code = fields.code ?? 'XX000'
  error.detail = fields.detail
  error.hint = fields.hint
  error.position = optionalString(fields.position)
  error.internalPosition = optionalString(fields.internalPosition)
  error.internalQuery = fields.internalQuery
  error.where = fields.where
  error.schema = fields.schema
  error.table = fields.table
  error.column = fields.column
  error.dataType = fields.dataType
  error.constraint = fields.constraint
  error.file = fields.file
  error.line = optionalString(fields.line)
  error.routine = fields.routine
  return error
}

function optionalString(
  value: number | string | undefined,
): string | undefined {
  return value === undefined ? undefined : String(value)
}

/**
 * Redshift reports its internal errors with a DETAIL block of aligned
 * `name: value` lines between dashed rules.
 *
 * @example
 * ```ts
 * internalDetail({ error: 'Disk Full', code: 1016 })
 * ```
 */
export function internalDetail(
  lines: Readonly<Record<string, string | number>>,
): string {
  const rule = '  -----------------------------------------------'
  const body = Object.entries(lines).map(
    ([name, value]) => `  ${`${name}:`.padEnd(10)} ${value}`,
  )
  return [rule, ...body, rule].join('\n')
}
