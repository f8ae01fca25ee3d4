import type { Kysely } from 'kysely'

import {
  cancelQuery,
  terminateQuery,
  type CancelOptions,
  type CancelResult,
} from './cancel-query.js'
import { endpointKindOf, type EndpointKind } from './endpoint-kind.js'
import { withQueryGroup, type QueryGroupOptions } from './query-group.js'
import { queueState, type WlmQueueState } from './queue-state.js'
import { runningQueries, type RunningQuery } from './running-queries.js'

/**
 * Workload management on a client: `db.wlm`. `C` is the client's own type,
 * which the query group views keep; `K` what its `connection()` hands a
 * callback.
 *
 * ```ts
 * await db.wlm.queryGroup('etl').insertInto('daily').values(rows).execute()
 * const queues = await db.wlm.queues()
 * const running = await db.wlm.runningQueries()
 * await db.wlm.cancel(running[0].queryId)
 * ```
 */
export interface RedshiftWlm<C, K = C> {
  /**
   * A view of the client whose queries, transactions and connections run
   * under `group` (and `slotCount` slots); the pooled connection's
   * `query_group` goes back to the client's baseline for the next borrower.
   * A group above 30 characters warns (Redshift truncates the label).
   *
   * ```ts
   * const etl = db.wlm.queryGroup('etl', { slotCount: 2 })
   * await etl.selectFrom('sales').selectAll().execute()
   * await etl.transaction().execute(async (trx) => { ... })
   * ```
   */
  queryGroup(group: string, options?: QueryGroupOptions): C
  /**
   * Runs `callback` on one connection reserved for it, under `group`: every
   * query the callback runs through its argument is in the group, and the
   * group is reset before the connection serves anyone else.
   *
   * ```ts
   * const n = await db.wlm.withQueryGroup('reports', async (conn) => {
   *   return conn.selectFrom('sales').select((eb) => eb.fn.countAll().as('n')).executeTakeFirst()
   * })
   * ```
   */
  withQueryGroup<T>(
    group: string,
    callback: (db: K) => Promise<T>,
    options?: QueryGroupOptions,
  ): Promise<T>
  /**
   * The WLM queues with running, queued and free slots (provisioned only:
   * `NotAvailableOnServerlessError` on Serverless).
   */
  queues(): Promise<readonly WlmQueueState[]>
  /** Queued and running queries, oldest first (see {@link RunningQuery}). */
  runningQueries(): Promise<readonly RunningQuery[]>
  /**
   * Resolves the query's session and sends `CANCEL pid`; a `number` id is
   * an STL/STV id, a `bigint` a SYS id. Unknown or finished: a
   * `not-running` result.
   */
  cancel<Id extends number | bigint>(
    queryId: Id,
    options?: CancelOptions,
  ): Promise<CancelResult<QueryIdType<Id>>>
  /**
   * Ends the query's session (`pg_terminate_backend`): for a query stuck in
   * a transaction block, which CANCEL does not stop.
   */
  terminate<Id extends number | bigint>(
    queryId: Id,
  ): Promise<CancelResult<QueryIdType<Id>>>
  /** Provisioned or Serverless: configured, or detected once per client. */
  endpointKind(): Promise<EndpointKind>
}

/**
 * The id type a literal id stands for: `number` (STL/STV int4) or `bigint`
 * (SYS int8).
 */
export type QueryIdType<Id extends number | bigint> = Id extends number
  ? number
  : bigint

/**
 * `db.wlm` for the instance `db` (its plugins and settings apply to every
 * statement these methods send).
 *
 * ```ts
 * const wlm = redshiftWlm(db)
 * ```
 */
export function redshiftWlm<C extends Kysely<any>, K = C>(
  db: C,
): RedshiftWlm<C, K> {
  return Object.freeze({
    queryGroup: (group: string, options?: QueryGroupOptions) =>
      withQueryGroup(db, group, options) as C,
    withQueryGroup: <T>(
      group: string,
      callback: (db: K) => Promise<T>,
      options?: QueryGroupOptions,
    ) =>
      withQueryGroup(db, group, options)
        .connection()
        .execute((conn: Kysely<any>) => callback(conn as K)),
    queues: () => queueState(db),
    runningQueries: () => runningQueries(db),
    cancel: <Id extends number | bigint>(
      queryId: Id,
      options?: CancelOptions,
    ) =>
      cancelQuery(db, queryId, options) as Promise<
        CancelResult<QueryIdType<Id>>
      >,
    terminate: <Id extends number | bigint>(queryId: Id) =>
      terminateQuery(db, queryId) as Promise<CancelResult<QueryIdType<Id>>>,
    endpointKind: () => endpointKindOf(db),
  })
}
