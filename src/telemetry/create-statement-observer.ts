import { metrics, trace } from '@opentelemetry/api'

import type { RedshiftConfig } from '../config/index.js'
import type { RedshiftPool } from '../pool/index.js'
import { OtelStatementObserver } from './otel-statement-observer.js'
import { claimPoolName } from './pool-name.js'
import { observePool } from './pool-metrics.js'
import { NO_OBSERVER, type StatementObserver } from './statement-observer.js'

/**
 * The statement observer of one driver: OpenTelemetry spans and metrics
 * for its statements and its pool, through the config's providers or the
 * global ones (read now, when the driver builds its pool). With
 * `telemetry.enabled: false` it is {@link NO_OBSERVER}, which records
 * nothing. The pool's connection counts are reported until the pool closes.
 *
 * ```ts
 * const observer = createStatementObserver(config, pool)
 * ```
 */
export function createStatementObserver(
  config: RedshiftConfig,
  pool: RedshiftPool,
): StatementObserver {
  const { telemetry } = config
  if (!telemetry.enabled) return NO_OBSERVER
  const poolName = claimPoolName(config)
  const observer = new OtelStatementObserver({
    tracerProvider: telemetry.tracerProvider ?? trace.getTracerProvider(),
    meterProvider: telemetry.meterProvider ?? metrics.getMeterProvider(),
    host: config.host,
    port: config.port,
    database: config.database,
    poolName: poolName.name,
  })
  const meter = observer.meter
  const stopPoolMetrics =
    meter === undefined ? undefined : observePool(meter, pool, poolName.name)
  pool.once('close', () => {
    stopPoolMetrics?.()
    poolName.release()
  })
  return observer
}
