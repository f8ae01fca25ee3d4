import type { Transaction } from 'kysely'
import { describe, expectTypeOf, it } from 'vitest'

import { createRedshift, type RedshiftTransaction } from '../../src/client.js'
import { withQuerySettings } from '../../src/dialect/query-settings-plugin.js'
import type { RedshiftTransactionHandle } from '../../src/resilience/transaction-begin.js'
import type { TransactionAttempt } from '../../src/resilience/transaction-retrying.js'
import { createMockRedshift } from '../../src/testing/index.js'
import type { ReadOnlyRelation } from '../../src/types/read-only-relation.js'

interface DB {
  accounts: { id: number; balance: number }
  daily_totals: ReadOnlyRelation & { day: string; total: number }
}

// Never connects: type tests only compile.
const db = createRedshift<DB>('redshift://app@localhost:5439/dev')
const mock = createMockRedshift<DB>()

describe('db.retryingTransaction()', () => {
  it("hands the callback the same trx as Kysely's db.transaction()", async () => {
    await db.transaction().execute(async (trx) => {
      expectTypeOf(trx).toEqualTypeOf<RedshiftTransaction<DB>>()
    })
    await db.retryingTransaction().execute(async (trx, attempt) => {
      expectTypeOf(trx).toEqualTypeOf<RedshiftTransaction<DB>>()
      expectTypeOf(trx).toMatchTypeOf<Transaction<DB>>()
      expectTypeOf(attempt).toEqualTypeOf<TransactionAttempt>()
    })
  })

  it('resolves with what the callback returns', () => {
    expectTypeOf(
      db.retryingTransaction().execute(async () => 42),
    ).resolves.toEqualTypeOf<number>()
  })

  it('refuses writes to a view inside, and reads it', async () => {
    await db.retryingTransaction().execute(async (trx) => {
      await trx.selectFrom('daily_totals').select('total').execute()
      await trx.updateTable('accounts').set({ balance: 1 }).execute()
      // @ts-expect-error a view is not writable
      await trx.updateTable('daily_totals').set({ total: 1 }).execute()
      // @ts-expect-error nor can rows be inserted into it
      trx.insertInto('daily_totals')
    })
  })

  it('locks only writable tables of DB', () => {
    db.retryingTransaction({ lock: ['accounts'] })
    // @ts-expect-error not a table of DB
    db.retryingTransaction({ lock: ['acounts'] })
    // @ts-expect-error a view cannot be locked for writing
    db.retryingTransaction({ lock: ['daily_totals'] })
  })

  it('takes only the isolation levels Redshift runs', () => {
    db.retryingTransaction({ isolationLevel: 'serializable' })
    db.retryingTransaction({ isolationLevel: 'snapshot' })
    // @ts-expect-error silently SERIALIZABLE on Redshift
    db.retryingTransaction({ isolationLevel: 'read committed' })
  })

  it('types the onRetry hook', () => {
    db.retryingTransaction({
      onRetry: (attempt, error, delayMs) => {
        expectTypeOf(attempt).toEqualTypeOf<number>()
        expectTypeOf(error.redshiftCode).toEqualTypeOf<number | undefined>()
        expectTypeOf(delayMs).toEqualTypeOf<number>()
      },
    })
  })

  it('is on the mock and on withQuerySettings views too', async () => {
    await mock.db.retryingTransaction().execute(async (trx) => {
      expectTypeOf(trx).toEqualTypeOf<RedshiftTransaction<DB>>()
    })
    await withQuerySettings(db, { queryGroup: 'etl' })
      .retryingTransaction()
      .execute(async (trx) => {
        expectTypeOf(trx).toEqualTypeOf<RedshiftTransaction<DB>>()
      })
  })
})

describe('db.begin()', () => {
  it('gives a handle with trx query methods and commit() / rollback()', async () => {
    const trx = await db.begin({ lock: ['accounts'] })
    expectTypeOf(trx).toEqualTypeOf<RedshiftTransactionHandle<DB>>()
    expectTypeOf(trx).toMatchTypeOf<RedshiftTransaction<DB>>()
    expectTypeOf(trx.commit()).toEqualTypeOf<Promise<void>>()
    expectTypeOf(trx.rollback()).toEqualTypeOf<Promise<void>>()
    expectTypeOf(trx.isCommitted).toEqualTypeOf<boolean>()
    await trx.selectFrom('daily_totals').selectAll().execute()
    // @ts-expect-error a view is not writable
    await trx.deleteFrom('daily_totals').execute()
    expectTypeOf(await mock.db.begin()).toEqualTypeOf<
      RedshiftTransactionHandle<DB>
    >()
  })
})
