import type { StatementCredentials } from '../storage/storage-provider.js'

/**
 * The keys a COPY statement carries, as the storage provider takes them: a
 * folder ignores them, an S3 endpoint signs with them.
 */
export type CopyCredentials = StatementCredentials

/** How the statement authorizes itself (kept for the logs; never holds a secret). */
export type CopyAuthorization =
  | { readonly kind: 'iam_role'; readonly roles: 'default' | readonly string[] }
  | { readonly kind: 'keys' }
  | { readonly kind: 'credentials'; readonly roles?: readonly string[] }

/** Where the rows come from. Only `s3` is served by the emulator. */
export type CopySource =
  | {
      readonly kind: 's3'
      readonly url: string
      readonly bucket: string
      readonly key: string
    }
  | { readonly kind: 'dynamodb' | 'emr' | 'ssh'; readonly url: string }

/** The data format COPY reads. */
export type CopyFormat =
  | 'text'
  | 'csv'
  | 'fixedwidth'
  | 'json'
  | 'avro'
  | 'parquet'
  | 'orc'
  | 'shapefile'

/** Decompression named by the statement. */
export type CopyCompression = 'gzip' | 'bzip2' | 'lzop' | 'zstd'

/** `ENCODING`: how the text files are encoded. */
export type CopyEncoding = 'utf8' | 'utf16' | 'utf16le' | 'utf16be'

/** One `label:width` of FIXEDWIDTH (width in bytes). */
export interface FixedWidthField {
  readonly label: string
  readonly width: number
}

/** JSON / AVRO argument: `'auto'`, `'auto ignorecase'`, `'noshred'` or a JSONPaths file. */
export type StructuredMapping =
  | { readonly kind: 'auto'; readonly ignoreCase: boolean }
  | { readonly kind: 'noshred' }
  | { readonly kind: 'jsonpaths'; readonly url: string }

/**
 * Every option of one COPY, checked against Redshift's rules and with its
 * defaults filled in, so the load reads plain values.
 */
export interface CopyOptions {
  readonly format: CopyFormat
  /** Field separator of text and CSV (one character). */
  readonly delimiter: string
  /** CSV quote character. */
  readonly quote: string
  readonly fixedWidth?: readonly FixedWidthField[]
  readonly mapping?: StructuredMapping
  readonly serializeToJson: boolean
  readonly compression?: CopyCompression
  readonly manifest: boolean
  readonly region?: string
  readonly readRatio?: number
  readonly acceptAnyDate: boolean
  /** ACCEPTINVCHARS replacement character, when given. */
  readonly acceptInvChars?: string
  readonly blanksAsNull: boolean
  readonly emptyAsNull: boolean
  /** `DATEFORMAT`: undefined is the default `YYYY-MM-DD`. */
  readonly dateFormat?: string
  /** `TIMEFORMAT`: undefined is the default `YYYY-MM-DD HH:MI:SS`. */
  readonly timeFormat?: string
  readonly encoding: CopyEncoding
  readonly escape: boolean
  readonly explicitIds: boolean
  readonly fillRecord: boolean
  readonly ignoreBlankLines: boolean
  readonly ignoreHeader: number
  /** `NULL AS` string (default `\N`). */
  readonly nullAs: string
  /** NULL AS was left out (the null string is the default `\\N`). */
  readonly defaultNull: boolean
  readonly removeQuotes: boolean
  readonly roundDec: boolean
  readonly trimBlanks: boolean
  readonly truncateColumns: boolean
  readonly maxError: number
  readonly ignoreAllErrors: boolean
  readonly noLoad: boolean
  readonly compRows?: number
  readonly compUpdate?: string
  readonly statUpdate?: string
}

/**
 * A parsed, rule-checked COPY statement: what `startCopyLoad` runs.
 *
 * @example
 * ```ts
 * const parsed = parseCopy("copy sales from 's3://b/sales/' iam_role default csv")
 * if (parsed.ok) parsed.plan.tableParts // ['sales']
 * ```
 */
export interface CopyPlan {
  /** `[schema, table]` or `[table]`, folded as Redshift folds identifiers. */
  readonly tableParts: readonly string[]
  /** The column list, folded; undefined when the statement has none. */
  readonly columns?: readonly string[]
  readonly source: CopySource
  readonly credentials: CopyCredentials
  readonly authorization: CopyAuthorization
  readonly options: CopyOptions
}
