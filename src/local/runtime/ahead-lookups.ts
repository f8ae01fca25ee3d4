/**
 * Looks keys up in one database; keys the answer leaves out were looked up
 * and have no value.
 */
export type AheadLookup<V> = (
  database: string,
  keys: readonly string[],
) => Promise<ReadonlyMap<string, V>>

/**
 * Catalog facts looked up ahead of the statements that need them, on the
 * emulator's own connection, and kept per database until DDL there may have
 * changed them. A key is asked once: while its lookup is under way `note`
 * answers that lookup's promise, so a statement can wait on it before it goes
 * to PostgreSQL; a key found to have no value is not asked again before
 * `forget`. A lookup that started before `forget` is discarded, and a failed
 * lookup leaves its keys to be asked again.
 *
 * @example
 * ```ts
 * const ids = new AheadLookups<number>(async (db, keys) => new Map(keys.map((k) => [k, 1])))
 * await ids.note('dev', ['sales'])
 * ids.get('dev', 'sales') // 1
 * ```
 */
export class AheadLookups<V> {
  readonly #lookup: AheadLookup<V>
  readonly #databases = new Map<string, DatabaseFacts<V>>()

  constructor(lookup: AheadLookup<V>) {
    this.#lookup = lookup
  }

  /**
   * Looks up those of `keys` not known yet; the promise (which never
   * rejects) settles once every lookup under way for one of them has.
   * Undefined when every key is known or was asked and not found.
   */
  note(database: string, keys: readonly string[]): Promise<void> | undefined {
    const facts = this.#of(database)
    const waits = new Set<Promise<void>>()
    const wanted: string[] = []
    for (const key of keys) {
      if (facts.known.has(key)) continue
      const under = facts.pending.get(key)
      if (under !== undefined) waits.add(under)
      else if (!wanted.includes(key)) wanted.push(key)
    }
    if (wanted.length > 0) {
      const lookup = this.#start(database, facts, wanted)
      for (const key of wanted) facts.pending.set(key, lookup)
      waits.add(lookup)
    }
    if (waits.size === 0) return undefined
    return waits.size === 1
      ? waits.values().next().value
      : Promise.all(waits).then(() => undefined)
  }

  /** The value of `key`: undefined when not looked up yet, null when it has none. */
  get(database: string, key: string): V | null | undefined {
    return this.#databases.get(database)?.known.get(key)
  }

  /** Changes each time `forget` drops what `database` knew. */
  generation(database: string): number {
    return this.#databases.get(database)?.generation ?? 0
  }

  /** DDL ran in `database`: every key there is looked up again. */
  forget(database: string): void {
    const facts = this.#databases.get(database)
    if (facts === undefined) return
    facts.generation++
    facts.known.clear()
    facts.pending.clear()
  }

  #start(
    database: string,
    facts: DatabaseFacts<V>,
    wanted: readonly string[],
  ): Promise<void> {
    const generation = facts.generation
    const settle = (found: ReadonlyMap<string, V> | undefined): void => {
      if (facts.generation !== generation) return
      for (const key of wanted) {
        facts.pending.delete(key)
        if (found !== undefined) facts.known.set(key, found.get(key) ?? null)
      }
    }
    return this.#lookup(database, wanted).then(settle, () => settle(undefined))
  }

  #of(database: string): DatabaseFacts<V> {
    let facts = this.#databases.get(database)
    if (facts === undefined) {
      facts = { known: new Map(), pending: new Map(), generation: 0 }
      this.#databases.set(database, facts)
    }
    return facts
  }
}

interface DatabaseFacts<V> {
  /** Keys looked up; null for a key the lookup found no value for. */
  readonly known: Map<string, V | null>
  /** Keys a lookup is under way for (not asked twice), and that lookup. */
  readonly pending: Map<string, Promise<void>>
  generation: number
}
