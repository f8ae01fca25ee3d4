import type { CompiledQuery, Compilable } from 'kysely'

import type { Authorization } from '../authorization.js'
import type { CopyExecuteOptions, CopyResult } from './copy-result.js'

/**
 * Where a COPY reads from, as the builder's type tracks it: an S3 prefix or
 * object, an S3 manifest (`MANIFEST`), an SSH manifest (`SSH`), a DynamoDB
 * table or an EMR cluster.
 */
export type CopySourceKind = 's3' | 'manifest' | 'ssh' | 'dynamodb' | 'emr'

/**
 * The data format, as the builder's type tracks it: `text` (the default,
 * pipe-delimited), `csv`, `fixedwidth`, `json`, `avro`, `columnar` (Parquet
 * or ORC) or `shapefile`.
 */
export type CopyFormatKind =
  'text' | 'csv' | 'fixedwidth' | 'json' | 'avro' | 'columnar' | 'shapefile'

/** The argument of `json()`: how fields map to columns. */
export type CopyJsonOption =
  'auto' | 'auto ignorecase' | 'noshred' | `s3://${string}`

/** The argument of `avro()`: how fields map to columns. */
export type CopyAvroOption = 'auto' | 'auto ignorecase' | `s3://${string}`

/** `ENCODING`'s values. */
export type CopyEncoding = 'UTF8' | 'UTF16' | 'UTF16LE' | 'UTF16BE'

/** Options of `shapefile()`. */
export interface CopyShapefileOptions {
  /**
   * `SIMPLIFY`: `true` for Redshift's default, or `{ auto, tolerance }`
   * (`SIMPLIFY AUTO 1.1e-05` simplifies only geometries too large to load).
   */
  readonly simplify?:
    true | { readonly auto?: boolean; readonly tolerance?: number }
}

/** A raw option's argument: a literal, a number, or a bare keyword. */
export type CopyRawValue = string | number | { readonly keyword: string }

/** True when `A` is one of `B`. */
type In<A, B> = [A] extends [B] ? true : false
/** True when `A` is none of `B`. */
type Out<A, B> = [A] extends [B] ? false : true
/** True when both are. */
type And<A extends boolean, B extends boolean> = [A] extends [true] ? B : false
/** Methods `M` when `C` is true. */
type When<C extends boolean, M> = [C] extends [true] ? M : unknown

/**
 * A COPY being built. Which methods exist depends on the source `S` and the
 * format `F`, so the combinations Redshift refuses mostly do not compile:
 * after `.parquet()` there is no `.region()`, `.maxError()` or
 * `.dateFormat()`; `.readRatio()` exists on a DynamoDB source only. What the
 * types cannot see (raw options, two formats through a cast) is still
 * refused by `COPY_RULES` when the COPY is compiled.
 *
 * ```ts
 * await copyInto(db, 'sales', ['id', 'qty'])
 *   .from('s3://bucket/sales/')
 *   .iamRole('default')
 *   .csv({ quote: '"' })
 *   .ignoreHeader(1)
 *   .maxError(5)
 *   .execute()
 * ```
 */
export type CopyBuilder<
  S extends CopySourceKind,
  F extends CopyFormatKind,
> = CopyCommon<S, F> &
  When<In<S, 's3'>, CopyS3Methods<F>> &
  When<And<In<S, 's3'>, Out<F, 'columnar'>>, CopySshMethod<F>> &
  When<
    And<In<S, 's3' | 'manifest'>, Out<F, 'columnar'>>,
    CopyEncryptedMethod<S, F>
  > &
  When<
    And<In<S, 's3' | 'manifest' | 'ssh' | 'dynamodb'>, Out<F, 'columnar'>>,
    CopyRegionMethod<S, F>
  > &
  When<In<S, 'dynamodb'>, CopyReadRatioMethod<F>> &
  When<And<In<F, 'text'>, Out<S, 'dynamodb'>>, CopyFormatMethods<S>> &
  When<And<In<F, 'text'>, In<S, 's3' | 'manifest'>>, CopyColumnarMethods<S>> &
  When<
    And<In<F, 'text' | 'csv'>, Out<S, 'dynamodb'>>,
    CopyDelimiterMethod<S, F>
  > &
  When<In<F, 'columnar'>, CopySerializeMethod<S>> &
  When<
    And<Out<F, 'columnar'>, Out<S, 'dynamodb'>>,
    CopyCompressionMethods<S, F>
  > &
  When<
    And<Out<F, 'columnar'>, In<S, 's3' | 'manifest'>>,
    CopyZstdMethod<S, F>
  > &
  When<Out<F, 'columnar'>, CopyConversionMethods<S, F>> &
  When<Out<S, 'dynamodb'>, CopyFileConversionMethods<S, F>> &
  When<
    And<Out<S, 'dynamodb'>, Out<F, 'json' | 'avro'>>,
    CopyFillRecordMethod<S, F>
  > &
  When<And<Out<S, 'dynamodb'>, Out<F, 'columnar'>>, CopyTextFileMethods<S, F>> &
  When<
    And<Out<S, 'dynamodb'>, Out<F, 'columnar' | 'json' | 'avro'>>,
    CopyNullMethods<S, F>
  > &
  When<And<Out<S, 'dynamodb'>, In<F, 'text'>>, CopyEscapeMethod<S, F>> &
  When<
    And<Out<S, 'dynamodb'>, In<F, 'text' | 'fixedwidth'>>,
    CopyRemoveQuotesMethod<S, F>
  > &
  When<Out<F, 'columnar'>, CopyLoadMethods<S, F>>

/** The first step: `copyInto(db, table)` has only `from()`. */
export interface CopyFrom {
  /**
   * The source: an S3 prefix (every object and folder whose key starts with
   * it) or object, then `.manifest()` or `.ssh()` if the object is one; a
   * DynamoDB table; or files on an EMR cluster (`*` and `?` allowed).
   *
   * ```ts
   * copyInto(db, 'sales').from('s3://bucket/sales/2024-')
   * copyInto(db, 'orders').from('dynamodb://Orders').readRatio(50)
   * copyInto(db, 'logs').from('emr://j-SAMPLE/hdfs/logs/part-*')
   * ```
   */
  from(url: `s3://${string}`): CopyBuilder<'s3', 'text'>
  from(url: `dynamodb://${string}`): CopyBuilder<'dynamodb', 'text'>
  from(url: `emr://${string}`): CopyBuilder<'emr', 'text'>
  /** A URL typed only as `string` is taken as S3's; its scheme is checked at run time. */
  from(url: string): CopyBuilder<'s3', 'text'>
}

/** What every COPY has: authorization, raw options, STATUPDATE, compile, execute. */
export interface CopyCommon<
  S extends CopySourceKind,
  F extends CopyFormatKind,
> extends Compilable<never> {
  /**
   * `IAM_ROLE default`, `IAM_ROLE 'arn'`, or a chain of up to 10 roles.
   *
   * ```ts
   * .iamRole('default')
   * .iamRole(['arn:aws:iam::1:role/owner', 'arn:aws:iam::2:role/reader'])
   * ```
   */
  iamRole(role: 'default' | string | readonly string[]): CopyBuilder<S, F>
  /**
   * `ACCESS_KEY_ID '...' SECRET_ACCESS_KEY '...' [SESSION_TOKEN '...']`.
   * The secret and the token never appear in an error.
   *
   * ```ts
   * .accessKey({ accessKeyId, secretAccessKey, sessionToken })
   * ```
   */
  accessKey(key: {
    readonly accessKeyId: string
    readonly secretAccessKey: string
    readonly sessionToken?: string
  }): CopyBuilder<S, F>
  /**
   * `CREDENTIALS 'aws_iam_role=arn'` or `'aws_access_key_id=...;aws_secret_access_key=...'`.
   *
   * ```ts
   * .credentials(`aws_iam_role=${roleArn}`)
   * ```
   */
  credentials(credentials: string): CopyBuilder<S, F>
  /**
   * Any {@link Authorization} (the shape UNLOAD takes too).
   *
   * ```ts
   * .authorize({ iamRole: 'default' })
   * ```
   */
  authorize(authorization: Authorization): CopyBuilder<S, F>
  /**
   * `STATUPDATE [ON | OFF]`: refresh the table's statistics after the load
   * (Redshift decides when not given).
   *
   * ```ts
   * .statUpdate(false)
   * ```
   */
  statUpdate(on?: boolean): CopyBuilder<S, F>
  /**
   * An option this builder does not model yet. The keyword must be bare words
   * (`NEWOPTION`, `NULL AS`); a string argument is a literal through the
   * escaping module, a number is written as is, `{ keyword }` is a bare word.
   * The option's rules in {@link COPY_RULES} apply to it like to any other.
   *
   * ```ts
   * .rawOption('NEWOPTION', 'value')   // NEWOPTION 'value'
   * .rawOption('SOMEFLAG')             // SOMEFLAG
   * .rawOption('LEVEL', { keyword: 'HIGH' })
   * ```
   */
  rawOption(keyword: string, value?: CopyRawValue): CopyBuilder<S, F>
  /**
   * The COPY as a `CompiledQuery` with no parameters (COPY takes none). Every
   * option rule and the 16 MB limit are checked here; a broken one throws
   * `CommandOptionError` and nothing is sent.
   *
   * ```ts
   * const { sql } = copyInto(db, 'sales').from('s3://b/k').iamRole('default').compile()
   * ```
   */
  compile(): CompiledQuery<never>
  /**
   * Runs the COPY on one connection of the Kysely instance it came from, then
   * reads `pg_last_copy_count()` and `pg_last_copy_id()` there. A failed load
   * throws `LoadError` with the rows of STL_LOAD_ERRORS (or, with
   * `serverless`, SYS_LOAD_ERROR_DETAIL) in `loadErrors`; with MAXERROR > 0
   * or IGNOREALLERRORS the rows that were skipped come back in `rejected`.
   *
   * ```ts
   * const { rowsLoaded, rejected } = await copy.execute({
   *   onProgress: ({ elapsedMs }) => console.log(`loading... ${elapsedMs} ms`),
   * })
   * ```
   */
  execute(options?: CopyExecuteOptions): Promise<CopyResult>
}

/** Methods of an S3 source. */
export interface CopyS3Methods<F extends CopyFormatKind> {
  /**
   * `MANIFEST`: the FROM object is a manifest listing the files to load
   * (with `meta.content_length` for Parquet and ORC).
   *
   * ```ts
   * .from('s3://bucket/load/sales.manifest').manifest()
   * ```
   */
  manifest(): CopyBuilder<'manifest', F>
}

/** `SSH`, for an S3 source. */
export interface CopySshMethod<F extends CopyFormatKind> {
  /**
   * `SSH`: the FROM object is an SSH manifest (hosts and commands whose
   * output is loaded).
   *
   * ```ts
   * .from('s3://bucket/ssh_manifest').ssh()
   * ```
   */
  ssh(): CopyBuilder<'ssh', F>
}

/** `ENCRYPTED`, for S3 files. */
export interface CopyEncryptedMethod<
  S extends CopySourceKind,
  F extends CopyFormatKind,
> {
  /**
   * `ENCRYPTED`: the files are client-side encrypted (server-side encrypted
   * files need nothing). Client-side encryption with MASTER_SYMMETRIC_KEY is
   * retired and refused.
   *
   * ```ts
   * .encrypted()
   * ```
   */
  encrypted(): CopyBuilder<S, F>
}

/** `REGION`, for S3 and DynamoDB sources. */
export interface CopyRegionMethod<
  S extends CopySourceKind,
  F extends CopyFormatKind,
> {
  /**
   * `REGION 'r'`: the region of the bucket or table when it is not the
   * cluster's.
   *
   * ```ts
   * .region('eu-west-1')
   * ```
   */
  region(region: string): CopyBuilder<S, F>
}

/** `READRATIO`, for a DynamoDB source. */
export interface CopyReadRatioMethod<F extends CopyFormatKind> {
  /**
   * `READRATIO n` (1..200, required for DynamoDB): the percentage of the
   * table's provisioned read throughput the COPY may use.
   *
   * ```ts
   * .from('dynamodb://Orders').readRatio(50)
   * ```
   */
  readRatio(percent: number): CopyBuilder<'dynamodb', F>
}

/** Choosing a data format (once). */
export interface CopyFormatMethods<S extends CopySourceKind> {
  /**
   * `CSV [QUOTE AS 'q']` (quote `"` by default, escaped by doubling it).
   *
   * ```ts
   * .csv()                // CSV
   * .csv({ quote: '%' })  // CSV QUOTE AS '%'
   * ```
   */
  csv(options?: { readonly quote?: string }): CopyBuilder<S, 'csv'>
  /**
   * `FIXEDWIDTH 'label:width,...'`, widths in bytes, in column order.
   *
   * ```ts
   * .fixedWidth([['id', 8], ['name', 20]]) // FIXEDWIDTH 'id:8,name:20'
   * ```
   */
  fixedWidth(
    columns: readonly (readonly [label: string, width: number])[],
  ): CopyBuilder<S, 'fixedwidth'>
  /**
   * `FORMAT AS JSON '...'`: `'auto'` (the default here), `'auto ignorecase'`,
   * `'noshred'` (each document into one SUPER column) or a JSONPaths file.
   *
   * ```ts
   * .json()                              // FORMAT AS JSON 'auto'
   * .json('s3://bucket/paths.json')      // FORMAT AS JSON 's3://bucket/paths.json'
   * ```
   */
  json(option?: CopyJsonOption): CopyBuilder<S, 'json'>
  /**
   * `FORMAT AS AVRO '...'`: `'auto'` (the default here), `'auto ignorecase'`
   * or a JSONPaths file.
   *
   * ```ts
   * .avro('auto ignorecase')
   * ```
   */
  avro(option?: CopyAvroOption): CopyBuilder<S, 'avro'>
  /**
   * `FORMAT AS SHAPEFILE [SIMPLIFY [AUTO] [tolerance]]`.
   *
   * ```ts
   * .shapefile({ simplify: { auto: true, tolerance: 1.1e-5 } })
   * ```
   */
  shapefile(options?: CopyShapefileOptions): CopyBuilder<S, 'shapefile'>
}

/** Parquet and ORC, from S3 only. */
export interface CopyColumnarMethods<S extends CopySourceKind> {
  /**
   * `FORMAT AS PARQUET`: columns matched by position; afterwards only
   * ACCEPTINVCHARS, FILLRECORD, EXPLICIT_IDS, STATUPDATE, MANIFEST and
   * SERIALIZETOJSON remain.
   *
   * ```ts
   * .from('s3://bucket/sales.parquet/').iamRole('default').parquet()
   * ```
   */
  parquet(): CopyBuilder<S, 'columnar'>
  /**
   * `FORMAT AS ORC`, with Parquet's restrictions.
   *
   * ```ts
   * .orc().serializeToJson()
   * ```
   */
  orc(): CopyBuilder<S, 'columnar'>
}

/** `SERIALIZETOJSON`, for Parquet and ORC. */
export interface CopySerializeMethod<S extends CopySourceKind> {
  /**
   * `SERIALIZETOJSON`: nested and array columns into SUPER.
   *
   * ```ts
   * .parquet().serializeToJson()
   * ```
   */
  serializeToJson(): CopyBuilder<S, 'columnar'>
}

/** `DELIMITER`, for delimited text and CSV. */
export interface CopyDelimiterMethod<
  S extends CopySourceKind,
  F extends CopyFormatKind,
> {
  /**
   * `DELIMITER 'c'`: one ASCII character (`'|'` by default, `','` with CSV);
   * Redshift's octal notation is accepted as `'\\ddd'`.
   *
   * ```ts
   * .delimiter('\t')
   * .delimiter('\\001') // octal: the character U+0001
   * ```
   */
  delimiter(char: string): CopyBuilder<S, F>
}

/** BZIP2, GZIP, LZOP. */
export interface CopyCompressionMethods<
  S extends CopySourceKind,
  F extends CopyFormatKind,
> {
  /** `GZIP`: the files are gzip-compressed. `.gzip()` */
  gzip(): CopyBuilder<S, F>
  /** `BZIP2`: the files are bzip2-compressed. `.bzip2()` */
  bzip2(): CopyBuilder<S, F>
  /** `LZOP`: the files are lzop-compressed (not with `--filter`). `.lzop()` */
  lzop(): CopyBuilder<S, F>
}

/** ZSTD, from S3 only. */
export interface CopyZstdMethod<
  S extends CopySourceKind,
  F extends CopyFormatKind,
> {
  /** `ZSTD`: the files are Zstandard-compressed (S3 only). `.zstd()` */
  zstd(): CopyBuilder<S, F>
}

/** Conversions allowed for every non-columnar load, DynamoDB's included. */
export interface CopyConversionMethods<
  S extends CopySourceKind,
  F extends CopyFormatKind,
> {
  /** `ACCEPTANYDATE`: unparseable dates load as NULL. `.acceptAnyDate()` */
  acceptAnyDate(): CopyBuilder<S, F>
  /** `BLANKSASNULL`: whitespace-only CHAR/VARCHAR fields load as NULL. `.blanksAsNull()` */
  blanksAsNull(): CopyBuilder<S, F>
  /**
   * `DATEFORMAT 'fmt'` (`'YYYY-MM-DD'` by default) or `'auto'`.
   *
   * ```ts
   * .dateFormat('MM/DD/YYYY')
   * ```
   */
  dateFormat(format: string): CopyBuilder<S, F>
  /** `EMPTYASNULL`: empty CHAR/VARCHAR fields load as NULL. `.emptyAsNull()` */
  emptyAsNull(): CopyBuilder<S, F>
  /** `ROUNDEC`: round extra decimal places instead of truncating them. `.roundec()` */
  roundec(): CopyBuilder<S, F>
  /**
   * `TIMEFORMAT 'fmt'`, `'auto'`, `'epochsecs'` or `'epochmillisecs'`.
   *
   * ```ts
   * .timeFormat('epochmillisecs')
   * ```
   */
  timeFormat(
    format: 'auto' | 'epochsecs' | 'epochmillisecs' | (string & {}),
  ): CopyBuilder<S, F>
  /** `TRIMBLANKS`: trailing blanks removed from VARCHAR values. `.trimBlanks()` */
  trimBlanks(): CopyBuilder<S, F>
  /** `TRUNCATECOLUMNS`: too-long CHAR/VARCHAR values are cut to fit. `.truncateColumns()` */
  truncateColumns(): CopyBuilder<S, F>
}

/** Conversions for files (not DynamoDB), Parquet and ORC included. */
export interface CopyFileConversionMethods<
  S extends CopySourceKind,
  F extends CopyFormatKind,
> {
  /**
   * `ACCEPTINVCHARS [AS 'c']`: invalid UTF-8 in VARCHAR replaced by `c`
   * (`'?'` by default), one ASCII character.
   *
   * ```ts
   * .acceptInvChars('^')
   * ```
   */
  acceptInvChars(replacement?: string): CopyBuilder<S, F>
  /** `EXPLICIT_IDS`: load IDENTITY columns from the data. `.explicitIds()` */
  explicitIds(): CopyBuilder<S, F>
}

/** FILLRECORD, for files that are not JSON or Avro. */
export interface CopyFillRecordMethod<
  S extends CopySourceKind,
  F extends CopyFormatKind,
> {
  /** `FILLRECORD`: missing trailing columns load as NULL. `.fillRecord()` */
  fillRecord(): CopyBuilder<S, F>
}

/** ENCODING, IGNOREHEADER, for text-like files. */
export interface CopyTextFileMethods<
  S extends CopySourceKind,
  F extends CopyFormatKind,
> {
  /**
   * `ENCODING UTF8 | UTF16 | UTF16LE | UTF16BE`.
   *
   * ```ts
   * .encoding('UTF16LE')
   * ```
   */
  encoding(encoding: CopyEncoding): CopyBuilder<S, F>
  /**
   * `IGNOREHEADER n`: skip the first `n` lines of each file.
   *
   * ```ts
   * .ignoreHeader(1)
   * ```
   */
  ignoreHeader(lines: number): CopyBuilder<S, F>
}

/** IGNOREBLANKLINES, NULL AS: delimited, CSV, fixed-width, shapefile. */
export interface CopyNullMethods<
  S extends CopySourceKind,
  F extends CopyFormatKind,
> {
  /** `IGNOREBLANKLINES`: skip lines that hold only a line feed. `.ignoreBlankLines()` */
  ignoreBlankLines(): CopyBuilder<S, F>
  /**
   * `NULL AS 'str'` (`'\N'` by default): fields equal to `str` load as NULL.
   * A newline cannot be one: it ends the line.
   *
   * ```ts
   * .nullAs('')   // NULL AS ''
   * .nullAs('NA')
   * ```
   */
  nullAs(nullString: string): CopyBuilder<S, F>
}

/** ESCAPE, for delimited text. */
export interface CopyEscapeMethod<
  S extends CopySourceKind,
  F extends CopyFormatKind,
> {
  /** `ESCAPE`: a backslash in the data escapes the next character. `.escape()` */
  escape(): CopyBuilder<S, F>
}

/** REMOVEQUOTES, for delimited and fixed-width text. */
export interface CopyRemoveQuotesMethod<
  S extends CopySourceKind,
  F extends CopyFormatKind,
> {
  /** `REMOVEQUOTES`: strip surrounding quotes from fields. `.removeQuotes()` */
  removeQuotes(): CopyBuilder<S, F>
}

/** Load operations (not for Parquet and ORC). */
export interface CopyLoadMethods<
  S extends CopySourceKind,
  F extends CopyFormatKind,
> {
  /**
   * `COMPROWS n` (1000..2147483647): rows per slice sampled for automatic
   * compression.
   *
   * ```ts
   * .compRows(200_000)
   * ```
   */
  compRows(rows: number): CopyBuilder<S, F>
  /**
   * `COMPUPDATE [PRESET | ON | OFF]`: automatic compression encodings.
   *
   * ```ts
   * .compUpdate(false) // COMPUPDATE OFF
   * ```
   */
  compUpdate(mode?: boolean | 'PRESET'): CopyBuilder<S, F>
  /**
   * `IGNOREALLERRORS`: load what can be loaded and skip every bad row (not
   * with MAXERROR). The skipped rows come back in `rejected`.
   *
   * ```ts
   * .ignoreAllErrors()
   * ```
   */
  ignoreAllErrors(): CopyBuilder<S, F>
  /**
   * `MAXERROR n` (0..100000): how many bad rows to skip before the load
   * fails. The skipped rows come back in `rejected`; Redshift may skip more
   * than `n` because slices load in parallel.
   *
   * ```ts
   * .maxError(5)
   * ```
   */
  maxError(errors: number): CopyBuilder<S, F>
  /** `NOLOAD`: check the files without loading them. `.noLoad()` */
  noLoad(): CopyBuilder<S, F>
}
