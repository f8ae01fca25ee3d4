import { AbortedTransactionError } from 'kysely'
import { beforeEach, describe, expect, it } from 'vitest'

import {
  RedshiftUnsupportedError,
  SerializationFailureError,
} from '../../src/errors/index.js'
import { createMockRedshift, redshiftError } from '../../src/testing/index.js'

interface DB {
  sales: { id: number; region: string }
}

describe('mock transactions', () => {
  const mock = createMockRedshift<DB>()
  const { db } = mock

  beforeEach(() => mock.reset())

  const log = () =>
    mock.queries.map((q) => ({
      sql: q.sql,
      transactionId: q.transactionId,
      control: q.transactionControl,
      failed: q.failed,
    }))

  it('records begin and commit, and numbers each transaction', async () => {
    await db.selectFrom('sales').select('id').execute()
    await db.transaction().execute(async (trx) => {
      await trx.insertInto('sales').values({ id: 1, region: 'eu' }).execute()
      await trx.selectFrom('sales').select('id').execute()
    })
    await db.transaction().execute((trx) => trx.deleteFrom('sales').execute())

    expect(log()).toEqual([
      {
        sql: 'select "id" from "sales"',
        transactionId: undefined,
        control: undefined,
        failed: false,
      },
      { sql: 'begin', transactionId: 1, control: 'begin', failed: false },
      {
        sql: 'insert into "sales" ("id", "region") values ($1, $2)',
        transactionId: 1,
        control: undefined,
        failed: false,
      },
      {
        sql: 'select "id" from "sales"',
        transactionId: 1,
        control: undefined,
        failed: false,
      },
      { sql: 'commit', transactionId: 1, control: 'commit', failed: false },
      { sql: 'begin', transactionId: 2, control: 'begin', failed: false },
      {
        sql: 'delete from "sales"',
        transactionId: 2,
        control: undefined,
        failed: false,
      },
      { sql: 'commit', transactionId: 2, control: 'commit', failed: false },
    ])
    expect(mock.queries.filter((q) => q.inTransaction)).toHaveLength(7)
  })

  it('records a rollback when the callback throws', async () => {
    await expect(
      db.transaction().execute(async (trx) => {
        await trx.deleteFrom('sales').execute()
        throw new Error('changed my mind')
      }),
    ).rejects.toThrow('changed my mind')
    expect(log().map((q) => [q.sql, q.transactionId])).toEqual([
      ['begin', 1],
      ['delete from "sales"', 1],
      ['rollback', 1],
    ])
  })

  it('keeps concurrent transactions apart', async () => {
    let release!: () => void
    const gate = new Promise<void>((resolve) => (release = resolve))
    const first = db.transaction().execute(async (trx) => {
      await trx.selectFrom('sales').select('id').where('id', '=', 1).execute()
      await gate
      await trx.selectFrom('sales').select('id').where('id', '=', 1).execute()
    })
    const second = db.transaction().execute(async (trx) => {
      await trx.selectFrom('sales').select('id').where('id', '=', 2).execute()
      release()
    })
    await Promise.all([first, second])
    const byTransaction = (id: number) =>
      mock
        .queriesMatching((q) => q.transactionId === id && !q.transactionControl)
        .map((q) => q.parameters[0])
    const firstId = mock.queriesMatching((q) => q.parameters[0] === 1)[0]!
      .transactionId!
    expect(byTransaction(firstId)).toEqual([1, 1])
    expect(byTransaction(firstId === 1 ? 2 : 1)).toEqual([2])
  })

  it('opens transactions with the statements the real driver sends', async () => {
    await db
      .transaction()
      .setIsolationLevel('serializable')
      .setAccessMode('read only')
      .execute(async () => {})
    await db
      .transaction()
      .setAccessMode('read write')
      .execute(async () => {})
    await db
      .transaction()
      .setIsolationLevel('serializable')
      .execute(async () => {})
    expect(
      mock
        .queriesMatching((q) => q.transactionControl === 'begin')
        .map((q) => q.sql),
    ).toEqual([
      'start transaction isolation level serializable read only',
      'start transaction read write',
      'start transaction isolation level serializable',
    ])
  })

  it('refuses isolation levels Redshift would silently run as SERIALIZABLE', async () => {
    for (const level of [
      'read committed',
      'read uncommitted',
      'repeatable read',
    ] as const) {
      const error = await db
        .transaction()
        .setIsolationLevel(level)
        .execute(async () => {})
        .catch((e: unknown) => e)
      expect(error).toBeInstanceOf(RedshiftUnsupportedError)
      expect((error as Error).message).toContain(level)
    }
    // Nothing reached the "server".
    expect(mock.queries).toEqual([])
  })

  it('accepts SNAPSHOT only on a database that runs it', async () => {
    await expect(
      db
        .transaction()
        .setIsolationLevel('snapshot')
        .execute(async () => {}),
    ).rejects.toBeInstanceOf(RedshiftUnsupportedError)

    const serverless = createMockRedshift<DB>({ databaseIsolation: 'snapshot' })
    await serverless.db
      .transaction()
      .setIsolationLevel('snapshot')
      .execute(async () => {})
    await serverless.db
      .transaction()
      .setIsolationLevel('snapshot')
      .setAccessMode('read only')
      .execute(async () => {})
    expect(serverless.queries.map((q) => q.sql)).toEqual([
      'begin',
      'commit',
      'start transaction read only',
      'commit',
    ])
  })

  it('records controlled transactions', async () => {
    const trx = await db.startTransaction().execute()
    await trx.selectFrom('sales').selectAll().execute()
    await trx.rollback().execute()
    expect(log().map((q) => [q.sql, q.transactionId])).toEqual([
      ['begin', 1],
      ['select * from "sales"', 1],
      ['rollback', 1],
    ])
  })

  it('refuses savepoints, which Redshift does not have', async () => {
    const trx = await db.startTransaction().execute()
    const error = await trx
      .savepoint('s1')
      .execute()
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(RedshiftUnsupportedError)
    expect((error as Error).message).toMatch(/savepoint/i)
    await trx.rollback().execute()
  })

  it('fails every statement after a failed one until rollback, like a real session', async () => {
    mock.on(/^delete/, { times: 1 }).fails(redshiftError.tableNotFound('sales'))
    const seen: unknown[] = []
    await expect(
      db.transaction().execute(async (trx) => {
        await trx
          .deleteFrom('sales')
          .execute()
          .catch((e: unknown) => seen.push(e))
        // Code that swallows the error and carries on hits 25P02.
        await trx.selectFrom('sales').selectAll().execute()
      }),
    ).rejects.toMatchObject({ code: '25P02' })
    expect(seen).toHaveLength(1)
    expect(log()).toEqual([
      { sql: 'begin', transactionId: 1, control: 'begin', failed: false },
      {
        sql: 'delete from "sales"',
        transactionId: 1,
        control: undefined,
        failed: true,
      },
      {
        sql: 'select * from "sales"',
        transactionId: 1,
        control: undefined,
        failed: true,
      },
      { sql: 'rollback', transactionId: 1, control: 'rollback', failed: false },
    ])
  })

  it('rolls back on commit of a failed transaction and reports it as aborted', async () => {
    mock.on(/^delete/, { times: 1 }).fails(redshiftError.tableNotFound('sales'))
    await expect(
      db.transaction().execute(async (trx) => {
        await trx
          .deleteFrom('sales')
          .execute()
          .catch(() => {})
      }),
    ).rejects.toThrow(AbortedTransactionError)
    expect(log().map((q) => q.sql)).toEqual([
      'begin',
      'delete from "sales"',
      'commit',
    ])
    // The session is usable again afterwards.
    await expect(db.selectFrom('sales').selectAll().execute()).resolves.toEqual(
      [],
    )
  })

  it('can fail the commit; the rollback that follows belongs to the same transaction', async () => {
    mock.on('commit', { times: 1 }).fails(redshiftError.serializationFailure())
    let attempts = 0
    const run = () =>
      db.transaction().execute(async (trx) => {
        attempts++
        await trx.insertInto('sales').values({ id: 1, region: 'eu' }).execute()
      })
    await expect(run()).rejects.toBeInstanceOf(SerializationFailureError)
    await run()
    expect(attempts).toBe(2)
    expect(
      log().map((q) => [q.sql.split(' ')[0], q.transactionId, q.failed]),
    ).toEqual([
      ['begin', 1, false],
      ['insert', 1, false],
      ['commit', 1, true],
      ['rollback', 1, false],
      ['begin', 2, false],
      ['insert', 2, false],
      ['commit', 2, false],
    ])
  })

  it('can fail the begin itself', async () => {
    mock.on('begin', { times: 1 }).fails(redshiftError.connectionLost())
    await expect(
      db.transaction().execute(async () => {}),
    ).rejects.toMatchObject({
      code: 'ECONNRESET',
    })
    // No rollback follows a begin that failed, and the next one works.
    await db.transaction().execute(async () => {})
    expect(log().map((q) => [q.sql, q.transactionId, q.failed])).toEqual([
      ['begin', 1, true],
      ['begin', 2, false],
      ['commit', 2, false],
    ])
  })
})
