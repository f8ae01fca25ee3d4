import { setTimeout as sleep } from 'node:timers/promises'

import { CompiledQuery, Migrator, sql, type Migration } from 'kysely'
import pg from 'pg'
import {
  afterAll,
  beforeAll,
  beforeEach,
  describe,
  expect,
  it,
  vi,
} from 'vitest'

import { createRedshift, type RedshiftClient } from '../../src/client.js'
import { withQuerySettings } from '../../src/dialect/query-settings-plugin.js'
import { SerializationFailureError } from '../../src/errors/index.js'
import { ImplicitCommitError } from '../../src/resilience/transaction-implicit-commit-error.js'
import { TransactionRetriesExhaustedError } from '../../src/resilience/transaction-retries-exhausted-error.js'
import {
  connect,
  startOwnEmulator,
  type OwnEmulator,
} from './local-test-helpers.js'

interface DB {
  accounts: { id: number; balance: number }
  audit: { id: number }
  staging: { id: number }
}

const ACCOUNTS = 4
const OPENING_BALANCE = 1000
const TRANSFERS = 16

// Transfer i moves i + 1 from account i % 4 to account (i + 1) % 4.
const transfers = Array.from({ length: TRANSFERS }, (_, i) => ({
  from: i % ACCOUNTS,
  to: (i + 1) % ACCOUNTS,
  amount: i + 1,
}))

function expectedBalances(): Record<number, number> {
  const balances: Record<number, number> = {}
  for (let id = 0; id < ACCOUNTS; id++) balances[id] = OPENING_BALANCE
  for (const { from, to, amount } of transfers) {
    balances[from]! -= amount
    balances[to]! += amount
  }
  return balances
}

describe('transactions through the emulator (SERIALIZABLE)', () => {
  let emulator: OwnEmulator
  let db: RedshiftClient<DB>
  let admin: pg.Client

  beforeAll(async () => {
    // A WLM queue wider than the 16 transfers: queued statements must not
    // be what keeps a lock holder from finishing.
    emulator = await startOwnEmulator('trx_retry', {
      wlm: [{ name: 'Default queue', concurrency: 20 }],
    })
    admin = await connect(emulator.local.url)
    await admin.query('create table accounts (id int, balance int)')
    await admin.query('create table audit (id int)')
    await admin.query('create table staging (id int)')
    db = createRedshift<DB>({
      url: emulator.local.url,
      pool: { max: TRANSFERS },
    })
  })

  afterAll(async () => {
    await db?.close()
    await admin?.end()
    await emulator?.stop()
  })

  beforeEach(async () => {
    await admin.query(
      'delete from accounts; delete from audit; delete from staging',
    )
    for (let id = 0; id < ACCOUNTS; id++) {
      await admin.query('insert into accounts values ($1, $2)', [
        id,
        OPENING_BALANCE,
      ])
    }
  })

  async function balances(): Promise<Record<number, number>> {
    const { rows } = await admin.query<{ id: number; balance: number }>(
      'select id, balance from accounts order by id',
    )
    return Object.fromEntries(rows.map((r) => [r.id, r.balance]))
  }

  /** Runs the 16 transfers at once; per transfer, how many attempts it took. */
  async function runTransfers(lock: boolean) {
    const retries: Array<{ attempt: number; error: unknown; delayMs: number }> =
      []
    const attempts = await Promise.all(
      transfers.map(({ from, to, amount }) =>
        db
          .retryingTransaction({
            ...(lock ? { lock: ['accounts' as const] } : {}),
            isolationLevel: 'serializable',
            maxAttempts: 40,
            initialDelayMs: 5,
            maxDelayMs: 100,
            onRetry: (attempt, error, delayMs) =>
              retries.push({ attempt, error, delayMs }),
          })
          .execute(async (trx, { attempt }) => {
            const rows = await trx
              .selectFrom('accounts')
              .select(['id', 'balance'])
              .where('id', 'in', [from, to])
              .execute()
            const balance = new Map(rows.map((r) => [r.id, r.balance]))
            // Long enough for the others to read the same rows.
            await sleep(20)
            // In id order, so that two transfers never deadlock.
            for (const id of [from, to].sort((a, b) => a - b)) {
              const delta = id === from ? -amount : amount
              await trx
                .updateTable('accounts')
                .set({ balance: balance.get(id)! + delta })
                .where('id', '=', id)
                .execute()
            }
            return attempt
          }),
      ),
    )
    return { attempts, retries }
  }

  it('16 concurrent transfers without lock: all commit after bounded retries, the total unchanged', async () => {
    const { attempts, retries } = await runTransfers(false)

    expect(await balances()).toEqual(expectedBalances())
    const total = Object.values(await balances()).reduce((a, b) => a + b, 0)
    expect(total).toBe(ACCOUNTS * OPENING_BALANCE)
    // Conflicts happened and were retried, each transfer within its bound.
    expect(retries.length).toBeGreaterThan(0)
    expect(Math.max(...attempts)).toBeGreaterThan(1)
    expect(Math.max(...attempts)).toBeLessThanOrEqual(40)
    expect(retries.length).toBe(attempts.reduce((a, b) => a + b - 1, 0))
    for (const { attempt, error, delayMs } of retries) {
      expect(error).toBeInstanceOf(SerializationFailureError)
      expect((error as SerializationFailureError).code).toBe('XX000')
      expect((error as SerializationFailureError).redshiftCode).toBe(1023)
      expect(attempt).toBeGreaterThanOrEqual(1)
      expect(delayMs).toBeGreaterThanOrEqual(0)
      expect(delayMs).toBeLessThanOrEqual(100)
    }
    console.log(
      `without lock: ${retries.length} retries, attempts per transfer ${attempts.join(',')}`,
    )
  })

  it('16 concurrent transfers with lock: all commit with no retry at all', async () => {
    const { attempts, retries } = await runTransfers(true)

    expect(await balances()).toEqual(expectedBalances())
    expect(retries).toEqual([])
    expect(attempts).toEqual(transfers.map(() => 1))
  })

  it('gives up at maxAttempts with the 1023 error and the count', async () => {
    // A second session updates the row between our read and our write.
    const error = await db
      .retryingTransaction({ maxAttempts: 3, initialDelayMs: 1, maxDelayMs: 5 })
      .execute(async (trx) => {
        await trx
          .selectFrom('accounts')
          .selectAll()
          .where('id', '=', 0)
          .execute()
        await admin.query(
          'update accounts set balance = balance + 1 where id = 0',
        )
        await trx
          .updateTable('accounts')
          .set({ balance: 0 })
          .where('id', '=', 0)
          .execute()
      })
      .catch((e: unknown) => e)

    expect(error).toBeInstanceOf(TransactionRetriesExhaustedError)
    expect((error as TransactionRetriesExhaustedError).attempts).toBe(3)
    expect((error as TransactionRetriesExhaustedError).redshiftCode).toBe(1023)
    expect((await balances())[0]).toBe(OPENING_BALANCE + 3)
  })

  /** Reads account 0, lets another session change it, then writes it: 1023. */
  async function conflictingWrite(
    trx: Pick<RedshiftClient<DB>, 'selectFrom' | 'updateTable'>,
  ): Promise<unknown> {
    await trx.selectFrom('accounts').selectAll().where('id', '=', 0).execute()
    await admin.query('update accounts set balance = balance + 1 where id = 0')
    return trx
      .updateTable('accounts')
      .set({ balance: 0 })
      .where('id', '=', 0)
      .execute()
      .then(
        () => undefined,
        (error: unknown) => error,
      )
  }

  it('retries a conflict the callback caught: the COMMIT that became a ROLLBACK says why', async () => {
    const caught: unknown[] = []
    const attempts = await db
      .retryingTransaction({ maxAttempts: 3, initialDelayMs: 1, maxDelayMs: 5 })
      .execute(async (trx, { attempt }) => {
        if (attempt === 1) {
          caught.push(await conflictingWrite(trx))
        } else {
          await trx
            .updateTable('accounts')
            .set({ balance: 7 })
            .where('id', '=', 0)
            .execute()
        }
        return attempt
      })
    expect(caught[0]).toBeInstanceOf(SerializationFailureError)
    expect(attempts).toBe(2)
    expect((await balances())[0]).toBe(7)
  })

  it('retries a conflict the callback caught when a later statement fails with 25P02', async () => {
    const attempts = await db
      .retryingTransaction({ maxAttempts: 3, initialDelayMs: 1, maxDelayMs: 5 })
      .execute(async (trx, { attempt }) => {
        if (attempt === 1) await conflictingWrite(trx)
        await trx.insertInto('audit').values({ id: attempt }).execute()
        return attempt
      })
    expect(attempts).toBe(2)
    const { rows } = await admin.query('select id from audit')
    expect(rows).toEqual([{ id: 2 }])
  })

  it('plain transaction(): a caught conflict fails the COMMIT with the conflict as its cause', async () => {
    const error = await db
      .transaction()
      .execute(async (trx) => {
        await conflictingWrite(trx)
      })
      .catch((e: unknown) => e)
    expect((error as Error).message).toMatch(
      /rolled back instead of committed: a statement in it had failed \(1023/,
    )
    expect((error as Error).cause).toBeInstanceOf(SerializationFailureError)
    expect((await balances())[0]).toBe(OPENING_BALANCE + 1)
  })

  it('refuses TRUNCATE and ALTER TABLE APPEND inside, and the earlier write is rolled back', async () => {
    for (const statement of [
      sql`truncate staging`,
      sql`alter table audit append from staging`,
    ]) {
      const error = await db
        .retryingTransaction()
        .execute(async (trx) => {
          await trx.insertInto('audit').values({ id: 1 }).execute()
          await statement.execute(trx)
        })
        .catch((e: unknown) => e)
      expect(error).toBeInstanceOf(ImplicitCommitError)
      expect((await admin.query('select * from audit')).rows).toEqual([])
    }
    const trx = await db.begin()
    await trx.insertInto('audit').values({ id: 2 }).execute()
    await expect(sql`truncate staging`.execute(trx)).rejects.toBeInstanceOf(
      ImplicitCommitError,
    )
    await trx.rollback()
    expect((await admin.query('select * from audit')).rows).toEqual([])
  })

  it('refuses them as a CompiledQuery given to executeQuery() too (no plugin sees one), until the transaction ends', async () => {
    // One connection: the statements after each transaction run on the
    // very session that was guarded.
    const one = createRedshift<DB>({
      url: emulator.local.url,
      pool: { max: 1 },
    })
    try {
      for (const query of [
        CompiledQuery.raw('truncate staging'),
        CompiledQuery.raw('ALTER TABLE audit APPEND FROM staging'),
        // Compiled by the client, outside the transaction and its plugins.
        sql`truncate ${sql.table('staging')}`.compile(one),
      ]) {
        const error = await one
          .retryingTransaction()
          .execute(async (trx) => {
            await trx.insertInto('audit').values({ id: 1 }).execute()
            await trx.executeQuery(query)
          })
          .catch((e: unknown) => e)
        expect(error).toBeInstanceOf(ImplicitCommitError)
        expect((await admin.query('select * from audit')).rows).toEqual([])
      }
      const trx = await one.begin()
      await trx.insertInto('audit').values({ id: 2 }).execute()
      await expect(
        trx.executeQuery(CompiledQuery.raw('truncate staging')),
      ).rejects.toBeInstanceOf(ImplicitCommitError)
      // A stream of the same text is refused as well.
      await expect(
        trx.getExecutor().provideConnection(async (connection) => {
          for await (const _ of connection.streamQuery(
            CompiledQuery.raw('truncate staging'),
            10,
          )) {
            // never reached
          }
        }),
      ).rejects.toBeInstanceOf(ImplicitCommitError)
      await trx.rollback()
      expect((await admin.query('select * from audit')).rows).toEqual([])
      // The guard ended with the transaction: the same session runs a
      // TRUNCATE outside one.
      await admin.query('insert into staging values (7)')
      await one.executeQuery(CompiledQuery.raw('truncate staging'))
      expect((await admin.query('select * from staging')).rows).toEqual([])
    } finally {
      await one.close()
    }
  })

  it("(why: in Kysely's plain transaction() TRUNCATE commits the earlier write)", async () => {
    await expect(
      db.transaction().execute(async (trx) => {
        await trx.insertInto('audit').values({ id: 3 }).execute()
        await sql`truncate staging`.execute(trx)
        throw new Error('fails after the TRUNCATE')
      }),
    ).rejects.toThrow('fails after the TRUNCATE')
    expect((await admin.query('select id from audit')).rows).toEqual([
      { id: 3 },
    ])
  })

  it('runs with the settings of a withQuerySettings view for the whole transaction', async () => {
    const payments = withQuerySettings(db, { queryGroup: 'payments' })
    const groups = await payments
      .retryingTransaction({ lock: ['accounts'] })
      .execute(async (trx) => {
        const first = await sql<{
          query_group: string
        }>`show query_group`.execute(trx)
        await trx
          .updateTable('accounts')
          .set({ balance: 1 })
          .where('id', '=', 1)
          .execute()
        return first.rows[0]!.query_group
      })
    expect(groups).toBe('payments')
  })

  it('begin(): commit makes the writes visible, rollback discards them', async () => {
    const committed = await db.begin({ lock: ['audit', 'accounts'] })
    await committed.insertInto('audit').values({ id: 10 }).execute()
    await committed.commit()
    const rolledBack = await db.begin()
    await rolledBack.insertInto('audit').values({ id: 11 }).execute()
    await rolledBack.rollback()
    expect((await admin.query('select id from audit')).rows).toEqual([
      { id: 10 },
    ])
  })

  it('AbortSignal: an abort while the callback runs rolls back', async () => {
    const controller = new AbortController()
    await expect(
      db
        .retryingTransaction({ signal: controller.signal })
        .execute(async (trx) => {
          await trx.insertInto('audit').values({ id: 20 }).execute()
          controller.abort(new Error('user left'))
          await trx.insertInto('audit').values({ id: 21 }).execute()
        }),
    ).rejects.toThrow('user left')
    expect((await admin.query('select id from audit')).rows).toEqual([])
  })

  it('a Kysely Migrator run through the client still works', async () => {
    const migrations: Record<string, Migration> = {
      '001_ledger': {
        up: async (m) => {
          await m.schema
            .createTable('ledger')
            .addColumn('id', 'integer')
            .execute()
        },
        down: async (m) => {
          await m.schema.dropTable('ledger').execute()
        },
      },
    }
    const migrator = new Migrator({
      db,
      provider: { getMigrations: async () => migrations },
    })
    const { error, results } = await migrator.migrateToLatest()
    expect(error).toBeUndefined()
    expect(results?.map((r) => [r.migrationName, r.status])).toEqual([
      ['001_ledger', 'Success'],
    ])
    await db
      .retryingTransaction({ lock: ['accounts'] })
      .execute((trx) => sql`insert into ledger values (1)`.execute(trx))
    expect((await admin.query('select id from ledger')).rows).toEqual([
      { id: 1 },
    ])
  })
})

describe('a begin() handle still open when the client closes (emulator)', () => {
  let emulator: OwnEmulator

  beforeAll(async () => {
    emulator = await startOwnEmulator('trx_close')
    const admin = await connect(emulator.local.url)
    await admin.query('create table audit (id int)')
    await admin.end()
  })

  afterAll(() => emulator?.stop())

  it('is rolled back with a warning, and close() does not wait for it', async () => {
    const db = createRedshift<DB>({
      url: emulator.local.url,
      pool: { acquireTimeoutMs: 20_000 },
    })
    const warning = vi.fn()
    process.on('warning', warning)
    try {
      const trx = await db.begin()
      await trx.insertInto('audit').values({ id: 1 }).execute()
      const started = performance.now()
      await db.close()
      expect(performance.now() - started).toBeLessThan(5_000)
      // process.emitWarning delivers on the next tick.
      await sleep(10)
    } finally {
      process.off('warning', warning)
    }
    const warnings = warning.mock.calls
      .map(([w]) => w as Error & { code?: string })
      .filter((w) => w.code === 'KYSELY_REDSHIFT_ABANDONED_TRANSACTION')
    expect(warnings).toHaveLength(1)
    expect(warnings[0]!.message).toMatch(/before the client was closed/)
    const admin = await connect(emulator.local.url)
    try {
      expect((await admin.query('select * from audit')).rows).toEqual([])
    } finally {
      await admin.end()
    }
  })
})
