import type { ErrorFields } from '../protocol/error-fields.js'
import {
  geometryLiteralError,
  hllsketchLiteralError,
} from '../sql/input-literals.js'
import { FieldError } from './copy-errors.js'
import type { CopyOptions } from './copy-plan.js'
import { columnTypeInfo, type ColumnTypeInfo } from './column-kind.js'
import {
  compileDateTimeFormat,
  formatDate,
  formatOffset,
  formatTime,
  formatTimestamp,
  readAutoDateTime,
  readDefaultDateTime,
  readEpoch,
  valid,
  type DateTimeReader,
} from './datetime-format.js'
import { JsonNumber, parseJsonExact, stringifyJsonExact } from './json-value.js'
import type { TargetColumn } from './target-column.js'

/**
 * Converts one field for one column: the value PostgreSQL's COPY should
 * receive (not yet escaped), or `null` for NULL. Throws `FieldError` with
 * Redshift's load-error code and reason when the value does not fit.
 */
export type FieldConverter = (text: string) => string | null

/** Everything the loader needs about one target column. */
export interface ColumnConverter {
  readonly column: TargetColumn
  readonly info: ColumnTypeInfo
  /** CHAR and VARCHAR: EMPTYASNULL and BLANKSASNULL apply, and '' is a value. */
  readonly isText: boolean
  /** Converted values never hold a tab, newline or backslash (numbers, booleans, dates, times). */
  readonly plain: boolean
  /** Converts text read from a delimited, CSV or fixed-width file. */
  readonly fromText: FieldConverter
  /** Converts a value read from JSON, Avro or Parquet. */
  readonly fromValue: (value: unknown) => string | null
}

const INT = /^[+-]?\d+$/
const LIMITS = {
  16: [-32768n, 32767n, 'Short', -32768, 32767],
  32: [-2147483648n, 2147483647n, 'Integer', -2147483648, 2147483647],
  64: [
    -9223372036854775808n,
    9223372036854775807n,
    'Long',
    -9223372036854775808,
    9223372036854775807,
  ],
} as const
const CANONICAL_TIMESTAMP =
  /^\d{4}-[01]\d-[0-3]\d [0-2]\d:[0-5]\d:[0-5]\d(?:\.\d{1,6})?$/
const DAYS = [0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]

/** Month, day and hour of a `YYYY-MM-DD HH:MM:SS` text are real (Feb 29 only in leap years). */
function canonicalInRange(t: string): boolean {
  const month = (t.charCodeAt(5) - 48) * 10 + t.charCodeAt(6) - 48
  const day = (t.charCodeAt(8) - 48) * 10 + t.charCodeAt(9) - 48
  const hour = (t.charCodeAt(11) - 48) * 10 + t.charCodeAt(12) - 48
  if (month < 1 || month > 12 || day < 1 || day > DAYS[month]! || hour > 23)
    return false
  if (month === 2 && day === 29) {
    const year = Number(t.slice(0, 4))
    return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
  }
  return t.charCodeAt(0) !== 48 || t.slice(0, 4) !== '0000'
}
const TRUE_WORDS = new Set(['t', 'true', '1', 'y', 'yes'])
const FALSE_WORDS = new Set(['f', 'false', '0', 'n', 'no'])
/** Bytes the text decoder could not read as UTF-8 (U+DC80..U+DCFF, one per byte). */
// A low surrogate after a high one is half of a real character (U+1F480 is
// D83D DC80), not a byte the decoder kept.
const INVALID_BYTE = /(?<![\ud800-\udbff])[\udc80-\udcff]/
/** Anything a text value must be looked at for: invalid bytes or NUL. */
const SUSPECT = /[\udc80-\udcff\u0000]/
const INVALID_BYTES = /(?<![\ud800-\udbff])[\udc80-\udcff]/g

function invalidDigit(text: string, typeName: string, code = 1207): FieldError {
  let pos = 0
  if (text[0] === '-' || text[0] === '+') pos = 1
  while (pos < text.length && text[pos]! >= '0' && text[pos]! <= '9') pos++
  if (pos >= text.length) pos = Math.max(0, text.length - 1)
  return new FieldError(
    code,
    `Invalid digit, Value '${text[pos] ?? ''}', Pos ${pos}, Type: ${typeName}`,
  )
}

/**
 * Compiles the converter of one column under the COPY's options: integer
 * ranges, NUMERIC precision and scale (extra scale truncated, or rounded
 * with ROUNDEC), floats, Redshift's boolean spellings, DATEFORMAT and
 * TIMEFORMAT (a format string, 'auto', 'epochsecs', 'epochmillisecs', with
 * ACCEPTANYDATE loading NULL for what does not match), CHAR and VARCHAR
 * lengths in bytes (TRUNCATECOLUMNS cuts on a UTF-8 boundary), invalid
 * UTF-8 (ACCEPTINVCHARS), TRIMBLANKS, SUPER as JSON and VARBYTE as hex.
 *
 * @example
 * ```ts
 * const c = columnConverter({ name: 'price', type: 'numeric(5,2)', notNull: false, identity: false, hasDefault: false }, options)
 * c.fromText('12.345') // '12.34'
 * ```
 */
export function columnConverter(
  column: TargetColumn,
  options: CopyOptions,
): ColumnConverter {
  const info = columnTypeInfo(column.type)
  const kind = info.kind
  const blank = (t: string) => t.trim() === ''
  let fromText: FieldConverter
  switch (kind.kind) {
    case 'int': {
      const [minBig, maxBig, typeName, min, max] = LIMITS[kind.bits]
      fromText = (raw) => {
        let t = raw
        if (!INT.test(t)) {
          t = raw.trim()
          if (t === '') return null
          if (!INT.test(t)) throw invalidDigit(t, typeName)
        }
        let inRange: boolean
        if (t.length < 16) {
          const v = Number(t)
          inRange = v >= min && v <= max
        } else {
          const v = BigInt(t)
          inRange = v >= minBig && v <= maxBig
        }
        if (!inRange)
          throw new FieldError(
            1204,
            `Overflow (${typeName} valid range ${minBig} to ${maxBig})`,
          )
        return t
      }
      break
    }
    case 'numeric':
      fromText = numericConverter(kind.precision, kind.scale, options.roundDec)
      break
    case 'float': {
      const typeName = kind.bits === 32 ? 'Float' : 'Double'
      const FLOAT = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/
      const SPECIAL = /^[+-]?(?:inf|infinity|nan)$/i
      fromText = (raw) => {
        const t = raw.trim()
        if (t === '') return null
        if (SPECIAL.test(t)) return t
        if (!FLOAT.test(t)) throw invalidDigit(t, typeName, 1208)
        const n = Number(t)
        const limit = kind.bits === 32 ? 3.4028235e38 : Number.MAX_VALUE
        if (!Number.isFinite(n) || Math.abs(n) > limit)
          throw new FieldError(1204, `Overflow for ${typeName}, Value '${t}'`)
        if (kind.bits === 32 && n !== 0 && Math.abs(n) < 1.1754944e-38)
          throw new FieldError(1204, `Underflow for ${typeName}, Value '${t}'`)
        return t
      }
      break
    }
    case 'bool':
      fromText = (raw) => {
        if (raw === 'true' || raw === 't' || raw === '1') return 't'
        if (raw === 'false' || raw === 'f' || raw === '0') return 'f'
        const t = raw.trim().toLowerCase()
        if (t === '') return null
        if (TRUE_WORDS.has(t)) return 't'
        if (FALSE_WORDS.has(t)) return 'f'
        throw new FieldError(1210, `Invalid boolean format: '${raw.trim()}'`)
      }
      break
    case 'date': {
      const read = dateReader(options.dateFormat)
      const shown = options.dateFormat ?? 'YYYY-MM-DD'
      fromText = (raw) => {
        if (blank(raw)) return null
        const parts = read(raw)
        if (parts !== undefined) return formatDate(parts)
        if (options.acceptAnyDate) return null
        throw new FieldError(
          1205,
          options.dateFormat === undefined && raw.trim().length < 10
            ? 'Invalid Date Format - length must be 10 or more'
            : `Date value did not match format specified [${shown}]`,
        )
      }
      break
    }
    case 'timestamp': {
      const read = timeReader(options.timeFormat)
      const shown = options.timeFormat ?? 'YYYY-MM-DD HH24:MI:SS'
      const fast = !kind.zone && options.timeFormat === undefined
      fromText = (raw) => {
        // The canonical shape is passed on as written once its ranges are checked.
        if (fast && CANONICAL_TIMESTAMP.test(raw) && canonicalInRange(raw))
          return raw
        if (blank(raw)) return null
        const parts = read(raw)
        if (parts !== undefined)
          return kind.zone
            ? `${formatTimestamp(parts)}${formatOffset(parts)}`
            : formatTimestamp(parts)
        if (options.acceptAnyDate) return null
        throw new FieldError(
          1206,
          `Invalid timestamp format or value [${shown}]`,
        )
      }
      break
    }
    case 'time': {
      const TIME =
        /^\s*(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?\s*([+-]\d{1,2}(?::?\d{2})?)?\s*$/
      fromText = (raw) => {
        if (blank(raw)) return null
        const m = TIME.exec(raw)
        const parts =
          m === null
            ? undefined
            : valid({
                year: 2000,
                month: 1,
                day: 1,
                hour: Number(m[1]),
                minute: Number(m[2]),
                second: Number(m[3] ?? 0),
                fraction: m[4] ?? '',
              })
        if (parts === undefined || (m![5] !== undefined && !kind.zone))
          throw new FieldError(
            1206,
            `Invalid time format or value [HH24:MI:SS]`,
          )
        return kind.zone
          ? `${formatTime(parts)}${m![5] ?? '+00'}`
          : formatTime(parts)
      }
      break
    }
    case 'char':
    case 'varchar':
      fromText = textConverter(kind.kind, kind.length, options)
      break
    case 'super':
      fromText = (raw) => {
        try {
          // Stored as Redshift prints it: compact, keys in their order.
          return stringifyJsonExact(parseJsonExact(raw), true)
        } catch {
          throw new FieldError(
            1224,
            'Input data is incorrect JSON format or super data type',
          )
        }
      }
      break
    case 'varbyte':
      fromText = (raw) => {
        const m = /[^0-9a-fA-F]/.exec(raw)
        if (m !== null)
          throw new FieldError(
            1207,
            `Invalid digit, Value '${m[0]}', Pos ${m.index}, Type: Varbyte`,
          )
        if (raw.length % 2 !== 0)
          throw new FieldError(1207, 'Invalid hex string: odd number of digits')
        let hex = raw
        if (hex.length / 2 > kind.length) {
          if (!options.truncateColumns)
            throw new FieldError(1204, 'Varbyte length exceeds DDL length')
          hex = hex.slice(0, kind.length * 2)
        }
        return `\\x${hex.toLowerCase()}`
      }
      break
    case 'other': {
      // GEOMETRY, GEOGRAPHY and HLLSKETCH are text in the backing database:
      // a field in none of the forms Redshift reads is a load error (its
      // code for one is not documented: 1200, an unknown parse error).
      const check = spatialCheck(kind.name)
      fromText =
        check === undefined
          ? (raw) => raw
          : (raw) => {
              if (raw === '') return raw
              const error = check(raw)
              if (error !== undefined) throw new FieldError(1200, error.message)
              return raw
            }
      break
    }
  }
  const isText = kind.kind === 'char' || kind.kind === 'varchar'
  const fromValue = (value: unknown): string | null => {
    if (value === null || value === undefined) return null
    if (kind.kind === 'super')
      return typeof value === 'string' && options.format !== 'json'
        ? fromText(value)
        : stringifyJsonExact(value, true)
    if (typeof value === 'string') return fromText(value)
    if (value instanceof JsonNumber) return fromText(value.text)
    if (typeof value === 'number' || typeof value === 'bigint')
      return fromText(String(value))
    if (typeof value === 'boolean') {
      if (kind.kind === 'int') return value ? '1' : '0'
      return fromText(value ? 'true' : 'false')
    }
    if (Buffer.isBuffer(value) || value instanceof Uint8Array) {
      const buf = Buffer.from(value)
      return kind.kind === 'varbyte'
        ? fromText(buf.toString('hex'))
        : fromText(buf.toString('utf8'))
    }
    if (value instanceof Date) return fromText(value.toISOString())
    return fromText(stringifyJsonExact(value))
  }
  const plain = [
    'int',
    'numeric',
    'float',
    'bool',
    'date',
    'timestamp',
    'time',
  ].includes(kind.kind)
  return Object.freeze({ column, info, isText, plain, fromText, fromValue })
}

function dateReader(format: string | undefined): DateTimeReader {
  if (format === undefined) return readDefaultDateTime
  if (format === 'auto') return readAutoDateTime
  return compileDateTimeFormat(format, 'date')!
}

function timeReader(format: string | undefined): DateTimeReader {
  if (format === undefined) {
    // The common shape first, without a regex of alternatives.
    const FAST =
      /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?$/
    return (text) => {
      const m = FAST.exec(text)
      if (m === null) return readDefaultDateTime(text)
      return valid({
        year: +m[1]!,
        month: +m[2]!,
        day: +m[3]!,
        hour: +m[4]!,
        minute: +m[5]!,
        second: +m[6]!,
        fraction: m[7] ?? '',
      })
    }
  }
  if (format === 'auto') return readAutoDateTime
  if (format === 'epochsecs') return (t) => readEpoch(t, false)
  if (format === 'epochmillisecs') return (t) => readEpoch(t, true)
  return compileDateTimeFormat(format, 'timestamp')!
}

function numericConverter(
  precision: number,
  scale: number,
  roundDec: boolean,
): FieldConverter {
  const intDigits = precision - scale
  const fast = new RegExp(
    `^-?\\d{1,${Math.max(1, intDigits)}}${scale > 0 ? `(?:\\.\\d{1,${scale}})?` : ''}$`,
  )
  const NUM = /^([+-]?)(\d*)(?:\.(\d*))?$/
  return (raw) => {
    if (fast.test(raw) && (intDigits > 0 || /^-?0(\.|$)/.test(raw))) return raw
    const t = raw.trim()
    if (t === '') return null
    const m = NUM.exec(t)
    if (m === null || (m[2] === '' && (m[3] ?? '') === ''))
      throw invalidDigit(t, 'Decimal')
    const sign = m[1] === '-' ? '-' : ''
    let whole = m[2]!.replace(/^0+/, '')
    let frac = m[3] ?? ''
    if (frac.length > scale) {
      const dropped = frac.charCodeAt(scale)
      frac = frac.slice(0, scale)
      // Without ROUNDEC, Redshift's COPY truncates extra scale.
      if (roundDec && dropped >= 53 /* '5' */) {
        const digits = (whole + frac).split('').map(Number)
        let i = digits.length - 1
        while (i >= 0 && digits[i] === 9) digits[i--] = 0
        if (i < 0) digits.unshift(1)
        else digits[i]!++
        const joined = digits.join('')
        whole = joined.slice(0, joined.length - scale).replace(/^0+/, '')
        frac = joined.slice(joined.length - scale)
      }
    }
    if (whole.length > intDigits)
      throw new FieldError(1204, 'Numeric data overflow (result precision)')
    const out = `${whole || '0'}${scale > 0 && frac !== '' ? `.${frac}` : ''}`
    return /[1-9]/.test(out) ? sign + out : out
  }
}

function textConverter(
  kind: 'char' | 'varchar',
  length: number,
  options: CopyOptions,
): FieldConverter {
  const replacement = options.acceptInvChars
  return (raw) => {
    let t = raw
    const suspect = SUSPECT.test(t)
    if (suspect && INVALID_BYTE.test(t)) {
      if (kind === 'varchar' && replacement !== undefined)
        t = t.replace(INVALID_BYTES, replacement)
      else {
        const bytes = [...t.matchAll(INVALID_BYTES)].map((m) =>
          (m[0].charCodeAt(0) - 0xdc00).toString(16).padStart(2, '0'),
        )
        if (kind === 'char')
          throw new FieldError(
            1220,
            `Multibyte character not supported for CHAR (Hint: Try using VARCHAR). Invalid char: ${bytes.join(' ')}`,
          )
        const first = parseInt(bytes[0]!, 16)
        throw new FieldError(
          1220,
          `String contains invalid or unsupported UTF8 codepoints. Bad UTF8 hex sequence: ${bytes.join(' ')} (error ${first >= 0x80 && first <= 0xbf ? 3 : first >= 0xf8 ? 1 : 2})`,
        )
      }
    }
    if (suspect && t.includes('\0'))
      throw new FieldError(
        1220,
        'String contains invalid or unsupported UTF8 codepoints. Bad UTF8 hex sequence: 00 (error 4)',
      )
    if (kind === 'varchar') {
      if (options.trimBlanks) t = t.trimEnd()
      // One UTF-16 unit is at most 3 UTF-8 bytes: most values need no count.
      if (t.length * 3 > length && Buffer.byteLength(t) > length) {
        if (!options.truncateColumns)
          throw new FieldError(1204, 'String length exceeds DDL length')
        t = truncateUtf8(t, length)
      }
      return t
    }
    // CHAR: single-byte characters only; trailing blanks do not count.
    // eslint-disable-next-line no-control-regex
    const multibyte = /[^\u0000-\u007f]/.exec(t)
    if (multibyte !== null)
      throw new FieldError(
        1220,
        `Multibyte character not supported for CHAR (Hint: Try using VARCHAR). Invalid char: ${Buffer.from(multibyte[0]).toString('hex')}`,
      )
    const trimmed = t.replace(/ +$/, '')
    if (trimmed.length > length) {
      if (!options.truncateColumns)
        throw new FieldError(1204, 'Char length exceeds DDL length')
      return t.slice(0, length)
    }
    return trimmed.length < t.length ? trimmed : t
  }
}

/** The longest prefix of `text` of at most `bytes` UTF-8 bytes, cut between characters. */
export function truncateUtf8(text: string, bytes: number): string {
  const buf = Buffer.from(text)
  if (buf.length <= bytes) return text
  let end = bytes
  // Step back over continuation bytes (10xxxxxx) to a character start.
  while (end > 0 && (buf[end]! & 0xc0) === 0x80) end--
  return buf.subarray(0, end).toString('utf8')
}

/** The input check of a GEOMETRY, GEOGRAPHY or HLLSKETCH column, by type name. */
function spatialCheck(
  name: string,
): ((text: string) => ErrorFields | undefined) | undefined {
  if (name === 'geometry' || name === 'geography')
    return (text) => geometryLiteralError(name, text)
  if (name === 'hllsketch') return hllsketchLiteralError
  return undefined
}
