/** A statement that is one call of SET_CONFIG with constant arguments. */
export interface SetConfigCall {
  readonly name: string
  readonly value: string
  readonly local: boolean
  /** The result column's name: the alias, or `set_config`. */
  readonly column: string
}

const CALL =
  /^\s*select\s+(?:pg_catalog\s*\.\s*)?set_config\s*\(\s*'((?:[^'\\]|'')*)'\s*,\s*(?:'((?:[^'\\]|'')*)'|([+-]?\d+(?:\.\d+)?))\s*,\s*(true|false|1|0|'(?:true|false|1|0)')\s*\)\s*(?:as\s+([a-z_][a-z0-9_]*)\s*)?;?\s*$/i

const NAMED = /set_config\s*\(\s*'((?:[^'\\]|'')*)'/gi

/**
 * `SELECT SET_CONFIG('parameter', 'new_value', is_local)` (r_SET_CONFIG.html),
 * is_local being true or 1, false or 0: the call's parts when the statement
 * is exactly that, else null.
 *
 * @example
 * ```ts
 * setConfigCall("SELECT SET_CONFIG('query_group', 'test', true)")
 * // { name: 'query_group', value: 'test', local: true, column: 'set_config' }
 * ```
 */
export function setConfigCall(text: string): SetConfigCall | null {
  const match = CALL.exec(text)
  if (match === null) return null
  const flag = match[4]!.replaceAll("'", '').toLowerCase()
  return {
    name: match[1]!.replaceAll("''", "'").toLowerCase(),
    value: match[2] !== undefined ? match[2].replaceAll("''", "'") : match[3]!,
    local: flag === 'true' || flag === '1',
    column: (match[5] ?? 'set_config').toLowerCase(),
  }
}

/** The parameter names SET_CONFIG calls in `text` name as literals. */
export function setConfigNames(text: string): string[] {
  return [...text.matchAll(NAMED)].map((m) =>
    m[1]!.replaceAll("''", "'").toLowerCase(),
  )
}
