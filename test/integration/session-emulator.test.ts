import { sql, type Kysely } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import {
  RedshiftUnsupportedError,
  SerializationFailureError,
} from '../../src/errors/index.js'
import { withQuerySettings } from '../../src/dialect/query-settings-plugin.js'
import type { RedshiftDriver } from '../../src/dialect/redshift-driver.js'
import {
  createTestDatabase,
  type TestDatabase,
} from '../setup/test-database.js'
import { createKysely } from './driver-helpers.js'
import { emulatorUrl } from './local-test-helpers.js'
import { uniqueAppName, useRoundTripMeter } from './pool-helpers.js'

interface DB {
  accounts: { id: number; balance: number }
}

// query_group is a Redshift parameter that plain PostgreSQL refuses; the
// local emulator (started by the suite's global setup) knows it.
describe('query_group through the driver, on the local Redshift emulator', () => {
  let tdb: TestDatabase
  let db: Kysely<DB>
  let driver: RedshiftDriver
  const trips = useRoundTripMeter()

  beforeAll(async () => {
    tdb = await createTestDatabase('session_local')
    ;({ db, driver } = createKysely<DB>({
      url: emulatorUrl(tdb.name),
      applicationName: uniqueAppName('session_local'),
      pool: { max: 1 },
      session: { queryGroup: 'app', statementTimeoutMs: 60_000 },
    }))
    trips.attach(driver.pool)
    await sql`create table accounts (id int, balance int)`.execute(db)
    await sql`insert into accounts values (1, 100), (2, 100)`.execute(db)
  })

  afterAll(async () => {
    await db?.destroy()
    await tdb.drop()
  })

  const spent = trips.spent

  const groupIn = async (k: Kysely<any>) =>
    (await sql<{ query_group: string }>`show query_group`.execute(k)).rows[0]!
      .query_group

  it('sets the baseline query_group once, then one round trip per query', async () => {
    expect(trips.statements()[0]).toBe(
      "SET query_group TO 'app'; SET statement_timeout TO 60000",
    )
    expect(await groupIn(db)).toBe('app')
    for (let i = 0; i < 20; i++) {
      await db.selectFrom('accounts').selectAll().execute()
    }
    expect(spent()).toBe(21)
  })

  it('costs exactly one extra SET for a query in another query group', async () => {
    const etl = withQuerySettings(db, { queryGroup: 'etl' })
    expect(await groupIn(etl)).toBe('etl')
    expect(spent()).toBe(2)
    expect(trips.statements().at(-2)).toBe("SET query_group TO 'etl'")
    await etl.selectFrom('accounts').selectAll().execute()
    expect(spent()).toBe(1)
    expect(await groupIn(db)).toBe('app')
    expect(spent()).toBe(2)
    // null asks for the server default.
    expect(await groupIn(withQuerySettings(db, { queryGroup: null }))).toBe(
      'unset',
    )
    expect(trips.statements().at(-2)).toBe('RESET query_group')
  })

  it('keeps a query group with quotes and backslashes intact', async () => {
    const label = "it's a\\b"
    expect(await groupIn(withQuerySettings(db, { queryGroup: label }))).toBe(
      label,
    )
  })

  it('labels the logged queries with their query group', async () => {
    const reports = withQuerySettings(db, { queryGroup: 'reports' })
    await reports.selectFrom('accounts').selectAll().execute()
    const { rows } = await sql<{
      label: string
    }>`select trim(label) as label from stl_query where query = pg_last_query_id()`.execute(
      reports,
    )
    expect(rows).toEqual([{ label: 'reports' }])
  })

  it('refuses SNAPSHOT on a database that runs SERIALIZABLE', async () => {
    const error = await db
      .transaction()
      .setIsolationLevel('snapshot')
      .execute(async () => {})
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(RedshiftUnsupportedError)
    expect((error as Error).message).toContain(
      `ALTER DATABASE "${tdb.name}" ISOLATION LEVEL SNAPSHOT`,
    )
  })

  it("maps Redshift's serialization failure (XX000, 1023) from a transaction", async () => {
    const second = createKysely<DB>({
      url: emulatorUrl(tdb.name),
      pool: { max: 2 },
    })
    try {
      let first!: () => void
      const firstRead = new Promise<void>((resolve) => (first = resolve))
      let other!: () => void
      const otherRead = new Promise<void>((resolve) => (other = resolve))
      const a = second.db.transaction().execute(async (trx) => {
        await trx
          .selectFrom('accounts')
          .select('balance')
          .where('id', '=', 1)
          .execute()
        first()
        await otherRead
        await trx
          .updateTable('accounts')
          .set({ balance: 1 })
          .where('id', '=', 2)
          .execute()
      })
      const b = second.db.transaction().execute(async (trx) => {
        await firstRead
        await trx
          .selectFrom('accounts')
          .select('balance')
          .where('id', '=', 2)
          .execute()
        other()
        await trx
          .updateTable('accounts')
          .set({ balance: 1 })
          .where('id', '=', 1)
          .execute()
      })
      const results = await Promise.allSettled([a, b])
      const failed = results.filter((r) => r.status === 'rejected')
      expect(failed).toHaveLength(1)
      const reason = (failed[0] as PromiseRejectedResult).reason
      expect(reason).toBeInstanceOf(SerializationFailureError)
      expect(reason).toMatchObject({ code: 'XX000', redshiftCode: 1023 })
      expect(second.driver.pool.stats().inUse).toBe(0)
    } finally {
      await second.db.destroy()
    }
  })
})
