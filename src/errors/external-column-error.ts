import { CommandOptionError } from './command-option-error.js'

/**
 * Options of {@link ExternalColumnError}.
 *
 * ```ts
 * new ExternalColumnError({ command: 'ALTER TABLE', option: 'PARTITION', column: 'saledate', rule: 'the value is not a date' })
 * ```
 */
export interface ExternalColumnErrorOptions {
  /** `CREATE EXTERNAL TABLE` or `ALTER TABLE`. */
  readonly command: string
  /** The clause: `column`, `PARTITIONED BY`, `PARTITION`, `ADD COLUMN`. */
  readonly option: string
  /** The column at fault, as it was given. */
  readonly column: string
  /** The rule, in words. */
  readonly rule: string
}

/**
 * A column of an external table was refused before anything was sent: a
 * type Spectrum's external tables cannot take (SUPER, TIMESTAMPTZ,
 * VARBYTE...), a name given twice or used as both a column and a partition
 * column, or a partition value that does not fit the table's partition
 * columns (a missing or unknown column, a value not of the column's type).
 * A {@link CommandOptionError} that also names the column.
 *
 * ```ts
 * try {
 *   db.spectrum.createExternalTable('spectrum.events').column('payload', 'super' as never).compile()
 * } catch (error) {
 *   if (error instanceof ExternalColumnError) console.log(error.column) // payload
 * }
 * ```
 */
export class ExternalColumnError extends CommandOptionError {
  static {
    Object.defineProperty(this.prototype, 'name', {
      value: 'ExternalColumnError',
      writable: true,
      configurable: true,
    })
  }

  override readonly column: string

  constructor(options: ExternalColumnErrorOptions) {
    super({
      command: options.command,
      option: options.option,
      rule: `column "${options.column}": ${options.rule}`,
    })
    this.column = options.column
  }
}
