import type {
  Attributes,
  BatchObservableResult,
  Meter,
} from '@opentelemetry/api'

import type { PoolStats } from '../pool/index.js'
import {
  ATTR_CONNECTION_STATE,
  ATTR_POOL_NAME,
  METRIC_CONNECTION_COUNT,
  METRIC_PENDING_REQUESTS,
} from './telemetry-names.js'

/** What the pool metrics read: anything with the pool's `stats()`. */
export interface PoolStatsSource {
  stats(): PoolStats
}

/**
 * Reports a pool's `db.client.connection.count` (state `idle` / `used`) and
 * `db.client.connection.pending_requests` (callers waiting in `acquire()`)
 * as asynchronous up-down counters: they are read from `pool.stats()` when
 * the meter collects, so acquiring and releasing costs nothing more.
 * Returns the function that stops reporting (call it when the pool closes).
 *
 * ```ts
 * const stop = observePool(meter, pool, 'localhost:5439/dev')
 * pool.once('close', stop)
 * ```
 */
export function observePool(
  meter: Meter,
  pool: PoolStatsSource,
  poolName: string,
): () => void {
  const count = meter.createObservableUpDownCounter(METRIC_CONNECTION_COUNT, {
    description:
      'The number of connections that are currently in the state described by db.client.connection.state',
    unit: '{connection}',
  })
  const pending = meter.createObservableUpDownCounter(METRIC_PENDING_REQUESTS, {
    description:
      'The number of current pending requests for an open connection',
    unit: '{request}',
  })
  const pooled: Attributes = Object.freeze({ [ATTR_POOL_NAME]: poolName })
  const idle: Attributes = Object.freeze({
    ...pooled,
    [ATTR_CONNECTION_STATE]: 'idle',
  })
  const used: Attributes = Object.freeze({
    ...pooled,
    [ATTR_CONNECTION_STATE]: 'used',
  })
  const observables = [count, pending]
  const callback = (result: BatchObservableResult): void => {
    const stats = pool.stats()
    result.observe(count, stats.idle, idle)
    result.observe(count, stats.inUse, used)
    result.observe(pending, stats.waiting, pooled)
  }
  meter.addBatchObservableCallback(callback, observables)
  return () => meter.removeBatchObservableCallback(callback, observables)
}
