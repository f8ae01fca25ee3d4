import { CompiledQuery, sql, type Transaction } from 'kysely'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

import { withQuerySettings } from '../../src/dialect/query-settings-plugin.js'
import {
  PermissionDeniedError,
  PoolClosedError,
  SerializationFailureError,
} from '../../src/errors/index.js'
import { ImplicitCommitError } from '../../src/resilience/transaction-implicit-commit-error.js'
import { TransactionRetriesExhaustedError } from '../../src/resilience/transaction-retries-exhausted-error.js'
import { createMockRedshift, redshiftError } from '../../src/testing/index.js'

interface DB {
  accounts: { id: number; balance: number }
  audit: { id: number }
}

// Delays of a few ms, so the tests spend no time sleeping.
const FAST = { initialDelayMs: 1, maxDelayMs: 4 } as const

describe('db.retryingTransaction() on the mock', () => {
  const mock = createMockRedshift<DB>()
  const { db } = mock

  beforeEach(() => mock.reset())

  const log = () =>
    mock.queries.map((q) => `${q.transactionId ?? '-'} ${q.sql}`)

  it('runs the whole callback again after an injected 1023, in a new transaction', async () => {
    mock
      .on(/^update "accounts"/, { times: 2 })
      .fails(redshiftError.serializationFailure())
    const retries: Array<[number, string, number]> = []
    const attempts: number[] = []

    const result = await db
      .retryingTransaction({
        ...FAST,
        lock: ['audit', 'accounts', 'audit'],
        onRetry: (attempt, error, delayMs) => {
          expect(error).toBeInstanceOf(SerializationFailureError)
          expect(delayMs).toBeGreaterThanOrEqual(0)
          expect(delayMs).toBeLessThanOrEqual(FAST.maxDelayMs)
          retries.push([attempt, error.code!, error.redshiftCode!])
        },
      })
      .execute(async (trx, { attempt }) => {
        attempts.push(attempt)
        await trx.selectFrom('accounts').select('balance').execute()
        await trx.updateTable('accounts').set({ balance: 1 }).execute()
        return 'done'
      })

    expect(result).toBe('done')
    expect(attempts).toEqual([1, 2, 3])
    expect(retries).toEqual([
      [1, 'XX000', 1023],
      [2, 'XX000', 1023],
    ])
    // Every attempt: its own BEGIN, the LOCK in sorted order, the whole
    // callback, then ROLLBACK after a conflict or COMMIT at the end.
    const attempt = (n: number, end: string) => [
      `${n} begin`,
      `${n} lock "accounts", "audit"`,
      `${n} select "balance" from "accounts"`,
      `${n} update "accounts" set "balance" = $1`,
      `${n} ${end}`,
    ]
    expect(log()).toEqual([
      ...attempt(1, 'rollback'),
      ...attempt(2, 'rollback'),
      ...attempt(3, 'commit'),
    ])
  })

  it('retries the snapshot-isolation conflict text too', async () => {
    mock
      .on(/^insert/, { times: 1 })
      .fails(redshiftError.concurrentTransactionConflict())
    const onRetry = vi.fn()
    await db
      .retryingTransaction({ ...FAST, onRetry })
      .execute((trx) => trx.insertInto('audit').values({ id: 1 }).execute())
    expect(onRetry).toHaveBeenCalledTimes(1)
  })

  it('retries a conflict reported by COMMIT too', async () => {
    mock.on('commit', { times: 1 }).fails(redshiftError.serializationFailure())
    const onRetry = vi.fn()
    await db
      .retryingTransaction({ ...FAST, onRetry })
      .execute((trx) => trx.insertInto('audit').values({ id: 1 }).execute())
    expect(onRetry).toHaveBeenCalledTimes(1)
    expect(mock.queriesMatching(/^insert/)).toHaveLength(2)
  })

  it('gives up after maxAttempts with the serialization error and the count', async () => {
    mock.on(/^insert/).fails(redshiftError.serializationFailure())
    const onRetry = vi.fn()
    const error = await db
      .retryingTransaction({ ...FAST, maxAttempts: 4, onRetry })
      .execute((trx) => trx.insertInto('audit').values({ id: 1 }).execute())
      .catch((e: unknown) => e)

    expect(error).toBeInstanceOf(TransactionRetriesExhaustedError)
    expect(error).toBeInstanceOf(SerializationFailureError)
    const exhausted = error as TransactionRetriesExhaustedError
    expect(exhausted.attempts).toBe(4)
    expect(exhausted.reason).toBe('attempts')
    expect(exhausted.code).toBe('XX000')
    expect(exhausted.redshiftCode).toBe(1023)
    expect(exhausted.cause).toBeInstanceOf(SerializationFailureError)
    expect(exhausted.message).toMatch(/gave up after 4 attempts/)
    expect(onRetry.mock.calls.map(([attempt]) => attempt)).toEqual([1, 2, 3])
    expect(mock.queriesMatching(/^insert/)).toHaveLength(4)
  })

  it('gives up once the next retry would start after maxElapsedMs', async () => {
    mock.on(/^insert/).fails(redshiftError.serializationFailure())
    const started = performance.now()
    const error = (await db
      .retryingTransaction({
        initialDelayMs: 20,
        maxDelayMs: 20,
        maxAttempts: 1000,
        // Wide enough that a loaded machine still gets a second attempt in.
        maxElapsedMs: 600,
      })
      .execute((trx) => trx.insertInto('audit').values({ id: 1 }).execute())
      .catch((e: unknown) => e)) as TransactionRetriesExhaustedError

    const elapsed = performance.now() - started
    expect(error).toBeInstanceOf(TransactionRetriesExhaustedError)
    expect(error.reason).toBe('elapsed')
    expect(error.attempts).toBeGreaterThan(1)
    expect(error.attempts).toBeLessThan(1000)
    // It gives up when the next delay (at most 20 ms) would end past the
    // bound; the last attempt itself may run past it.
    expect(error.elapsedMs).toBeGreaterThanOrEqual(580)
    expect(elapsed).toBeLessThan(5000)
    expect(error.message).toMatch(/maxElapsedMs/)
  })

  it('does not retry other errors, and rolls back', async () => {
    mock
      .on(/^insert/, { times: 1 })
      .fails(redshiftError.permissionDenied('audit'))
    const onRetry = vi.fn()
    await expect(
      db
        .retryingTransaction({ ...FAST, onRetry })
        .execute((trx) => trx.insertInto('audit').values({ id: 1 }).execute()),
    ).rejects.toBeInstanceOf(PermissionDeniedError)
    expect(onRetry).not.toHaveBeenCalled()
    expect(log()).toEqual([
      '1 begin',
      '1 insert into "audit" ("id") values ($1)',
      '1 rollback',
    ])
  })

  it('retries a serialization failure the callback wrapped in its own error', async () => {
    mock.on(/^insert/, { times: 1 }).fails(redshiftError.serializationFailure())
    let runs = 0
    await db.retryingTransaction(FAST).execute(async (trx) => {
      runs++
      try {
        await trx.insertInto('audit').values({ id: 1 }).execute()
      } catch (cause) {
        throw new Error('import failed', { cause })
      }
    })
    expect(runs).toBe(2)
  })

  it('makes one attempt when the config turns retries off, unless maxAttempts says otherwise', async () => {
    const off = createMockRedshift<DB>({
      config: { host: 'localhost', user: 'mock', retry: { enabled: false } },
    })
    off.on(/^insert/).fails(redshiftError.serializationFailure())
    const error = (await off.db
      .retryingTransaction()
      .execute((trx) => trx.insertInto('audit').values({ id: 1 }).execute())
      .catch((e: unknown) => e)) as TransactionRetriesExhaustedError
    expect(error.attempts).toBe(1)
    expect(off.db.retryingTransaction().bounds.maxAttempts).toBe(1)
    expect(
      off.db.retryingTransaction({ maxAttempts: 3 }).bounds.maxAttempts,
    ).toBe(3)
  })

  it('defaults to at least 10 attempts and to the config delays', () => {
    expect(db.retryingTransaction().bounds).toEqual({
      maxAttempts: 10,
      maxElapsedMs: db.config.retry.maxElapsedMs,
      initialDelayMs: db.config.retry.initialDelayMs,
      maxDelayMs: db.config.retry.maxDelayMs,
    })
    const many = createMockRedshift<DB>({
      config: { host: 'localhost', user: 'mock', retry: { maxAttempts: 25 } },
    })
    expect(many.db.retryingTransaction().bounds.maxAttempts).toBe(25)
  })

  it('refuses bad options, naming them', () => {
    expect(() => db.retryingTransaction({ maxAttempts: 0 })).toThrow(
      /option maxAttempts must be a positive integer/,
    )
    expect(() => db.retryingTransaction({ maxElapsedMs: -1 })).toThrow(
      /option maxElapsedMs/,
    )
    expect(() =>
      db.retryingTransaction({ isolationLevel: 'read committed' as never }),
    ).toThrow(/option isolationLevel must be 'serializable' or 'snapshot'/)
    expect(() => db.retryingTransaction({ lock: 'accounts' as never })).toThrow(
      /option lock must be an array/,
    )
    expect(() => db.retryingTransaction({ signal: {} as never })).toThrow(
      /option signal must be an AbortSignal/,
    )
    expect(() => db.retryingTransaction({ lock: ['a"\0'] as never })).toThrow(
      /NUL/,
    )
  })

  it('runs with the settings of a withQuerySettings view and its own', async () => {
    const etl = withQuerySettings(db, { queryGroup: 'etl' })
    await etl
      .retryingTransaction({ settings: { statementTimeoutMs: 5000 } })
      .execute((trx) => trx.selectFrom('accounts').selectAll().execute())
    const select = mock.queriesMatching(/^select/)[0]!
    expect(select.session.queryGroup).toBe('etl')
    expect(select.session.statementTimeoutMs).toBe(5000)
  })

  it('passes the isolation level to BEGIN', async () => {
    await db
      .retryingTransaction({ isolationLevel: 'serializable' })
      .execute(async () => {})
    expect(log()[0]).toBe('1 start transaction isolation level serializable')
  })

  describe('AbortSignal', () => {
    it('an aborted signal starts nothing', async () => {
      const controller = new AbortController()
      controller.abort(new Error('stop'))
      await expect(
        db
          .retryingTransaction({ signal: controller.signal })
          .execute(async () => {}),
      ).rejects.toThrow('stop')
      expect(mock.queries).toEqual([])
    })

    it('an abort during the backoff stops at once with the reason', async () => {
      mock.on(/^insert/).fails(redshiftError.serializationFailure())
      const controller = new AbortController()
      const started = performance.now()
      const error = await db
        .retryingTransaction({
          initialDelayMs: 10_000,
          maxDelayMs: 10_000,
          signal: controller.signal,
          onRetry: () =>
            setTimeout(() => controller.abort(new Error('bye')), 20),
        })
        .execute((trx) => trx.insertInto('audit').values({ id: 1 }).execute())
        .catch((e: unknown) => e)
      expect(error).toEqual(new Error('bye'))
      expect(performance.now() - started).toBeLessThan(5_000)
      expect(mock.queriesMatching(/^insert/)).toHaveLength(1)
    })

    it('an abort during the callback refuses its next statement and rolls back', async () => {
      const controller = new AbortController()
      const error = await db
        .retryingTransaction({ signal: controller.signal })
        .execute(async (trx) => {
          await trx.insertInto('audit').values({ id: 1 }).execute()
          controller.abort(new Error('cancelled'))
          await trx.insertInto('audit').values({ id: 2 }).execute()
        })
        .catch((e: unknown) => e)
      expect(error).toEqual(new Error('cancelled'))
      expect(log()).toEqual([
        '1 begin',
        '1 insert into "audit" ("id") values ($1)',
        '1 rollback',
      ])
    })

    it('an abort after the last statement rolls back instead of committing', async () => {
      const controller = new AbortController()
      await expect(
        db
          .retryingTransaction({ signal: controller.signal })
          .execute(async (trx) => {
            await trx.insertInto('audit').values({ id: 1 }).execute()
            controller.abort(new Error('late'))
          }),
      ).rejects.toThrow('late')
      expect(log().at(-1)).toBe('1 rollback')
    })
  })

  /** After an insert, `statement` is refused before it is sent, and the block rolled back. */
  async function expectRefusedBeforeSent(
    statement: (trx: Transaction<DB>) => Promise<unknown>,
  ): Promise<void> {
    mock.reset()
    const error = await db
      .retryingTransaction()
      .execute(async (trx) => {
        await trx.insertInto('audit').values({ id: 1 }).execute()
        await statement(trx)
      })
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ImplicitCommitError)
    expect(log()).toEqual([
      '1 begin',
      '1 insert into "audit" ("id") values ($1)',
      '1 rollback',
    ])
  }

  it('refuses TRUNCATE and ALTER TABLE APPEND before they are sent, and rolls back', async () => {
    for (const statement of [
      sql`truncate ${sql.table('audit')}`,
      sql.raw('/* staging */ ALTER TABLE audit APPEND FROM audit_staging'),
      sql`insert into audit values (1); truncate audit`,
    ]) {
      await expectRefusedBeforeSent((trx) => statement.execute(trx))
    }
  })

  it('refuses them as a CompiledQuery given to executeQuery() too, which no plugin sees', async () => {
    for (const query of [
      CompiledQuery.raw('truncate audit'),
      sql`alter table audit append from ${sql.table('audit_staging')}`.compile(
        db,
      ),
    ]) {
      await expectRefusedBeforeSent((trx) => trx.executeQuery(query))
    }
    // The guard ended with that transaction.
    await db.executeQuery(CompiledQuery.raw('truncate audit'))
    expect(mock.queriesMatching('truncate audit')).toHaveLength(1)
  })

  it("leaves TRUNCATE alone outside transactions and in Kysely's own transaction()", async () => {
    await sql`truncate audit`.execute(db)
    await db.transaction().execute((trx) => sql`truncate audit`.execute(trx))
    expect(mock.queriesMatching('truncate audit')).toHaveLength(2)
  })
})

describe('db.begin() on the mock', () => {
  const mock = createMockRedshift<DB>()
  const { db } = mock

  beforeEach(() => mock.reset())

  const log = () =>
    mock.queries.map((q) => `${q.transactionId ?? '-'} ${q.sql}`)

  it('commits', async () => {
    const trx = await db.begin({ lock: ['accounts'] })
    await trx.insertInto('audit').values({ id: 1 }).execute()
    expect(trx.isCommitted).toBe(false)
    await trx.commit()
    expect(trx.isCommitted).toBe(true)
    expect(log()).toEqual([
      '1 begin',
      '1 lock "accounts"',
      '1 insert into "audit" ("id") values ($1)',
      '1 commit',
    ])
    await expect(trx.commit()).rejects.toThrow(/already committed/)
    await expect(trx.selectFrom('audit').selectAll().execute()).rejects.toThrow(
      /committed/,
    )
  })

  it('rolls back', async () => {
    const trx = await db.begin()
    await trx.insertInto('audit').values({ id: 1 }).execute()
    await trx.rollback()
    expect(trx.isRolledBack).toBe(true)
    expect(log().at(-1)).toBe('1 rollback')
    await expect(trx.rollback()).rejects.toThrow(/already rolled back/)
  })

  it('rejects with the COMMIT error, rolled back', async () => {
    mock.on('commit', { times: 1 }).fails(redshiftError.serializationFailure())
    const trx = await db.begin()
    await expect(trx.commit()).rejects.toBeInstanceOf(SerializationFailureError)
    expect(trx.isRolledBack).toBe(true)
  })

  it('refuses TRUNCATE on the handle', async () => {
    const trx = await db.begin()
    await expect(sql`truncate audit`.execute(trx)).rejects.toBeInstanceOf(
      ImplicitCommitError,
    )
    await trx.rollback()
    expect(mock.queriesMatching(/truncate/)).toEqual([])
  })

  it('rejects when BEGIN fails', async () => {
    mock.on('begin', { times: 1 }).fails(new Error('no begin'))
    await expect(db.begin()).rejects.toThrow('no begin')
  })
})

describe('close() with a begin() handle still open (mock)', () => {
  afterEach(() => vi.restoreAllMocks())

  it('rolls it back with a warning, then closes', async () => {
    const mock = createMockRedshift<DB>()
    const warnings: Array<[unknown, unknown]> = []
    vi.spyOn(process, 'emitWarning').mockImplementation(((
      message: unknown,
      options: unknown,
    ) => {
      warnings.push([message, options])
    }) as never)
    const view = withQuerySettings(mock.db, { queryGroup: 'etl' })
    const trx = await view.begin()
    await trx.insertInto('audit').values({ id: 1 }).execute()
    // The view's close() is the client's: it knows the view's handles.
    await view.close()
    expect(mock.queries.map((q) => q.sql).at(-1)).toBe('rollback')
    expect(warnings).toHaveLength(1)
    expect(String(warnings[0]![0])).toMatch(
      /neither committed nor rolled back before the client was closed.*begin\(\) was called at .*transaction-retrying-mock\.test\.ts/,
    )
    expect(warnings[0]![1]).toEqual({
      code: 'KYSELY_REDSHIFT_ABANDONED_TRANSACTION',
    })
    await expect(mock.db.begin()).rejects.toBeInstanceOf(PoolClosedError)
  })
})
