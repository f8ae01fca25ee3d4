import { SerializationFailureError } from '../errors/index.js'

/** Why a retrying transaction stopped retrying. */
export type RetriesExhaustedReason = 'attempts' | 'elapsed'

/**
 * The serialization failure that ended a retrying transaction: the last
 * attempt's {@link SerializationFailureError}, with the same raw fields
 * (`code`, `redshiftCode`, `detail`...), the last error as `cause`, and how
 * many attempts were made in how long. Still a `SerializationFailureError`,
 * so code that catches that class catches this one.
 *
 * ```ts
 * try {
 *   await db.retryingTransaction({ maxAttempts: 5 }).execute(transfer)
 * } catch (error) {
 *   if (error instanceof TransactionRetriesExhaustedError) {
 *     console.log(error.attempts, error.reason) // 5 'attempts'
 *   }
 * }
 * ```
 */
export class TransactionRetriesExhaustedError extends SerializationFailureError {
  static {
    Object.defineProperty(this.prototype, 'name', {
      value: 'TransactionRetriesExhaustedError',
      writable: true,
      configurable: true,
    })
  }

  /** Attempts made, the first included. */
  readonly attempts: number
  /** Milliseconds from the first attempt's start to giving up. */
  readonly elapsedMs: number
  /** The bound that was reached: `maxAttempts` or `maxElapsedMs`. */
  readonly reason: RetriesExhaustedReason

  constructor(
    last: SerializationFailureError,
    attempts: number,
    elapsedMs: number,
    reason: RetriesExhaustedReason,
  ) {
    const bound =
      reason === 'attempts'
        ? `after ${attempts} attempt${attempts === 1 ? '' : 's'} (maxAttempts)`
        : `after ${attempts} attempt${attempts === 1 ? '' : 's'} in ${Math.round(elapsedMs)} ms (maxElapsedMs)`
    // The last error's own enumerable fields are its raw server fields.
    super(`${last.message} (transaction gave up ${bound})`, {
      ...last,
      cause: last,
    })
    this.attempts = attempts
    this.elapsedMs = elapsedMs
    this.reason = reason
  }
}
