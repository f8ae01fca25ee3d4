// The public API of kysely-redshift. Everything is re-exported by name so
// that what is public is a decision made here, never a side effect.

// The client applications hold.
export {
  createRedshift,
  type RedshiftClient,
  type RedshiftClientExtensions,
  type RedshiftClientOptions,
  type RedshiftCommands,
  type RedshiftConnectionBuilder,
  type RedshiftControlledTransaction,
  type RedshiftControlledTransactionBuilder,
  type RedshiftKysely,
  type RedshiftTransaction,
  type RedshiftTransactionBuilder,
} from './client.js'

// Transactions that retry serialization conflicts, and handles without a callback.
export { ImplicitCommitError } from './resilience/transaction-implicit-commit-error.js'
export type { ImplicitCommitStatement } from './resilience/transaction-implicit-commit.js'
export { TransactionGuardPlugin } from './resilience/transaction-guard-plugin.js'
export type { RedshiftTransactionHandle } from './resilience/transaction-begin.js'
export type {
  RedshiftIsolationLevel,
  RetryBounds,
  RetryingTransactionOptions,
  TransactionOptions,
  TransactionRetryHook,
} from './resilience/transaction-options.js'
export {
  TransactionRetriesExhaustedError,
  type RetriesExhaustedReason,
} from './resilience/transaction-retries-exhausted-error.js'
export {
  RetryingTransactionBuilder,
  retryingTransaction,
  type RetryingTransactionCallback,
  type TransactionAttempt,
} from './resilience/transaction-retrying.js'

// IAM logins.
export {
  createIamLoginProvider,
  IamCredentialsError,
  parseRedshiftHost,
  resolveIamTarget,
  type IamCredentialsErrorOptions,
  type IamCredentialsFailure,
  type IamLoginProviderOptions,
  type IamTarget,
  type Login,
  type LoginProvider,
  type ProvisionedIamTarget,
  type RedshiftHostInfo,
  type ServerlessIamTarget,
} from './auth/index.js'

// OpenTelemetry names, for filtering and dashboards.
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
  type StatementInfo,
  type StatementObservation,
  type StatementObserver,
} from './telemetry/index.js'

// Kysely's dialect roles.
export {
  QuerySettingsPlugin,
  RedshiftAdapter,
  RedshiftDialect,
  RedshiftDriver,
  RedshiftIntrospector,
  RedshiftQueryCompiler,
  statementSettingsOf,
  withQuerySettings,
  withStatementSettings,
  type MigrationLockSettings,
  type QuerySettings,
  type RedshiftDialectConfig,
  type RedshiftDialectInput,
  type RedshiftDriverOptions,
  type RedshiftQueryCompilerOptions,
  type StatementSettings,
} from './dialect/index.js'

// Retry policy marks and the circuit breaker.
export { idempotent, type TakesPlugins } from './resilience/idempotent.js'
export {
  EndpointCircuitBreaker,
  type CircuitBreakerState,
} from './resilience/endpoint-circuit-breaker.js'

// Configuration.
export {
  configFromEnv,
  parseConnectionUrl,
  parseRedshiftConfig,
  type AwsCredentialsInput,
  type PasswordProvider,
  type RedshiftCircuitBreakerConfig,
  type RedshiftConfig,
  type RedshiftConfigInput,
  type RedshiftIamConfig,
  type RedshiftPoolConfig,
  type RedshiftRetryConfig,
  type RedshiftSessionConfig,
  type RedshiftTelemetryConfig,
  type RedshiftTlsConfig,
  type RedshiftTlsInput,
  type TlsMode,
} from './config/index.js'

// Errors.
export {
  AuthenticationFailedError,
  ColumnNotFoundError,
  CommandOptionError,
  ConnectionLostError,
  DataError,
  ExternalColumnError,
  ExternalDdlInTransactionError,
  InvalidSqlError,
  LoadError,
  mapRedshiftError,
  NotAllowedInTransactionError,
  PermissionDeniedError,
  PoolClosedError,
  PoolTimeoutError,
  QueryCancelledError,
  redactSecrets,
  RedshiftConfigError,
  RedshiftError,
  RedshiftUnsupportedError,
  ResourceError,
  SerializationFailureError,
  StatementTimeoutError,
  TableNotFoundError,
  TlsError,
  UnknownOutcomeError,
  CircuitBreakerOpenError,
  QueryTimeoutError,
  type CircuitBreakerOpenErrorOptions,
  type QueryTimeoutErrorOptions,
  type UnknownOutcomeErrorOptions,
  type CommandOptionErrorOptions,
  type ExternalColumnErrorOptions,
  type LoadErrorOptions,
  type LoadErrorRow,
  type MapErrorContext,
  type PoolTimeoutErrorOptions,
  type RedshiftConfigErrorOptions,
  type RedshiftConfigIssue,
  type RedshiftErrorFields,
  type RedshiftErrorOptions,
  type RedshiftUnsupportedErrorOptions,
  type ResourceErrorOptions,
  type ResourceErrorReason,
  type StatementTimeoutErrorOptions,
} from './errors/index.js'

// Column types and the type table.
export {
  createTypeParsers,
  REDSHIFT_TYPES,
  type DateString,
  type Generated,
  type GeneratedAlways,
  type GeometryHex,
  type Int8,
  type Int8AsString,
  type Int8Input,
  type JsonArray,
  type JsonObject,
  type JsonPrimitive,
  type JsonValue,
  type Numeric,
  type NumericAsNumber,
  type NumericInput,
  type PgTypes,
  type ReadOnlyRelation,
  type ReadOnlyRelationName,
  type RedshiftTypeInfo,
  type Super,
  type SuperInput,
  type Timestamp,
  type Timestamptz,
  type TimeString,
  type TypeParserOptions,
  type VarByte,
  type WritableDeleteFrom,
  type WritableInsertInto,
  type WritableMergeInto,
  type WritableRelationName,
  type WritableReplaceInto,
  type WritableTableExpression,
  type WritableTableExpressionOrList,
  type WritableTableReference,
  type WritableUpdateTable,
} from './types/index.js'

// The pool, for sharing one between dialects.
export {
  RedshiftPool,
  type PoolOptions,
  type PoolStats,
  type SessionSettings,
} from './pool/index.js'

// Escaping for the rare SQL that cannot use bind parameters.
export {
  quoteIdentifier,
  quoteLiteral,
  quoteQualifiedName,
  REDSHIFT_MAX_IDENTIFIER_BYTES,
} from './sql/literal.js'

// Bulk data: COPY, UNLOAD, the shared authorization and the option rules.
export {
  type Authorization,
  MAX_CHAINED_ROLES,
} from './commands/authorization.js'
export type { OptionRule, RuleCommand } from './commands/option-rule.js'
export {
  copyInto,
  COPY_RULES,
  readLoadErrors,
  REDSHIFT_MAX_STATEMENT_BYTES,
  type CopyBuilder,
  type CopyExecuteOptions,
  type CopyFrom,
  type CopyProgress,
  type CopyResult,
  type DatabaseOf,
} from './commands/copy/index.js'
export {
  unload,
  UNLOAD_RULES,
  type Blocked,
  type ManifestOptions,
  type PartitionColumn,
  type PartitionOptions,
  type SizeUnit,
  type UnloadBuilder,
  type UnloadEncryption,
  type UnloadExecuteOptions,
  type UnloadFile,
  type UnloadFormat,
  type UnloadProgress,
  type UnloadResult,
  type UnloadRule,
  type UnloadSource,
} from './commands/unload/index.js'

// Spectrum: external schemas, tables and partitions (db.spectrum).
export {
  ALTER_FILE_FORMATS,
  AlterExternalTableBuilder,
  CreateExternalSchemaBuilder,
  CreateExternalTableBuilder,
  DropExternalSchemaBuilder,
  DropExternalTableBuilder,
  EXTERNAL_FILE_FORMATS,
  EXTERNAL_TABLE_PROPERTIES,
  spectrum,
  SPECTRUM_RULES,
  type AlterFileFormat,
  type CompiledColumnType,
  type DataCatalogSource,
  type ExternalColumns,
  type ExternalColumnType,
  type ExternalFileFormat,
  type ExternalSchemaRole,
  type ExternalTableDefinition,
  type ExternalTableProperties,
  type ExternalTablePropertyName,
  type ExternalTypeFamily,
  type HiveMetastoreSource,
  type PartitionScalar,
  type PartitionValueOf,
  type PartitionValues,
  type RedshiftSpectrum,
  type RowFormatDelimited,
} from './commands/spectrum/index.js'

// Prepared statements, batch inserts and Node streams.
export {
  prepare,
  PreparedQuery,
  PreparedSql,
  PreparedStatementError,
  type Params,
  type PreparedStatementErrorOptions,
  type PreparedStatementProblem,
} from './prepared/index.js'
export {
  batchInsert,
  BatchInsertError,
  MAX_BIND_PARAMETERS,
  MAX_CHUNK_BYTES,
  type BatchInsertErrorOptions,
  type BatchInsertOptions,
  type BatchInsertProgress,
  type BatchInsertResult,
  type BatchRows,
  type ChunkLimits,
} from './batch/index.js'
export {
  toReadable,
  type StreamableQuery,
  type ToReadableOptions,
} from './stream/index.js'

// Operations: workload management and monitoring (db.wlm, db.monitor).
export {
  NotAvailableOnServerlessError,
  QueryNotFoundError,
  type NotAvailableOnServerlessErrorOptions,
} from './errors/index.js'
export {
  cancelQuery,
  endpointKindOf,
  queueState,
  redshiftWlm,
  runningQueries,
  terminateQuery,
  withQueryGroup,
  type CancelOptions,
  type CancelResult,
  type EndpointKind,
  type ProvisionedRunningQuery,
  type QueryGroupOptions,
  type RedshiftWlm,
  type RunningQuery,
  type RunningQueryFields,
  type ServerlessRunningQuery,
  type WlmQueueState,
} from './wlm/index.js'
export {
  AsyncQuery,
  distributionMeaning,
  explainQuery,
  parseExplain,
  queryMetrics,
  redistributionCost,
  redshiftMonitor,
  renderPlan,
  submitQuery,
  tableLoadErrors,
  type AsyncQueryStatus,
  type DistributionStep,
  type ExplainPlan,
  type ExplainSource,
  type LoadErrorsOptions,
  type PlanCost,
  type PlanNode,
  type ProvisionedQueryMetrics,
  type QueryMetrics,
  type QueryMetricsFields,
  type QueryStep,
  type RedistributionCost,
  type RedshiftMonitor,
  type RenderPlanOptions,
  type ServerlessQueryMetrics,
  type SubmitOptions,
  type SubmitSource,
  type TableLoadError,
} from './monitor/index.js'
