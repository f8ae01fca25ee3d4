import { decimalDimensions, type UnloadColumn } from './column-kind.js'

/** One data file as the manifest lists it. */
export interface ManifestEntry {
  readonly url: string
  readonly bytes: number
  /** Lines in the file, its header line included (as Redshift counts them). */
  readonly records: number
}

/**
 * The manifest Redshift writes at `<prefix>manifest`, laid out as the
 * Developer Guide prints it (one entry a line). Every entry carries
 * `meta.content_length`, the file's size, which Spectrum and a Parquet or
 * ORC COPY need (loading-data-files-using-manifest); with VERBOSE it also
 * has `meta.record_count`, and the manifest adds the `schema` (each
 * column's base type and, for CHAR/VARCHAR its length, for NUMERIC its
 * precision and scale), the totals in `meta`, and the `author`.
 *
 * @example
 * ```ts
 * manifestJson([{ url: 's3://b/p0000_part_00', bytes: 10, records: 2 }], columns, false)
 * // '{\n  "entries": [\n    {"url":"s3://b/p0000_part_00", "meta": { "content_length": 10 }}\n  ]\n}\n'
 * ```
 */
export function manifestJson(
  entries: readonly ManifestEntry[],
  columns: readonly UnloadColumn[],
  verbose: boolean,
): string {
  const lines = entries.map(
    (entry) =>
      `    {"url":${JSON.stringify(entry.url)}, "meta": { "content_length": ${entry.bytes}${verbose ? `, "record_count": ${entry.records}` : ''} }}`,
  )
  const list = lines.length === 0 ? '[]' : `[\n${lines.join(',\n')}\n  ]`
  if (!verbose) return `{\n  "entries": ${list}\n}\n`
  const elements = columns.map(
    (column) =>
      `      {"name": ${JSON.stringify(column.name)}, "type": ${typeJson(manifestType(column.type))}}`,
  )
  const total = (pick: (entry: ManifestEntry) => number) =>
    entries.reduce((sum, entry) => sum + pick(entry), 0)
  return [
    '{',
    `  "entries": ${list},`,
    '  "schema": {',
    `    "elements": ${elements.length === 0 ? '[]' : `[\n${elements.join(',\n')}\n    ]`}`,
    '  },',
    '  "meta": {',
    `    "content_length": ${total((e) => e.bytes)},`,
    `    "record_count": ${total((e) => e.records)}`,
    '  },',
    '  "author": {',
    '    "name": "Amazon Redshift",',
    '    "version": "1.0.0"',
    '  }',
    '}',
    '',
  ].join('\n')
}

/** `{ "base": "integer" }`, spaced as the Guide prints a type. */
function typeJson(type: Record<string, string | number>): string {
  const fields = Object.entries(type).map(
    ([key, value]) => `${JSON.stringify(key)}: ${JSON.stringify(value)}`,
  )
  return `{ ${fields.join(', ')} }`
}

function manifestType(type: string): Record<string, string | number> {
  const base = type.replace(/\s*\(.*?\)/, '').trim()
  const dims = decimalDimensions(type)
  if (dims === undefined) return { base }
  if (/^(numeric|decimal)/i.test(base)) {
    return { base, precision: dims.precision, scale: dims.scale }
  }
  return { base, length: dims.precision }
}
