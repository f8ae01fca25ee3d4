// Names an interface may not take: the file's own `DB`, everything it may
// import (whether or not this model needs it, so adding a column never
// renames an interface), and the global types that column types and `@type`
// tags may mention.
const RESERVED = new Set([
  'DB',
  'ColumnType',
  'DateString',
  'Generated',
  'GeneratedAlways',
  'GeometryHex',
  'Int8',
  'Int8AsString',
  'JsonArray',
  'JsonObject',
  'JsonPrimitive',
  'JsonValue',
  'Numeric',
  'NumericAsNumber',
  'ReadOnlyRelation',
  'Super',
  'TimeString',
  'Timestamp',
  'Timestamptz',
  'VarByte',
  'Array',
  'BigInt',
  'Boolean',
  'Buffer',
  'Date',
  'Error',
  'Exclude',
  'Extract',
  'Function',
  'JSON',
  'Map',
  'NonNullable',
  'Number',
  'Object',
  'Omit',
  'Partial',
  'Pick',
  'Promise',
  'Readonly',
  'ReadonlyArray',
  'Record',
  'RegExp',
  'Required',
  'Set',
  'String',
  'Symbol',
  'Uint8Array',
])

/**
 * PascalCase of a relation key such as `analytics.page_views`: words split at
 * every character that cannot continue an identifier (and `_`, `$`), each
 * word's first letter upper-cased and the rest kept, so `MixedCase` and
 * unicode names survive. A name that does not start like an identifier gets
 * a `T` in front; one with no identifier characters at all is `Relation`.
 *
 * ```ts
 * pascalCase('analytics.page_views') // 'AnalyticsPageViews'
 * pascalCase('2024_sales')           // 'T2024Sales'
 * ```
 */
export function pascalCase(key: string): string {
  const words = key.split(/[^\p{ID_Continue}]|[_$]/u).filter((w) => w !== '')
  const name = words
    .map((word) => {
      const first = String.fromCodePoint(word.codePointAt(0)!)
      return first.toUpperCase() + word.slice(first.length)
    })
    .join('')
  if (name === '') {
    return 'Relation'
  }
  return /^\p{ID_Start}/u.test(name) ? name : `T${name}`
}

/**
 * Interface names for relation keys, in the order given: the
 * {@link pascalCase} of each, with `2`, `3`... appended where it would meet an
 * earlier one, `DB`, an imported name or a global type. Given the same keys in
 * the same order, the same names.
 *
 * ```ts
 * interfaceNames(['events', 'Events']) // ['Events', 'Events2']
 * ```
 */
export function interfaceNames(keys: readonly string[]): string[] {
  const taken = new Set(RESERVED)
  return keys.map((key) => {
    const base = pascalCase(key)
    let name = base
    for (let n = 2; taken.has(name); n++) {
      name = `${base}${n}`
    }
    taken.add(name)
    return name
  })
}
