import type { WlmQueue, WlmWait } from '../runtime/wlm.js'
import type { Unit } from './unit.js'

/**
 * A client message on its way to PostgreSQL, held back until its gates pass:
 * fault latency, the query-log write a system-view read needs, and a WLM
 * slot. What to send instead of the client's bytes is decided before.
 */
export interface PendingMessage {
  readonly unit: Unit
  /** Bytes to send instead of the client's (undefined: forward the client's). */
  replacement: Buffer | undefined
  latencyMs: number
  needsFlush: boolean
  needsSlot: boolean
  queue: WlmQueue | undefined
  slots: number
  /** Close the client connection once the message is sent (fault). */
  drop: boolean
  /** Close the client connection instead of sending the message (fault). */
  dropBeforeSend: boolean
  /** CANCEL statements to carry out once the message is sent. */
  cancels: { readonly pid: number; readonly message?: string }[] | undefined
  /** The wait under way (a WLM slot, a table's write lock), if any. */
  wait: Pick<WlmWait, 'cancel'> | undefined
  /** Ends the current hold early (cancel, timeout). */
  release: (() => void) | undefined
  /** Work to finish before the message is sent (first gate). */
  before: (() => Promise<void>) | undefined
  /**
   * The emulator's own work for the statement (COPY from S3, UNLOAD), done
   * on the session's PostgreSQL connection once every other gate passed and
   * the WLM slot is held (last gate).
   */
  work: (() => Promise<void>) | undefined
}

/**
 * A message with no gate to pass yet.
 *
 * @example
 * ```ts
 * const pending = newPendingMessage(new Unit(UnitKind.Query))
 * pending.needsFlush = true
 * ```
 */
export function newPendingMessage(unit: Unit): PendingMessage {
  return {
    unit,
    replacement: undefined,
    latencyMs: 0,
    needsFlush: false,
    needsSlot: false,
    queue: undefined,
    slots: 1,
    drop: false,
    dropBeforeSend: false,
    cancels: undefined,
    wait: undefined,
    release: undefined,
    before: undefined,
    work: undefined,
  }
}
