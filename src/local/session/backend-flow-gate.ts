/** What a queue needs from the session to hold PostgreSQL back. */
export interface BackendFlow {
  pauseBackend(): void
  resumeBackend(): void
}

/**
 * The back-pressure and end state shared by the queues between PostgreSQL
 * and a reader (rows, COPY chunks): pausing PostgreSQL's stream when the
 * reader is behind, waking the reader, ending with or without an error, and
 * dropping what still comes once the reader stopped or the queue failed.
 * The queue keeps its own items; the gate keeps the rest.
 *
 * @example
 * ```ts
 * const gate = new BackendFlowGate(host)
 * // producer: if (gate.discarding) return; items.push(x); gate.wakeReader()
 * // reader:   while (items.length === 0 && !gate.finished()) await gate.wait()
 * ```
 */
export class BackendFlowGate {
  readonly #flow: BackendFlow
  #done = false
  #error: Error | undefined
  #paused = false
  #discard = false
  #wake: (() => void) | null = null

  constructor(flow: BackendFlow) {
    this.#flow = flow
  }

  /** Items that arrive now are dropped (the queue failed or its reader left). */
  get discarding(): boolean {
    return this.#discard
  }

  /** Stops PostgreSQL's stream until {@link resume}. */
  pause(): void {
    this.#paused = true
    this.#flow.pauseBackend()
  }

  resume(): void {
    if (!this.#paused) return
    this.#paused = false
    this.#flow.resumeBackend()
  }

  wakeReader(): void {
    const wake = this.#wake
    this.#wake = null
    wake?.()
  }

  /** Waits for the next {@link wakeReader}. */
  wait(): Promise<void> {
    return new Promise<void>((resolve) => (this.#wake = resolve))
  }

  end(): void {
    this.#done = true
    this.wakeReader()
  }

  /**
   * Ends with `error` and drops what still comes; false when the queue had
   * ended already. The caller clears its items when true.
   */
  fail(error: Error): boolean {
    if (this.#done) return false
    this.#error = error
    this.#done = true
    this.#discard = true
    this.resume()
    this.wakeReader()
    return true
  }

  /** True once ended; throws the error the queue failed with. */
  finished(): boolean {
    if (!this.#done) return false
    if (this.#error !== undefined) throw this.#error
    return true
  }

  /**
   * For the reader's `finally`: a reader that stopped before the end makes
   * the rest be read and dropped. True when it did stop early (the caller
   * then clears its items).
   */
  leftEarly(): boolean {
    if (this.#done) return false
    this.#discard = true
    this.resume()
    return true
  }
}
