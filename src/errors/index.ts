export { AuthenticationFailedError } from './authentication-failed-error.js'
export {
  CircuitBreakerOpenError,
  type CircuitBreakerOpenErrorOptions,
} from './circuit-breaker-open-error.js'
export { ColumnNotFoundError } from './column-not-found-error.js'
export {
  CommandOptionError,
  type CommandOptionErrorOptions,
} from './command-option-error.js'
export { ConnectionLostError } from './connection-lost-error.js'
export { DataError } from './data-error.js'
export {
  ExternalColumnError,
  type ExternalColumnErrorOptions,
} from './external-column-error.js'
export { ExternalDdlInTransactionError } from './external-ddl-in-transaction-error.js'
export { InvalidSqlError } from './invalid-sql-error.js'
export {
  LoadError,
  type LoadErrorOptions,
  type LoadErrorRow,
} from './load-error.js'
export {
  mapRedshiftError,
  parseRedshiftCode,
  type MapErrorContext,
} from './map-redshift-error.js'
export { NotAllowedInTransactionError } from './not-allowed-in-transaction-error.js'
export {
  NotAvailableOnServerlessError,
  type NotAvailableOnServerlessErrorOptions,
} from './not-available-on-serverless-error.js'
export { PermissionDeniedError } from './permission-denied-error.js'
export { PoolClosedError } from './pool-closed-error.js'
export {
  PoolTimeoutError,
  type PoolTimeoutErrorOptions,
} from './pool-timeout-error.js'
export { QueryCancelledError } from './query-cancelled-error.js'
export { QueryNotFoundError } from './query-not-found-error.js'
export {
  QueryTimeoutError,
  type QueryTimeoutErrorOptions,
} from './query-timeout-error.js'
export { REDACTED, redactSecrets } from './redact-secrets.js'
export {
  RedshiftConfigError,
  type RedshiftConfigErrorOptions,
  type RedshiftConfigIssue,
} from './redshift-config-error.js'
export {
  RedshiftError,
  type RedshiftErrorFields,
  type RedshiftErrorOptions,
} from './redshift-error.js'
export {
  RedshiftUnsupportedError,
  type RedshiftUnsupportedErrorOptions,
} from './redshift-unsupported-error.js'
export {
  ResourceError,
  type ResourceErrorOptions,
  type ResourceErrorReason,
} from './resource-error.js'
export { sanitizeError } from './sanitize-error.js'
export { SerializationFailureError } from './serialization-failure-error.js'
export {
  StatementTimeoutError,
  type StatementTimeoutErrorOptions,
} from './statement-timeout-error.js'
export { TableNotFoundError } from './table-not-found-error.js'
export { TlsError } from './tls-error.js'
export {
  UnknownOutcomeError,
  type UnknownOutcomeErrorOptions,
} from './unknown-outcome-error.js'
