import type { SchemaElement } from 'hyparquet'

import { reject } from '../errors/reject.js'
import type { ParquetColumnChunk } from '../formats/parquet-column-chunk.js'
import {
  decimalDimensions,
  type ColumnKind,
  type UnloadColumn,
} from './column-kind.js'
import { fieldHasEscape, fieldText, unescapeInto } from './copy-text.js'
import { UnloadError } from './unload-error.js'

/** How one result column is stored in Parquet. */
export interface ParquetColumn {
  readonly element: SchemaElement
  /**
   * From PostgreSQL's text output to the value stored: a number, a bigint
   * (INT64 and DECIMAL's unscaled integer), a boolean or a string.
   */
  readonly convert: (text: string) => unknown
  /**
   * Appends a non-NULL field of COPY text output (`chunk[start..end)`, as
   * PostgreSQL sent it) to the column: the common shapes of each type are
   * read from the bytes, anything else goes through {@link convert}.
   */
  readonly put: (
    column: ParquetColumnChunk,
    chunk: Buffer,
    start: number,
    end: number,
  ) => void
}

type Put = ParquetColumn['put']

/**
 * The Parquet type of a result column, as Redshift's Parquet UNLOAD stores
 * it: SMALLINT/INTEGER as INT32, BIGINT as INT64, DECIMAL(p,s) as an exact
 * DECIMAL (INT32 / INT64 / fixed-length bytes by precision), REAL/DOUBLE
 * as FLOAT/DOUBLE, BOOLEAN, CHAR/VARCHAR as UTF-8 strings, DATE, TIMESTAMP
 * as microseconds, TIMESTAMPTZ as the UTC microseconds (the zone is lost,
 * as on Redshift), TIME as microseconds, SUPER as JSON text with the JSON
 * annotation. TIMETZ, a NUMERIC with no declared precision and other types
 * are written as UTF-8 text. VARBYTE,
 * GEOMETRY and HLLSKETCH cannot be unloaded to Parquet (r_UNLOAD).
 *
 * @example
 * ```ts
 * parquetColumn({ name: 'price', typeOid: 1700, type: 'numeric(12,2)' }, 'decimal').convert('-1.50') // -150n
 * ```
 */
export function parquetColumn(
  column: UnloadColumn,
  kind: ColumnKind,
): ParquetColumn {
  const base = storedAs(column, kind)
  return Object.freeze({
    ...base,
    put: fastPut(base, kind) ?? convertedPut(base),
  })
}

function storedAs(
  column: UnloadColumn,
  kind: ColumnKind,
): Omit<ParquetColumn, 'put'> {
  const name = column.name
  const base = { name, repetition_type: 'OPTIONAL' as const }
  switch (kind) {
    case 'smallint':
      return {
        element: { ...base, type: 'INT32', converted_type: 'INT_16' },
        convert: Number,
      }
    case 'integer':
      return { element: { ...base, type: 'INT32' }, convert: Number }
    case 'bigint':
      return { element: { ...base, type: 'INT64' }, convert: int64 }
    case 'real':
      return { element: { ...base, type: 'FLOAT' }, convert: Number }
    case 'double':
      return { element: { ...base, type: 'DOUBLE' }, convert: Number }
    case 'boolean':
      return {
        element: { ...base, type: 'BOOLEAN' },
        convert: (text) => text === 't',
      }
    case 'decimal': {
      const dims = decimalDimensions(column.type)
      if (dims === undefined) return stringColumn(base)
      return decimalColumn(base, dims.precision, dims.scale)
    }
    case 'date':
      return {
        element: {
          ...base,
          type: 'INT32',
          converted_type: 'DATE',
          logical_type: { type: 'DATE' },
        },
        convert: (text) => dateDays(text, name),
      }
    case 'timestamp':
    case 'timestamptz':
      return {
        element: {
          ...base,
          type: 'INT64',
          converted_type: 'TIMESTAMP_MICROS',
          logical_type: {
            type: 'TIMESTAMP',
            isAdjustedToUTC: kind === 'timestamptz',
            unit: 'MICROS',
          },
        },
        convert: (text) => timestampMicros(text, name, kind === 'timestamptz'),
      }
    case 'time':
      return {
        element: {
          ...base,
          type: 'INT64',
          converted_type: 'TIME_MICROS',
          logical_type: {
            type: 'TIME',
            isAdjustedToUTC: false,
            unit: 'MICROS',
          },
        },
        convert: (text) => BigInt(timeMicros(text, 0, name)),
      }
    case 'super':
      // "Amazon Redshift represents SUPER columns in Parquet as the JSON
      // data type" (unload-super-parquet.html): the JSON text, annotated.
      return {
        element: {
          ...base,
          type: 'BYTE_ARRAY',
          converted_type: 'JSON',
          logical_type: { type: 'JSON' },
        },
        convert: (text) => text,
      }
    case 'varbyte':
    case 'geometry':
    case 'hllsketch':
      throw new UnloadError(
        reject.unsupported(
          `UNLOAD of a ${kind.toUpperCase()} column ("${name}") to PARQUET`,
          'unload it as text or CSV',
        ),
      )
    default:
      return stringColumn(base)
  }
}

function stringColumn(base: {
  name: string
  repetition_type: 'OPTIONAL'
}): Omit<ParquetColumn, 'put'> {
  return {
    element: {
      ...base,
      type: 'BYTE_ARRAY',
      converted_type: 'UTF8',
      logical_type: { type: 'STRING' },
    },
    convert: (text) => text,
  }
}

function decimalColumn(
  base: { name: string; repetition_type: 'OPTIONAL' },
  precision: number,
  scale: number,
): Omit<ParquetColumn, 'put'> {
  const logical = {
    converted_type: 'DECIMAL' as const,
    precision,
    scale,
    logical_type: { type: 'DECIMAL' as const, precision, scale },
  }
  const element: SchemaElement =
    precision <= 9
      ? { ...base, type: 'INT32', ...logical }
      : precision <= 18
        ? { ...base, type: 'INT64', ...logical }
        : {
            ...base,
            type: 'FIXED_LEN_BYTE_ARRAY',
            type_length: decimalBytes(precision),
            ...logical,
          }
  return {
    element,
    convert: (text) => unscaled(text, scale, base.name),
  }
}

/** Fewest bytes whose two's complement holds every value of `precision` digits. */
function decimalBytes(precision: number): number {
  const max = 10n ** BigInt(precision)
  let bytes = 1
  while (1n << BigInt(8 * bytes - 1) <= max) bytes++
  return bytes
}

/** An int8's text as a bigint; through a double when that is exact (faster). */
function int64(text: string): bigint {
  return text.length < 16 ? BigInt(Number(text)) : BigInt(text)
}

/** `'-12.30'` at scale 2 is `-1230n`: exact, no float in between. */
function unscaled(text: string, scale: number, column: string): bigint {
  const n = text.length
  let at = text.charCodeAt(0) === 45 ? 1 : 0
  const negative = at === 1
  // Up to 15 digits fit a double exactly: add them up as a number.
  let value = 0
  let digitCount = 0
  let fraction = -1
  for (; at < n; at++) {
    const c = text.charCodeAt(at)
    if (c === 46 && fraction < 0) fraction = 0
    else if (c >= 48 && c <= 57) {
      value = value * 10 + (c - 48)
      digitCount++
      if (fraction >= 0) fraction++
    } else throw badValue(column, text, `DECIMAL with scale ${scale}`)
  }
  if (fraction < 0) fraction = 0
  if (fraction > scale || digitCount === 0)
    throw badValue(column, text, `DECIMAL with scale ${scale}`)
  if (digitCount + scale - fraction <= 15) {
    const scaled = value * 10 ** (scale - fraction)
    return BigInt(negative ? -scaled : scaled)
  }
  const digits = text.slice(negative ? 1 : 0).replace('.', '')
  const big = BigInt(digits) * 10n ** BigInt(scale - fraction)
  return negative ? -big : big
}

const DATE = /^(\d{4,})-(\d\d)-(\d\d)( BC)?/

function dateDays(text: string, column: string): number {
  const match = DATE.exec(text)
  if (match === null) throw badValue(column, text, 'DATE')
  return Math.round(
    utcMillis(yearOf(match), Number(match[2]), Number(match[3])) / 86_400_000,
  )
}

function timestampMicros(
  text: string,
  column: string,
  withZone: boolean,
): bigint {
  // 'YYYY-MM-DD HH:MM:SS[.ffffff][+zz][ BC]'
  let millis: number
  let timeAt: number
  if (
    text.charCodeAt(4) === 45 &&
    text.charCodeAt(7) === 45 &&
    text.charCodeAt(10) === 32 &&
    text.charCodeAt(text.length - 1) !== 67 /* C of BC */
  ) {
    // The common four-digit year, read without a regular expression.
    const year = digits(text, 0, 4)
    const month = digits(text, 5, 2)
    const day = digits(text, 8, 2)
    if (year < 0 || month < 0 || day < 0)
      throw badValue(column, text, 'TIMESTAMP')
    millis = utcMillis(year, month, day)
    timeAt = 11
  } else {
    const match = DATE.exec(text)
    if (match === null || text.charCodeAt(match[0].length) !== 32)
      throw badValue(column, text, 'TIMESTAMP')
    timeAt = match[0].length + 1
    millis = utcMillis(
      yearOf(match, text.endsWith(' BC')),
      Number(match[2]),
      Number(match[3]),
    )
  }
  let micros = timeMicros(text, timeAt, column)
  if (withZone) micros -= zoneMicros(text, timeAt, column)
  const dayMicros = millis * 1000
  // Exact as a double until year 2255; beyond, add as bigints.
  return Math.abs(dayMicros) < 9e15
    ? BigInt(dayMicros + micros)
    : BigInt(millis) * 1000n + BigInt(micros)
}

/** The decimal number of `length` digits at `at`, or -1. */
function digits(text: string, at: number, length: number): number {
  let value = 0
  for (let i = at; i < at + length; i++) {
    const d = text.charCodeAt(i) - 48
    if (d < 0 || d > 9) return -1
    value = value * 10 + d
  }
  return value
}

/** `HH:MM:SS[.ffffff]` starting at `at`, in microseconds. */
function timeMicros(text: string, at: number, column: string): number {
  const h = digits(text, at, 2)
  const m = digits(text, at + 3, 2)
  const s = digits(text, at + 6, 2)
  if (
    h < 0 ||
    h > 24 ||
    m < 0 ||
    m > 59 ||
    s < 0 ||
    s > 60 ||
    text.charCodeAt(at + 2) !== 58 ||
    text.charCodeAt(at + 5) !== 58
  ) {
    throw badValue(column, text, 'TIME')
  }
  let micros = ((h * 60 + m) * 60 + s) * 1_000_000
  if (text.charCodeAt(at + 8) === 46) {
    // Up to six fraction digits; fewer mean tenths, hundredths...
    let fraction = 0
    let scale = 100_000
    for (let i = at + 9; i < text.length && scale >= 1; i++) {
      const d = text.charCodeAt(i) - 48
      if (d < 0 || d > 9) break
      fraction += d * scale
      scale /= 10
    }
    micros += fraction
  }
  return micros
}

/** The `+05:30` / `-08` offset after the time, in microseconds. */
function zoneMicros(text: string, timeAt: number, column: string): number {
  const zone = /([+-])(\d\d)(?::?(\d\d))?(?::?(\d\d))?(?: BC)?$/.exec(
    text.slice(timeAt + 8),
  )
  if (zone === null) throw badValue(column, text, 'TIMESTAMPTZ')
  const seconds =
    Number(zone[2]) * 3600 + Number(zone[3] ?? 0) * 60 + Number(zone[4] ?? 0)
  return (zone[1] === '-' ? -seconds : seconds) * 1_000_000
}

function yearOf(match: RegExpExecArray, bc = match[4] !== undefined): number {
  const year = Number(match[1])
  return bc ? 1 - year : year
}

/**
 * Midnight UTC of a proleptic Gregorian date, in milliseconds, for any year
 * (Hinnant's days-from-civil: plain integer arithmetic, no Date).
 */
function utcMillis(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year
  const era = Math.floor(y / 400)
  const yoe = y - era * 400
  const doy =
    Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy
  return (era * 146_097 + doe - 719_468) * 86_400_000
}

function badValue(column: string, text: string, type: string): UnloadError {
  return new UnloadError(
    reject.other(
      '22007',
      `cannot write value "${text.slice(0, 64)}" of column "${column}" as a Parquet ${type}`,
    ),
  )
}

const INT64_MIN = -(2n ** 63n)
const INT64_MAX = 2n ** 63n - 1n

/** Reads the field as text, converts it, and appends what it stands for. */
function convertedPut(column: Omit<ParquetColumn, 'put'>): Put {
  const { element, convert } = column
  const put = storedValue(element)
  return (target, chunk, start, end) =>
    put(target, convert(fieldText(chunk, start, end)))
}

/** Appends a converted value as the column's physical type. */
function storedValue(
  element: SchemaElement,
): (target: ParquetColumnChunk, value: unknown) => void {
  switch (element.type) {
    case 'INT32':
      return (target, value) => target.int32(Number(value))
    case 'INT64':
      return (target, value) => {
        if (typeof value !== 'bigint') return target.int64(Number(value))
        if (value < INT64_MIN || value > INT64_MAX) {
          throw new RangeError(`parquet INT64 value out of range: ${value}`)
        }
        target.bigInt64(value)
      }
    case 'FLOAT':
      return (target, value) => target.float(Number(value))
    case 'DOUBLE':
      return (target, value) => target.double(Number(value))
    case 'BOOLEAN':
      return (target, value) => target.boolean(value === true)
    case 'FIXED_LEN_BYTE_ARRAY': {
      const length = element.type_length!
      return (target, value) =>
        target.fixed(twosComplement(value as bigint, length))
    }
    default:
      return (target, value) => {
        const bytes = Buffer.from(String(value))
        target.bytes(bytes, 0, bytes.length)
      }
  }
}

/** Big-endian two's complement of `value` in `length` bytes (a DECIMAL's FIXED_LEN_BYTE_ARRAY). */
function twosComplement(value: bigint, length: number): Uint8Array {
  const out = new Uint8Array(length)
  let rest = BigInt.asUintN(8 * length, value)
  for (let i = length - 1; i >= 0; i--) {
    out[i] = Number(rest & 0xffn)
    rest >>= 8n
  }
  return out
}

/**
 * The byte-level reader of the kinds whose text PostgreSQL writes in one
 * shape: a field in that shape is appended straight from its bytes, any
 * other (a year past 9999, BC, more digits than a double holds...) through
 * {@link convertedPut}, so both give the same values and the same errors.
 */
function fastPut(
  column: Omit<ParquetColumn, 'put'>,
  kind: ColumnKind,
): Put | undefined {
  const slow = convertedPut(column)
  const element = column.element
  switch (kind) {
    case 'smallint':
    case 'integer':
      return (target, chunk, start, end) => {
        const value = plainInteger(chunk, start, end)
        if (value === value) target.int32(value)
        else slow(target, chunk, start, end)
      }
    case 'bigint':
      return (target, chunk, start, end) => {
        const value = plainInteger(chunk, start, end)
        if (value === value) target.int64(value)
        else slow(target, chunk, start, end)
      }
    case 'real':
      return (target, chunk, start, end) =>
        target.float(Number(chunk.toString('latin1', start, end)))
    case 'double':
      return (target, chunk, start, end) =>
        target.double(Number(chunk.toString('latin1', start, end)))
    case 'boolean':
      return (target, chunk, start, end) =>
        target.boolean(end - start === 1 && chunk[start] === 0x74)
    case 'decimal': {
      const scale = element.scale
      if (scale === undefined || element.type === 'FIXED_LEN_BYTE_ARRAY')
        return undefined
      if (element.type === 'INT32') {
        return (target, chunk, start, end) => {
          const value = plainDecimal(chunk, start, end, scale)
          if (value === value) target.int32(value)
          else slow(target, chunk, start, end)
        }
      }
      return (target, chunk, start, end) => {
        const value = plainDecimal(chunk, start, end, scale)
        if (value === value) target.int64(value)
        else slow(target, chunk, start, end)
      }
    }
    case 'date':
      return (target, chunk, start, end) => {
        const millis = end - start === 10 ? plainDate(chunk, start) : NaN
        if (millis === millis) target.int32(millis / 86_400_000)
        else slow(target, chunk, start, end)
      }
    case 'timestamp':
      return (target, chunk, start, end) => {
        const micros = plainTimestamp(chunk, start, end)
        if (micros === micros) target.int64(micros)
        else slow(target, chunk, start, end)
      }
    case 'char':
    case 'varchar':
    case 'super':
    case 'other':
      if (element.type !== 'BYTE_ARRAY') return undefined
      return (target, chunk, start, end) => {
        if (!fieldHasEscape(chunk, start, end)) target.bytes(chunk, start, end)
        else
          target.bytesWith(end - start, (out, at) =>
            unescapeInto(chunk, start, end, out, at),
          )
      }
    default:
      return undefined
  }
}

/** `-123`: at most 15 digits, optionally signed; NaN for anything else. */
function plainInteger(chunk: Buffer, start: number, end: number): number {
  let i = start
  const negative = chunk[i] === 45
  if (negative) i++
  if (end - i < 1 || end - i > 15) return NaN
  let value = 0
  for (; i < end; i++) {
    const d = chunk[i]! - 48
    if (d < 0 || d > 9) return NaN
    value = value * 10 + d
  }
  return negative ? -value : value
}

/** `-12.30` at `scale` as its unscaled integer, when that has at most 15 digits; else NaN. */
function plainDecimal(
  chunk: Buffer,
  start: number,
  end: number,
  scale: number,
): number {
  let i = start
  const negative = chunk[i] === 45
  if (negative) i++
  let value = 0
  let digitCount = 0
  let fraction = -1
  for (; i < end; i++) {
    const c = chunk[i]!
    if (c === 46 && fraction < 0) fraction = 0
    else if (c >= 48 && c <= 57) {
      value = value * 10 + (c - 48)
      digitCount++
      if (fraction >= 0) fraction++
    } else return NaN
  }
  if (fraction < 0) fraction = 0
  if (fraction > scale || digitCount === 0) return NaN
  if (digitCount + scale - fraction > 15) return NaN
  const scaled = value * 10 ** (scale - fraction)
  return negative ? -scaled : scaled
}

/** Midnight UTC in milliseconds of `YYYY-MM-DD` at `at`; NaN when it is not in that shape. */
function plainDate(chunk: Buffer, at: number): number {
  if (chunk[at + 4] !== 45 || chunk[at + 7] !== 45) return NaN
  const year = byteDigits(chunk, at, 4)
  const month = byteDigits(chunk, at + 5, 2)
  const day = byteDigits(chunk, at + 8, 2)
  if (year < 0 || month < 0 || day < 0) return NaN
  return utcMillis(year, month, day)
}

/** `YYYY-MM-DD HH:MM:SS[.f...]` (no zone, no BC) in microseconds; NaN otherwise. */
function plainTimestamp(chunk: Buffer, start: number, end: number): number {
  const length = end - start
  if (length < 19 || length > 26 || chunk[start + 10] !== 32) return NaN
  if (chunk[start + 13] !== 58 || chunk[start + 16] !== 58) return NaN
  const millis = plainDate(chunk, start)
  const h = byteDigits(chunk, start + 11, 2)
  const m = byteDigits(chunk, start + 14, 2)
  const s = byteDigits(chunk, start + 17, 2)
  if (!(millis === millis) || h < 0 || h > 24 || m < 0 || m > 59) return NaN
  if (s < 0 || s > 60) return NaN
  let fraction = 0
  if (length > 19) {
    if (chunk[start + 19] !== 46 || length === 20) return NaN
    let scale = 100_000
    for (let i = start + 20; i < end; i++) {
      const d = chunk[i]! - 48
      if (d < 0 || d > 9) return NaN
      fraction += d * scale
      scale /= 10
    }
  }
  const dayMicros = millis * 1000
  if (Math.abs(dayMicros) >= 9e15) return NaN
  return dayMicros + ((h * 60 + m) * 60 + s) * 1_000_000 + fraction
}

/** The decimal number of `length` digit bytes at `at`, or -1. */
function byteDigits(chunk: Buffer, at: number, length: number): number {
  let value = 0
  for (let i = at; i < at + length; i++) {
    const d = chunk[i]! - 48
    if (d < 0 || d > 9) return -1
    value = value * 10 + d
  }
  return value
}
