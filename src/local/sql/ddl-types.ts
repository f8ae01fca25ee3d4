import type { DdlCursor } from './ddl-cursor.js'
import { decimalTypeError } from './decimal-limits.js'

/** A column type as written, and what PostgreSQL should get instead. */
export interface ColumnType {
  /** Token range [first, last] of the type in the statement. */
  readonly first: number
  readonly last: number
  /** Canonical Redshift name: VARCHAR, CHAR, NUMERIC, INTEGER, SUPER, ... */
  readonly name: string
  /** Replacement PostgreSQL text, or null to keep the text as written. */
  readonly pgType: string | null
  /** The type the catalog should show when PostgreSQL stores another one (`super`, `varbyte(64000)`). */
  readonly redshiftType: string | null
}

const ALIASES: Record<string, string> = {
  INT: 'INTEGER',
  INT4: 'INTEGER',
  INTEGER: 'INTEGER',
  INT2: 'SMALLINT',
  SMALLINT: 'SMALLINT',
  INT8: 'BIGINT',
  BIGINT: 'BIGINT',
  DECIMAL: 'NUMERIC',
  NUMERIC: 'NUMERIC',
  REAL: 'REAL',
  FLOAT4: 'REAL',
  FLOAT: 'DOUBLE PRECISION',
  FLOAT8: 'DOUBLE PRECISION',
  BOOL: 'BOOLEAN',
  BOOLEAN: 'BOOLEAN',
  CHAR: 'CHAR',
  CHARACTER: 'CHAR',
  NCHAR: 'CHAR',
  BPCHAR: 'BPCHAR',
  VARCHAR: 'VARCHAR',
  NVARCHAR: 'VARCHAR',
  TEXT: 'VARCHAR',
  DATE: 'DATE',
  TIME: 'TIME',
  TIMETZ: 'TIMETZ',
  TIMESTAMP: 'TIMESTAMP',
  TIMESTAMPTZ: 'TIMESTAMPTZ',
  INTERVAL: 'INTERVAL',
  VARBYTE: 'VARBYTE',
  VARBINARY: 'VARBYTE',
  SUPER: 'SUPER',
  GEOMETRY: 'GEOMETRY',
  GEOGRAPHY: 'GEOGRAPHY',
  HLLSKETCH: 'HLLSKETCH',
}

/** PostgreSQL types Redshift has no column type for. */
const UNSUPPORTED = new Set([
  'SERIAL',
  'SERIAL2',
  'SERIAL4',
  'SERIAL8',
  'SMALLSERIAL',
  'BIGSERIAL',
  'JSON',
  'JSONB',
  'UUID',
  'BYTEA',
  'MONEY',
  'XML',
  'INET',
  'CIDR',
  'MACADDR',
  'MACADDR8',
  'BIT',
  'VARBIT',
  'POINT',
  'LINE',
  'LSEG',
  'BOX',
  'PATH',
  'POLYGON',
  'CIRCLE',
  'TSVECTOR',
  'TSQUERY',
  'INT4RANGE',
  'INT8RANGE',
  'NUMRANGE',
  'TSRANGE',
  'TSTZRANGE',
  'DATERANGE',
  'OID',
  'REGCLASS',
  'NAME',
  'PG_LSN',
  'TXID_SNAPSHOT',
])

const INTERVAL_WORDS = new Set([
  'YEAR',
  'MONTH',
  'DAY',
  'HOUR',
  'MINUTE',
  'SECOND',
  'TO',
])

/**
 * Reads the column type starting at `c.pos` (inside a column definition that
 * ends before token `end`) and decides its PostgreSQL spelling: VARCHAR
 * without a length is VARCHAR(256), MAX is 65535, TEXT and NVARCHAR become
 * VARCHAR(256), BPCHAR is CHAR(256), DECIMAL without precision is (18,0),
 * VARBYTE is bytea, SUPER is json (its text as Redshift prints it), GEOMETRY/GEOGRAPHY/HLLSKETCH are text.
 * Leaves `c.pos` after the type.
 */
export function readColumnType(
  c: DdlCursor,
  end: number,
  column: string,
): ColumnType {
  const first = c.pos
  const word = c.kw()
  if (!word)
    throw c.error(`syntax error at or near "${c.token()?.text ?? ''}"`, '42601')
  c.pos++
  let name = ALIASES[word] ?? word
  if (word === 'DOUBLE' && c.accept('PRECISION')) name = 'DOUBLE PRECISION'
  else if (name === 'CHAR' && c.accept('VARYING')) name = 'VARCHAR'
  else if (word === 'BINARY' && c.accept('VARYING')) name = 'VARBYTE'
  else if (word === 'CHARACTER' && c.kw() === 'VARYING') c.pos++

  let args: string | null = null
  const readArgs = () => {
    if (c.pos < end && c.is('(')) {
      const close = c.closing(c.pos)
      args = c.text(c.pos + 1, close - 1).replace(/\s+/g, '')
      c.pos = close + 1
    }
  }
  readArgs()
  if (name === 'TIME' || name === 'TIMESTAMP') {
    if (c.kw() === 'WITH' || c.kw() === 'WITHOUT') {
      const withZone = c.kw() === 'WITH'
      if (c.kw(c.pos + 1) === 'TIME' && c.kw(c.pos + 2) === 'ZONE') {
        c.pos += 3
        if (withZone) name += 'TZ'
      }
    }
  } else if (name === 'INTERVAL') {
    while (c.pos < end && INTERVAL_WORDS.has(c.kw())) c.pos++
    readArgs()
  }
  let array = false
  while (c.pos < end && c.is('[')) {
    c.pos = c.closing(c.pos) + 1
    array = true
  }
  const last = c.pos - 1
  const written = c.text(first, last).toLowerCase()
  if (array || UNSUPPORTED.has(name)) {
    throw c.error(
      `Column "${column}" has unsupported type "${written}".`,
      '0A000',
      first,
    )
  }
  const upperArgs = (args as string | null)?.toUpperCase() ?? null
  const length = (max: number, typeName: string): string => {
    if (upperArgs === null) return ''
    if (upperArgs === 'MAX') return String(max)
    const n = Number(upperArgs)
    if (!Number.isInteger(n) || n < 1) {
      throw c.error(
        `invalid length for type ${typeName}: ${upperArgs}`,
        '22023',
        first,
      )
    }
    if (n > max) {
      throw c.error(
        `length for type ${typeName} cannot exceed ${max}`,
        '22023',
        first,
      )
    }
    return String(n)
  }

  const keep = { first, last, name, pgType: null, redshiftType: null }
  switch (name) {
    case 'VARCHAR': {
      const n = word === 'TEXT' ? '256' : length(65535, 'varchar') || '256'
      return { ...keep, pgType: `varchar(${n})` }
    }
    case 'CHAR': {
      const n = length(4096, 'bpchar')
      return n ? { ...keep, pgType: `char(${n})` } : keep
    }
    case 'BPCHAR':
      return {
        ...keep,
        name: 'CHAR',
        pgType: `char(${length(4096, 'bpchar') || '256'})`,
      }
    case 'NUMERIC': {
      if (upperArgs === null) return { ...keep, pgType: 'numeric(18,0)' }
      const [precision = '', scale = '0'] = upperArgs.split(',')
      const error = decimalTypeError(Number(precision), Number(scale))
      if (error !== undefined) throw c.error(error, '22023', first)
      return keep
    }
    case 'VARBYTE':
      return {
        ...keep,
        pgType: 'bytea',
        redshiftType: `varbyte(${length(16777216, 'varbyte') || '64000'})`,
      }
    case 'SUPER':
      return { ...keep, pgType: 'json', redshiftType: 'super' }
    case 'GEOMETRY':
    case 'GEOGRAPHY':
    case 'HLLSKETCH':
      return { ...keep, pgType: 'text', redshiftType: name.toLowerCase() }
    default:
      return keep
  }
}
