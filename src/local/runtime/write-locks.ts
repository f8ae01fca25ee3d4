import { reject } from '../errors/reject.js'
import type { ErrorFields } from '../protocol/error-fields.js'

/** What {@link WriteLocks.acquire} decided: taken, a wait, or a deadlock. */
export type WriteLockGrant = undefined | Promise<void> | ErrorFields

/**
 * A table whose write lock a statement takes: its OID when the name resolved
 * to one (see `write-lock-tables.ts`), else the name as written, which only
 * the writing session can see (a table its open block created, or none).
 */
export interface LockTarget {
  readonly database: string
  /** The name as written (`schema.name` or `name`), for the deadlock detail. */
  readonly name: string
  readonly id: number | undefined
  /**
   * PostgreSQL's mode of the lock the statement takes on the table once it
   * runs (RowExclusiveLock for a write, AccessExclusiveLock for LOCK), which
   * a wait shows: not granted, then granted in the same mode.
   */
  readonly mode: string
}

/** A session waiting for a write lock, as STV_LOCKS and SVV_TRANSACTIONS show it. */
export interface LockWait {
  readonly pid: number
  /** The table's OID. */
  readonly relation: number
  readonly mode: string
  /** When the wait began (ms since the epoch). */
  readonly since: number
}

interface Waiter {
  readonly pid: number
  readonly target: LockTarget
  readonly since: number
  readonly resolve: () => void
}

/**
 * Redshift's table write locks: a COPY, INSERT, UPDATE, DELETE or MERGE
 * takes its table's write lock, held until the transaction commits or rolls
 * back, and a write of another transaction to the same table waits for it
 * (https://docs.aws.amazon.com/redshift/latest/dg/c_write_readwrite.html,
 * r_Serializable_isolation_example.html); reads never wait for it.
 *
 * The emulator keeps the lock itself and holds the waiting statement back
 * before PostgreSQL sees it, so the statement's snapshot is taken after the
 * other transaction committed, as on Redshift ("the second transaction does
 * not obtain its snapshot of data until after the first transaction has
 * released its lock"). PostgreSQL's LOCK could not do it: SHARE ROW EXCLUSIVE
 * needs UPDATE or DELETE privilege, which a user granted INSERT alone lacks.
 *
 * Tables are keyed by database and OID, so every spelling of one table
 * (`t`, `public.t`, a name found through the search path) takes one lock.
 *
 * @example
 * ```ts
 * const locks = new WriteLocks()
 * locks.acquire(pid, [{ database: 'dev', name: 'listing', id: 100123, mode: 'RowExclusiveLock' }]) // undefined: taken at once
 * locks.release(pid)
 * ```
 */
export class WriteLocks {
  /** The session holding each locked table. */
  readonly #holders = new Map<string, number>()
  /** Sessions waiting for each table, first come first served. */
  readonly #waiters = new Map<string, Waiter[]>()
  /** The table each waiting session waits for. */
  readonly #waitingFor = new Map<number, string>()
  /** The tables each session holds. */
  readonly #held = new Map<number, Set<string>>()

  /**
   * Takes the write locks of `tables` for session `pid`: undefined when all
   * are taken now, a promise that resolves once they are, or Redshift's
   * (PostgreSQL's) deadlock error when waiting would close a cycle of
   * sessions each waiting for the next.
   */
  acquire(pid: number, tables: readonly LockTarget[]): WriteLockGrant {
    for (let i = 0; i < tables.length; i++) {
      const target = tables[i]!
      const key = lockKey(target)
      const holder = this.#holders.get(key)
      if (holder === undefined || holder === pid) {
        this.#take(pid, key)
        continue
      }
      if (this.#reaches(holder, pid)) return deadlock(pid, holder, target.name)
      return this.#wait(pid, key, target).then(() => {
        const rest = tables.slice(i + 1)
        // A later table still held: wait for it too, unless that deadlocks
        // (then PostgreSQL's own locks decide).
        return this.#takeAll(pid, rest)
      })
    }
    return undefined
  }

  /** The sessions of `database` waiting for the write lock of a table with an OID. */
  waits(database: string): LockWait[] {
    const waits: LockWait[] = []
    for (const queue of this.#waiters.values()) {
      for (const w of queue) {
        if (w.target.database === database && w.target.id !== undefined)
          waits.push({
            pid: w.pid,
            relation: w.target.id,
            mode: w.target.mode,
            since: w.since,
          })
      }
    }
    return waits
  }

  /** Lets go of every lock `pid` holds or waits for (it closed). */
  releaseAll(pid: number): void {
    this.#leaveQueue(pid)?.resolve()
    this.release(pid)
  }

  /**
   * Stops `pid` waiting (its statement was cancelled or timed out): false
   * when it is not waiting. What it holds stays held until its transaction
   * ends, as after any failed statement.
   */
  cancelWait(pid: number): boolean {
    return this.#leaveQueue(pid) !== undefined
  }

  /** Takes `pid` out of the queue it waits in, if any. */
  #leaveQueue(pid: number): Waiter | undefined {
    const key = this.#waitingFor.get(pid)
    if (key === undefined) return undefined
    this.#waitingFor.delete(pid)
    const queue = this.#waiters.get(key)
    const index = queue?.findIndex((w) => w.pid === pid) ?? -1
    const waiter = index >= 0 ? queue!.splice(index, 1)[0] : undefined
    if (queue?.length === 0) this.#waiters.delete(key)
    return waiter
  }

  /** Lets go of the locks `pid` holds (its transaction ended). */
  release(pid: number): void {
    const held = this.#held.get(pid)
    if (held === undefined) return
    this.#held.delete(pid)
    for (const key of held) {
      this.#holders.delete(key)
      this.#wake(key)
    }
  }

  /** The session holding the write lock `pid` waits for, when it waits. */
  waitsFor(pid: number): number | undefined {
    const key = this.#waitingFor.get(pid)
    return key === undefined ? undefined : this.#holders.get(key)
  }

  /** Whether `pid` holds any write lock. */
  holds(pid: number): boolean {
    return this.#held.has(pid)
  }

  async #takeAll(pid: number, tables: readonly LockTarget[]): Promise<void> {
    for (const target of tables) {
      const key = lockKey(target)
      const holder = this.#holders.get(key)
      if (holder !== undefined && holder !== pid) {
        if (this.#reaches(holder, pid)) continue
        await this.#wait(pid, key, target)
      } else {
        this.#take(pid, key)
      }
    }
  }

  #take(pid: number, key: string): void {
    this.#holders.set(key, pid)
    let held = this.#held.get(pid)
    if (held === undefined) this.#held.set(pid, (held = new Set()))
    held.add(key)
  }

  /** Waits until `key` is handed to `pid`. */
  #wait(pid: number, key: string, target: LockTarget): Promise<void> {
    return new Promise<void>((resolve) => {
      let queue = this.#waiters.get(key)
      if (queue === undefined) this.#waiters.set(key, (queue = []))
      queue.push({ pid, target, since: Date.now(), resolve })
      this.#waitingFor.set(pid, key)
    })
  }

  /** Hands a freed table to its first waiter. */
  #wake(key: string): void {
    const queue = this.#waiters.get(key)
    const next = queue?.shift()
    if (queue !== undefined && queue.length === 0) this.#waiters.delete(key)
    if (next === undefined) return
    this.#waitingFor.delete(next.pid)
    this.#take(next.pid, key)
    next.resolve()
  }

  /** Whether `from`, following whom each session waits for, reaches `to`. */
  #reaches(from: number, to: number): boolean {
    const seen = new Set<number>()
    let at: number | undefined = from
    while (at !== undefined && !seen.has(at)) {
      if (at === to) return true
      seen.add(at)
      const key = this.#waitingFor.get(at)
      at = key === undefined ? undefined : this.#holders.get(key)
    }
    return false
  }
}

function lockKey(target: LockTarget): string {
  return target.id !== undefined
    ? `${target.database}\u0000${target.id}`
    : `${target.database}\u0000name\u0000${target.name}`
}

/**
 * PostgreSQL's deadlock error (40P01), which Redshift also reports; the
 * Developer Guide shows no text for it (c_write_readwrite.html describes
 * the deadlock only), so the detail names the table rather than its OID.
 */
function deadlock(pid: number, holder: number, table: string): ErrorFields {
  return reject.other(
    '40P01',
    'deadlock detected',
    `Process ${pid} waits for ShareRowExclusiveLock on relation "${table}"; blocked by process ${holder}.`,
  )
}
