import { ConnectionLostError } from './connection-lost-error.js'
import type { RedshiftErrorOptions } from './redshift-error.js'

/**
 * The connection was lost after a statement that changes data (or a
 * COMMIT) was sent, so nobody knows whether the server ran it: the write may
 * have been applied, or not. It is a {@link ConnectionLostError}, but it is
 * never retried automatically and `isRetryable` is false, because running a
 * write twice can duplicate it.
 *
 * Check the data (or make the write idempotent and mark it so, see
 * `idempotent()` and `withQuerySettings(db, { idempotent: true })`) before
 * running it again.
 *
 * ```ts
 * try {
 *   await db.insertInto('events').values(event).execute()
 * } catch (error) {
 *   if (error instanceof UnknownOutcomeError) {
 *     // look the event up by its key before sending it again
 *   }
 * }
 * ```
 */
export class UnknownOutcomeError extends ConnectionLostError {
  static {
    Object.defineProperty(this.prototype, 'name', {
      value: 'UnknownOutcomeError',
      writable: true,
      configurable: true,
    })
  }

  constructor(message: string, options: RedshiftErrorOptions = {}) {
    super(message, options)
  }

  protected override defaultRetryable(): boolean {
    return false
  }
}
