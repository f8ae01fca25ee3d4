import type { RedshiftConfig } from '../config/index.js'
import type { RedshiftPool } from '../pool/index.js'
import { OtelStatementObserver } from './otel-statement-observer.js'
import { claimPoolName } from './pool-name.js'
import { NO_OBSERVER, type StatementObserver } from './statement-observer.js'

/**
 * The statement observer of one driver: OpenTelemetry spans and metrics
 * for its statements and its pool, through the config's providers or the
 * global ones (as they are at each statement, so an SDK registered after
 * the client was built is seen). With `telemetry.enabled: false` it is
 * {@link NO_OBSERVER}, which records nothing. The pool's connection counts
 * are reported until the pool closes.
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
    tracerProvider: telemetry.tracerProvider,
    meterProvider: telemetry.meterProvider,
    host: config.host,
    port: config.port,
    database: config.database,
    poolName: poolName.name,
    pool,
  })
  pool.once('close', () => {
    observer.close()
    poolName.release()
  })
  return observer
}
