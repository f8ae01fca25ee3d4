import { truncateUtf8 } from '../sql/long-identifiers.js'
import { ExternalReadLimit } from './external-read-limit.js'
import type { NestedType } from './nested-values.js'

/** A column of an external table as its session table holds it. */
export interface ExternalColumn {
  readonly name: string
  /** PostgreSQL's type (`format_type`): `integer`, `character varying(20)` ... */
  readonly type: string
  /** A struct, array or map column's type (`type` is then its PostgreSQL type). */
  readonly nested?: NestedType
}

const INTEGER = /^[+-]?\d+$/
const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)$/
const FLOAT = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/
const TIMESTAMP =
  /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})(\.\d{1,6})?$/
const RANGES: Readonly<Record<string, readonly [bigint, bigint]>> = {
  smallint: [-32768n, 32767n],
  integer: [-2147483648n, 2147483647n],
  bigint: [-9223372036854775808n, 9223372036854775807n],
}

/**
 * One text value of a file as PostgreSQL's input for `column`, or null for
 * NULL. Only the forms every reader of the format takes alike are read:
 * integers in range, decimals that fit without rounding, plain floats,
 * `true` / `false`, `YYYY-MM-DD` dates and `YYYY-MM-DD HH:MI:SS[.ffffff]`
 * timestamps; anything else (an empty field for a number, a value out of
 * range, a date of another shape) throws {@link ExternalReadLimit}, because
 * what Spectrum gives for it (NULL, an error, or the table's data handling
 * properties) is not documented for every case. A CHAR or VARCHAR value
 * longer than its column is cut to the column's bytes, as Spectrum does
 * silently (r_CREATE_EXTERNAL_TABLE.html).
 *
 * @example
 * ```ts
 * externalValue({ name: 'qty', type: 'integer' }, '12', where) // '12'
 * externalValue({ name: 'name', type: 'character varying(3)' }, 'abcdef', where) // 'abc'
 * ```
 */
export function externalValue(
  column: ExternalColumn,
  raw: string,
  where: () => string,
): string {
  const type = column.type
  const refuse = (what: string): never => {
    throw new ExternalReadLimit(
      `${what} for column "${column.name}" (${type})`,
      where(),
    )
  }
  const range = RANGES[type]
  if (range !== undefined) {
    if (!INTEGER.test(raw)) refuse(`the value '${raw}'`)
    const value = BigInt(raw)
    if (value < range[0] || value > range[1])
      refuse(`the out-of-range value '${raw}'`)
    return raw
  }
  const varchar = /^character(?: varying)?\((\d+)\)$/.exec(type)
  if (varchar !== null) {
    const bytes = Number(varchar[1])
    return Buffer.byteLength(raw) > bytes ? truncateUtf8(raw, bytes) : raw
  }
  const numeric = /^numeric\((\d+),(\d+)\)$/.exec(type)
  if (numeric !== null) {
    if (!DECIMAL.test(raw)) refuse(`the value '${raw}'`)
    const [whole = '', fraction = ''] = raw.replace(/^[+-]/, '').split('.')
    const scale = Number(numeric[2])
    const digits = whole.replace(/^0+/, '').length
    if (fraction.length > scale || digits > Number(numeric[1]) - scale)
      refuse(`the value '${raw}', which does not fit without rounding,`)
    return raw
  }
  switch (type) {
    case 'real':
    case 'double precision':
      if (!FLOAT.test(raw)) refuse(`the value '${raw}'`)
      if (!Number.isFinite(Number(raw)))
        refuse(`the out-of-range value '${raw}'`)
      return raw
    case 'boolean': {
      const lower = raw.toLowerCase()
      if (lower !== 'true' && lower !== 'false') refuse(`the value '${raw}'`)
      return lower
    }
    case 'date': {
      const m = DATE.exec(raw)
      if (m === null || !validDate(m[1]!, m[2]!, m[3]!))
        refuse(`the value '${raw}'`)
      return raw
    }
    case 'timestamp without time zone': {
      const m = TIMESTAMP.exec(raw)
      if (
        m === null ||
        !validDate(m[1]!, m[2]!, m[3]!) ||
        Number(m[4]) > 23 ||
        Number(m[5]) > 59 ||
        Number(m[6]) > 59
      )
        refuse(`the value '${raw}'`)
      return raw
    }
    default:
      return refuse('a value')
  }
}

function validDate(year: string, month: string, day: string): boolean {
  const y = Number(year)
  const m = Number(month)
  const d = Number(day)
  if (y < 1 || m < 1 || m > 12 || d < 1) return false
  // setUTCFullYear, unlike Date.UTC, keeps years below 100 as they are.
  const last = new Date(0)
  last.setUTCFullYear(y, m, 0)
  return d <= last.getUTCDate()
}
