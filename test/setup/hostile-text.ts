import fc from 'fast-check'

/**
 * Fragments that break naive quoting and escaping in SQL text: quotes
 * doubled and escaped (Redshift treats backslash as an escape), comment and
 * statement markers, dollar quotes and placeholders, line breaks, the `E`
 * of an escape string, delimiters, and characters outside ASCII.
 */
export const HOSTILE_SQL_FRAGMENTS: readonly string[] = [
  "'",
  "''",
  '\\',
  '\\\\',
  "\\'",
  '\\n',
  '"',
  ';',
  '--',
  '/*',
  '*/',
  '$$',
  '$1',
  '\n',
  '\r',
  '\t',
  'E',
  ' ',
  ',',
  ':',
  '(',
  ')',
  'é',
  '€',
  '😀',
]

/** How {@link hostileText} builds its strings. */
export interface HostileTextOptions {
  /** At most this many pieces (default 12). */
  readonly maxParts?: number
  /** At least this many pieces (default 0). */
  readonly minParts?: number
  /** The unit of the arbitrary pieces between the fragments (default grapheme). */
  readonly unit?: 'grapheme' | 'binary'
  /** The longest arbitrary piece, in units (fast-check's default when unset). */
  readonly partLength?: number
}

/**
 * Strings mixing {@link HOSTILE_SQL_FRAGMENTS} with arbitrary text, never
 * holding NUL (SQL text and parameters cannot carry it): what any string
 * that reaches SQL must survive, for property tests.
 *
 * ```ts
 * fc.assert(fc.property(hostileText({ maxParts: 8 }), (s) => roundTrips(s)))
 * ```
 */
export function hostileText(
  options: HostileTextOptions = {},
): fc.Arbitrary<string> {
  const piece = fc.string({
    unit: options.unit ?? 'grapheme',
    ...(options.partLength === undefined
      ? {}
      : { maxLength: options.partLength }),
  })
  return fc
    .array(fc.oneof(fc.constantFrom(...HOSTILE_SQL_FRAGMENTS), piece), {
      minLength: options.minParts ?? 0,
      maxLength: options.maxParts ?? 12,
    })
    .map((parts) => parts.join(''))
    .filter((s) => !s.includes('\0'))
}
