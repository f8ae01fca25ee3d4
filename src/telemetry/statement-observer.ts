import type { CompiledQuery, QueryResult } from 'kysely'

/**
 * What the driver tells telemetry about one statement when it starts.
 *
 * ```ts
 * const info: StatementInfo = { compiled, kind: 'query', poolWaitMs: 0.4 }
 * ```
 */
export interface StatementInfo {
  readonly compiled: CompiledQuery
  /** `control` is BEGIN / COMMIT / ROLLBACK; `stream` a cursor read in chunks. */
  readonly kind: 'query' | 'stream' | 'control'
  /**
   * How long the connection running it was waited for in the pool, when it
   * was acquired for this statement (the first one after an acquire).
   */
  readonly poolWaitMs?: number
}

/**
 * One statement being observed: the driver reports retries, the query id
 * when it learns it, and exactly one end (`succeeded` or `failed`).
 *
 * ```ts
 * const observation = observer.statement({ compiled, kind: 'query' })
 * try {
 *   observation.succeeded(await run())
 * } catch (error) {
 *   observation.failed(error)
 *   throw error
 * }
 * ```
 */
export interface StatementObservation {
  /** Attempt `attempt` failed with `error`; the next one starts after `delayMs`. */
  retrying(attempt: number, error: unknown, delayMs: number): void
  /** The Redshift query id of the statement. */
  queryId(id: number | bigint | string): void
  /** A stream counts its rows here as chunks arrive. */
  rows(count: number): void
  succeeded(result?: QueryResult<unknown>): void
  failed(error: unknown): void
}

/**
 * The driver's window for telemetry: one observation per statement, and the
 * outcome of every wait for a pooled connection.
 *
 * ```ts
 * const observer: StatementObserver = createStatementObserver(config, pool)
 * ```
 */
export interface StatementObserver {
  statement(info: StatementInfo): StatementObservation
  /** One acquire from the pool ended: `waitMs` spent, and how. */
  connectionWait(
    waitMs: number,
    outcome: 'acquired' | 'timeout' | 'error',
  ): void
}

const IGNORE = (): void => {}

/**
 * An observation that records nothing, shared by every statement when
 * telemetry is off.
 */
export const NO_OBSERVATION: StatementObservation = Object.freeze({
  retrying: IGNORE,
  queryId: IGNORE,
  rows: IGNORE,
  succeeded: IGNORE,
  failed: IGNORE,
})

/**
 * The observer of a driver with telemetry off: no allocation per statement.
 *
 * ```ts
 * const observer = config.telemetry.enabled ? createStatementObserver(config, pool) : NO_OBSERVER
 * ```
 */
export const NO_OBSERVER: StatementObserver = Object.freeze({
  statement: () => NO_OBSERVATION,
  connectionWait: IGNORE,
})
