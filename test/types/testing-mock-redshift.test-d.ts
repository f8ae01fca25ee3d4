import type { Kysely, Selectable } from 'kysely'
import { describe, expectTypeOf, it } from 'vitest'

import type { RedshiftClient } from '../../src/index.js'
import {
  createMockRedshift,
  redshiftError,
  type DatabaseIsolation,
  type MockQuery,
  type MockRedshiftOptions,
  type MockRedshift,
  type MockRule,
  type RecordedQuery,
} from '../../src/testing/index.js'

interface DB {
  sales: { id: number; region: string; amount: string }
  sales_summary: { region: string; total: string }
}

describe('createMockRedshift types', () => {
  const mock = createMockRedshift<DB>()

  it('gives a RedshiftClient<DB>, which is a Kysely<DB>', () => {
    expectTypeOf(mock).toEqualTypeOf<MockRedshift<DB>>()
    expectTypeOf(mock.db).toEqualTypeOf<RedshiftClient<DB>>()
    expectTypeOf(mock.db).toMatchTypeOf<Kysely<DB>>()
  })

  it('types query results from DB', () => {
    const rows = mock.db.selectFrom('sales').select(['id', 'region']).execute()
    expectTypeOf(rows).resolves.toEqualTypeOf<
      { id: number; region: string }[]
    >()
    const all = mock.db.selectFrom('sales').selectAll().executeTakeFirst()
    expectTypeOf(all).resolves.toEqualTypeOf<
      Selectable<DB['sales']> | undefined
    >()
  })

  it('rejects unknown tables and columns', () => {
    // @ts-expect-error no such table
    mock.db.selectFrom('nope')
    // @ts-expect-error no such column
    mock.db.selectFrom('sales').select('nope')
  })

  it('exposes a read-only log', () => {
    expectTypeOf(mock.queries).toEqualTypeOf<readonly RecordedQuery[]>()
    expectTypeOf(mock.lastQuery()).toEqualTypeOf<RecordedQuery | undefined>()
    expectTypeOf(mock.queries[0]!.parameters).toEqualTypeOf<
      readonly unknown[]
    >()
    // @ts-expect-error the log cannot be written to
    mock.queries.push(mock.queries[0]!)
    // @ts-expect-error records are read-only
    mock.queries[0]!.sql = 'x'
  })

  it('types rules and their predicates', () => {
    expectTypeOf(
      mock.on('select 1').returns([{ one: 1 }]),
    ).toEqualTypeOf<MockRule>()
    mock.on((query) => {
      expectTypeOf(query).toEqualTypeOf<MockQuery>()
      return query.inTransaction
    })
    mock.on(/x/).returns({ numAffectedRows: 1n })
    mock.on(/x/).returns((query) => [{ id: query.parameters[0] }])
    mock.on(/x/, { times: 2 }).fails(redshiftError.serializationFailure())
    mock.on(/x/).fails((query) => {
      expectTypeOf(query).toEqualTypeOf<MockQuery>()
      return redshiftError.tableNotFound(query.sql)
    })
    // @ts-expect-error rows must be objects
    mock.on(/x/).returns([1, 2])
    // @ts-expect-error times is a number
    mock.on(/x/, { times: '2' })
  })

  it('types the options', () => {
    createMockRedshift<DB>({
      strict: true,
      databaseIsolation: 'snapshot',
      session: { queryGroup: 'etl', statementTimeoutMs: 1_000 },
    })
    // @ts-expect-error Redshift databases run serializable or snapshot only
    createMockRedshift<DB>({ databaseIsolation: 'read committed' })
    // @ts-expect-error unknown session setting
    createMockRedshift<DB>({ session: { queryLabel: 'x' } })
    expectTypeOf<MockRedshiftOptions['databaseIsolation']>().toEqualTypeOf<
      DatabaseIsolation | undefined
    >()
  })
})
