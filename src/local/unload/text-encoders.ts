import { reject } from '../errors/reject.js'
import {
  isCharacterKind,
  isNumberKind,
  type ColumnKind,
} from './column-kind.js'
import { UnloadError } from './unload-error.js'
import type { FixedWidthColumn, UnloadPlan } from './unload-plan.js'

/** Turns rows (PostgreSQL text output values) into lines of one text format. */
export interface TextRowEncoder {
  /** The header line, newline included; `''` without HEADER. */
  header(names: readonly string[]): string
  /** One row's line, newline included. */
  line(values: readonly (string | null)[]): string
}

/**
 * The encoder of the plan's text format (delimited text, CSV, FIXEDWIDTH or
 * JSON), for columns of the given names and kinds (partition columns already
 * left out).
 *
 * @example
 * ```ts
 * textEncoder(plan, ['varchar'], ['name']).line(['a|b']) // with ESCAPE: 'a\\|b\n'
 * ```
 */
export function textEncoder(
  plan: UnloadPlan,
  kinds: readonly ColumnKind[],
  names: readonly string[],
): TextRowEncoder {
  if (plan.format === 'CSV') return csvEncoder(plan, kinds)
  if (plan.format === 'JSON') return jsonEncoder(kinds, names)
  if (plan.fixedWidth !== undefined)
    return fixedWidthEncoder(plan, plan.fixedWidth, kinds, names)
  return delimitedEncoder(plan, kinds)
}

/** VARBYTE is unloaded as bare hexadecimal; PostgreSQL writes bytea as `\x..`. */
function plain(value: string, kind: ColumnKind): string {
  return kind === 'varbyte' && value.startsWith('\\x') ? value.slice(2) : value
}

/**
 * Redshift's default pipe-delimited text. Values are written as they are;
 * ESCAPE puts a backslash before newline, carriage return, the delimiter,
 * the backslash (and the quotes, with ADDQUOTES) in CHAR, VARCHAR and SUPER
 * values. ADDQUOTES wraps each field in double quotes as
 * r_UNLOAD_command_examples.html prints it ("Unload data that contains a
 * delimiter": `1,"Phoenix, AZ"` from an INTEGER and a CHAR(64)): numbers
 * stay bare and a CHAR's trailing blanks are left out of its quotes.
 * r_UNLOAD.html's ADDQUOTES says "each unloaded data field"; where the two
 * pages differ the example's documented output is followed. NULL is the
 * empty string unless NULL AS (SUPER ignores NULL AS).
 */
function delimitedEncoder(
  plan: UnloadPlan,
  kinds: readonly ColumnKind[],
): TextRowEncoder {
  const d = plan.delimiter
  const specials = `\\n\\r\\\\${escapeClass(d)}${plan.addQuotes ? `"'` : ''}`
  const needsEscape = new RegExp(`[${specials}]`)
  const escapeAll = new RegExp(`[${specials}]`, 'g')
  const escape = (text: string) =>
    needsEscape.test(text) ? text.replace(escapeAll, '\\$&') : text
  const quote = plan.addQuotes
  const nullText = plan.nullAs ?? ''
  const field = (value: string | null, kind: ColumnKind): string => {
    let text: string
    if (value === null) text = kind === 'super' ? '' : nullText
    else {
      text = plain(value, kind)
      // r_UNLOAD names CHAR and VARCHAR; SUPER (and any other type whose
      // text can hold these characters) is escaped too, or COPY ESCAPE
      // could not read the file back. Numbers, dates and booleans never
      // hold them, so escaping them changes nothing.
      if (quote && kind === 'char') text = text.replace(/ +$/, '')
      if (plan.escape) text = escape(text)
    }
    return quote && !(value !== null && isNumberKind(kind)) ? `"${text}"` : text
  }
  return fieldsEncoder(plan, kinds, field)
}

/**
 * CSV: a field holding the delimiter, a double quote, a newline or a
 * carriage return is enclosed in double quotes, its quotes doubled. NULL is
 * an empty field (or the NULL AS string); Redshift does not tell an empty
 * string from NULL here.
 */
function csvEncoder(
  plan: UnloadPlan,
  kinds: readonly ColumnKind[],
): TextRowEncoder {
  const d = plan.delimiter
  const needsQuotes = new RegExp(`[${escapeClass(d)}"\\n\\r]`)
  const nullText = plan.nullAs ?? ''
  const field = (value: string | null, kind: ColumnKind): string => {
    if (value === null) return kind === 'super' ? '' : nullText
    const text = plain(value, kind)
    return needsQuotes.test(text) ? `"${text.replace(/"/g, '""')}"` : text
  }
  return fieldsEncoder(plan, kinds, field)
}

/**
 * FIXEDWIDTH: each value left-aligned and padded with blanks to its column's
 * width in bytes, without delimiters. FIXEDWIDTH never truncates: a wider
 * value fails the UNLOAD. NULL is blanks, or the NULL AS string when it fits
 * (when it does not: blanks for non-character columns, an error for
 * character columns, as r_UNLOAD describes).
 */
function fixedWidthEncoder(
  plan: UnloadPlan,
  spec: readonly FixedWidthColumn[],
  kinds: readonly ColumnKind[],
  names: readonly string[],
): TextRowEncoder {
  if (spec.length !== kinds.length) {
    throw new UnloadError(
      reject.other(
        '42601',
        `FIXEDWIDTH specification has ${spec.length} columns but the query returns ${kinds.length}`,
      ),
    )
  }
  const pad = (text: string, width: number, column: number): string => {
    const bytes = Buffer.byteLength(text)
    if (bytes > width) {
      throw new UnloadError(
        reject.other(
          'XX000',
          `value of column "${names[column]}" is ${bytes} bytes, wider than its FIXEDWIDTH width ${width}`,
          undefined,
          'FIXEDWIDTH does not truncate: give the column a width as long as its longest value',
        ),
      )
    }
    return bytes === width ? text : text + ' '.repeat(width - bytes)
  }
  const nullAs = plan.nullAs
  return {
    header: () => '',
    line: (values) => {
      let out = ''
      for (let i = 0; i < values.length; i++) {
        const width = spec[i]!.width
        const value = values[i]!
        if (value !== null) out += pad(plain(value, kinds[i]!), width, i)
        else if (
          nullAs === undefined ||
          (Buffer.byteLength(nullAs) > width && !isCharacterKind(kinds[i]!))
        ) {
          out += ' '.repeat(width)
        } else out += pad(nullAs, width, i)
      }
      return out + '\n'
    },
  }
}

const JSON_NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/

/**
 * JSON: one object per line, keys in column order. Numbers are JSON
 * numbers exactly as the database wrote them (NaN and infinities, which
 * JSON cannot hold, as strings); SUPER values are nested as they are;
 * booleans are JSON's `true` / `false` (r_UNLOAD.html, FORMAT AS JSON: the
 * query's values as JSON values; the text formats' `t` / `f` would be
 * strings); NULL is `null`; everything else is a JSON string.
 */
function jsonEncoder(
  kinds: readonly ColumnKind[],
  names: readonly string[],
): TextRowEncoder {
  const keys = names.map((name) => `${JSON.stringify(name)}:`)
  const value = (text: string | null, kind: ColumnKind): string => {
    if (text === null) return 'null'
    if (kind === 'super') return text
    if (isNumberKind(kind) && JSON_NUMBER.test(text)) return text
    if (kind === 'boolean') return text === 't' ? 'true' : 'false'
    return JSON.stringify(text)
  }
  return {
    header: () => '',
    line: (values) => {
      let out = '{'
      for (let i = 0; i < values.length; i++) {
        if (i > 0) out += ','
        out += keys[i]! + value(values[i]!, kinds[i]!)
      }
      return out + '}\n'
    },
  }
}

function escapeClass(char: string): string {
  return char.replace(/[\\\]^-]/g, '\\$&')
}

/**
 * The encoder of the delimited formats (text and CSV), which differ only in
 * how one field is written: fields joined by the delimiter, one line per
 * row, and the column names as a header line when HEADER is set.
 */
function fieldsEncoder(
  plan: UnloadPlan,
  kinds: readonly ColumnKind[],
  field: (value: string | null, kind: ColumnKind) => string,
): TextRowEncoder {
  const d = plan.delimiter
  return {
    header: (names) =>
      plan.header
        ? names.map((name) => field(name, 'varchar')).join(d) + '\n'
        : '',
    line: (values) => {
      let out = ''
      for (let i = 0; i < values.length; i++) {
        if (i > 0) out += d
        out += field(values[i]!, kinds[i]!)
      }
      return out + '\n'
    },
  }
}
