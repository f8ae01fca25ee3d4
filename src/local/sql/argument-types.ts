import type { DdlCursor } from './ddl-cursor.js'
import { quoteLiteral } from './quote.js'

/**
 * The argument types of `( [ [ argname ] [ argmode ] argtype [, ...] ] )`
 * between the tokens `from` and `to` (the closing bracket), as SHOW
 * PROCEDURE and SHOW GRANTS ON FUNCTION name a routine: each argument's
 * last words that make a type, its name and mode dropped.
 *
 * @example
 * ```ts
 * // '(a int, inout b varchar(10))' -> ['int', 'varchar(10)']
 * ```
 */
export function argumentTypes(
  c: DdlCursor,
  from: number,
  to: number,
): string[] {
  const types: string[] = []
  let start = from
  for (let k = from; k <= to; k++) {
    // A bracket's contents (`numeric(10, 2)`) hold no argument's comma.
    if (k < to && c.is('(', k) && c.match[k]! > k) {
      k = c.match[k]!
      continue
    }
    if (k < to && !c.is(',', k)) continue
    if (k > start) {
      let words = c.text(start, k - 1).trim()
      words = words.replace(/^(?:(?:in|out|inout)\s+)?/i, '')
      const parts = words.split(/\s+/)
      // `name type` or `name mode type`: a first word no type starts with.
      if (parts.length > 1 && !TYPE_FIRST_WORDS.has(parts[0]!.toLowerCase()))
        words = parts
          .slice(1)
          .join(' ')
          .replace(/^(?:(?:in|out|inout)\s+)?/i, '')
      types.push(words)
    }
    start = k + 1
  }
  return types
}

/**
 * `types` as a regtype[] expression, each cast from a literal, so that an
 * unknown one fails as PostgreSQL's cast does.
 *
 * @example
 * ```ts
 * regtypeArray(['int']) // "array['int'::pg_catalog.regtype]::pg_catalog.regtype[]"
 * ```
 */
export function regtypeArray(types: readonly string[]): string {
  const casts = types.map((type) => `${quoteLiteral(type)}::pg_catalog.regtype`)
  return `array[${casts.join(', ')}]::pg_catalog.regtype[]`
}

/** First words of the multi-word type names (r_Supported_data_types.html). */
const TYPE_FIRST_WORDS: ReadonlySet<string> = new Set([
  'character',
  'char',
  'double',
  'time',
  'timestamp',
  'national',
  'binary',
  'interval',
])
