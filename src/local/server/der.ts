/**
 * The few DER (ASN.1) encodings an X.509 certificate is made of. Each returns
 * one whole element: tag, length, content.
 *
 * @example
 * ```ts
 * der.sequence(der.oid('2.5.4.3'), der.utf8('localhost'))
 * ```
 */
export const der = Object.freeze({
  element,
  sequence: (...items: Buffer[]) => element(0x30, Buffer.concat(items)),
  set: (...items: Buffer[]) => element(0x31, Buffer.concat(items)),
  /** A non-negative integer given as big-endian bytes. */
  integer: (bytes: Buffer) => {
    let start = 0
    while (start < bytes.length - 1 && bytes[start] === 0) start++
    const trimmed = bytes.subarray(start)
    // A set high bit would make it negative: a zero byte keeps it positive.
    const content =
      (trimmed[0] ?? 0) & 0x80
        ? Buffer.concat([Buffer.of(0), trimmed])
        : trimmed
    return element(0x02, content)
  },
  boolean: (value: boolean) => element(0x01, Buffer.of(value ? 0xff : 0)),
  oid,
  utf8: (text: string) => element(0x0c, Buffer.from(text, 'utf8')),
  octetString: (content: Buffer) => element(0x04, content),
  /** A BIT STRING of whole bytes (no unused bits). */
  bitString: (content: Buffer) =>
    element(0x03, Buffer.concat([Buffer.of(0), content])),
  /** UTCTime before 2050, GeneralizedTime from then on (RFC 5280 4.1.2.5). */
  time: (date: Date) => {
    const iso = date.toISOString().replace(/[-:T]/g, '').slice(0, 14) + 'Z'
    return date.getUTCFullYear() < 2050
      ? element(0x17, Buffer.from(iso.slice(2), 'ascii'))
      : element(0x18, Buffer.from(iso, 'ascii'))
  },
  /** `[n] EXPLICIT` around an element. */
  explicit: (n: number, inner: Buffer) => element(0xa0 | n, inner),
  /** `[n] IMPLICIT` primitive content (a GeneralName's dNSName, iPAddress). */
  implicit: (n: number, content: Buffer) => element(0x80 | n, content),
})

function element(tag: number, content: Buffer): Buffer {
  return Buffer.concat([Buffer.of(tag), length(content.length), content])
}

function length(n: number): Buffer {
  if (n < 0x80) return Buffer.of(n)
  const bytes: number[] = []
  for (let rest = n; rest > 0; rest >>>= 8) bytes.unshift(rest & 0xff)
  return Buffer.of(0x80 | bytes.length, ...bytes)
}

function oid(dotted: string): Buffer {
  const [first = 0, second = 0, ...rest] = dotted.split('.').map(Number)
  const bytes = [40 * first + second]
  for (const arc of rest) {
    const groups: number[] = [arc & 0x7f]
    for (let v = Math.floor(arc / 128); v > 0; v = Math.floor(v / 128)) {
      groups.unshift((v & 0x7f) | 0x80)
    }
    bytes.push(...groups)
  }
  return element(0x06, Buffer.from(bytes))
}
