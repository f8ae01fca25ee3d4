/**
 * Quotes a value as a PostgreSQL string literal for the statements the
 * emulator writes itself (SHOW answers). Doubles `'`; a value with a
 * backslash becomes an `E'...'` literal with the backslash doubled, so the
 * text means the same whatever `standard_conforming_strings` is.
 *
 * @example
 * ```ts
 * quoteLiteral("it's") // 'it''s'
 * ```
 */
export function quoteLiteral(value: string): string {
  const doubled = value.replace(/'/g, "''")
  if (!value.includes('\\')) return `'${doubled}'`
  return `E'${doubled.replace(/\\/g, '\\\\')}'`
}

/**
 * Quotes an identifier (doubles `"`).
 *
 * @example
 * ```ts
 * quoteIdentifier('query_group') // "query_group"
 * ```
 */
export function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`
}
