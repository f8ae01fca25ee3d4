/**
 * About how many bytes a value takes on the wire as a bind parameter (its
 * text form, as pg sends it). Exact for strings and Buffers, which are what
 * make statements large; a close upper bound for the rest.
 *
 * ```ts
 * valueBytes('héllo') // 6
 * valueBytes(null)    // 0
 * ```
 */
export function valueBytes(value: unknown): number {
  switch (typeof value) {
    case 'string':
      // Only long strings are worth counting byte by byte: a UTF-16 unit
      // takes at most 3 UTF-8 bytes.
      return value.length < 64 ? value.length * 3 : Buffer.byteLength(value)
    case 'number':
    case 'bigint':
      return 24
    case 'boolean':
      return 1
    case 'undefined':
      return 0
    case 'object':
      if (value === null) return 0
      if (value instanceof Date) return 32
      if (Buffer.isBuffer(value)) return value.length
      return Buffer.byteLength(JSON.stringify(value) ?? '')
    default:
      return String(value).length
  }
}
