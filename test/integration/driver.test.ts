import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { CompiledQuery, sql, type Kysely } from 'kysely'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { quoteLiteral as quote } from '../../src/sql/literal.js'
import {
  AuthenticationFailedError,
  ConnectionLostError,
  DataError,
  PoolTimeoutError,
  RedshiftError,
  RedshiftUnsupportedError,
  SerializationFailureError,
  StatementTimeoutError,
  TableNotFoundError,
} from '../../src/errors/index.js'
import { withQuerySettings } from '../../src/dialect/query-settings-plugin.js'
import type { RedshiftDriver } from '../../src/dialect/redshift-driver.js'
import type { PooledConnection } from '../../src/pool/index.js'
import { openTestDatabase, type TestDatabase } from '../setup/test-database.js'
import { createKysely } from './driver-helpers.js'
import { eventually, nextEvent, uniqueAppName } from './pool-helpers.js'

interface DB {
  items: { id: number; name: string; qty: number }
  copied: { id: number; name: string; qty: number }
  counter: { id: number; n: number }
}

describe('RedshiftDriver', () => {
  let tdb: TestDatabase
  let admin: pg.Client
  let close: () => Promise<void>
  const instances: Array<Kysely<any>> = []

  beforeAll(async () => {
    ;({ db: tdb, client: admin, close } = await openTestDatabase('driver'))
    await admin.query(`
      create table items (id int, name varchar(50), qty int);
      create table copied (id int, name varchar(50), qty int);
      create table counter (id int, n int);
      insert into counter values (1, 0), (2, 0);
    `)
  })

  afterAll(async () => {
    await Promise.all(instances.map((db) => db.destroy()))
    await close()
  })

  function open(extra: Parameters<typeof createKysely>[0] = {}): {
    db: Kysely<DB>
    driver: RedshiftDriver
    app: string
  } {
    const app = uniqueAppName('driver')
    const { db, driver } = createKysely<DB>({
      url: tdb.url,
      applicationName: app,
      ...extra,
    })
    instances.push(db)
    return { db, driver, app }
  }

  const pidOf = async (db: Kysely<any>) =>
    (await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(db))
      .rows[0]!.pid

  it('runs queries with the package type parsers and returns affected rows', async () => {
    const { db } = open()
    const inserted = await db
      .insertInto('items')
      .values([
        { id: 1, name: 'a', qty: 5 },
        { id: 2, name: "it's", qty: 7 },
        { id: 3, name: 'c\\d', qty: 9 },
      ])
      .executeTakeFirstOrThrow()
    expect(inserted.numInsertedOrUpdatedRows).toBe(3n)
    const updated = await db
      .updateTable('items')
      .set({ qty: 10 })
      .where('id', '>', 1)
      .executeTakeFirstOrThrow()
    expect(updated.numUpdatedRows).toBe(2n)
    const rows = await db
      .selectFrom('items')
      .select(['id', 'name'])
      .orderBy('id')
      .execute()
    expect(rows.map((r) => r.name)).toEqual(['a', "it's", 'c\\d'])
    const { rows: counted } = await sql<{
      n: bigint
    }>`select count(*) as n from items`.execute(db)
    expect(counted[0]!.n).toBe(3n)
    const deleted = await db
      .deleteFrom('items')
      .where('id', '=', 3)
      .executeTakeFirstOrThrow()
    expect(deleted.numDeletedRows).toBe(1n)
  })

  it('reports the row count of COPY as numAffectedRows', async () => {
    const { db } = open()
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'copy-'))
    fs.chmodSync(dir, 0o777)
    const file = path.join(dir, 'items.csv')
    try {
      // Server-side files: COPY's own row count comes back in its tag.
      const out = await db.executeQuery(
        CompiledQuery.raw(`copy items to ${quote(file)} with (format csv)`),
      )
      expect(out.numAffectedRows).toBe(2n)
      const loaded = await db.executeQuery(
        CompiledQuery.raw(`copy copied from ${quote(file)} with (format csv)`),
      )
      expect(loaded.numAffectedRows).toBe(2n)
    } finally {
      fs.rmSync(dir, { recursive: true, force: true })
    }
  })

  it('maps server errors to the package classes, with the SQL and no secrets', async () => {
    const { db } = open()
    const missing = await db
      .selectFrom('no_such_table' as any)
      .selectAll()
      .execute()
      .catch((e: unknown) => e)
    expect(missing).toBeInstanceOf(TableNotFoundError)
    expect(missing).toMatchObject({
      code: '42P01',
      sql: 'select * from "no_such_table"',
    })
    await expect(sql`select 1/0`.execute(db)).rejects.toBeInstanceOf(DataError)
    // The connection is fine after a statement error.
    expect((await sql<{ x: number }>`select 1 as x`.execute(db)).rows).toEqual([
      { x: 1 },
    ])
  })

  it('maps a statement timeout set per query', async () => {
    const { db } = open({ pool: { max: 1 } })
    const slow = withQuerySettings(db, { statementTimeoutMs: 50 })
    const error = await sql`select pg_sleep(2)`
      .execute(slow)
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(StatementTimeoutError)
    expect(error).toMatchObject({ code: '57014' })
    // The next query without the setting runs with the baseline again.
    await sql`select pg_sleep(0.1)`.execute(db)
  })

  it('maps a serialization failure inside a SERIALIZABLE transaction', async () => {
    const { db } = open({ pool: { max: 2 } })
    let first!: () => void
    const firstRead = new Promise<void>((resolve) => (first = resolve))
    let second!: () => void
    const secondRead = new Promise<void>((resolve) => (second = resolve))
    const a = db
      .transaction()
      .setIsolationLevel('serializable')
      .execute(async (trx) => {
        await trx
          .selectFrom('counter')
          .select('n')
          .where('id', '=', 1)
          .execute()
        first()
        await secondRead
        await trx
          .updateTable('counter')
          .set({ n: 1 })
          .where('id', '=', 2)
          .execute()
      })
    const b = db
      .transaction()
      .setIsolationLevel('serializable')
      .execute(async (trx) => {
        await firstRead
        await trx
          .selectFrom('counter')
          .select('n')
          .where('id', '=', 2)
          .execute()
        second()
        await trx
          .updateTable('counter')
          .set({ n: 1 })
          .where('id', '=', 1)
          .execute()
      })
    const results = await Promise.allSettled([a, b])
    const failures = results.filter((r) => r.status === 'rejected')
    expect(failures).toHaveLength(1)
    const reason = (failures[0] as PromiseRejectedResult).reason
    expect(reason).toBeInstanceOf(SerializationFailureError)
    expect(reason).toMatchObject({ code: '40001', isRetryable: true })
  })

  it('asks the password provider for every new connection and never shows it', async () => {
    let calls = 0
    const secret = 'Sup3r-secret-pw'
    const url = new URL(tdb.url)
    const realPassword = decodeURIComponent(url.password)
    url.password = ''
    const { db, driver } = open({
      url: url.toString(),
      password: async () => {
        calls++
        return realPassword
      },
      pool: { max: 3 },
    })
    await Promise.all(
      [1, 2, 3].map(() => sql`select pg_sleep(0.05)`.execute(db)),
    )
    expect(calls).toBe(3)
    expect(driver.pool.stats().size).toBe(3)

    const wrong = open({
      url: url.toString(),
      user: 'no_such_user_here',
      password: async () => secret,
    })
    const error = await sql`select 1`.execute(wrong.db).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AuthenticationFailedError)
    const text = JSON.stringify(error, Object.getOwnPropertyNames(error))
    expect(text).not.toContain(secret)
    expect(String((error as Error).stack)).not.toContain(secret)
  })

  it('opens transactions with the settings Redshift honours and refuses the others', async () => {
    const { db } = open({ pool: { max: 1 } })
    await db.transaction().execute(async (trx) => {
      const { rows } = await sql<{
        status: string
      }>`show transaction_isolation`.execute(trx)
      expect(rows[0]).toBeDefined()
    })
    await db
      .transaction()
      .setIsolationLevel('serializable')
      .execute(async (trx) => {
        const { rows } = await sql<{
          transaction_isolation: string
        }>`show transaction_isolation`.execute(trx)
        expect(rows[0]!.transaction_isolation).toBe('serializable')
      })
    for (const level of [
      'read uncommitted',
      'read committed',
      'repeatable read',
    ] as const) {
      const error = await db
        .transaction()
        .setIsolationLevel(level)
        .execute(async () => {})
        .catch((e: unknown) => e)
      expect(error).toBeInstanceOf(RedshiftUnsupportedError)
      expect((error as Error).message).toContain(level)
      expect((error as Error).message).toMatch(/SERIALIZABLE/)
    }
    const readOnly = await db
      .transaction()
      .setAccessMode('read only')
      .execute((trx) =>
        trx.insertInto('items').values({ id: 9, name: 'x', qty: 1 }).execute(),
      )
      .catch((e: unknown) => e)
    expect(readOnly).toBeInstanceOf(RedshiftError)
    expect(readOnly).toMatchObject({ code: '25006' })

    const trx = await db.startTransaction().execute()
    await expect(trx.savepoint('s1').execute()).rejects.toThrow(
      /Redshift does not support savepoints/,
    )
    await trx.rollback().execute()
  })

  it('checks the database isolation level before a SNAPSHOT transaction', async () => {
    // Plain PostgreSQL has no STV_DB_ISOLATION_LEVEL: the level cannot be
    // known, so SNAPSHOT is refused.
    const plain = open({ pool: { max: 1 } })
    const unknown = await plain.db
      .transaction()
      .setIsolationLevel('snapshot')
      .execute(async () => {})
      .catch((e: unknown) => e)
    expect(unknown).toBeInstanceOf(RedshiftUnsupportedError)
    expect((unknown as Error).message).toMatch(/STV_DB_ISOLATION_LEVEL/)

    // The view with Redshift's documented shape (char columns, padded).
    await admin.query(`
      create table isolation_setting (level text);
      insert into isolation_setting values ('Serializable');
      create view stv_db_isolation_level as
        select current_database()::character(128) as db_name,
               level::character(20) as isolation_level
        from isolation_setting;
    `)
    try {
      const serializable = open({ pool: { max: 1 } })
      const refused = await serializable.db
        .transaction()
        .setIsolationLevel('snapshot')
        .execute(async () => {})
        .catch((e: unknown) => e)
      expect(refused).toBeInstanceOf(RedshiftUnsupportedError)
      expect((refused as Error).message).toContain(
        `ALTER DATABASE "${tdb.name}" ISOLATION LEVEL SNAPSHOT`,
      )

      await admin.query(
        `update isolation_setting set level = 'Snapshot Isolation'`,
      )
      const snapshot = open({ pool: { max: 1 } })
      const value = await snapshot.db
        .transaction()
        .setIsolationLevel('snapshot')
        .execute(async (trx) => {
          const { rows } = await sql<{ n: number }>`select 1 as n`.execute(trx)
          return rows[0]!.n
        })
      expect(value).toBe(1)
    } finally {
      await admin.query(
        'drop view stv_db_isolation_level; drop table isolation_setting',
      )
    }
  })

  it('throws when COMMIT ends a failed transaction with ROLLBACK', async () => {
    const { db, driver } = open({ pool: { max: 1 } })
    const error = await db
      .transaction()
      .execute(async (trx) => {
        await sql`select 1/0`.execute(trx).catch(() => {})
      })
      .catch((e: unknown) => e)
    expect((error as Error).message).toMatch(/rolled back instead of committed/)
    // The connection ended its transaction and is reused.
    expect(driver.pool.stats()).toMatchObject({ size: 1, idle: 1 })
  })

  it('never returns a connection whose session was killed, even when its rollback fails', async () => {
    const { db, driver } = open({ pool: { max: 1 } })
    const victim = await pidOf(db)
    const destroyed = nextEvent<[PooledConnection, string]>(
      driver.pool,
      'destroy',
      (c) => c.backendPid === victim,
    )
    const error = await db
      .transaction()
      .execute(async (trx) => {
        await admin.query('select pg_terminate_backend($1)', [victim])
        await sql`select 1`.execute(trx)
      })
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ConnectionLostError)
    expect((await destroyed)[1]).toBe('broken')
    const next = await pidOf(db)
    expect(next).not.toBe(victim)
    expect(driver.pool.stats().size).toBe(1)
  })

  it('replaces a connection killed while idle', async () => {
    const { db, driver } = open({ pool: { max: 1 } })
    const victim = await pidOf(db)
    const destroyed = nextEvent(driver.pool, 'destroy')
    await admin.query('select pg_terminate_backend($1)', [victim])
    await destroyed
    expect(await pidOf(db)).not.toBe(victim)
  })

  it('runs statements of one connection one at a time, in order', async () => {
    const { db } = open({ pool: { max: 1 } })
    const warnings: Error[] = []
    const onWarning = (w: Error) => warnings.push(w)
    process.on('warning', onWarning)
    try {
      const values = await db
        .transaction()
        .execute((trx) =>
          Promise.all(
            Array.from({ length: 20 }, (_, i) =>
              sql<{ v: number }>`select ${i}::int as v, pg_sleep(0.001)`
                .execute(trx)
                .then((r) => r.rows[0]!.v),
            ),
          ),
        )
      expect(values).toEqual(Array.from({ length: 20 }, (_, i) => i))
      await new Promise((resolve) => setImmediate(resolve))
      expect(
        warnings.filter((w) => /already executing/.test(w.message)),
      ).toEqual([])
    } finally {
      process.off('warning', onWarning)
    }
  })

  it('fails an acquire with PoolTimeoutError, or with the abort reason', async () => {
    // The first acquire opens the connection within the same timeout: long
    // enough for that on a loaded machine, short enough to wait out below.
    const { db, driver } = open({ pool: { max: 1, acquireTimeoutMs: 1_000 } })
    const held = await driver.acquireConnection()
    try {
      const timeout = await sql`select 1`.execute(db).catch((e: unknown) => e)
      expect(timeout).toBeInstanceOf(PoolTimeoutError)
      expect(timeout).toMatchObject({ timeoutMs: 1_000, size: 1, inUse: 1 })
      const reason = new Error('caller left')
      const controller = new AbortController()
      const waiting = driver.acquireConnection({ signal: controller.signal })
      controller.abort(reason)
      await expect(waiting).rejects.toBe(reason)
    } finally {
      await driver.releaseConnection(held)
    }
    expect(driver.pool.stats()).toMatchObject({ inUse: 0, waiting: 0 })
  })

  it('waits for connections in use on destroy, then closes them all', async () => {
    const { db, driver, app } = open({ pool: { max: 2, min: 1 } })
    await sql`select 1`.execute(db)
    const running = sql`select pg_sleep(0.1)`.execute(db)
    await new Promise((resolve) => setTimeout(resolve, 20))
    await db.destroy()
    await running
    expect(driver.pool.stats().size).toBe(0)
    await eventually(async () => {
      const { rows } = await admin.query(
        'select count(*)::int as n from pg_stat_activity where application_name = $1',
        [app],
      )
      return rows[0].n === 0
    })
  })
})
