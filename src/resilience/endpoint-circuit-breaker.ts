import {
  BrokenCircuitError,
  circuitBreaker,
  CircuitState,
  ConsecutiveBreaker,
  handleWhen,
  type CircuitBreakerPolicy,
} from 'cockatiel'

import type { RedshiftCircuitBreakerConfig } from '../config/index.js'
import {
  CircuitBreakerOpenError,
  ConnectionLostError,
  ResourceError,
} from '../errors/index.js'

/** The state of an {@link EndpointCircuitBreaker}. */
export type CircuitBreakerState = 'closed' | 'open' | 'half-open'

/**
 * A circuit breaker for one endpoint (`host:port`), on cockatiel's
 * consecutive-failure breaker. It guards the opening of connections: after
 * `failureThreshold` connection-level failures in a row (a connect refused
 * or timed out, the server at its connection limit, a connection lost under
 * a statement) it opens, and every new connection fails at once with a
 * {@link CircuitBreakerOpenError}, without touching the network, for
 * `halfOpenAfterMs`. Then one connect goes through as a trial: success
 * closes the circuit, failure opens it again.
 *
 * SQL errors of the caller's statements never count: a syntax error says
 * nothing about the endpoint. Connections already open keep serving their
 * statements while it is open (a cluster refusing new sessions often still
 * serves the ones it has); only the need for a new connection fails fast.
 *
 * Each driver (each `createRedshift` client) has a breaker of its own, so
 * two clients of one endpoint do not trip each other: they may log in as
 * different users, with different thresholds, and a test's client cannot
 * leave an open circuit behind for the next.
 *
 * ```ts
 * const breaker = new EndpointCircuitBreaker('cluster.example.com:5439', config.circuitBreaker)
 * const client = await breaker.connect(() => openClient())
 * ```
 */
export class EndpointCircuitBreaker {
  /** `host:port` of the guarded endpoint. */
  readonly endpoint: string
  readonly #config: RedshiftCircuitBreakerConfig
  readonly #policy: CircuitBreakerPolicy
  #openedAt = 0
  #lastFailure: unknown

  constructor(endpoint: string, config: RedshiftCircuitBreakerConfig) {
    this.endpoint = endpoint
    this.#config = config
    this.#policy = circuitBreaker(handleWhen(isEndpointFailure), {
      halfOpenAfter: config.halfOpenAfterMs,
      breaker: new ConsecutiveBreaker(config.failureThreshold),
    })
    this.#policy.onBreak((reason) => {
      this.#openedAt = Date.now()
      if ('error' in reason) this.#lastFailure = reason.error
    })
  }

  /** Closed (connects go through), open (they fail fast) or half-open (one trial runs). */
  get state(): CircuitBreakerState {
    switch (this.#policy.state) {
      case CircuitState.Closed:
        return 'closed'
      case CircuitState.HalfOpen:
        return 'half-open'
      default:
        return 'open'
    }
  }

  /**
   * Runs `open` (a connect) through the breaker: its failure counts when it
   * is connection-level, its success closes a half-open circuit and resets
   * the count. While open it rejects at once with CircuitBreakerOpenError.
   */
  async connect<T>(open: () => Promise<T>): Promise<T> {
    try {
      return await this.#policy.execute(open)
    } catch (error) {
      if (error instanceof BrokenCircuitError) {
        throw this.#openError()
      }
      throw error
    }
  }

  /**
   * Counts a connection lost under a statement (not a connect): with the
   * failed connects around it, it tells that the endpoint is gone.
   */
  recordFailure(error: unknown): void {
    if (!isEndpointFailure(error as Error)) return
    this.#policy
      .execute(() => {
        throw error
      })
      .catch(ignore)
  }

  #openError(): CircuitBreakerOpenError {
    return new CircuitBreakerOpenError({
      endpoint: this.endpoint,
      halfOpensAt: new Date(this.#openedAt + this.#config.halfOpenAfterMs),
      failureThreshold: this.#config.failureThreshold,
      ...(this.#lastFailure === undefined ? {} : { cause: this.#lastFailure }),
    })
  }
}

/**
 * Failures that say the endpoint itself is failing: a connection refused,
 * timed out or lost, and the server refusing sessions at its connection
 * limit. The errors are this package's mapped ones.
 */
function isEndpointFailure(error: Error): boolean {
  return (
    error instanceof ConnectionLostError ||
    (error instanceof ResourceError && error.reason === 'too-many-connections')
  )
}

function ignore(): void {}
