import { reject } from '../../errors/reject.js'
import { MAX_CHAR, MAX_VARCHAR } from '../character-limits.js'
import { MAX_PRECISION } from '../numeric-types.js'
import { readNestedType } from './nested-column-type.js'
import { type SpectrumCursor, SpectrumSyntaxError } from './spectrum-cursor.js'

/** A column type of an external table, in both catalogs' spelling. */
export interface ExternalColumnType {
  /** The PostgreSQL type the emulator's table column gets. */
  readonly pgType: string
  /** The Hive type Spectrum's catalog shows (SVV_EXTERNAL_COLUMNS.external_type). */
  readonly externalType: string
}

const SIMPLE: Readonly<Record<string, ExternalColumnType>> = {
  smallint: { pgType: 'smallint', externalType: 'smallint' },
  int2: { pgType: 'smallint', externalType: 'smallint' },
  integer: { pgType: 'integer', externalType: 'int' },
  int: { pgType: 'integer', externalType: 'int' },
  int4: { pgType: 'integer', externalType: 'int' },
  bigint: { pgType: 'bigint', externalType: 'bigint' },
  int8: { pgType: 'bigint', externalType: 'bigint' },
  real: { pgType: 'real', externalType: 'float' },
  float4: { pgType: 'real', externalType: 'float' },
  float8: { pgType: 'double precision', externalType: 'double' },
  float: { pgType: 'double precision', externalType: 'double' },
  boolean: { pgType: 'boolean', externalType: 'boolean' },
  bool: { pgType: 'boolean', externalType: 'boolean' },
  date: { pgType: 'date', externalType: 'date' },
}

/**
 * The PostgreSQL type of a nested column: the emulator never reads an
 * external table's rows, so the column only has to exist, and a type of its
 * own tells it from a text column (see `catalog/spectrum-catalog.ts`).
 */
export const NESTED_PG_TYPE = 'redshift_local.external_nested'

/** The words that open a nested type. */
const NESTED = new Set(['struct', 'array', 'map'])

/**
 * Reads the type of an external table's column: the types the CREATE
 * EXTERNAL TABLE page lists (SMALLINT, INTEGER, BIGINT, DECIMAL, REAL,
 * DOUBLE PRECISION, BOOLEAN, CHAR, VARCHAR, DATE, TIMESTAMP and their
 * aliases; https://docs.aws.amazon.com/redshift/latest/dg/r_CREATE_EXTERNAL_TABLE.html),
 * and the nested types `struct<...>`, `array<...>` and `map<...>` of
 * Spectrum's nested data (c-spectrum-nested-data.html). Any other type is
 * refused, naming the column. VARCHAR without a length is VARCHAR(256), CHAR
 * is CHAR(1), DECIMAL is DECIMAL(18,0), `MAX` is the largest length, as on
 * local tables.
 *
 * @example
 * ```ts
 * readExternalColumnType(cursor, 'pricepaid') // { pgType: 'numeric(8,2)', externalType: 'decimal(8,2)' } for DECIMAL(8,2)
 * ```
 */
export function readExternalColumnType(
  c: SpectrumCursor,
  column: string,
): ExternalColumnType {
  const first = c.peekWord()
  if (NESTED.has(first)) {
    const text = c.angled()
    if (text === undefined)
      throw c.syntaxError(`${first}<...> is written with angle brackets`)
    const nested = readNestedType(text, column)
    if (typeof nested !== 'string') throw new SpectrumSyntaxError(nested)
    return { pgType: NESTED_PG_TYPE, externalType: nested }
  }
  if (first === 'double') {
    c.expectWords('double', 'precision')
    return { pgType: 'double precision', externalType: 'double' }
  }
  if (first === 'timestamp') {
    c.word('timestamp')
    c.word('without', 'time', 'zone')
    if (c.peekWord() === 'with') throw unsupported(column, 'TIMESTAMPTZ')
    return { pgType: 'timestamp', externalType: 'timestamp' }
  }
  const simple = SIMPLE[first]
  if (simple !== undefined) {
    c.word(first)
    return simple
  }
  if (first === 'decimal' || first === 'numeric') {
    c.word(first)
    const [precision = 18, scale = 0] = sizes(c, 18, 0)
    if (precision < 1 || precision > MAX_PRECISION || scale > precision) {
      throw new SpectrumSyntaxError(
        reject.other(
          '22023',
          `invalid DECIMAL(${precision},${scale}) for column "${column}"`,
          undefined,
          `precision is 1 to ${MAX_PRECISION} and scale at most the precision`,
        ),
      )
    }
    return {
      pgType: `numeric(${precision},${scale})`,
      externalType: `decimal(${precision},${scale})`,
    }
  }
  const varying =
    c.word('character', 'varying') ||
    c.word('varchar') ||
    c.word('nvarchar') ||
    c.word('text')
  if (varying) {
    const length = maxLength(c, MAX_VARCHAR) ?? sizes(c, 256)[0]!
    checkLength(column, 'VARCHAR', length, MAX_VARCHAR)
    return {
      pgType: `character varying(${length})`,
      externalType: `varchar(${length})`,
    }
  }
  if (
    c.word('character') ||
    c.word('char') ||
    c.word('nchar') ||
    c.word('bpchar')
  ) {
    const length = maxLength(c, MAX_CHAR) ?? sizes(c, 1)[0]!
    checkLength(column, 'CHAR', length, MAX_CHAR)
    return { pgType: `character(${length})`, externalType: `char(${length})` }
  }
  throw unsupported(column, first === '' ? 'this' : first.toUpperCase())
}

/** `(MAX)` after a character type: its largest length. */
function maxLength(c: SpectrumCursor, max: number): number | undefined {
  if (c.peekKind() !== 'open' || c.peekWord(1) !== 'max') return undefined
  c.expect('open')
  c.expectWords('max')
  c.expect('close')
  return max
}

/** `(n)` or `(p, s)` after a type name, with the defaults when left out. */
function sizes(c: SpectrumCursor, ...defaults: number[]): number[] {
  if (!c.take('open')) return defaults
  const out: number[] = []
  do {
    const n = c.integer()
    if (n === undefined) throw c.syntaxError()
    out.push(n)
  } while (out.length < defaults.length && c.take('comma'))
  c.expect('close')
  return defaults.map((d, i) => out[i] ?? d)
}

function checkLength(
  column: string,
  type: string,
  length: number,
  max: number,
): void {
  if (length < 1 || length > max) {
    throw new SpectrumSyntaxError(
      reject.other(
        '22023',
        `invalid ${type}(${length}) for column "${column}"`,
        undefined,
        `the length is 1 to ${max} bytes`,
      ),
    )
  }
}

function unsupported(column: string, type: string): SpectrumSyntaxError {
  return new SpectrumSyntaxError(
    reject.other(
      '0A000',
      `column "${column}" has type ${type}, which external tables do not support`,
      undefined,
      'external tables take SMALLINT, INTEGER, BIGINT, DECIMAL, REAL, DOUBLE PRECISION, BOOLEAN, CHAR, VARCHAR, DATE and TIMESTAMP, and the nested types struct<...>, array<...> and map<...>',
    ),
  )
}
