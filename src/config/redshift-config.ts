import type { TypeParserOptions } from '../types/index.js'

/**
 * How the connection uses TLS, with libpq's meanings:
 * - `disable`: plain TCP.
 * - `require`: encrypted, the server's certificate is not checked.
 * - `verify-ca`: encrypted, the certificate must chain to a trusted CA.
 * - `verify-full`: as `verify-ca`, and it must name the host connected to.
 */
export type TlsMode = 'disable' | 'require' | 'verify-ca' | 'verify-full'

/**
 * Supplies the password for each new connection, so short-lived IAM
 * credentials can be fetched fresh. `undefined` means "no password".
 *
 * ```ts
 * const password: PasswordProvider = async () => (await getCredentials()).dbPassword
 * ```
 */
export type PasswordProvider = () => Promise<string | undefined>

/** TLS settings of a {@link RedshiftConfig}. */
export interface RedshiftTlsConfig {
  readonly mode: TlsMode
  /** Trusted CA certificate(s), PEM. Without it Node's root CAs are used. */
  readonly ca?: string | Buffer
  /** The name the certificate must carry (`verify-full`); defaults to the host. */
  readonly servername?: string
}

/** Pool sizes and timeouts of a {@link RedshiftConfig}. All times in ms. */
export interface RedshiftPoolConfig {
  /** Connections kept open even when idle (default 0). */
  readonly min: number
  /** Most connections open at once (default 10). */
  readonly max: number
  /** How long `acquire` waits for a free connection (default 30000). */
  readonly acquireTimeoutMs: number
  /** An idle connection above `min` is closed after this long (default 600000). */
  readonly idleTimeoutMs: number
  /** A connection is replaced after this long, even if busy (default 3600000). */
  readonly maxLifetimeMs: number
  /** How long opening one connection may take (default 10000). */
  readonly connectTimeoutMs: number
  /** How often idle and expired connections are looked for (default 10000). */
  readonly evictionIntervalMs: number
}

/** Settings every connection starts its session with. */
export interface RedshiftSessionConfig {
  /** `statement_timeout` in ms; 0 turns it off. */
  readonly statementTimeoutMs?: number
  /** `query_group`: routes queries to a WLM queue and labels them. */
  readonly queryGroup?: string
  /** `search_path`, as schema names. */
  readonly searchPath?: readonly string[]
}

/** Retry of failed work that is safe to repeat. */
export interface RedshiftRetryConfig {
  /** Attempts in all, the first included (default 3). */
  readonly maxAttempts: number
  /** First backoff delay in ms, doubled each time, with jitter (default 100). */
  readonly initialDelayMs: number
  /** Largest backoff delay in ms (default 5000). */
  readonly maxDelayMs: number
}

/** Circuit breaker that stops sending work to a failing cluster. */
export interface RedshiftCircuitBreakerConfig {
  /** Off by default. */
  readonly enabled: boolean
  /** Consecutive failures that open the circuit (default 5). */
  readonly failureThreshold: number
  /** How long it stays open before one trial call (default 30000 ms). */
  readonly halfOpenAfterMs: number
}

/**
 * A complete, validated configuration: every default filled in, frozen. Made
 * by {@link parseRedshiftConfig}; the password is only reachable through the
 * provider, so logging the config cannot print it.
 *
 * ```ts
 * const config = parseRedshiftConfig('redshift://app@cluster.example.com/analytics')
 * config.port      // 5439
 * config.tls.mode  // 'verify-full'
 * ```
 */
export interface RedshiftConfig {
  readonly host: string
  readonly port: number
  readonly database: string
  readonly user: string
  readonly password: PasswordProvider
  readonly tls: RedshiftTlsConfig
  readonly applicationName?: string
  readonly pool: RedshiftPoolConfig
  readonly session: RedshiftSessionConfig
  /** Rows per round trip when streaming; at least 2 (a 1-row fetch fails on Redshift). */
  readonly fetchSize: number
  readonly retry: RedshiftRetryConfig
  readonly circuitBreaker: RedshiftCircuitBreakerConfig
  readonly types: TypeParserOptions
}
