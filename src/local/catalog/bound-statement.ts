/**
 * One SQL statement with its bind parameters, ready for
 * `client.query(statement.text, statement.values)`.
 *
 * @example
 * ```ts
 * const { text, values } = buildQueryLogUpsert(entries)
 * await client.query(text, values)
 * ```
 */
export interface BoundStatement {
  readonly text: string
  readonly values: readonly unknown[]
}

/**
 * Serialises rows for a single `$1::jsonb` parameter read back with
 * `jsonb_to_recordset`. One parameter keeps the statement text identical for
 * every batch size (so it can be prepared once) and carries arrays and nested
 * objects without per-column array encoding.
 *
 * `Date` becomes ISO-8601 in UTC; read into a `timestamp` column the trailing
 * `Z` is ignored, so every time in `redshift_local` is a UTC wall-clock time,
 * as in Redshift's system tables. `bigint` becomes a decimal string.
 *
 * @example
 * ```ts
 * toJsonParameter([{ query: 1, starttime: new Date(0) }])
 * // '[{"query":1,"starttime":"1970-01-01T00:00:00.000Z"}]'
 * ```
 */
export function toJsonParameter(rows: readonly object[]): string {
  // Every statement logs a batch, and a replacer makes JSON.stringify
  // several times slower: it is used only when a bigint is there (the plain
  // call throws a TypeError on one) or a string holds a NUL character, which
  // PostgreSQL's text cannot store (jsonb refuses \u0000), so it is dropped
  // (the raw line of a binary file COPY read as text).
  try {
    const json = JSON.stringify(rows)
    if (!json.includes('\\u0000')) return json
  } catch (error) {
    if (!(error instanceof TypeError)) throw error
  }
  return JSON.stringify(rows, (_key, value: unknown) =>
    typeof value === 'bigint'
      ? value.toString()
      : typeof value === 'string' && value.includes('\0')
        ? value.replaceAll('\0', '')
        : value,
  )
}

/**
 * Inlines a JSON document as a dollar-quoted `jsonb` literal, for a statement
 * that must be plain text (no bind parameters). Dollar quoting reads the same
 * whatever `standard_conforming_strings` says, and the tag is chosen so that
 * it cannot occur in the text.
 *
 * @example
 * ```ts
 * inlineJsonb('[{"a":1}]') // $j$[{"a":1}]$j$::jsonb
 * ```
 */
export function inlineJsonb(json: string): string {
  let tag = '$j$'
  for (let n = 0; json.includes(tag); n++) tag = `$j${n}$`
  return `${tag}${json}${tag}::jsonb`
}

/**
 * Turns a one-parameter (`$1::jsonb`) statement into plain text with the
 * parameter inlined.
 *
 * @example
 * ```ts
 * const text = inlineStatement(buildTableAttributesUpsert([attributes]))
 * ```
 */
export function inlineStatement(statement: BoundStatement): string {
  const [json] = statement.values
  if (statement.values.length !== 1 || typeof json !== 'string') {
    throw new TypeError(
      'inlineStatement takes a statement with one JSON parameter',
    )
  }
  return statement.text.replace('$1::jsonb', () => inlineJsonb(json))
}
