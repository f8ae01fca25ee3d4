import { CamelCasePlugin, sql } from 'kysely'
import { beforeEach, describe, expect, it } from 'vitest'

import {
  createMockRedshift,
  UnmatchedQueryError,
} from '../../src/testing/index.js'

interface DB {
  sales: { id: number; region: string; amount: string }
}

describe('mock canned results', () => {
  const mock = createMockRedshift<DB>()
  const { db } = mock

  beforeEach(() => mock.reset())

  it('answers an exact SQL string', async () => {
    mock.on('select "id" from "sales"').returns([{ id: 1 }, { id: 2 }])
    expect(await db.selectFrom('sales').select('id').execute()).toEqual([
      { id: 1 },
      { id: 2 },
    ])
    // A different statement is not matched by the exact string.
    expect(await db.selectFrom('sales').select('region').execute()).toEqual([])
  })

  it('answers a RegExp and a predicate', async () => {
    mock.on(/from "sales" where "region"/).returns([{ id: 3 }])
    mock.on((q) => q.parameters[0] === 42).returns([{ id: 42 }])
    expect(
      await db
        .selectFrom('sales')
        .select('id')
        .where('region', '=', 'eu')
        .execute(),
    ).toEqual([{ id: 3 }])
    expect(
      await db.selectFrom('sales').select('id').where('id', '=', 42).execute(),
    ).toEqual([{ id: 42 }])
  })

  it('computes a result from the query when given a function', async () => {
    mock
      .on(/where "id" = \$1/)
      .returns((q) => [{ id: q.parameters[0], region: 'eu' }])
    expect(
      await db
        .selectFrom('sales')
        .selectAll()
        .where('id', '=', 5)
        .executeTakeFirst(),
    ).toEqual({ id: 5, region: 'eu' })
  })

  it('lets the first matching rule win', async () => {
    const broad = mock.on(/from "sales"/).returns([{ id: 1 }])
    mock.on(/select "id" from "sales"/).returns([{ id: 2 }])
    expect(await db.selectFrom('sales').select('id').execute()).toEqual([
      { id: 1 },
    ])
    // The log says which rule answered, which explains a surprising result.
    expect(mock.lastQuery()?.rule).toBe(broad)
    await db.deleteFrom('sales').execute()
    expect(mock.lastQuery()?.rule).toBe(broad)
  })

  it('falls through to later rules once a `times` limit is used up', async () => {
    const once = mock.on(/from "sales"/, { times: 2 }).returns([{ id: 1 }])
    const always = mock.on(/from "sales"/).returns([{ id: 2 }])
    const ids = []
    for (let i = 0; i < 4; i++) {
      ids.push(
        (await db.selectFrom('sales').select('id').executeTakeFirst())?.id,
      )
    }
    expect(ids).toEqual([1, 1, 2, 2])
    expect(once).toMatchObject({
      hits: 2,
      times: 2,
      remaining: 0,
      isExhausted: true,
    })
    expect(always).toMatchObject({
      hits: 2,
      remaining: Infinity,
      isExhausted: false,
    })
    expect(mock.rules).toEqual([once, always])
  })

  it('rejects a `times` that is not a positive integer', () => {
    expect(() => mock.on('x', { times: 0 })).toThrow(RangeError)
    expect(() => mock.on('x', { times: 1.5 })).toThrow(
      'times must be a positive integer, got 1.5',
    )
    expect(mock.rules).toEqual([])
  })

  it('reports numAffectedRows for writes', async () => {
    mock.on(/^delete from "sales"/).returns({ numAffectedRows: 3 })
    mock.on(/^update "sales"/).returns({ numAffectedRows: 4n })
    const [deleted] = await db
      .deleteFrom('sales')
      .where('region', '=', 'eu')
      .execute()
    expect(deleted?.numDeletedRows).toBe(3n)
    const [updated] = await db
      .updateTable('sales')
      .set({ amount: '0' })
      .execute()
    expect(updated?.numUpdatedRows).toBe(4n)
  })

  it('defaults to no rows, and to zero affected rows for writes', async () => {
    expect(await db.selectFrom('sales').selectAll().execute()).toEqual([])
    const [inserted] = await db
      .insertInto('sales')
      .values({ id: 1, region: 'eu', amount: '1' })
      .execute()
    expect(inserted?.numInsertedOrUpdatedRows).toBe(0n)
    const raw = await sql`delete from sales`.execute(db)
    expect(raw.numAffectedRows).toBe(0n)
    const copy =
      await sql`copy sales from 's3://bucket/sales/' iam_role default`.execute(
        db,
      )
    expect(copy.numAffectedRows).toBe(0n)
    const rawSelect = await sql`select 1`.execute(db)
    expect(rawSelect.numAffectedRows).toBeUndefined()
  })

  it('returns fresh row objects so mutations by the caller do not leak', async () => {
    mock.on(/from "sales"/).returns([{ id: 1, region: 'eu' }])
    const first = await db.selectFrom('sales').selectAll().execute()
    ;(first[0] as { region: string }).region = 'changed'
    const second = await db.selectFrom('sales').selectAll().execute()
    expect(second[0]?.region).toBe('eu')
  })

  it('rejects a fractional or negative row count', async () => {
    mock.on(/^delete/).returns({ numAffectedRows: 1.5 })
    await expect(db.deleteFrom('sales').execute()).rejects.toThrow(
      'numAffectedRows must be a non-negative integer',
    )
  })

  it('works with the plugins the application uses', async () => {
    // With CamelCasePlugin the application's types are camel-cased.
    interface CamelDB {
      saleItems: { saleId: number; unitPrice: string }
    }
    const camel = createMockRedshift<CamelDB>({
      plugins: [new CamelCasePlugin()],
    })
    camel.on(/from "sale_items"/).returns([{ sale_id: 1, unit_price: '2.50' }])
    const rows = await camel.db
      .selectFrom('saleItems')
      .select(['saleId', 'unitPrice'])
      .execute()
    expect(camel.lastQuery()?.sql).toBe(
      'select "sale_id", "unit_price" from "sale_items"',
    )
    expect(rows).toEqual([{ saleId: 1, unitPrice: '2.50' }])
  })
})

describe('strict mock', () => {
  const mock = createMockRedshift<DB>({ strict: true })
  const { db } = mock

  beforeEach(() => mock.reset())

  it('throws on unmatched queries, naming the SQL and the rules', async () => {
    mock.on(/from "orders"/, { times: 1 }).returns([])
    const error = await db
      .selectFrom('sales')
      .select('id')
      .where('region', '=', 'secret-region')
      .execute()
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(UnmatchedQueryError)
    const unmatched = error as UnmatchedQueryError
    expect(unmatched.sql).toBe('select "id" from "sales" where "region" = $1')
    expect(unmatched.parameterCount).toBe(1)
    expect(unmatched.message).toContain(
      'select "id" from "sales" where "region" = $1',
    )
    expect(unmatched.message).toContain('/from "orders"/ (used 0 of 1 times)')
    // Parameter values are left out of the message.
    expect(unmatched.message).not.toContain('secret-region')
    expect(mock.lastQuery()).toMatchObject({ failed: true, error })
  })

  it('says when no rules are registered', async () => {
    await expect(db.selectFrom('sales').selectAll().execute()).rejects.toThrow(
      'No rules are registered.',
    )
  })

  it('answers matched queries and transaction control without rules', async () => {
    mock.on(/from "sales"/).returns([{ id: 1 }])
    const rows = await db
      .transaction()
      .execute((trx) => trx.selectFrom('sales').select('id').execute())
    expect(rows).toEqual([{ id: 1 }])
    expect(mock.queries.map((q) => q.sql)).toEqual([
      'begin',
      'select "id" from "sales"',
      'commit',
    ])
  })

  it('treats an exhausted rule as no rule', async () => {
    mock.on(/from "sales"/, { times: 1 }).returns([])
    await db.selectFrom('sales').selectAll().execute()
    await expect(db.selectFrom('sales').selectAll().execute()).rejects.toThrow(
      UnmatchedQueryError,
    )
  })

  it('does not poison a transaction: the unmatched query is a test setup error', async () => {
    await expect(
      db.transaction().execute(async (trx) => {
        await trx
          .selectFrom('sales')
          .selectAll()
          .execute()
          .catch(() => {})
        mock.on(/from "sales"/).returns([{ id: 9 }])
        return trx.selectFrom('sales').select('id').execute()
      }),
    ).resolves.toEqual([{ id: 9 }])
  })
})
