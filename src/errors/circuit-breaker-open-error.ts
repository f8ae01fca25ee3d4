import { RedshiftError } from './redshift-error.js'

/** What {@link CircuitBreakerOpenError} knows about the open circuit. */
export interface CircuitBreakerOpenErrorOptions {
  /** `host:port` of the endpoint the circuit guards. */
  readonly endpoint: string
  /** When the next connection attempt is let through, as a trial. */
  readonly halfOpensAt: Date
  /** Consecutive connection failures that opened it. */
  readonly failureThreshold: number
  /** The failure that opened the circuit. */
  readonly cause?: unknown
}

/**
 * The circuit breaker of the endpoint is open: its last
 * `circuitBreaker.failureThreshold` connection attempts in a row failed
 * (refused, timed out, or lost), so new connections are refused at once,
 * without touching the network, until `halfOpensAt`. Then one attempt goes
 * through; its success closes the circuit, its failure opens it again.
 *
 * Not retried automatically, and `isRetryable` is false: failing fast is the
 * point. Retry after `halfOpensAt` if the work can wait.
 *
 * ```ts
 * if (error instanceof CircuitBreakerOpenError) {
 *   console.log(`${error.endpoint} is failing; next trial at ${error.halfOpensAt.toISOString()}`)
 * }
 * ```
 */
export class CircuitBreakerOpenError extends RedshiftError {
  static {
    Object.defineProperty(this.prototype, 'name', {
      value: 'CircuitBreakerOpenError',
      writable: true,
      configurable: true,
    })
  }

  readonly endpoint: string
  readonly halfOpensAt: Date
  readonly failureThreshold: number

  constructor(options: CircuitBreakerOpenErrorOptions) {
    super(
      `The circuit breaker for ${options.endpoint} is open after ${options.failureThreshold} ` +
        `connection failures in a row; no connection is attempted until ${options.halfOpensAt.toISOString()}`,
      options.cause === undefined ? {} : { cause: options.cause },
    )
    this.endpoint = options.endpoint
    this.halfOpensAt = options.halfOpensAt
    this.failureThreshold = options.failureThreshold
  }
}
