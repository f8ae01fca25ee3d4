import { reject } from '../errors/reject.js'
import type { ErrorFields } from '../protocol/error-fields.js'

/** r_Boolean_type.html's literals; PostgreSQL also reads `on`, `off` and prefixes (`'tr'`). */
const BOOLEAN_LITERALS = new Set([
  't',
  'true',
  'y',
  'yes',
  '1',
  'f',
  'false',
  'n',
  'no',
  '0',
])

/**
 * PostgreSQL's special datetime inputs that r_Date_and_time_literals.html
 * does not list among Redshift's ('now', 'today', 'tomorrow' and
 * 'yesterday' are there): the infinities, 'epoch' and 'allballs'.
 */
const POSTGRES_DATETIME_WORDS = new Set([
  'infinity',
  '+infinity',
  '-infinity',
  'epoch',
  'allballs',
])

/** A leading year written with a dash (`294277-01-01`), as PostgreSQL reads ISO dates. */
const LEADING_YEAR = /^\s*\+?(\d{5,})-/

/** DATE's last year (r_Datetime_types.html: 4713 BC to 294276 AD). */
const LAST_DATE_YEAR = 294276

/** The datetime types whose text input is checked, as PostgreSQL names them. */
export type DatetimeType =
  'date' | 'timestamp' | 'timestamptz' | 'time' | 'timetz'

const TYPE_NAMES: Readonly<Record<DatetimeType, string>> = {
  date: 'date',
  timestamp: 'timestamp without time zone',
  timestamptz: 'timestamp with time zone',
  time: 'time without time zone',
  timetz: 'time with time zone',
}

/**
 * The error for a string read as BOOLEAN that r_Boolean_type.html does not
 * list (PostgreSQL's words for a bad input: Redshift's are not documented);
 * undefined when Redshift reads it.
 *
 * @example
 * ```ts
 * booleanLiteralError('on') // { code: '22P02', message: 'invalid input syntax for type boolean: "on"' }
 * booleanLiteralError('yes') // undefined
 * ```
 */
export function booleanLiteralError(text: string): ErrorFields | undefined {
  if (BOOLEAN_LITERALS.has(text.trim().toLowerCase())) return undefined
  return reject.other(
    '22P02',
    `invalid input syntax for type boolean: "${text}"`,
  )
}

/**
 * The error for a string read as a datetime type that Redshift's types
 * cannot hold: PostgreSQL's special words beyond Redshift's documented ones
 * (r_Date_and_time_literals.html) and, for DATE, a year past 294276 AD
 * (r_Datetime_types.html; PostgreSQL's DATE runs to 5874897 AD, its
 * TIMESTAMP already stops at 294276). Redshift's wording is not documented:
 * PostgreSQL's for a bad input is used. Undefined when the text may be read.
 *
 * @example
 * ```ts
 * datetimeLiteralError('date', 'infinity') // 22007 invalid input syntax for type date: "infinity"
 * datetimeLiteralError('date', '294277-01-01') // 22008 date out of range: "294277-01-01"
 * ```
 */
export function datetimeLiteralError(
  type: DatetimeType,
  text: string,
): ErrorFields | undefined {
  if (POSTGRES_DATETIME_WORDS.has(text.trim().toLowerCase()))
    return reject.other(
      '22007',
      `invalid input syntax for type ${TYPE_NAMES[type]}: "${text}"`,
      undefined,
      "Redshift's special datetime values are 'now', 'today', 'tomorrow' and 'yesterday'",
    )
  if (type === 'date' && beyondLastYear(text))
    return reject.other('22008', `date out of range: "${text}"`)
  return undefined
}

/** Whether a date's text names a year AD past {@link LAST_DATE_YEAR}. */
function beyondLastYear(text: string): boolean {
  const year = LEADING_YEAR.exec(text)?.[1]
  return (
    year !== undefined && Number(year) > LAST_DATE_YEAR && !/\bbc\b/i.test(text)
  )
}
