/** A column of the inner query's result, as the session describes it. */
export interface UnloadColumn {
  readonly name: string
  readonly typeOid: number
  /** `format_type()`: 'integer', 'character varying(10)', 'numeric(12,2)', 'super', ... */
  readonly type: string
}

/** What UNLOAD needs to know about a column's type to write its values. */
export type ColumnKind =
  | 'smallint'
  | 'integer'
  | 'bigint'
  | 'decimal'
  | 'real'
  | 'double'
  | 'boolean'
  | 'char'
  | 'varchar'
  | 'date'
  | 'timestamp'
  | 'timestamptz'
  | 'time'
  | 'timetz'
  | 'super'
  | 'varbyte'
  | 'geometry'
  | 'hllsketch'
  | 'other'

const BY_OID: Readonly<Record<number, ColumnKind>> = {
  16: 'boolean',
  17: 'varbyte',
  18: 'char',
  19: 'varchar',
  20: 'bigint',
  21: 'smallint',
  23: 'integer',
  25: 'varchar',
  26: 'bigint',
  114: 'super',
  700: 'real',
  701: 'double',
  705: 'varchar',
  1042: 'char',
  1043: 'varchar',
  1082: 'date',
  1083: 'time',
  1114: 'timestamp',
  1184: 'timestamptz',
  1266: 'timetz',
  1700: 'decimal',
  3802: 'super',
}

/**
 * The kind of a result column: by the Redshift name in its type when it has
 * one the backing PostgreSQL stores as another type (`super` is jsonb,
 * `varbyte` is bytea, `geometry`/`hllsketch` are text), else by its OID.
 *
 * @example
 * ```ts
 * columnKind({ name: 'price', typeOid: 1700, type: 'numeric(12,2)' }) // 'decimal'
 * ```
 */
export function columnKind(column: UnloadColumn): ColumnKind {
  const name = column.type.toLowerCase()
  if (name.startsWith('super')) return 'super'
  if (name.startsWith('varbyte') || name.startsWith('binary varying'))
    return 'varbyte'
  if (name.startsWith('geometry') || name.startsWith('geography'))
    return 'geometry'
  if (name.startsWith('hllsketch')) return 'hllsketch'
  return BY_OID[column.typeOid] ?? 'other'
}

/** Precision and scale of a `numeric(p,s)` type; `undefined` when it has none. */
export function decimalDimensions(
  type: string,
): { readonly precision: number; readonly scale: number } | undefined {
  const match = /\(\s*(\d+)\s*(?:,\s*(\d+)\s*)?\)/.exec(type)
  if (match === null) return undefined
  return { precision: Number(match[1]), scale: Number(match[2] ?? 0) }
}

/** Kinds that hold characters, which ESCAPE applies to. */
export function isCharacterKind(kind: ColumnKind): boolean {
  return kind === 'char' || kind === 'varchar'
}

/** Kinds written as JSON numbers. */
export function isNumberKind(kind: ColumnKind): boolean {
  return (
    kind === 'smallint' ||
    kind === 'integer' ||
    kind === 'bigint' ||
    kind === 'decimal' ||
    kind === 'real' ||
    kind === 'double'
  )
}
