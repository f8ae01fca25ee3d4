import { decodeErrorFields } from '../protocol/error-fields.js'
import { CANCEL_SIGNAL_CODE } from '../sql/cancel-backend-rewrite.js'

/**
 * The pid a NoticeResponse from `redshift_local.cancel_backend(pid)` names,
 * or null when the notice is any other (which goes to the client as it is).
 *
 * @example
 * ```ts
 * const pid = cancelSignalPid(buf, start, end)
 * if (pid !== null) runtime.cancelQueued(pid)
 * ```
 */
export function cancelSignalPid(
  buf: Buffer,
  start: number,
  end: number,
): number | null {
  const fields = decodeErrorFields(buf, start, end)
  if (fields.code !== CANCEL_SIGNAL_CODE) return null
  const pid = Number(fields.message)
  return Number.isInteger(pid) ? pid : null
}
