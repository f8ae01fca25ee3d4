import { ConnectionLostError } from './connection-lost-error.js'
import type { RedshiftErrorOptions } from './redshift-error.js'

/** Options of {@link UnknownOutcomeError}. */
export interface UnknownOutcomeErrorOptions extends RedshiftErrorOptions {
  /** The server process id of the session that was lost. */
  readonly backendPid?: number
}

/**
 * The connection was lost after a statement that changes data (or a
 * COMMIT) was sent, so nobody knows whether the server ran it: the write may
 * have been applied, or not. It is a {@link ConnectionLostError}, but it is
 * never retried automatically and `isRetryable` is false, because running a
 * write twice can duplicate it.
 *
 * Check the data (or make the write idempotent and mark it so, see
 * `idempotent()` and `withQuerySettings(db, { idempotent: true })`) before
 * running it again. The lost session may still be finishing the statement on
 * the server: wait until `backendPid` is gone from the server's sessions
 * (STV_SESSIONS on Redshift) before reading what it did.
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

  declare readonly backendPid?: number

  constructor(message: string, options: UnknownOutcomeErrorOptions = {}) {
    super(message, options)
    if (options.backendPid !== undefined) {
      Object.assign(this, { backendPid: options.backendPid })
    }
  }

  protected override defaultRetryable(): boolean {
    return false
  }
}
