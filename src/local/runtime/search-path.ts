/**
 * The schemas a `search_path` value names, in order, read as PostgreSQL
 * reads it (`SplitIdentifierString`, then `recomputeNamespacePath`): items
 * split at commas, a double-quoted item kept as written (`""` a quote), an
 * unquoted one in lower case, `$user` the name of `user`, and `pg_catalog`
 * searched first unless the value places it. `pg_temp` (the session's
 * temporary schema) is left out: the emulator keeps a session's temporary
 * tables apart by name. Undefined for a value PostgreSQL would not accept.
 *
 * @example
 * ```ts
 * searchPathSchemas('"$user", public, "Etl"', 'alice') // ['pg_catalog', 'alice', 'public', 'Etl']
 * ```
 */
export function searchPathSchemas(
  path: string,
  user: string,
): readonly string[] | undefined {
  const items = splitIdentifiers(path)
  if (items === undefined) return undefined
  const schemas: string[] = []
  for (const item of items) {
    const schema = item === '$user' ? user : item
    if (schema === 'pg_temp' || schema.startsWith('pg_temp_')) continue
    if (!schemas.includes(schema)) schemas.push(schema)
  }
  if (!items.includes('pg_catalog')) schemas.unshift('pg_catalog')
  return schemas
}

/** PostgreSQL's `SplitIdentifierString` with a comma separator. */
function splitIdentifiers(text: string): readonly string[] | undefined {
  const items: string[] = []
  let at = skipSpace(text, 0)
  if (at === text.length) return items
  for (;;) {
    let item: string
    if (text[at] === '"') {
      item = ''
      for (at++; ; at++) {
        if (at >= text.length) return undefined
        if (text[at] === '"') {
          if (text[at + 1] !== '"') break
          at++
        }
        item += text[at]
      }
      at++
    } else {
      const start = at
      while (at < text.length && text[at] !== ',' && !isSpace(text[at]!)) at++
      if (at === start) return undefined
      item = text.slice(start, at).toLowerCase()
    }
    items.push(item)
    at = skipSpace(text, at)
    if (at === text.length) return items
    if (text[at] !== ',') return undefined
    at = skipSpace(text, at + 1)
  }
}

function skipSpace(text: string, at: number): number {
  while (at < text.length && isSpace(text[at]!)) at++
  return at
}

function isSpace(c: string): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f'
}
