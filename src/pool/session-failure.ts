// The failed session statements travel with the error itself, keyed by it,
// so ensureSession keeps rethrowing the server's own error (every raw field
// intact) and nothing is stored on the connection between statements.
const sessionSqlByError = new WeakMap<object, string>()

/**
 * Records that `error` is the failure of the session statements `sql` (the
 * `SET`/`RESET` text {@link PooledConnection.ensureSession} sent).
 * @internal
 */
export function recordSessionFailure(error: unknown, sql: string): void {
  if (typeof error === 'object' && error !== null) {
    sessionSqlByError.set(error, sql)
  }
}

/**
 * The session statements whose failure `error` is, when it was thrown by
 * {@link PooledConnection.ensureSession}, as the one string that was sent
 * (`;`-separated when several keys changed); `undefined` for any other
 * error. It tells an error of the SDK's own `SET query_group ...` apart from
 * an error of the statement it was sent for.
 *
 * ```ts
 * try {
 *   await connection.ensureSession({ queryGroup: 'etl' })
 * } catch (error) {
 *   failedSessionSql(error) // "SET query_group TO 'etl'"
 * }
 * ```
 */
export function failedSessionSql(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null
    ? sessionSqlByError.get(error)
    : undefined
}
