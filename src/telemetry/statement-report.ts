import type { CompiledQuery } from 'kysely'

/**
 * What a report forwards to the observation of its statement: the query id
 * and the row count, then the end.
 * @internal
 */
export interface ReportTarget {
  queryId(id: number | bigint | string): void
  rows(count: number): void
  /** The command is done reporting: the statement's span may end. */
  finish(): void
}

// Keyed by the CompiledQuery object the command runs: Kysely hands that
// very object to the driver, so the observer finds the report when the
// statement starts. Weak, so a report whose statement never ran is dropped.
const reports = new WeakMap<CompiledQuery, StatementReport>()

/**
 * How a command that learns about its statement only afterwards (COPY reads
 * `pg_last_copy_id()` / `pg_last_copy_count()`, UNLOAD `pg_last_query_id()`
 * / `pg_last_unload_count()`, on the same session, right after) gets that
 * onto the statement's own span: it opens a report for the compiled query
 * before running it, reports what it read, and ends the report. The span of
 * the statement stays open until then (it still ends at the statement's own
 * end time), so the query id is an attribute of the span it belongs to, and
 * the rows count as loaded or unloaded. Without telemetry, or when the
 * statement failed, every call does nothing.
 *
 * ```ts
 * const report = StatementReport.open(compiled)
 * try {
 *   await conn.executeQuery(compiled)
 *   const { rows } = await conn.executeQuery(LAST_COPY)
 *   report.queryId(rows[0].query_id)
 *   report.rows(Number(rows[0].rows_loaded))
 * } finally {
 *   report.end()
 * }
 * ```
 */
export class StatementReport {
  #target: ReportTarget | undefined
  #ended = false

  private constructor() {}

  /** A report for the next run of `compiled` (replacing an unclaimed one). */
  static open(compiled: CompiledQuery): StatementReport {
    const report = new StatementReport()
    reports.set(compiled, report)
    return report
  }

  /** True once {@link end} was called. */
  get ended(): boolean {
    return this.#ended
  }

  /** The Redshift query id of the statement. */
  queryId(id: number | bigint | string): void {
    if (!this.#ended) this.#target?.queryId(id)
  }

  /** Rows the statement loaded (COPY) or wrote (UNLOAD). */
  rows(count: number): void {
    if (!this.#ended) this.#target?.rows(count)
  }

  /** Nothing more to report; call it in a `finally`. */
  end(): void {
    if (this.#ended) return
    this.#ended = true
    this.#target?.finish()
    this.#target = undefined
  }

  /**
   * Ties the report to the observation of its statement.
   * @internal
   */
  bind(target: ReportTarget): void {
    this.#target = target
  }
}

/**
 * The report opened for `compiled`, taken (a later run of the same object
 * is a statement of its own).
 * @internal
 */
export function takeStatementReport(
  compiled: CompiledQuery,
): StatementReport | undefined {
  const report = reports.get(compiled)
  if (report !== undefined) reports.delete(compiled)
  return report
}
