const NEEDS_ESCAPE = /[\\\t\n\r]/
const ESCAPES = /[\\\t\n\r]/g
const REPLACE: Readonly<Record<string, string>> = {
  '\\': '\\\\',
  '\t': '\\t',
  '\n': '\\n',
  '\r': '\\r',
}

/**
 * One value in PostgreSQL's COPY text format: `\N` for NULL, and backslash,
 * tab, newline and carriage return escaped so that no value can end a
 * field or a row.
 *
 * @example
 * ```ts
 * copyTextValue('a\tb') // 'a\\tb'
 * copyTextValue(null) // '\\N'
 * ```
 */
export function copyTextValue(value: string | null): string {
  if (value === null) return '\\N'
  return NEEDS_ESCAPE.test(value)
    ? value.replace(ESCAPES, (c) => REPLACE[c]!)
    : value
}

/** About how many bytes of COPY data go in one chunk. */
export const CHUNK_SIZE = 64 * 1024

/**
 * Collects COPY rows and hands them out as chunks of about `CHUNK_SIZE`
 * bytes, so the loader holds one chunk, never a whole file.
 *
 * @example
 * ```ts
 * const out = new CopyChunks()
 * out.row(['1', 'a'])
 * if (out.full) yield out.take()
 * ```
 */
export class CopyChunks {
  // One growing string: V8 joins the pieces once, when the chunk is taken.
  #text = ''

  /**
   * Adds one row of already-converted values (null for NULL). `plain[i]`
   * says that column's values can never hold a character to escape
   * (numbers, booleans, dates), so they are not looked at.
   */
  row(values: readonly (string | null)[], plain?: readonly boolean[]): void {
    let line = ''
    for (let i = 0; i < values.length; i++) {
      const v = values[i]!
      const text =
        v === null ? '\\N' : plain?.[i] === true ? v : copyTextValue(v)
      line += i === 0 ? text : '\t' + text
    }
    this.#text += line + '\n'
  }

  get full(): boolean {
    return this.#text.length >= CHUNK_SIZE
  }

  get empty(): boolean {
    return this.#text.length === 0
  }

  /** The collected rows as one buffer; starts a new chunk. */
  take(): Buffer {
    const buf = Buffer.from(this.#text, 'utf8')
    this.#text = ''
    return buf
  }
}
