import { Kysely, type Transaction } from 'kysely'
import { describe, expectTypeOf, it } from 'vitest'

import {
  createRedshift,
  withQuerySettings,
  type RedshiftClient,
  type RedshiftConfig,
  type RedshiftTransaction,
} from '../../src/index.js'
import { createMockRedshift } from '../../src/testing/index.js'

interface DB {
  sales: { id: number; region: string; amount: string }
}

// The signature application code is written against.
async function importSales(db: RedshiftClient<DB>): Promise<string> {
  await db.insertInto('sales').values({ id: 1, region: 'eu', amount: '1' })
  await db.close()
  return db.config.database
}

// Never connects: type tests only compile.
const client = createRedshift<DB>('redshift://app@localhost:5439/dev')
const mock = createMockRedshift<DB>()

describe('one RedshiftClient<DB> signature', () => {
  it('takes the real client, the mock and their withQuerySettings views', () => {
    expectTypeOf(importSales).toBeCallableWith(client)
    expectTypeOf(importSales).toBeCallableWith(mock.db)
    expectTypeOf(importSales).toBeCallableWith(
      withQuerySettings(client, { queryGroup: 'etl' }),
    )
    expectTypeOf(importSales).toBeCallableWith(
      withQuerySettings(mock.db, { queryGroup: 'etl' }),
    )
  })

  it('does not take a plain Kysely<DB>, which has no close() or config', () => {
    const kysely = client as Kysely<DB>
    // @ts-expect-error a Kysely<DB> is not a client
    void importSales(kysely)
    // @ts-expect-error nor is a view of one
    void importSales(withQuerySettings(kysely, { queryGroup: 'etl' }))
  })

  it('keeps close() and config on every view', () => {
    const view = withQuerySettings(mock.db, { statementTimeoutMs: 1000 })
    expectTypeOf(view).toEqualTypeOf<RedshiftClient<DB>>()
    expectTypeOf(view.config).toEqualTypeOf<RedshiftConfig>()
    expectTypeOf(view.close).returns.toEqualTypeOf<Promise<void>>()
    expectTypeOf(client.withSchema('etl')).toEqualTypeOf<RedshiftClient<DB>>()
    expectTypeOf(client.withoutPlugins()).toEqualTypeOf<RedshiftClient<DB>>()
    expectTypeOf(
      withQuerySettings(withQuerySettings(client, { queryGroup: 'a' }), {
        searchPath: ['etl'],
      }),
    ).toEqualTypeOf<RedshiftClient<DB>>()
  })

  it('adds tables with withTables and stays a client', () => {
    const temp = client.withTables<{ staging: { id: number } }>()
    expectTypeOf(temp.config).toEqualTypeOf<RedshiftConfig>()
    expectTypeOf(
      temp.selectFrom('staging').select('id').execute(),
    ).resolves.toEqualTypeOf<{ id: number }[]>()
    expectTypeOf(
      temp.selectFrom('sales').select('region').execute(),
    ).resolves.toEqualTypeOf<{ region: string }[]>()
    // @ts-expect-error no such table
    temp.selectFrom('nope')
  })

  it('gives a plain Kysely<DB> and a transaction back as they were', () => {
    const kysely = new Kysely<DB>({ dialect: mock.dialect })
    expectTypeOf(
      withQuerySettings(kysely, { queryGroup: 'etl' }),
    ).toEqualTypeOf<Kysely<DB>>()
    void kysely.transaction().execute(async (trx) => {
      expectTypeOf(withQuerySettings(trx, { queryGroup: 'etl' })).toEqualTypeOf<
        Transaction<DB>
      >()
    })
    // A client's transaction is a RedshiftTransaction (writes only to
    // writable relations), and stays one.
    void client.transaction().execute(async (trx) => {
      expectTypeOf(withQuerySettings(trx, { queryGroup: 'etl' })).toEqualTypeOf<
        RedshiftTransaction<DB>
      >()
    })
  })
})
