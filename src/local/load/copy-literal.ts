/**
 * The value of a string-literal token of a COPY statement, read as Redshift
 * reads it. The statement text has been through `escapeBackslashLiterals`
 * first, so every plain literal that holds a backslash arrives as `E'...'`
 * and its backslash sequences are interpreted (PostgreSQL 8.0 rules:
 * `\b \f \n \r \t`, octal `\ddd`, hex `\xhh`, `\uXXXX`, and `\c` for any
 * other character); doubled quotes stand for one quote. `undefined` for a
 * token that is not a `'...'` or `E'...'` literal.
 *
 * @example
 * ```ts
 * decodeCopyLiteral("E'\\t'") // '\t' (a tab)
 * decodeCopyLiteral("'it''s'") // "it's"
 * ```
 */
export function decodeCopyLiteral(raw: string): string | undefined {
  const first = raw.charCodeAt(0)
  if (first === 39) {
    if (raw.length < 2 || !raw.endsWith("'")) return undefined
    return raw.slice(1, -1).replace(/''/g, "'")
  }
  if ((first | 0x20) !== 101 || raw.charCodeAt(1) !== 39) return undefined
  if (raw.length < 3 || !raw.endsWith("'")) return undefined
  return unescapeBackslashes(raw.slice(2, -1))
}

const SIMPLE: Readonly<Record<string, string>> = {
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
}

function unescapeBackslashes(body: string): string {
  let out = ''
  let i = 0
  while (i < body.length) {
    const c = body[i]!
    if (c === "'" && body[i + 1] === "'") {
      out += "'"
      i += 2
      continue
    }
    if (c !== '\\' || i + 1 >= body.length) {
      out += c
      i++
      continue
    }
    const next = body[i + 1]!
    if (SIMPLE[next] !== undefined) {
      out += SIMPLE[next]
      i += 2
    } else if (next >= '0' && next <= '7') {
      const m = /^[0-7]{1,3}/.exec(body.slice(i + 1, i + 4))!
      out += String.fromCharCode(parseInt(m[0], 8) & 0xff)
      i += 1 + m[0].length
    } else if (next === 'x' && /[0-9a-fA-F]/.test(body[i + 2] ?? '')) {
      const m = /^[0-9a-fA-F]{1,2}/.exec(body.slice(i + 2, i + 4))!
      out += String.fromCharCode(parseInt(m[0], 16))
      i += 2 + m[0].length
    } else if (next === 'u' && /^[0-9a-fA-F]{4}/.test(body.slice(i + 2))) {
      out += String.fromCharCode(parseInt(body.slice(i + 2, i + 6), 16))
      i += 6
    } else {
      out += next
      i += 2
    }
  }
  return out
}
