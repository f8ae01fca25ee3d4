/**
 * The Redshift type of an external table's column, from the Hive type
 * SVV_EXTERNAL_COLUMNS shows (`int`, `double`, `decimal(8,2)`,
 * `varchar(20)`...), spelled as SVV_REDSHIFT_COLUMNS spells local columns,
 * so the one type table in `src/types` types both alike. Hive's `float` is
 * 4 bytes (REAL), its `double` 8; `string` (tables made in Glue or Athena)
 * reads as VARCHAR. A type with no Redshift counterpart (`array<...>`,
 * `struct<...>`, `map<...>`, nested data Spectrum queries with its own
 * syntax) is returned as it is, and renders as `unknown` with a warning.
 *
 * @example
 * ```ts
 * redshiftTypeOfExternal('decimal(8,2)') // 'numeric(8,2)'
 * redshiftTypeOfExternal('float') // 'real'
 * ```
 */
export function redshiftTypeOfExternal(externalType: string): string {
  const type = externalType.trim().toLowerCase()
  const simple = SIMPLE[type]
  if (simple !== undefined) return simple
  const sized = /^(decimal|numeric|varchar|char)\s*(\(.*\))$/.exec(type)
  if (sized !== null) {
    const size = sized[2]!.replace(/\s+/g, '')
    switch (sized[1]) {
      case 'varchar':
        return `character varying${size}`
      case 'char':
        return `character${size}`
      default:
        return `numeric${size}`
    }
  }
  return externalType.trim()
}

const SIMPLE: Readonly<Record<string, string>> = {
  tinyint: 'smallint',
  smallint: 'smallint',
  int: 'integer',
  integer: 'integer',
  bigint: 'bigint',
  float: 'real',
  real: 'real',
  double: 'double precision',
  'double precision': 'double precision',
  boolean: 'boolean',
  date: 'date',
  timestamp: 'timestamp without time zone',
  string: 'character varying',
  varchar: 'character varying',
  char: 'character',
  decimal: 'numeric',
  numeric: 'numeric',
}
