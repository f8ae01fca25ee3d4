import { excludesEach, type OptionRule } from '../option-rule.js'

/**
 * Redshift's rules about the options of the Spectrum statements
 * (`r_CREATE_EXTERNAL_SCHEMA.html`, `r_CREATE_EXTERNAL_TABLE.html`), one
 * row each, named by Redshift's keywords. The builders check them with
 * `checkOptionRules` when they compile, before anything is sent; the tests
 * drive every row. Rules about a single value (an S3 LOCATION, a file
 * format, a table property) are checked where the value is given.
 *
 * Keywords: `DATA CATALOG`, `HIVE METASTORE`, `REGION`, `IAM_ROLE`,
 * `IAM_ROLE SESSION`, `CATALOG_ROLE`, `CATALOG_ID`, `URI`, `PORT`,
 * `CREATE EXTERNAL DATABASE IF NOT EXISTS`, `ROW FORMAT DELIMITED`,
 * `ROW FORMAT SERDE`, `WITH SERDEPROPERTIES`, `STORED AS`, `LOCATION`,
 * `TABLE PROPERTIES`, `PARTITIONED BY`.
 *
 * ```ts
 * checkOptionRules(SPECTRUM_RULES, new Set(['HIVE METASTORE', 'CREATE EXTERNAL DATABASE IF NOT EXISTS']))
 * // throws CommandOptionError: CREATE EXTERNAL SCHEMA: HIVE METASTORE with CREATE EXTERNAL DATABASE IF NOT EXISTS: ...
 * ```
 */
export const SPECTRUM_RULES = [
  ...excludesEach(
    'CREATE EXTERNAL SCHEMA',
    ['HIVE METASTORE'],
    ['CREATE EXTERNAL DATABASE IF NOT EXISTS'],
    'CREATE EXTERNAL DATABASE IF NOT EXISTS works with the data catalog only, not with a Hive metastore',
  ),
  ...excludesEach(
    'CREATE EXTERNAL SCHEMA',
    ['HIVE METASTORE'],
    ['IAM_ROLE SESSION'],
    "IAM_ROLE 'SESSION' works with the data catalog only",
  ),
  ...excludesEach(
    'CREATE EXTERNAL SCHEMA',
    ['HIVE METASTORE'],
    ['REGION', 'CATALOG_ROLE', 'CATALOG_ID'],
    'REGION, CATALOG_ROLE and CATALOG_ID are options of the data catalog; a Hive metastore takes URI and PORT',
  ),
  ...excludesEach(
    'CREATE EXTERNAL SCHEMA',
    ['DATA CATALOG'],
    ['URI', 'PORT'],
    'URI and PORT name a Hive metastore; the data catalog takes REGION',
  ),
  {
    command: 'CREATE EXTERNAL SCHEMA',
    kind: 'requires',
    option: 'HIVE METASTORE',
    other: 'URI',
    rule: "a Hive metastore is reached at its URI: give { uri: 'host' }",
  },
  ...excludesEach(
    'CREATE EXTERNAL TABLE',
    ['ROW FORMAT DELIMITED'],
    ['ROW FORMAT SERDE'],
    'a table has one ROW FORMAT: DELIMITED or SERDE',
  ),
  {
    command: 'CREATE EXTERNAL TABLE',
    kind: 'requires',
    option: 'WITH SERDEPROPERTIES',
    other: 'ROW FORMAT SERDE',
    rule: 'SERDEPROPERTIES configure a SerDe: give ROW FORMAT SERDE',
  },
  {
    command: 'CREATE EXTERNAL TABLE',
    kind: 'requires',
    option: 'CREATE EXTERNAL TABLE',
    other: 'STORED AS',
    rule: "the file format is required: .storedAs('PARQUET' | 'TEXTFILE' | ...)",
  },
  {
    command: 'CREATE EXTERNAL TABLE',
    kind: 'requires',
    option: 'CREATE EXTERNAL TABLE',
    other: 'LOCATION',
    rule: "the files' S3 location is required: .location('s3://bucket/folder/')",
  },
] as const satisfies readonly OptionRule[]

/**
 * The STORED AS keywords (`SET FILE FORMAT` takes {@link ALTER_FILE_FORMATS}).
 *
 * ```ts
 * EXTERNAL_FILE_FORMATS.includes('PARQUET') // true
 * ```
 */
export const EXTERNAL_FILE_FORMATS = [
  'PARQUET',
  'RCFILE',
  'SEQUENCEFILE',
  'TEXTFILE',
  'ORC',
  'AVRO',
] as const

/**
 * The formats ALTER TABLE ... SET FILE FORMAT takes
 * (https://docs.aws.amazon.com/redshift/latest/dg/r_ALTER_TABLE.html): not
 * ORC, nor INPUTFORMAT ... OUTPUTFORMAT.
 *
 * ```ts
 * ALTER_FILE_FORMATS.includes('ORC') // false
 * ```
 */
export const ALTER_FILE_FORMATS = [
  'AVRO',
  'PARQUET',
  'RCFILE',
  'SEQUENCEFILE',
  'TEXTFILE',
] as const

/**
 * A format of ALTER TABLE ... SET FILE FORMAT.
 *
 * ```ts
 * const format: AlterFileFormat = 'parquet'
 * ```
 */
export type AlterFileFormat =
  | (typeof ALTER_FILE_FORMATS)[number]
  | Lowercase<(typeof ALTER_FILE_FORMATS)[number]>

/**
 * An external table's file format: a STORED AS keyword, or Hive's input
 * and output format classes.
 *
 * ```ts
 * const format: ExternalFileFormat = 'PARQUET'
 * const custom: ExternalFileFormat = { inputFormat: 'org.apache.hadoop.mapred.TextInputFormat', outputFormat: '...' }
 * ```
 */
export type ExternalFileFormat =
  | (typeof EXTERNAL_FILE_FORMATS)[number]
  | Lowercase<(typeof EXTERNAL_FILE_FORMATS)[number]>
  | { readonly inputFormat: string; readonly outputFormat: string }

const HANDLING = ['DISABLED', 'FAIL', 'SET_TO_NULL', 'DROP_ROW'] as const

/**
 * The TABLE PROPERTIES CREATE EXTERNAL TABLE documents, with the values
 * each allows: a list (compared without case), `'integer'` (a whole
 * number) or `'text'`. Names are case-sensitive, as the page says.
 *
 * ```ts
 * EXTERNAL_TABLE_PROPERTIES.compression_type // ['bzip2', 'gzip', 'none', 'snappy']
 * ```
 */
export const EXTERNAL_TABLE_PROPERTIES = {
  compression_type: ['bzip2', 'gzip', 'none', 'snappy'],
  data_cleansing_enabled: ['true', 'false'],
  invalid_char_handling: [...HANDLING, 'REPLACE'],
  replacement_char: 'text',
  numeric_overflow_handling: HANDLING,
  surplus_bytes_handling: [...HANDLING, 'TRUNCATE'],
  surplus_char_handling: [...HANDLING, 'TRUNCATE'],
  column_count_mismatch_handling: HANDLING,
  numRows: 'integer',
  'skip.header.line.count': 'integer',
  'serialization.null.format': 'text',
  'orc.schema.resolution': 'text',
  'write.parallel': ['on', 'off'],
  'write.maxfilesize.mb': 'integer',
  'write.kms.key.id': 'text',
} as const satisfies Readonly<
  Record<string, readonly string[] | 'integer' | 'text'>
>

/**
 * A documented table property's name.
 *
 * ```ts
 * const name: ExternalTablePropertyName = 'skip.header.line.count'
 * ```
 */
export type ExternalTablePropertyName = keyof typeof EXTERNAL_TABLE_PROPERTIES

/**
 * What `.tableProperties()` and `.setTableProperties()` take: documented
 * names, values as text (numbers and booleans are written as text).
 *
 * ```ts
 * const properties: ExternalTableProperties = { 'skip.header.line.count': 1, compression_type: 'gzip' }
 * ```
 */
export type ExternalTableProperties = {
  readonly [K in ExternalTablePropertyName]?: string | number | boolean
}
