import {
  excludesEach,
  excludesEachOther,
  type OptionRule,
} from '../option-rule.js'

/**
 * The keywords a COPY builder can hold are Redshift's own, as Redshift spells
 * them, and four that stand for what the grammar says without a keyword:
 * `S3`, `DYNAMODB` and `EMR` name the source (from the scheme of the FROM
 * URL), and {@link COPY_COLUMNAR} is held with `PARQUET` or `ORC`.
 */
export const COPY_SOURCE_KEYWORDS = ['S3', 'DYNAMODB', 'EMR'] as const

/** Held with `PARQUET` or `ORC`, for the rules about either. */
export const COPY_COLUMNAR = 'PARQUET or ORC'

/** The data formats; a COPY takes at most one (none is pipe-delimited text). */
export const COPY_FORMAT_KEYWORDS = [
  'CSV',
  'FIXEDWIDTH',
  'JSON',
  'AVRO',
  'PARQUET',
  'ORC',
  'SHAPEFILE',
] as const

/** File compression; at most one. */
export const COPY_COMPRESSION_KEYWORDS = [
  'GZIP',
  'BZIP2',
  'LZOP',
  'ZSTD',
] as const

/** Data-conversion parameters (`copy-parameters-data-conversion.md`). */
export const COPY_CONVERSION_KEYWORDS = [
  'ACCEPTANYDATE',
  'ACCEPTINVCHARS',
  'BLANKSASNULL',
  'DATEFORMAT',
  'EMPTYASNULL',
  'ENCODING',
  'ESCAPE',
  'EXPLICIT_IDS',
  'FILLRECORD',
  'IGNOREBLANKLINES',
  'IGNOREHEADER',
  'NULL AS',
  'REMOVEQUOTES',
  'ROUNDEC',
  'TIMEFORMAT',
  'TRIMBLANKS',
  'TRUNCATECOLUMNS',
] as const

/** Load-operation parameters (`copy-parameters-data-load.md`). */
export const COPY_LOAD_KEYWORDS = [
  'COMPROWS',
  'COMPUPDATE',
  'IGNOREALLERRORS',
  'MAXERROR',
  'NOLOAD',
  'STATUPDATE',
] as const

/** Authorization keywords (`copy-parameters-authorization.md`). */
export const COPY_AUTHORIZATION_KEYWORDS = [
  'IAM_ROLE',
  'ACCESS_KEY_ID',
  'SECRET_ACCESS_KEY',
  'SESSION_TOKEN',
  'CREDENTIALS',
] as const

/** Every keyword the builder models (raw options may add others). */
export const COPY_KEYWORDS: readonly string[] = [
  'FROM',
  ...COPY_SOURCE_KEYWORDS,
  'MANIFEST',
  'SSH',
  'ENCRYPTED',
  'REGION',
  'READRATIO',
  ...COPY_AUTHORIZATION_KEYWORDS,
  ...COPY_FORMAT_KEYWORDS,
  COPY_COLUMNAR,
  'QUOTE',
  'DELIMITER',
  'SERIALIZETOJSON',
  'SIMPLIFY',
  ...COPY_COMPRESSION_KEYWORDS,
  ...COPY_CONVERSION_KEYWORDS,
  ...COPY_LOAD_KEYWORDS,
]

// copy-usage_notes-copy-from-columnar.md: "COPY from columnar formats
// supports only these parameters". Everything else the builder models is
// refused next to PARQUET and ORC.
const COLUMNAR_ALLOWED = new Set([
  'FROM',
  'S3',
  'MANIFEST',
  ...COPY_AUTHORIZATION_KEYWORDS,
  'ACCEPTINVCHARS',
  'FILLRECORD',
  'STATUPDATE',
  'EXPLICIT_IDS',
  'SERIALIZETOJSON',
  COPY_COLUMNAR,
  'PARQUET',
  'ORC',
])

// Refused next to PARQUET and ORC by rows of their own (one data format, S3
// only, SSH, READRATIO needs DynamoDB, QUOTE and SIMPLIFY need their format),
// so the columnar rows leave them out and each pair is refused by one row.
const COLUMNAR_REFUSED_ELSEWHERE = new Set<string>([
  ...COPY_FORMAT_KEYWORDS,
  ...COPY_SOURCE_KEYWORDS,
  'SSH',
  'READRATIO',
  'QUOTE',
  'SIMPLIFY',
])

const DYNAMODB_ALLOWED_CONVERSIONS = new Set([
  'ACCEPTANYDATE',
  'BLANKSASNULL',
  'DATEFORMAT',
  'EMPTYASNULL',
  'ROUNDEC',
  'TIMEFORMAT',
  'TRIMBLANKS',
  'TRUNCATECOLUMNS',
])

const TEXT_ONLY_FOR_JSON_AVRO = [
  'DELIMITER',
  'ESCAPE',
  'FILLRECORD',
  'IGNOREBLANKLINES',
  'NULL AS',
  'REMOVEQUOTES',
]

/**
 * Redshift's rules about COPY's options, one row each with its reason, from
 * `redshift-facts.md` section 1 and the catalog's `copy` tables (the AWS page
 * behind each is named in the reason where it is not the COPY page itself).
 * The builder computes the keywords it holds and checks them against this
 * table at compile time, so a broken rule fails before anything is sent; the
 * tests build a COPY for each row and expect that row to be the one that
 * refuses it (so no row is shadowed by another). Exclusivity of the
 * authorization and of the source is kept by the builder itself (one of
 * each); the authorization rows here catch a raw option adding a second.
 *
 * ```ts
 * checkOptionRules(COPY_RULES, new Set(['FROM', 'S3', 'PARQUET', COPY_COLUMNAR, 'REGION']))
 * // CommandOptionError: COPY: PARQUET with REGION: Parquet and ORC files load ...
 * ```
 */
export const COPY_RULES: readonly OptionRule[] = Object.freeze(
  [
    // Retired or refused outright.
    {
      command: 'COPY',
      kind: 'refused',
      option: 'MASTER_SYMMETRIC_KEY',
      rule:
        'client-side encryption with a master symmetric key is retired; ' +
        'use server-side encryption (SSE-S3 or SSE-KMS) on the bucket',
    },

    // Authorization: exactly one way.
    ...excludesEach(
      'COPY',
      ['IAM_ROLE'],
      ['ACCESS_KEY_ID', 'SECRET_ACCESS_KEY', 'SESSION_TOKEN', 'CREDENTIALS'],
      'use exactly one authorization: IAM_ROLE, ACCESS_KEY_ID + SECRET_ACCESS_KEY, or CREDENTIALS',
    ),
    ...excludesEach(
      'COPY',
      ['CREDENTIALS'],
      ['ACCESS_KEY_ID', 'SECRET_ACCESS_KEY', 'SESSION_TOKEN'],
      'use exactly one authorization: IAM_ROLE, ACCESS_KEY_ID + SECRET_ACCESS_KEY, or CREDENTIALS',
    ),

    // Sources (copy-parameters-data-source-*.md).
    {
      command: 'COPY',
      kind: 'requires',
      option: 'READRATIO',
      other: 'DYNAMODB',
      rule: "READRATIO is the share of a DynamoDB table's provisioned throughput; it applies to DynamoDB sources only",
    },
    {
      command: 'COPY',
      kind: 'requires',
      option: 'DYNAMODB',
      other: 'READRATIO',
      rule: 'a COPY from DynamoDB must say how much of the provisioned read throughput it may use (READRATIO 1..200)',
    },
    ...excludesEach(
      'COPY',
      ['DYNAMODB'],
      [
        ...COPY_FORMAT_KEYWORDS,
        'DELIMITER',
        'QUOTE',
        'SERIALIZETOJSON',
        'SIMPLIFY',
        ...COPY_CONVERSION_KEYWORDS.filter(
          (k) => !DYNAMODB_ALLOWED_CONVERSIONS.has(k),
        ),
        'MANIFEST',
        'ENCRYPTED',
        'SSH',
      ],
      'DynamoDB items are not files: COPY from DynamoDB takes no data-format or file parameters ' +
        '(conversions allowed: ACCEPTANYDATE, BLANKSASNULL, DATEFORMAT, EMPTYASNULL, ROUNDEC, ' +
        'TIMEFORMAT, TRIMBLANKS, TRUNCATECOLUMNS)',
    ),
    ...excludesEach(
      'COPY',
      ['DYNAMODB'],
      COPY_COMPRESSION_KEYWORDS,
      'DynamoDB items are not compressed files, so there is nothing to decompress',
    ),
    ...excludesEach(
      'COPY',
      ['EMR'],
      ['ENCRYPTED', 'MANIFEST', 'REGION', 'SSH'],
      'COPY from an EMR cluster reads its HDFS files directly: no ENCRYPTED, MANIFEST, REGION or SSH',
    ),
    ...excludesEach(
      'COPY',
      ['SSH'],
      ['ENCRYPTED', 'MANIFEST'],
      'with SSH the manifest lists remote hosts and commands, not S3 objects: no MANIFEST or ENCRYPTED',
    ),
    ...excludesEach(
      'COPY',
      ['SSH'],
      ['PARQUET', 'ORC', 'ZSTD'],
      'SSH hosts send their output as a stream; PARQUET, ORC and ZSTD are read from S3 objects only',
    ),
    {
      command: 'COPY',
      kind: 'requires',
      option: 'ZSTD',
      other: 'S3',
      rule: 'ZSTD-compressed files can be loaded from Amazon S3 only',
    },
    ...['PARQUET', 'ORC'].map((option) => ({
      command: 'COPY' as const,
      kind: 'requires' as const,
      option,
      other: 'S3',
      rule: "Parquet and ORC files are loaded from Amazon S3 only (in the cluster's region)",
    })),

    // Formats (copy-parameters-data-format.md).
    ...excludesEachOther(
      'COPY',
      COPY_FORMAT_KEYWORDS,
      'a COPY reads one data format',
    ),
    ...excludesEachOther(
      'COPY',
      COPY_COMPRESSION_KEYWORDS,
      'the files of a COPY use one compression',
    ),
    ...excludesEach(
      'COPY',
      ['CSV'],
      ['REMOVEQUOTES', 'ESCAPE'],
      'CSV has its own quoting (QUOTE, doubled to escape); REMOVEQUOTES and ESCAPE are for delimited text',
    ),
    {
      command: 'COPY',
      kind: 'requires',
      option: 'QUOTE',
      other: 'CSV',
      rule: 'QUOTE sets the quote character of CSV',
    },
    {
      command: 'COPY',
      kind: 'excludes',
      option: 'FIXEDWIDTH',
      other: 'DELIMITER',
      rule: 'fixed-width columns have no delimiter',
    },
    {
      command: 'COPY',
      kind: 'excludes',
      option: 'ESCAPE',
      other: 'FIXEDWIDTH',
      rule: 'ESCAPE is for delimited text, not fixed-width columns',
    },
    ...excludesEach(
      'COPY',
      ['SHAPEFILE'],
      ['REMOVEQUOTES', 'ESCAPE'],
      'shapefiles are binary: REMOVEQUOTES and ESCAPE are for delimited text',
    ),
    {
      command: 'COPY',
      kind: 'requires',
      option: 'SIMPLIFY',
      other: 'SHAPEFILE',
      rule: 'SIMPLIFY simplifies the geometries of a SHAPEFILE load',
    },
    ...excludesEach(
      'COPY',
      ['JSON', 'AVRO'],
      TEXT_ONLY_FOR_JSON_AVRO,
      'JSON and Avro records are parsed by their own rules: no DELIMITER, ESCAPE, FILLRECORD, ' +
        'IGNOREBLANKLINES, NULL AS or REMOVEQUOTES',
    ),
    ...excludesEach(
      'COPY',
      ['PARQUET', 'ORC'],
      COPY_KEYWORDS.filter(
        (k) => !COLUMNAR_ALLOWED.has(k) && !COLUMNAR_REFUSED_ELSEWHERE.has(k),
      ),
      'Parquet and ORC files load with only ACCEPTINVCHARS, FILLRECORD, EXPLICIT_IDS, STATUPDATE, ' +
        'MANIFEST, SERIALIZETOJSON and the authorization: no REGION (same region only), no ' +
        'MAXERROR or IGNOREALLERRORS (any error fails the load), no other conversion, compression ' +
        'or load parameter (copy-usage_notes-copy-from-columnar.md)',
    ),
    {
      command: 'COPY',
      kind: 'requires',
      option: 'SERIALIZETOJSON',
      other: COPY_COLUMNAR,
      rule: 'SERIALIZETOJSON loads nested Parquet or ORC columns into SUPER (ingest-super.md)',
    },

    // Load operations (copy-parameters-data-load.md).
    {
      command: 'COPY',
      kind: 'excludes',
      option: 'IGNOREALLERRORS',
      other: 'MAXERROR',
      rule: 'IGNOREALLERRORS already ignores every error; MAXERROR sets a limit: use one',
    },
  ].map((rule) => Object.freeze(rule as OptionRule)),
)
