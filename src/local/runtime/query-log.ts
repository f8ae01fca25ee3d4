import type { ConnectionLogEntry } from '../catalog/connection-log.js'
import type { QueryRun } from './query-run.js'

/**
 * Where the query log goes: the query-log table and the in-flight table of
 * one database (see the catalog's table definitions).
 */
export interface QueryLogSink {
  /**
   * Appends `finished` runs to the log of `database` and replaces its picture
   * of running and queued statements with `inflight` (all databases), and
   * appends the connection events recorded for it.
   */
  write(
    database: string,
    finished: readonly QueryRun[],
    inflight: readonly QueryRun[],
    connections: readonly ConnectionLogEntry[],
  ): Promise<void>
}

/** Options of {@link QueryLog}. */
export interface QueryLogOptions {
  /** Background flush delay after the first buffered run (default 50 ms). */
  readonly flushDelayMs?: number
  /** Flush at once when this many runs are buffered (default 500). */
  readonly maxBuffered?: number
  /** Called when a background flush fails (the runs are dropped). */
  readonly onError?: (error: unknown) => void
}

/**
 * The emulator's query log. Recording a run is a couple of in-memory
 * operations; writing happens later in batches on the emulator's own
 * connection, so logging never adds a round trip to a client's statement.
 * Before a statement reads a system view, `flush(database)` writes everything
 * pending (and what is running right now) so that statement sees it.
 *
 * @example
 * ```ts
 * const log = new QueryLog(sink)
 * log.started(run)
 * run.finish('done', 1)
 * log.finished(run)
 * await log.flush('dev')
 * ```
 */
export class QueryLog {
  readonly #sink: QueryLogSink
  readonly #delay: number
  readonly #max: number
  readonly #onError: (error: unknown) => void
  readonly #active = new Set<QueryRun>()
  readonly #buffered = new Map<string, QueryRun[]>()
  readonly #connections = new Map<string, ConnectionLogEntry[]>()
  readonly #writing = new Map<string, Promise<void>>()
  #count = 0
  #timer: NodeJS.Timeout | undefined

  constructor(sink: QueryLogSink, options: QueryLogOptions = {}) {
    this.#sink = sink
    this.#delay = options.flushDelayMs ?? 50
    this.#max = options.maxBuffered ?? 500
    this.#onError = options.onError ?? (() => {})
  }

  /** Runs that are running or queued right now. */
  get active(): ReadonlySet<QueryRun> {
    return this.#active
  }

  started(run: QueryRun): void {
    this.#active.add(run)
  }

  /** Drops a run that never ran (skipped after an earlier error) without logging it. */
  forget(run: QueryRun): void {
    this.#active.delete(run)
  }

  finished(run: QueryRun): void {
    this.#active.delete(run)
    let list = this.#buffered.get(run.database)
    if (list === undefined) {
      list = []
      this.#buffered.set(run.database, list)
    }
    list.push(run)
    this.#added()
  }

  /**
   * Records a login, logout or failed authentication for `database`; it is
   * written with the next batch, never on the client's connection.
   */
  connection(database: string, entry: ConnectionLogEntry): void {
    let list = this.#connections.get(database)
    if (list === undefined) {
      list = []
      this.#connections.set(database, list)
    }
    list.push(entry)
    this.#added()
  }

  #added(): void {
    if (++this.#count >= this.#max) this.#flushAll()
    else this.#timer ??= setTimeout(() => this.#flushAll(), this.#delay).unref()
  }

  /** Writes what is pending for `database`, after any write already under way. */
  flush(database: string): Promise<void> {
    const previous = this.#writing.get(database) ?? Promise.resolve()
    const next = previous
      .catch(() => {})
      .then(() => {
        const runs = this.#buffered.get(database) ?? []
        const connections = this.#connections.get(database) ?? []
        this.#buffered.delete(database)
        this.#connections.delete(database)
        this.#count -= runs.length + connections.length
        return this.#sink.write(database, runs, [...this.#active], connections)
      })
    // Kept only to order later writes after this one; its failure is the caller's.
    const tracked: Promise<void> = next
      .catch(() => {})
      .finally(() => {
        if (this.#writing.get(database) === tracked)
          this.#writing.delete(database)
      })
    this.#writing.set(database, tracked)
    return next
  }

  /** Writes everything pending, for every database. */
  async flushAll(): Promise<void> {
    if (this.#timer) clearTimeout(this.#timer)
    this.#timer = undefined
    const databases = new Set([
      ...this.#buffered.keys(),
      ...this.#connections.keys(),
    ])
    await Promise.all([...databases].map((db) => this.flush(db)))
  }

  #flushAll(): void {
    this.flushAll().catch(this.#onError)
  }
}
