import { ExternalReadLimit } from './external-read-limit.js'

const TEXT_INPUT = 'org.apache.hadoop.mapred.TextInputFormat'
const PARQUET_INPUT =
  'org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat'
const LAZY_SIMPLE = 'org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe'
const OPEN_CSV = 'org.apache.hadoop.hive.serde2.OpenCSVSerde'
const JSON_SERDES = new Set([
  'org.openx.data.jsonserde.JsonSerDe',
  'org.apache.hive.hcatalog.data.JsonSerDe',
])
const PARQUET_SERDE =
  'org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe'

/**
 * Table properties that change what Spectrum makes of a value or a row
 * (r_CREATE_EXTERNAL_TABLE.html, "data handling"): the emulator does not
 * carry them out, so a table that sets one is read by none of its queries.
 */
const DATA_HANDLING = [
  'data_cleansing_enabled',
  'invalid_char_handling',
  'replacement_char',
  'numeric_overflow_handling',
  'surplus_bytes_handling',
  'surplus_char_handling',
  'column_count_mismatch_handling',
  'compression_type',
]

/** How the files of one external table are read. */
export type ExternalFormat =
  | {
      readonly kind: 'delimited'
      readonly field: string
      /** undefined: `\n`, `\r` or `\r\n`, as Hadoop's text reader ends lines. */
      readonly line: string | undefined
      readonly nullFormat: string
      readonly skipHeader: number
    }
  | {
      readonly kind: 'csv'
      readonly separator: string
      readonly quote: string
      readonly escape: string
      readonly skipHeader: number
    }
  | { readonly kind: 'json' }
  | { readonly kind: 'parquet' }

/** The catalog's description of an external table's files. */
export interface ExternalFormatRow {
  readonly inputFormat: string
  readonly serializationLib: string
  readonly serdeParameters: Readonly<Record<string, string>>
  readonly parameters: Readonly<Record<string, string>>
}

/**
 * The reader for a table's files: ROW FORMAT DELIMITED text (LazySimpleSerDe,
 * Hive's `\001` fields and newline lines by default, NULL as
 * `serialization.null.format`, `\N` by default), OpenCSVSerde, JsonSerDe
 * (openx or hcatalog) text and Parquet. Other formats (ORC, Avro, RCFile,
 * SequenceFile, RegexSerDe ...), SerDe properties the emulator does not
 * know, and the data handling table properties throw
 * {@link ExternalReadLimit}.
 *
 * @example
 * ```ts
 * externalFormat({ inputFormat: TEXT_INPUT, serializationLib: LAZY_SIMPLE, serdeParameters: { 'field.delim': '|' }, parameters: {} })
 * // { kind: 'delimited', field: '|', line: undefined, nullFormat: '\\N', skipHeader: 0 }
 * ```
 */
export function externalFormat(row: ExternalFormatRow): ExternalFormat {
  const handling = DATA_HANDLING.find((p) => p in row.parameters)
  if (handling !== undefined)
    throw new ExternalReadLimit(`a table with the property '${handling}'`)
  const serde = row.serdeParameters
  const unknown = (known: readonly string[]) => {
    const other = Object.keys(serde).find((k) => !known.includes(k))
    if (other !== undefined)
      throw new ExternalReadLimit(`a table with the SerDe property '${other}'`)
  }
  const skipHeader = headerLines(row.parameters['skip.header.line.count'])
  if (row.inputFormat === TEXT_INPUT && row.serializationLib === LAZY_SIMPLE) {
    unknown([
      'field.delim',
      'line.delim',
      'serialization.format',
      'serialization.null.format',
    ])
    return {
      kind: 'delimited',
      field: serde['field.delim'] ?? '\u0001',
      line:
        serde['line.delim'] === undefined || serde['line.delim'] === '\n'
          ? undefined
          : serde['line.delim'],
      nullFormat:
        serde['serialization.null.format'] ??
        row.parameters['serialization.null.format'] ??
        '\\N',
      skipHeader,
    }
  }
  if (row.inputFormat === TEXT_INPUT && row.serializationLib === OPEN_CSV) {
    unknown([
      'separatorChar',
      'quoteChar',
      'escapeChar',
      'serialization.format',
    ])
    const one = (key: string, fallback: string) => {
      const value = serde[key] ?? fallback
      if ([...value].length !== 1)
        throw new ExternalReadLimit(
          `a table whose '${key}' is not one character`,
        )
      return value
    }
    return {
      kind: 'csv',
      separator: one('separatorChar', ','),
      quote: one('quoteChar', '"'),
      escape: one('escapeChar', '\\'),
      skipHeader,
    }
  }
  if (row.inputFormat === TEXT_INPUT && JSON_SERDES.has(row.serializationLib)) {
    unknown(['serialization.format', 'paths'])
    if (skipHeader > 0)
      throw new ExternalReadLimit("a JSON table with 'skip.header.line.count'")
    return { kind: 'json' }
  }
  if (
    row.inputFormat === PARQUET_INPUT &&
    row.serializationLib === PARQUET_SERDE
  ) {
    unknown(['serialization.format'])
    return { kind: 'parquet' }
  }
  throw new ExternalReadLimit(
    `files of the format ${row.inputFormat} with the SerDe ${row.serializationLib}`,
  )
}

function headerLines(value: string | undefined): number {
  if (value === undefined) return 0
  if (!/^\d+$/.test(value))
    throw new ExternalReadLimit(`'skip.header.line.count' '${value}'`)
  return Number(value)
}
