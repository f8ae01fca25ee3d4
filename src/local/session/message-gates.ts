import { reject } from '../errors/reject.js'
import type { PendingMessage } from './pending-message.js'
import type { QueryRuns } from './query-runs.js'
import { cancelledError, refuseMessage } from './refuse-message.js'
import type { SessionRouting } from './session-routing.js'
import type { SessionRuntime } from './session-runtime.js'
import type { SessionSettings } from './session-settings.js'
import type { WlmSlot } from './wlm-slot.js'

/** What the gates need from the connection that owns them. */
export interface GateHost {
  /** Stops reading the client until `gate` settles, then goes on. */
  hold(gate: Promise<void>): void
  /** The connection is gone: a slot granted now goes straight back. */
  isClosed(): boolean
  readonly database: string
}

/**
 * The gates a client message passes before it goes to PostgreSQL, in order:
 * work to finish first, fault latency, the query-log write a system-view
 * read needs, a WLM slot, and the emulator's own work for the statement. Each gate that must wait holds the client's
 * stream; the message is offered again once the wait is over.
 *
 * @example
 * ```ts
 * gates.wantSlot(pending)
 * if (gates.pass(pending)) send(pending)
 * ```
 */
export class MessageGates {
  readonly #runtime: Pick<SessionRuntime, 'log' | 'wlm'>
  readonly #settings: SessionSettings
  readonly #routing: SessionRouting
  readonly #slot: WlmSlot
  readonly #runs: QueryRuns
  readonly #host: GateHost

  constructor(
    runtime: Pick<SessionRuntime, 'log' | 'wlm'>,
    settings: SessionSettings,
    routing: SessionRouting,
    slot: WlmSlot,
    runs: QueryRuns,
    host: GateHost,
  ) {
    this.#runtime = runtime
    this.#settings = settings
    this.#routing = routing
    this.#slot = slot
    this.#runs = runs
    this.#host = host
  }

  /** The message needs a WLM slot in the queue the current settings route to. */
  wantSlot(pending: PendingMessage): void {
    const routing = this.#routing.current()
    pending.needsSlot = true
    pending.queue = routing.queue
    pending.slots = routing.slots
  }

  /** Runs the gates a message must pass; false means it is held for now. */
  pass(pending: PendingMessage): boolean {
    const host = this.#host
    if (pending.before !== undefined) {
      const before = pending.before
      pending.before = undefined
      host.hold(before())
      return false
    }
    if (pending.latencyMs > 0) {
      const ms = pending.latencyMs
      pending.latencyMs = 0
      host.hold(new Promise<void>((resolve) => setTimeout(resolve, ms)))
      return false
    }
    if (pending.needsFlush) {
      pending.needsFlush = false
      // A statement that reads a system view sees itself running there, as
      // on Redshift (STV_RECENTS, STV_INFLIGHT, SYS_QUERY_HISTORY): it is
      // in the log before the log is written for it.
      const runs = pending.unit.runs
      const run = runs?.length === 1 ? runs[0] : null
      if (run && !this.#runtime.log.active.has(run)) this.#runs.started(run)
      host.hold(this.#runtime.log.flush(host.database))
      return false
    }
    if (pending.needsSlot) {
      pending.needsSlot = false
      if (!this.#slot.held) {
        // Refused outright: it fails at once and needs no slot.
        if (this.#tooManySlots(pending)) return true
        if (!this.#acquire(pending)) return false
      }
      pending.unit.wlm = true
    }
    if (pending.work !== undefined) {
      const work = pending.work
      pending.work = undefined
      host.hold(work())
      return false
    }
    return true
  }

  /** Refuses a message that asks for more slots than its queue has. */
  #tooManySlots(pending: PendingMessage): boolean {
    const queue = pending.queue!
    const slots = pending.slots
    if (slots <= queue.concurrency) return false
    refuseMessage(
      pending,
      reject.other(
        '53000',
        `wlm_query_slot_count (${slots}) exceeds the concurrency (${queue.concurrency}) of WLM queue "${queue.name}"`,
      ),
    )
    return true
  }

  /** Takes a slot now or starts waiting for one; false while waiting. */
  #acquire(pending: PendingMessage): boolean {
    const queue = pending.queue!
    const slots = pending.slots
    const wlm = this.#runtime.wlm
    const grant = wlm.tryAcquire(queue, slots)
    if (grant !== null) {
      this.#slot.take(grant)
      return true
    }
    const run = pending.unit.currentRun
    if (run) this.#runs.queued(run, queue, slots)
    const wait = wlm.wait(queue, slots)
    pending.wait = wait
    // statement_timeout counts the time spent waiting for a slot too.
    const timeoutMs = Number(this.#settings.get('statement_timeout') || 0)
    const timer =
      timeoutMs > 0
        ? setTimeout(() => {
            if (!wait.cancel()) return
            refuseMessage(pending, cancelledError(run))
            pending.wait = undefined
            pending.release?.()
          }, timeoutMs)
        : undefined
    this.#host.hold(
      new Promise<void>((resolve) => {
        pending.release = resolve
        void wait.promise.then((granted) => {
          if (timer !== undefined) clearTimeout(timer)
          this.#slot.take(granted)
          pending.wait = undefined
          pending.unit.wlm = true
          if (this.#host.isClosed()) this.#slot.release()
          resolve()
        })
      }),
    )
    return false
  }
}
