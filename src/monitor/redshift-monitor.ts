import type { Kysely } from 'kysely'

import {
  submitQuery,
  type AsyncQuery,
  type SubmitOptions,
  type SubmitSource,
} from './async-query.js'
import type { ExplainPlan } from './explain-plan.js'
import { explainQuery, type ExplainSource } from './explain-query.js'
import {
  tableLoadErrors,
  type LoadErrorsOptions,
  type TableLoadError,
} from './load-errors.js'
import { queryMetrics, type QueryMetrics } from './query-metrics.js'
import { renderPlan, type RenderPlanOptions } from './render-plan.js'

/**
 * Monitoring on a client: `db.monitor`. Every statement goes through the
 * instance it was read from (its plugins, settings, pool and telemetry).
 *
 * ```ts
 * const handle = await db.monitor.submit(db.selectFrom('sales').selectAll())
 * const plan = await db.monitor.explain(db.selectFrom('sales').selectAll())
 * console.log(db.monitor.render(plan))
 * const metrics = await db.monitor.metrics(queryId)
 * const errors = await db.monitor.loadErrors('sales', { since })
 * ```
 */
export interface RedshiftMonitor {
  /**
   * Sends a statement on a connection of its own and returns its handle
   * without waiting for rows: poll `status()`, read `result()` or `rows()`,
   * `cancel()`, `close()`.
   *
   * ```ts
   * const handle = await db.monitor.submit(db.selectFrom('sales').selectAll(), { chunkSize: 1000 })
   * for await (const row of handle.rows()) console.log(row)
   * ```
   */
  submit<O>(
    query: SubmitSource<O>,
    options?: SubmitOptions,
  ): Promise<AsyncQuery<O>>
  /**
   * EXPLAIN of a typed query as a plan tree with Redshift's warnings.
   *
   * ```ts
   * const plan = await db.monitor.explain(db.selectFrom('sales').innerJoin('event', 'event.id', 'sales.event_id').selectAll())
   * plan.redistributions // the join steps that move rows
   * ```
   */
  explain(query: ExplainSource): Promise<ExplainPlan>
  /**
   * The plan as indented text for a terminal, costly redistribution steps
   * marked; colours only with `{ color: true }`.
   */
  render(plan: ExplainPlan, options?: RenderPlanOptions): string
  /**
   * Metrics of a finished (or running, on SYS) query: a `number` id is an
   * STL/SVL id, a `bigint` a SYS id. Unknown: `QueryNotFoundError`.
   */
  metrics(queryId: number | bigint): Promise<QueryMetrics>
  /**
   * Load errors of a table (name on the search path, or `[schema, table]`)
   * since a time (default: the last 24 hours).
   */
  loadErrors(
    table: string | readonly [schema: string, table: string],
    options?: LoadErrorsOptions,
  ): Promise<readonly TableLoadError[]>
}

/**
 * `db.monitor` for the instance `db`.
 *
 * ```ts
 * const monitor = redshiftMonitor(db)
 * ```
 */
export function redshiftMonitor(db: Kysely<any>): RedshiftMonitor {
  return Object.freeze({
    submit: <O>(query: SubmitSource<O>, options?: SubmitOptions) =>
      submitQuery(db, query, options),
    explain: (query: ExplainSource) => explainQuery(db, query),
    render: (plan: ExplainPlan, options?: RenderPlanOptions) =>
      renderPlan(plan, options),
    metrics: (queryId: number | bigint) => queryMetrics(db, queryId),
    loadErrors: (
      table: string | readonly [string, string],
      options?: LoadErrorsOptions,
    ) => tableLoadErrors(db, table, options),
  })
}
