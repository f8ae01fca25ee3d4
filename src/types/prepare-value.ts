import { jsonText } from './json-text.js'

/**
 * Converts a bind parameter into what the server should receive, where pg's
 * own conversion is wrong or fails for Redshift. Apply it to every parameter
 * before `client.query(text, values)`:
 *
 * - `Date` -> `'YYYY-MM-DD HH:MM:SS.mmm+00'`. pg sends a Date in the
 *   process's local zone with an offset; a TIMESTAMP column drops the offset,
 *   so the stored value would depend on `TZ`. UTC matches how TIMESTAMP is
 *   read back (see `parseTimestamp`) and is the same instant for TIMESTAMPTZ.
 * - `bigint` -> its decimal digits (pg does this at top level too).
 * - plain objects and arrays of them -> JSON text in which a `bigint` is
 *   written as a JSON number; pg uses `JSON.stringify`, which throws on
 *   bigint.
 * - arrays -> each element converted; Buffers and everything else unchanged.
 *
 * ```ts
 * await client.query('insert into t (at, n) values ($1, $2)', [
 *   new Date(), 9007199254740993n,
 * ].map(prepareValue))
 * ```
 */
export function prepareValue(value: unknown): unknown {
  if (typeof value === 'bigint') return value.toString()
  if (value instanceof Date) return formatUtcTimestamp(value)
  if (Array.isArray(value)) return value.map(prepareValue)
  if (isJsonObject(value)) return jsonText(value)
  return value
}

function isJsonObject(value: unknown): value is object {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Buffer.isBuffer(value) &&
    !ArrayBuffer.isView(value) &&
    typeof (value as { toPostgres?: unknown }).toPostgres !== 'function'
  )
}

function formatUtcTimestamp(date: Date): string | Date {
  // An invalid Date is left for pg, which reports it.
  if (Number.isNaN(date.getTime())) return date
  const year = date.getUTCFullYear()
  const bc = year < 1
  const pad = (n: number, width = 2) => String(n).padStart(width, '0')
  return (
    `${pad(bc ? 1 - year : year, 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())} ` +
    `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}` +
    `.${pad(date.getUTCMilliseconds(), 3)}+00${bc ? ' BC' : ''}`
  )
}
