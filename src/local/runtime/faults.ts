/**
 * Fault injection for tests of code that talks to Redshift: make statements
 * fail, slow down, lose their connection, or refuse new connections.
 *
 * The same faults can be set from any client with a control statement that
 * only the emulator understands. It must start with the comment marker
 * `/*redshift-local*\/`; keywords are case-insensitive, strings are
 * single-quoted with `''` for a quote:
 *
 * ```sql
 * /*redshift-local*\/ FAULT FAIL NEXT [n] [MATCHING 'text'] [WITH SQLSTATE 'XX000'] [MESSAGE 'text']
 * /*redshift-local*\/ FAULT LATENCY <ms> [MATCHING 'text']
 * /*redshift-local*\/ FAULT DROP CONNECTION [BEFORE SEND] [MATCHING 'text']
 * /*redshift-local*\/ FAULT REFUSE CONNECTIONS FOR <ms>
 * /*redshift-local*\/ FAULT REFUSE CONNECTIONS NEXT <n>
 * /*redshift-local*\/ FAULT RESET
 * ```
 *
 * `MATCHING 'text'` matches statements containing `text` (case-insensitive);
 * without it every statement matches. Control statements never match.
 *
 * @example
 * ```ts
 * const local = await startLocalRedshift({ port: 0 })
 * local.faults.failNext({ pattern: /insert/i, count: 2, code: 'XX000', message: '1023' })
 * local.faults.addLatency({ ms: 200, pattern: 'from sales' })
 * local.faults.dropConnection({ pattern: 'update' })
 * local.faults.dropConnection({ pattern: 'insert', when: 'before-send' })
 * local.faults.refuseConnections({ forMs: 1000 })
 * local.faults.refuseConnections({ count: 2 })
 * local.faults.counters.refusedConnections // how many were refused so far
 * local.faults.reset()
 * ```
 */
export interface Faults {
  /** The next `count` (default 1) matching statements fail with `code`/`message` without running. */
  failNext(options: FailNextOptions): void
  /** Every matching statement waits `ms` before it runs, until removed or reset. */
  addLatency(options: LatencyOptions): () => void
  /**
   * The next matching statement reaches PostgreSQL and runs to its end
   * (committed in autocommit), then the client connection is closed before
   * the answer arrives; with `when: 'before-send'` it is closed instead of
   * sending the statement, so the statement never runs.
   */
  dropConnection(options?: DropConnectionOptions): void
  /**
   * New connections are refused (FATAL 53300, Redshift's connection-limit
   * message) for `forMs` milliseconds, or the next `count` of them.
   */
  refuseConnections(options: RefuseConnectionsOptions): void
  /** What the faults did so far (kept across {@link reset}). */
  readonly counters: FaultCounters
  /** Removes every fault. */
  reset(): void
}

/** Options of {@link Faults.refuseConnections}: `{ forMs: 1000 }` or `{ count: 2 }` (both: whichever lasts longer). */
export interface RefuseConnectionsOptions {
  readonly forMs?: number
  /** How many connection attempts to refuse. */
  readonly count?: number
}

/** Counts of {@link Faults.counters}, since the emulator started. */
export interface FaultCounters {
  /** Connection attempts that reached the log-in step (refused or not). */
  readonly connectionAttempts: number
  /** Of those, the ones refused by {@link Faults.refuseConnections}. */
  readonly refusedConnections: number
  /** Statements failed by {@link Faults.failNext}. */
  readonly failedStatements: number
  /** Connections closed by {@link Faults.dropConnection}. */
  readonly droppedConnections: number
}

/** A statement text matcher: a RegExp, or a case-insensitive substring. */
export type FaultPattern = RegExp | string

/** Options of {@link Faults.failNext}: `faults.failNext({ pattern: /insert/i, count: 2, code: 'XX000', message: '1023' })`. */
export interface FailNextOptions {
  readonly pattern?: FaultPattern
  /** How many statements fail (default 1). */
  readonly count?: number
  /** SQLSTATE (default `XX000`). */
  readonly code?: string
  /** Error message (default `injected fault`). */
  readonly message?: string
  readonly detail?: string
}

/** Options of {@link Faults.addLatency}: `faults.addLatency({ ms: 200, pattern: 'from sales' })`. */
export interface LatencyOptions {
  readonly ms: number
  readonly pattern?: FaultPattern
}

/** Options of {@link Faults.dropConnection}: `faults.dropConnection({ pattern: 'update' })`. */
export interface DropConnectionOptions {
  readonly pattern?: FaultPattern
  /** How many connections to drop (default 1). */
  readonly count?: number
  /**
   * `after-send` (default): the statement goes to PostgreSQL and runs, the
   * client loses its connection before the answer. `before-send`: the
   * connection is closed instead of sending it, so it never runs. The client
   * cannot tell the two apart; the data can.
   */
  readonly when?: 'after-send' | 'before-send'
}

/** What a statement must suffer, decided when it is about to be sent. */
export interface FaultVerdict {
  readonly fail?: {
    readonly code: string
    readonly message: string
    readonly detail?: string
  }
  readonly latencyMs: number
  /** Close the client connection once the statement was sent. */
  readonly drop: boolean
  /** Close the client connection instead of sending the statement. */
  readonly dropBeforeSend: boolean
}

interface Rule {
  readonly matches: (text: string) => boolean
  remaining: number
}

const NONE: FaultVerdict = Object.freeze({
  latencyMs: 0,
  drop: false,
  dropBeforeSend: false,
})

/**
 * The emulator's fault registry. `check` is on every statement's path, so it
 * returns a shared frozen verdict when no fault is armed.
 */
export class FaultRegistry implements Faults {
  #fail: (Rule & {
    readonly code: string
    readonly message: string
    readonly detail?: string
  })[] = []
  #latency: (Rule & { readonly ms: number })[] = []
  #drop: (Rule & { readonly beforeSend: boolean })[] = []
  #refuseUntil = 0
  #refuseCount = 0
  #armed = false
  readonly #counters = {
    connectionAttempts: 0,
    refusedConnections: 0,
    failedStatements: 0,
    droppedConnections: 0,
  }

  failNext(options: FailNextOptions): void {
    const count = options.count ?? 1
    if (!Number.isInteger(count) || count < 1) {
      throw new Error('failNext: count must be a positive integer')
    }
    const code = options.code ?? 'XX000'
    if (!/^[0-9A-Z]{5}$/.test(code)) {
      throw new Error('failNext: code must be a five-character SQLSTATE')
    }
    this.#fail.push({
      matches: matcher(options.pattern),
      remaining: count,
      code,
      message: options.message ?? 'injected fault',
      ...(options.detail !== undefined ? { detail: options.detail } : {}),
    })
    this.#armed = true
  }

  addLatency(options: LatencyOptions): () => void {
    if (!(options.ms >= 0)) throw new Error('addLatency: ms must be >= 0')
    const rule = {
      matches: matcher(options.pattern),
      remaining: Infinity,
      ms: options.ms,
    }
    this.#latency.push(rule)
    this.#armed = true
    return () => {
      this.#latency = this.#latency.filter((r) => r !== rule)
    }
  }

  dropConnection(options: DropConnectionOptions = {}): void {
    this.#drop.push({
      matches: matcher(options.pattern),
      remaining: options.count ?? 1,
      beforeSend: options.when === 'before-send',
    })
    this.#armed = true
  }

  refuseConnections(options: RefuseConnectionsOptions): void {
    const { forMs, count } = options
    if (forMs === undefined && count === undefined) {
      throw new Error('refuseConnections: give forMs or count')
    }
    if (count !== undefined && (!Number.isInteger(count) || count < 0)) {
      throw new Error('refuseConnections: count must be a whole number')
    }
    if (forMs !== undefined) {
      this.#refuseUntil = Date.now() + Math.max(0, forMs)
    }
    if (count !== undefined) {
      this.#refuseCount = count
    }
  }

  get counters(): FaultCounters {
    return Object.freeze({ ...this.#counters })
  }

  reset(): void {
    this.#fail = []
    this.#latency = []
    this.#drop = []
    this.#refuseUntil = 0
    this.#refuseCount = 0
    this.#armed = false
  }

  /**
   * Whether a new connection is refused. The server asks once per
   * connection attempt, so this counts the attempt and uses up one of a
   * `count` of refusals.
   */
  get refusing(): boolean {
    this.#counters.connectionAttempts++
    let refused = this.#refuseUntil > Date.now()
    if (!refused && this.#refuseCount > 0) {
      this.#refuseCount--
      refused = true
    }
    if (refused) this.#counters.refusedConnections++
    return refused
  }

  /** Decides the faults for one statement (consuming one-shot faults). */
  check(text: string): FaultVerdict {
    if (!this.#armed) return NONE
    let fail: FaultVerdict['fail']
    for (const rule of this.#fail) {
      if (rule.remaining > 0 && rule.matches(text)) {
        rule.remaining--
        fail = {
          code: rule.code,
          message: rule.message,
          ...(rule.detail !== undefined ? { detail: rule.detail } : {}),
        }
        break
      }
    }
    let latencyMs = 0
    for (const rule of this.#latency) {
      if (rule.matches(text)) latencyMs = Math.max(latencyMs, rule.ms)
    }
    let drop = false
    let dropBeforeSend = false
    if (fail === undefined) {
      for (const rule of this.#drop) {
        if (rule.remaining > 0 && rule.matches(text)) {
          rule.remaining--
          if (rule.beforeSend) dropBeforeSend = true
          else drop = true
          this.#counters.droppedConnections++
          break
        }
      }
    } else {
      this.#counters.failedStatements++
    }
    this.#fail = this.#fail.filter((r) => r.remaining > 0)
    this.#drop = this.#drop.filter((r) => r.remaining > 0)
    this.#armed =
      this.#fail.length > 0 || this.#latency.length > 0 || this.#drop.length > 0
    if (fail === undefined && latencyMs === 0 && !drop && !dropBeforeSend)
      return NONE
    return {
      ...(fail !== undefined ? { fail } : {}),
      latencyMs,
      drop,
      dropBeforeSend,
    }
  }
}

function matcher(pattern: FaultPattern | undefined): (text: string) => boolean {
  if (pattern === undefined) return () => true
  if (typeof pattern === 'string') {
    const needle = pattern.toLowerCase()
    return (text) => text.toLowerCase().includes(needle)
  }
  // A global or sticky RegExp keeps state between test() calls; use a copy without it.
  const re = new RegExp(pattern.source, pattern.flags.replace(/[gy]/g, ''))
  return (text) => re.test(text)
}
