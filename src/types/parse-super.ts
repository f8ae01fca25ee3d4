import type { JsonValue } from './column-types.js'

/**
 * Parses SUPER text into a JSON value. Redshift prints SUPER as JSON, so a
 * string scalar arrives quoted (`"abc"`) and an object as `{"a":1}`. Text
 * that is not JSON is returned as it came, rather than failing the whole
 * result.
 *
 * Numbers beyond 2^53 lose precision, as with any `JSON.parse`.
 *
 * ```ts
 * parseSuper('{"a":[1,2]}') // { a: [1, 2] }
 * parseSuper('"abc"')       // 'abc'
 * ```
 */
export function parseSuper(text: string): JsonValue {
  try {
    return JSON.parse(text) as JsonValue
  } catch {
    return text
  }
}
