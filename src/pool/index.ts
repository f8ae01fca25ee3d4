export { isConnectionFailure } from './connection-failure.js'
export type {
  DestroyReason,
  PoolEvents,
  PoolOptions,
  PoolStats,
} from './pool-options.js'
export {
  PooledConnection,
  type PooledConnectionHooks,
  type TransactionStatus,
} from './pooled-connection.js'
export { RedshiftPool } from './redshift-pool.js'
export { failedSessionSql } from './session-failure.js'
export { sessionStatement } from './session-sql.js'
export {
  DEFAULT_SESSION,
  SESSION_KEYS,
  mergeSessionSettings,
  sameSessionValue,
  type SessionKey,
  type SessionSettings,
} from './session-settings.js'
export { WaiterQueue } from './waiter-queue.js'
