/** One column of a RowDescription. */
export interface RowField {
  readonly name: string
  /** Oid of the table the column comes from (0 for an expression). */
  readonly tableOid: number
  /** Its attribute number in that table (0 for an expression). */
  readonly attnum: number
  readonly typeOid: number
  readonly typmod: number
}

/**
 * Decodes a RowDescription (`buf[start]` is its type byte).
 *
 * @example
 * ```ts
 * const fields = readRowDescription(buf, start) // [{ name: 'id', typeOid: 23, ... }]
 * ```
 */
export function readRowDescription(buf: Buffer, start: number): RowField[] {
  const count = buf.readInt16BE(start + 5)
  const fields: RowField[] = []
  let offset = start + 7
  for (let i = 0; i < count; i++) {
    const zero = buf.indexOf(0, offset)
    const name = buf.toString('utf8', offset, zero)
    offset = zero + 1
    fields.push({
      name,
      tableOid: buf.readUInt32BE(offset),
      attnum: buf.readInt16BE(offset + 4),
      typeOid: buf.readUInt32BE(offset + 6),
      typmod: buf.readInt32BE(offset + 12),
    })
    // tableOid 4, attnum 2, typeOid 4, typlen 2, typmod 4, format 2.
    offset += 18
  }
  return fields
}

/**
 * Decodes a DataRow of text-format values (`buf[start]` is its type byte);
 * SQL NULL is `null`.
 *
 * @example
 * ```ts
 * readDataRow(buf, start) // ['1', null, 'O''Brien']
 * ```
 */
export function readDataRow(buf: Buffer, start: number): (string | null)[] {
  const count = buf.readInt16BE(start + 5)
  const values: (string | null)[] = new Array(count)
  let offset = start + 7
  for (let i = 0; i < count; i++) {
    const length = buf.readInt32BE(offset)
    offset += 4
    if (length < 0) {
      values[i] = null
    } else {
      values[i] = buf.toString('utf8', offset, offset + length)
      offset += length
    }
  }
  return values
}
