import { RedshiftError } from './redshift-error.js'

/**
 * The pool was drained or closed, so it gives out no more connections.
 *
 * ```ts
 * await pool.close()
 * await pool.acquire() // throws PoolClosedError
 * ```
 */
export class PoolClosedError extends RedshiftError {
  static {
    Object.defineProperty(this.prototype, 'name', {
      value: 'PoolClosedError',
      writable: true,
      configurable: true,
    })
  }

  constructor(message = 'The connection pool is closed') {
    super(message)
  }
}
