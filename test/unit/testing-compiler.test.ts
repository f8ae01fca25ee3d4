import { sql } from 'kysely'
import { beforeEach, describe, expect, it } from 'vitest'

import { RedshiftUnsupportedError } from '../../src/errors/index.js'
import { createMockRedshift } from '../../src/testing/index.js'

interface DB {
  sales: { id: number; region: string; amount: string }
}

describe('mock uses the Redshift compiler', () => {
  const mock = createMockRedshift<DB>()
  const { db } = mock

  beforeEach(() => mock.reset())

  it('refuses .returning() like the real client, before anything runs', async () => {
    const error = await db
      .insertInto('sales')
      .values({ id: 1, region: 'eu', amount: '1' })
      .returning('id')
      .execute()
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(RedshiftUnsupportedError)
    expect((error as Error).message).toMatch(/RETURNING/)
    expect(mock.queries).toEqual([])
  })

  it('refuses ON CONFLICT and DISTINCT ON', async () => {
    await expect(
      db
        .insertInto('sales')
        .values({ id: 1, region: 'eu', amount: '1' })
        .onConflict((oc) => oc.column('id').doNothing())
        .execute(),
    ).rejects.toBeInstanceOf(RedshiftUnsupportedError)
    await expect(
      db.selectFrom('sales').distinctOn('region').selectAll().execute(),
    ).rejects.toBeInstanceOf(RedshiftUnsupportedError)
    expect(mock.queries).toEqual([])
  })

  it('compiles what Redshift accepts exactly as the real client sends it', async () => {
    const query = db
      .selectFrom('sales')
      .select(['region', sql<string>`sum(amount)`.as('total')])
      .where('region', 'in', ['eu', 'us'])
      .groupBy('region')
      .limit(10)
    await query.execute()
    expect(mock.lastQuery()?.sql).toBe(query.compile().sql)
    expect(mock.lastQuery()?.parameters).toEqual(['eu', 'us', 10])
  })

  it('reports writes as results without rows, as Redshift cannot return them', async () => {
    mock.on(/^insert/).returns({ numAffectedRows: 2 })
    const [result] = await db
      .insertInto('sales')
      .values([
        { id: 1, region: 'eu', amount: '1' },
        { id: 2, region: 'us', amount: '2' },
      ])
      .execute()
    expect(result?.numInsertedOrUpdatedRows).toBe(2n)
  })
})
