/** A replacement of `text.slice(start, end)` by `insert`. */
export interface TextEdit {
  readonly start: number
  readonly end: number
  readonly insert: string
}

/**
 * Applies non-overlapping edits to `text` (in any order).
 *
 * @example
 * ```ts
 * applyEdits('select a', [{ start: 7, end: 8, insert: 'b' }]) // 'select b'
 * ```
 */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  if (edits.length === 0) return text
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end)
  let out = ''
  let at = 0
  for (const edit of sorted) {
    if (edit.start < at) continue
    out += text.slice(at, edit.start) + edit.insert
    at = edit.end
  }
  return out + text.slice(at)
}
