import { REDSHIFT_ONLY_PARAMETERS } from './redshift-parameters.js'

/**
 * The values of a session's Redshift-only parameters, with PostgreSQL's
 * transaction rules: a SET inside a transaction block is undone by ROLLBACK,
 * and SET LOCAL lasts until the block ends.
 *
 * @example
 * ```ts
 * const settings = new SessionSettings()
 * settings.set('query_group', 'etl', { local: false, inTransaction: false })
 * settings.get('query_group') // 'etl'
 * ```
 */
export class SessionSettings {
  #values = new Map<string, string>()
  #snapshot: Map<string, string> | null = null
  #local = new Map<string, string | undefined>()
  #lastCommit: Map<string, string> | null = null
  /** Bumped on every change, so callers can cache what they derive. */
  version = 0

  /** The value SHOW prints. */
  get(name: string): string {
    return (
      this.#values.get(name) ??
      REDSHIFT_ONLY_PARAMETERS.get(name)?.defaultValue ??
      ''
    )
  }

  /** Whether the parameter was set (query_group is 'unset' otherwise). */
  has(name: string): boolean {
    return this.#values.has(name)
  }

  /** Sets (or with `value` undefined, resets) a parameter. */
  set(
    name: string,
    value: string | undefined,
    scope: { readonly local: boolean; readonly inTransaction: boolean },
  ): void {
    // SET LOCAL outside a transaction block has no effect (PostgreSQL warns).
    if (scope.local && !scope.inTransaction) return
    if (scope.local && !this.#local.has(name)) {
      this.#local.set(name, this.#values.get(name))
    }
    if (value === undefined) this.#values.delete(name)
    else this.#values.set(name, value)
    this.version++
  }

  resetAll(): void {
    this.#values.clear()
    this.version++
  }

  /** A copy of the current values, to undo a SET that later failed. */
  save(): Map<string, string> {
    return new Map(this.#values)
  }

  restore(saved: Map<string, string>): void {
    this.#values = new Map(saved)
    this.version++
  }

  begin(): void {
    this.#snapshot = new Map(this.#values)
    this.#local.clear()
  }

  commit(): void {
    this.#lastCommit = this.#snapshot
    for (const [name, before] of this.#local) {
      if (before === undefined) this.#values.delete(name)
      else this.#values.set(name, before)
    }
    this.#end()
  }

  rollback(): void {
    if (this.#snapshot) this.#values = this.#snapshot
    this.#lastCommit = null
    this.#end()
  }

  /**
   * Undoes the last `commit()` as a rollback: PostgreSQL answers COMMIT of a
   * failed transaction with ROLLBACK, which the session only learns later.
   */
  revertLastCommit(): void {
    if (this.#lastCommit) this.#values = this.#lastCommit
    this.#lastCommit = null
    this.version++
  }

  /** Whether a transaction block is open (between begin() and commit/rollback). */
  get inBlock(): boolean {
    return this.#snapshot !== null
  }

  #end(): void {
    this.#snapshot = null
    this.#local.clear()
    this.version++
  }
}
