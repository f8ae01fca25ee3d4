import { CamelCasePlugin, Kysely, Migrator, sql } from 'kysely'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { createRedshift } from '../../src/client.js'
import { toPgClientConfig } from '../../src/config/index.js'
import { RedshiftDialect } from '../../src/dialect/index.js'
import {
  RedshiftConfigError,
  RedshiftUnsupportedError,
} from '../../src/errors/index.js'
import { RedshiftPool } from '../../src/pool/index.js'
import { createTypeParsers } from '../../src/types/index.js'
import {
  createSalesSchema,
  useRedshiftStringRules,
  type Database,
} from '../setup/schema-database.js'
import {
  createTestDatabase,
  type TestDatabase,
} from '../setup/test-database.js'

describe('RedshiftDialect and createRedshift on a real PostgreSQL', () => {
  let testDb: TestDatabase

  beforeAll(async () => {
    testDb = await createTestDatabase('client')
    await useRedshiftStringRules(testDb)
    const setup = createRedshift<Database>(testDb.url)
    await createSalesSchema(setup)
    await setup.close()
  })

  afterAll(async () => {
    await testDb?.drop()
  })

  it('works as a plain Kysely dialect: queries, transactions, introspection', async () => {
    const db = new Kysely<Database>({
      dialect: new RedshiftDialect(testDb.url),
    })
    try {
      const people = await db
        .selectFrom('person')
        .innerJoin('sales', 'sales.person_id', 'person.id')
        .select([
          'person.first_name',
          (eb) => eb.fn.sum<string>('qty').as('qty'),
        ])
        .groupBy('person.first_name')
        .orderBy('person.first_name')
        .execute()
      expect(people).toEqual([
        // SUM of integer is BIGINT, read as bigint by default.
        { first_name: 'Ada', qty: 3n },
        { first_name: 'Alan', qty: 3n },
        { first_name: 'Grace', qty: 5n },
      ])

      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('note')
          .values({ id: 1, body: "it's C:\\temp" })
          .execute()
      })
      const note = await db
        .selectFrom('note')
        .select('body')
        .where('body', '=', sql.lit("it's C:\\temp"))
        .executeTakeFirstOrThrow()
      expect(note.body).toBe("it's C:\\temp")

      await expect(
        db.transaction().execute(async (trx) => {
          await trx.deleteFrom('note').execute()
          throw new Error('changed my mind')
        }),
      ).rejects.toThrow('changed my mind')
      expect(await db.selectFrom('note').select('id').execute()).toHaveLength(1)

      const tables = await db.introspection.getTables()
      expect(tables.map((t) => t.name)).toEqual([
        'note',
        'person',
        'person_stage',
        'sales',
      ])
      expect(tables.find((t) => t.name === 'sales')!.columns[0]).toMatchObject({
        name: 'id',
        isAutoIncrementing: true,
      })
    } finally {
      await db.destroy()
    }
  })

  it('refuses Redshift-incompatible queries before anything is sent', async () => {
    const seen: string[] = []
    const db = new Kysely<Database>({
      dialect: new RedshiftDialect(testDb.url),
      log: (event) => {
        seen.push(event.query.sql)
      },
    })
    try {
      await expect(
        db
          .insertInto('note')
          .values({ id: 2, body: 'x' })
          .returning('id')
          .execute(),
      ).rejects.toBeInstanceOf(RedshiftUnsupportedError)
      expect(seen).toEqual([])
      expect(
        await db.selectFrom('note').select('id').where('id', '=', 2).execute(),
      ).toEqual([])
    } finally {
      await db.destroy()
    }
  })

  it('createRedshift returns the Kysely instance with config and close()', async () => {
    const db = createRedshift<Database>({
      url: testDb.url,
      applicationName: 'client-test',
      pool: { max: 3 },
    })
    expect(db).toBeInstanceOf(Kysely)
    expect(db.config.database).toBe(testDb.name)
    expect(db.config.pool.max).toBe(3)
    expect(Object.isFrozen(db.config)).toBe(true)
    // Read-only: the client's capabilities cannot be swapped out.
    expect(() => {
      ;(db as { close: unknown }).close = () => undefined
    }).toThrow(TypeError)

    const { rows } = await sql<{
      name: string
    }>`select current_setting('application_name') as name`.execute(db)
    expect(rows).toEqual([{ name: 'client-test' }])
    const result = await db
      .insertInto('sales')
      .values({
        person_id: 4,
        qty: 1,
        price: '2.50',
        sold_on: new Date('2024-02-01'),
      })
      .executeTakeFirstOrThrow()
    // No RETURNING on Redshift: an InsertResult with the row count.
    expect(result.numInsertedOrUpdatedRows).toBe(1n)

    await db.close()
    await db.close()
    await expect(
      db.selectFrom('person').selectAll().execute(),
    ).rejects.toThrow()
  })

  it("applies Kysely plugins: CamelCasePlugin keeps Redshift's lower-case names", async () => {
    interface CamelDb {
      person: { id: number; firstName: string; managerId: number | null }
    }
    const db = createRedshift<CamelDb>(testDb.url, {
      plugins: [new CamelCasePlugin()],
    })
    try {
      const query = db
        .selectFrom('person')
        .select(['firstName', 'managerId as bossId'])
        .where('id', '=', 2)
      // Output names reach the server in snake_case, which Redshift returns
      // unchanged; the plugin maps them back.
      expect(query.compile().sql).toBe(
        'select "first_name", "manager_id" as "boss_id" from "person" where "id" = $1',
      )
      expect(await query.execute()).toEqual([{ firstName: 'Grace', bossId: 1 }])
    } finally {
      await db.close()
    }
  })

  it('takes a shared pool through { config, pool }', async () => {
    const dialectConfig = { config: testDb.url }
    const parsed = new RedshiftDialect(dialectConfig).config
    let opened = 0
    const pool = new RedshiftPool({
      min: 0,
      max: 2,
      acquireTimeoutMs: 5_000,
      idleTimeoutMs: 60_000,
      maxLifetimeMs: 60_000,
      connect: async () => {
        opened++
        const client = new pg.Client(
          toPgClientConfig(
            parsed,
            { user: parsed.user, password: await parsed.password() },
            createTypeParsers(parsed.types),
          ),
        )
        await client.connect()
        return client
      },
    })
    const db = createRedshift<Database>({ ...dialectConfig, pool })
    try {
      const count = await db
        .selectFrom('person')
        .select((eb) => eb.fn.countAll<bigint>().as('n'))
        .executeTakeFirstOrThrow()
      expect(count.n).toBe(4n)
      expect(opened).toBe(1)
      expect(pool.stats().size).toBe(1)
    } finally {
      await db.close()
    }
  })

  it('runs Kysely migrations end to end', async () => {
    const db = createRedshift<Database>(testDb.url)
    try {
      const migrator = new Migrator({
        db,
        provider: {
          getMigrations: async () => ({
            '001_region': {
              up: async (db) => {
                await db.schema
                  .createTable('region')
                  .addColumn('code', 'char(2)', (col) => col.primaryKey())
                  .addColumn('name', 'varchar(64)', (col) =>
                    col.notNull().defaultTo("Côte d'Ivoire \\ default"),
                  )
                  .execute()
              },
            },
          }),
        },
      })
      const { error, results } = await migrator.migrateToLatest()
      expect(error).toBeUndefined()
      expect(results).toEqual([
        { migrationName: '001_region', direction: 'Up', status: 'Success' },
      ])
      await sql`insert into region (code) values ('CI')`.execute(db)
      const { rows } = await sql<{
        name: string
      }>`select name from region`.execute(db)
      expect(rows).toEqual([{ name: "Côte d'Ivoire \\ default" }])
    } finally {
      await db.close()
    }
  })

  it('reports every configuration problem when the dialect is built', () => {
    let caught: unknown
    try {
      new RedshiftDialect({
        host: 'cluster.example.com',
        port: -1,
        fetchSize: 1,
      })
    } catch (error) {
      caught = error
    }
    expect(caught).toBeInstanceOf(RedshiftConfigError)
    const paths = (caught as RedshiftConfigError).issues.map((i) => i.path)
    expect(paths).toEqual(expect.arrayContaining(['port', 'fetchSize', 'user']))
  })
})
