import { BYTEA_OID, VARBYTE_OID } from './varbyte-results.js'

/** PostgreSQL's `json`: the backing type of every SUPER value. */
const JSON_OID = 114
/** SUPER's OID in the AWS drivers' tables (redshift_connector `oids.py`, JDBC `Oid.java`). */
const SUPER_OID = 4000
const TEXT_OID = 25
const VARCHAR_OID = 1043
const INTERVAL_OID = 1186
/** Redshift's INTERVAL YEAR TO MONTH (`intervaly2m`) and DAY TO SECOND (`intervald2s`). */
const INTERVAL_Y2M_OID = 1188
const INTERVAL_D2S_OID = 1190
/** PostgreSQL's interval typmod range bits (INTERVAL_MASK of MONTH, YEAR). */
const YEAR_MONTH_BITS = (1 << 1) | (1 << 2)
/** INTERVAL_FULL_RANGE: a modifier with a precision only (`interval(3)`). */
const FULL_RANGE = 0x7fff

/**
 * The OID Redshift gives an interval of PostgreSQL type modifier `typmod`:
 * a column or value qualified YEAR, MONTH or YEAR TO MONTH is
 * INTERVAL YEAR TO MONTH (1188), one qualified DAY, HOUR, MINUTE, SECOND
 * or a range of them is INTERVAL DAY TO SECOND (1190)
 * (r_interval_data_types.html); an unqualified interval stays 1186.
 */
function intervalOid(typmod: number): number {
  if (typmod < 0) return INTERVAL_OID
  const range = (typmod >>> 16) & FULL_RANGE
  if (range === 0 || range === FULL_RANGE) return INTERVAL_OID
  return (range & ~YEAR_MONTH_BITS) === 0 ? INTERVAL_Y2M_OID : INTERVAL_D2S_OID
}

/**
 * Rewrites, in place, the type OIDs of a RowDescription (`buf[start]` is its
 * type byte) to the ones Redshift sends:
 *
 * - `json` (114) is SUPER (4000): SUPER columns and values are PostgreSQL
 *   `json` in the backing database.
 * - `text` (25) computed by an expression (no table behind the field) is
 *   VARCHAR (1043): Redshift has no TEXT type for results (TEXT columns
 *   become VARCHAR(256), r_Character_types.html), and its string functions
 *   and operators return VARCHAR (r_TO_CHAR.html, r_concat_op.html). The
 *   type modifier stays -1: the length Redshift reports for such a value is
 *   not documented. A field read from a relation keeps its type, since
 *   Redshift's catalog and system views do have TEXT columns
 *   (SVV_EXTERNAL_SCHEMAS.databasename); user tables never hold one, as
 *   CREATE TABLE turns TEXT into VARCHAR(256).
 *
 * - `interval` (1186) with a YEAR / MONTH qualifier is 1188 and with a DAY
 *   to SECOND one 1190, Redshift's two interval column types (see
 *   {@link intervalOid}); the modifier stays PostgreSQL's.
 * - `bytea` (17) is VARBYTE (6551): VARBYTE columns and values are
 *   PostgreSQL `bytea` in the backing database. The indexes of those sent
 *   as text are returned, so that their values can be printed as Redshift
 *   prints them (see `varbyteDataRow`); null when there are none.
 *
 * - `text` (25) read from a GEOMETRY, GEOGRAPHY or HLLSKETCH column is
 *   3000, 3001 or 2935, as `storedType` (table OID, attribute number) says.
 *
 * Only the four bytes of a changed OID are written: the message keeps its
 * length and the cost is one scan of the field names.
 *
 * @example
 * ```ts
 * const varbyteColumns = redshiftFieldTypes(buf, start, end, fieldTypes.typeOf)
 * toClient.pass(buf, start, end)
 * ```
 */
export function redshiftFieldTypes(
  buf: Buffer,
  start: number,
  end: number,
  storedType?: (table: number, attnum: number) => number | undefined,
): number[] | null {
  const count = buf.readInt16BE(start + 5)
  let varbyte: number[] | null = null
  let at = start + 7
  for (let i = 0; i < count && at < end; i++) {
    const nameEnd = buf.indexOf(0, at)
    if (nameEnd < 0 || nameEnd + 19 > end) return varbyte
    // NUL, table oid (4), attnum (2), type oid (4), typlen (2), typmod (4), format (2)
    const typeAt = nameEnd + 7
    const type = buf.readInt32BE(typeAt)
    const table = buf.readUInt32BE(nameEnd + 1)
    if (type === JSON_OID) buf.writeInt32BE(SUPER_OID, typeAt)
    else if (type === TEXT_OID && table === 0)
      buf.writeInt32BE(VARCHAR_OID, typeAt)
    else if (type === TEXT_OID) {
      const stored = storedType?.(table, buf.readInt16BE(nameEnd + 5))
      if (stored !== undefined) buf.writeInt32BE(stored, typeAt)
    } else if (type === INTERVAL_OID) {
      const oid = intervalOid(buf.readInt32BE(nameEnd + 13))
      if (oid !== INTERVAL_OID) buf.writeInt32BE(oid, typeAt)
    } else if (type === BYTEA_OID) {
      buf.writeInt32BE(VARBYTE_OID, typeAt)
      if (buf.readInt16BE(nameEnd + 17) === 0) (varbyte ??= []).push(i)
    }
    at = nameEnd + 19
  }
  return varbyte
}

/**
 * Rewrites, in place, the parameter types of a ParameterDescription
 * (`buf[start]` is its type byte) as {@link redshiftFieldTypes} does those
 * of results: `json` is SUPER and `text` is VARCHAR.
 *
 * @example
 * ```ts
 * redshiftParameterTypes(buf, start, end)
 * ```
 */
export function redshiftParameterTypes(
  buf: Buffer,
  start: number,
  end: number,
): void {
  const count = buf.readInt16BE(start + 5)
  for (let i = 0, at = start + 7; i < count && at + 4 <= end; i++, at += 4) {
    const type = buf.readInt32BE(at)
    if (type === JSON_OID) buf.writeInt32BE(SUPER_OID, at)
    else if (type === TEXT_OID) buf.writeInt32BE(VARCHAR_OID, at)
  }
}
