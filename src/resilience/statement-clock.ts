import { sendCancelRequest, type CancelTarget } from './send-cancel-request.js'

/** How a statement's time limit ended, as {@link StatementClock.stop} reports it. */
export type ClockOutcome =
  /** The statement finished (or failed) within its time. */
  | 'in-time'
  /** It ran out of time; a cancel was sent and the session answered. */
  | 'cancelled'
  /** It ran out of time and did not stop after the cancel: the connection was closed. */
  | 'destroyed'

/** What a clock needs from the connection it times. */
export interface ClockedConnection {
  /** Where the cancel request for the running statement goes. */
  cancelTarget(): CancelTarget
  /** Closes the connection under the statement. */
  destroy(): void
}

/**
 * Checks every running statement's clock on one shared timer, so a time
 * limit costs a statement two field writes and a Set entry, not a timer and
 * a promise of its own. The timer runs every {@link TICK_MS} while some
 * statement is timed, stops after a second with none, and never keeps the
 * process alive.
 *
 * ```ts
 * const sweeper = new DeadlineSweeper()
 * const clock = new StatementClock(sweeper, connection, 2_000)
 * clock.start(5_000)
 * ```
 */
export class DeadlineSweeper {
  readonly #clocks = new Set<StatementClock>()
  #timer: NodeJS.Timeout | undefined
  #idleTicks = 0

  /** @internal */
  watch(clock: StatementClock): void {
    this.#clocks.add(clock)
    if (this.#timer === undefined) {
      this.#timer = setInterval(this.#tick, TICK_MS)
      this.#timer.unref()
    }
  }

  /** @internal */
  unwatch(clock: StatementClock): void {
    this.#clocks.delete(clock)
  }

  /** Stops the timer (the driver is destroyed). */
  stop(): void {
    clearInterval(this.#timer)
    this.#timer = undefined
  }

  readonly #tick = (): void => {
    if (this.#clocks.size === 0) {
      if (++this.#idleTicks >= IDLE_TICKS) this.stop()
      return
    }
    this.#idleTicks = 0
    const now = performance.now()
    for (const clock of this.#clocks) clock.check(now)
  }
}

/** How often running statements' clocks are checked: the precision of a time limit. */
export const TICK_MS = 10
const IDLE_TICKS = 100

/**
 * The time limit of the statements of one connection, one at a time. On
 * expiry it sends the server a cancel request for the session; if the
 * statement has not stopped `cancelTimeoutMs` later, it closes the
 * connection. Allocated once per connection and reused.
 *
 * ```ts
 * clock.start(timeoutMs)
 * try {
 *   result = await client.query(text)
 * } finally {
 *   outcome = await clock.stop()
 * }
 * ```
 */
export class StatementClock {
  readonly #sweeper: DeadlineSweeper
  readonly #connection: ClockedConnection
  readonly #cancelTimeoutMs: number
  #deadlineAt = 0
  #cancelDeadlineAt = 0
  #outcome: ClockOutcome = 'in-time'
  #cancelling: Promise<void> | undefined

  constructor(
    sweeper: DeadlineSweeper,
    connection: ClockedConnection,
    cancelTimeoutMs: number,
  ) {
    this.#sweeper = sweeper
    this.#connection = connection
    this.#cancelTimeoutMs = cancelTimeoutMs
  }

  /** Starts timing a statement that may run `timeoutMs`. */
  start(timeoutMs: number): void {
    this.#deadlineAt = performance.now() + timeoutMs
    this.#outcome = 'in-time'
    this.#cancelling = undefined
    this.#sweeper.watch(this)
  }

  /**
   * Stops timing; resolves with how it ended. When the statement ran out of
   * time but finished before the cancel reached the server, waits for the
   * cancel request to be delivered first, so that it cannot land on the
   * session's next statement.
   */
  stop(): ClockOutcome | Promise<ClockOutcome> {
    this.#sweeper.unwatch(this)
    this.#deadlineAt = 0
    const outcome = this.#outcome
    const cancelling = this.#cancelling
    if (cancelling === undefined) return outcome
    this.#cancelling = undefined
    return cancelling.then(() => outcome)
  }

  /** @internal */
  check(now: number): void {
    if (this.#outcome === 'in-time') {
      if (now < this.#deadlineAt) return
      this.#outcome = 'cancelled'
      this.#cancelDeadlineAt = now + this.#cancelTimeoutMs
      this.#cancelling = sendCancelRequest(
        this.#connection.cancelTarget(),
        this.#cancelTimeoutMs,
      )
      return
    }
    if (this.#outcome === 'cancelled' && now >= this.#cancelDeadlineAt) {
      this.#outcome = 'destroyed'
      this.#sweeper.unwatch(this)
      this.#connection.destroy()
    }
  }
}

/**
 * Thrown in place of a statement's own error when its time ran out: the
 * driver turns it into a `QueryTimeoutError`.
 * @internal
 */
export class StatementExpired extends Error {
  /** The time limit, in ms. */
  readonly timeoutMs: number
  /** True when the server stopped it; false when the connection was closed instead. */
  readonly cancelled: boolean

  constructor(timeoutMs: number, cancelled: boolean, cause: unknown) {
    super(
      `The statement ran longer than its ${timeoutMs} ms time limit and was cancelled on the server`,
      { cause },
    )
    this.timeoutMs = timeoutMs
    this.cancelled = cancelled
  }
}
