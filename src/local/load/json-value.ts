/**
 * A JSON number kept as the text it was written with, so that integers
 * beyond 2^53 and long decimals reach their column exactly (JSON.parse would
 * round them to a double).
 */
export class JsonNumber {
  readonly text: string
  constructor(text: string) {
    this.text = text
  }
  toString(): string {
    return this.text
  }
}

/** What `parseJsonExact` returns: JSON values with numbers as `JsonNumber`. */
export type JsonValue =
  | null
  | boolean
  | string
  | JsonNumber
  | readonly JsonValue[]
  | { readonly [key: string]: JsonValue }

/** A JSON text that does not parse. */
export class JsonSyntaxError extends Error {
  readonly offset: number
  constructor(message: string, offset: number) {
    super(`${message} at offset ${offset}`)
    this.offset = offset
  }
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y
const STRING_PLAIN = /[^"\\\u0000-\u001f]*/y

/**
 * Parses one JSON value exactly: numbers stay text (`JsonNumber`), strings
 * and structure are as JSON.parse reads them. Throws `JsonSyntaxError`.
 *
 * @example
 * ```ts
 * (parseJsonExact('{"id": 9007199254740993}') as any).id.text // '9007199254740993'
 * ```
 */
export function parseJsonExact(text: string): JsonValue {
  const p = { at: 0 }
  skip(text, p)
  const value = parseValue(text, p, 0)
  skip(text, p)
  if (p.at !== text.length)
    throw new JsonSyntaxError('Unexpected text after the JSON value', p.at)
  return value
}

function skip(text: string, p: { at: number }): void {
  for (;;) {
    const c = text.charCodeAt(p.at)
    if (c === 32 || c === 9 || c === 10 || c === 13) p.at++
    else return
  }
}

function parseValue(text: string, p: { at: number }, depth: number): JsonValue {
  if (depth > 512) throw new JsonSyntaxError('JSON nested too deeply', p.at)
  const c = text[p.at]
  if (c === '{') {
    p.at++
    const out: Record<string, JsonValue> = {}
    skip(text, p)
    if (text[p.at] === '}') {
      p.at++
      return out
    }
    for (;;) {
      skip(text, p)
      if (text[p.at] !== '"')
        throw new JsonSyntaxError('Expected a property name', p.at)
      const key = parseString(text, p)
      skip(text, p)
      if (text[p.at] !== ':') throw new JsonSyntaxError("Expected ':'", p.at)
      p.at++
      skip(text, p)
      Object.defineProperty(out, key, {
        value: parseValue(text, p, depth + 1),
        enumerable: true,
        writable: true,
        configurable: true,
      })
      skip(text, p)
      if (text[p.at] === ',') p.at++
      else if (text[p.at] === '}') {
        p.at++
        return out
      } else throw new JsonSyntaxError("Expected ',' or '}'", p.at)
    }
  }
  if (c === '[') {
    p.at++
    const out: JsonValue[] = []
    skip(text, p)
    if (text[p.at] === ']') {
      p.at++
      return out
    }
    for (;;) {
      skip(text, p)
      out.push(parseValue(text, p, depth + 1))
      skip(text, p)
      if (text[p.at] === ',') p.at++
      else if (text[p.at] === ']') {
        p.at++
        return out
      } else throw new JsonSyntaxError("Expected ',' or ']'", p.at)
    }
  }
  if (c === '"') return parseString(text, p)
  if (text.startsWith('true', p.at)) {
    p.at += 4
    return true
  }
  if (text.startsWith('false', p.at)) {
    p.at += 5
    return false
  }
  if (text.startsWith('null', p.at)) {
    p.at += 4
    return null
  }
  NUMBER.lastIndex = p.at
  const m = NUMBER.exec(text)
  if (m === null || m[0].length === 0)
    throw new JsonSyntaxError('Unexpected character', p.at)
  p.at += m[0].length
  return new JsonNumber(m[0])
}

function parseString(text: string, p: { at: number }): string {
  const start = p.at
  p.at++
  STRING_PLAIN.lastIndex = p.at
  STRING_PLAIN.exec(text)
  if (text[STRING_PLAIN.lastIndex] === '"') {
    const s = text.slice(p.at, STRING_PLAIN.lastIndex)
    p.at = STRING_PLAIN.lastIndex + 1
    return s
  }
  // Escapes: find the end, then let JSON.parse read the string exactly.
  let i = p.at
  while (i < text.length) {
    const ch = text.charCodeAt(i)
    if (ch === 92) i += 2
    else if (ch === 34) break
    else if (ch < 32)
      throw new JsonSyntaxError('Control character in a string', i)
    else i++
  }
  if (i >= text.length) throw new JsonSyntaxError('Unterminated string', start)
  p.at = i + 1
  try {
    return JSON.parse(text.slice(start, i + 1)) as string
  } catch {
    throw new JsonSyntaxError('Invalid escape in a string', start)
  }
}

/**
 * Writes a value back as JSON text, numbers exactly as read (with `asSuper`,
 * one written with an exponent as a SUPER float). Also takes the plain
 * values the Parquet and Avro readers give (number, bigint, Buffer as its
 * hex, nested arrays and objects).
 *
 * @example
 * ```ts
 * stringifyJsonExact(parseJsonExact('[1.50, 2]')) // '[1.50,2]'
 * ```
 */
export function stringifyJsonExact(value: unknown, asSuper = false): string {
  if (value === null || value === undefined) return 'null'
  if (value instanceof JsonNumber)
    return asSuper && /[eE]/.test(value.text)
      ? superFloatText(value.text)
      : value.text
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value)
    case 'number':
      return Number.isFinite(value) ? String(value) : 'null'
    case 'bigint':
      return value.toString()
    case 'boolean':
      return value ? 'true' : 'false'
  }
  if (Buffer.isBuffer(value) || value instanceof Uint8Array)
    return JSON.stringify(Buffer.from(value).toString('hex'))
  if (value instanceof Date) return JSON.stringify(value.toISOString())
  if (Array.isArray(value))
    return `[${value.map((v) => stringifyJsonExact(v, asSuper)).join(',')}]`
  if (value instanceof Map)
    return stringifyJsonExact(Object.fromEntries(value), asSuper)
  const entries = Object.entries(value as Record<string, unknown>)
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stringifyJsonExact(v, asSuper)}`).join(',')}}`
}

/**
 * A JSON number written with an exponent as the SUPER float Redshift makes
 * of it, printed as Redshift prints one: the shortest digits, one before the
 * point, and a signed exponent (`1.5E3` is `1.5e+3`; r_is_float.html), as
 * JSON_PARSE stores it (`catalog/super-functions.ts`, super_float).
 */
function superFloatText(text: string): string {
  const n = Number(text)
  return Number.isFinite(n) ? n.toExponential() : text
}
