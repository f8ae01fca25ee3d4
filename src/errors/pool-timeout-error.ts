import { RedshiftError } from './redshift-error.js'

/** The pool's state when an acquire gave up. */
export interface PoolTimeoutErrorOptions {
  readonly timeoutMs: number
  /** Open connections, idle and in use. */
  readonly size: number
  readonly inUse: number
  readonly idle: number
  /** Callers still waiting, this one excluded. */
  readonly waiting: number
}

/**
 * No connection became free within the acquire timeout. Retryable: the pool
 * may have room later; the numbers say whether `pool.max` is too small or
 * connections are being held too long.
 *
 * ```ts
 * if (error instanceof PoolTimeoutError) {
 *   console.log(`${error.inUse}/${error.size} in use, ${error.waiting} waiting`)
 * }
 * ```
 */
export class PoolTimeoutError extends RedshiftError {
  static {
    Object.defineProperty(this.prototype, 'name', {
      value: 'PoolTimeoutError',
      writable: true,
      configurable: true,
    })
  }

  readonly timeoutMs: number
  readonly size: number
  readonly inUse: number
  readonly idle: number
  readonly waiting: number

  constructor(options: PoolTimeoutErrorOptions) {
    super(
      `Timed out after ${options.timeoutMs} ms waiting for a connection ` +
        `(size ${options.size}, in use ${options.inUse}, idle ${options.idle}, waiting ${options.waiting})`,
    )
    this.timeoutMs = options.timeoutMs
    this.size = options.size
    this.inUse = options.inUse
    this.idle = options.idle
    this.waiting = options.waiting
  }

  protected override defaultRetryable(): boolean {
    return true
  }
}
