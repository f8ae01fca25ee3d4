import type { MeterProvider, TracerProvider } from '@opentelemetry/api'

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
  /** On by default; `false` turns every automatic retry off. */
  readonly enabled: boolean
  /** Attempts in all, the first included (default 3). */
  readonly maxAttempts: number
  /** First backoff delay in ms, doubled each time, with jitter (default 100). */
  readonly initialDelayMs: number
  /** Largest backoff delay in ms (default 5000). */
  readonly maxDelayMs: number
  /**
   * No retry starts later than this many ms after the first failure, the
   * delay before it included (default 30000).
   */
  readonly maxElapsedMs: number
}

/** Circuit breaker that stops sending work to a failing cluster. */
export interface RedshiftCircuitBreakerConfig {
  /**
   * Off when the config has no `circuitBreaker` section; on as soon as it
   * has one (`circuitBreaker: {}` turns it on with the defaults), unless
   * `enabled: false`.
   */
  readonly enabled: boolean
  /** Consecutive failures that open the circuit (default 5). */
  readonly failureThreshold: number
  /** How long it stays open before one trial call (default 30000 ms). */
  readonly halfOpenAfterMs: number
}

/** OpenTelemetry spans and metrics of a {@link RedshiftConfig}. */
export interface RedshiftTelemetryConfig {
  /**
   * On by default: spans and metrics go to the globally registered
   * OpenTelemetry providers (no-ops, costing nothing, when no SDK is set up).
   */
  readonly enabled: boolean
  /** A tracer provider to use instead of the global one. */
  readonly tracerProvider?: TracerProvider
  /** A meter provider to use instead of the global one. */
  readonly meterProvider?: MeterProvider
}

/**
 * AWS credentials as the AWS SDK takes them: fixed keys, or a provider such
 * as `fromIni()` / `fromTemporaryCredentials()` of
 * `@aws-sdk/credential-providers`.
 */
export type AwsCredentialsInput =
  | {
      readonly accessKeyId: string
      readonly secretAccessKey: string
      readonly sessionToken?: string
      readonly expiration?: Date
    }
  | (() => Promise<{
      readonly accessKeyId: string
      readonly secretAccessKey: string
      readonly sessionToken?: string
      readonly expiration?: Date
    }>)

/**
 * Temporary database credentials from IAM instead of a password: for each
 * new connection (cached, refreshed ahead of expiry) the SDK calls
 * GetClusterCredentials / GetClusterCredentialsWithIAM (provisioned) or
 * GetCredentials (Serverless). Fields left out are read from the host name
 * (`<cluster>.<id>.<region>.redshift.amazonaws.com`,
 * `<workgroup>.<account>.<region>.redshift-serverless.amazonaws.com`).
 */
export interface RedshiftIamConfig {
  /** Which API; by default from the host name. */
  readonly kind?: 'provisioned' | 'serverless'
  readonly clusterIdentifier?: string
  readonly workgroupName?: string
  readonly region?: string
  /** GetClusterCredentials' DbUser; defaults to the config's `user`. */
  readonly dbUser?: string
  readonly dbGroups?: readonly string[]
  /** GetClusterCredentials' AutoCreate (default false). */
  readonly autoCreate: boolean
  /** Lifetime asked for: 900..3600 s (provisioned), 900..3600 s (Serverless). */
  readonly durationSeconds?: number
  /** GetClusterCredentialsWithIAM: the IAM identity is the database user. */
  readonly withIam: boolean
  /** A profile of the shared AWS config files (`fromIni`). */
  readonly profile?: string
  /** A role to assume first (`fromTemporaryCredentials`). */
  readonly roleArn?: string
  /** AWS credentials to sign with; default: the AWS SDK's default chain. */
  readonly credentials?: AwsCredentialsInput
  /** The API endpoint, for VPC endpoints and local emulators. */
  readonly endpoint?: string
  /** Credentials are refreshed this long before they expire (default 60000 ms). */
  readonly refreshSkewMs: number
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
  /**
   * Default time limit of one statement in ms, enforced by the client: on
   * expiry the statement is cancelled on the server. 0 (the default) means
   * none.
   */
  readonly queryTimeoutMs: number
  /**
   * How long a statement that ran out of time has, once its cancel is sent,
   * to stop and give its connection back; past it the connection is closed
   * (default 2000 ms).
   */
  readonly cancelTimeoutMs: number
  /**
   * The endpoint's kind when configured; `undefined` lets `wlm` and
   * `monitor` detect it once per client.
   */
  readonly endpointKind?: 'provisioned' | 'serverless'
  readonly telemetry: RedshiftTelemetryConfig
  /** Set when passwords come from IAM. */
  readonly iam?: RedshiftIamConfig
  readonly types: TypeParserOptions
}
