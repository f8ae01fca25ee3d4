import {
  ExponentialBackoff,
  halfJitterGenerator,
  type IBackoff,
} from 'cockatiel'

import type { RedshiftRetryConfig } from '../config/index.js'

/**
 * The delays between attempts of one piece of work, from the config's
 * `retry` section: exponential (the first retry after about
 * `initialDelayMs`, each next one about twice as late, never more than
 * `maxDelayMs`), with jitter so that clients failing together do not come
 * back together, and bounded both by `maxAttempts` (the first attempt
 * included) and by `maxElapsedMs` since the first failure.
 *
 * Built once per driver; {@link start} is called only when a statement has
 * failed, so work that succeeds allocates nothing for it.
 *
 * ```ts
 * const schedule = new RetrySchedule(config.retry)
 * const attempts = schedule.start()
 * const delayMs = attempts.next() // undefined: give up
 * ```
 */
export class RetrySchedule {
  readonly #config: RedshiftRetryConfig
  readonly #backoff: ExponentialBackoff<number>

  constructor(config: RedshiftRetryConfig) {
    this.#config = config
    // Half jitter: a delay is drawn from [d/2, d), so backoff keeps growing
    // (full jitter can draw 0 and hammer a busy cluster) yet spreads out.
    this.#backoff = new ExponentialBackoff({
      generator: halfJitterGenerator,
      initialDelay: config.initialDelayMs,
      maxDelay: config.maxDelayMs,
    })
  }

  /** False when `retry.enabled` is off: nothing is ever retried. */
  get enabled(): boolean {
    return this.#config.enabled && this.#config.maxAttempts > 1
  }

  /** The attempts of one piece of work whose first attempt just failed. */
  start(): RetryAttempts {
    return new RetryAttempts(this.#config, this.#backoff)
  }
}

/**
 * The retries left to one piece of work. `attempt` is the number of the
 * attempt that failed last (1 for the first).
 */
export class RetryAttempts {
  readonly #config: RedshiftRetryConfig
  readonly #factory: ExponentialBackoff<number>
  readonly #startedAt = performance.now()
  #backoff: IBackoff<unknown> | undefined
  #attempt = 1

  constructor(
    config: RedshiftRetryConfig,
    factory: ExponentialBackoff<number>,
  ) {
    this.#config = config
    this.#factory = factory
  }

  /** The attempt that failed last, 1-based. */
  get attempt(): number {
    return this.#attempt
  }

  /**
   * The delay before the next attempt in ms, counting it as made; or
   * `undefined` when the attempts or the time are used up.
   */
  next(): number | undefined {
    if (!this.#config.enabled || this.#attempt >= this.#config.maxAttempts) {
      return undefined
    }
    this.#backoff =
      this.#backoff === undefined
        ? this.#factory.next()
        : this.#backoff.next(undefined)
    const delayMs = Math.round(this.#backoff.duration)
    const elapsed = performance.now() - this.#startedAt
    if (elapsed + delayMs > this.#config.maxElapsedMs) {
      return undefined
    }
    this.#attempt++
    return delayMs
  }
}

/**
 * Resolves after `ms`; rejects with the signal's reason as soon as it
 * aborts.
 *
 * ```ts
 * await sleep(delayMs, options?.signal)
 * ```
 */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) {
    return Promise.reject(signal.reason)
  }
  return new Promise<void>((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer)
      reject(signal!.reason)
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    signal?.addEventListener('abort', onAbort, { once: true })
  })
}
