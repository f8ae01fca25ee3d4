import type { LongNames } from '../sql/long-identifiers.js'

/**
 * A RowDescription (`buf[start]` is its type byte) whose field names are
 * short PostgreSQL names of long identifiers, rebuilt with the long names the
 * client wrote; null when no field name is one (the message passes as is).
 * A field name is read only when it contains `$`, which ends every short
 * name, so ordinary answers cost one scan of their names.
 *
 * @example
 * ```ts
 * const restored = restoreRowDescription(buf, start, end, planner.longNames)
 * if (restored) toClient.push(restored)
 * ```
 */
export function restoreRowDescription(
  buf: Buffer,
  start: number,
  end: number,
  names: LongNames,
): Buffer | null {
  const count = buf.readInt16BE(start + 5)
  let at = start + 7
  let parts: Buffer[] | null = null
  let copied = start + 7
  for (let i = 0; i < count && at < end; i++) {
    const nameEnd = buf.indexOf(0, at)
    if (nameEnd < 0 || nameEnd >= end) return null
    if (buf.indexOf(0x24 /* $ */, at) < nameEnd) {
      const long = names.lookup(buf.toString('utf8', at, nameEnd))
      if (long !== undefined) {
        parts ??= [buf.subarray(start, start + 7)]
        parts.push(buf.subarray(copied, at), Buffer.from(long, 'utf8'))
        copied = nameEnd
      }
    }
    // table oid (4), attnum (2), type oid (4), typlen (2), typmod (4), format (2)
    at = nameEnd + 1 + 18
  }
  if (parts === null) return null
  parts.push(buf.subarray(copied, end))
  const out = Buffer.concat(parts)
  out.writeInt32BE(out.length - 1, 1)
  return out
}
