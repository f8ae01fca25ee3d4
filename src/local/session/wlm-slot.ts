import type { WlmGrant, WlmScheduler } from '../runtime/wlm.js'
import type { Unit } from './unit.js'

/**
 * The WLM slot a session holds. One grant covers every pipelined statement
 * of the session; it goes back to the scheduler when the last unit that
 * needed it is done.
 *
 * @example
 * ```ts
 * slot.take(grant)
 * slot.sent(unit) // unit.wlm: counts it and stamps its runs
 * slot.unitDone(unit) // the last one releases the grant
 * ```
 */
export class WlmSlot {
  readonly #wlm: WlmScheduler
  #grant: WlmGrant | null = null
  #active = 0

  constructor(wlm: WlmScheduler) {
    this.#wlm = wlm
  }

  /** True while the session holds a grant. */
  get held(): boolean {
    return this.#grant !== null
  }

  take(grant: WlmGrant): void {
    this.#grant = grant
  }

  /** A unit holding the slot goes to PostgreSQL; its runs run in the grant's queue. */
  sent(unit: Unit): void {
    if (!unit.wlm) return
    this.#active++
    const grant = this.#grant
    for (const run of unit.runs ?? []) {
      if (run !== null && run !== undefined) {
        run.inWlm = true
        if (grant) {
          run.serviceClass = grant.queue.serviceClass
          run.slots = grant.slots
        }
      }
    }
  }

  /** A unit got its last response (or was skipped). */
  unitDone(unit: Unit): void {
    if (unit.wlm) {
      unit.wlm = false
      if (--this.#active === 0) this.release()
    }
  }

  release(): void {
    const grant = this.#grant
    if (grant !== null) {
      this.#grant = null
      this.#wlm.release(grant)
    }
  }
}
