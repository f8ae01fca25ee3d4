import type { ErrorFields } from '../protocol/error-fields.js'
import {
  booleanLiteralError,
  datetimeLiteralError,
  type DatetimeType,
} from '../sql/input-literals.js'

/** PostgreSQL's OIDs of the types whose text input Redshift reads more strictly. */
const BOOL_OID = 16
const DATETIME_OIDS: ReadonlyMap<number, DatetimeType> = new Map([
  [1082, 'date'],
  [1114, 'timestamp'],
  [1184, 'timestamptz'],
  [1083, 'time'],
  [1266, 'timetz'],
])

/**
 * Strings PostgreSQL reads as a BOOLEAN that r_Boolean_type.html does not
 * list: `on`, `off` and the prefixes of `true`, `false` and `yes`.
 */
const POSTGRES_ONLY_BOOLEAN = /^\s*(?:tr|tru|fa|fal|fals|ye|on|of|off)\s*$/i

/** A bind parameter sent as text, by its position. */
export interface BindValue {
  readonly index: number
  readonly text: string
}

/**
 * The text-format values of a Bind message (`buf[start]` is its type byte)
 * that a parameter's type might refuse where PostgreSQL reads them: a
 * BOOLEAN word Redshift lacks, or a datetime text Redshift's types cannot
 * hold ('epoch', 'infinity', a DATE past 294276 AD). Most Bind messages have
 * none, so the parameter types are looked up only for those that do.
 *
 * @example
 * ```ts
 * const suspects = suspectBindValues(buf, start, end)
 * if (suspects.length > 0) types = await channel.parameterTypes(text, declared)
 * ```
 */
export function suspectBindValues(
  buf: Buffer,
  start: number,
  end: number,
): readonly BindValue[] {
  let at = buf.indexOf(0, start + 5) + 1 // portal
  at = buf.indexOf(0, at) + 1 // statement
  const formatCount = buf.readInt16BE(at)
  const formats: number[] = []
  for (let i = 0; i < formatCount; i++)
    formats.push(buf.readInt16BE(at + 2 + i * 2))
  at += 2 + formatCount * 2
  const count = buf.readInt16BE(at)
  at += 2
  const out: BindValue[] = []
  for (let i = 0; i < count && at + 4 <= end; i++) {
    const length = buf.readInt32BE(at)
    at += 4
    if (length < 0) continue
    const format = formats.length === 1 ? formats[0] : (formats[i] ?? 0)
    if (format === 0 && length <= 64) {
      const text = buf.toString('utf8', at, at + length)
      if (
        POSTGRES_ONLY_BOOLEAN.test(text) ||
        datetimeLiteralError('date', text) !== undefined
      )
        out.push({ index: i, text })
    }
    at += length
  }
  return out
}

/**
 * The error Redshift gives for one of `values` as a parameter of the type
 * PostgreSQL inferred for it (`types`, by position), as it does for the same
 * text written as a literal; undefined when all are read.
 *
 * @example
 * ```ts
 * bindValueError([16], [{ index: 0, text: 'on' }])?.code // '22P02'
 * bindValueError([25], [{ index: 0, text: 'on' }]) // undefined
 * ```
 */
export function bindValueError(
  types: readonly number[],
  values: readonly BindValue[],
): ErrorFields | undefined {
  for (const { index, text } of values) {
    const type = types[index]
    if (type === BOOL_OID) {
      const error = booleanLiteralError(text)
      if (error !== undefined) return error
    }
    const datetime = type === undefined ? undefined : DATETIME_OIDS.get(type)
    if (datetime !== undefined) {
      const error = datetimeLiteralError(datetime, text)
      if (error !== undefined) return error
    }
  }
  return undefined
}
