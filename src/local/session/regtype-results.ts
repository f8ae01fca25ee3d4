/** PostgreSQL's `regtype`: a type OID printed as the type's name. */
const REGTYPE_OID = 2206

/**
 * Redshift's names of the types the backing database prints otherwise as a
 * `regtype`: SUPER is json there and VARBYTE bytea, and Redshift's own OIDs
 * with no backing type (the catalog reference's 4000, 6551, 3000, 3001,
 * 2935, 1188, 1190) print as bare numbers. The names are the ones
 * FORMAT_TYPE and the emulator's `pg_type` give them (`super-catalog.ts`).
 */
const REDSHIFT_NAMES: ReadonlyMap<string, Buffer> = new Map(
  (
    [
      ['json', 'super'],
      ['4000', 'super'],
      ['bytea', 'varbyte'],
      ['6551', 'varbyte'],
      ['3000', 'geometry'],
      ['3001', 'geography'],
      ['2935', 'hllsketch'],
      ['1188', 'interval year to month'],
      ['1190', 'interval day to second'],
    ] as const
  ).map(([from, to]) => [from, Buffer.from(to)]),
)

/** The longest text {@link REDSHIFT_NAMES} maps. */
const LONGEST = 5

/**
 * The indexes of a RowDescription's `regtype` fields sent as text
 * (`buf[start]` is its type byte); null when there are none, as nearly
 * always.
 *
 * @example
 * ```ts
 * const columns = regtypeColumns(buf, start, end) // [0] for `select pg_typeof(x)`
 * ```
 */
export function regtypeColumns(
  buf: Buffer,
  start: number,
  end: number,
): number[] | null {
  const count = buf.readInt16BE(start + 5)
  let out: number[] | null = null
  let at = start + 7
  for (let i = 0; i < count && at < end; i++) {
    const nameEnd = buf.indexOf(0, at)
    // NUL, table oid (4), attnum (2), type oid (4), typlen (2), typmod (4), format (2)
    if (nameEnd < 0 || nameEnd + 19 > end) break
    if (
      buf.readInt32BE(nameEnd + 7) === REGTYPE_OID &&
      buf.readInt16BE(nameEnd + 17) === 0
    )
      (out ??= []).push(i)
    at = nameEnd + 19
  }
  return out
}

/**
 * Rewrites a DataRow (`buf[start]` is its type byte) so that its `regtype`
 * values in `columns` name Redshift's types: `pg_typeof` of a SUPER value
 * is `super`, `4000::regtype` is `super`, `6551::regtype` is `varbyte`.
 * Null when no value changes.
 *
 * @example
 * ```ts
 * const row = regtypeDataRow(buf, start, end, [0]) // 'json' -> 'super'
 * ```
 */
export function regtypeDataRow(
  buf: Buffer,
  start: number,
  end: number,
  columns: readonly number[],
): Buffer | null {
  const count = buf.readInt16BE(start + 5)
  let parts: Buffer[] | null = null
  let copied = start
  let at = start + 7
  let next = 0
  for (let i = 0; i < count && next < columns.length && at + 4 <= end; i++) {
    const length = buf.readInt32BE(at)
    if (i === columns[next]) {
      next++
      const name =
        length > 0 && length <= LONGEST
          ? REDSHIFT_NAMES.get(buf.toString('latin1', at + 4, at + 4 + length))
          : undefined
      if (name !== undefined) {
        parts ??= []
        const word = Buffer.allocUnsafe(4)
        word.writeInt32BE(name.length)
        parts.push(buf.subarray(copied, at), word, name)
        copied = at + 4 + length
      }
    }
    at += 4 + Math.max(length, 0)
  }
  if (parts === null) return null
  parts.push(buf.subarray(copied, end))
  const out = Buffer.concat(parts)
  out.writeInt32BE(out.length - 1, 1)
  return out
}
