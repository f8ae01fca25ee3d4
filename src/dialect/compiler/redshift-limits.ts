// Redshift's fixed quotas, in one place so a check and its message cannot
// disagree about a number.

/**
 * Redshift rejects statements larger than 16 MB (`c_SQL_commands`).
 *
 * ```ts
 * Buffer.byteLength(sql, 'utf8') > MAX_STATEMENT_BYTES
 * ```
 */
export const MAX_STATEMENT_BYTES = 16 * 1024 * 1024

/**
 * The longest SQL string (in UTF-16 units) that cannot exceed
 * {@link MAX_STATEMENT_BYTES}: a unit takes at most 3 UTF-8 bytes, so shorter
 * SQL needs no byte count.
 *
 * ```ts
 * sql.length > MAX_STATEMENT_UNITS_WITHOUT_COUNT // only then count bytes
 * ```
 */
export const MAX_STATEMENT_UNITS_WITHOUT_COUNT = Math.floor(
  MAX_STATEMENT_BYTES / 3,
)

/**
 * Longest VARCHAR, in bytes (`r_Character_types`).
 *
 * ```ts
 * n > MAX_VARCHAR_BYTES // varchar(n) is refused
 * ```
 */
export const MAX_VARCHAR_BYTES = 65535

/**
 * Longest CHAR, in bytes (`r_Character_types`).
 *
 * ```ts
 * n > MAX_CHAR_BYTES // char(n) is refused
 * ```
 */
export const MAX_CHAR_BYTES = 4096

/**
 * Largest DECIMAL precision (`r_Numeric_types201`).
 *
 * ```ts
 * p > MAX_DECIMAL_PRECISION // decimal(p, s) is refused
 * ```
 */
export const MAX_DECIMAL_PRECISION = 38

/**
 * Most columns a table may have.
 *
 * ```ts
 * node.columns.length > MAX_COLUMNS // CREATE TABLE is refused
 * ```
 */
export const MAX_COLUMNS = 1600
