import { reject } from '../errors/reject.js'
import type { ErrorFields } from '../protocol/error-fields.js'
import type { QueryRun } from '../runtime/query-run.js'
import type { PendingMessage } from './pending-message.js'
import { UnitKind } from './unit.js'
import { SENTINEL_PARSE, SENTINEL_QUERY } from './wire-constants.js'

/**
 * Makes a held message fail with `error` instead of running: PostgreSQL gets
 * the sentinel (so it fails at exactly this point of the stream) and the
 * session swaps its error for `error`.
 *
 * @example
 * ```ts
 * refuseMessage(pending, reject.other('53000', 'no slot'))
 * ```
 */
export function refuseMessage(
  pending: PendingMessage,
  error: ErrorFields,
): void {
  pending.unit.reject = error
  pending.unit.wlm = false
  pending.needsSlot = false
  pending.needsFlush = false
  pending.work = undefined
  pending.replacement =
    pending.unit.kind === UnitKind.Query ? SENTINEL_QUERY : SENTINEL_PARSE
}

/**
 * Redshift's error for a cancelled statement (CANCEL, or statement_timeout
 * while waiting for a slot); `message` replaces the usual text.
 *
 * @example
 * ```ts
 * cancelledError(run) // Query (42) cancelled on user's request
 * ```
 */
export function cancelledError(
  run: QueryRun | null | undefined,
  message?: string,
): ErrorFields {
  return reject.other(
    '57014',
    message ?? `Query (${run?.queryId ?? -1}) cancelled on user's request`,
  )
}
