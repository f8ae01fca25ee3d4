/** How an option's argument is written. */
export type ArgumentKind =
  /** A bare keyword: `CSV`, `GZIP`. */
  | 'none'
  /** A required string literal: `REGION 'us-east-1'`. */
  | 'string'
  /** A string literal that may be left out: `ACCEPTINVCHARS ['c']`. */
  | 'optional-string'
  /** A bare integer: `MAXERROR 10`. */
  | 'integer'
  /** A required bare keyword from `keywords`: `ENCODING UTF8`. */
  | 'keyword'
  /** A bare keyword from `keywords` that may be left out: `COMPUPDATE [ON]`. */
  | 'optional-keyword'

/** One COPY parameter as Redshift's grammar writes it. */
export interface OptionSyntax {
  readonly argument: ArgumentKind
  /** Whether `AS` may come between the name and the argument. */
  readonly as: boolean
  readonly keywords?: readonly string[]
}

const flag: OptionSyntax = { argument: 'none', as: false }
const str = (as: boolean): OptionSyntax => ({ argument: 'string', as })
const int = (as: boolean): OptionSyntax => ({ argument: 'integer', as })

/**
 * Every COPY parameter of `r_COPY.md` (sources, authorization, formats,
 * compression, data conversion, load operations) and the syntax of its
 * argument. IAM_ROLE, FORMAT, NULL, CSV's QUOTE, SIMPLIFY (a shapefile's)
 * and CREDENTIALS' optional WITH have shapes of their own and are read by the
 * parser directly.
 */
export const COPY_OPTIONS: Readonly<Record<string, OptionSyntax>> = {
  MANIFEST: flag,
  ENCRYPTED: flag,
  MASTER_SYMMETRIC_KEY: str(false),
  REGION: str(true),
  READRATIO: int(true),
  SSH: flag,
  ACCESS_KEY_ID: str(false),
  SECRET_ACCESS_KEY: str(false),
  SESSION_TOKEN: str(false),
  CREDENTIALS: str(true),
  CSV: flag,
  QUOTE: str(true),
  DELIMITER: str(true),
  FIXEDWIDTH: str(false),
  AVRO: str(true),
  JSON: str(true),
  PARQUET: flag,
  ORC: flag,
  SERIALIZETOJSON: flag,
  BZIP2: flag,
  GZIP: flag,
  LZOP: flag,
  ZSTD: flag,
  ACCEPTANYDATE: flag,
  ACCEPTINVCHARS: { argument: 'optional-string', as: true },
  BLANKSASNULL: flag,
  DATEFORMAT: str(true),
  EMPTYASNULL: flag,
  ENCODING: {
    argument: 'keyword',
    as: true,
    keywords: ['UTF8', 'UTF16', 'UTF16LE', 'UTF16BE'],
  },
  ESCAPE: flag,
  EXPLICIT_IDS: flag,
  FILLRECORD: flag,
  IGNOREBLANKLINES: flag,
  IGNOREHEADER: int(true),
  REMOVEQUOTES: flag,
  ROUNDEC: flag,
  TIMEFORMAT: str(true),
  TRIMBLANKS: flag,
  TRUNCATECOLUMNS: flag,
  COMPROWS: int(false),
  COMPUPDATE: {
    argument: 'optional-keyword',
    as: false,
    keywords: ['PRESET', 'ON', 'TRUE', 'OFF', 'FALSE'],
  },
  IGNOREALLERRORS: flag,
  MAXERROR: int(true),
  NOLOAD: flag,
  STATUPDATE: {
    argument: 'optional-keyword',
    as: false,
    keywords: ['ON', 'TRUE', 'OFF', 'FALSE'],
  },
}

/** Words that `FORMAT [AS]` may be followed by. */
export const FORMAT_WORDS: ReadonlySet<string> = new Set([
  'CSV',
  'JSON',
  'AVRO',
  'PARQUET',
  'ORC',
  'SHAPEFILE',
  'FIXEDWIDTH',
])
