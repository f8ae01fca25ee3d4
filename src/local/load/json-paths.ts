import { parseJsonExact, type JsonValue } from './json-value.js'

/** One step of a JSONPath: an object key or an array index. */
export type JsonPathStep = string | number

/**
 * Reads a JSONPaths file (`{"jsonpaths": ["$.id", "$['name']", "$.tags[0]"]}`)
 * into its paths. Redshift takes dot or bracket notation (not both in one
 * path) and no wildcards or filters. Throws an Error naming the bad path.
 *
 * @example
 * ```ts
 * parseJsonPaths('{"jsonpaths": ["$.a.b", "$[\'c\'][0]"]}') // [['a', 'b'], ['c', 0]]
 * ```
 */
export function parseJsonPaths(text: string): JsonPathStep[][] {
  let doc: JsonValue
  try {
    doc = parseJsonExact(text)
  } catch (error) {
    throw new Error(
      `Invalid JSONPath format: the JSONPaths file is not valid JSON (${(error as Error).message})`,
    )
  }
  const list =
    doc !== null && typeof doc === 'object' && !Array.isArray(doc)
      ? (doc as Record<string, JsonValue>)['jsonpaths']
      : undefined
  if (!Array.isArray(list) || list.length === 0)
    throw new Error(
      'Invalid JSONPath format: the file must be an object with a non-empty "jsonpaths" array',
    )
  return list.map((path) => {
    if (typeof path !== 'string')
      throw new Error('Invalid JSONPath format: every path must be a string')
    return parsePath(path)
  })
}

function parsePath(path: string): JsonPathStep[] {
  const bad = (why: string) =>
    new Error(`Invalid JSONPath format: ${why}: ${path}`)
  if (!path.startsWith('$')) throw bad('a path starts with $')
  const steps: JsonPathStep[] = []
  let dot = false
  let bracket = false
  let i = 1
  while (i < path.length) {
    const c = path[i]!
    if (c === '.') {
      const m = /^\.([^.[\]'"*?]+)/.exec(path.slice(i))
      if (m === null) throw bad('a member name is expected after a dot')
      steps.push(m[1]!)
      dot = true
      i += m[0].length
    } else if (c === '[') {
      const m = /^\[(?:(\d+)|'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)")\]/.exec(
        path.slice(i),
      )
      if (m === null)
        throw bad('wildcards, filters and unquoted names are not supported')
      if (m[1] !== undefined) steps.push(Number(m[1]))
      else {
        steps.push((m[2] ?? m[3]!).replace(/\\(.)/g, '$1'))
        bracket = true
      }
      i += m[0].length
    } else throw bad(`unexpected '${c}'`)
  }
  if (dot && bracket) throw bad('dot and bracket notation cannot be mixed')
  return steps
}

/** The value at `path` in `value`, or undefined. */
export function evaluateJsonPath(
  value: unknown,
  path: readonly JsonPathStep[],
): unknown {
  let at: unknown = value
  for (const step of path) {
    if (at === null || typeof at !== 'object') return undefined
    if (typeof step === 'number') {
      if (!Array.isArray(at)) return undefined
      at = at[step]
    } else {
      if (Array.isArray(at)) return undefined
      at = Object.prototype.hasOwnProperty.call(at, step)
        ? (at as Record<string, unknown>)[step]
        : undefined
    }
  }
  return at
}
