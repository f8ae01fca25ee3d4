import type { RecordSplitter, TextRecord } from './text-record.js'

/** How delimited text is written. */
export interface DelimitedSyntax {
  readonly csv: boolean
  readonly delimiter: string
  /** CSV quote character. */
  readonly quote: string
  /** ESCAPE: a backslash makes the next character data. */
  readonly escape: boolean
  /** REMOVEQUOTES: a field in '...' or "..." keeps delimiters and loses its quotes. */
  readonly removeQuotes: boolean
  readonly nullAs: string
  /**
   * NULL AS was left out: with ESCAPE, the escaped `\\N` is NULL as well
   * (copy-parameters-data-conversion, ESCAPE).
   */
  readonly defaultNull?: boolean
}

const NEED_MORE = -1

/**
 * Splits Redshift's delimited text (pipe by default) and CSV into records.
 *
 * - Text: a record ends at a newline. With ESCAPE a backslash makes the next
 *   character data (an escaped delimiter, newline or backslash); without it a
 *   backslash is data. With REMOVEQUOTES a field starting with `"` or `'`
 *   runs to the matching quote, delimiters included.
 * - CSV: a field in quotes may hold delimiters, newlines and doubled quotes;
 *   white space between a delimiter and a quote is ignored; CRLF ends a
 *   record like LF.
 *
 * A field equal to the NULL AS string as written (before unescaping, and
 * never when quoted) comes out as `null`. Records that contain nothing
 * special take a fast path of `indexOf` and `slice`.
 *
 * @example
 * ```ts
 * const split = splitDelimited({ csv: true, delimiter: ',', quote: '"', escape: false, removeQuotes: false, nullAs: '\\N' })
 * split.feed('1,"a,b"\n', (r) => r.fields) // ['1', 'a,b']
 * ```
 */
export function splitDelimited(syntax: DelimitedSyntax): RecordSplitter {
  return new DelimitedSplitter(syntax)
}

class DelimitedSplitter implements RecordSplitter {
  readonly #s: DelimitedSyntax
  readonly #delim: number
  readonly #quote: number
  #carry = ''
  #line = 1

  constructor(syntax: DelimitedSyntax) {
    this.#s = syntax
    this.#delim = syntax.delimiter.charCodeAt(0)
    this.#quote = syntax.quote.charCodeAt(0)
  }

  get lines(): number {
    return this.#line - 1
  }

  feed(text: string, emit: (record: TextRecord) => void): void {
    const buf = this.#carry.length === 0 ? text : this.#carry + text
    const pos = this.#run(buf, false, emit)
    this.#carry = pos >= buf.length ? '' : buf.slice(pos)
  }

  end(emit: (record: TextRecord) => void): void {
    const buf = this.#carry
    this.#carry = ''
    if (buf.length > 0) this.#run(buf, true, emit)
  }

  /** Emits the records of `buf` from the start; returns where the unfinished rest begins. */
  #run(buf: string, final: boolean, emit: (r: TextRecord) => void): number {
    const s = this.#s
    const special = s.csv ? s.quote : s.escape ? '\\' : undefined
    const special2 = !s.csv && s.removeQuotes
    let pos = 0
    let nextSpecial = special === undefined ? -1 : buf.indexOf(special)
    let nextQuote = special2 ? firstQuote(buf, 0) : -1
    const n = buf.length
    while (pos < n) {
      let nl = buf.indexOf('\n', pos)
      if (nl === -1) {
        if (!final) return pos
        nl = n
      }
      if (nextSpecial !== -1 && nextSpecial < pos)
        nextSpecial = buf.indexOf(special!, pos)
      if (nextQuote !== -1 && nextQuote < pos) nextQuote = firstQuote(buf, pos)
      const plain =
        (nextSpecial === -1 || nextSpecial >= nl) &&
        (nextQuote === -1 || nextQuote >= nl)
      if (plain) {
        let end = nl
        if (s.csv && end > pos && buf.charCodeAt(end - 1) === 13) end--
        emit(this.#plainRecord(buf, pos, end))
        this.#line++
        pos = nl + 1
        continue
      }
      const next = s.csv
        ? this.#csvRecord(buf, pos, final, emit)
        : this.#textRecord(buf, pos, final, emit)
      if (next === NEED_MORE) return pos
      pos = next
    }
    return pos
  }

  #plainRecord(buf: string, start: number, end: number): TextRecord {
    const fields: (string | null)[] = []
    const offsets: number[] = []
    const nullAs = this.#s.nullAs
    const delimiter = this.#s.delimiter
    let at = start
    for (;;) {
      const d = buf.indexOf(delimiter, at)
      const stop = d === -1 || d >= end ? end : d
      const value = buf.slice(at, stop)
      fields.push(value === nullAs ? null : value)
      offsets.push(at - start)
      if (stop === end) break
      at = stop + 1
    }
    return {
      fields,
      quoted: null,
      offsets,
      raw: buf.slice(start, end),
      line: this.#line,
    }
  }

  /** Delimited text with ESCAPE and/or REMOVEQUOTES. Returns the position after the record, or NEED_MORE. */
  #textRecord(
    buf: string,
    start: number,
    final: boolean,
    emit: (r: TextRecord) => void,
  ): number {
    const s = this.#s
    const n = buf.length
    const fields: (string | null)[] = []
    const offsets: number[] = []
    let quoted: boolean[] | null = null
    let newlines = 0
    let i = start
    let error: TextRecord['error']
    for (;;) {
      const fieldStart = i
      let value = ''
      let seg = i
      let escaped = false
      let openQuote = 0
      let wasQuoted = false
      if (s.removeQuotes) {
        const c = buf.charCodeAt(i)
        if (c === 34 || c === 39) {
          openQuote = c
          wasQuoted = true
          i++
          seg = i
        }
      }
      let ended: 'delimiter' | 'line' | 'eof'
      for (;;) {
        if (i >= n) {
          if (!final) return NEED_MORE
          ended = 'eof'
          break
        }
        const c = buf.charCodeAt(i)
        if (s.escape && c === 92) {
          if (i + 1 >= n && !final) return NEED_MORE
          value += buf.slice(seg, i) + (buf[i + 1] ?? '')
          if (buf.charCodeAt(i + 1) === 10) newlines++
          escaped = true
          i += 2
          seg = i
          continue
        }
        if (openQuote !== 0 && c === openQuote) {
          value += buf.slice(seg, i)
          openQuote = 0
          i++
          seg = i
          continue
        }
        if (c === 10) {
          ended = 'line'
          break
        }
        if (openQuote === 0 && c === this.#delim) {
          ended = 'delimiter'
          break
        }
        i++
      }
      value += buf.slice(seg, i)
      if (openQuote !== 0 && error === undefined)
        error = { code: 1216, reason: 'Unterminated quoted string' }
      const raw = buf.slice(fieldStart, i)
      offsets.push(fieldStart - start)
      const isNull =
        !wasQuoted &&
        ((escaped ? raw : value) === s.nullAs ||
          (escaped && s.defaultNull === true && raw === '\\\\N'))
      fields.push(isNull ? null : value)
      if (wasQuoted)
        (quoted ??= new Array<boolean>(fields.length).fill(false))[
          fields.length - 1
        ] = true
      else if (quoted !== null) quoted.push(false)
      if (ended === 'delimiter') {
        i++
        continue
      }
      const end = i
      const record: TextRecord = {
        fields,
        quoted,
        offsets,
        raw: buf.slice(start, end),
        line: this.#line,
        ...(error !== undefined ? { error } : {}),
      }
      this.#line += 1 + newlines
      emit(record)
      return ended === 'line' ? end + 1 : end
    }
  }

  /** One CSV record with quotes. Returns the position after it, or NEED_MORE. */
  #csvRecord(
    buf: string,
    start: number,
    final: boolean,
    emit: (r: TextRecord) => void,
  ): number {
    const s = this.#s
    const q = this.#quote
    const quoteChar = s.quote
    const delim = this.#delim
    const n = buf.length
    const fields: (string | null)[] = []
    const offsets: number[] = []
    const quoted: boolean[] = []
    let newlines = 0
    let i = start
    let error: TextRecord['error']
    // Next delimiter and newline at or after i, found with indexOf and kept
    // until i passes them (no closure: this runs once per field).
    let nextDelim = -2
    let nextNl = -2
    for (;;) {
      const fieldStart = i
      // White space before an opening quote is ignored.
      let j = i
      while (j < n) {
        const c = buf.charCodeAt(j)
        if ((c !== 32 && c !== 9) || c === delim) break
        j++
      }
      let value: string
      let isQuoted = false
      let ended: 'delimiter' | 'line' | 'eof'
      if (j < n && buf.charCodeAt(j) === q) {
        isQuoted = true
        value = ''
        let seg = j + 1
        i = seg
        for (;;) {
          const close = buf.indexOf(quoteChar, i)
          if (close === -1) {
            if (!final) return NEED_MORE
            value += buf.slice(seg, n)
            newlines += countNewlines(buf, seg, n)
            i = n
            error ??= { code: 1216, reason: 'Unterminated quoted field' }
            break
          }
          if (close + 1 >= n && !final) return NEED_MORE
          newlines += countNewlines(buf, i, close)
          if (buf.charCodeAt(close + 1) === q) {
            value += buf.slice(seg, close + 1)
            i = close + 2
            seg = i
            continue
          }
          value += buf.slice(seg, close)
          i = close + 1
          break
        }
        // After the closing quote: blanks, then the delimiter or the line end.
        const tailStart = i
        if (nextDelim !== -1 && nextDelim < i)
          nextDelim = buf.indexOf(s.delimiter, i)
        if (nextNl !== -1 && nextNl < i) nextNl = buf.indexOf('\n', i)
        if (nextDelim === -1 && nextNl === -1) {
          if (!final) return NEED_MORE
          i = n
          ended = 'eof'
        } else if (nextNl === -1 || (nextDelim !== -1 && nextDelim < nextNl)) {
          i = nextDelim
          ended = 'delimiter'
        } else {
          i = nextNl
          ended = 'line'
        }
        if (i > tailStart) {
          const tail = buf.slice(tailStart, i)
          if (tail.trim() !== '') value += tail.replace(/\r$/, '')
        }
      } else {
        if (nextDelim !== -1 && nextDelim < fieldStart)
          nextDelim = buf.indexOf(s.delimiter, fieldStart)
        if (nextNl !== -1 && nextNl < fieldStart)
          nextNl = buf.indexOf('\n', fieldStart)
        let stop: number
        if (nextDelim === -1 && nextNl === -1) {
          if (!final) return NEED_MORE
          stop = i = n
          ended = 'eof'
        } else if (nextNl === -1 || (nextDelim !== -1 && nextDelim < nextNl)) {
          stop = i = nextDelim
          ended = 'delimiter'
        } else {
          stop = i = nextNl
          ended = 'line'
        }
        if (
          ended !== 'delimiter' &&
          stop > fieldStart &&
          buf.charCodeAt(stop - 1) === 13
        )
          stop--
        value = buf.slice(fieldStart, stop)
      }
      offsets.push(fieldStart - start)
      fields.push(!isQuoted && value === s.nullAs ? null : value)
      quoted.push(isQuoted)
      if (ended === 'delimiter') {
        i++
        continue
      }
      let end = i
      if (end > start && buf.charCodeAt(end - 1) === 13) end--
      const record: TextRecord = {
        fields,
        quoted,
        offsets,
        raw: buf.slice(start, end),
        line: this.#line,
        ...(error !== undefined ? { error } : {}),
      }
      this.#line += 1 + newlines
      emit(record)
      return ended === 'line' ? i + 1 : i
    }
  }
}

function countNewlines(buf: string, from: number, to: number): number {
  let count = 0
  let at = buf.indexOf('\n', from)
  while (at !== -1 && at < to) {
    count++
    at = buf.indexOf('\n', at + 1)
  }
  return count
}

function firstQuote(buf: string, from: number): number {
  const a = buf.indexOf('"', from)
  const b = buf.indexOf("'", from)
  return a === -1 ? b : b === -1 ? a : Math.min(a, b)
}
