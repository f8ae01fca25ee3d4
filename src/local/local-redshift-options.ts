import type { WlmQueueConfig } from './runtime/wlm.js'

/** Options of {@link startLocalRedshift}. */
export interface LocalRedshiftOptions {
  /** Port to listen on (default 5439; 0 picks a free port). */
  readonly port?: number
  /** Interface to listen on (default 127.0.0.1). */
  readonly host?: string
  /** PostgreSQL to run on; without it an embedded PostgreSQL is started. */
  readonly pgUrl?: string
  /** Where the embedded PostgreSQL keeps its files (kept between runs); temporary when absent. */
  readonly dataDir?: string
  /** Folder standing in for S3: `s3://bucket/key` is `<s3Dir>/bucket/key`. */
  readonly s3Dir?: string
  /**
   * An S3-compatible endpoint standing in for S3 (e.g. `http://127.0.0.1:9000`),
   * reached with path-style URLs. COPY and UNLOAD sign with the statement's
   * ACCESS_KEY_ID / SECRET_ACCESS_KEY (or CREDENTIALS), else with the
   * emulator's AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN.
   * Excludes `s3Dir`.
   */
  readonly s3Endpoint?: string
  /** Region that signs the requests to `s3Endpoint` (default 'us-east-1'). */
  readonly s3Region?: string
  /**
   * Isolation of every transaction: 'serializable' (provisioned Redshift's
   * default) or 'snapshot' (Serverless' default; REPEATABLE READ on PostgreSQL).
   * Default: 'snapshot' with `serverless`, else 'serializable'.
   */
  readonly isolation?: 'serializable' | 'snapshot'
  /**
   * Behave as a Redshift Serverless workgroup: the STL, STV, SVL and SVCS
   * views cannot be read (42501 permission denied, as on Serverless), the SYS
   * and SVV views can, and `isolation` defaults to 'snapshot'.
   */
  readonly serverless?: boolean
  /** WLM user queues (default: one queue of 5 slots, service class 6). */
  readonly wlm?: readonly WlmQueueConfig[]
  /** User clients log in as (default 'awsuser'). Only checked when `password` is set. */
  readonly user?: string
  /** When set, clients must log in with `user` and this password (MD5). */
  readonly password?: string
  /** Database created at start and used in the URL (default 'dev'). */
  readonly database?: string
  /**
   * TLS for clients: `true` makes a self-signed certificate at start (for
   * localhost, 127.0.0.1, ::1 and `tlsHostNames`; the handle's `tls.ca` is
   * what clients trust), or give a certificate and key (PEM). An SSLRequest
   * is then answered 'S' and the connection upgraded; plain connections are
   * still accepted unless `requireSsl` is set, as on Redshift.
   */
  readonly tls?:
    boolean | { readonly cert: string | Buffer; readonly key: string | Buffer }
  /** More names for the self-signed certificate's subjectAltName. */
  readonly tlsHostNames?: readonly string[]
  /** Refuses connections without TLS, like Redshift's `require_ssl` parameter (needs `tls`). */
  readonly requireSsl?: boolean
  /**
   * Serves the Redshift (GetClusterCredentials, GetClusterCredentialsWithIAM)
   * and Redshift Serverless (GetCredentials) credential APIs on this HTTP
   * port (0 picks a free one), any SigV4 signature accepted; their temporary
   * `IAM:` users log in with the passwords issued, until they expire.
   */
  readonly awsApiPort?: number
  /**
   * Lifetime of issued credentials in seconds, overriding the
   * DurationSeconds asked for (default: as Redshift, DurationSeconds or 900).
   * Tests use short ones.
   */
  readonly iamCredentialTtlSeconds?: number
  /** The cluster the credential API answers for (default 'local'). */
  readonly clusterIdentifier?: string
  /** The Serverless workgroup the credential API answers for (default 'local'). */
  readonly workgroupName?: string
}
