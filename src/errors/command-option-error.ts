import { RedshiftError } from './redshift-error.js'

/** Options of {@link CommandOptionError}. */
export interface CommandOptionErrorOptions {
  /** The command: `COPY`, `UNLOAD`... */
  readonly command: string
  /** The option at fault, as Redshift spells it (`PARQUET`, `VERBOSE`...). */
  readonly option: string
  /** The other option of the rule, when the rule is about a pair. */
  readonly other?: string
  /**
   * How `other` relates to `option`: `'with'` (the two exclude each other,
   * the default) or `'without'` (`option` needs `other`, which is missing).
   */
  readonly relation?: 'with' | 'without'
  /** The rule, in words. */
  readonly rule: string
}

/**
 * A COPY, UNLOAD or other command was given an option, a value or a
 * combination of options that Redshift refuses. Thrown before anything is
 * sent, so nothing ran. Names the option(s) and the rule.
 *
 * ```ts
 * try {
 *   db.copyInto('sales').from('s3://b/k').iamRole('default').parquet().region('us-east-1').compile()
 * } catch (error) {
 *   if (error instanceof CommandOptionError) console.log(error.option, error.other) // PARQUET REGION
 * }
 * ```
 */
export class CommandOptionError extends RedshiftError {
  static {
    Object.defineProperty(this.prototype, 'name', {
      value: 'CommandOptionError',
      writable: true,
      configurable: true,
    })
  }

  readonly command: string
  readonly option: string
  declare readonly other?: string
  readonly rule: string

  constructor(options: CommandOptionErrorOptions) {
    const pair =
      options.other === undefined
        ? options.option
        : `${options.option} ${options.relation ?? 'with'} ${options.other}`
    super(`${options.command}: ${pair}: ${options.rule}`)
    this.command = options.command
    this.option = options.option
    this.rule = options.rule
    if (options.other !== undefined) {
      Object.assign(this, { other: options.other })
    }
  }
}
