/** How a statement that ran out of time ended. */
export class StatementExpired extends Error {
  /** The time limit, in ms. */
  readonly timeoutMs: number
  /** True when the server stopped it; false when the connection was closed instead. */
  readonly cancelled: boolean

  constructor(timeoutMs: number, cancelled: boolean, cause: unknown) {
    super(
      cancelled
        ? `The statement ran longer than its ${timeoutMs} ms time limit and was cancelled on the server`
        : `The statement ran longer than its ${timeoutMs} ms time limit and the server did not confirm the cancel; the connection was closed`,
      { cause },
    )
    this.timeoutMs = timeoutMs
    this.cancelled = cancelled
  }
}

/** What {@link withinDeadline} does when the time is up. */
export interface DeadlineActions {
  /** Asks the server to cancel the statement (resolves once asked). */
  readonly cancel: () => Promise<void>
  /** Closes the connection: the server did not stop the statement in time. */
  readonly destroy: () => void
}

/**
 * `work` (a statement running on a connection), limited to `timeoutMs`. On
 * expiry the statement is cancelled on the server, and the connection gets
 * `cancelTimeoutMs` more to come back: its error then rejects with a
 * {@link StatementExpired} (`cancelled`); when it does not come back, the
 * connection is destroyed and the rejection says so. A statement that
 * completes while the cancel is on its way keeps its result.
 *
 * One timer per statement, and only for statements that have a limit.
 *
 * ```ts
 * const result = await withinDeadline(client.query(sql), 5_000, 2_000, { cancel, destroy })
 * ```
 */
export function withinDeadline<T>(
  work: Promise<T>,
  timeoutMs: number,
  cancelTimeoutMs: number,
  actions: DeadlineActions,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let expired = false
    let settled = false
    let grace: NodeJS.Timeout | undefined
    const timer = setTimeout(() => {
      expired = true
      grace = setTimeout(() => {
        if (settled) return
        settled = true
        actions.destroy()
        reject(new StatementExpired(timeoutMs, false, undefined))
      }, cancelTimeoutMs)
      actions.cancel().catch(ignore)
    }, timeoutMs)
    work.then(
      (value) => {
        clearTimeout(timer)
        clearTimeout(grace)
        if (settled) return
        settled = true
        resolve(value)
      },
      (error: unknown) => {
        clearTimeout(timer)
        clearTimeout(grace)
        if (settled) return
        settled = true
        reject(expired ? new StatementExpired(timeoutMs, true, error) : error)
      },
    )
  })
}

function ignore(): void {}
