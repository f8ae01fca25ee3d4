/**
 * Exact text forms of the values columnar files store as numbers or bytes,
 * shared by the Parquet and Avro readers. They are the forms PostgreSQL
 * prints and reads back unchanged, so COPY can pass them on as they are.
 */

const MICROS_PER_DAY = 86_400_000_000n

/**
 * A day count since 1970-01-01 as 'YYYY-MM-DD' (with ' BC' before year 1,
 * as PostgreSQL writes it).
 *
 * @example
 * ```ts
 * dateFromDays(19723) // '2024-01-01'
 * ```
 */
export function dateFromDays(days: number): string {
  const date = new Date(days * 86_400_000)
  if (Number.isNaN(date.getTime())) {
    throw new RangeError(`date out of range: ${days} days from 1970-01-01`)
  }
  return `${yearText(date.getUTCFullYear())}-${pad(date.getUTCMonth() + 1, 2)}-${pad(date.getUTCDate(), 2)}${eraSuffix(date.getUTCFullYear())}`
}

/**
 * Microseconds since 1970-01-01 00:00:00 UTC as
 * 'YYYY-MM-DD HH:MM:SS[.ffffff]' (fraction without trailing zeros, as
 * PostgreSQL prints a timestamp).
 *
 * @example
 * ```ts
 * timestampFromMicros(1704067200123450n) // '2024-01-01 00:00:00.12345'
 * ```
 */
export function timestampFromMicros(micros: bigint): string {
  const days = floorDiv(micros, MICROS_PER_DAY)
  const date = dateFromDays(Number(days))
  const time = timeFromMicros(micros - days * MICROS_PER_DAY)
  return date.endsWith(' BC')
    ? `${date.slice(0, -3)} ${time} BC`
    : `${date} ${time}`
}

/**
 * Microseconds since midnight as 'HH:MM:SS[.ffffff]'.
 *
 * @example
 * ```ts
 * timeFromMicros(45_296_000_001n) // '12:34:56.000001'
 * ```
 */
export function timeFromMicros(micros: bigint): string {
  const seconds = micros / 1_000_000n
  const fraction = Number(micros % 1_000_000n)
  const s = Number(seconds)
  const text = `${pad(Math.floor(s / 3600), 2)}:${pad(Math.floor(s / 60) % 60, 2)}:${pad(s % 60, 2)}`
  return fraction === 0
    ? text
    : `${text}.${pad(fraction, 6).replace(/0+$/, '')}`
}

/**
 * An unscaled integer and a scale as the exact decimal text.
 *
 * @example
 * ```ts
 * decimalText(-12345n, 2) // '-123.45'
 * decimalText(5n, 3) // '0.005'
 * ```
 */
export function decimalText(unscaled: bigint, scale: number): string {
  const negative = unscaled < 0n
  const digits = (negative ? -unscaled : unscaled).toString()
  if (scale <= 0) {
    return (negative ? '-' : '') + digits + '0'.repeat(-scale)
  }
  const padded = digits.padStart(scale + 1, '0')
  return `${negative ? '-' : ''}${padded.slice(0, -scale)}.${padded.slice(-scale)}`
}

/**
 * Big-endian two's-complement bytes (Parquet's and Avro's decimal encoding)
 * as a bigint.
 *
 * @example
 * ```ts
 * signedBigEndian(Uint8Array.of(0xff, 0x38)) // -200n
 * ```
 */
export function signedBigEndian(bytes: Uint8Array): bigint {
  if (bytes.length === 0) return 0n
  let value = 0n
  for (const byte of bytes) value = (value << 8n) | BigInt(byte)
  return bytes[0]! & 0x80 ? value - (1n << BigInt(bytes.length * 8)) : value
}

/**
 * An integer that stays a number while exact, and a bigint beyond 2^53.
 *
 * @example
 * ```ts
 * exactInteger(42n) // 42
 * exactInteger(9007199254740993n) // 9007199254740993n
 * ```
 */
export function exactInteger(value: bigint): number | bigint {
  return value >= -9007199254740991n && value <= 9007199254740991n
    ? Number(value)
    : value
}

function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b
  return a % b !== 0n && a < 0n !== b < 0n ? q - 1n : q
}

function yearText(year: number): string {
  return pad(year > 0 ? year : 1 - year, 4)
}

function eraSuffix(year: number): string {
  return year > 0 ? '' : ' BC'
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0')
}
