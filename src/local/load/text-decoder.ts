import { isUtf8 } from 'node:buffer'
import { TextDecoder } from 'node:util'

import type { CopyEncoding } from './copy-plan.js'

/** Turns a file's bytes into text, chunk by chunk. */
export interface TextDecoderLike {
  write(chunk: Buffer): string
  end(): string
}

/**
 * A streaming decoder for COPY's ENCODING. UTF-8 bytes that are not valid
 * UTF-8 are kept, each as one character U+DC80..U+DCFF (the
 * "surrogateescape" scheme), so the loader can tell which VARCHAR fields
 * hold invalid UTF-8 and either reject them (load error 1220) or replace
 * each byte with the ACCEPTINVCHARS character, as Redshift does. UTF-16
 * reads its byte-order mark (`UTF16` refuses data without one).
 *
 * @example
 * ```ts
 * const decoder = textDecoder('utf8')
 * decoder.write(Buffer.from([0x61, 0xff])) // 'a\udcff'
 * ```
 */
export function textDecoder(encoding: CopyEncoding): TextDecoderLike {
  if (encoding === 'utf8') return new Utf8Decoder()
  return new Utf16Decoder(encoding)
}

class Utf8Decoder implements TextDecoderLike {
  #carry: Buffer | undefined

  write(chunk: Buffer): string {
    let buf = this.#carry ? Buffer.concat([this.#carry, chunk]) : chunk
    this.#carry = undefined
    const cut = incompleteTail(buf)
    if (cut < buf.length) {
      this.#carry = Buffer.from(buf.subarray(cut))
      buf = buf.subarray(0, cut)
    }
    return decodeUtf8(buf)
  }

  end(): string {
    const rest = this.#carry
    this.#carry = undefined
    return rest ? decodeUtf8(rest) : ''
  }
}

/** Where a multi-byte sequence cut off at the end of `buf` begins (or buf.length). */
function incompleteTail(buf: Buffer): number {
  const n = buf.length
  for (let back = 1; back <= 3 && back <= n; back++) {
    const b = buf[n - back]!
    if ((b & 0xc0) === 0x80) continue
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1
    return need > back ? n - back : n
  }
  return n
}

/** UTF-8 to text, with invalid bytes as U+DC80..U+DCFF. */
export function decodeUtf8(buf: Buffer): string {
  if (isUtf8(buf)) return buf.toString('utf8')
  let out = ''
  let runStart = 0
  let i = 0
  const n = buf.length
  while (i < n) {
    const b = buf[i]!
    let len = 0
    if (b < 0x80) len = 1
    else if (b >= 0xc2 && b <= 0xdf) len = 2
    else if (b >= 0xe0 && b <= 0xef) len = 3
    else if (b >= 0xf0 && b <= 0xf4) len = 4
    let ok = len > 0 && i + len <= n
    for (let k = 1; ok && k < len; k++) ok = (buf[i + k]! & 0xc0) === 0x80
    if (ok && len > 1 && !isUtf8(buf.subarray(i, i + len))) ok = false
    if (ok) {
      i += len
      continue
    }
    out += buf.toString('utf8', runStart, i) + String.fromCharCode(0xdc00 + b)
    i++
    runStart = i
  }
  return out + buf.toString('utf8', runStart, n)
}

class Utf16Decoder implements TextDecoderLike {
  readonly #encoding: CopyEncoding
  #decoder: TextDecoder | undefined
  #head: Buffer | undefined

  constructor(encoding: CopyEncoding) {
    this.#encoding = encoding
  }

  write(chunk: Buffer): string {
    if (this.#decoder === undefined) {
      const head = this.#head ? Buffer.concat([this.#head, chunk]) : chunk
      if (head.length < 2) {
        this.#head = head
        return ''
      }
      this.#head = undefined
      let little = this.#encoding === 'utf16le'
      let skip = 0
      if (head[0] === 0xff && head[1] === 0xfe) {
        skip = this.#encoding === 'utf16be' ? 0 : 2
        little = this.#encoding !== 'utf16be'
      } else if (head[0] === 0xfe && head[1] === 0xff) {
        skip = this.#encoding === 'utf16le' ? 0 : 2
        little = this.#encoding === 'utf16le'
      } else if (this.#encoding === 'utf16') {
        // copy-parameters-data-conversion: with UTF16 the data must have a
        // byte order mark; UTF16LE and UTF16BE read data without one.
        throw new Error(
          'Encoding of the file is not the same as that specified in the COPY command: ENCODING UTF16 needs a byte order mark (use UTF16LE or UTF16BE for data without one)',
        )
      }
      this.#decoder = new TextDecoder(little ? 'utf-16le' : 'utf-16be', {
        ignoreBOM: true,
      })
      return this.#decoder.decode(head.subarray(skip), { stream: true })
    }
    return this.#decoder.decode(chunk, { stream: true })
  }

  end(): string {
    // A lone byte left before any decoder started is half a character: drop it.
    if (this.#decoder === undefined) return ''
    return this.#decoder.decode()
  }
}
