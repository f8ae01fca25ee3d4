// The UNLOAD options, one case each: the unit test checks their exact SQL,
// the emulator test runs each of them.

// `any`: the table builds combinations the types refuse on purpose too.
export type AnyBuilder = any

/** One option (or combination) of the UNLOAD builder. */
export interface OptionCase {
  readonly name: string
  readonly build: (b: AnyBuilder) => AnyBuilder
  /** What follows the authorization. */
  readonly sql: string
}

export const OPTION_CASES: readonly OptionCase[] = [
  { name: 'no option (pipe-delimited text)', build: (b) => b, sql: '' },
  { name: 'FORMAT CSV', build: (b) => b.format('csv'), sql: 'FORMAT AS CSV' },
  {
    name: 'FORMAT PARQUET',
    build: (b) => b.format('parquet'),
    sql: 'FORMAT AS PARQUET',
  },
  {
    name: 'FORMAT JSON',
    build: (b) => b.format('json'),
    sql: 'FORMAT AS JSON',
  },
  {
    name: 'PARTITION BY',
    build: (b) => b.partitionBy(['person_id']),
    sql: 'PARTITION BY ("person_id")',
  },
  {
    name: 'PARTITION BY ... INCLUDE',
    build: (b) => b.partitionBy(['person_id', 'qty'], { include: true }),
    sql: 'PARTITION BY ("person_id", "qty") INCLUDE',
  },
  { name: 'MANIFEST', build: (b) => b.manifest(), sql: 'MANIFEST' },
  {
    name: 'MANIFEST VERBOSE',
    build: (b) => b.manifest({ verbose: true }),
    sql: 'MANIFEST VERBOSE',
  },
  { name: 'HEADER', build: (b) => b.header(), sql: 'HEADER' },
  {
    name: 'DELIMITER',
    build: (b) => b.delimiter('\t'),
    sql: "DELIMITER AS '\t'",
  },
  {
    name: 'DELIMITER quote',
    build: (b) => b.delimiter("'"),
    sql: "DELIMITER AS ''''",
  },
  {
    name: 'DELIMITER backslash',
    build: (b) => b.delimiter('\\'),
    sql: "DELIMITER AS '\\\\'",
  },
  {
    name: 'FIXEDWIDTH',
    build: (b) => b.fixedWidth({ id: 10, person_id: 8, qty: 4 }),
    sql: "FIXEDWIDTH AS 'id:10,person_id:8,qty:4'",
  },
  {
    name: 'ENCRYPTED AUTO',
    build: (b) => b.encrypted('auto'),
    sql: 'ENCRYPTED AUTO',
  },
  {
    name: 'KMS_KEY_ID ... ENCRYPTED',
    build: (b) => b.encrypted({ kmsKeyId: "key'\\1" }),
    sql: "KMS_KEY_ID 'key''\\\\1' ENCRYPTED",
  },
  { name: 'BZIP2', build: (b) => b.bzip2(), sql: 'BZIP2' },
  { name: 'GZIP', build: (b) => b.gzip(), sql: 'GZIP' },
  { name: 'ZSTD', build: (b) => b.zstd(), sql: 'ZSTD' },
  { name: 'ADDQUOTES', build: (b) => b.addQuotes(), sql: 'ADDQUOTES' },
  {
    name: 'NULL AS',
    build: (b) => b.nullAs('\\N'),
    sql: "NULL AS '\\\\N'",
  },
  { name: 'NULL AS empty', build: (b) => b.nullAs(''), sql: "NULL AS ''" },
  { name: 'ESCAPE', build: (b) => b.escape(), sql: 'ESCAPE' },
  {
    name: 'ALLOWOVERWRITE',
    build: (b) => b.allowOverwrite(),
    sql: 'ALLOWOVERWRITE',
  },
  { name: 'CLEANPATH', build: (b) => b.cleanPath(), sql: 'CLEANPATH' },
  { name: 'PARALLEL ON', build: (b) => b.parallel(true), sql: 'PARALLEL ON' },
  {
    name: 'PARALLEL OFF',
    build: (b) => b.parallel(false),
    sql: 'PARALLEL OFF',
  },
  {
    name: 'MAXFILESIZE MB (default unit)',
    build: (b) => b.maxFileSize(5),
    sql: 'MAXFILESIZE AS 5 MB',
  },
  {
    name: 'MAXFILESIZE GB',
    build: (b) => b.maxFileSize(6.2, 'GB'),
    sql: 'MAXFILESIZE AS 6.2 GB',
  },
  {
    name: 'ROWGROUPSIZE',
    build: (b) => b.format('parquet').rowGroupSize(128),
    sql: 'FORMAT AS PARQUET ROWGROUPSIZE AS 128 MB',
  },
  {
    name: 'ROWGROUPSIZE GB',
    build: (b) => b.format('parquet').rowGroupSize(0.0625, 'GB'),
    sql: 'FORMAT AS PARQUET ROWGROUPSIZE AS 0.0625 GB',
  },
  {
    name: 'REGION',
    build: (b) => b.region('eu-west-1'),
    sql: "REGION AS 'eu-west-1'",
  },
  {
    name: 'EXTENSION',
    build: (b) => b.extension('csv.gz'),
    sql: "EXTENSION 'csv.gz'",
  },
  {
    name: 'raw option, no value',
    build: (b) => b.option('some_future_flag'),
    sql: 'SOME_FUTURE_FLAG',
  },
  {
    name: 'raw option, string value',
    build: (b) => b.option('future option', "it's"),
    sql: "FUTURE OPTION 'it''s'",
  },
  {
    name: 'raw option, number value',
    build: (b) => b.option('FUTURE_SIZE', 12.5),
    sql: 'FUTURE_SIZE 12.5',
  },
  {
    name: 'options in the order given',
    build: (b) =>
      b
        .format('csv')
        .header()
        .gzip()
        .manifest({ verbose: true })
        .parallel(false)
        .cleanPath(),
    sql: 'FORMAT AS CSV HEADER GZIP MANIFEST VERBOSE PARALLEL OFF CLEANPATH',
  },
]
