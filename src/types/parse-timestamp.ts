// ISO output of PostgreSQL and Redshift (DateStyle ISO): date, time, optional
// fraction, optional offset (`+00`, `+05:30`, `-03:30:15`), optional ` BC`.
const TIMESTAMP =
  /^(\d{4,})-(\d\d)-(\d\d)[ T](\d\d):(\d\d):(\d\d)(?:\.(\d+))?(?:(Z)|([+-])(\d\d)(?::?(\d\d))?(?::?(\d\d))?)?( BC)?$/

/**
 * Parses a TIMESTAMP or TIMESTAMPTZ text into a Date.
 *
 * A value without an offset (TIMESTAMP) is read as UTC: Redshift stores no
 * zone for it, and reading it in the process's local zone (what `pg` does by
 * default) shifts the value with `TZ` and breaks on DST gaps. A value with an
 * offset (TIMESTAMPTZ) is the instant it names. Fractions beyond milliseconds
 * are truncated, as a Date holds no more.
 *
 * Anything else the server may send (`infinity`, `-infinity`) is returned as
 * its text, so nothing is silently turned into an invalid Date.
 *
 * ```ts
 * parseTimestamp('2024-03-10 02:30:00')   // 2024-03-10T02:30:00.000Z
 * parseTimestamp('2024-03-10 02:30:00-05') // 2024-03-10T07:30:00.000Z
 * ```
 */
export function parseTimestamp(text: string): Date | string {
  const m = TIMESTAMP.exec(text)
  if (!m) return text
  const [, y, mo, d, h, mi, s, fraction, zulu, sign, oh, om, os, bc] = m
  const year = bc ? 1 - Number(y) : Number(y)
  const ms = fraction ? Number(fraction.slice(0, 3).padEnd(3, '0')) : 0
  const date = new Date(0)
  // setUTCFullYear, unlike Date.UTC, does not map years 0-99 to 1900-1999.
  date.setUTCFullYear(year, Number(mo) - 1, Number(d))
  date.setUTCHours(Number(h), Number(mi), Number(s), ms)
  if (sign && !zulu) {
    const offsetSeconds =
      Number(oh) * 3600 + Number(om ?? 0) * 60 + Number(os ?? 0)
    const direction = sign === '+' ? -1 : 1
    date.setTime(date.getTime() + direction * offsetSeconds * 1000)
  }
  return date
}
