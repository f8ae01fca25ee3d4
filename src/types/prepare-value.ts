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
  if (isJsonObject(value)) return toJson(value)
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

/** JSON.stringify's rules, plus bigint written as a number. */
function toJson(value: unknown, key = ''): string | undefined {
  let v = value
  if (
    typeof v === 'object' &&
    v !== null &&
    typeof (v as { toJSON?: unknown }).toJSON === 'function'
  ) {
    v = (v as { toJSON(key: string): unknown }).toJSON(key)
  }
  if (v === null) return 'null'
  switch (typeof v) {
    case 'bigint':
      return v.toString()
    case 'number':
      return Number.isFinite(v) ? String(v) : 'null'
    case 'string':
    case 'boolean':
      return JSON.stringify(v)
    case 'object':
      if (Array.isArray(v)) {
        return `[${v.map((item, i) => toJson(item, String(i)) ?? 'null').join(',')}]`
      } else {
        const members: string[] = []
        for (const [k, item] of Object.entries(v)) {
          const json = toJson(item, k)
          if (json !== undefined) members.push(`${JSON.stringify(k)}:${json}`)
        }
        return `{${members.join(',')}}`
      }
    default:
      // undefined, functions and symbols are skipped, as JSON.stringify does.
      return undefined
  }
}
