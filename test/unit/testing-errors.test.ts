import pg from 'pg'
import { DatabaseError } from 'pg-protocol'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'

import {
  ColumnNotFoundError,
  ConnectionLostError,
  InvalidSqlError,
  LoadError,
  mapRedshiftError,
  NotAllowedInTransactionError,
  PermissionDeniedError,
  QueryCancelledError,
  RedshiftError,
  ResourceError,
  SerializationFailureError,
  TableNotFoundError,
} from '../../src/errors/index.js'
import { createMockRedshift, redshiftError } from '../../src/testing/index.js'
import { openTestDatabase } from '../setup/test-database.js'

interface DB {
  sales: { id: number; region: string }
}

describe('mock injected errors', () => {
  const mock = createMockRedshift<DB>()
  const { db } = mock
  const select = () => db.selectFrom('sales').select('id').execute()

  beforeEach(() => mock.reset())

  it('fails once, then falls back to the default result', async () => {
    mock
      .on(/from "sales"/, { times: 1 })
      .fails(redshiftError.serializationFailure())
    await expect(select()).rejects.toBeInstanceOf(SerializationFailureError)
    await expect(select()).resolves.toEqual([])
  })

  it('fails N times, then lets a later rule answer', async () => {
    const failing = mock
      .on(/from "sales"/, { times: 2 })
      .fails(redshiftError.queryCancelled())
    mock.on(/from "sales"/).returns([{ id: 1 }])
    await expect(select()).rejects.toBeInstanceOf(QueryCancelledError)
    await expect(select()).rejects.toBeInstanceOf(QueryCancelledError)
    await expect(select()).resolves.toEqual([{ id: 1 }])
    expect(failing.isExhausted).toBe(true)
  })

  it('fails every time without a limit', async () => {
    mock
      .on('select "id" from "sales"')
      .fails(redshiftError.tableNotFound('sales'))
    for (let i = 0; i < 3; i++) {
      await expect(select()).rejects.toBeInstanceOf(TableNotFoundError)
    }
  })

  it('maps errors like the real driver: typed class, raw fields, SQL', async () => {
    mock.on(/from "sales"/).fails(
      redshiftError({
        code: 'XX000',
        message: '1023',
        detail:
          'Serializable isolation violation on table - 100, transactions forming the cycle are: 1, 2 (pid:1)',
      }),
    )
    const error = await select().catch((e: unknown) => e)
    expect(error).toBeInstanceOf(SerializationFailureError)
    expect(error).toMatchObject({
      code: 'XX000',
      redshiftCode: 1023,
      isRetryable: true,
      detail: expect.stringContaining(
        'Serializable isolation violation on table - 100',
      ),
      sql: 'select "id" from "sales"',
    })
    expect((error as RedshiftError).cause).toBeDefined()
    // The log keeps the error the caller saw.
    expect(mock.lastQuery()).toMatchObject({ failed: true, error })
  })

  it('maps an arbitrary error object the way the driver maps anything it catches', async () => {
    mock.on(/from "sales"/).fails(new Error('something odd'))
    const error = await select().catch((e: unknown) => e)
    expect(error).toBeInstanceOf(RedshiftError)
    expect((error as Error).message).toBe('something odd')
  })

  it('passes an already typed error through unchanged', async () => {
    const typed = new SerializationFailureError('1023', { code: 'XX000' })
    mock.on(/from "sales"/).fails(typed)
    await expect(select()).rejects.toBe(typed)
  })

  it('builds a fresh error per query from a function', async () => {
    let built = 0
    mock.on(/from "sales"/).fails((q) => {
      built++
      return redshiftError.syntaxError('$1', q.parameters.length + 1)
    })
    const first = await select().catch((e: unknown) => e)
    const second = await select().catch((e: unknown) => e)
    expect(built).toBe(2)
    expect(first).not.toBe(second)
    expect(first).toMatchObject({ position: 1 })
  })

  it.each([
    [
      'serializationFailure',
      redshiftError.serializationFailure(),
      SerializationFailureError,
    ],
    [
      'concurrentTransactionConflict',
      redshiftError.concurrentTransactionConflict(),
      SerializationFailureError,
    ],
    [
      'queryCancelled',
      redshiftError.queryCancelled({ queryId: 7 }),
      QueryCancelledError,
    ],
    ['systemAbort', redshiftError.systemAbort(), ResourceError],
    ['diskFull', redshiftError.diskFull(), ResourceError],
    ['loadFailed', redshiftError.loadFailed('sales'), LoadError],
    ['tableNotFound', redshiftError.tableNotFound('sales'), TableNotFoundError],
    [
      'columnNotFound',
      redshiftError.columnNotFound('price'),
      ColumnNotFoundError,
    ],
    [
      'permissionDenied',
      redshiftError.permissionDenied('sales'),
      PermissionDeniedError,
    ],
    ['syntaxError', redshiftError.syntaxError('$1', 12), InvalidSqlError],
    [
      'notAllowedInTransaction',
      redshiftError.notAllowedInTransaction('VACUUM'),
      NotAllowedInTransactionError,
    ],
    [
      'sessionTerminated',
      redshiftError.sessionTerminated(),
      ConnectionLostError,
    ],
    ['connectionLost', redshiftError.connectionLost(), ConnectionLostError],
  ] as const)(
    'preset %s comes out as %O',
    async (_name, injected, expected) => {
      mock.on(/from "sales"/).fails(injected)
      await expect(select()).rejects.toBeInstanceOf(expected)
    },
  )

  it('keeps what the presets say', async () => {
    const cases = [
      [
        redshiftError.systemAbort(),
        { reason: 'query-aborted', redshiftCode: 1020 },
      ],
      [redshiftError.diskFull(), { reason: 'disk-full', redshiftCode: 1016 }],
      [
        redshiftError.loadFailed('sales'),
        { tableName: 'sales', code: 'XX000' },
      ],
      [
        redshiftError.queryCancelled({ queryId: 7 }),
        { code: '57014', message: "Query (7) cancelled on user's request" },
      ],
      [redshiftError.syntaxError('$1', 12), { code: '42601', position: 12 }],
      [redshiftError.sessionTerminated(), { code: '57P01', severity: 'FATAL' }],
      [redshiftError.connectionLost(), { code: 'ECONNRESET' }],
    ] as const
    for (const [injected, fields] of cases) {
      mock.reset()
      mock.on(/from "sales"/).fails(injected)
      await expect(select()).rejects.toMatchObject(fields)
    }
  })

  it('fails the statements after an injected error in a transaction with 25P02', async () => {
    mock
      .on(/^delete/, { times: 1 })
      .fails(redshiftError.permissionDenied('sales'))
    const errors: unknown[] = []
    await db
      .transaction()
      .execute(async (trx) => {
        await trx
          .deleteFrom('sales')
          .execute()
          .catch((e: unknown) => errors.push(e))
        await trx.selectFrom('sales').selectAll().execute()
      })
      .catch((e: unknown) => errors.push(e))
    expect(errors[0]).toBeInstanceOf(PermissionDeniedError)
    expect(errors[1]).toBeInstanceOf(RedshiftError)
    expect(errors[1]).toMatchObject({
      code: '25P02',
      message:
        'current transaction is aborted, commands ignored until end of transaction block',
    })
  })
})

describe('redshiftError matches what node-postgres raises', () => {
  let client: pg.Client
  let close: () => Promise<void>

  beforeAll(async () => {
    ;({ client, close } = await openTestDatabase('testing_errors'))
  })

  afterAll(() => close())

  it('has the same class and field types as a real server error', async () => {
    const real = await client
      .query('select * from no_such_table')
      .catch((e: unknown) => e)
    const built = redshiftError.tableNotFound('no_such_table')

    expect(real).toBeInstanceOf(DatabaseError)
    expect(real).toBeInstanceOf(pg.DatabaseError)
    expect(built).toBeInstanceOf(pg.DatabaseError)
    // Same own fields (pg-protocol assigns all of them, set or not) ...
    expect(Object.keys(built).sort()).toEqual(
      Object.keys(real as object).sort(),
    )
    // ... and the same type wherever both carry a value (pg sends
    // position and line as strings, not numbers).
    for (const [key, value] of Object.entries(real as object)) {
      const builtValue = (built as unknown as Record<string, unknown>)[key]
      if (value !== undefined && builtValue !== undefined) {
        expect.soft(typeof builtValue, key).toBe(typeof value)
      }
    }
    expect(typeof redshiftError.syntaxError('x', 3).position).toBe(
      typeof (real as DatabaseError).position,
    )
    expect(built).toMatchObject({
      name: 'error',
      severity: 'ERROR',
      code: (real as DatabaseError).code,
      message: (real as DatabaseError).message,
    })
  })

  it('maps to the same typed error as the real one', async () => {
    const real = await client
      .query('select nope from pg_class')
      .catch((e: unknown) => e)
    const mock = createMockRedshift<DB>()
    mock.on(/./).fails(redshiftError.columnNotFound('nope'))
    const fromMock = await mock.db
      .selectFrom('sales')
      .selectAll()
      .execute()
      .catch((e: unknown) => e)
    const fromServer = mapRedshiftError(real)
    expect(fromMock).toBeInstanceOf(fromServer.constructor)
    expect((fromMock as RedshiftError).message).toBe(fromServer.message)
    expect((fromMock as RedshiftError).code).toBe(fromServer.code)
  })
})
