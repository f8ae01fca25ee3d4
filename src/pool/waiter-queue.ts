interface Waiter<T> {
  readonly resolve: (value: T) => void
  readonly reject: (error: unknown) => void
  readonly deadline: number
  readonly signal: AbortSignal | undefined
  readonly onAbort: (() => void) | undefined
  prev: Waiter<T> | null
  next: Waiter<T> | null
}

/**
 * A first-in first-out queue of callers waiting for a value, each with a
 * deadline and an optional AbortSignal.
 *
 * It is driven by events only: a waiter is settled when a value is handed
 * to it, when its signal aborts, or when the single timer, armed for the
 * earliest deadline, fires. Because every waiter gets the same timeout and
 * joins at the tail, deadlines never decrease along the queue, so the head
 * always holds the earliest one. Removal is O(1) (a doubly linked list).
 *
 * ```ts
 * const queue = new WaiterQueue<string>(() => new Error('timed out'))
 * const next = queue.enqueue(performance.now() + 1_000)
 * queue.serve('value') // next resolves to 'value'
 * ```
 */
export class WaiterQueue<T> {
  #head: Waiter<T> | null = null
  #tail: Waiter<T> | null = null
  #size = 0
  #timer: NodeJS.Timeout | undefined
  #timerAt = Infinity
  readonly #timeoutError: () => unknown

  /** `timeoutError` builds the rejection for a waiter whose deadline passed. */
  constructor(timeoutError: () => unknown) {
    this.#timeoutError = timeoutError
  }

  /** How many callers are waiting. */
  get size(): number {
    return this.#size
  }

  /**
   * Joins the tail. `deadline` is on the `performance.now()` clock and must
   * not be earlier than the deadlines already queued.
   */
  enqueue(deadline: number, signal?: AbortSignal): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      if (signal?.aborted) {
        reject(signal.reason)
        return
      }
      let waiter: Waiter<T> | undefined
      const onAbort =
        signal === undefined
          ? undefined
          : () => {
              if (waiter !== undefined && this.#unlink(waiter)) {
                reject(signal.reason)
              }
            }
      waiter = {
        resolve,
        reject,
        deadline,
        signal,
        onAbort,
        prev: this.#tail,
        next: null,
      }
      if (this.#tail === null) {
        this.#head = waiter
      } else {
        this.#tail.next = waiter
      }
      this.#tail = waiter
      this.#size++
      signal?.addEventListener('abort', onAbort!, { once: true })
      if (this.#timerAt > deadline) {
        this.#arm(deadline)
      }
    })
  }

  /** Hands `value` to the caller at the head; false when nobody waits. */
  serve(value: T): boolean {
    const waiter = this.#head
    if (waiter === null) {
      return false
    }
    this.#unlink(waiter)
    waiter.resolve(value)
    return true
  }

  /** Rejects the caller at the head with `error`; false when nobody waits. */
  failOne(error: unknown): boolean {
    const waiter = this.#head
    if (waiter === null) {
      return false
    }
    this.#unlink(waiter)
    waiter.reject(error)
    return true
  }

  /** Rejects every waiting caller with `error`. */
  failAll(error: unknown): void {
    while (this.failOne(error)) {
      // each call removes the head
    }
  }

  #unlink(waiter: Waiter<T>): boolean {
    const linked =
      waiter.prev !== null || waiter.next !== null || this.#head === waiter
    if (!linked) {
      return false
    }
    if (waiter.prev === null) {
      this.#head = waiter.next
    } else {
      waiter.prev.next = waiter.next
    }
    if (waiter.next === null) {
      this.#tail = waiter.prev
    } else {
      waiter.next.prev = waiter.prev
    }
    waiter.prev = null
    waiter.next = null
    this.#size--
    if (waiter.onAbort !== undefined) {
      waiter.signal?.removeEventListener('abort', waiter.onAbort)
    }
    if (this.#head === null) {
      this.#disarm()
    }
    return true
  }

  #arm(at: number): void {
    this.#disarm()
    this.#timerAt = at
    this.#timer = setTimeout(
      this.#expire,
      Math.max(0, Math.ceil(at - performance.now())),
    )
  }

  #disarm(): void {
    if (this.#timer !== undefined) {
      clearTimeout(this.#timer)
      this.#timer = undefined
    }
    this.#timerAt = Infinity
  }

  #expire = (): void => {
    this.#timer = undefined
    this.#timerAt = Infinity
    // Timers may fire up to a millisecond before the rounded delay.
    const now = performance.now() + 1
    while (this.#head !== null && this.#head.deadline <= now) {
      this.failOne(this.#timeoutError())
    }
    if (this.#head !== null) {
      this.#arm(this.#head.deadline)
    }
  }
}
