/**
 * Quotes a session parameter value as a Redshift string literal.
 *
 * Redshift keeps PostgreSQL 8.0's string rules, where a backslash inside
 * '...' is an escape character, so both `'` and `\` are doubled. A NUL
 * cannot be sent in a statement at all and is refused.
 *
 * ```ts
 * quoteSessionLiteral("it's") // 'it''s'
 * quoteSessionLiteral('a\\b') // 'a\\\\b' (the backslash doubled)
 * ```
 */
export function quoteSessionLiteral(value: string): string {
  if (value.includes('\0')) {
    throw new TypeError('a session parameter value cannot contain NUL')
  }
  return `'${value.replaceAll('\\', '\\\\').replaceAll("'", "''")}'`
}
