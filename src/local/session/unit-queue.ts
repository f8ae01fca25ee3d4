import type { Unit } from './unit.js'

/**
 * The {@link Unit}s in flight, oldest first. PostgreSQL answers in order, so
 * the head owns the next response; `onHead` hears of each unit as it becomes
 * the head, which is when PostgreSQL starts on it.
 *
 * @example
 * ```ts
 * const queue = new UnitQueue((unit) => console.log('now running', unit.kind))
 * queue.push(new Unit(UnitKind.Query))
 * queue.head // that unit
 * queue.shift()
 * ```
 */
export class UnitQueue {
  readonly #onHead: (unit: Unit) => void
  #units: Unit[] = []
  #head = 0
  #emptied: (() => void)[] = []

  constructor(onHead: (unit: Unit) => void) {
    this.#onHead = onHead
  }

  /** The unit the next response belongs to. */
  get head(): Unit | undefined {
    return this.#units[this.#head]
  }

  /** True when nothing is in flight. */
  get empty(): boolean {
    return this.#head === this.#units.length
  }

  push(unit: Unit): void {
    this.#units.push(unit)
    if (this.#units.length - 1 === this.#head) this.#onHead(unit)
  }

  /** The head got its last response. */
  shift(): void {
    const units = this.#units
    // Cleared rather than spliced: shifting an array per response is O(n).
    units[this.#head] = undefined as unknown as Unit
    this.#head++
    if (this.#head === units.length) {
      this.#units = []
      this.#head = 0
      const waiting = this.#emptied
      if (waiting.length > 0) {
        this.#emptied = []
        for (const resolve of waiting) resolve()
      }
      return
    }
    if (this.#head > 256 && this.#head * 2 > units.length) {
      this.#units = units.slice(this.#head)
      this.#head = 0
    }
    this.#onHead(this.#units[this.#head]!)
  }

  /** Resolves once nothing is in flight (at once when nothing is). */
  whenEmpty(): Promise<void> {
    if (this.empty) return Promise.resolve()
    return new Promise((resolve) => this.#emptied.push(resolve))
  }

  /** Calls `fn` for each unit in flight, head first. */
  forEach(fn: (unit: Unit) => void): void {
    for (let i = this.#head; i < this.#units.length; i++) fn(this.#units[i]!)
  }
}
