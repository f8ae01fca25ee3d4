/**
 * Redshift types a column cannot be a distribution or sort key of, by the
 * name the catalog records (`redshift_local.table_attributes.column_types`,
 * without a length): SUPER (limitations-super.html), VARBYTE
 * (r_VARBYTE_type.html), GEOMETRY and GEOGRAPHY (spatial-limitations.html)
 * and HLLSKETCH (hyperloglog-functions-limitations.html).
 */
export const KEYLESS_TYPES: readonly string[] = Object.freeze([
  'super',
  'varbyte',
  'geometry',
  'geography',
  'hllsketch',
])

/**
 * The upper-case type name when a column of the recorded Redshift type
 * `recorded` (`varbyte(64000)`, `super` ...) cannot be a key, else null.
 *
 * @example
 * ```ts
 * keylessType('varbyte(10)') // 'VARBYTE'
 * keylessType(undefined) // null
 * ```
 */
export function keylessType(recorded: string | undefined): string | null {
  const name = recorded?.replace(/\(.*$/, '')
  return name !== undefined && KEYLESS_TYPES.includes(name)
    ? name.toUpperCase()
    : null
}
