import { decodeErrorFields } from '../protocol/error-fields.js'
import { CANCEL_SIGNAL_CODE } from '../sql/cancel-backend-rewrite.js'

/**
 * The pid a NoticeResponse from `redshift_local.pg_cancel_backend(key, pid)`
 * names, `undefined` for a notice of that code without this emulator's
 * `key` (the client raised it itself: it is dropped, not obeyed), or null
 * for any other notice (which goes to the client as it is).
 *
 * @example
 * ```ts
 * const pid = cancelSignalPid(buf, start, end, planner.cancelKey)
 * if (typeof pid === 'number') runtime.cancelQueued(pid)
 * ```
 */
export function cancelSignalPid(
  buf: Buffer,
  start: number,
  end: number,
  key: string,
): number | null | undefined {
  const fields = decodeErrorFields(buf, start, end)
  if (fields.code !== CANCEL_SIGNAL_CODE) return null
  const message = fields.message
  if (
    message.length <= key.length + 1 ||
    !message.startsWith(key) ||
    message[key.length] !== ':'
  ) {
    return undefined
  }
  const pid = Number(message.slice(key.length + 1))
  return Number.isInteger(pid) ? pid : undefined
}
