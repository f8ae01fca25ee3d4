import { truncateUtf8 } from '../sql/long-identifiers.js'
import { ExternalReadLimit } from './external-read-limit.js'
import type { NestedType } from './nested-values.js'
import { MONTHS } from '../load/datetime-format.js'

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
 * `true` / `false`, dates in the forms the CREATE EXTERNAL TABLE page lists
 * (`YYYY-MM-DD`, `MM-DD-YYYY`, `may-01-2017` ...) and `YYYY-MM-DD
 * HH:MI:SS[.ffffff]` timestamps; anything else (an empty field for a number, a value out of
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
      const date = documentedDate(raw)
      if (date === undefined) refuse(`the value '${raw}'`)
      return date!
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

/**
 * A DATE value in one of the forms the CREATE EXTERNAL TABLE page lists,
 * as `YYYY-MM-DD`, or undefined: `mm-dd-yyyy` (the default), `yyyy-mm-dd`,
 * `mmm-dd-yyyy`, `dd-mmm-yyyy` and `yyyy-mmm-dd` (`mmm` a month's three
 * letters, in any case). A two-digit year at the end is 20yy below 70 and
 * 19yy from 70 (r_CREATE_EXTERNAL_TABLE.html, data_type). Other lengths of
 * year, month or day are not read: the page does not say what they mean.
 */
function documentedDate(raw: string): string | undefined {
  const parts = raw.split('-')
  if (parts.length !== 3) return undefined
  const [a, b, c] = parts as [string, string, string]
  const month = (text: string): string | undefined => {
    const at = MONTHS.indexOf(text.toLowerCase())
    return at < 0 ? undefined : String(at + 1).padStart(2, '0')
  }
  const lastYear = (text: string): string | undefined => {
    if (/^\d{4}$/.test(text)) return text
    if (!/^\d{2}$/.test(text)) return undefined
    return `${Number(text) < 70 ? '20' : '19'}${text}`
  }
  const twoDigits = (text: string) => (/^\d{2}$/.test(text) ? text : undefined)
  let ymd: [string | undefined, string | undefined, string | undefined]
  if (/^\d{4}$/.test(a)) {
    // yyyy-mm-dd or yyyy-mmm-dd
    ymd = [a, twoDigits(b) ?? month(b), twoDigits(c)]
  } else if (/^[a-z]{3}$/i.test(a)) {
    // mmm-dd-yyyy
    ymd = [lastYear(c), month(a), twoDigits(b)]
  } else if (/^[a-z]{3}$/i.test(b)) {
    // dd-mmm-yyyy
    ymd = [lastYear(c), month(b), twoDigits(a)]
  } else {
    // mm-dd-yyyy
    ymd = [lastYear(c), twoDigits(a), twoDigits(b)]
  }
  const [y, m, d] = ymd
  if (y === undefined || m === undefined || d === undefined) return undefined
  return validDate(y, m, d) ? `${y}-${m}-${d}` : undefined
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
