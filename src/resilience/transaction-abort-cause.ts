/**
 * Why a transaction was aborted, for the errors that only say that it was.
 *
 * After a statement fails inside a transaction, Redshift aborts the
 * transaction: every later statement fails with 25P02 ("current transaction
 * is aborted") and COMMIT ends it with a ROLLBACK. When the callback caught
 * the first error (a 1023 conflict, say) and went on, the error it finally
 * sees is one of those, so the retrying transaction reads the first failure
 * from here and still runs the callback again.
 *
 * ```ts
 * recordAbortCause(inFailedTransaction, conflict)
 * abortCauseOf(inFailedTransaction) // conflict
 * ```
 */
const causes = new WeakMap<object, unknown>()

/** Remembers that `error` happened only because `cause` aborted its transaction. */
export function recordAbortCause(error: unknown, cause: unknown): void {
  if (typeof error === 'object' && error !== null && error !== cause) {
    causes.set(error, cause)
  }
}

/** The failure that aborted the transaction `error` ran in, if known. */
export function abortCauseOf(error: unknown): unknown {
  return typeof error === 'object' && error !== null
    ? causes.get(error)
    : undefined
}
