import { sql } from 'kysely'
import { beforeEach, describe, expect, it } from 'vitest'

import { createMockRedshift } from '../../src/testing/index.js'

interface DB {
  sales: { id: number; region: string; amount: string }
}

describe('mock query log', () => {
  const mock = createMockRedshift<DB>()
  const { db } = mock

  beforeEach(() => mock.reset())

  it('records SQL, parameters and a timestamp for every query, in order', async () => {
    const before = Date.now()
    await db
      .selectFrom('sales')
      .select('id')
      .where('region', '=', 'eu')
      .execute()
    await db.deleteFrom('sales').where('id', '=', 7).execute()
    const after = Date.now()

    expect(mock.queries.map((q) => [q.sql, q.parameters])).toEqual([
      ['select "id" from "sales" where "region" = $1', ['eu']],
      ['delete from "sales" where "id" = $1', [7]],
    ])
    for (const query of mock.queries) {
      expect(query.timestamp.getTime()).toBeGreaterThanOrEqual(before)
      expect(query.timestamp.getTime()).toBeLessThanOrEqual(after)
      expect(query.inTransaction).toBe(false)
      expect(query.transactionId).toBeUndefined()
      expect(query.transactionControl).toBeUndefined()
      expect(query.streamed).toBe(false)
      expect(query.failed).toBe(false)
      expect(query.error).toBeUndefined()
      expect(query.rule).toBeUndefined()
    }
    const [first, second] = mock.queries
    expect(first!.timestamp.getTime()).toBeLessThanOrEqual(
      second!.timestamp.getTime(),
    )
    expect(first!.compiledQuery.query.kind).toBe('SelectQueryNode')
  })

  it('records raw sql too', async () => {
    await sql`select ${1} as one`.execute(db)
    expect(mock.lastQuery()?.sql).toBe('select $1 as one')
    expect(mock.lastQuery()?.parameters).toEqual([1])
  })

  it('gives a read-only snapshot of the log', async () => {
    await db.selectFrom('sales').selectAll().execute()
    const snapshot = mock.queries
    expect(Object.isFrozen(snapshot)).toBe(true)
    expect(Object.isFrozen(snapshot[0])).toBe(true)
    expect(Object.isFrozen(snapshot[0]!.parameters)).toBe(true)
    expect(() => (snapshot as unknown[]).push({})).toThrow(TypeError)

    await db.selectFrom('sales').selectAll().execute()
    expect(snapshot).toHaveLength(1)
    expect(mock.queries).toHaveLength(2)
  })

  it('lastQuery() is undefined before any query and the latest one after', async () => {
    expect(mock.lastQuery()).toBeUndefined()
    await db.selectFrom('sales').select('id').execute()
    await db.selectFrom('sales').select('region').execute()
    expect(mock.lastQuery()?.sql).toBe('select "region" from "sales"')
  })

  it('queriesMatching() filters by exact SQL, RegExp or predicate', async () => {
    await db.selectFrom('sales').select('id').execute()
    await db
      .insertInto('sales')
      .values({ id: 1, region: 'eu', amount: '1.00' })
      .execute()
    await db
      .insertInto('sales')
      .values({ id: 2, region: 'us', amount: '2.00' })
      .execute()

    expect(mock.queriesMatching('select "id" from "sales"')).toHaveLength(1)
    expect(mock.queriesMatching(/^insert into "sales"/)).toHaveLength(2)
    // A global RegExp is stateful with `.test()`; matching must not be.
    expect(mock.queriesMatching(/insert/g)).toHaveLength(2)
    expect(
      mock
        .queriesMatching((q) => q.parameters.includes('us'))
        .map((q) => q.parameters[0]),
    ).toEqual([2])
    expect(mock.queriesMatching('select 1')).toEqual([])
  })

  it('clearQueries() empties the log but keeps the rules', async () => {
    mock.on(/from "sales"/).returns([{ id: 1 }])
    await db.selectFrom('sales').select('id').execute()
    mock.clearQueries()
    expect(mock.queries).toEqual([])
    expect(await db.selectFrom('sales').select('id').execute()).toEqual([
      { id: 1 },
    ])
  })

  it('reset() empties the log, removes rules and errors, restarts transaction numbers', async () => {
    mock.on(/from "sales"/).returns([{ id: 1 }])
    mock.on(/^delete/).fails(new Error('boom'))
    await db
      .transaction()
      .execute((trx) => trx.selectFrom('sales').select('id').execute())
    mock.reset()

    expect(mock.queries).toEqual([])
    expect(mock.rules).toEqual([])
    expect(await db.selectFrom('sales').select('id').execute()).toEqual([])
    await expect(db.deleteFrom('sales').execute()).resolves.toBeDefined()
    await db.transaction().execute(async () => {})
    expect(mock.queriesMatching('begin')[0]?.transactionId).toBe(1)
  })
})
