import { RedshiftError } from '../errors/index.js'

/** Why a prepared statement refused to run. */
export type PreparedStatementProblem =
  /** The statement name is not a lower-case identifier of at most 63 bytes. */
  | 'invalid-name'
  /** `execute` was given more or fewer values than the statement takes. */
  | 'parameter-count'
  /** The query builder read a parameter that `execute` was not given. */
  | 'missing-parameter'
  /** The raw SQL interpolated values; a prepared statement takes `$1`, `$2`... */
  | 'interpolated-values'
  /** The builder produced other SQL for these parameters than the first time. */
  | 'text-changed'
  /** Another statement with this name is prepared on the connection. */
  | 'name-conflict'
  /** `deallocate()` was called. */
  | 'deallocated'

/** Options of {@link PreparedStatementError}. */
export interface PreparedStatementErrorOptions {
  /** The statement's name. */
  readonly statement: string
  readonly problem: PreparedStatementProblem
  /** What went wrong, in words. */
  readonly message: string
  /** How many parameters the statement takes (for `parameter-count`). */
  readonly expected?: number
  /** How many values were given (for `parameter-count`). */
  readonly given?: number
  /** The parameter at fault (for `missing-parameter`). */
  readonly parameter?: string
}

/**
 * A prepared statement was misused: a bad name, the wrong number of values,
 * a missing parameter, or an execute after `deallocate()`. Thrown before
 * anything is sent, so nothing ran.
 *
 * ```ts
 * try {
 *   await byId.execute([1, 2])
 * } catch (error) {
 *   if (error instanceof PreparedStatementError && error.problem === 'parameter-count') {
 *     console.log(error.expected, error.given) // 1 2
 *   }
 * }
 * ```
 */
export class PreparedStatementError extends RedshiftError {
  static {
    Object.defineProperty(this.prototype, 'name', {
      value: 'PreparedStatementError',
      writable: true,
      configurable: true,
    })
  }

  readonly statement: string
  readonly problem: PreparedStatementProblem
  declare readonly expected?: number
  declare readonly given?: number
  declare readonly parameter?: string

  constructor(options: PreparedStatementErrorOptions) {
    super(
      `prepared statement ${JSON.stringify(options.statement)}: ${options.message}`,
    )
    this.statement = options.statement
    this.problem = options.problem
    // Only the fields that apply, so logs show what matters.
    for (const key of ['expected', 'given', 'parameter'] as const) {
      if (options[key] !== undefined) {
        Object.defineProperty(this, key, {
          value: options[key],
          enumerable: true,
        })
      }
    }
  }
}
