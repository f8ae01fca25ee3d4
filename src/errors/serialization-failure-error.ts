import { RedshiftError, type RedshiftErrorOptions } from './redshift-error.js'

/**
 * The transaction conflicted with a concurrent one and was rolled back.
 *
 * Redshift reports this as SQLSTATE `XX000` with the message `1023` and a
 * `Serializable isolation violation` detail, or (under SNAPSHOT isolation)
 * with a message containing `conflict with concurrent transaction`; PostgreSQL
 * uses `40001`, and `40P01` for a deadlock, which calls for the same remedy.
 * The remedy AWS documents is to run the *whole* transaction again.
 *
 * ```ts
 * if (error instanceof SerializationFailureError) {
 *   // re-run the transaction callback from the start
 * }
 * ```
 */
export class SerializationFailureError extends RedshiftError {
  static {
    Object.defineProperty(this.prototype, 'name', {
      value: 'SerializationFailureError',
      writable: true,
      configurable: true,
    })
  }

  constructor(message: string, options: RedshiftErrorOptions = {}) {
    super(message, options)
  }

  protected override defaultRetryable(): boolean {
    return true
  }
}
