/**
 * The fields of an ErrorResponse / NoticeResponse, keyed by their protocol
 * letter names spelled out. Only the ones the emulator reads or writes are
 * named; the rest survive a decode/encode round trip in `other`.
 */
export interface ErrorFields {
  readonly severity: string
  readonly code: string
  readonly message: string
  readonly detail?: string
  readonly hint?: string
  readonly position?: string
  readonly where?: string
  readonly schema?: string
  readonly table?: string
  readonly column?: string
  readonly constraint?: string
  readonly file?: string
  readonly line?: string
  readonly routine?: string
  /** Fields without a name above, as `[letter, value]` pairs. */
  readonly other?: readonly (readonly [string, string])[]
}

const LETTERS = {
  S: 'severity',
  C: 'code',
  M: 'message',
  D: 'detail',
  H: 'hint',
  P: 'position',
  W: 'where',
  s: 'schema',
  t: 'table',
  c: 'column',
  n: 'constraint',
  F: 'file',
  L: 'line',
  R: 'routine',
} as const satisfies Record<string, keyof ErrorFields>

type Letter = keyof typeof LETTERS

/**
 * Decodes the body of an ErrorResponse or NoticeResponse (`buf[start]` is the
 * message type byte).
 *
 * @example
 * ```ts
 * const fields = decodeErrorFields(buf, start, end)
 * if (fields.code === '40001') { ... }
 * ```
 */
export function decodeErrorFields(
  buf: Buffer,
  start: number,
  end: number,
): ErrorFields {
  const out: Record<string, string> = {}
  const other: [string, string][] = []
  let offset = start + 5
  while (offset < end) {
    const letter = buf[offset]!
    if (letter === 0) break
    const zero = buf.indexOf(0, offset + 1)
    const stop = zero === -1 || zero > end ? end : zero
    const value = buf.toString('utf8', offset + 1, stop)
    const key = String.fromCharCode(letter)
    const name = LETTERS[key as Letter] as string | undefined
    // 'V' is the non-localized severity; keep the localized 'S' as severity.
    if (name !== undefined) out[name] = value
    else other.push([key, value])
    offset = stop + 1
  }
  return {
    severity: out['severity'] ?? 'ERROR',
    code: out['code'] ?? 'XX000',
    message: out['message'] ?? '',
    ...out,
    ...(other.length > 0 ? { other } : {}),
  } as ErrorFields
}

/**
 * Encodes an ErrorResponse (`type` 'E') or NoticeResponse (`type` 'N').
 *
 * @example
 * ```ts
 * socket.write(encodeErrorMessage({ severity: 'ERROR', code: '0A000', message: 'nope' }))
 * ```
 */
export function encodeErrorMessage(fields: ErrorFields, type = 'E'): Buffer {
  const parts: Buffer[] = []
  let length = 4 + 1
  const add = (letter: string, value: string | undefined) => {
    if (value === undefined) return
    const bytes = Buffer.from(`${letter}${value}\0`, 'utf8')
    parts.push(bytes)
    length += bytes.length
  }
  add('S', fields.severity)
  add('V', fields.severity)
  add('C', fields.code)
  add('M', fields.message)
  for (const letter of Object.keys(LETTERS) as Letter[]) {
    if (letter === 'S' || letter === 'C' || letter === 'M') continue
    add(letter, fields[LETTERS[letter]] as string | undefined)
  }
  for (const [letter, value] of fields.other ?? []) {
    if (letter !== 'V') add(letter, value)
  }
  const out = Buffer.allocUnsafe(1 + length)
  out[0] = type.charCodeAt(0)
  out.writeInt32BE(length, 1)
  let offset = 5
  for (const part of parts) {
    part.copy(out, offset)
    offset += part.length
  }
  out[offset] = 0
  return out
}
