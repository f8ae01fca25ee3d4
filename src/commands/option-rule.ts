import { CommandOptionError } from '../errors/command-option-error.js'

/** The commands whose options the rule tables cover. */
export type RuleCommand =
  | 'COPY'
  | 'UNLOAD'
  | 'CREATE EXTERNAL SCHEMA'
  | 'CREATE EXTERNAL TABLE'
  | 'ALTER TABLE'
  | 'DROP SCHEMA'
  | 'DROP TABLE'

/**
 * One of Redshift's rules about a command's options, named by the keywords
 * Redshift uses (`PARQUET`, `REGION`, `MANIFEST`...). Builders describe what
 * they hold as a set of such keywords and {@link checkOptionRules} applies
 * every rule of the command to it, so a rule lives in one row of a table,
 * read by the builders and by the tests alike.
 *
 * - `excludes`: `option` and `other` cannot be used together.
 * - `requires`: `option` needs `other`.
 * - `refused`: `option` is never accepted (retired or unsafe).
 *
 * ```ts
 * const rule: OptionRule = {
 *   command: 'UNLOAD', kind: 'excludes', option: 'CLEANPATH', other: 'ALLOWOVERWRITE',
 *   rule: 'CLEANPATH removes the files ALLOWOVERWRITE would overwrite; use one',
 * }
 * ```
 */
export type OptionRule =
  | {
      readonly command: RuleCommand
      readonly kind: 'excludes' | 'requires'
      readonly option: string
      readonly other: string
      readonly rule: string
    }
  | {
      readonly command: RuleCommand
      readonly kind: 'refused'
      readonly option: string
      readonly rule: string
    }

/**
 * Applies the rules of `command` to the option keywords a builder holds and
 * throws a {@link CommandOptionError} for the first one broken (in table
 * order, so the error is always the same for the same input).
 *
 * ```ts
 * checkOptionRules(COPY_RULES, new Set(['PARQUET', 'REGION']))
 * // throws CommandOptionError: COPY: PARQUET with REGION: ...
 * ```
 */
export function checkOptionRules(
  rules: readonly OptionRule[],
  present: ReadonlySet<string>,
): void {
  for (const rule of rules) {
    if (!present.has(rule.option)) continue
    const broken =
      rule.kind === 'refused' ||
      (rule.kind === 'excludes' && present.has(rule.other)) ||
      (rule.kind === 'requires' && !present.has(rule.other))
    if (broken) {
      throw new CommandOptionError({
        command: rule.command,
        option: rule.option,
        ...(rule.kind === 'refused'
          ? {}
          : {
              other: rule.other,
              relation: rule.kind === 'requires' ? 'without' : 'with',
            }),
        rule: rule.rule,
      })
    }
  }
}

/**
 * Rows saying that each option of `options` excludes each of `others`, with
 * one reason: how the table spells Redshift's "X takes none of A, B, C".
 *
 * ```ts
 * excludesEach('COPY', ['PARQUET', 'ORC'], ['REGION', 'MAXERROR'], 'columnar files ...')
 * ```
 */
export function excludesEach(
  command: RuleCommand,
  options: readonly string[],
  others: readonly string[],
  rule: string,
): OptionRule[] {
  return options.flatMap((option) =>
    others
      .filter((other) => other !== option)
      .map((other) => ({
        command,
        kind: 'excludes' as const,
        option,
        other,
        rule,
      })),
  )
}

/**
 * Rows saying that the options of `options` exclude each other, one row per
 * pair (so each pair is refused by exactly one row): how the table spells
 * "at most one of A, B, C".
 *
 * ```ts
 * excludesEachOther('COPY', ['GZIP', 'BZIP2', 'ZSTD'], 'the files use one compression')
 * // GZIP excludes BZIP2, GZIP excludes ZSTD, BZIP2 excludes ZSTD
 * ```
 */
export function excludesEachOther(
  command: RuleCommand,
  options: readonly string[],
  rule: string,
): OptionRule[] {
  return options.flatMap((option, index) =>
    options.slice(index + 1).map((other) => ({
      command,
      kind: 'excludes' as const,
      option,
      other,
      rule,
    })),
  )
}
