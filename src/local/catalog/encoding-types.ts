/**
 * Which Redshift column types each compression encoding applies to
 * (https://docs.aws.amazon.com/redshift/latest/dg/c_Compression_encodings.html),
 * keyed by the type's name as PostgreSQL's `format_type(oid, null)` writes it
 * for the types both systems share, and `geometry` / `geography` as the
 * catalog records them. Types not listed here (SUPER, VARBYTE, TIME ...) are
 * not judged: the emulator accepts any encoding name for them rather than
 * guess.
 */
const NUMERIC_TYPES = ['smallint', 'integer', 'bigint', 'numeric']
const DATE_TYPES = [
  'date',
  'timestamp without time zone',
  'timestamp with time zone',
]
const CHARACTER_TYPES = ['character', 'character varying']
const FLOAT_TYPES = ['real', 'double precision']

const CORE_TYPES = [
  ...NUMERIC_TYPES,
  ...FLOAT_TYPES,
  'boolean',
  ...CHARACTER_TYPES,
  ...DATE_TYPES,
]
// spatial-limitations.html: "The supported compression encoding of GEOMETRY
// or GEOGRAPHY data is RAW."
const SPATIAL_TYPES = ['geometry', 'geography']

/** The types the table below judges. */
export const JUDGED_TYPES: readonly string[] = Object.freeze([
  ...CORE_TYPES,
  ...SPATIAL_TYPES,
])

/**
 * Encoding -> the judged types it may be used on.
 *
 * @example
 * ```ts
 * ENCODING_TYPES.text255 // ['character varying']
 * ```
 */
export const ENCODING_TYPES: Readonly<Record<string, readonly string[]>> =
  Object.freeze({
    raw: JUDGED_TYPES,
    az64: [...NUMERIC_TYPES, ...DATE_TYPES],
    bytedict: [
      ...NUMERIC_TYPES,
      ...FLOAT_TYPES,
      ...CHARACTER_TYPES,
      ...DATE_TYPES,
    ],
    delta: [...NUMERIC_TYPES, 'date', 'timestamp without time zone'],
    delta32k: [
      'integer',
      'bigint',
      'numeric',
      'date',
      'timestamp without time zone',
    ],
    lzo: [...NUMERIC_TYPES, ...CHARACTER_TYPES, ...DATE_TYPES],
    mostly8: NUMERIC_TYPES,
    mostly16: ['integer', 'bigint', 'numeric'],
    mostly32: ['bigint', 'numeric'],
    runlength: CORE_TYPES,
    text255: ['character varying'],
    text32k: ['character varying'],
    zstd: CORE_TYPES,
  })

/**
 * Whether `name` (lower case) is one of Redshift's encodings. An own-key
 * test: `'constructor' in ENCODING_TYPES` is true.
 *
 * @example
 * ```ts
 * isEncoding('zstd') // true
 * ```
 */
export function isEncoding(name: string): boolean {
  return Object.hasOwn(ENCODING_TYPES, name)
}

/** `readColumnType`'s canonical Redshift names of the judged types. */
const CANONICAL_TYPES: Readonly<Record<string, string>> = Object.freeze({
  SMALLINT: 'smallint',
  INTEGER: 'integer',
  BIGINT: 'bigint',
  NUMERIC: 'numeric',
  REAL: 'real',
  'DOUBLE PRECISION': 'double precision',
  BOOLEAN: 'boolean',
  CHAR: 'character',
  VARCHAR: 'character varying',
  DATE: 'date',
  TIMESTAMP: 'timestamp without time zone',
  TIMESTAMPTZ: 'timestamp with time zone',
  GEOMETRY: 'geometry',
  GEOGRAPHY: 'geography',
})

/**
 * Why `encoding` cannot be given to a column of the Redshift type
 * `typeName` (as `readColumnType` names it: INTEGER, VARCHAR, ...), or null
 * when it can, or when the type is not judged. The message is the one ALTER
 * COLUMN ... ENCODE gives (`alter-attributes.ts`).
 *
 * @example
 * ```ts
 * encodingTypeRefusal('az64', 'VARCHAR', 'a')
 * // 'encoding "az64" is not supported for column "a" of type character varying'
 * ```
 */
export function encodingTypeRefusal(
  encoding: string,
  typeName: string,
  column: string,
): string | null {
  const type = Object.hasOwn(CANONICAL_TYPES, typeName)
    ? CANONICAL_TYPES[typeName]
    : undefined
  if (
    type === undefined ||
    !isEncoding(encoding) ||
    ENCODING_TYPES[encoding]!.includes(type)
  )
    return null
  return `encoding "${encoding}" is not supported for column "${column}" of type ${type}`
}

/**
 * The table as SQL rows `(encoding, type_name)`, for the catalog's checks.
 *
 * @example
 * ```ts
 * const sql = `select 1 from (values ${encodingTypeRowsSql()}) e(encoding, type_name)`
 * ```
 */
export function encodingTypeRowsSql(): string {
  const rows: string[] = []
  for (const [encoding, types] of Object.entries(ENCODING_TYPES)) {
    for (const type of types) rows.push(`('${encoding}', '${type}')`)
  }
  return rows.join(', ')
}
