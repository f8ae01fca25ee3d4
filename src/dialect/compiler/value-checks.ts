import {
  MAX_STATEMENT_BYTES,
  MAX_STATEMENT_UNITS_WITHOUT_COUNT,
} from './redshift-limits.js'
import { unsupported } from './unsupported.js'

/**
 * Throws for a value that cannot be written into SQL as a literal.
 *
 * ```ts
 * checkImmediateValue(1.5) // fine
 * checkImmediateValue(NaN) // throws RangeError
 * ```
 */
export function checkImmediateValue(value: unknown): void {
  if (typeof value === 'number' && !Number.isFinite(value)) {
    // `NaN` or `Infinity` unquoted would be read as a column name.
    throw new RangeError(`cannot inline the non-finite number ${value}`)
  }
}

/**
 * Throws for a bind parameter Redshift cannot take: pg sends JavaScript
 * arrays as PostgreSQL arrays, which Redshift lacks.
 *
 * ```ts
 * checkParameter('x') // fine
 * checkParameter([1, 2]) // throws RedshiftUnsupportedError
 * ```
 */
export function checkParameter(parameter: unknown): void {
  if (Array.isArray(parameter)) {
    unsupported(
      'array parameters (pg sends them as PostgreSQL arrays)',
      "an IN list (where('id', 'in', values)), or JSON text passed to JSON_PARSE($1) for SUPER",
    )
  }
}

/**
 * Throws for compiled SQL over Redshift's 16 MB statement limit. Bytes are
 * counted only for SQL long enough to possibly exceed it, so ordinary
 * queries pay one length comparison.
 *
 * ```ts
 * checkStatementSize(compiled.sql)
 * ```
 */
export function checkStatementSize(sql: string): void {
  if (
    sql.length > MAX_STATEMENT_UNITS_WITHOUT_COUNT &&
    Buffer.byteLength(sql, 'utf8') > MAX_STATEMENT_BYTES
  ) {
    unsupported(
      'statements larger than 16 MB',
      'COPY from S3 for bulk loads, or split the statement into batches',
    )
  }
}
