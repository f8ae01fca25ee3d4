/** Request codes a client may send instead of a protocol version. */
export const SSL_REQUEST_CODE = 80877103
export const GSSENC_REQUEST_CODE = 80877104
export const CANCEL_REQUEST_CODE = 80877102

/** The first packet of a connection, decoded. */
export type StartupPacket =
  | { readonly kind: 'ssl' }
  | { readonly kind: 'gssenc' }
  | { readonly kind: 'cancel'; readonly pid: number; readonly secret: number }
  | {
      readonly kind: 'startup'
      readonly major: number
      readonly minor: number
      readonly parameters: Readonly<Record<string, string>>
    }

/**
 * Reads one untyped start-up packet (`length:i32 code:i32 ...`) from the front
 * of `buf`. Returns `null` while the packet is incomplete.
 *
 * @example
 * ```ts
 * const read = readStartupPacket(buffered)
 * if (read?.packet.kind === 'ssl') socket.write('N')
 * ```
 */
export function readStartupPacket(
  buf: Buffer,
): { readonly packet: StartupPacket; readonly length: number } | null {
  if (buf.length < 8) return null
  const length = buf.readInt32BE(0)
  if (length < 8 || length > 10_000) {
    throw new Error(`invalid start-up packet length ${length}`)
  }
  if (buf.length < length) return null
  const code = buf.readInt32BE(4)
  if (code === SSL_REQUEST_CODE) return { packet: { kind: 'ssl' }, length }
  if (code === GSSENC_REQUEST_CODE)
    return { packet: { kind: 'gssenc' }, length }
  if (code === CANCEL_REQUEST_CODE) {
    return {
      packet: {
        kind: 'cancel',
        pid: buf.readInt32BE(8),
        secret: buf.readInt32BE(12),
      },
      length,
    }
  }
  const parameters: Record<string, string> = {}
  let offset = 8
  while (offset < length - 1) {
    const keyEnd = buf.indexOf(0, offset)
    if (keyEnd === -1 || keyEnd >= length || keyEnd === offset) break
    const valueEnd = buf.indexOf(0, keyEnd + 1)
    if (valueEnd === -1 || valueEnd >= length) break
    parameters[buf.toString('utf8', offset, keyEnd)] = buf.toString(
      'utf8',
      keyEnd + 1,
      valueEnd,
    )
    offset = valueEnd + 1
  }
  return {
    packet: {
      kind: 'startup',
      major: code >>> 16,
      minor: code & 0xffff,
      parameters,
    },
    length,
  }
}
