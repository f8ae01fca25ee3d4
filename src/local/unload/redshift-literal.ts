/**
 * The value of one string-literal token, read the way Redshift reads it:
 * `'...'` with doubled quotes *and* backslash escapes (PostgreSQL 8.0's
 * rules, which Redshift keeps), `E'...'` the same, `$tag$...$tag$` as it
 * stands. Escapes decode as PostgreSQL decodes an `E'...'` literal (`\b \f
 * \n \r \t`, octal `\ooo`, hex `\xhh`, `\uXXXX`, `\UXXXXXXXX`, any other
 * character standing for itself), which is also how the emulator runs every
 * other literal. Returns `undefined` for literal forms UNLOAD options cannot
 * take (`B'..'`, `X'..'`, `U&'..'`).
 *
 * @example
 * ```ts
 * redshiftLiteral(`'select ''a\\tb'''`) // "select 'a<TAB>b'"
 * ```
 */
export function redshiftLiteral(raw: string): string | undefined {
  const first = raw.charCodeAt(0)
  if (first === 36 /* $ */) {
    const tag = /^\$[^$]*\$/.exec(raw)
    if (tag === null || !raw.endsWith(tag[0]) || raw.length < tag[0].length * 2)
      return undefined
    return raw.slice(tag[0].length, raw.length - tag[0].length)
  }
  let body: string
  if (first === 39 /* ' */) body = raw.slice(1, -1)
  else if ((first | 0x20) === 101 /* e */ || (first | 0x20) === 110 /* n */) {
    if (raw.charCodeAt(1) !== 39) return undefined
    body = raw.slice(2, -1)
  } else return undefined
  if (!raw.endsWith("'") || raw.length < 2) return undefined
  return decodeBody(body)
}

function decodeBody(body: string): string {
  if (!body.includes('\\')) return body.replace(/''/g, "'")
  let out = ''
  let bytes: number[] = []
  const flushBytes = () => {
    if (bytes.length > 0) {
      out += Buffer.from(bytes).toString('utf8')
      bytes = []
    }
  }
  const n = body.length
  let i = 0
  while (i < n) {
    const c = body[i]!
    if (c === "'" && body[i + 1] === "'") {
      flushBytes()
      out += "'"
      i += 2
      continue
    }
    if (c !== '\\' || i + 1 >= n) {
      flushBytes()
      out += c
      i++
      continue
    }
    const e = body[i + 1]!
    i += 2
    const simple = SIMPLE_ESCAPES[e]
    if (simple !== undefined) {
      flushBytes()
      out += simple
    } else if (e >= '0' && e <= '7') {
      let digits = e
      while (digits.length < 3 && /[0-7]/.test(body[i] ?? ''))
        digits += body[i++]
      bytes.push(parseInt(digits, 8) & 0xff)
    } else if (e === 'x' && /[0-9a-fA-F]/.test(body[i] ?? '')) {
      let digits = body[i++]!
      if (/[0-9a-fA-F]/.test(body[i] ?? '')) digits += body[i++]
      bytes.push(parseInt(digits, 16))
    } else if ((e === 'u' || e === 'U') && hexRun(body, i, e === 'u' ? 4 : 8)) {
      const length = e === 'u' ? 4 : 8
      flushBytes()
      out += String.fromCodePoint(parseInt(body.slice(i, i + length), 16))
      i += length
    } else {
      flushBytes()
      out += e
    }
  }
  flushBytes()
  return out
}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
}

function hexRun(text: string, at: number, length: number): boolean {
  return (
    /^[0-9a-fA-F]+$/.test(text.slice(at, at + length)) &&
    text.length >= at + length
  )
}
