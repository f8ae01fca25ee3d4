/** One top-level JSON value of a file, as text, with the line it ends on. */
export interface JsonChunk {
  readonly text: string
  /** Line of the file where the value ends (what STL_LOAD_ERRORS shows for JSON). */
  readonly line: number
  /** Set when the text between values is not JSON at all. */
  readonly error?: string
}

/**
 * Splits a JSON data file into its top-level objects (or arrays) without
 * parsing them: it tracks brace depth, strings and escapes, so objects may
 * span lines or share one, and a chunk boundary may fall anywhere. Memory
 * holds one object at a time.
 *
 * @example
 * ```ts
 * const split = new JsonSplitter()
 * split.feed('{"a":1}{"a":', (c) => c.text) // '{"a":1}'
 * split.feed('2}\n', (c) => c.text) // '{"a":2}'
 * ```
 */
export class JsonSplitter {
  #buf = ''
  /** Scan position inside #buf (resumes where the last feed stopped). */
  #at = 0
  #start = -1
  #depth = 0
  #inString = false
  #escape = false
  /** The current text is not an object: it runs to the end of its line. */
  #junk = false
  #line = 1

  feed(text: string, emit: (chunk: JsonChunk) => void): void {
    this.#buf = this.#start === -1 ? text : this.#buf + text
    if (this.#start === -1) this.#at = 0
    this.#scan(emit)
  }

  end(emit: (chunk: JsonChunk) => void): void {
    if (this.#start !== -1) {
      emit({
        text: this.#buf.slice(this.#start),
        line: this.#line,
        error: this.#junk
          ? 'Invalid JSON: expected an object'
          : 'Unexpected end of the JSON file inside an object',
      })
    }
    this.#junk = false
    this.#buf = ''
    this.#start = -1
  }

  #scan(emit: (chunk: JsonChunk) => void): void {
    const buf = this.#buf
    const n = buf.length
    let i = this.#at
    while (i < n) {
      const c = buf.charCodeAt(i)
      if (c === 10) this.#line++
      if (this.#start === -1) {
        if (c === 123 || c === 91) {
          this.#start = i
          this.#depth = 1
          this.#inString = false
          this.#escape = false
        } else if (c !== 32 && c !== 9 && c !== 10 && c !== 13) {
          // Text outside any object: reported with the rest of its line.
          this.#start = i
          this.#junk = true
          continue
        }
        i++
        continue
      }
      if (this.#junk) {
        const nl = buf.indexOf('\n', i)
        if (nl === -1) {
          i = n
          break
        }
        emit({
          text: buf.slice(this.#start, nl).replace(/\r$/, ''),
          line: this.#line,
          error: 'Invalid JSON: expected an object',
        })
        this.#start = -1
        this.#junk = false
        i = nl
        continue
      }
      if (this.#inString) {
        if (this.#escape) this.#escape = false
        else if (c === 92) this.#escape = true
        else if (c === 34) this.#inString = false
      } else if (c === 34) this.#inString = true
      else if (c === 123 || c === 91) this.#depth++
      else if (c === 125 || c === 93) {
        if (--this.#depth === 0) {
          emit({ text: buf.slice(this.#start, i + 1), line: this.#line })
          this.#start = -1
        }
      }
      i++
    }
    if (this.#start === -1) {
      this.#buf = ''
      this.#at = 0
    } else {
      // Keep only the unfinished object.
      this.#buf = buf.slice(this.#start)
      this.#at = this.#buf.length
      this.#start = 0
    }
  }
}
