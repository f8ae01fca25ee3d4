import { applyEdits, type TextEdit } from './text-edits.js'

/**
 * Redshift reads `'...'` literals with PostgreSQL 8.0's rules: a backslash
 * escapes the next character (`'it\'s'`, `'a\tb'`). PostgreSQL (and the
 * parser the emulator classifies with) reads them with
 * `standard_conforming_strings` on, where a backslash is an ordinary
 * character. Turning every plain literal that contains a backslash into an
 * `E'...'` literal makes both read the text the way Redshift does. Returns
 * `null` when nothing changes (no backslash in a plain literal).
 *
 * @example
 * ```ts
 * escapeBackslashLiterals("select 'it\\'s'") // "select E'it\\'s'"
 * ```
 */
export function escapeBackslashLiterals(text: string): string | null {
  if (!text.includes('\\')) return null
  const edits: TextEdit[] = []
  const n = text.length
  let i = 0
  while (i < n) {
    const c = text.charCodeAt(i)
    if (c === 45 && text.charCodeAt(i + 1) === 45) {
      const nl = text.indexOf('\n', i)
      i = nl === -1 ? n : nl + 1
    } else if (c === 47 && text.charCodeAt(i + 1) === 42) {
      let depth = 1
      i += 2
      while (i < n && depth > 0) {
        if (text.charCodeAt(i) === 47 && text.charCodeAt(i + 1) === 42) {
          depth++
          i += 2
        } else if (text.charCodeAt(i) === 42 && text.charCodeAt(i + 1) === 47) {
          depth--
          i += 2
        } else i++
      }
    } else if (c === 34) {
      i = skipQuoted(text, i + 1, 34)
    } else if (c === 36) {
      const tag = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(text.slice(i, i + 64))
      if (tag && !isWordChar(text.charCodeAt(i - 1))) {
        const close = text.indexOf(tag[0], i + tag[0].length)
        i = close === -1 ? n : close + tag[0].length
      } else i++
    } else if (c === 39) {
      // A plain literal: PostgreSQL 8.0 rules, backslash escapes the next character.
      const start = i
      const close = endOfLiteral(text, i + 1, true)
      if (text.slice(start, close).includes('\\')) {
        edits.push({ start, end: start, insert: 'E' })
      }
      i = close
    } else if (isWordChar(c)) {
      const wordStart = i
      while (i < n && isWordChar(text.charCodeAt(i))) i++
      if (i - wordStart === 1 && text.charCodeAt(i) === 39) {
        // E'..' already has backslash escapes; B'..', X'..', N'..' keep theirs.
        const prefix = text.charCodeAt(wordStart) | 0x20
        i = endOfLiteral(text, i + 1, prefix === 101 /* e */)
      }
    } else i++
  }
  return edits.length === 0 ? null : applyEdits(text, edits)
}

function endOfLiteral(text: string, from: number, backslash: boolean): number {
  let i = from
  while (i < text.length) {
    const d = text.charCodeAt(i)
    if (backslash && d === 92) i += 2
    else if (d === 39) {
      if (text.charCodeAt(i + 1) === 39) i += 2
      else return i + 1
    } else i++
  }
  return text.length
}

function skipQuoted(text: string, from: number, quote: number): number {
  let i = from
  while (i < text.length) {
    if (text.charCodeAt(i) === quote) {
      if (text.charCodeAt(i + 1) === quote) i += 2
      else return i + 1
    } else i++
  }
  return text.length
}

function isWordChar(c: number): boolean {
  return (
    (c >= 97 && c <= 122) ||
    (c >= 65 && c <= 90) ||
    (c >= 48 && c <= 57) ||
    c === 95 ||
    c === 36 ||
    c >= 128
  )
}
