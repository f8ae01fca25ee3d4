/**
 * Readers for the values of Redshift's system views, which come back in
 * shapes a caller should not have to know: `character(n)` blank-padded,
 * int8 as bigint or string (per the client's `types.int8`), numeric as text.
 */

/**
 * A `character(n)` value without its blank padding (trap 15), or `null`.
 *
 * ```ts
 * text('etl      ') // 'etl'
 * ```
 */
export function text(value: unknown): string | null {
  if (value === null || value === undefined) return null
  return String(value).trimEnd()
}

/**
 * An int4 / int8 / numeric value as a JavaScript number, or `null`.
 *
 * ```ts
 * num('42') // 42
 * num(42n) // 42
 * ```
 */
export function num(value: unknown): number | null {
  if (value === null || value === undefined) return null
  const parsed = typeof value === 'number' ? value : Number(String(value))
  return Number.isFinite(parsed) ? parsed : null
}

/** {@link num}, with 0 for a missing value (counts that Redshift leaves null). */
export function count(value: unknown): number {
  return num(value) ?? 0
}

/**
 * An int8 value (a SYS view's `query_id`) as a bigint, whatever the client's
 * `types.int8` setting made of it, or `null`.
 *
 * ```ts
 * int8('9007199254740993') // 9007199254740993n
 * ```
 */
export function int8(value: unknown): bigint | null {
  if (value === null || value === undefined) return null
  if (typeof value === 'bigint') return value
  const digits = String(value).trim()
  return /^-?\d+$/.test(digits) ? BigInt(digits) : null
}

/**
 * Microseconds (STV durations, every SYS `*_time` column) as milliseconds,
 * rounded to 0.001 ms, or `null`.
 *
 * ```ts
 * microsToMs(1_500) // 1.5
 * ```
 */
export function microsToMs(value: unknown): number | null {
  const micros = num(value)
  return micros === null ? null : Math.round(micros) / 1000
}

/**
 * A `timestamp` value as a Date (the client reads TIMESTAMP as UTC), or
 * `null`.
 *
 * ```ts
 * date('2024-03-10 02:30:00') // 2024-03-10T02:30:00.000Z
 * ```
 */
export function date(value: unknown): Date | null {
  if (value === null || value === undefined) return null
  if (value instanceof Date) return value
  const parsed = new Date(`${String(value).replace(' ', 'T')}Z`)
  return Number.isNaN(parsed.getTime()) ? null : parsed
}

/**
 * Checks a query id given by a caller: a safe non-negative integer (STL and
 * STV ids, int4) or a bigint (SYS ids, int8), so it can be written into SQL
 * as digits.
 *
 * ```ts
 * checkQueryId(42) // 42
 * checkQueryId(-1) // throws TypeError
 * ```
 */
export function checkQueryId<T extends number | bigint>(queryId: T): T {
  const ok =
    typeof queryId === 'bigint'
      ? queryId >= 0n && queryId < 2n ** 63n
      : typeof queryId === 'number' &&
        Number.isSafeInteger(queryId) &&
        queryId >= 0 &&
        queryId <= 2_147_483_647
  if (!ok) {
    throw new TypeError(
      `queryId must be an int4 number (STL/STV ids) or an int8 bigint (SYS ids), got ${String(queryId)}`,
    )
  }
  return queryId
}
