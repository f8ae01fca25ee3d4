const HEX = /^(?:[0-9a-fA-F]{2})*$/

/**
 * Parses VARBYTE text into a Buffer. Redshift prints VARBYTE as plain hex
 * (`6162` for `ab`); PostgreSQL's hex format adds a `\x` prefix. Both are
 * accepted; text in neither form falls back to PostgreSQL's escape format.
 *
 * ```ts
 * parseVarbyte('6162')   // <Buffer 61 62>
 * parseVarbyte('\\x6162') // <Buffer 61 62>
 * ```
 */
export function parseVarbyte(text: string): Buffer {
  if (text.startsWith('\\x')) return Buffer.from(text.slice(2), 'hex')
  if (HEX.test(text)) return Buffer.from(text, 'hex')
  return parseEscapeFormat(text)
}

/**
 * Parses PostgreSQL BYTEA text into a Buffer: `\x` hex format (the default
 * since PostgreSQL 9.0) or the older escape format (`\\` and `\ooo`). Plain
 * hex is *not* accepted here, because in escape format `ab` means the two
 * bytes 0x61 0x62.
 *
 * ```ts
 * parseBytea('\\x00ff') // <Buffer 00 ff>
 * parseBytea('a\\000b') // <Buffer 61 00 62>
 * ```
 */
export function parseBytea(text: string): Buffer {
  if (text.startsWith('\\x')) return Buffer.from(text.slice(2), 'hex')
  return parseEscapeFormat(text)
}

function parseEscapeFormat(text: string): Buffer {
  const bytes: number[] = []
  for (let i = 0; i < text.length;) {
    if (text[i] === '\\') {
      if (text[i + 1] === '\\') {
        bytes.push(0x5c)
        i += 2
        continue
      }
      const octal = /^[0-3][0-7]{2}/.exec(text.slice(i + 1, i + 4))
      if (octal) {
        bytes.push(parseInt(octal[0], 8))
        i += 4
        continue
      }
    }
    // Printable characters stand for themselves; take the whole code point
    // so non-ASCII text becomes its UTF-8 bytes.
    const codePoint = text.codePointAt(i) ?? 0
    const char = String.fromCodePoint(codePoint)
    bytes.push(...Buffer.from(char, 'utf8'))
    i += char.length
  }
  return Buffer.from(bytes)
}
