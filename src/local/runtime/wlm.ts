/**
 * One WLM queue of the emulator's configuration, in the spirit of Redshift's
 * manual WLM JSON (`query_concurrency`, `query_group`, `user_group`, wild cards).
 */
export interface WlmQueueConfig {
  /** Shown in STV_WLM_SERVICE_CLASS_CONFIG.name. */
  readonly name?: string
  /** Slots (query_concurrency), 1 to 50. */
  readonly concurrency: number
  /** Query groups routed here (`SET query_group TO ...`). */
  readonly queryGroups?: readonly string[]
  /** `*` and `?` in queryGroups match any run of characters / one character. */
  readonly queryGroupWildcard?: boolean
  /**
   * User groups routed here. The emulator has no user groups, so each entry
   * is matched against the user name the client logged in with.
   */
  readonly userGroups?: readonly string[]
  readonly userGroupWildcard?: boolean
}

/** A queue as the scheduler runs it. */
export interface WlmQueue {
  readonly serviceClass: number
  readonly name: string
  readonly concurrency: number
  readonly queryGroups: readonly string[]
  readonly queryGroupWildcard: boolean
  readonly userGroups: readonly string[]
  readonly userGroupWildcard: boolean
  readonly superuser: boolean
}

/** Slots held in one queue; give it back with `WlmScheduler.release`. */
export interface WlmGrant {
  readonly queue: WlmQueue
  readonly slots: number
}

/** A wait for slots that can be given up (cancel, timeout, disconnect). */
export interface WlmWait {
  readonly promise: Promise<WlmGrant>
  /** Stops waiting; the promise never settles afterwards. Returns false if already granted. */
  cancel(): boolean
}

/** The default configuration: one user queue of 5 slots (service class 6). */
export const DEFAULT_WLM: readonly WlmQueueConfig[] = Object.freeze([
  Object.freeze({ name: 'Default queue', concurrency: 5 }),
])

/** Service class of the superuser queue, and of the first user queue. */
export const SUPERUSER_SERVICE_CLASS = 5
export const FIRST_USER_SERVICE_CLASS = 6

interface Waiter {
  readonly slots: number
  readonly resolve: (grant: WlmGrant) => void
  done: boolean
}

/**
 * Slot accounting for WLM queues: a statement takes `wlm_query_slot_count`
 * slots of the queue its query group / user routes to, and waits (FIFO) when
 * the queue has no room. Everything is in memory and synchronous on the fast
 * path: `tryAcquire` either grants at once or returns null.
 *
 * @example
 * ```ts
 * const wlm = new WlmScheduler([{ concurrency: 2, queryGroups: ['etl'] }, { concurrency: 5 }])
 * const queue = wlm.route('etl', 'awsuser')
 * const grant = wlm.tryAcquire(queue, 1) ?? (await wlm.wait(queue, 1).promise)
 * wlm.release(grant)
 * ```
 */
export class WlmScheduler {
  readonly queues: readonly WlmQueue[]
  readonly #inUse = new Map<WlmQueue, number>()
  readonly #waiters = new Map<WlmQueue, Waiter[]>()

  constructor(config: readonly WlmQueueConfig[] = DEFAULT_WLM) {
    if (config.length === 0) throw new Error('WLM needs at least one queue')
    const superuser: WlmQueue = Object.freeze({
      serviceClass: SUPERUSER_SERVICE_CLASS,
      name: 'Superuser queue',
      concurrency: 1,
      queryGroups: Object.freeze(['superuser']),
      queryGroupWildcard: false,
      userGroups: Object.freeze([]),
      userGroupWildcard: false,
      superuser: true,
    })
    const user = config.map((queue, index): WlmQueue => {
      if (
        !Number.isInteger(queue.concurrency) ||
        queue.concurrency < 1 ||
        queue.concurrency > 50
      ) {
        throw new Error(
          `WLM queue ${index + 1}: concurrency must be an integer from 1 to 50`,
        )
      }
      return Object.freeze({
        serviceClass: FIRST_USER_SERVICE_CLASS + index,
        name:
          queue.name ??
          (index === config.length - 1
            ? 'Default queue'
            : `Queue ${index + 1}`),
        concurrency: queue.concurrency,
        queryGroups: Object.freeze([...(queue.queryGroups ?? [])]),
        queryGroupWildcard: queue.queryGroupWildcard ?? false,
        userGroups: Object.freeze([...(queue.userGroups ?? [])]),
        userGroupWildcard: queue.userGroupWildcard ?? false,
        superuser: false,
      })
    })
    this.queues = Object.freeze([superuser, ...user])
    for (const queue of this.queues) {
      this.#inUse.set(queue, 0)
      this.#waiters.set(queue, [])
    }
  }

  /**
   * The queue a statement goes to: the superuser queue for query group
   * `superuser`, else the first user queue whose query groups or user groups
   * match, else the last (default) queue.
   */
  route(queryGroup: string | undefined, user: string): WlmQueue {
    const queues = this.queues
    if (queryGroup === 'superuser') return queues[0]!
    for (let i = 1; i < queues.length - 1; i++) {
      const queue = queues[i]!
      if (
        queryGroup !== undefined &&
        matchesAny(queue.queryGroups, queryGroup, queue.queryGroupWildcard)
      ) {
        return queue
      }
      if (matchesAny(queue.userGroups, user, queue.userGroupWildcard)) {
        return queue
      }
    }
    return queues[queues.length - 1]!
  }

  /** Slots in use in `queue`. */
  inUse(queue: WlmQueue): number {
    return this.#inUse.get(queue) ?? 0
  }

  /** Statements waiting for `queue`. */
  waiting(queue: WlmQueue): number {
    return this.#waiters.get(queue)?.length ?? 0
  }

  /** Takes `slots` at once when they are free and nobody waits before us. */
  tryAcquire(queue: WlmQueue, slots: number): WlmGrant | null {
    const used = this.#inUse.get(queue)!
    if (
      used + slots > queue.concurrency ||
      this.#waiters.get(queue)!.length > 0
    ) {
      return null
    }
    this.#inUse.set(queue, used + slots)
    return { queue, slots }
  }

  /** Waits, in arrival order, until `slots` are free in `queue`. */
  wait(queue: WlmQueue, slots: number): WlmWait {
    const waiters = this.#waiters.get(queue)!
    let waiter!: Waiter
    const promise = new Promise<WlmGrant>((resolve) => {
      waiter = { slots, resolve, done: false }
    })
    waiters.push(waiter)
    this.#wake(queue)
    return {
      promise,
      cancel: () => {
        if (waiter.done) return false
        waiter.done = true
        const at = waiters.indexOf(waiter)
        if (at !== -1) waiters.splice(at, 1)
        this.#wake(queue)
        return true
      },
    }
  }

  release(grant: WlmGrant): void {
    const used = this.#inUse.get(grant.queue)!
    this.#inUse.set(grant.queue, Math.max(0, used - grant.slots))
    this.#wake(grant.queue)
  }

  #wake(queue: WlmQueue): void {
    const waiters = this.#waiters.get(queue)!
    while (waiters.length > 0) {
      const head = waiters[0]!
      const used = this.#inUse.get(queue)!
      if (used + head.slots > queue.concurrency) return
      waiters.shift()
      head.done = true
      this.#inUse.set(queue, used + head.slots)
      head.resolve({ queue, slots: head.slots })
    }
  }
}

function matchesAny(
  patterns: readonly string[],
  value: string,
  wildcard: boolean,
): boolean {
  for (const pattern of patterns) {
    if (wildcard ? wildcardMatch(pattern, value) : pattern === value)
      return true
  }
  return false
}

/** `*` matches any run of characters, `?` exactly one; case-sensitive. */
export function wildcardMatch(pattern: string, value: string): boolean {
  let p = 0
  let v = 0
  let star = -1
  let mark = 0
  while (v < value.length) {
    if (p < pattern.length && (pattern[p] === '?' || pattern[p] === value[v])) {
      p++
      v++
    } else if (p < pattern.length && pattern[p] === '*') {
      star = p++
      mark = v
    } else if (star !== -1) {
      p = star + 1
      v = ++mark
    } else {
      return false
    }
  }
  while (p < pattern.length && pattern[p] === '*') p++
  return p === pattern.length
}
