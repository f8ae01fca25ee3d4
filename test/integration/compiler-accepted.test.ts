import { sql, type Compilable, type Kysely } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import {
  compileOnlyDb,
  createSalesSchema,
  postgresDb,
  useRedshiftStringRules,
  type Database,
} from '../setup/schema-database.js'
import {
  createTestDatabase,
  type TestDatabase,
} from '../setup/test-database.js'

/** Kysely's testSql pattern: the exact SQL and parameters. */
function testSql(
  query: Compilable,
  expected: { sql: string; parameters: readonly unknown[] },
): void {
  const compiled = query.compile()
  expect(compiled.sql).toBe(expected.sql)
  expect(compiled.parameters).toEqual(expected.parameters)
}

describe('RedshiftQueryCompiler: accepted queries, exact SQL and real execution', () => {
  let testDb: TestDatabase
  let db: Kysely<Database>

  beforeAll(async () => {
    testDb = await createTestDatabase('compiler')
    await useRedshiftStringRules(testDb)
    db = postgresDb(testDb.url)
    await createSalesSchema(db)
  })

  afterAll(async () => {
    await db?.destroy()
    await testDb?.drop()
  })

  it('select with joins, where, group by, having, order by, limit and offset', async () => {
    const query = db
      .selectFrom('person')
      .innerJoin('sales', 'sales.person_id', 'person.id')
      .leftJoin('person as manager', 'manager.id', 'person.manager_id')
      .select((eb) => [
        'person.first_name',
        'manager.first_name as manager_name',
        eb.fn.sum<bigint>('sales.qty').as('total_qty'),
      ])
      .where('sales.sold_on', '>=', new Date('2024-01-01'))
      .where((eb) =>
        eb.or([
          eb('person.last_name', 'is not', null),
          eb('person.id', '=', 4),
        ]),
      )
      .groupBy(['person.first_name', 'manager.first_name'])
      .having((eb) => eb.fn.sum('sales.qty'), '>', 1)
      .orderBy('total_qty', 'desc')
      .limit(10)
      .offset(0)
    testSql(query, {
      sql:
        'select "person"."first_name", "manager"."first_name" as "manager_name", sum("sales"."qty") as "total_qty" ' +
        'from "person" inner join "sales" on "sales"."person_id" = "person"."id" ' +
        'left join "person" as "manager" on "manager"."id" = "person"."manager_id" ' +
        'where "sales"."sold_on" >= $1 and ("person"."last_name" is not null or "person"."id" = $2) ' +
        'group by "person"."first_name", "manager"."first_name" having sum("sales"."qty") > $3 ' +
        'order by "total_qty" desc limit $4 offset $5',
      parameters: [new Date('2024-01-01'), 4, 1, 10, 0],
    })
    const rows = await query.execute()
    expect(rows).toEqual([
      // SUM over integer is BIGINT, read as bigint.
      { first_name: 'Grace', manager_name: 'Ada', total_qty: 5n },
      { first_name: 'Ada', manager_name: null, total_qty: 3n },
      { first_name: 'Alan', manager_name: 'Grace', total_qty: 3n },
    ])
  })

  it('multi-row insert', async () => {
    const query = db.insertInto('person_stage').values([
      { id: 2, first_name: 'Grace', last_name: 'Brewster', manager_id: 1 },
      { id: 5, first_name: 'Barbara', last_name: 'Liskov', manager_id: null },
    ])
    testSql(query, {
      sql: 'insert into "person_stage" ("id", "first_name", "last_name", "manager_id") values ($1, $2, $3, $4), ($5, $6, $7, $8)',
      parameters: [2, 'Grace', 'Brewster', 1, 5, 'Barbara', 'Liskov', null],
    })
    const result = await query.executeTakeFirstOrThrow()
    expect(result.numInsertedOrUpdatedRows).toBe(2n)
    // supportsReturning = false: the result is an InsertResult, not rows.
    expect(result.insertId).toBeUndefined()
  })

  it('update ... from', async () => {
    const query = db
      .updateTable('note')
      .from('person')
      .set((eb) => ({ body: eb.ref('person.first_name') }))
      .whereRef('note.id', '=', 'person.id')
    testSql(query, {
      sql: 'update "note" set "body" = "person"."first_name" from "person" where "note"."id" = "person"."id"',
      parameters: [],
    })
    await db
      .insertInto('note')
      .values([
        { id: 1, body: '' },
        { id: 2, body: '' },
        { id: 99, body: 'untouched' },
      ])
      .execute()
    const result = await query.executeTakeFirstOrThrow()
    expect(result.numUpdatedRows).toBe(2n)
    const notes = await db
      .selectFrom('note')
      .selectAll()
      .orderBy('id')
      .execute()
    expect(notes.map((n) => n.body)).toEqual(['Ada', 'Grace', 'untouched'])
  })

  it('delete ... using', async () => {
    const query = db
      .deleteFrom('note')
      .using('person')
      .whereRef('note.id', '=', 'person.id')
      .where('person.first_name', '=', 'Ada')
    testSql(query, {
      sql: 'delete from "note" using "person" where "note"."id" = "person"."id" and "person"."first_name" = $1',
      parameters: ['Ada'],
    })
    const result = await query.executeTakeFirstOrThrow()
    expect(result.numDeletedRows).toBe(1n)
  })

  it('merge: WHEN MATCHED THEN UPDATE, WHEN NOT MATCHED THEN INSERT', async () => {
    const query = db
      .mergeInto('person')
      .using('person_stage', 'person_stage.id', 'person.id')
      .whenMatched()
      .thenUpdateSet((eb) => ({
        first_name: eb.ref('person_stage.first_name'),
        last_name: eb.ref('person_stage.last_name'),
      }))
      .whenNotMatched()
      .thenInsertValues((eb) => ({
        id: eb.ref('person_stage.id'),
        first_name: eb.ref('person_stage.first_name'),
        last_name: eb.ref('person_stage.last_name'),
        manager_id: eb.ref('person_stage.manager_id'),
      }))
    testSql(query, {
      sql:
        'merge into "person" using "person_stage" on "person_stage"."id" = "person"."id" ' +
        'when matched then update set "first_name" = "person_stage"."first_name", "last_name" = "person_stage"."last_name" ' +
        'when not matched then insert ("id", "first_name", "last_name", "manager_id") ' +
        'values ("person_stage"."id", "person_stage"."first_name", "person_stage"."last_name", "person_stage"."manager_id")',
      parameters: [],
    })
    const result = await query.executeTakeFirstOrThrow()
    expect(result.numChangedRows).toBe(2n)
    const people = await db
      .selectFrom('person')
      .select(['id', 'last_name'])
      .where('id', 'in', [2, 5])
      .orderBy('id')
      .execute()
    expect(people).toEqual([
      { id: 2, last_name: 'Brewster' },
      { id: 5, last_name: 'Liskov' },
    ])
  })

  it('merge: WHEN MATCHED THEN DELETE', async () => {
    // Grace has sales, which PostgreSQL's enforced foreign key protects
    // (Redshift would not enforce it): merge only Barbara.
    await db.deleteFrom('person_stage').where('id', '=', 2).execute()
    const query = db
      .mergeInto('person')
      .using('person_stage', 'person_stage.id', 'person.id')
      .whenMatched()
      .thenDelete()
      .whenNotMatched()
      .thenInsertValues((eb) => ({
        id: eb.ref('person_stage.id'),
        first_name: eb.ref('person_stage.first_name'),
      }))
    testSql(query, {
      sql:
        'merge into "person" using "person_stage" on "person_stage"."id" = "person"."id" ' +
        'when matched then delete when not matched then insert ("id", "first_name") ' +
        'values ("person_stage"."id", "person_stage"."first_name")',
      parameters: [],
    })
    const result = await query.executeTakeFirstOrThrow()
    expect(result.numChangedRows).toBe(1n)
    const ids = await db
      .selectFrom('person')
      .select('id')
      .orderBy('id')
      .execute()
    expect(ids.map((r) => r.id)).toEqual([1, 2, 3, 4])
  })

  it('CTEs, including a recursive CTE with a column list', async () => {
    const query = db
      .withRecursive('chain(id, manager_id, depth)', (qb) =>
        qb
          .selectFrom('person')
          .select(['id', 'manager_id', sql<number>`1`.as('depth')])
          .where('id', '=', 3)
          .unionAll((qb) =>
            qb
              .selectFrom('person')
              .innerJoin('chain', 'chain.manager_id', 'person.id')
              .select([
                'person.id',
                'person.manager_id',
                sql<number>`chain.depth + 1`.as('depth'),
              ]),
          ),
      )
      .with('named', (qb) =>
        qb
          .selectFrom('chain')
          .innerJoin('person', 'person.id', 'chain.id')
          .select(['person.first_name', 'chain.depth']),
      )
      .selectFrom('named')
      .selectAll()
      .orderBy('depth')
    testSql(query, {
      sql:
        'with recursive "chain"("id", "manager_id", "depth") as (select "id", "manager_id", 1 as "depth" from "person" where "id" = $1 ' +
        'union all select "person"."id", "person"."manager_id", chain.depth + 1 as "depth" from "person" inner join "chain" on "chain"."manager_id" = "person"."id"), ' +
        '"named" as (select "person"."first_name", "chain"."depth" from "chain" inner join "person" on "person"."id" = "chain"."id") ' +
        'select * from "named" order by "depth"',
      parameters: [3],
    })
    const rows = await query.execute()
    expect(rows).toEqual([
      { first_name: 'Alan', depth: 1 },
      { first_name: 'Grace', depth: 2 },
      { first_name: 'Ada', depth: 3 },
    ])
  })

  it('window functions: ranking without a frame, aggregates without ORDER BY, ROWS frames via sql', async () => {
    const query = db
      .selectFrom('sales')
      .select((eb) => [
        'id',
        eb.fn
          .agg<bigint>('row_number')
          .over((ob) => ob.partitionBy('person_id').orderBy('sold_on', 'desc'))
          .as('rn'),
        eb.fn
          .sum<bigint>('qty')
          .over((ob) => ob.partitionBy('person_id'))
          .as('person_total'),
        sql<bigint>`sum(${eb.ref('qty')}) over (order by ${eb.ref('id')} rows between unbounded preceding and current row)`.as(
          'running',
        ),
      ])
      .orderBy('id')
    testSql(query, {
      sql:
        'select "id", row_number() over(partition by "person_id" order by "sold_on" desc) as "rn", ' +
        'sum("qty") over(partition by "person_id") as "person_total", ' +
        'sum("qty") over (order by "id" rows between unbounded preceding and current row) as "running" ' +
        'from "sales" order by "id"',
      parameters: [],
    })
    const rows = await query.execute()
    expect(rows).toEqual([
      { id: 1, rn: 2n, person_total: 3n, running: 2n },
      { id: 2, rn: 1n, person_total: 3n, running: 3n },
      { id: 3, rn: 1n, person_total: 5n, running: 8n },
      { id: 4, rn: 1n, person_total: 3n, running: 11n },
    ])
  })

  it('union, intersect and except', async () => {
    const query = db
      .selectFrom('person')
      .select('id')
      .union(db.selectFrom('sales').select('person_id as id'))
      .intersect(db.selectFrom('person').select('id').where('id', '<', 4))
      .except(db.selectFrom('person').select('id').where('id', '=', 1))
      .orderBy('id')
    testSql(query, {
      sql:
        'select "id" from "person" union select "person_id" as "id" from "sales" ' +
        'intersect select "id" from "person" where "id" < $1 ' +
        'except select "id" from "person" where "id" = $2 order by "id"',
      parameters: [4, 1],
    })
    // INTERSECT binds tighter than UNION and EXCEPT, on Redshift as on
    // PostgreSQL: {1,2,3,4} union ({1,2,3} intersect {1,2,3}) except {1}.
    const rows = await query.execute()
    expect(rows.map((r) => r.id)).toEqual([2, 3, 4])
  })

  it('sql.lit with quotes and backslashes round-trips under Redshift string rules', async () => {
    const value = "it's C:\\temp\\'; drop table person; --"
    const query = db.selectNoFrom(sql.lit(value).as('v'))
    testSql(query, {
      sql: `select 'it''s C:\\\\temp\\\\''; drop table person; --' as "v"`,
      parameters: [],
    })
    const row = await query.executeTakeFirstOrThrow()
    expect(row.v).toBe(value)
    const { count } = await db
      .selectFrom('person')
      .select((eb) => eb.fn.countAll<bigint>().as('count'))
      .executeTakeFirstOrThrow()
    expect(count).toBe(4n)
  })

  it('DDL defaults are inlined with the same escaping', async () => {
    const create = db.schema
      .createTable('with_default')
      .addColumn('id', 'integer')
      .addColumn('path', 'varchar(64)', (col) =>
        col.defaultTo("C:\\it's").notNull(),
      )
    testSql(create, {
      sql: `create table "with_default" ("id" integer, "path" varchar(64) default 'C:\\\\it''s' not null)`,
      parameters: [],
    })
    await create.execute()
    await sql`insert into with_default (id) values (1)`.execute(db)
    const { rows } = await sql<{
      path: string
    }>`select path from with_default`.execute(db)
    expect(rows).toEqual([{ path: "C:\\it's" }])
  })

  it('views: create, refresh and drop (Redshift spelling)', async () => {
    const create = db.schema
      .createView('big_sales')
      .orReplace()
      .as(db.selectFrom('sales').selectAll().where('qty', '>', 2))
    testSql(create, {
      // Kysely inlines values in view bodies (views take no parameters).
      sql: 'create or replace view "big_sales" as select * from "sales" where "qty" > 2',
      parameters: [],
    })
    await create.execute()

    const createMv = db.schema
      .createView('sales_by_person')
      .materialized()
      .as(
        db
          .selectFrom('sales')
          .select((eb) => ['person_id', eb.fn.sum('qty').as('qty')])
          .groupBy('person_id'),
      )
    await createMv.execute()
    const refresh = db.schema.refreshMaterializedView('sales_by_person')
    testSql(refresh, {
      sql: 'refresh materialized view "sales_by_person"',
      parameters: [],
    })
    await refresh.execute()
    await db.schema.dropView('sales_by_person').materialized().execute()
    await db.schema.dropView('big_sales').ifExists().execute()
  })
})

describe('RedshiftQueryCompiler: Redshift-only spellings (compiled, not run on PostgreSQL)', () => {
  const db = compileOnlyDb()

  it('SELECT TOP n', () => {
    testSql(db.selectFrom('person').top(5).selectAll().orderBy('id'), {
      sql: 'select top 5 * from "person" order by "id"',
      parameters: [],
    })
  })

  it('GENERATED BY DEFAULT AS IDENTITY takes (seed, step)', () => {
    testSql(
      db.schema
        .createTable('events')
        .addColumn('id', 'bigint', (col) =>
          col.generatedByDefaultAsIdentity().primaryKey(),
        )
        .addColumn('name', 'varchar(256)', (col) => col.notNull())
        .modifyEnd(sql`diststyle key distkey(id) sortkey(id)`),
      {
        sql:
          'create table "events" ("id" bigint generated by default as identity(1, 1) primary key, ' +
          '"name" varchar(256) not null) diststyle key distkey(id) sortkey(id)',
        parameters: [],
      },
    )
  })

  it('reserved words stay quoted identifiers', () => {
    testSql(
      db
        .selectFrom('person')
        .select([
          sql.ref<string>('first_name').as('timestamp'),
          sql.ref<string>('id').as('top'),
        ]),
      {
        sql: 'select "first_name" as "timestamp", "id" as "top" from "person"',
        parameters: [],
      },
    )
  })
})
