/**
 * Whether an error thrown by a query means the session itself is gone (the
 * socket failed, the server ended the backend), as opposed to a statement
 * that failed on a healthy session.
 *
 * The pool uses it to decide that a connection must not be reused; error
 * classes for callers come from `mapRedshiftError`.
 *
 * ```ts
 * isConnectionFailure({ code: '57P01', severity: 'FATAL' }) // true
 * isConnectionFailure({ code: '42P01', severity: 'ERROR' }) // false
 * ```
 */
export function isConnectionFailure(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) {
    return false
  }
  const { code, severity } = error as { code?: unknown; severity?: unknown }
  if (severity === 'FATAL' || severity === 'PANIC') {
    return true
  }
  if (typeof code === 'string') {
    // SQLSTATE class 08 (connection exception), 57P01..57P03 (the server is
    // shutting the backend down or cannot take it), and every Node socket
    // error code (ECONNRESET, EPIPE, ETIMEDOUT...).
    return (
      code.startsWith('08') ||
      code === '57P01' ||
      code === '57P02' ||
      code === '57P03' ||
      code.startsWith('E')
    )
  }
  return false
}
