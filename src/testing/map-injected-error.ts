/**
 * Turns an injected error into what the real driver would throw for it.
 *
 * @example
 * ```ts
 * throw mapInjectedError(redshiftError.serializationFailure(), query.sql)
 * ```
 */
export function mapInjectedError(error: unknown, _sql: string): unknown {
  return error
}
