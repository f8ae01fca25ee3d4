import {
  Migrator,
  sql,
  type Kysely,
  type Migration,
  type MigrationProvider,
} from 'kysely'
import pg from 'pg'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'

import { RedshiftAdapter } from '../../src/dialect/redshift-adapter.js'
import { postgresDb, useRedshiftStringRules } from '../setup/schema-database.js'
import {
  createTestDatabase,
  type TestDatabase,
} from '../setup/test-database.js'

// Fast retries so the tests spend their time migrating, not sleeping.
const FAST_LOCK = { initialDelayMs: 2, maxDelayMs: 20 }

function provider(migrations: Record<string, Migration>): MigrationProvider {
  return { getMigrations: async () => migrations }
}

function createTable(name: string): Migration {
  return {
    up: async (db) => {
      await db.schema
        .createTable(name)
        .addColumn('id', 'integer', (col) => col.primaryKey())
        .addColumn('label', 'varchar(32)')
        .execute()
    },
    down: async (db) => {
      await db.schema.dropTable(name).execute()
    },
  }
}

describe('Kysely Migrator on the Redshift adapter', () => {
  let testDb: TestDatabase
  let admin: pg.Client
  const opened: Kysely<unknown>[] = []

  function open(options: { timeoutMs?: number } = {}): Kysely<unknown> {
    const db = postgresDb<unknown>(
      testDb.url,
      new RedshiftAdapter({ ...FAST_LOCK, timeoutMs: options.timeoutMs }),
    )
    opened.push(db)
    return db
  }

  async function tables(): Promise<string[]> {
    const { rows } = await admin.query<{ tablename: string }>(
      "select tablename from pg_tables where schemaname = 'public' order by 1",
    )
    return rows.map((r) => r.tablename)
  }

  async function lockFlag(): Promise<number> {
    const { rows } = await admin.query<{ is_locked: number }>(
      'select is_locked from kysely_migration_lock',
    )
    return rows[0]!.is_locked
  }

  beforeAll(async () => {
    testDb = await createTestDatabase('migrator')
    await useRedshiftStringRules(testDb)
    admin = new pg.Client({ connectionString: testDb.url })
    await admin.connect()
  })

  afterEach(async () => {
    await Promise.all(opened.splice(0).map((db) => db.destroy()))
    await admin.query('drop schema public cascade; create schema public')
  })

  afterAll(async () => {
    await admin?.end()
    await testDb?.drop()
  })

  it('creates the lock table in the shape Kysely documents and releases the flag', async () => {
    const migrator = new Migrator({
      db: open(),
      provider: provider({ '001_a': createTable('a') }),
    })
    const { error, results } = await migrator.migrateToLatest()
    expect(error).toBeUndefined()
    expect(results).toEqual([
      { migrationName: '001_a', direction: 'Up', status: 'Success' },
    ])
    const shape = await admin.query(
      `select column_name, data_type, is_nullable, column_default
       from information_schema.columns
       where table_name = 'kysely_migration_lock' order by ordinal_position`,
    )
    expect(shape.rows).toEqual([
      {
        column_name: 'id',
        data_type: 'character varying',
        is_nullable: 'NO',
        column_default: null,
      },
      {
        column_name: 'is_locked',
        data_type: 'integer',
        is_nullable: 'NO',
        column_default: '0',
      },
    ])
    const { rows } = await admin.query('select * from kysely_migration_lock')
    expect(rows).toEqual([{ id: 'migration_lock', is_locked: 0 }])
  })

  it('two migrators started together both succeed and apply each migration once', async () => {
    const migrations = {
      '001_a': createTable('a'),
      '002_b': createTable('b'),
      '003_c': createTable('c'),
    }
    const [first, second] = await Promise.all([
      new Migrator({
        db: open(),
        provider: provider(migrations),
      }).migrateToLatest(),
      new Migrator({
        db: open(),
        provider: provider(migrations),
      }).migrateToLatest(),
    ])
    expect(first.error).toBeUndefined()
    expect(second.error).toBeUndefined()
    // Whichever ran first applied all three; the other found nothing to do.
    const applied = [...(first.results ?? []), ...(second.results ?? [])]
    expect(applied.map((r) => r.migrationName).sort()).toEqual([
      '001_a',
      '002_b',
      '003_c',
    ])
    expect(applied.every((r) => r.status === 'Success')).toBe(true)
    const { rows } = await admin.query(
      'select name from kysely_migration order by name',
    )
    expect(rows.map((r) => r.name)).toEqual(['001_a', '002_b', '003_c'])
    expect(await lockFlag()).toBe(0)
  })

  it('a second migrator waits while the first holds the lock, then finds nothing to do', async () => {
    let secondTriedLock!: () => void
    const secondBlocked = new Promise<void>((resolve) => {
      secondTriedLock = resolve
    })
    const secondDb = postgresDb<unknown>(
      testDb.url,
      new (class extends RedshiftAdapter {
        override async acquireMigrationLock(
          ...args: Parameters<RedshiftAdapter['acquireMigrationLock']>
        ): Promise<void> {
          // The flag is set by the first migrator: this attempt must wait.
          expect(await lockFlag()).toBe(1)
          secondTriedLock()
          return super.acquireMigrationLock(...args)
        }
      })(FAST_LOCK),
    )
    opened.push(secondDb)

    let secondRun: ReturnType<Migrator['migrateToLatest']> | undefined
    const migrations: Record<string, Migration> = {
      '001_a': {
        up: async (db) => {
          await createTable('a').up(db)
          // Start the competitor while this migration holds the lock and
          // continue only once it is queued behind it.
          secondRun = new Migrator({
            db: secondDb,
            provider: provider(migrations),
          }).migrateToLatest()
          await secondBlocked
        },
      },
      '002_b': createTable('b'),
    }
    const first = await new Migrator({
      db: open(),
      provider: provider(migrations),
    }).migrateToLatest()
    const second = await secondRun!
    expect(first.error).toBeUndefined()
    expect(first.results?.map((r) => r.migrationName)).toEqual([
      '001_a',
      '002_b',
    ])
    expect(second.error).toBeUndefined()
    expect(second.results).toEqual([])
    expect(await tables()).toEqual([
      'a',
      'b',
      'kysely_migration',
      'kysely_migration_lock',
    ])
    expect(await lockFlag()).toBe(0)
  })

  it('a failing migration rolls back the whole run and releases the lock', async () => {
    const failing: Migration = {
      up: async (db) => {
        await createTable('b').up(db)
        await sql`select * from no_such_table`.execute(db)
      },
    }
    const migrator = new Migrator({
      db: open(),
      provider: provider({ '001_a': createTable('a'), '002_b': failing }),
    })
    const { error, results } = await migrator.migrateToLatest()
    expect(error).toBeInstanceOf(Error)
    expect(String(error)).toMatch(/no_such_table/)
    expect(results).toEqual([
      { migrationName: '001_a', direction: 'Up', status: 'Success' },
      { migrationName: '002_b', direction: 'Up', status: 'Error' },
    ])
    // Transactional DDL: neither table survived, nothing was recorded.
    expect(await tables()).toEqual([
      'kysely_migration',
      'kysely_migration_lock',
    ])
    const { rows } = await admin.query(
      'select count(*)::int as n from kysely_migration',
    )
    expect(rows[0].n).toBe(0)
    expect(await lockFlag()).toBe(0)

    // Fixed, the same run goes through.
    const fixed = new Migrator({
      db: open(),
      provider: provider({
        '001_a': createTable('a'),
        '002_b': createTable('b'),
      }),
    })
    expect((await fixed.migrateToLatest()).error).toBeUndefined()
    expect(await tables()).toEqual([
      'a',
      'b',
      'kysely_migration',
      'kysely_migration_lock',
    ])
  })

  it('works with disableTransactions (the row flag is the only lock)', async () => {
    const migrations = { '001_a': createTable('a'), '002_b': createTable('b') }
    const [first, second] = await Promise.all([
      new Migrator({
        db: open(),
        provider: provider(migrations),
        disableTransactions: true,
      }).migrateToLatest(),
      new Migrator({
        db: open(),
        provider: provider(migrations),
        disableTransactions: true,
      }).migrateToLatest(),
    ])
    expect(first.error).toBeUndefined()
    expect(second.error).toBeUndefined()
    const { rows } = await admin.query(
      'select name from kysely_migration order by name',
    )
    expect(rows.map((r) => r.name)).toEqual(['001_a', '002_b'])
    expect(await lockFlag()).toBe(0)
  })

  it('gives up after the timeout with a recovery hint, leaving a lock it does not hold alone', async () => {
    const migrations = { '001_a': createTable('a') }
    expect(
      (
        await new Migrator({
          db: open(),
          provider: provider(migrations),
        }).migrateToLatest()
      ).error,
    ).toBeUndefined()
    // A migrator that was killed while holding the lock.
    await admin.query('update kysely_migration_lock set is_locked = 1')

    const started = Date.now()
    const { error } = await new Migrator({
      db: open({ timeoutMs: 150 }),
      provider: provider({ ...migrations, '002_b': createTable('b') }),
    }).migrateToLatest()
    expect(Date.now() - started).toBeGreaterThanOrEqual(150)
    expect(String(error)).toMatch(
      /within 150 ms.*update "kysely_migration_lock" set is_locked = 0 where id = 'migration_lock'/,
    )
    // The waiting migrator never owned the flag, so it did not clear it.
    expect(await lockFlag()).toBe(1)
    expect(await tables()).not.toContain('b')
  })

  it('inside a transaction the lock is LOCK TABLE, held until commit', async () => {
    const db = open()
    await new Migrator({
      db,
      provider: provider({ '001_a': createTable('a') }),
    }).migrateToLatest()
    const adapter = new RedshiftAdapter()
    const options = {
      lockTable: 'kysely_migration_lock',
      lockRowId: 'migration_lock',
    }
    await db.transaction().execute(async (trx) => {
      await adapter.acquireMigrationLock(trx, options)
      const { rows } = await admin.query(
        `select mode from pg_locks
         where relation = 'kysely_migration_lock'::regclass and granted`,
      )
      expect(rows.map((r) => r.mode)).toContain('AccessExclusiveLock')
      // Releasing inside the transaction is a no-op: COMMIT releases.
      await adapter.releaseMigrationLock(trx, options)
      const stillHeld = await admin.query(
        `select count(*)::int as n from pg_locks
         where relation = 'kysely_migration_lock'::regclass and granted`,
      )
      expect(stillHeld.rows[0].n).toBe(1)
    })
    // The flag was never used: the table lock did the work.
    expect(await lockFlag()).toBe(0)
    const { rows } = await admin.query(
      `select count(*)::int as n from pg_locks
       where relation = 'kysely_migration_lock'::regclass`,
    )
    expect(rows[0].n).toBe(0)
  })
})
