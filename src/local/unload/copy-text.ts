/**
 * Reading PostgreSQL's COPY text format (`COPY (query) TO STDOUT`) straight
 * from its bytes: one row per line, fields separated by tabs, `\N` for
 * NULL, and backslash escapes (`\\`, `\t`, `\n`, `\r`, `\b`, `\f`, `\v`) in
 * values. Tabs and newlines inside values are always escaped, so a raw tab
 * or newline byte is always a separator, even inside multi-byte UTF-8.
 */

const TAB = 0x09
const NEWLINE = 0x0a
const BACKSLASH = 0x5c
const UPPER_N = 0x4e

/** The byte each escape letter stands for (`\n` is 10 ...); other letters stand for themselves. */
const ESCAPED = new Uint8Array(256).map((_, i) => i)
ESCAPED[0x62] = 0x08 // b
ESCAPED[0x66] = 0x0c // f
ESCAPED[0x6e] = 0x0a // n
ESCAPED[0x72] = 0x0d // r
ESCAPED[0x74] = 0x09 // t
ESCAPED[0x76] = 0x0b // v

/**
 * Where the fields of one row are: {@link splitRow} fills `starts` and
 * `ends` (byte offsets in the chunk) for each field.
 *
 * @example
 * ```ts
 * const fields = new RowFields(3)
 * const next = splitRow(chunk, 0, fields) // offset of the next row
 * fieldIsNull(chunk, fields.starts[1]!, fields.ends[1]!)
 * ```
 */
export class RowFields {
  readonly starts: Int32Array
  readonly ends: Int32Array
  /** Fields the last row had. */
  count = 0

  constructor(width: number) {
    this.starts = new Int32Array(Math.max(width, 1))
    this.ends = new Int32Array(Math.max(width, 1))
  }
}

/**
 * Splits the row that starts at `at` in `chunk` into `fields` and returns
 * where the next row starts. The chunk holds whole rows.
 *
 * @example
 * ```ts
 * splitRow(Buffer.from('1\tab\n'), 0, fields) // 5; fields: [0,1) and [2,4)
 * ```
 */
export function splitRow(
  chunk: Uint8Array,
  at: number,
  fields: RowFields,
): number {
  const { starts, ends } = fields
  const width = starts.length
  let field = 0
  let start = at
  const n = chunk.length
  let i = at
  for (; i < n; i++) {
    const c = chunk[i]!
    if (c === TAB) {
      if (field < width) {
        starts[field] = start
        ends[field] = i
      }
      field++
      start = i + 1
    } else if (c === NEWLINE) break
  }
  if (field < width) {
    starts[field] = start
    ends[field] = i
  }
  fields.count = field + 1
  return i + 1
}

/** Whether a field is `\N` (SQL NULL). */
export function fieldIsNull(
  chunk: Uint8Array,
  start: number,
  end: number,
): boolean {
  return (
    end - start === 2 &&
    chunk[start] === BACKSLASH &&
    chunk[start + 1] === UPPER_N
  )
}

/** Whether a field holds an escape (and so is not its bytes as they are). */
export function fieldHasEscape(
  chunk: Uint8Array,
  start: number,
  end: number,
): boolean {
  for (let i = start; i < end; i++) if (chunk[i] === BACKSLASH) return true
  return false
}

/**
 * A (non-NULL) field's value as text, escapes undone.
 *
 * @example
 * ```ts
 * fieldText(Buffer.from('a\\tb'), 0, 4) // 'a\tb'
 * ```
 */
export function fieldText(chunk: Buffer, start: number, end: number): string {
  if (!fieldHasEscape(chunk, start, end)) {
    return chunk.toString('utf8', start, end)
  }
  const bytes = Buffer.allocUnsafe(end - start)
  const length = unescapeInto(chunk, start, end, bytes, 0)
  return bytes.toString('utf8', 0, length)
}

/**
 * Copies a field into `target` at `at` with its escapes undone; returns the
 * end in `target`. The value never takes more bytes than the field.
 */
export function unescapeInto(
  chunk: Uint8Array,
  start: number,
  end: number,
  target: Uint8Array,
  at: number,
): number {
  for (let i = start; i < end; i++) {
    const c = chunk[i]!
    if (c !== BACKSLASH) target[at++] = c
    // A lone backslash at the end stands for nothing.
    else if (i + 1 < end) target[at++] = ESCAPED[chunk[++i]!]!
  }
  return at
}

/**
 * A row's values as text (`null` for NULL), as the text-format writers take
 * them.
 *
 * @example
 * ```ts
 * rowValues(chunk, fields, [0, 2], out) // out: ['1', null]
 * ```
 */
export function rowValues(
  chunk: Buffer,
  fields: RowFields,
  indexes: readonly number[],
  out: (string | null)[],
): void {
  const { starts, ends } = fields
  for (let k = 0; k < indexes.length; k++) {
    const i = indexes[k]!
    if (i >= fields.count) {
      out[k] = null
      continue
    }
    const start = starts[i]!
    const end = ends[i]!
    out[k] = fieldIsNull(chunk, start, end)
      ? null
      : fieldText(chunk, start, end)
  }
}

/**
 * A whole row's values as text, for the text formats: the line decoded
 * once and split at its tabs (cheaper than a decode per field), escapes
 * undone where there are any. `start` is where the row begins and `next`
 * where the following one does (its newline is not part of the row).
 *
 * @example
 * ```ts
 * lineValues(Buffer.from('1\t\\N\n'), 0, 5, [0, 1], out) // out: ['1', null]
 * ```
 */
export function lineValues(
  chunk: Buffer,
  start: number,
  next: number,
  indexes: readonly number[],
  out: (string | null)[],
): void {
  const values = chunk.toString('utf8', start, next - 1).split('\t')
  for (let k = 0; k < indexes.length; k++) {
    const value = values[indexes[k]!]
    if (value === undefined || value === '\\N') out[k] = null
    else if (!value.includes('\\')) out[k] = value
    else out[k] = fieldText(Buffer.from(value), 0, Buffer.byteLength(value))
  }
}
