import { decimalDimensions, type UnloadColumn } from './column-kind.js'

/** One data file as the manifest lists it. */
export interface ManifestEntry {
  readonly url: string
  readonly bytes: number
  /** Lines in the file, its header line included (as Redshift counts them). */
  readonly records: number
}

/**
 * The manifest Redshift writes at `<prefix>manifest`: `{"entries":[{"url":
 * ...}]}`; with VERBOSE each entry also has `meta.content_length` and
 * `meta.record_count`, and the manifest adds the `schema` (each column's
 * base type and, for CHAR/VARCHAR its length, for NUMERIC its precision and
 * scale), the totals in `meta`, and the `author`.
 *
 * @example
 * ```ts
 * manifestJson([{ url: 's3://b/p0000_part_00', bytes: 10, records: 2 }], columns, false)
 * // '{"entries":[{"url":"s3://b/p0000_part_00"}]}'
 * ```
 */
export function manifestJson(
  entries: readonly ManifestEntry[],
  columns: readonly UnloadColumn[],
  verbose: boolean,
): string {
  if (!verbose) {
    return JSON.stringify({ entries: entries.map(({ url }) => ({ url })) })
  }
  return JSON.stringify({
    entries: entries.map((entry) => ({
      url: entry.url,
      meta: { content_length: entry.bytes, record_count: entry.records },
    })),
    schema: {
      elements: columns.map((column) => ({
        name: column.name,
        type: manifestType(column.type),
      })),
    },
    meta: {
      content_length: entries.reduce((sum, entry) => sum + entry.bytes, 0),
      record_count: entries.reduce((sum, entry) => sum + entry.records, 0),
    },
    author: { name: 'Amazon Redshift', version: '1.0.0' },
  })
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
