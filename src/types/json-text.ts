/**
 * JSON text of a SUPER value: JSON.stringify's rules (toJSON, undefined and
 * functions skipped, null for non-finite numbers), plus a bigint written as
 * a JSON number, since SUPER keeps 64-bit integers exactly. Shared by the
 * driver's parameters and UNLOAD's inlined values, so both send the same text.
 *
 * ```ts
 * jsonText({ id: 9007199254740993n, tags: ['a'] }) // {"id":9007199254740993,"tags":["a"]}
 * ```
 */
export function jsonText(value: unknown, key = ''): string | undefined {
  let v = value
  if (
    typeof v === 'object' &&
    v !== null &&
    typeof (v as { toJSON?: unknown }).toJSON === 'function'
  ) {
    v = (v as { toJSON(key: string): unknown }).toJSON(key)
  }
  if (v === null) return 'null'
  switch (typeof v) {
    case 'bigint':
      return v.toString()
    case 'number':
      return Number.isFinite(v) ? String(v) : 'null'
    case 'string':
    case 'boolean':
      return JSON.stringify(v)
    case 'object':
      if (Array.isArray(v)) {
        return `[${v.map((item, i) => jsonText(item, String(i)) ?? 'null').join(',')}]`
      } else {
        const members: string[] = []
        for (const [k, item] of Object.entries(v)) {
          const json = jsonText(item, k)
          if (json !== undefined) members.push(`${JSON.stringify(k)}:${json}`)
        }
        return `{${members.join(',')}}`
      }
    default:
      // undefined, functions and symbols are skipped, as JSON.stringify does.
      return undefined
  }
}
