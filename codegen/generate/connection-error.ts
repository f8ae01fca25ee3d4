import {
  AuthenticationFailedError,
  ConnectionLostError,
  PoolTimeoutError,
  RedshiftConfigError,
  RedshiftError,
  redactSecrets,
} from '../../src/errors/index.js'
import { CodegenError } from '../errors/codegen-error.js'

// Socket and resolver codes that mean the server was never reached.
const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ETIMEDOUT',
  'EPIPE',
])

/** What a connection failure is reported with. */
export interface ConnectionContext {
  /** `host:port/database`, never the password. */
  readonly server: string
  /** Where the URL came from: `--url`, `REDSHIFT_URL` or `DATABASE_URL`. */
  readonly from: string
  /** Removed from every message. */
  readonly secrets: readonly string[]
}

/**
 * The {@link CodegenError} for a failure while connecting or introspecting,
 * from the SDK's typed errors: an unreachable host, rejected credentials,
 * a bad URL, or else an introspection failure. `secrets` (the URL's
 * password) are removed from the message, whatever the driver put in it.
 *
 * @example
 * ```ts
 * catch (error) { throw toCodegenError(error, { server: 'cluster:5439/dev', from: '--url', secrets: [password] }) }
 * ```
 */
export function toCodegenError(
  error: unknown,
  context: ConnectionContext,
): CodegenError {
  const { server, from, secrets } = context
  if (error instanceof CodegenError) {
    // Introspection says "unreachable" without naming the server; say it
    // again from the driver's error, which tells which server that was.
    if (
      (error.code === 'unreachable' || error.code === 'authentication') &&
      error.cause !== undefined &&
      !(error.cause instanceof CodegenError)
    ) {
      return toCodegenError(error.cause, context)
    }
    return new CodegenError(error.code, redactSecrets(error.message, secrets), {
      cause: error,
    })
  }
  const reason = redactSecrets(
    error instanceof Error ? error.message : String(error),
    secrets,
  )
  if (error instanceof RedshiftConfigError) {
    return new CodegenError(
      'config',
      reason.replace(
        /^Invalid Redshift configuration/,
        `Invalid database URL (from ${from})`,
      ),
      {
        cause: error,
      },
    )
  }
  if (error instanceof AuthenticationFailedError) {
    return new CodegenError(
      'authentication',
      `${server} refused the login: ${reason} (check the user and password in ${from})`,
      { cause: error },
    )
  }
  const code =
    error instanceof RedshiftError
      ? error.code
      : (error as { code?: unknown }).code
  if (
    error instanceof ConnectionLostError ||
    error instanceof PoolTimeoutError ||
    (typeof code === 'string' && UNREACHABLE_CODES.has(code))
  ) {
    return new CodegenError(
      'unreachable',
      `Cannot reach ${server}: ${reason} (check the host and port in ${from}, the network, and that the cluster is running)`,
      { cause: error },
    )
  }
  return new CodegenError(
    'introspection',
    `Reading the catalog of ${server} failed: ${reason}`,
    { cause: error },
  )
}
