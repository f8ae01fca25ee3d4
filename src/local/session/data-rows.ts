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

/**
 * Decodes one CopyData message of PostgreSQL's COPY text format (one row,
 * tab-separated, `\N` for NULL, backslash escapes; `buf[start]` is its type
 * byte).
 *
 * @example
 * ```ts
 * readCopyTextRow(buf, start, end) // ['1', null, 'two\nlines']
 * ```
 */
export function readCopyTextRow(
  buf: Buffer,
  start: number,
  end: number,
): (string | null)[] {
  // The row ends with a newline, which is not part of the last value.
  const line = buf.toString('utf8', start + 5, end - 1)
  const values: (string | null)[] = line.split('\t')
  for (let i = 0; i < values.length; i++) {
    const value = values[i]!
    if (value === '\\N') values[i] = null
    else if (value.includes('\\')) values[i] = unescapeCopyText(value)
  }
  return values
}

const ESCAPED: Readonly<Record<string, string>> = {
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
}

/** A value of COPY text format with its backslash escapes undone. */
function unescapeCopyText(value: string): string {
  let out = ''
  let from = 0
  for (let i = value.indexOf('\\'); i !== -1; i = value.indexOf('\\', from)) {
    const next = value[i + 1] ?? ''
    out += value.slice(from, i) + (ESCAPED[next] ?? next)
    from = i + 2
  }
  return out + value.slice(from)
}
