export { createStatementObserver } from './create-statement-observer.js'
export {
  OtelStatementObserver,
  type OtelStatementObserverOptions,
} from './otel-statement-observer.js'
export { PACKAGE_VERSION } from './package-version.js'
export {
  NO_OBSERVATION,
  NO_OBSERVER,
  type StatementInfo,
  type StatementObservation,
  type StatementObserver,
} from './statement-observer.js'
export { StatementReport } from './statement-report.js'
export {
  ATTR_REDSHIFT_QUERY_ID,
  ATTR_REDSHIFT_ROWS_LOADED,
  ATTR_REDSHIFT_ROWS_UNLOADED,
  DB_SYSTEM_REDSHIFT,
  EVENT_CONNECTION_WAIT,
  EVENT_RETRY,
  INSTRUMENTATION_NAME,
  METRIC_ROWS_LOADED,
  METRIC_ROWS_UNLOADED,
} from './telemetry-names.js'
