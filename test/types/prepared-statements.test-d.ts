import { sql, type Kysely, type QueryResult } from 'kysely'
import { describe, expectTypeOf, it } from 'vitest'

import {
  prepare,
  type Params,
  type PreparedQuery,
  type PreparedSql,
} from '../../src/prepared/index.js'
import { batchInsert, type BatchInsertResult } from '../../src/batch/index.js'
import { createRedshift } from '../../src/client.js'
import { toReadable } from '../../src/stream/index.js'
import type { ReadOnlyRelation } from '../../src/types/index.js'
import { compileOnlyDb, type Database } from '../setup/schema-database.js'

// Never connects: type tests only compile.
const db = compileOnlyDb()

describe('prepare types', () => {
  it('types a builder statement by its parameters and the rows of its query', () => {
    const bySale = prepare(db, 'sales_by_id', (p: Params<{ id: number }>) =>
      db.selectFrom('sales').select(['id', 'qty']).where('id', '=', p.id),
    )
    expectTypeOf(bySale).toEqualTypeOf<
      PreparedQuery<{ id: number }, { id: number; qty: number }>
    >()
    expectTypeOf(bySale.execute({ id: 1 })).resolves.toEqualTypeOf<
      { id: number; qty: number }[]
    >()
    expectTypeOf(bySale.executeTakeFirst({ id: 1 })).resolves.toEqualTypeOf<
      { id: number; qty: number } | undefined
    >()
    expectTypeOf(bySale.executeQuery({ id: 1 })).resolves.toEqualTypeOf<
      QueryResult<{ id: number; qty: number }>
    >()
    // @ts-expect-error a parameter of the wrong type
    bySale.execute({ id: 'one' })
    // @ts-expect-error a missing parameter
    bySale.execute({})
    // @ts-expect-error positional values for a builder statement
    bySale.execute([1])
  })

  it('checks the query against the DB and the parameters against the columns', () => {
    prepare(db, 'bad_column', (p: Params<{ id: number }>) =>
      // @ts-expect-error no such column
      db.selectFrom('sales').select('quantity').where('id', '=', p.id),
    )
    prepare(db, 'bad_value', (p: Params<{ name: string }>) =>
      // @ts-expect-error a string parameter for an integer column
      db.selectFrom('sales').selectAll().where('id', '=', p.name),
    )
    prepare(db, 'write', (p: Params<{ id: number }>) => {
      // @ts-expect-error Params are read-only
      p.id = 2
      return db.selectFrom('sales').selectAll()
    })
  })

  it('types raw SQL by the row and value type arguments', () => {
    const byId = prepare<{ qty: number }, [id: number]>(
      db,
      'qty_by_id',
      sql`select qty from sales where id = $1`,
    )
    expectTypeOf(byId).toEqualTypeOf<
      PreparedSql<{ qty: number }, [id: number]>
    >()
    expectTypeOf(byId.execute([1])).resolves.toEqualTypeOf<{ qty: number }[]>()
    expectTypeOf(byId.parameterCount).toEqualTypeOf<number>()
    // @ts-expect-error a value of the wrong type
    byId.execute(['1'])
    // @ts-expect-error too many values
    byId.execute([1, 2])
    const untyped = prepare(
      db,
      'untyped',
      sql<{ n: number }>`select $1::int as n`,
    )
    expectTypeOf(untyped.execute)
      .parameter(0)
      .toEqualTypeOf<readonly unknown[]>()
    expectTypeOf(untyped.execute([1])).resolves.toEqualTypeOf<{ n: number }[]>()
  })
})

interface WithView extends Database {
  daily_sales: ReadOnlyRelation & { day: string; qty: number }
}

describe('batchInsert types', () => {
  const vdb = db as unknown as Kysely<WithView>

  it("takes the table's insertable rows and returns a result", () => {
    expectTypeOf(
      batchInsert(db, 'person', [{ id: 1, first_name: 'Ada' }]),
    ).resolves.toEqualTypeOf<BatchInsertResult>()
    // Generated columns may be left out.
    batchInsert(db, 'sales', [
      { person_id: 1, qty: 2, price: '1.00', sold_on: new Date() },
    ])
    // @ts-expect-error a required column is missing
    batchInsert(db, 'person', [{ id: 1 }])
    // @ts-expect-error a column of another table
    batchInsert(db, 'person', [{ id: 1, first_name: 'Ada', qty: 1 }])
    // @ts-expect-error no such table
    batchInsert(db, 'people', [])
    // @ts-expect-error a view is read-only
    batchInsert(vdb, 'daily_sales', [{ day: '2024-01-01', qty: 1 }])
  })

  it('takes a transaction or a client as well as a Kysely instance', async () => {
    await db.transaction().execute(async (trx) => {
      await batchInsert(trx, 'person', [{ id: 1, first_name: 'Ada' }])
      // @ts-expect-error a required column is missing, in a transaction too
      await batchInsert(trx, 'person', [{ id: 1 }])
    })
    const client = createRedshift<Database>('redshift://app@localhost:5439/dev')
    await batchInsert(client, 'person', [{ id: 1, first_name: 'Ada' }])
    // @ts-expect-error no such table
    await batchInsert(client, 'people', [])
  })

  it('takes async iterables', () => {
    async function* rows() {
      yield { id: 1, first_name: 'Ada' }
    }
    batchInsert(db, 'person', rows())
  })
})

describe('toReadable types', () => {
  it('takes a select query', () => {
    toReadable(db.selectFrom('person').selectAll(), { chunkSize: 100 })
    // @ts-expect-error raw SQL has no stream()
    toReadable(sql`select 1`)
  })
})
