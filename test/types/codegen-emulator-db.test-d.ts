import type { Insertable, Selectable, Simplify, Updateable } from 'kysely'
import { describe, expectTypeOf, it } from 'vitest'

import {
  createRedshift,
  type JsonValue,
  type ReadOnlyRelationName,
  type RedshiftTransaction,
  type WritableRelationName,
} from '../../src/index.js'
import { createMockRedshift } from '../../src/testing/index.js'
import type { DB } from '../fixtures/codegen/emulator-db.js'

// The DB codegen wrote from the emulator's catalog of
// test/fixtures/codegen/emulator-schema.ts. Never connects: type tests only
// compile.
const db = createRedshift<DB>('redshift://app@localhost:5439/dev')
const mock = createMockRedshift<DB>().db

const event = { region: 'eu' }

describe('the DB generated from the emulator', () => {
  it('selects every column type as the driver returns it', () => {
    expectTypeOf(
      db.selectFrom('all_types').selectAll().executeTakeFirstOrThrow(),
    ).resolves.toEqualTypeOf<{
      c_smallint: number | null
      c_integer: number | null
      c_bigint: bigint | null
      c_decimal: string | null
      c_real: number | null
      c_double: number | null
      c_boolean: boolean | null
      c_char: string | null
      c_varchar: string | null
      c_varchar_max: string | null
      c_date: string | null
      c_time: string | null
      c_timetz: string | null
      c_timestamp: Date | null
      c_timestamptz: Date | null
      c_ym: string | null
      c_ds: string | null
      c_varbyte: Buffer | null
      c_super: JsonValue | null
      c_geometry: string | null
      c_geography: string | null
      c_hll: string | null
    }>()
  })

  it('selects identities, defaults, NOT NULL and a @type-tagged SUPER column', () => {
    expectTypeOf(
      db.selectFrom('events').selectAll().executeTakeFirstOrThrow(),
    ).resolves.toEqualTypeOf<{
      id: bigint
      seq: number
      eventname: string
      region: string
      created_at: Date | null
      payload: { items: string[] } | null
    }>()
    expectTypeOf(
      mock
        .selectFrom('events as e')
        .innerJoin('analytics.events as a', 'a.id', 'e.seq')
        .select(['e.id', 'a.kind', 'e.payload'])
        .execute(),
    ).resolves.toEqualTypeOf<
      { id: bigint; kind: string | null; payload: { items: string[] } | null }[]
    >()
    expectTypeOf<Selectable<DB['analytics.events']>>().toEqualTypeOf<{
      id: number
      kind: string | null
    }>()
  })

  it('selects the folded, reserved-word and long names', () => {
    expectTypeOf<Selectable<DB['mixedcase']>>().toEqualTypeOf<{
      camelcolumn: number | null
    }>()
    expectTypeOf(
      db.selectFrom('open').select(['timestamp', 'offset', 'tag']).execute(),
    ).resolves.toEqualTypeOf<
      { timestamp: Date | null; offset: number | null; tag: string | null }[]
    >()
    expectTypeOf<
      Selectable<
        DB['éééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééx']
      >
    >().toEqualTypeOf<{ a: number | null }>()
    expectTypeOf<Selectable<DB['clicks']>>().toEqualTypeOf<{
      a: number | null
      b: number | null
      c: string | null
      d: string | null
    }>()
  })

  it('selects the three kinds of view as plain rows', () => {
    expectTypeOf(
      db.selectFrom('event_names').selectAll().executeTakeFirstOrThrow(),
    ).resolves.toEqualTypeOf<{ id: bigint | null; eventname: string | null }>()
    expectTypeOf(
      db.selectFrom('late_events').selectAll().executeTakeFirstOrThrow(),
    ).resolves.toEqualTypeOf<{
      id: bigint | null
      region: string | null
      payload: JsonValue | null
    }>()
    expectTypeOf(
      db.selectFrom('daily').select(['region', 'n']).execute(),
    ).resolves.toEqualTypeOf<{ region: string | null; n: bigint | null }[]>()
  })

  it('inserts and updates tables with the insert types', () => {
    void db.insertInto('events').values(event)
    void db.insertInto('events').values({
      ...event,
      seq: 7,
      eventname: 'signup',
      created_at: new Date(),
      payload: { items: ['a'] },
    })
    void db.insertInto('events').values({ ...event, created_at: '2024-01-01' })
    void db.insertInto('all_types').values({})
    void db.insertInto('all_types').values({
      c_bigint: 1,
      c_decimal: 1.5,
      c_timestamp: '2024-01-01 00:00:00',
      c_varbyte: Buffer.from('ab'),
      c_super: { a: [1, null] },
      c_date: '2024-01-01',
    })
    void db.insertInto('analytics.events').values({ id: 1, kind: null })
    void db.insertInto('open').values({ timestamp: new Date(), offset: 1 })
    void db
      .insertInto(
        'éééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééx',
      )
      .values({ a: 1 })
    void db.updateTable('events').set({ region: 'us' }).where('id', '=', 1n)
    void db.updateTable('all_types').set({ c_bigint: '9007199254740993' })
    void db.deleteFrom('clicks').where('d', '=', '2024-01-01')
    expectTypeOf<Simplify<Insertable<DB['events']>>>().toEqualTypeOf<{
      seq?: number
      eventname?: string
      region: string
      created_at?: Date | string | null
      payload?: { items: string[] } | null
    }>()
    expectTypeOf<Updateable<DB['events']>>().toEqualTypeOf<{
      seq?: number
      eventname?: string
      region?: string
      created_at?: Date | string | null
      payload?: { items: string[] } | null
    }>()
  })

  it('rejects a wrong column, a wrong value, a missing NOT NULL column and an IDENTITY value', () => {
    // @ts-expect-error no such column
    void db.selectFrom('events').select('nope')
    // @ts-expect-error a column of another table
    void db.selectFrom('events').select('kind')
    // @ts-expect-error no such column on insert
    void db.insertInto('events').values({ ...event, nope: 1 })
    // @ts-expect-error the name Redshift folded is gone
    void db.selectFrom('mixedcase').select('CamelColumn')
    // @ts-expect-error region is a string
    void db.insertInto('events').values({ region: 1 })
    // @ts-expect-error the @type tag's shape: items are strings
    void db.insertInto('events').values({ ...event, payload: { items: [1] } })
    // @ts-expect-error c_boolean is a boolean
    void db.insertInto('all_types').values({ c_boolean: 'yes' })
    // @ts-expect-error c_varbyte takes a Buffer
    void db.updateTable('all_types').set({ c_varbyte: 'ab' })
    // @ts-expect-error region (NOT NULL, no default) is missing
    void db.insertInto('events').values({ eventname: 'signup' })
    // @ts-expect-error analytics.events.id (NOT NULL, no default) is missing
    void db.insertInto('analytics.events').values({ kind: 'k' })
    // @ts-expect-error region is NOT NULL
    void db.insertInto('events').values({ region: null })
    // @ts-expect-error id is IDENTITY: Redshift refuses an explicit value
    void db.insertInto('events').values({ ...event, id: 1n })
    // @ts-expect-error nor can an update set it
    void db.updateTable('events').set({ id: 1n })
  })

  it('refuses inserts, updates and deletes on each kind of view', () => {
    // @ts-expect-error a view
    db.insertInto('event_names')
    // @ts-expect-error a late-binding view
    db.insertInto('late_events')
    // @ts-expect-error a materialized view
    db.insertInto('daily')
    // @ts-expect-error a view
    db.updateTable('event_names')
    // @ts-expect-error a late-binding view
    db.updateTable('late_events')
    // @ts-expect-error a materialized view
    db.updateTable('daily')
    // @ts-expect-error a view
    db.deleteFrom('event_names')
    // @ts-expect-error a late-binding view
    db.deleteFrom('late_events')
    // @ts-expect-error a materialized view
    db.deleteFrom('daily')
    // @ts-expect-error a view, on the mock's client too
    mock.insertInto('event_names')
    // @ts-expect-error a late-binding view
    mock.updateTable('late_events')
    // @ts-expect-error a materialized view
    mock.deleteFrom('daily')
  })

  it('refuses them inside a transaction too', async () => {
    await db.transaction().execute(async (trx) => {
      expectTypeOf(trx).toEqualTypeOf<RedshiftTransaction<DB>>()
      await trx.insertInto('events').values(event).execute()
      await trx.selectFrom('daily').select('n').execute()
      // @ts-expect-error a view
      trx.insertInto('event_names')
      // @ts-expect-error a late-binding view
      trx.insertInto('late_events')
      // @ts-expect-error a materialized view
      trx.insertInto('daily')
      // @ts-expect-error a view
      trx.updateTable('event_names')
      // @ts-expect-error a late-binding view
      trx.updateTable('late_events')
      // @ts-expect-error a materialized view
      trx.updateTable('daily')
      // @ts-expect-error a view
      trx.deleteFrom('event_names')
      // @ts-expect-error a late-binding view
      trx.deleteFrom('late_events')
      // @ts-expect-error a materialized view
      trx.deleteFrom('daily')
      // @ts-expect-error an IDENTITY value inside a transaction
      trx.insertInto('events').values({ ...event, id: 1n })
    })
    await mock.transaction().execute(async (trx) => {
      // @ts-expect-error a materialized view
      trx.insertInto('daily')
    })
  })

  it('names the writable and read-only relations', () => {
    expectTypeOf<WritableRelationName<DB>>().toEqualTypeOf<
      | 'all_types'
      | 'analytics.events'
      | 'clicks'
      | 'events'
      | 'mixedcase'
      | 'open'
      | 'éééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééx'
    >()
    expectTypeOf<ReadOnlyRelationName<DB>>().toEqualTypeOf<
      'daily' | 'event_names' | 'late_events'
    >()
  })
})
