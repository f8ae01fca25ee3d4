// Errors built by `redshiftError.statementTimeout()`, with the timeout they
// stand for (if the test gave one). A WeakMap keeps the error object itself
// exactly as node-postgres would build it.
const TIMED_OUT = new WeakMap<object, { readonly timeoutMs?: number }>()

/**
 * Marks `error` as a statement that ran until its `statement_timeout`.
 *
 * @example
 * ```ts
 * markTimedOut(createErrorResponse({ code: '57014', message }), 5_000)
 * ```
 */
export function markTimedOut<E extends object>(
  error: E,
  timeoutMs?: number,
): E {
  TIMED_OUT.set(error, timeoutMs === undefined ? {} : { timeoutMs })
  return error
}

/**
 * The mark left by {@link markTimedOut}, or `undefined`.
 *
 * @example
 * ```ts
 * timeoutMarkOf(error)?.timeoutMs
 * ```
 */
export function timeoutMarkOf(
  error: unknown,
): { readonly timeoutMs?: number } | undefined {
  return typeof error === 'object' && error !== null
    ? TIMED_OUT.get(error)
    : undefined
}
