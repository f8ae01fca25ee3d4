import type pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { TestDatabase } from '../setup/test-database.js'
import {
  connect,
  emulatorUrl,
  errorOf,
  openEmulatorDatabase,
} from './local-test-helpers.js'

describe('local emulator: Redshift DDL run through the emulator', () => {
  let db: TestDatabase
  let client: pg.Client
  let close: () => Promise<void>

  beforeAll(async () => {
    ;({ db, client, close } = await openEmulatorDatabase('local_attrs'))
  })
  afterAll(() => close())

  /** Reads the emulator's own records, which clients of the emulator cannot name. */
  const internal = async (sql: string) => {
    const direct = await connect(db.url)
    try {
      return await direct.query(sql)
    } finally {
      await direct.end()
    }
  }

  const tableDef = async (table: string) =>
    (
      await client.query(
        'select "column", type, trim(encoding) as encoding, distkey, sortkey from pg_table_def where tablename = $1 order by "column"',
        [table],
      )
    ).rows

  it('records DISTKEY / SORTKEY / ENCODE so PG_TABLE_DEF shows them', async () => {
    await client.query(
      'create table sales (id int identity(1, 1), region varchar(20) distkey, amount decimal(12, 2) encode az64) compound sortkey (id, region)',
    )
    expect(await tableDef('sales')).toEqual([
      {
        column: 'amount',
        type: 'numeric(12,2)',
        encoding: 'az64',
        distkey: false,
        sortkey: 0,
      },
      {
        column: 'id',
        type: 'integer',
        encoding: 'none',
        distkey: false,
        sortkey: 1,
      },
      {
        column: 'region',
        type: 'character varying(20)',
        encoding: 'none',
        distkey: true,
        sortkey: 2,
      },
    ])
    await client.query("insert into sales (region, amount) values ('eu', 1.5)")
    const info = await client.query(
      'select diststyle, sortkey1 from svv_table_info where "table" = \'sales\'',
    )
    expect(info.rows).toEqual([{ diststyle: 'KEY(region)', sortkey1: 'id' }])
  })

  it('refuses an explicit value for an IDENTITY column, as Redshift does', async () => {
    const error = await errorOf(
      client.query("insert into sales (id, region) values (5, 'us')"),
    )
    expect(error.code).toBe('428C9')
  })

  it('records nothing when the transaction that created the table rolls back', async () => {
    await client.query('begin')
    await client.query('create table rolled (id int distkey) diststyle key')
    await client.query('rollback')
    const { rows } = await internal(
      "select count(*)::int as n from redshift_local.table_attributes where table_name = 'rolled'",
    )
    expect(rows).toEqual([{ n: 0 }])
  })

  it('records attributes of DDL sent through the extended protocol', async () => {
    await client.query({
      text: 'create table extended_ddl (id int, day date) diststyle even sortkey (day)',
      values: [],
      queryMode: 'extended',
    } as never)
    const info = await client.query(
      'select diststyle from svv_table_info where "table" = \'extended_ddl\'',
    )
    // Empty tables are left out of SVV_TABLE_INFO (as on Redshift); PG_TABLE_DEF has it.
    expect(info.rows).toEqual([])
    expect(
      (await tableDef('extended_ddl')).find((c) => c.column === 'day')?.sortkey,
    ).toBe(1)
  })

  it('creates late-binding views and materialized views with AUTO REFRESH', async () => {
    await client.query(
      'create view public.sales_view as select region from public.sales with no schema binding',
    )
    expect(
      (await client.query('select count(*)::int as n from sales_view')).rows,
    ).toEqual([{ n: 1 }])
    await client.query(
      'create materialized view sales_mv backup no auto refresh yes as select region, count(*) as n from sales group by region',
    )
    expect(
      (await client.query('select region, n::int as n from sales_mv')).rows,
    ).toEqual([{ region: 'eu', n: 1 }])
    await client.query('refresh materialized view sales_mv')
    const { rows } = await internal(
      'select kind, mv_auto_refresh, "backup" from redshift_local.table_attributes where table_name = \'sales_mv\'',
    )
    expect(rows).toEqual([
      { kind: 'materialized_view', mv_auto_refresh: true, backup: false },
    ])
    // Redshift refuses a late-binding view over unqualified names.
    const error = await errorOf(
      client.query(
        'create view v2 as select region from sales with no schema binding',
      ),
    )
    expect(error.code).toBeDefined()
  })

  it('creates #temporary tables', async () => {
    await client.query('create table #scratch (id int) diststyle all')
    await client.query('insert into #scratch values (1)')
    expect(
      (await client.query('select count(*)::int as n from #scratch')).rows,
    ).toEqual([{ n: 1 }])
  })

  it('refuses what Redshift DDL rules refuse', async () => {
    const error = await errorOf(
      client.query('create table bad (a int distkey, b int distkey)'),
    )
    expect(error.code).toMatch(/^(42601|0A000|42P16)$/)
  })
  it('records the keys of a table created by a user who is not a superuser', async () => {
    // Roles are cluster-wide: a name of its own keeps other files out of it.
    const role = `analyst_${db.name.slice(-8)}`
    await client.query(`create user ${role} password disable`)
    const url = new URL(emulatorUrl(db.name))
    url.username = role
    url.password = ''
    const analyst = await connect(url.toString())
    try {
      const { rows } = await analyst.query('select current_user as u')
      expect(rows[0].u).toBe(role)
      await analyst.query(
        'create table analyst_events (id bigint, kind varchar(16)) distkey (kind) sortkey (id)',
      )
      const def = await analyst.query(
        'select "column", distkey, sortkey from pg_table_def where tablename = $1 order by "column"',
        ['analyst_events'],
      )
      expect(def.rows).toEqual([
        { column: 'id', distkey: false, sortkey: 1 },
        { column: 'kind', distkey: true, sortkey: 0 },
      ])
    } finally {
      await analyst.end()
    }
  })
})
