import { describe, expectTypeOf, it } from 'vitest'

import {
  createRedshift,
  type AsyncQuery,
  type AsyncQueryStatus,
  type CancelResult,
  type ExplainPlan,
  type QueryMetrics,
  type RedshiftClient,
  type RunningQuery,
  type WlmQueueState,
} from '../../src/index.js'

interface DB {
  sales: { id: number; region: string }
}

// Never connects: type tests only compile.
const db = createRedshift<DB>('redshift://app@localhost:5439/dev')

describe('db.wlm', () => {
  it('keeps the client type on a query group view', () => {
    expectTypeOf(db.wlm.queryGroup('etl')).toEqualTypeOf<RedshiftClient<DB>>()
    expectTypeOf(
      db.wlm.queryGroup('etl', { slotCount: 2 }).wlm.queues,
    ).returns.resolves.toEqualTypeOf<readonly WlmQueueState[]>()
    // @ts-expect-error slotCount is a number
    db.wlm.queryGroup('etl', { slotCount: '2' })
    // @ts-expect-error no query_label: the label is the query group
    db.wlm.queryGroup('etl', { label: 'x' })
  })

  it('types the callback connection by the schema', () => {
    void db.wlm.withQueryGroup('etl', async (conn) => {
      expectTypeOf(
        conn.selectFrom('sales').select('region').execute,
      ).returns.resolves.toEqualTypeOf<{ region: string }[]>()
      // @ts-expect-error not a table of DB
      conn.selectFrom('nope')
    })
  })

  it('types query ids by the views they come from', async () => {
    const [q] = await db.wlm.runningQueries()
    expectTypeOf(q!).toEqualTypeOf<RunningQuery>()
    if (q!.endpoint === 'provisioned')
      expectTypeOf(q!.queryId).toEqualTypeOf<number>()
    else expectTypeOf(q!.queryId).toEqualTypeOf<bigint>()
    expectTypeOf(db.wlm.cancel(1)).resolves.toEqualTypeOf<
      CancelResult<number>
    >()
    expectTypeOf(db.wlm.cancel(1n)).resolves.toEqualTypeOf<
      CancelResult<bigint>
    >()
    // @ts-expect-error a query id is a number or a bigint
    void db.wlm.cancel('1')
  })
})

describe('db.monitor', () => {
  it('types an async query by its rows', async () => {
    const handle = await db.monitor.submit(db.selectFrom('sales').select('id'))
    expectTypeOf(handle).toEqualTypeOf<AsyncQuery<{ id: number }>>()
    expectTypeOf(handle.result()).resolves.toEqualTypeOf<
      readonly { id: number }[]
    >()
    expectTypeOf(handle.status()).resolves.toEqualTypeOf<AsyncQueryStatus>()
  })

  it('explains typed queries and reads metrics', () => {
    expectTypeOf(
      db.monitor.explain(db.selectFrom('sales').selectAll()),
    ).resolves.toEqualTypeOf<ExplainPlan>()
    expectTypeOf(db.monitor.metrics(1)).resolves.toEqualTypeOf<QueryMetrics>()
    // @ts-expect-error not a table of DB
    void db.monitor.explain(db.selectFrom('nope').selectAll())
  })
})
