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
 * 'yesterday' are there): the infinities and 'allballs'. 'epoch' is read, as
 * r_Dateparts_for_datetime_functions.html turns epoch seconds back into a
 * time stamp with `timestamp with time zone 'epoch' + n * interval '1 second'`.
 */
const POSTGRES_DATETIME_WORDS = new Set([
  'infinity',
  '+infinity',
  '-infinity',
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

/** Hexadecimal digits, as ST_AsHexEWKB writes them (either case). */
const HEX = /^[0-9a-fA-F]+$/
/** (E)WKT: an optional `SRID=n;`, then a geometry keyword and `(` or EMPTY. */
const WKT =
  /^\s*(?:srid=\d+;\s*)?(?:point|linestring|polygon|multipoint|multilinestring|multipolygon|geometrycollection)\s*(?:z|m|zm)?\s*(?:\(|empty\b)/i
/** Base64 text, HLLSKETCH's dense form. */
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/

/**
 * The error for a string stored into a GEOMETRY or GEOGRAPHY column that
 * is no geometry in a form Redshift reads: hexadecimal WKB or EWKB (what
 * ST_AsHexEWKB and ST_GeomFromEWKB use, GEOMETRY-function pages; a byte
 * order 00 or 01 and a type 1 to 7, with EWKB's Z, M and SRID flags or
 * ISO's 1000s) or WKT / EWKT text. The emulator has no geometry engine, so
 * what passes is kept as written, not checked further (an emulator limit);
 * Redshift's wording for invalid input is not documented.
 *
 * @example
 * ```ts
 * geometryLiteralError('geometry', '0101000000000000000000F03F0000000000000040') // undefined
 * geometryLiteralError('geometry', 'not a geometry') // 22P02
 * ```
 */
export function geometryLiteralError(
  type: 'geometry' | 'geography',
  text: string,
): ErrorFields | undefined {
  if (isHexWkb(text) || WKT.test(text)) return undefined
  return reject.other(
    '22P02',
    `invalid input syntax for type ${type}: "${text}"`,
    undefined,
    'give hexadecimal WKB or EWKB, or WKT through ST_GeomFromText',
  )
}

function isHexWkb(text: string): boolean {
  if (text.length < 10 || text.length % 2 !== 0 || !HEX.test(text)) return false
  const order = text.slice(0, 2)
  if (order !== '00' && order !== '01') return false
  const word = text.slice(2, 10)
  const bytes = order === '01' ? word.match(/../g)!.reverse().join('') : word
  // EWKB's Z (0x80000000), M (0x40000000) and SRID (0x20000000) flags.
  const code = (Number.parseInt(bytes, 16) & 0x0fffffff) % 1000
  return code >= 1 && code <= 7
}

/**
 * The error for a string stored into an HLLSKETCH column that is neither
 * form r_HLLSKTECH_type.html gives: the sparse form as a JSON object with
 * `logm` and `sparse` (`version` is optional there), or the dense form in
 * Base64. The emulator keeps the
 * text as written (HLL functions are an emulator limit); Redshift's wording
 * for invalid input is not documented.
 *
 * @example
 * ```ts
 * hllsketchLiteralError('{"version":1,"logm":15,"sparse":{"indices":[4878],"values":[1]}}') // undefined
 * hllsketchLiteralError('not a sketch') // 22P02
 * ```
 */
export function hllsketchLiteralError(text: string): ErrorFields | undefined {
  const trimmed = text.trim()
  if (trimmed.startsWith('{')) {
    try {
      const sketch = JSON.parse(trimmed) as Record<string, unknown> | null
      if (
        sketch !== null &&
        typeof sketch === 'object' &&
        'logm' in sketch &&
        'sparse' in sketch
      )
        return undefined
    } catch {
      // Not JSON: refused below.
    }
  } else if (trimmed.length % 4 === 0 && BASE64.test(trimmed)) return undefined
  return reject.other(
    '22P02',
    `invalid input syntax for type hllsketch: "${text}"`,
    undefined,
    'give a sketch in its JSON (sparse) or Base64 (dense) form',
  )
}
