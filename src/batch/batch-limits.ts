import { MAX_STATEMENT_BYTES } from '../dialect/compiler/redshift-limits.js'

/**
 * The most bind parameters one statement may carry: the Bind message counts
 * them in a 16-bit integer, and Redshift (like PostgreSQL's drivers) refuses
 * more than 32,767.
 *
 * ```ts
 * rows * columns <= MAX_BIND_PARAMETERS
 * ```
 */
export const MAX_BIND_PARAMETERS = 32_767

/**
 * The most bytes one chunk's statement may take: Redshift's 16 MB statement
 * limit (`c_SQL_commands`), counted over the SQL text and the bound values
 * together, since a value that is not a bind parameter would be in the text.
 *
 * ```ts
 * sqlBytes + valueBytes <= MAX_CHUNK_BYTES
 * ```
 */
export const MAX_CHUNK_BYTES = MAX_STATEMENT_BYTES

/** The limits one chunk of a batch insert stays within. */
export interface ChunkLimits {
  /** Bind parameters per statement, at most {@link MAX_BIND_PARAMETERS}. */
  readonly maxParameters: number
  /** SQL text plus bound values per statement, at most {@link MAX_CHUNK_BYTES}. */
  readonly maxBytes: number
  /** Rows per statement; no limit of its own by default. */
  readonly maxRows: number
}

/**
 * The limits asked for, within Redshift's; a bad option throws a RangeError
 * naming it.
 *
 * ```ts
 * chunkLimits({ maxRows: 1_000 }) // { maxParameters: 32767, maxBytes: 16777216, maxRows: 1000 }
 * ```
 */
export function chunkLimits(options: Partial<ChunkLimits>): ChunkLimits {
  return Object.freeze({
    maxParameters: limit(
      'maxParameters',
      options.maxParameters,
      MAX_BIND_PARAMETERS,
    ),
    maxBytes: limit('maxBytes', options.maxBytes, MAX_CHUNK_BYTES),
    maxRows: limit('maxRows', options.maxRows, Number.MAX_SAFE_INTEGER),
  })
}

function limit(name: string, value: number | undefined, max: number): number {
  if (value === undefined) return max
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw new RangeError(
      `batchInsert option ${name} must be an integer from 1 to ${max}, got ${String(value)}`,
    )
  }
  return value
}
