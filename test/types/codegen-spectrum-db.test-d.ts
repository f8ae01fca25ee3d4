import type { Selectable } from 'kysely'
import { describe, expectTypeOf, it } from 'vitest'

import {
  createRedshift,
  type ReadOnlyRelationName,
  type WritableRelationName,
} from '../../src/index.js'
import type { DB } from '../fixtures/codegen/spectrum-db.js'

// The DB codegen wrote from the emulator's Spectrum catalog of
// test/fixtures/codegen/spectrum-schema.ts (verified byte for byte by
// test/integration/codegen-spectrum.test.ts). Never connects: type tests
// only compile.
const db = createRedshift<DB>('redshift://app@localhost:5439/dev')

describe('the DB generated from external tables', () => {
  it('selects every external column type, partition columns included', () => {
    expectTypeOf(
      db
        .selectFrom('spectrum.sales')
        .selectAll()
        .where('saledate', '=', '2008-01-01')
        .where('region', 'in', ['eu', 'us'])
        .executeTakeFirstOrThrow(),
    ).resolves.toEqualTypeOf<{
      salesid: number | null
      qtysold: number | null
      buyerid: bigint | null
      pricepaid: string | null
      commission: number | null
      ratio: number | null
      paid: boolean | null
      eventname: string | null
      code: string | null
      saletime: Date | null
      caldate: string | null
      saledate: string | null
      region: string | null
    }>()
    expectTypeOf(
      db
        .selectFrom('spectrum.sales as s')
        .innerJoin('local_sales as l', 'l.salesid', 's.salesid')
        .select(['s.region', 'l.qtysold'])
        .execute(),
    ).resolves.toEqualTypeOf<
      { region: string | null; qtysold: number | null }[]
    >()
    expectTypeOf<Selectable<DB['spectrum.events']>>().toEqualTypeOf<{
      id: bigint | null
      name: string | null
    }>()
  })

  it('marks external tables read-only and local tables writable', () => {
    expectTypeOf<ReadOnlyRelationName<DB>>().toEqualTypeOf<
      'archive.sales_2008' | 'spectrum.events' | 'spectrum.sales'
    >()
    expectTypeOf<WritableRelationName<DB>>().toEqualTypeOf<'local_sales'>()
    void db.insertInto('local_sales').values({ salesid: 1 })
  })

  it('refuses writes to an external table and columns it does not have', () => {
    // @ts-expect-error an external table
    db.insertInto('spectrum.sales')
    // @ts-expect-error an external table
    db.updateTable('spectrum.events')
    // @ts-expect-error an external table
    db.deleteFrom('archive.sales_2008')
    // @ts-expect-error no such column
    void db.selectFrom('spectrum.sales').select('nope')
    // @ts-expect-error external tables are keyed by schema
    void db.selectFrom('sales').selectAll()
    // @ts-expect-error a partition value of the wrong type
    void db.selectFrom('spectrum.sales').selectAll().where('paid', '=', 'yes')
  })
})
