/** PostgreSQL's `bytea`: the backing type of every VARBYTE value. */
export const BYTEA_OID = 17
/** VARBYTE's OID in the AWS drivers' tables (redshift_connector `oids.py`, JDBC `Oid.java`). */
export const VARBYTE_OID = 6551

const BACKSLASH = 0x5c
const LOWER_X = 0x78

/**
 * Whether `buf[at, at + length)` is PostgreSQL's hex text of a bytea:
 * `\x` and lower-case hex digits. A value sent in binary format (which a
 * client may ask for after a statement-level Describe) is left alone unless
 * it happens to read so, which a VARBYTE value's text form always does.
 */
function isHexText(buf: Buffer, at: number, length: number): boolean {
  if (length < 2 || buf[at] !== BACKSLASH || buf[at + 1] !== LOWER_X)
    return false
  for (let i = at + 2; i < at + length; i++) {
    const c = buf[i]!
    if (!((c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66))) return false
  }
  return true
}

/**
 * Rewrites a DataRow (`buf[start]` is its type byte) so that the values of
 * the `columns` (indexes of VARBYTE fields) read as Redshift prints VARBYTE:
 * hex digits without PostgreSQL's `\x` prefix (`616263`, r_VARBYTE_type.html).
 * Returns null when no value changes (all NULL, or not hex text).
 *
 * @example
 * ```ts
 * const row = varbyteDataRow(buf, start, end, [0])
 * if (row === null) toClient.pass(buf, start, end)
 * else toClient.push(row)
 * ```
 */
export function varbyteDataRow(
  buf: Buffer,
  start: number,
  end: number,
  columns: readonly number[],
): Buffer | null {
  const count = buf.readInt16BE(start + 5)
  /** Offsets of the length words of the values to shorten. */
  const cut: number[] = []
  let at = start + 7
  let next = 0
  for (let i = 0; i < count && next < columns.length && at + 4 <= end; i++) {
    const length = buf.readInt32BE(at)
    if (i === columns[next]) {
      next++
      if (length >= 2 && isHexText(buf, at + 4, length)) cut.push(at)
    }
    at += 4 + Math.max(length, 0)
  }
  if (cut.length === 0) return null
  const out = Buffer.allocUnsafe(end - start - 2 * cut.length)
  let from = start
  let to = 0
  for (const lengthAt of cut) {
    // Everything up to the value's length word, then the shorter length, then
    // the value after its two-byte prefix.
    to += buf.copy(out, to, from, lengthAt)
    out.writeInt32BE(buf.readInt32BE(lengthAt) - 2, to)
    to += 4
    from = lengthAt + 6
  }
  buf.copy(out, to, from, end)
  out.writeInt32BE(out.length - 1, 1)
  return out
}
