/**
 * The name standing for "the name of the column's type": Redshift names an
 * unaliased `x AT TIME ZONE z` timestamptz or timestamp after what it
 * returns (r_AT_TIME_ZONE.html), which only the RowDescription tells.
 */
export const NAMED_BY_TYPE = '\u0000type'

/** Names of the result types a column can be named after. */
const TYPE_NAMES: ReadonlyMap<number, string> = new Map([
  [1114, 'timestamp'],
  [1184, 'timestamptz'],
])

/**
 * A RowDescription (`buf[start]` is its type byte) with its field names as
 * Redshift sends them: renamed by position where `names` says so (`date_add`
 * for an unaliased DATEADD), and upper case when the session set
 * `describe_field_name_in_uppercase`
 * (https://docs.aws.amazon.com/redshift/latest/dg/r_describe_field_name_in_uppercase.html).
 * Returns null when nothing changes, so the message passes as it is.
 *
 * @example
 * ```ts
 * const shaped = redshiftFieldNames(buf, start, end, statement.columnNames, upper)
 * if (shaped) toClient.push(shaped)
 * ```
 */
export function redshiftFieldNames(
  buf: Buffer,
  start: number,
  end: number,
  names: readonly (string | undefined)[] | undefined,
  upper: boolean,
): Buffer | null {
  const count = buf.readInt16BE(start + 5)
  const parts: Buffer[] = [buf.subarray(start, start + 7)]
  let at = start + 7
  let changed = false
  for (let i = 0; i < count && at < end; i++) {
    const nameEnd = buf.indexOf(0, at)
    if (nameEnd < 0 || nameEnd >= end) return null
    const original = buf.toString('utf8', at, nameEnd)
    let name = names?.[i] ?? original
    if (name === NAMED_BY_TYPE)
      name = TYPE_NAMES.get(buf.readInt32BE(nameEnd + 7)) ?? original
    if (upper) name = name.toUpperCase()
    if (name !== original) changed = true
    parts.push(Buffer.from(name, 'utf8'))
    // NUL, table oid (4), attnum (2), type oid (4), typlen (2), typmod (4), format (2)
    parts.push(buf.subarray(nameEnd, nameEnd + 19))
    at = nameEnd + 19
  }
  if (!changed) return null
  const out = Buffer.concat(parts)
  out.writeInt32BE(out.length - 1, 1)
  return out
}
