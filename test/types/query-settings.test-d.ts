import { Kysely } from 'kysely'
import { describe, expectTypeOf, it } from 'vitest'

import {
  createRedshift,
  withQuerySettings,
  type RedshiftClient,
} from '../../src/index.js'
import type { Database } from '../setup/schema-database.js'

// Never connects: type tests only compile.
const client = createRedshift<Database>('redshift://app@localhost:5439/dev')

describe('withQuerySettings types', () => {
  it('keeps the database type of a Kysely instance', () => {
    const db = client as Kysely<Database>
    expectTypeOf(withQuerySettings(db, { queryGroup: 'etl' })).toEqualTypeOf<
      Kysely<Database>
    >()
  })

  it('keeps the database type of a createRedshift client', () => {
    const tagged = withQuerySettings(client, { statementTimeoutMs: 1000 })
    expectTypeOf(tagged).toEqualTypeOf<RedshiftClient<Database>>()
    // @ts-expect-error: no such table in Database
    tagged.selectFrom('no_such_table')
  })
})
