/** Why an open `begin()` handle is being cleaned up. */
export type AbandonReason = 'garbage-collected' | 'client closed'

/**
 * What it takes to clean up one open `begin()` transaction, and nothing
 * more: it must not reference the handle, or the handle could never be
 * garbage-collected.
 */
export interface OpenTransaction {
  /** Where `begin()` was called, for the warning. */
  readonly site: string
  /** Rolls the transaction back and has its connection destroyed. */
  abandon(): Promise<void>
}

export const ABANDONED_TRANSACTION_WARNING =
  'KYSELY_REDSHIFT_ABANDONED_TRANSACTION'

// One registry for the process: each entry knows its own client's set.
const collected = new FinalizationRegistry<{
  readonly owner: OpenTransactions
  readonly open: OpenTransaction
}>(({ owner, open }) => {
  void owner.abandon(open, 'garbage-collected')
})

/**
 * The `begin()` transactions of one client (and the instances derived from
 * it) that are neither committed nor rolled back yet. One that is
 * garbage-collected, or still open when the client closes, is rolled back
 * and its connection destroyed (its session may hold anything the code that
 * forgot it left there), with a `KYSELY_REDSHIFT_ABANDONED_TRANSACTION`
 * warning naming where it was begun.
 *
 * ```ts
 * const open = new OpenTransactions()
 * open.add(handle, { site, abandon })
 * open.settle(handle, record) // on commit() / rollback()
 * await open.abandonAll() // in close()
 * ```
 */
export class OpenTransactions {
  readonly #open = new Set<OpenTransaction>()

  /** How many are open. */
  get size(): number {
    return this.#open.size
  }

  /** Tracks `open` until {@link settle}; `handle` is held weakly. */
  add(handle: object, open: OpenTransaction): void {
    this.#open.add(open)
    collected.register(handle, { owner: this, open }, handle)
  }

  /** The caller committed or rolled back: nothing to clean up. */
  settle(handle: object, open: OpenTransaction): void {
    this.#open.delete(open)
    collected.unregister(handle)
  }

  /** Cleans up one abandoned transaction, once, with a warning. */
  async abandon(open: OpenTransaction, reason: AbandonReason): Promise<void> {
    if (!this.#open.delete(open)) return
    process.emitWarning(
      `A transaction from begin() was neither committed nor rolled back before ${
        reason === 'garbage-collected'
          ? 'it was garbage-collected'
          : 'the client was closed'
      }; it was rolled back and its connection destroyed. begin() was called ${open.site}`,
      { code: ABANDONED_TRANSACTION_WARNING },
    )
    try {
      await open.abandon()
    } catch {
      // The connection is destroyed whatever ROLLBACK answered.
    }
  }

  /** Cleans up every open one (the client is closing). */
  async abandonAll(): Promise<void> {
    await Promise.all(
      [...this.#open].map((open) => this.abandon(open, 'client closed')),
    )
  }
}
