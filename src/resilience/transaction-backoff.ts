import {
  decorrelatedJitterGenerator,
  ExponentialBackoff,
  type IBackoff,
} from 'cockatiel'

import type { RetryBounds } from './transaction-options.js'

/**
 * The delays between a retrying transaction's attempts: exponential from
 * `initialDelayMs`, capped at `maxDelayMs`, with cockatiel's decorrelated
 * jitter, so transactions that conflicted with each other do not all come
 * back at the same moment and conflict again.
 *
 * ```ts
 * const delays = transactionBackoff(bounds)
 * const first = delays.next() // ~100 ms
 * ```
 */
export function transactionBackoff(bounds: RetryBounds): {
  next(): number
} {
  const factory = new ExponentialBackoff({
    initialDelay: bounds.initialDelayMs,
    maxDelay: bounds.maxDelayMs,
    generator: decorrelatedJitterGenerator,
  })
  let current: IBackoff<unknown> | undefined
  return {
    next: () => {
      current = current === undefined ? factory.next() : current.next(undefined)
      return Math.min(bounds.maxDelayMs, Math.max(0, current.duration))
    },
  }
}
