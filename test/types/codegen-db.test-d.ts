import { Kysely, type Selectable } from 'kysely'
import { describe, expectTypeOf, it } from 'vitest'

import {
  createRedshift,
  withQuerySettings,
  type JsonValue,
  type RedshiftClient,
  type RedshiftKysely,
  type RedshiftTransaction,
  type ReadOnlyRelationName,
  type WritableRelationName,
} from '../../src/index.js'
import { createMockRedshift } from '../../src/testing/index.js'
import type { DB } from '../fixtures/codegen/expected-db.js'

// Never connects: type tests only compile.
const db = createRedshift<DB>('redshift://app@localhost:5439/dev')

const sale = { seller_id: 1, qty: 2, price: '9.99' }

describe('the rendered DB', () => {
  it('selects rows as the driver returns them', () => {
    expectTypeOf(
      db.selectFrom('sales').selectAll().executeTakeFirstOrThrow(),
    ).resolves.toEqualTypeOf<{
      id: bigint
      seller_id: number
      qty: number
      price: string
      region: string | null
      sold_at: Date
      note: string | null
    }>()
    expectTypeOf<Selectable<DB['analytics.events']>>().toEqualTypeOf<{
      event_id: bigint
      name: string
      props: { source: string; tags: string[] } | null
    }>()
    expectTypeOf<Selectable<DB['events']>>().toEqualTypeOf<{
      id: bigint
      payload: JsonValue
      lines: { items: string[] } | null
      status: 'new' | 'done' | null
      broken: JsonValue | null
      injected: JsonValue | null
      handler: (() => void) | null
      created_at: Date
    }>()
    expectTypeOf<Selectable<DB['MixedCase']>>().toHaveProperty('timestamp')
    expectTypeOf<Selectable<DB['MixedCase']>['order id']>().toEqualTypeOf<
      number | null
    >()
    expectTypeOf<
      Selectable<DB['all_types']>['c_unknown']
    >().toEqualTypeOf<unknown>()
    expectTypeOf<
      Selectable<DB['all_types']>['c_varbyte_null']
    >().toEqualTypeOf<Buffer | null>()
  })

  it('selects views, materialized views and external tables as plain rows', () => {
    expectTypeOf(
      db.selectFrom('sales_summary').selectAll().executeTakeFirstOrThrow(),
    ).resolves.toEqualTypeOf<{
      seller_id: number | null
      qty: bigint | null
      revenue: string | null
    }>()
    expectTypeOf(
      db.selectFrom('daily_sales').select(['day', 'total']).execute(),
    ).resolves.toEqualTypeOf<{ day: string | null; total: string | null }[]>()
    expectTypeOf(
      db.selectFrom('spectrum.clicks').selectAll().executeTakeFirstOrThrow(),
    ).resolves.toEqualTypeOf<{
      url: string | null
      at: Date | null
      day: string | null
    }>()
    expectTypeOf(
      db
        .selectFrom('recent_sales as r')
        .innerJoin('sales as s', 's.id', 'r.id')
        .select(['r.sold_at', 's.qty'])
        .execute(),
    ).resolves.toEqualTypeOf<{ sold_at: Date | null; qty: number }[]>()
  })

  it('inserts and updates tables', () => {
    void db.insertInto('sales').values(sale)
    void db
      .insertInto('sales')
      .values({ ...sale, region: null, note: 'n', sold_at: new Date() })
    void db.insertInto('events').values({ id: 1n, payload: { a: [1] } })
    void db.insertInto('events').values({ payload: 'x', lines: { items: [] } })
    // @ts-expect-error a NOT NULL SUPER column takes no SQL NULL
    void db.insertInto('events').values({ payload: null, lines: { items: [] } })
    void db.updateTable('sales').set({ qty: 3 }).where('id', '=', 1n)
    void db.deleteFrom('sales as s').where('s.qty', '=', 0)
    void db
      .mergeInto('sales as t')
      .using('sales_summary as v', 'v.seller_id', 't.seller_id')
      .whenMatched()
      .thenDelete()
    // INSERT ... SELECT from a view: views stay readable inside a write.
    void db
      .insertInto('sales')
      .columns(['seller_id', 'qty', 'price'])
      .expression((eb) =>
        eb
          .selectFrom('sales_summary')
          .select(['seller_id', 'seller_id as qty', 'revenue as price'])
          .where('seller_id', 'is not', null)
          .$narrowType<{ seller_id: number; qty: number; price: string }>(),
      )
  })

  it('rejects wrong columns, wrong values, missing NOT NULL columns and IDENTITY values', () => {
    // @ts-expect-error no such column
    void db.selectFrom('sales').select('nope')
    // @ts-expect-error no such column on insert
    void db.insertInto('sales').values({ ...sale, nope: 1 })
    // @ts-expect-error qty is a number
    void db.insertInto('sales').values({ ...sale, qty: 'two' })
    // @ts-expect-error price (NOT NULL, no default) is missing
    void db.insertInto('sales').values({ seller_id: 1, qty: 2 })
    // @ts-expect-error id is IDENTITY: Redshift refuses an explicit value
    void db.insertInto('sales').values({ ...sale, id: 1n })
    // @ts-expect-error nor can an update set it
    void db.updateTable('sales').set({ id: 1n })
    // @ts-expect-error a @type-tagged SUPER column takes its tag's type
    void db.insertInto('events').values({ payload: 1, lines: { items: [1] } })
  })

  it('refuses writes to every kind of read-only relation on the client', () => {
    // @ts-expect-error a view
    db.insertInto('sales_summary')
    // @ts-expect-error a late-binding view
    db.insertInto('recent_sales')
    // @ts-expect-error a materialized view
    db.insertInto('daily_sales')
    // @ts-expect-error an external table
    db.insertInto('spectrum.clicks')
    // @ts-expect-error a view
    db.updateTable('sales_summary')
    // @ts-expect-error a late-binding view
    db.updateTable('recent_sales as r')
    // @ts-expect-error a materialized view
    db.updateTable('daily_sales')
    // @ts-expect-error a view
    db.deleteFrom('sales_summary')
    // @ts-expect-error a late-binding view
    db.deleteFrom('recent_sales')
    // @ts-expect-error a materialized view, in a list
    db.deleteFrom(['sales', 'daily_sales'])
    // @ts-expect-error a view
    db.mergeInto('sales_summary as t')
    // @ts-expect-error a view
    db.replaceInto('sales_summary')
    // @ts-expect-error views of the client keep the restriction
    db.withSchema('public').insertInto('daily_sales')
    // @ts-expect-error and so does withQuerySettings
    withQuerySettings(db, { queryGroup: 'etl' }).deleteFrom('recent_sales')
    // @ts-expect-error the mock's db is a client too
    createMockRedshift<DB>().db.insertInto('sales_summary')
  })

  it('refuses them inside transactions and connections of the client', async () => {
    await db.transaction().execute(async (trx) => {
      expectTypeOf(trx).toEqualTypeOf<RedshiftTransaction<DB>>()
      await trx.insertInto('sales').values(sale).execute()
      // @ts-expect-error a view
      trx.insertInto('sales_summary')
      // @ts-expect-error a late-binding view
      trx.insertInto('recent_sales')
      // @ts-expect-error a materialized view
      trx.insertInto('daily_sales')
      // @ts-expect-error a view
      trx.updateTable('sales_summary')
      // @ts-expect-error a late-binding view
      trx.updateTable('recent_sales')
      // @ts-expect-error a materialized view
      trx.updateTable('daily_sales')
      // @ts-expect-error a view
      trx.deleteFrom('sales_summary')
      // @ts-expect-error a late-binding view
      trx.deleteFrom('recent_sales')
      // @ts-expect-error a materialized view
      trx.deleteFrom('daily_sales')
      // @ts-expect-error an external table
      trx.deleteFrom('spectrum.clicks')
      // @ts-expect-error a view
      trx.mergeInto('sales_summary')
    })
    await db
      .transaction()
      .setIsolationLevel('serializable')
      .execute(async (trx) => {
        // @ts-expect-error a view
        trx.withSchema('public').insertInto('sales_summary')
      })
    await db.connection().execute(async (conn) => {
      expectTypeOf(conn).toEqualTypeOf<RedshiftKysely<DB>>()
      await conn.deleteFrom('sales').where('qty', '=', 0).execute()
      // @ts-expect-error a view
      conn.insertInto('sales_summary')
      // @ts-expect-error a materialized view
      conn.updateTable('daily_sales')
      await conn.transaction().execute(async (trx) => {
        // @ts-expect-error a late-binding view
        trx.deleteFrom('recent_sales')
      })
    })
    const trx = await db.startTransaction().execute()
    await trx.updateTable('sales').set({ qty: 1 }).execute()
    // @ts-expect-error a view
    trx.insertInto('sales_summary')
    // @ts-expect-error a materialized view
    trx.deleteFrom('daily_sales')
  })

  it('names writable and read-only relations', () => {
    expectTypeOf<WritableRelationName<DB>>().toEqualTypeOf<
      | 'MixedCase'
      | 'all_types'
      | 'analytics.events'
      | 'events'
      | 'sales'
      | 'sales_history_sales_history_sales_history_sales_history_sales_history_sales_history_sales_history_sales_history_sales_history_s'
    >()
    expectTypeOf<ReadOnlyRelationName<DB>>().toEqualTypeOf<
      'daily_sales' | 'recent_sales' | 'sales_summary' | 'spectrum.clicks'
    >()
  })

  it('keeps the client a Kysely<DB> and a Kysely<any>, and leaves a plain Kysely unrestricted', () => {
    expectTypeOf(db).toMatchTypeOf<Kysely<DB>>()
    expectTypeOf(db).toMatchTypeOf<Kysely<any>>()
    expectTypeOf<RedshiftClient<unknown>>().toMatchTypeOf<Kysely<any>>()
    const takesAny = (k: Kysely<any>) => k
    void takesAny(db)
    // Documented limit: without the client's types, Kysely lets it through.
    const kysely = db as Kysely<DB>
    void kysely.insertInto('sales_summary')
  })
})
