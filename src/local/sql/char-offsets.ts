/**
 * Maps libpg-query's byte offsets (PostgreSQL's `location`s count UTF-8
 * bytes) to offsets in the JavaScript string the tree was parsed from.
 *
 * @example
 * ```ts
 * const charAt = charOffsets("select 'é', 1")
 * charAt(13) // 12: the `1` is byte 13 and character 12
 * ```
 */
export function charOffsets(text: string): (byte: number) => number {
  if (Buffer.byteLength(text) === text.length) return (byte) => byte
  const map: number[] = []
  for (let i = 0; i < text.length; i++) {
    const code = text.codePointAt(i)!
    const bytes = code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4
    for (let b = 0; b < bytes; b++) map.push(i)
    if (code >= 0x10000) i++
  }
  return (byte) => (byte < 0 ? -1 : (map[byte] ?? text.length))
}
