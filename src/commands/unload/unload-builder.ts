import { sql, type CompiledQuery, type Kysely } from 'kysely'

import {
  MAX_STATEMENT_BYTES,
  MAX_STATEMENT_UNITS_WITHOUT_COUNT,
} from '../../dialect/compiler/redshift-limits.js'
import { CommandOptionError } from '../../errors/command-option-error.js'
import { quoteIdentifier } from '../../sql/literal.js'
import { compileAuthorization, type Authorization } from '../authorization.js'
import { checkOptionRules } from '../option-rule.js'
import { compileInnerQuery, type UnloadSource } from './inner-query.js'
import { runUnload } from './run-unload.js'
import {
  delimiterClause,
  fixedWidthClause,
  literalOf,
  partitionClause,
  rawClause,
  sizeClause,
  toClause,
  type SizeUnit,
  type UnloadClause,
} from './unload-clauses.js'
import type { Allowed, Gate } from './unload-gates.js'
import type { UnloadExecuteOptions, UnloadResult } from './unload-result.js'
import { UNLOAD_RULES } from './unload-rules.js'

/** The formats of `.format()`; without one, UNLOAD writes pipe-delimited text. */
export type UnloadFormat = 'csv' | 'parquet' | 'json'

/** Values Redshift can partition by (SMALLINT..TIMESTAMP, CHAR, VARCHAR, BOOLEAN). */
type PartitionValue = string | number | bigint | boolean | Date | null

/** Output columns of `O` whose type can be a partition key (not SUPER or VARBYTE). */
export type PartitionColumn<O> = {
  [C in keyof O & string]: O[C] extends PartitionValue ? C : never
}[keyof O & string]

/** Refuses, at compile time, a PARTITION BY that leaves no column in the files. */
type LeavesAColumn<O, C extends string> = [
  Exclude<keyof O & string, C>,
] extends [never]
  ? { readonly 'PARTITION BY must leave at least one output column out': never }
  : unknown

/** Options of `.partitionBy()`. */
export interface PartitionOptions {
  /** `INCLUDE`: keep the partition columns in the files too. */
  readonly include?: boolean
}

/** Options of `.manifest()`. */
export interface ManifestOptions {
  /** `MANIFEST VERBOSE`: the manifest also lists the schema and content lengths. */
  readonly verbose?: boolean
}

/**
 * How `.encrypted()` encrypts: `'auto'` (the bucket's default KMS key) or a
 * KMS key of your own (SSE-KMS). Client-side encryption with a master
 * symmetric key is retired and not offered.
 */
export type UnloadEncryption = 'auto' | { readonly kmsKeyId: string }

/**
 * An UNLOAD of a query's rows to S3, built step by step; immutable, each
 * method returns a new builder. `O` is the query's output row, so
 * `.partitionBy()` and `.fixedWidth()` take only its columns; `K` is the
 * set of Redshift keywords given so far, which is how the types refuse
 * what Redshift's rules refuse (after `.format('parquet')` there is no
 * `.header()`, no `.delimiter()`, no `.gzip()`...). The same rules are
 * checked again by `compile()`, which every run goes through.
 *
 * ```ts
 * const result = await unload(db, db.selectFrom('sales').select(['id', 'region', 'qty']).where('qty', '>', 0))
 *   .to('s3://b/out/sales_')
 *   .iamRole('default')
 *   .format('parquet')
 *   .partitionBy(['region'], { include: true })
 *   .execute()
 * result.files // [{ path: 's3://b/out/sales_region=eu/0000_part_00.parquet', rows: 10, bytes: 812 }, ...]
 * ```
 */
export interface UnloadBuilder<O, K extends string = never> {
  /** `TO 's3://bucket/prefix'`: where the files go (required). */
  readonly to: Gate<'TO', K, (prefix: string) => UnloadBuilder<O, K | 'TO'>>
  /**
   * `IAM_ROLE default | 'arn[,arn...]'`: a shortcut for
   * `.authorization({ iamRole })` (required: this or `.authorization()`).
   */
  readonly iamRole: Gate<
    'AUTHORIZATION',
    K,
    (
      role: 'default' | string | readonly string[],
    ) => UnloadBuilder<O, K | 'AUTHORIZATION'>
  >
  /** How Redshift reaches S3: an IAM role (chain), an access key, or a CREDENTIALS string. */
  readonly authorization: Gate<
    'AUTHORIZATION',
    K,
    (auth: Authorization) => UnloadBuilder<O, K | 'AUTHORIZATION'>
  >
  /** `FORMAT AS CSV | PARQUET | JSON`; without it, pipe-delimited text. */
  readonly format: Gate<
    'FORMAT',
    K,
    <F extends Lowercase<Allowed<'CSV' | 'PARQUET' | 'JSON', K>>>(
      format: F,
    ) => UnloadBuilder<O, K | 'FORMAT' | Uppercase<F>>
  >
  /** `PARTITION BY (cols) [INCLUDE]`: one folder per value, `col=value/`. */
  readonly partitionBy: Gate<
    'PARTITION BY',
    K,
    <const C extends readonly PartitionColumn<O>[]>(
      columns: C & LeavesAColumn<O, C[number]>,
      options?: PartitionOptions,
    ) => UnloadBuilder<O, K | 'PARTITION BY'>
  >
  /** `MANIFEST [VERBOSE]`: also write `<prefix>manifest`, listing the files. */
  readonly manifest: Gate<
    'MANIFEST',
    K,
    (options?: ManifestOptions) => UnloadBuilder<O, K | 'MANIFEST'>
  >
  /** `HEADER`: a first line with the column names (text and CSV). */
  readonly header: Gate<'HEADER', K, () => UnloadBuilder<O, K | 'HEADER'>>
  /** `DELIMITER AS 'c'`: one ASCII character between fields (default `|`, `,` for CSV). */
  readonly delimiter: Gate<
    'DELIMITER',
    K,
    (delimiter: string) => UnloadBuilder<O, K | 'DELIMITER'>
  >
  /** `FIXEDWIDTH AS 'col:width,...'`: the width of every output column, in order. */
  readonly fixedWidth: Gate<
    'FIXEDWIDTH',
    K,
    (widths: {
      readonly [C in keyof O & string]: number
    }) => UnloadBuilder<O, K | 'FIXEDWIDTH'>
  >
  /** `ENCRYPTED AUTO`, or `KMS_KEY_ID 'id' ENCRYPTED` (SSE-KMS). */
  readonly encrypted: Gate<
    'ENCRYPTED',
    K,
    <E extends UnloadEncryption>(
      encryption: E,
    ) => UnloadBuilder<
      O,
      K | 'ENCRYPTED' | (E extends 'auto' ? 'ENCRYPTED AUTO' : 'KMS_KEY_ID')
    >
  >
  /** `BZIP2`: compress each file with bzip2 (`.bz2`). */
  readonly bzip2: Gate<'BZIP2', K, () => UnloadBuilder<O, K | 'BZIP2'>>
  /** `GZIP`: compress each file with gzip (`.gz`). */
  readonly gzip: Gate<'GZIP', K, () => UnloadBuilder<O, K | 'GZIP'>>
  /** `ZSTD`: compress each file with Zstandard (`.zst`). */
  readonly zstd: Gate<'ZSTD', K, () => UnloadBuilder<O, K | 'ZSTD'>>
  /** `ADDQUOTES`: quote every field of delimited text. */
  readonly addQuotes: Gate<
    'ADDQUOTES',
    K,
    () => UnloadBuilder<O, K | 'ADDQUOTES'>
  >
  /** `NULL AS 'text'`: how NULL is written (default empty for text). */
  readonly nullAs: Gate<
    'NULL AS',
    K,
    (text: string) => UnloadBuilder<O, K | 'NULL AS'>
  >
  /** `ESCAPE`: backslash-escape delimiters, newlines and backslashes in text. */
  readonly escape: Gate<'ESCAPE', K, () => UnloadBuilder<O, K | 'ESCAPE'>>
  /** `ALLOWOVERWRITE`: overwrite files already at the prefix. */
  readonly allowOverwrite: Gate<
    'ALLOWOVERWRITE',
    K,
    () => UnloadBuilder<O, K | 'ALLOWOVERWRITE'>
  >
  /** `CLEANPATH`: delete the files already at the prefix first. */
  readonly cleanPath: Gate<
    'CLEANPATH',
    K,
    () => UnloadBuilder<O, K | 'CLEANPATH'>
  >
  /** `PARALLEL ON | OFF`: one file per slice (default) or a single stream of files. */
  readonly parallel: Gate<
    'PARALLEL',
    K,
    (on: boolean) => UnloadBuilder<O, K | 'PARALLEL'>
  >
  /** `MAXFILESIZE AS n MB|GB`: 5 MB to 6.2 GB per file. */
  readonly maxFileSize: Gate<
    'MAXFILESIZE',
    K,
    (size: number, unit?: SizeUnit) => UnloadBuilder<O, K | 'MAXFILESIZE'>
  >
  /** `ROWGROUPSIZE AS n MB|GB`: 32 MB to 128 MB per Parquet row group (after `.format('parquet')`). */
  readonly rowGroupSize: Gate<
    'ROWGROUPSIZE',
    K,
    (size: number, unit?: SizeUnit) => UnloadBuilder<O, K | 'ROWGROUPSIZE'>
  >
  /** `REGION AS 'r'`: the bucket's region, when it is not the cluster's. */
  readonly region: Gate<
    'REGION',
    K,
    (region: string) => UnloadBuilder<O, K | 'REGION'>
  >
  /** `EXTENSION 'ext'`: the files' suffix (replaces `.gz`, `.parquet`...). */
  readonly extension: Gate<
    'EXTENSION',
    K,
    (extension: string) => UnloadBuilder<O, K | 'EXTENSION'>
  >
  /**
   * A raw option for what is not modelled yet: bare keyword words, then an
   * optional value (a string, written as an escaped literal, or a number).
   * Its keyword takes part in the option rules like the modelled ones.
   */
  option(keyword: string, value?: string | number): UnloadBuilder<O, K>
  /** The UNLOAD statement, with no parameters; checks every option rule first. */
  compile(): CompiledQuery
  /**
   * Runs the UNLOAD on one connection and reads back what it wrote: rows,
   * query id, files and manifest path.
   */
  execute(options?: UnloadExecuteOptions): Promise<UnloadResult>
}

interface UnloadBuilderProps {
  readonly db: Kysely<any>
  readonly source: UnloadSource
  readonly to?: string
  readonly authorization?: {
    readonly sql: string
    readonly keywords: readonly string[]
  }
  readonly clauses: readonly UnloadClause[]
  readonly partition?: {
    readonly columns: readonly string[]
    readonly include: boolean
  }
}

function fail(option: string, rule: string): never {
  throw new CommandOptionError({ command: 'UNLOAD', option, rule })
}

/**
 * The implementation of {@link UnloadBuilder}: every method exists at run
 * time, and validates its value when it is called, so a bad value fails
 * where it was written; the option rules are checked by `compile()`.
 * Reached through `unload(db, query)`, typed as an `UnloadBuilder`.
 *
 * ```ts
 * unload(db, query).to('s3://b/p_').iamRole('default').compile().sql
 * ```
 */
export class UnloadQueryBuilder {
  readonly #props: UnloadBuilderProps

  constructor(props: UnloadBuilderProps) {
    this.#props = Object.freeze(props)
  }

  to(prefix: string): UnloadQueryBuilder {
    if (this.#props.to !== undefined) fail('TO', 'TO is already set')
    toClause(prefix)
    return new UnloadQueryBuilder({ ...this.#props, to: prefix })
  }

  iamRole(role: 'default' | string | readonly string[]): UnloadQueryBuilder {
    return this.authorization({ iamRole: role })
  }

  authorization(auth: Authorization): UnloadQueryBuilder {
    if (this.#props.authorization !== undefined) {
      fail('authorization', 'the authorization is already set')
    }
    if (typeof auth !== 'object' || auth === null) {
      fail(
        'authorization',
        'give iamRole, accessKeyId + secretAccessKey, or credentials',
      )
    }
    return new UnloadQueryBuilder({
      ...this.#props,
      authorization: compileAuthorization('UNLOAD', auth),
    })
  }

  format(format: UnloadFormat): UnloadQueryBuilder {
    const keyword = String(format).toUpperCase()
    if (keyword !== 'CSV' && keyword !== 'PARQUET' && keyword !== 'JSON') {
      fail('FORMAT', "the format is 'csv', 'parquet' or 'json'")
    }
    return this.#add({ keywords: [keyword], sql: `FORMAT AS ${keyword}` })
  }

  partitionBy(
    columns: readonly string[],
    options: PartitionOptions = {},
  ): UnloadQueryBuilder {
    const include = options.include === true
    const clause = partitionClause(columns, include)
    return new UnloadQueryBuilder({
      ...this.#add(clause).#props,
      partition: Object.freeze({
        columns: Object.freeze([...columns]),
        include,
      }),
    })
  }

  manifest(options: ManifestOptions = {}): UnloadQueryBuilder {
    return this.#add(
      options.verbose === true
        ? { keywords: ['MANIFEST', 'VERBOSE'], sql: 'MANIFEST VERBOSE' }
        : { keywords: ['MANIFEST'], sql: 'MANIFEST' },
    )
  }

  header(): UnloadQueryBuilder {
    return this.#flag('HEADER')
  }

  delimiter(delimiter: string): UnloadQueryBuilder {
    return this.#add(delimiterClause(delimiter))
  }

  fixedWidth(widths: Readonly<Record<string, number>>): UnloadQueryBuilder {
    return this.#add(fixedWidthClause(widths))
  }

  encrypted(encryption: UnloadEncryption): UnloadQueryBuilder {
    if (encryption === 'auto') {
      return this.#add({
        keywords: ['ENCRYPTED', 'ENCRYPTED AUTO'],
        sql: 'ENCRYPTED AUTO',
      })
    }
    if (typeof encryption !== 'object' || encryption === null) {
      fail('ENCRYPTED', "give 'auto' or { kmsKeyId }")
    }
    return this.#add({
      keywords: ['KMS_KEY_ID', 'ENCRYPTED'],
      sql: `KMS_KEY_ID ${literalOf('KMS_KEY_ID', encryption.kmsKeyId)} ENCRYPTED`,
    })
  }

  bzip2(): UnloadQueryBuilder {
    return this.#flag('BZIP2')
  }

  gzip(): UnloadQueryBuilder {
    return this.#flag('GZIP')
  }

  zstd(): UnloadQueryBuilder {
    return this.#flag('ZSTD')
  }

  addQuotes(): UnloadQueryBuilder {
    return this.#flag('ADDQUOTES')
  }

  nullAs(text: string): UnloadQueryBuilder {
    return this.#add({
      keywords: ['NULL AS'],
      sql: `NULL AS ${literalOf('NULL AS', text, true)}`,
    })
  }

  escape(): UnloadQueryBuilder {
    return this.#flag('ESCAPE')
  }

  allowOverwrite(): UnloadQueryBuilder {
    return this.#flag('ALLOWOVERWRITE')
  }

  cleanPath(): UnloadQueryBuilder {
    return this.#flag('CLEANPATH')
  }

  parallel(on: boolean): UnloadQueryBuilder {
    if (typeof on !== 'boolean')
      fail('PARALLEL', 'give true (ON) or false (OFF)')
    return this.#add({
      keywords: ['PARALLEL'],
      sql: on ? 'PARALLEL ON' : 'PARALLEL OFF',
    })
  }

  maxFileSize(size: number, unit: SizeUnit = 'MB'): UnloadQueryBuilder {
    return this.#add(sizeClause('MAXFILESIZE', size, unit))
  }

  rowGroupSize(size: number, unit: SizeUnit = 'MB'): UnloadQueryBuilder {
    return this.#add(sizeClause('ROWGROUPSIZE', size, unit))
  }

  region(region: string): UnloadQueryBuilder {
    return this.#add({
      keywords: ['REGION'],
      sql: `REGION AS ${literalOf('REGION', region)}`,
    })
  }

  extension(extension: string): UnloadQueryBuilder {
    return this.#add({
      keywords: ['EXTENSION'],
      sql: `EXTENSION ${literalOf('EXTENSION', extension)}`,
    })
  }

  option(keyword: string, value?: string | number): UnloadQueryBuilder {
    return this.#add(rawClause(keyword, value))
  }

  compile(): CompiledQuery {
    const { db, source, to, authorization, clauses, partition } = this.#props
    if (to === undefined) {
      fail('TO', "give the target prefix: .to('s3://bucket/prefix')")
    }
    if (authorization === undefined) {
      fail(
        'authorization',
        "give how Redshift reaches S3: .iamRole('default' | arn) or .authorization({...})",
      )
    }
    const present = new Set([
      ...authorization.keywords,
      ...clauses.flatMap((clause) => clause.keywords),
    ])
    checkOptionRules(UNLOAD_RULES, present)
    if (
      present.has('ENCRYPTED') &&
      !present.has('KMS_KEY_ID') &&
      !present.has('ENCRYPTED AUTO')
    ) {
      // A "requires one of" rule, which the table's rows cannot say.
      fail(
        'ENCRYPTED',
        'ENCRYPTED without KMS_KEY_ID or AUTO is client-side encryption with a master ' +
          "symmetric key, which is retired: use .encrypted({ kmsKeyId }) or .encrypted('auto')",
      )
    }
    const inner = compileInnerQuery(db, source)
    // Partition names go through the instance's plugins, as the query's
    // column names did, so both name the same columns.
    const quote = (name: string) => sql.id(name).compile(db).sql
    if (partition !== undefined && inner.columns !== undefined) {
      checkPartitionColumns(partition.columns, inner.columns, quote)
    }
    const text = [
      `UNLOAD (${literalOf('query', inner.sql)})`,
      toClause(to),
      authorization.sql,
      ...clauses.map((clause) =>
        partition !== undefined && clause.keywords.includes('PARTITION BY')
          ? partitionClause(partition.columns, partition.include, quote).sql
          : clause.sql,
      ),
    ].join(' ')
    if (
      text.length > MAX_STATEMENT_UNITS_WITHOUT_COUNT &&
      Buffer.byteLength(text, 'utf8') > MAX_STATEMENT_BYTES
    ) {
      fail(
        'statement',
        'the UNLOAD statement is larger than 16 MB, the most Redshift accepts; ' +
          'keep large values in a table and select them from there',
      )
    }
    // Through the instance, so its plugins see the statement and the
    // dialect's compiler (and its checks) produce the CompiledQuery.
    return sql.raw(text).compile(db)
  }

  async execute(options: UnloadExecuteOptions = {}): Promise<UnloadResult> {
    // Compile before anything else so bad options fail without a connection.
    const compiled = this.compile()
    const keywords = this.#props.clauses.flatMap((clause) => clause.keywords)
    return runUnload(
      this.#props.db,
      {
        compiled,
        prefix: this.#props.to!,
        manifest: keywords.includes('MANIFEST'),
        partitioned: keywords.includes('PARTITION BY'),
      },
      options,
    )
  }

  #flag(keyword: string): UnloadQueryBuilder {
    return this.#add({ keywords: [keyword], sql: keyword })
  }

  #add(clause: UnloadClause): UnloadQueryBuilder {
    for (const keyword of clause.keywords) {
      if (this.#props.clauses.some((held) => held.keywords.includes(keyword))) {
        fail(keyword, `${keyword} is already set`)
      }
    }
    return new UnloadQueryBuilder({
      ...this.#props,
      clauses: Object.freeze([...this.#props.clauses, clause]),
    })
  }
}

function checkPartitionColumns(
  partition: readonly string[],
  output: readonly string[],
  quote: (name: string) => string,
): void {
  const quotedOutput = output.map(quoteIdentifier)
  const quotedPartition = partition.map(quote)
  for (const [index, column] of partition.entries()) {
    if (!quotedOutput.includes(quotedPartition[index]!)) {
      fail(
        'PARTITION BY',
        `"${column}" is not an output column of the query (${output.join(', ')})`,
      )
    }
  }
  if (quotedOutput.every((column) => quotedPartition.includes(column))) {
    fail(
      'PARTITION BY',
      'at least one output column must stay out of PARTITION BY, to be written in the files',
    )
  }
}
