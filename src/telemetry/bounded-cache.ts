/**
 * A map of at most `capacity` entries that forgets the oldest one when a new
 * one would not fit. Telemetry keeps what it worked out about a statement
 * text here, so a statement run again costs one lookup.
 *
 * ```ts
 * const cache = new BoundedCache<string, number>(2)
 * cache.set('a', 1)
 * cache.get('a') // 1
 * ```
 */
export class BoundedCache<K, V> {
  readonly #entries = new Map<K, V>()
  readonly #capacity: number

  constructor(capacity: number) {
    this.#capacity = capacity
  }

  get size(): number {
    return this.#entries.size
  }

  get(key: K): V | undefined {
    return this.#entries.get(key)
  }

  set(key: K, value: V): void {
    if (this.#entries.size >= this.#capacity && !this.#entries.has(key)) {
      // Maps iterate in insertion order: the first key is the oldest.
      this.#entries.delete(this.#entries.keys().next().value as K)
    }
    this.#entries.set(key, value)
  }
}
