import { quoteIdentifier } from './quote.js'

/** DATE's range (r_Datetime_types.html: 4713 BC to 294276 AD); PostgreSQL's runs to 5874897 AD. */
const DATE_RANGE = "'4713-11-24 BC'::date AND '294276-12-31'::date"

/**
 * The column constraint CREATE TABLE gives a column whose Redshift type
 * holds less than the PostgreSQL type it is stored as, so that every value
 * stored (a bind parameter, `from_hex(...)`, date arithmetic, not only the
 * string literals `stored-literals.ts` reads) is checked by PostgreSQL
 * itself, in the words the literal checks use:
 *
 * - VARBYTE(n), stored as bytea (no type modifier to coerce to): at most n
 *   bytes, else `22001 value too long for type varbyte(n)`;
 * - DATE: 4713 BC to 294276 AD and finite, else `22008 date out of range`.
 *
 * The test is one comparison per row; the raising function runs only for a
 * value out of range (it takes the value, so that PostgreSQL does not fold
 * it as a constant when it plans the constraint). Redshift has no CHECK constraints: this one is the
 * emulator's (PostgreSQL names it `table_column_check`; SHOW TABLE leaves it
 * out). Null for any other column type.
 *
 * @example
 * ```ts
 * storedValueCheck('varbyte(10)', 'VARBYTE', 'vb')
 * // ' CHECK ("vb" IS NULL OR pg_catalog.octet_length("vb") <= 10 OR redshift_local.varbyte_too_long("vb", 10) IS NULL)'
 * ```
 */
export function storedValueCheck(
  redshiftType: string | null,
  typeName: string,
  column: string,
): string | null {
  const name = quoteIdentifier(column)
  const varbyte = /^varbyte\((\d+)\)$/.exec(redshiftType ?? '')
  if (varbyte !== null) {
    const n = varbyte[1]!
    return ` CHECK (${name} IS NULL OR pg_catalog.octet_length(${name}) <= ${n} OR redshift_local.varbyte_too_long(${name}, ${n}) IS NULL)`
  }
  if (typeName === 'DATE')
    return ` CHECK (${name} IS NULL OR ${name} BETWEEN ${DATE_RANGE} OR redshift_local.date_out_of_range(${name}) IS NULL)`
  return null
}
