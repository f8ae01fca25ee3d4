import { excludesEach, type OptionRule } from '../option-rule.js'

/** A row saying `option` and `other` cannot be used together, with literal keywords. */
interface Excludes<O extends string, X extends string> {
  readonly command: 'UNLOAD'
  readonly kind: 'excludes'
  readonly option: O
  readonly other: X
  readonly rule: string
}

/** A row saying `option` needs `other`, with literal keywords. */
interface Requires<O extends string, X extends string> {
  readonly command: 'UNLOAD'
  readonly kind: 'requires'
  readonly option: O
  readonly other: X
  readonly rule: string
}

// excludesEach builds exactly these rows; keeping the keywords as literal
// types lets the builder's types read the same table (unload-gates.ts), so a
// rule is written once for the compiler and the run-time check alike.
function excluding<const O extends string, const X extends string>(
  options: readonly O[],
  others: readonly X[],
  rule: string,
): readonly Excludes<O, X>[] {
  return excludesEach('UNLOAD', options, others, rule) as Excludes<O, X>[]
}

function requiring<const O extends string, const X extends string>(
  option: O,
  other: X,
  rule: string,
): Requires<O, X> {
  return { command: 'UNLOAD', kind: 'requires', option, other, rule }
}

/** The keywords of UNLOAD's compression options; at most one is given. */
export const UNLOAD_COMPRESSIONS = ['BZIP2', 'GZIP', 'ZSTD'] as const

/** The keywords of UNLOAD's formats besides the default delimited text. */
export const UNLOAD_FORMATS = ['CSV', 'PARQUET', 'JSON'] as const

/**
 * Redshift's rules about UNLOAD's options (`r_UNLOAD.md`, its "Usage notes"
 * and parameter pages), one row each, named by Redshift's keywords. The
 * builder checks them with `checkOptionRules` before anything is sent, and
 * its types read the same rows, so after `.format('parquet')` there is no
 * `.header()` to call. The tests drive every row.
 *
 * Keywords: `CSV`, `PARQUET`, `JSON`, `PARTITION BY`, `INCLUDE`, `MANIFEST`,
 * `VERBOSE`, `HEADER`, `DELIMITER`, `FIXEDWIDTH`, `ENCRYPTED`,
 * `ENCRYPTED AUTO`, `KMS_KEY_ID`, `MASTER_SYMMETRIC_KEY`, `BZIP2`, `GZIP`,
 * `ZSTD`, `ADDQUOTES`, `NULL AS`, `ESCAPE`, `ALLOWOVERWRITE`, `CLEANPATH`,
 * `PARALLEL`, `MAXFILESIZE`, `ROWGROUPSIZE`, `REGION`, `EXTENSION`, and the
 * authorization's `IAM_ROLE`, `ACCESS_KEY_ID`, `CREDENTIALS`.
 *
 * ```ts
 * checkOptionRules(UNLOAD_RULES, new Set(['PARQUET', 'HEADER']))
 * // throws CommandOptionError: UNLOAD: PARQUET with HEADER: ...
 * ```
 */
export const UNLOAD_RULES = [
  ...excluding(
    UNLOAD_FORMATS,
    UNLOAD_FORMATS,
    'an UNLOAD writes one format: give one of CSV, PARQUET or JSON (or none for delimited text)',
  ),
  ...excluding(
    ['CSV'],
    ['FIXEDWIDTH', 'ADDQUOTES'],
    'CSV quotes fields itself and has no fixed-width layout',
  ),
  ...excluding(
    ['PARQUET'],
    [
      'DELIMITER',
      'FIXEDWIDTH',
      'ADDQUOTES',
      'ESCAPE',
      'NULL AS',
      'HEADER',
      ...UNLOAD_COMPRESSIONS,
    ],
    'Parquet files are columnar and always Snappy-compressed: text layout and compression options do not apply',
  ),
  ...excluding(
    ['JSON'],
    ['DELIMITER', 'HEADER', 'FIXEDWIDTH', 'ADDQUOTES', 'ESCAPE', 'NULL AS'],
    'JSON lines carry their own structure: text layout options do not apply',
  ),
  ...excluding(
    ['FIXEDWIDTH'],
    ['DELIMITER', 'HEADER'],
    'fixed-width columns have no delimiter and no header line',
  ),
  ...excluding(
    UNLOAD_COMPRESSIONS,
    UNLOAD_COMPRESSIONS,
    'give at most one compression: BZIP2, GZIP or ZSTD',
  ),
  ...excluding(
    ['CLEANPATH'],
    ['ALLOWOVERWRITE'],
    'CLEANPATH deletes the existing files that ALLOWOVERWRITE would overwrite: use one of them',
  ),
  requiring(
    'KMS_KEY_ID',
    'ENCRYPTED',
    'a KMS key is used only to encrypt: add ENCRYPTED',
  ),
  ...excluding(
    ['KMS_KEY_ID'],
    ['CREDENTIALS'],
    'KMS_KEY_ID cannot be combined with a CREDENTIALS string: use IAM_ROLE or an access key',
  ),
  ...excluding(
    ['ENCRYPTED AUTO'],
    ['KMS_KEY_ID', 'MASTER_SYMMETRIC_KEY'],
    'ENCRYPTED AUTO uses the bucket default encryption, so it takes no key',
  ),
  {
    command: 'UNLOAD',
    kind: 'refused',
    option: 'MASTER_SYMMETRIC_KEY',
    rule:
      'client-side encryption with a master symmetric key is retired; ' +
      'use ENCRYPTED with KMS_KEY_ID (SSE-KMS), or ENCRYPTED AUTO',
  },
  requiring(
    'VERBOSE',
    'MANIFEST',
    'VERBOSE is a variant of MANIFEST: add MANIFEST',
  ),
  requiring(
    'INCLUDE',
    'PARTITION BY',
    'INCLUDE keeps the partition columns in the files: add PARTITION BY',
  ),
  requiring(
    'ROWGROUPSIZE',
    'PARQUET',
    'row groups exist only in Parquet files: add FORMAT PARQUET',
  ),
] as const satisfies readonly OptionRule[]

/**
 * One row of {@link UNLOAD_RULES}, with its keywords as literal types.
 *
 * ```ts
 * type Excluded = Extract<UnloadRule, { kind: 'excludes'; option: 'CSV' }>['other']
 * // 'FIXEDWIDTH' | 'ADDQUOTES' | 'PARQUET' | 'JSON'
 * ```
 */
export type UnloadRule = (typeof UNLOAD_RULES)[number]
