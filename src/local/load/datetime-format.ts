/** The parts of a date or time read from a field. */
export interface DateTimeParts {
  readonly year: number
  readonly month: number
  readonly day: number
  readonly hour: number
  readonly minute: number
  readonly second: number
  /** Fractional seconds as written (up to 6 digits), '' when none. */
  readonly fraction: string
  /** Offset from UTC in minutes, when the value has one. */
  readonly offset?: number
}

/** Reads one field; `undefined` when it does not match (or is not a real date). */
export type DateTimeReader = (text: string) => DateTimeParts | undefined

/** Month abbreviations, January first, as date texts write them. */
export const MONTHS: readonly string[] = [
  'jan',
  'feb',
  'mar',
  'apr',
  'may',
  'jun',
  'jul',
  'aug',
  'sep',
  'oct',
  'nov',
  'dec',
]

type Part = 'Y4' | 'Y2' | 'M' | 'MON' | 'D' | 'H' | 'H12' | 'MI' | 'S' | 'AMPM'

const ELEMENTS: readonly (readonly [string, Part, string])[] = [
  ['YYYY', 'Y4', '(\\d{4})'],
  ['YY', 'Y2', '(\\d{2})'],
  ['MONTH', 'MON', '([A-Za-z]+)'],
  ['MON', 'MON', '([A-Za-z]+)'],
  ['MM', 'M', '(\\d{1,2})'],
  ['DD', 'D', '(\\d{1,2})'],
  ['HH24', 'H', '(\\d{1,2})'],
  ['HH12', 'H12', '(\\d{1,2})'],
  ['HH', 'H', '(\\d{1,2})'],
  ['MI', 'MI', '(\\d{1,2})'],
  ['SS', 'S', '(\\d{1,2}(?:\\.\\d{1,6})?)'],
  ['AM', 'AMPM', '([AaPp][Mm])'],
  ['PM', 'AMPM', '([AaPp][Mm])'],
]

/**
 * Compiles a Redshift DATEFORMAT / TIMEFORMAT string (`r_DATEFORMAT_and_TIMEFORMAT_strings.md`:
 * YY, YYYY, MM, MON, DD, HH or HH24, HH12, MI, SS with fractions up to
 * microseconds, AM/PM, and separators) into a reader. `undefined` when the
 * string has an element Redshift does not know. In COPY's formats `HH`
 * is the 24-hour clock.
 *
 * @example
 * ```ts
 * compileDateTimeFormat('MM/DD/YYYY', 'date')!('03/31/2003') // { year: 2003, month: 3, day: 31, ... }
 * ```
 */
export function compileDateTimeFormat(
  format: string,
  kind: 'date' | 'timestamp',
): DateTimeReader | undefined {
  const upper = format.toUpperCase()
  const parts: Part[] = []
  let pattern = '^\\s*'
  let i = 0
  while (i < upper.length) {
    const element = ELEMENTS.find(([name]) => upper.startsWith(name, i))
    if (element !== undefined) {
      parts.push(element[1])
      pattern += element[2]
      i += element[0].length
      // 'SS.SSSSSS' names the fraction that SS already reads.
      if (element[1] === 'S') {
        const m = /^\.S+/.exec(upper.slice(i))
        if (m) i += m[0].length
      }
      continue
    }
    const c = format[i]!
    if (/[A-Za-z0-9]/.test(c)) return undefined
    pattern += /\s/.test(c)
      ? '\\s+'
      : c.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&')
    i++
  }
  if (parts.length === 0) return undefined
  void kind
  const regex = new RegExp(pattern + '\\s*$')
  return (text) => {
    const m = regex.exec(text)
    if (m === null) return undefined
    let year = 1
    let month = 1
    let day = 1
    let hour = 0
    let minute = 0
    let second = 0
    let fraction = ''
    let pm: boolean | undefined
    let h12 = false
    for (let k = 0; k < parts.length; k++) {
      const v = m[k + 1]!
      switch (parts[k]) {
        case 'Y4':
          year = Number(v)
          break
        case 'Y2': {
          const yy = Number(v)
          year = yy >= 70 ? 1900 + yy : 2000 + yy
          break
        }
        case 'M':
          month = Number(v)
          break
        case 'MON': {
          const index = MONTHS.indexOf(v.slice(0, 3).toLowerCase())
          if (index < 0) return undefined
          month = index + 1
          break
        }
        case 'D':
          day = Number(v)
          break
        case 'H':
          hour = Number(v)
          break
        case 'H12':
          hour = Number(v)
          h12 = true
          break
        case 'MI':
          minute = Number(v)
          break
        case 'S': {
          const dot = v.indexOf('.')
          second = Number(dot < 0 ? v : v.slice(0, dot))
          fraction = dot < 0 ? '' : v.slice(dot + 1)
          break
        }
        case 'AMPM':
          pm = v.toLowerCase() === 'pm'
          break
      }
    }
    if (h12 || pm !== undefined) {
      if (hour < 1 || hour > 12) return undefined
      if (pm === true && hour < 12) hour += 12
      if (pm === false && hour === 12) hour = 0
    }
    return valid({ year, month, day, hour, minute, second, fraction })
  }
}

/** The parts when they name a real date and time. */
export function valid(parts: DateTimeParts): DateTimeParts | undefined {
  const { year, month, day, hour, minute, second } = parts
  if (year < 1 || month < 1 || month > 12 || day < 1) return undefined
  if (day > daysIn(year, month)) return undefined
  if (hour > 23 || minute > 59 || second > 59) return undefined
  return parts
}

function daysIn(year: number, month: number): number {
  if (month === 2)
    return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28
  return [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!
}

const DEFAULT_TIMESTAMP =
  /^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:[ ]+(\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:\.(\d{1,6}))?)?)?\s*([+-]\d{1,2}(?::?\d{2})?|Z)?\s*$/i
const AUTO_ISO =
  /^\s*(\d{4})-?(\d{2})-?(\d{2})(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,6}))?)?)?\s*([+-]\d{1,2}(?::?\d{2})?|Z|UTC|GMT)?\s*$/i
const AUTO_OTHERS: readonly DateTimeReader[] = [
  'MM/DD/YYYY HH:MI:SS',
  'MM/DD/YYYY',
  'YYYY/MM/DD HH:MI:SS',
  'YYYY/MM/DD',
  'MM-DD-YYYY',
  'DD-MON-YYYY HH:MI:SS',
  'DD-MON-YYYY',
  'MON DD, YYYY',
  'MON DD YYYY',
  'DD MON YYYY',
  'YYYY.MM.DD',
  'MM.DD.YYYY',
  'MON-DD-YYYY',
  'MM.DD.YYYY HH:MI:SS',
  'DD MON HH:MI:SS YYYY',
].map((f) => compileDateTimeFormat(f, 'timestamp')!)

/** The written zones automatic recognition reads after a time (`PST`), in minutes from UTC. */
const ZONE_NAMES: Readonly<Record<string, number>> = {
  UT: 0,
  UTC: 0,
  GMT: 0,
  Z: 0,
  EST: -300,
  EDT: -240,
  CST: -360,
  CDT: -300,
  MST: -420,
  MDT: -360,
  PST: -480,
  PDT: -420,
}

/** Days from the Julian day number 0 (4714-11-24 BC) to 1970-01-01. */
const JULIAN_EPOCH = 2440588
const DAY_MS = 86_400_000

/**
 * The forms automatic-recognition.md adds to the format strings: Julian
 * days `J2451187` (with an optional time), `YYYYMMDD HHMISS`, `YYMMDD
 * HHMISS` (years before 70 are 20xx), `YYYY.DDD` (day of the year), and a
 * written zone after the time (`12/17/1997 07:37:16.00 PST`). BC dates are
 * not read: the emulator's DATE and TIMESTAMP values are AD only.
 */
function readAutoExtra(text: string): DateTimeParts | undefined {
  const t = text.trim()
  let m = /^J(\d{1,7})(?:\s+(\d{1,2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?)?$/i.exec(
    t,
  )
  if (m !== null) {
    const date = new Date((Number(m[1]) - JULIAN_EPOCH) * DAY_MS)
    return valid({
      year: date.getUTCFullYear(),
      month: date.getUTCMonth() + 1,
      day: date.getUTCDate(),
      hour: Number(m[2] ?? 0),
      minute: Number(m[3] ?? 0),
      second: Number(m[4] ?? 0),
      fraction: m[5] ?? '',
    })
  }
  m = /^(\d{4}|\d{2})(\d{2})(\d{2})\s+(\d{2})(\d{2})(\d{2})$/.exec(t)
  if (m !== null) {
    const y = Number(m[1])
    return valid({
      year: m[1]!.length === 2 ? (y < 70 ? 2000 + y : 1900 + y) : y,
      month: Number(m[2]),
      day: Number(m[3]),
      hour: Number(m[4]),
      minute: Number(m[5]),
      second: Number(m[6]),
      fraction: '',
    })
  }
  m = /^(\d{4})\.(\d{3})$/.exec(t)
  if (m !== null) {
    const year = Number(m[1])
    const ordinal = Number(m[2])
    const date = new Date(Date.UTC(year, 0, ordinal))
    if (ordinal < 1 || date.getUTCFullYear() !== year) return undefined
    return valid({
      year,
      month: date.getUTCMonth() + 1,
      day: date.getUTCDate(),
      hour: 0,
      minute: 0,
      second: 0,
      fraction: '',
    })
  }
  m = /^(.*\d)\s+([A-Za-z]{1,4})$/.exec(t)
  if (m !== null) {
    const offset = ZONE_NAMES[m[2]!.toUpperCase()]
    if (offset === undefined) return undefined
    const parts = readAutoDateTime(m[1]!)
    if (parts === undefined || parts.offset !== undefined) return undefined
    return { ...parts, offset }
  }
  return undefined
}

function fromIsoMatch(m: RegExpExecArray): DateTimeParts | undefined {
  const offset = m[8] === undefined ? undefined : parseOffset(m[8])
  if (m[8] !== undefined && offset === undefined) return undefined
  return valid({
    year: Number(m[1]),
    month: Number(m[2]),
    day: Number(m[3]),
    hour: Number(m[4] ?? 0),
    minute: Number(m[5] ?? 0),
    second: Number(m[6] ?? 0),
    fraction: m[7] ?? '',
    ...(offset !== undefined ? { offset } : {}),
  })
}

/**
 * The default reader: `YYYY-MM-DD[ HH:MI:SS[.ffffff]][OF]` (TIMESTAMPTZ's
 * default adds the UTC offset `OF`, e.g. `-8:00`).
 */
export const readDefaultDateTime: DateTimeReader = (text) => {
  const m = DEFAULT_TIMESTAMP.exec(text)
  return m === null ? undefined : fromIsoMatch(m)
}

/** `'auto'`: the formats Redshift recognizes on its own (ISO 8601 and the common written forms). */
export const readAutoDateTime: DateTimeReader = (text) => {
  const m = AUTO_ISO.exec(text)
  if (m !== null) return fromIsoMatch(m)
  for (const reader of AUTO_OTHERS) {
    const parts = reader(text)
    if (parts !== undefined) return parts
  }
  return readAutoExtra(text)
}

/** `'epochsecs'` / `'epochmillisecs'`: seconds or milliseconds since 1970-01-01 UTC. */
export function readEpoch(
  text: string,
  millis: boolean,
): DateTimeParts | undefined {
  const m = /^\s*(-?\d+)(?:\.(\d{1,6}))?\s*$/.exec(text)
  if (m === null || (millis && m[2] !== undefined)) return undefined
  const whole = Number(m[1])
  const ms = millis ? whole : whole * 1000
  const date = new Date(ms)
  if (Number.isNaN(date.getTime())) return undefined
  const fraction = millis
    ? String(((ms % 1000) + 1000) % 1000).padStart(3, '0')
    : (m[2] ?? '')
  return {
    year: date.getUTCFullYear(),
    month: date.getUTCMonth() + 1,
    day: date.getUTCDate(),
    hour: date.getUTCHours(),
    minute: date.getUTCMinutes(),
    second: date.getUTCSeconds(),
    fraction: fraction.replace(/0+$/, ''),
    offset: 0,
  }
}

function parseOffset(text: string): number | undefined {
  const t = text.toUpperCase()
  if (t === 'Z' || t === 'UTC' || t === 'GMT') return 0
  const m = /^([+-])(\d{1,2})(?::?(\d{2}))?$/.exec(text)
  if (m === null) return undefined
  const hours = Number(m[2])
  const minutes = Number(m[3] ?? 0)
  if (hours > 15 || minutes > 59) return undefined
  return (m[1] === '-' ? -1 : 1) * (hours * 60 + minutes)
}

const pad = (n: number, width: number) => String(n).padStart(width, '0')

/** `YYYY-MM-DD`. */
export function formatDate(p: DateTimeParts): string {
  return `${pad(p.year, 4)}-${pad(p.month, 2)}-${pad(p.day, 2)}`
}

/** `HH:MM:SS[.ffffff]`. */
export function formatTime(p: DateTimeParts): string {
  const fraction = p.fraction.replace(/0+$/, '')
  return `${pad(p.hour, 2)}:${pad(p.minute, 2)}:${pad(p.second, 2)}${fraction ? `.${fraction}` : ''}`
}

/** `YYYY-MM-DD HH:MM:SS[.ffffff]`. */
export function formatTimestamp(p: DateTimeParts): string {
  return `${formatDate(p)} ${formatTime(p)}`
}

/** `+HH:MM` (UTC when the value had no offset: Redshift reads such TIMESTAMPTZ values as UTC). */
export function formatOffset(p: DateTimeParts): string {
  const offset = p.offset ?? 0
  const sign = offset < 0 ? '-' : '+'
  const abs = Math.abs(offset)
  return `${sign}${pad(Math.floor(abs / 60), 2)}:${pad(abs % 60, 2)}`
}
