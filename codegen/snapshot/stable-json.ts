/**
 * JSON with every object's keys in sorted order, two-space indented and
 * ending in a newline: the same model always gives the same bytes, whatever
 * order its objects were built in, and diffs of a checked-in snapshot stay
 * small. Array order is kept (the model's own order is meaningful).
 *
 * @example
 * ```ts
 * stableJson({ b: 1, a: [2, 1] }) // '{\n  "a": [\n    2,\n    1\n  ],\n  "b": 1\n}\n'
 * ```
 */
export function stableJson(value: unknown): string {
  return `${JSON.stringify(value, sortKeys, 2)}\n`
}

function sortKeys(_key: string, value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return value
  }
  const sorted: Record<string, unknown> = {}
  for (const key of Object.keys(value).sort()) {
    sorted[key] = (value as Record<string, unknown>)[key]
  }
  return sorted
}
