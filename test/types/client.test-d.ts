import { Kysely, type Selectable } from 'kysely'
import { describe, expectTypeOf, it } from 'vitest'

import {
  createRedshift,
  RedshiftDialect,
  type RedshiftClient,
  type RedshiftConfig,
} from '../../src/index.js'
import type { Database } from '../setup/schema-database.js'

// Never connects: type tests only compile.
const db = createRedshift<Database>('redshift://app@localhost:5439/dev')

describe('createRedshift types', () => {
  it('is a Kysely<DB> with config and close()', () => {
    expectTypeOf(db).toEqualTypeOf<RedshiftClient<Database>>()
    expectTypeOf(db).toMatchTypeOf<Kysely<Database>>()
    expectTypeOf(db.config).toEqualTypeOf<RedshiftConfig>()
    expectTypeOf(db.close).returns.toEqualTypeOf<Promise<void>>()
  })

  it('types rows from the DB interface', () => {
    const query = db
      .selectFrom('person')
      .select(['id', 'first_name', 'last_name'])
      .where('manager_id', 'is', null)
    expectTypeOf(query.executeTakeFirstOrThrow()).resolves.toEqualTypeOf<{
      id: number
      first_name: string
      last_name: string | null
    }>()
    expectTypeOf<Selectable<Database['sales']>['id']>().toEqualTypeOf<number>()
  })

  it('rejects unknown tables and columns at compile time', () => {
    // @ts-expect-error no such table
    db.selectFrom('persons')
    // @ts-expect-error no such column
    db.selectFrom('person').select('full_name')
    // @ts-expect-error no such column in where
    db.selectFrom('person').selectAll().where('age', '>', 1)
    // @ts-expect-error column of another table
    db.selectFrom('person').select('qty')
    // @ts-expect-error wrong value type for the column
    db.insertInto('person').values({ id: 'one', first_name: 'x' })
    // @ts-expect-error a required column is missing
    db.insertInto('person').values({ id: 1 })
    // @ts-expect-error update of an unknown column
    db.updateTable('sales').set({ quantity: 1 })
  })

  it('accepts connection settings, a URL or { config, pool } in the dialect', () => {
    new RedshiftDialect('redshift://app@localhost/dev')
    new RedshiftDialect({ host: 'localhost', user: 'app' })
    new RedshiftDialect({ config: { host: 'localhost', user: 'app' } })
    // @ts-expect-error not a config
    new RedshiftDialect(5439)
    // @ts-expect-error unknown setting
    new RedshiftDialect({ host: 'localhost', user: 'app', hostname: 'x' })
  })
})
