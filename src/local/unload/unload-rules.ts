import { reject } from '../errors/reject.js'
import type { ErrorFields } from '../protocol/error-fields.js'

/**
 * One of Redshift's rules about which UNLOAD options go together, on the
 * option keywords a statement used (`PARQUET`, `HEADER`, `NULL AS`...).
 *
 * - `excludes`: `option` and `other` cannot be used together;
 * - `requires`: `option` needs `other`.
 */
export interface UnloadRule {
  readonly kind: 'excludes' | 'requires'
  readonly option: string
  readonly other: string
}

const excludesEach = (
  option: string,
  others: readonly string[],
): UnloadRule[] =>
  others.map((other) => ({ kind: 'excludes' as const, option, other }))

/**
 * The table of combinations Redshift refuses (r_UNLOAD: the FORMAT,
 * FIXEDWIDTH, HEADER, CLEANPATH, ENCRYPTED and KMS_KEY_ID parameters), in
 * the order they are checked, so one statement always gets the same error.
 * The tests read it too: each row is refused by the parser.
 *
 * @example
 * ```ts
 * UNLOAD_RULES.filter((r) => r.option === 'PARQUET').map((r) => r.other)
 * // ['DELIMITER', 'FIXEDWIDTH', 'ADDQUOTES', 'ESCAPE', 'NULL AS', 'HEADER', 'GZIP', 'BZIP2', 'ZSTD']
 * ```
 */
export const UNLOAD_RULES: readonly UnloadRule[] = Object.freeze([
  ...excludesEach('CSV', ['FIXEDWIDTH', 'ADDQUOTES']),
  ...excludesEach('PARQUET', [
    'DELIMITER',
    'FIXEDWIDTH',
    'ADDQUOTES',
    'ESCAPE',
    'NULL AS',
    'HEADER',
    'GZIP',
    'BZIP2',
    'ZSTD',
  ]),
  ...excludesEach('JSON', [
    'DELIMITER',
    'HEADER',
    'FIXEDWIDTH',
    'ADDQUOTES',
    'ESCAPE',
    'NULL AS',
  ]),
  ...excludesEach('FIXEDWIDTH', ['DELIMITER', 'HEADER']),
  ...excludesEach('GZIP', ['BZIP2', 'ZSTD']),
  ...excludesEach('BZIP2', ['ZSTD']),
  { kind: 'excludes', option: 'CLEANPATH', other: 'ALLOWOVERWRITE' },
  { kind: 'requires', option: 'KMS_KEY_ID', other: 'ENCRYPTED' },
  { kind: 'excludes', option: 'KMS_KEY_ID', other: 'CREDENTIALS' },
  { kind: 'excludes', option: 'ENCRYPTED AUTO', other: 'KMS_KEY_ID' },
  { kind: 'requires', option: 'ROWGROUPSIZE', other: 'PARQUET' },
])

const FORMATS = new Set(['CSV', 'PARQUET', 'JSON'])

/**
 * The first rule of {@link UNLOAD_RULES} that `present` breaks, as the error
 * Redshift raises, or `undefined`. A format that excludes an option reads
 * as Redshift words it (`HEADER argument is not supported for PARQUET based
 * UNLOAD`); the other pairs name both options.
 *
 * @example
 * ```ts
 * checkUnloadRules(new Set(['PARQUET', 'HEADER']))?.message
 * // 'HEADER argument is not supported for PARQUET based UNLOAD'
 * ```
 */
export function checkUnloadRules(
  present: ReadonlySet<string>,
): ErrorFields | undefined {
  for (const rule of UNLOAD_RULES) {
    if (!present.has(rule.option)) continue
    if (rule.kind === 'excludes' && present.has(rule.other)) {
      if (FORMATS.has(rule.option)) {
        return reject.other(
          '0A000',
          `${rule.other} argument is not supported for ${rule.option} based UNLOAD`,
        )
      }
      return reject.other(
        '42601',
        `conflicting options: ${rule.option} cannot be used with ${rule.other}`,
      )
    }
    if (rule.kind === 'requires' && !present.has(rule.other)) {
      return reject.other(
        '42601',
        `${rule.option} requires ${rule.other}` +
          (rule.option === 'ROWGROUPSIZE' ? ' format' : ''),
      )
    }
  }
  return undefined
}
