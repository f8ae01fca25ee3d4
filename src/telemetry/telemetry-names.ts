/**
 * The names this package emits, from OpenTelemetry's database semantic
 * conventions (stable span attributes; connection-pool metrics as named in
 * the conventions' registry), plus the few Redshift-only ones, which live
 * under `aws.redshift.` (attributes) and `db.client.redshift.` (metrics) so
 * they never collide with a future convention.
 *
 * ```ts
 * span.setAttribute(ATTR_DB_SYSTEM_NAME, DB_SYSTEM_REDSHIFT)
 * ```
 */

/** The instrumentation scope (tracer and meter) name. */
export const INSTRUMENTATION_NAME = 'kysely-redshift'

/** `db.system.name` for Amazon Redshift. */
export const DB_SYSTEM_REDSHIFT = 'aws.redshift'

export const ATTR_DB_SYSTEM_NAME = 'db.system.name'
export const ATTR_DB_NAMESPACE = 'db.namespace'
export const ATTR_DB_OPERATION_NAME = 'db.operation.name'
export const ATTR_DB_COLLECTION_NAME = 'db.collection.name'
export const ATTR_DB_QUERY_SUMMARY = 'db.query.summary'
export const ATTR_DB_QUERY_TEXT = 'db.query.text'
export const ATTR_DB_RESPONSE_STATUS_CODE = 'db.response.status_code'
export const ATTR_DB_RESPONSE_RETURNED_ROWS = 'db.response.returned_rows'
export const ATTR_ERROR_TYPE = 'error.type'
export const ATTR_SERVER_ADDRESS = 'server.address'
export const ATTR_SERVER_PORT = 'server.port'
export const ATTR_POOL_NAME = 'db.client.connection.pool.name'
export const ATTR_CONNECTION_STATE = 'db.client.connection.state'

/** The Redshift query id (`pg_last_copy_id()`, `pg_last_query_id()`). */
export const ATTR_REDSHIFT_QUERY_ID = 'aws.redshift.query_id'
/** Rows a COPY loaded (`pg_last_copy_count()`). */
export const ATTR_REDSHIFT_ROWS_LOADED = 'aws.redshift.rows_loaded'
/** Rows an UNLOAD wrote (`pg_last_unload_count()`). */
export const ATTR_REDSHIFT_ROWS_UNLOADED = 'aws.redshift.rows_unloaded'

/** Span event of a statement retried by the driver. */
export const EVENT_RETRY = 'db.client.retry'
export const ATTR_RETRY_ATTEMPT = 'db.client.retry.attempt'
/** Seconds until the next attempt. */
export const ATTR_RETRY_DELAY = 'db.client.retry.delay'
/** Span event: the connection the statement runs on was waited for in the pool. */
export const EVENT_CONNECTION_WAIT = 'db.client.connection.wait'

export const METRIC_OPERATION_DURATION = 'db.client.operation.duration'
export const METRIC_CONNECTION_COUNT = 'db.client.connection.count'
export const METRIC_PENDING_REQUESTS = 'db.client.connection.pending_requests'
export const METRIC_WAIT_TIME = 'db.client.connection.wait_time'
export const METRIC_TIMEOUTS = 'db.client.connection.timeouts'
export const METRIC_ROWS_LOADED = 'db.client.redshift.rows_loaded'
export const METRIC_ROWS_UNLOADED = 'db.client.redshift.rows_unloaded'

/**
 * The conventions' advice for `db.client.operation.duration` (seconds),
 * used for the pool wait too.
 */
export const DURATION_BUCKETS: readonly number[] = Object.freeze([
  0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 10,
])
