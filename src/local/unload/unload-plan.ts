import type { ObjectLocation } from '../storage/object-storage.js'

/**
 * The AWS keys a statement carries (ACCESS_KEY_ID / SECRET_ACCESS_KEY /
 * SESSION_TOKEN, or the same keys inside a CREDENTIALS string). The same
 * shape as the storage provider's `StatementCredentials`, so a plan's
 * credentials can be handed to it as they are. An IAM_ROLE carries none.
 */
export interface UnloadCredentials {
  readonly accessKeyId?: string
  readonly secretAccessKey?: string
  readonly sessionToken?: string
}

/** How the statement authorized itself (secrets are kept only in `credentials`). */
export type UnloadAuthorization =
  | { readonly kind: 'iam_role'; readonly roles: 'default' | readonly string[] }
  | { readonly kind: 'access_key' }
  | { readonly kind: 'credentials'; readonly iamRole?: string }

/** The file format UNLOAD writes. `TEXT` is Redshift's default delimited text. */
export type UnloadFormat = 'TEXT' | 'CSV' | 'PARQUET' | 'JSON'

/** File-level compression of text, CSV and JSON output. */
export type UnloadCompression = 'gzip' | 'bzip2' | 'zstd'

/** One `label:width` entry of a FIXEDWIDTH spec, in column order. */
export interface FixedWidthColumn {
  readonly label: string
  /** Width in bytes. */
  readonly width: number
}

/**
 * A parsed, validated UNLOAD statement: everything `writeUnload` needs
 * besides the rows. Options Redshift accepts but the emulator has nothing to
 * do with (ENCRYPTED, KMS_KEY_ID, REGION) are kept so the statement can be
 * logged and inspected as written.
 *
 * ```ts
 * const parsed = parseUnload("unload ('select 1') to 's3://b/p_' iam_role default csv")
 * if (parsed.ok) parsed.plan.format // 'CSV'
 * ```
 */
export interface UnloadPlan {
  /** The inner SELECT, with the literal's quoting and escapes decoded. */
  readonly query: string
  /** The TO prefix as written: `s3://bucket/key-prefix`. */
  readonly target: string
  /** `target` split into bucket and key prefix. */
  readonly location: ObjectLocation
  readonly authorization: UnloadAuthorization
  readonly credentials: UnloadCredentials
  readonly format: UnloadFormat
  /** FIXEDWIDTH spec (text format only). */
  readonly fixedWidth?: readonly FixedWidthColumn[]
  /** The field delimiter of TEXT and CSV (`|` and `,` by default). */
  readonly delimiter: string
  readonly header: boolean
  readonly addQuotes: boolean
  readonly escape: boolean
  /** NULL AS string; `undefined` writes Redshift's default (empty, or blanks for FIXEDWIDTH). */
  readonly nullAs?: string
  readonly compression?: UnloadCompression
  readonly partitionBy?: {
    readonly columns: readonly string[]
    readonly include: boolean
  }
  readonly manifest?: { readonly verbose: boolean }
  readonly encrypted?: { readonly auto: boolean; readonly kmsKeyId?: string }
  readonly allowOverwrite: boolean
  readonly cleanPath: boolean
  readonly parallel: boolean
  /** Largest file, in bytes (6.2 GB by default). */
  readonly maxFileSize: number
  /** Target Parquet row-group size in bytes (32 MB by default). */
  readonly rowGroupSize: number
  readonly region?: string
  /** EXTENSION: appended after a dot instead of the default suffixes. */
  readonly extension?: string
}

export const MB = 1024 * 1024
export const GB = 1024 * MB
/** Redshift's largest (and default) unload file: 6.2 GB. */
export const MAX_FILE_SIZE = Math.round(6.2 * GB)
export const MIN_FILE_SIZE = 5 * MB
export const DEFAULT_ROW_GROUP_SIZE = 32 * MB
export const MAX_ROW_GROUP_SIZE = 128 * MB
