import { beforeEach, describe, expect, it } from 'vitest'

import { QuerySettingsPlugin } from '../../src/dialect/query-settings-plugin.js'
import {
  QueryCancelledError,
  StatementTimeoutError,
} from '../../src/errors/index.js'
import { createMockRedshift, redshiftError } from '../../src/testing/index.js'

interface DB {
  events: { id: number }
}

describe('mock session settings', () => {
  const mock = createMockRedshift<DB>({
    session: { queryGroup: 'app', statementTimeoutMs: 30_000 },
  })
  const { db } = mock
  const etl = db.withPlugin(
    new QuerySettingsPlugin({ queryGroup: 'etl', searchPath: ['staging'] }),
  )

  beforeEach(() => mock.reset())

  it('records the session each query ran with', async () => {
    await db.selectFrom('events').selectAll().execute()
    await etl.selectFrom('events').selectAll().execute()
    expect(mock.queries.map((q) => q.session)).toEqual([
      { queryGroup: 'app', statementTimeoutMs: 30_000, searchPath: undefined },
      {
        queryGroup: 'etl',
        statementTimeoutMs: 30_000,
        searchPath: ['staging'],
      },
    ])
  })

  it('applies a plugin to every query of a transaction started from it', async () => {
    await etl.transaction().execute(async (trx) => {
      await trx.selectFrom('events').selectAll().execute()
      await trx.deleteFrom('events').execute()
    })
    const statements = mock.queriesMatching((q) => !q.transactionControl)
    expect(statements.map((q) => q.session.queryGroup)).toEqual(['etl', 'etl'])
  })

  it('lets rules match on the session', async () => {
    mock.on((q) => q.session.queryGroup === 'etl').returns([{ id: 1 }])
    expect(await db.selectFrom('events').selectAll().execute()).toEqual([])
    expect(await etl.selectFrom('events').selectAll().execute()).toEqual([
      { id: 1 },
    ])
  })
})

describe('mock statement timeouts', () => {
  it('maps statementTimeout() to StatementTimeoutError with the timeout in force', async () => {
    const mock = createMockRedshift<DB>({
      session: { statementTimeoutMs: 5_000 },
    })
    mock.on(/from "events"/).fails(redshiftError.statementTimeout())
    const error = await mock.db
      .selectFrom('events')
      .selectAll()
      .execute()
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(StatementTimeoutError)
    expect(error).toMatchObject({
      code: '57014',
      timeoutMs: 5_000,
      message: "Query (1234567) cancelled on user's request",
    })
  })

  it('takes the timeout from a QuerySettingsPlugin, or from the preset', async () => {
    const mock = createMockRedshift<DB>()
    mock
      .on(/where "id" = \$1/)
      .fails(redshiftError.statementTimeout({ timeoutMs: 900 }))
    mock.on(/from "events"/).fails(redshiftError.statementTimeout())
    const slow = mock.db.withPlugin(
      new QuerySettingsPlugin({ statementTimeoutMs: 250 }),
    )
    await expect(
      slow.selectFrom('events').selectAll().execute(),
    ).rejects.toMatchObject({
      constructor: StatementTimeoutError,
      timeoutMs: 250,
    })
    await expect(
      mock.db.selectFrom('events').selectAll().where('id', '=', 1).execute(),
    ).rejects.toMatchObject({
      constructor: StatementTimeoutError,
      timeoutMs: 900,
    })
  })

  it('comes out as a cancel when no timeout is known, as from the real driver', async () => {
    const mock = createMockRedshift<DB>()
    mock.on(/from "events"/).fails(redshiftError.statementTimeout())
    await expect(
      mock.db.selectFrom('events').selectAll().execute(),
    ).rejects.toBeInstanceOf(QueryCancelledError)
  })

  it('keeps a plain cancel a cancel even with a timeout set', async () => {
    const mock = createMockRedshift<DB>({
      session: { statementTimeoutMs: 5_000 },
    })
    mock.on(/from "events"/).fails(redshiftError.queryCancelled())
    await expect(
      mock.db.selectFrom('events').selectAll().execute(),
    ).rejects.toBeInstanceOf(QueryCancelledError)
  })
})
