import { AuthenticationFailedError } from '../../src/errors/authentication-failed-error.js'
import { ConnectionLostError } from '../../src/errors/connection-lost-error.js'
import { CodegenError } from '../errors/codegen-error.js'

const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
])

/**
 * Turns what a catalog query threw into a {@link CodegenError}: an
 * unreachable server, rejected credentials, or else a failed read of `what`.
 * The message carries the server's text (which never holds the password);
 * the original error is the `cause`.
 *
 * @example
 * ```ts
 * try {
 *   await sql`select 1`.execute(db)
 * } catch (error) {
 *   throw toCodegenError(error, 'SVV_REDSHIFT_TABLES')
 * }
 * ```
 */
export function toCodegenError(error: unknown, what: string): CodegenError {
  if (error instanceof CodegenError) return error
  const message = error instanceof Error ? error.message : String(error)
  const code = (error as { code?: unknown } | null)?.code
  const sqlState = typeof code === 'string' ? code : ''
  if (error instanceof AuthenticationFailedError || sqlState.startsWith('28')) {
    return new CodegenError(
      'authentication',
      `The server refused the login: ${message}`,
      { cause: error },
    )
  }
  if (
    error instanceof ConnectionLostError ||
    sqlState.startsWith('08') ||
    CONNECTION_CODES.has(sqlState)
  ) {
    return new CodegenError(
      'unreachable',
      `Could not reach the database: ${message}`,
      { cause: error },
    )
  }
  return new CodegenError(
    'introspection',
    `Reading ${what} failed: ${message}`,
    {
      cause: error,
    },
  )
}
