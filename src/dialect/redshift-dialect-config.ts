import type { RedshiftConfig, RedshiftConfigInput } from '../config/index.js'
import type { RedshiftPool } from '../pool/index.js'
import type { MigrationLockSettings } from './redshift-adapter.js'

/**
 * Everything {@link RedshiftDialect} can be given. Plain connection settings
 * (an object or a URL) are enough for most uses; this form adds what is not
 * a connection setting.
 *
 * ```ts
 * new RedshiftDialect({
 *   config: 'redshift://app@cluster.example.com:5439/analytics',
 *   migrationLock: { timeoutMs: 10 * 60_000 },
 * })
 * ```
 */
export interface RedshiftDialectConfig {
  /**
   * Connection settings, a config made by `parseRedshiftConfig` (used as it
   * is), or a `redshift://` / `postgres://` URL.
   */
  readonly config: RedshiftConfigInput | RedshiftConfig | string
  /**
   * A pool to use instead of one built from `config.pool`, e.g. one shared
   * with other code. The dialect's driver starts it and drains it on
   * `db.destroy()`.
   */
  readonly pool?: RedshiftPool
  /** How Kysely's Migrator waits for its lock. */
  readonly migrationLock?: MigrationLockSettings
  /**
   * Set when the cluster runs with `enable_case_sensitive_identifier = true`,
   * so result columns keep upper-case letters. Without it the compiler
   * refuses upper-case output names, which Redshift would return lower-cased.
   */
  readonly caseSensitiveIdentifiers?: boolean
}

/**
 * What the {@link RedshiftDialect} constructor accepts.
 *
 * ```ts
 * new RedshiftDialect('redshift://app@cluster:5439/dev')
 * new RedshiftDialect({ host: 'cluster', user: 'app', password: getToken })
 * new RedshiftDialect({ config: { host: 'cluster', user: 'app' }, pool })
 * ```
 */
export type RedshiftDialectInput =
  RedshiftConfigInput | RedshiftConfig | string | RedshiftDialectConfig

/**
 * Whether the input is the {@link RedshiftDialectConfig} form.
 *
 * ```ts
 * isRedshiftDialectConfig({ config: url }) // true
 * isRedshiftDialectConfig({ host: 'h' })   // false
 * ```
 */
export function isRedshiftDialectConfig(
  input: RedshiftDialectInput,
): input is RedshiftDialectConfig {
  return typeof input === 'object' && input !== null && 'config' in input
}
