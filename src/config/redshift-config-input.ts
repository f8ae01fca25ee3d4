import type { MeterProvider, TracerProvider } from '@opentelemetry/api'

import type {
  AwsCredentialsInput,
  PasswordProvider,
  TlsMode,
} from './redshift-config.js'

/** TLS settings as written by the user; see {@link RedshiftTlsConfig}. */
export interface RedshiftTlsInput {
  /** Default: `verify-full`, or `disable` for a loopback host. */
  mode?: TlsMode
  ca?: string | Buffer
  servername?: string
}

/**
 * What a user writes to configure a connection. Every field is optional here
 * because values may also come from a URL or the environment; `host` and
 * `user` must be known in the end. Defaults are listed on
 * {@link RedshiftConfig}.
 *
 * ```ts
 * const input: RedshiftConfigInput = {
 *   host: 'cluster.abc123.eu-west-1.redshift.amazonaws.com',
 *   user: 'app',
 *   password: async () => fetchToken(),
 *   session: { queryGroup: 'etl', statementTimeoutMs: 60_000 },
 * }
 * ```
 */
export interface RedshiftConfigInput {
  /**
   * A `redshift://`, `postgres://` or `postgresql://` URL; the other fields
   * override what it says.
   */
  url?: string
  host?: string
  port?: number
  database?: string
  user?: string
  password?: string | PasswordProvider
  /** A mode, or the full TLS settings. */
  tls?: TlsMode | RedshiftTlsInput
  applicationName?: string
  pool?: {
    min?: number
    max?: number
    acquireTimeoutMs?: number
    idleTimeoutMs?: number
    maxLifetimeMs?: number
    connectTimeoutMs?: number
    evictionIntervalMs?: number
  }
  session?: {
    statementTimeoutMs?: number
    /** At most 320 characters (Redshift keeps fewer in its logs). */
    queryGroup?: string
    searchPath?: readonly string[]
  }
  fetchSize?: number
  retry?: {
    enabled?: boolean
    maxAttempts?: number
    initialDelayMs?: number
    maxDelayMs?: number
    /** No retry starts later than this after the first failure, in ms (default 30000). */
    maxElapsedMs?: number
  }
  /** Given at all, it turns the circuit breaker on (unless `enabled: false`). */
  circuitBreaker?: {
    enabled?: boolean
    failureThreshold?: number
    halfOpenAfterMs?: number
  }
  /** Client-enforced time limit of each statement, in ms (0 = none). */
  queryTimeoutMs?: number
  /** How long a timed-out statement has to stop after its cancel before its connection is closed, in ms (default 2000). */
  cancelTimeoutMs?: number
  /**
   * What the endpoint is: a provisioned cluster (STL/STV/SVL views) or
   * Serverless (SYS views only). Left out, `wlm` and `monitor` find out once
   * per client: from a `*.redshift-serverless.amazonaws.com` host or
   * `iam.kind`, else by asking the server whether STV views exist.
   */
  endpointKind?: 'provisioned' | 'serverless'
  telemetry?: {
    enabled?: boolean
    tracerProvider?: TracerProvider
    meterProvider?: MeterProvider
  }
  /**
   * Temporary credentials from IAM (`true`: everything from the host name
   * and the default AWS credential chain). Excludes `password`.
   */
  iam?:
    | true
    | {
        kind?: 'provisioned' | 'serverless'
        clusterIdentifier?: string
        workgroupName?: string
        region?: string
        dbUser?: string
        dbGroups?: readonly string[]
        autoCreate?: boolean
        durationSeconds?: number
        withIam?: boolean
        profile?: string
        roleArn?: string
        credentials?: AwsCredentialsInput
        endpoint?: string
        refreshSkewMs?: number
      }
  types?: {
    int8?: 'bigint' | 'string'
    numeric?: 'string' | 'number'
  }
}
