/** What a column's type means to the loader. */
export type ColumnKind =
  | { readonly kind: 'int'; readonly bits: 16 | 32 | 64 }
  | {
      readonly kind: 'numeric'
      readonly precision: number
      readonly scale: number
    }
  | { readonly kind: 'float'; readonly bits: 32 | 64 }
  | { readonly kind: 'bool' }
  | { readonly kind: 'char'; readonly length: number }
  | { readonly kind: 'varchar'; readonly length: number }
  | { readonly kind: 'date' }
  | { readonly kind: 'timestamp'; readonly zone: boolean }
  | { readonly kind: 'time'; readonly zone: boolean }
  | { readonly kind: 'super' }
  | { readonly kind: 'varbyte'; readonly length: number }
  | { readonly kind: 'other'; readonly name: string }

/** A column kind with the names STL_LOAD_ERRORS shows for it. */
export interface ColumnTypeInfo {
  readonly kind: ColumnKind
  /** STL_LOAD_ERRORS.type: `int4`, `varchar`, `numeric`... */
  readonly stlType: string
  /** STL_LOAD_ERRORS.col_length: `10`, `12, 2`, or ''. */
  readonly colLength: string
}

/**
 * Reads a `format_type()` string (either PostgreSQL's spelling or the
 * Redshift name the catalog shows: `super`, `varbyte(n)`) into the kind of
 * value the loader must check. Redshift's own defaults apply where the
 * type has no length: VARCHAR and TEXT are 256 bytes, NUMERIC is (18,0),
 * VARBYTE is 64000 bytes.
 *
 * @example
 * ```ts
 * columnTypeInfo('numeric(12,2)') // { kind: { kind: 'numeric', precision: 12, scale: 2 }, stlType: 'numeric', colLength: '12, 2' }
 * ```
 */
export function columnTypeInfo(type: string): ColumnTypeInfo {
  const t = type.trim().toLowerCase()
  const args = /\(([^)]*)\)/
    .exec(t)?.[1]
    ?.split(',')
    .map((a) => Number(a.trim()))
  const base = t.replace(/\s*\([^)]*\)/, '').trim()
  const info = (kind: ColumnKind, stlType: string, colLength = '') =>
    Object.freeze({ kind, stlType, colLength })
  switch (base) {
    case 'smallint':
    case 'int2':
      return info({ kind: 'int', bits: 16 }, 'int2')
    case 'integer':
    case 'int':
    case 'int4':
      return info({ kind: 'int', bits: 32 }, 'int4')
    case 'bigint':
    case 'int8':
      return info({ kind: 'int', bits: 64 }, 'int8')
    case 'numeric':
    case 'decimal': {
      const precision = args?.[0] ?? 18
      const scale = args?.[1] ?? 0
      return info(
        { kind: 'numeric', precision, scale },
        'numeric',
        `${precision}, ${scale}`,
      )
    }
    case 'real':
    case 'float4':
      return info({ kind: 'float', bits: 32 }, 'float4')
    case 'double precision':
    case 'float8':
    case 'float':
      return info({ kind: 'float', bits: 64 }, 'float8')
    case 'boolean':
    case 'bool':
      return info({ kind: 'bool' }, 'bool')
    case 'character':
    case 'char':
    case 'bpchar':
    case 'nchar': {
      const length = args?.[0] ?? 1
      return info({ kind: 'char', length }, 'char', String(length))
    }
    case 'character varying':
    case 'varchar':
    case 'nvarchar':
    case 'text': {
      const length = args?.[0] ?? 256
      return info({ kind: 'varchar', length }, 'varchar', String(length))
    }
    case 'date':
      return info({ kind: 'date' }, 'date')
    case 'timestamp':
    case 'timestamp without time zone':
      return info({ kind: 'timestamp', zone: false }, 'timestamp')
    case 'timestamptz':
    case 'timestamp with time zone':
      return info({ kind: 'timestamp', zone: true }, 'timestamptz')
    case 'time':
    case 'time without time zone':
      return info({ kind: 'time', zone: false }, 'time')
    case 'timetz':
    case 'time with time zone':
      return info({ kind: 'time', zone: true }, 'timetz')
    case 'super':
    case 'jsonb':
    case 'json':
      return info({ kind: 'super' }, 'super')
    case 'varbyte':
    case 'varbinary':
    case 'binary varying':
    case 'bytea': {
      const length = args?.[0] ?? 64000
      return info({ kind: 'varbyte', length }, 'varbyte', String(length))
    }
    default:
      return info({ kind: 'other', name: base }, base)
  }
}
