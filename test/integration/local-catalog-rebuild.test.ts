// A database kept across emulator versions: the new version rebuilds the
// catalog, dropping the emulator's own functions with CASCADE, and every user
// object that depended on them must be there afterwards, working as before.
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { LocalRedshift } from '../../src/local/index.js'
import {
  connect,
  errorOf,
  startOwnEmulator,
  type OwnEmulator,
} from './local-test-helpers.js'

const OBJECTS = [
  'create user reader password disable',
  'create table t (id int, b varbyte(4), d date)',
  "insert into t values (1, from_hex('0102'), '2024-01-31')",
  // Calls the emulator's ADD_MONTHS: CASCADE took it with the function.
  'create view v_months as select id, add_months(d, 1) as m from t',
  "comment on view v_months is 'next month'",
  'grant select on v_months to reader',
  'create materialized view mv_months as select id, add_months(d, 2) as m from t',
  'create view v_late as select id, add_months(d, 3) as m from public.t with no schema binding',
  // Row-level security: its table policies call an emulator function.
  'create table t_rls (id int)',
  'insert into t_rls values (1), (2)',
  'grant select on t_rls to reader',
  'create rls policy rebuild_p with (id int) using (id = 1)',
  'attach rls policy rebuild_p on t_rls to reader',
  'alter table t_rls row level security on',
]

describe('a catalog rebuilt by another emulator version', () => {
  let own: OwnEmulator
  let again: LocalRedshift
  let client: pg.Client

  beforeAll(async () => {
    own = await startOwnEmulator('local_catalog_rebuild')
    const first = await connect(own.local.url)
    for (const sql of OBJECTS) await first.query(sql)
    await first.end()
    await own.local.stop()
    // What a different catalog version finds: the marker of another build.
    const direct = new pg.Client(own.db.url)
    await direct.connect()
    await direct.query(
      "update redshift_local.settings set value = 'older' where key = 'catalog_version'",
    )
    await direct.end()
    const { startLocalRedshift } = await import('../../src/local/index.js')
    again = await startLocalRedshift({
      port: 0,
      pgUrl: own.local.pgUrl,
      database: own.db.name,
    })
    client = await connect(again.url)
  })
  afterAll(async () => {
    await client?.end()
    await again?.stop()
    await own?.db.drop()
  })

  it('keeps row-level security filtering as before', async () => {
    await client.query('set session authorization reader')
    try {
      const { rows } = await client.query('select id from t_rls order by id')
      expect(rows).toEqual([{ id: 1 }])
    } finally {
      await client.query('reset session authorization')
    }
  })

  it('keeps views and materialized views over the emulator functions', async () => {
    const views = await client.query(
      'select id, m::text as m from v_months union all select id, m::text from mv_months union all select id, m::text from v_late order by m',
    )
    expect(views.rows).toEqual([
      { id: 1, m: '2024-02-29 00:00:00' },
      { id: 1, m: '2024-03-31 00:00:00' },
      { id: 1, m: '2024-04-30 00:00:00' },
    ])
  })

  it('keeps their comments, grants and the emulator attributes', async () => {
    const kept = await client.query(
      `select obj_description('public.v_months'::regclass) as comment,
         has_table_privilege('reader', 'public.v_months', 'select') as granted`,
    )
    expect(kept.rows).toEqual([{ comment: 'next month', granted: true }])
    const late = await client.query(
      "select count(*)::int as n from pg_get_late_binding_view_cols() cols(s name, v name, c name, t varchar, n int) where v = 'v_late'",
    )
    expect(late.rows).toEqual([{ n: 2 }])
  })

  it('keeps the stored-value checks and the read-only views', async () => {
    expect(
      await errorOf(
        client.query("insert into t (b) values (from_hex('0102030405'))"),
      ),
    ).toMatchObject({ code: '22001' })
    expect(await errorOf(client.query('delete from v_months'))).toMatchObject({
      code: '55000',
    })
  })
})
