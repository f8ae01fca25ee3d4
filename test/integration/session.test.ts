import { sql, type Kysely } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { withQuerySettings } from '../../src/dialect/query-settings-plugin.js'
import type { RedshiftDriver } from '../../src/dialect/redshift-driver.js'
import {
  NO_SESSION_CHANGE,
  sessionChangeOf,
} from '../../src/dialect/session-change.js'
import {
  createTestDatabase,
  type TestDatabase,
} from '../setup/test-database.js'
import { createKysely } from './driver-helpers.js'
import { uniqueAppName, useRoundTripMeter } from './pool-helpers.js'

interface DB {
  notes: { id: number; body: string }
}

describe('session settings through the driver', () => {
  let tdb: TestDatabase
  let db: Kysely<DB>
  let driver: RedshiftDriver
  const trips = useRoundTripMeter()

  beforeAll(async () => {
    tdb = await createTestDatabase('session')
    ;({ db, driver } = createKysely<DB>({
      url: tdb.url,
      applicationName: uniqueAppName('session'),
      // One connection, so every statement is counted on the same socket.
      pool: { max: 1 },
      session: { statementTimeoutMs: 30_000, searchPath: ['public'] },
    }))
    trips.attach(driver.pool)
    await sql`create table notes (id int, body varchar(100))`.execute(db)
  })

  afterAll(async () => {
    await db.destroy()
    await tdb.drop()
  })

  const spent = trips.spent

  const timeoutIn = async (k: Kysely<any>) =>
    (
      await sql<{
        statement_timeout: string
      }>`show statement_timeout`.execute(k)
    ).rows[0]!.statement_timeout

  it('applies the baseline once, then costs exactly one round trip per query', async () => {
    // The first statement of this file already brought the session to the
    // baseline, in one message.
    expect(trips.statements()[0]).toBe(
      "SET statement_timeout TO 30000; SET search_path TO 'public'",
    )
    const N = 50
    for (let i = 0; i < N; i++) {
      if (i % 3 === 0) {
        await db
          .insertInto('notes')
          .values({ id: i, body: `n${i}` })
          .execute()
      } else if (i % 3 === 1) {
        await db.selectFrom('notes').selectAll().where('id', '=', i).execute()
      } else {
        await sql`select ${i}::int as v`.execute(db)
      }
    }
    expect(spent()).toBe(N)
    expect(await timeoutIn(db)).toBe('30s')
    expect(spent()).toBe(1)
  })

  it('costs exactly one extra SET for a query with other settings', async () => {
    const fast = withQuerySettings(db, { statementTimeoutMs: 1234 })
    expect(await timeoutIn(fast)).toBe('1234ms')
    expect(spent()).toBe(2)
    expect(trips.statements().at(-2)).toBe('SET statement_timeout TO 1234')
    // Same settings again: nothing to send.
    await fast.selectFrom('notes').selectAll().execute()
    expect(spent()).toBe(1)
    // Release sent nothing; the next plain query reconciles what differs.
    expect(await timeoutIn(db)).toBe('30s')
    expect(spent()).toBe(2)
    expect(trips.statements().at(-2)).toBe('SET statement_timeout TO 30000')
  })

  it('sends several differing keys in one round trip, stacked plugins merged', async () => {
    const both = withQuerySettings(
      withQuerySettings(db, { statementTimeoutMs: 4321 }),
      { searchPath: ['pg_catalog', 'public'] },
    )
    const { rows } = await sql<{
      t: string
      p: string
    }>`select current_setting('statement_timeout') as t, current_setting('search_path') as p`.execute(
      both,
    )
    expect(rows[0]).toEqual({ t: '4321ms', p: 'pg_catalog, public' })
    expect(spent()).toBe(2)
    expect(trips.statements().at(-2)).toBe(
      "SET statement_timeout TO 4321; SET search_path TO 'pg_catalog', 'public'",
    )
    await sql`select 1`.execute(db)
    expect(spent()).toBe(2)
  })

  it('applies settings to every query of a transaction started from the instance', async () => {
    const etl = withQuerySettings(db, { statementTimeoutMs: 777 })
    const seen = await etl.transaction().execute(async (trx) => {
      const first = await timeoutIn(trx)
      await trx.insertInto('notes').values({ id: 1000, body: 'tx' }).execute()
      const second = await timeoutIn(trx)
      return [first, second]
    })
    expect(seen).toEqual(['777ms', '777ms'])
    // begin, SET, 3 statements, commit.
    expect(spent()).toBe(6)
    // Committed, so the session keeps 777 until a query wants otherwise.
    expect(await timeoutIn(db)).toBe('30s')
    expect(spent()).toBe(2)
  })

  it('knows a rolled-back transaction undid its SET and sends nothing more', async () => {
    const etl = withQuerySettings(db, { statementTimeoutMs: 888 })
    await etl
      .transaction()
      .execute(async (trx) => {
        expect(await timeoutIn(trx)).toBe('888ms')
        throw new Error('roll it back')
      })
      .catch(() => {})
    // begin, SET, show, rollback.
    expect(spent()).toBe(4)
    expect(await timeoutIn(db)).toBe('30s')
    expect(spent()).toBe(1)
  })

  it('re-sends a setting after user SQL changed it with a raw SET', async () => {
    await sql`set statement_timeout to 5`.execute(db)
    expect(spent()).toBe(1)
    expect(await timeoutIn(db)).toBe('30s')
    expect(spent()).toBe(2)
    // A SET of a parameter the session does not track costs nothing later.
    await sql`set application_name = 'renamed'`.execute(db)
    await sql`select 1`.execute(db)
    expect(spent()).toBe(2)
    await sql`reset all`.execute(db)
    expect(await timeoutIn(db)).toBe('30s')
    expect(spent()).toBe(3)
    // RESET ALL put every key at its default: one message restores the
    // baseline (query_group is at its default already).
    expect(trips.statements().at(-2)).toBe(
      "SET statement_timeout TO 30000; SET search_path TO 'public'",
    )
  })

  it('tells which tracked parameters a raw statement changes', () => {
    expect(sessionChangeOf("SET query_group TO 'etl'")).toEqual({
      unknown: ['queryGroup'],
      reset: [],
    })
    expect(
      sessionChangeOf('  /* c */ set session statement_timeout = 0').unknown,
    ).toEqual(['statementTimeoutMs'])
    expect(sessionChangeOf('-- x\nRESET search_path')).toEqual({
      unknown: [],
      reset: ['searchPath'],
    })
    expect(sessionChangeOf('discard all').reset).toHaveLength(4)
    expect(
      sessionChangeOf('select 1; set local statement_timeout to 1').unknown,
    ).toEqual(['statementTimeoutMs'])
    expect(
      sessionChangeOf('reset statement_timeout; set statement_timeout to 1'),
    ).toEqual({ unknown: ['statementTimeoutMs'], reset: [] })
    for (const other of [
      "update t set query_group = 'x'",
      'set datestyle to iso',
      'select 1',
      'delete from t',
    ]) {
      expect(sessionChangeOf(other)).toBe(NO_SESSION_CHANGE)
    }
  })
})
