import type pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { TestDatabase } from '../setup/test-database.js'
import {
  connect,
  eventually,
  openEmulatorDatabase,
  psqlAvailable,
  runPsql,
} from './local-test-helpers.js'

describe('local emulator: query log', () => {
  let db: TestDatabase
  let url: string
  let client: pg.Client
  let close: () => Promise<void>

  beforeAll(async () => {
    ;({ db, url, client, close } = await openEmulatorDatabase('local_qlog', [
      'create table events (id int, kind varchar(10))',
    ]))
  })
  afterAll(() => close())

  it('logs each statement in STL_QUERY with its query id, pid, user, database and label', async () => {
    await client.query("insert into events values (1, 'a'), (2, 'b')")
    const { rows: last } = await client.query('select pg_last_query_id() as id')
    const id = last[0].id as number
    const { rows } = await client.query(
      'select query, pid, trim(database) as database, trim(label) as label, trim(querytxt) as text, aborted, endtime >= starttime as ordered from stl_query where query = $1',
      [id],
    )
    expect(rows).toEqual([
      {
        query: id,
        pid: (client as unknown as { processID: number }).processID,
        database: db.name,
        label: 'default',
        text: "insert into events values (1, 'a'), (2, 'b')",
        aborted: 0,
        ordered: true,
      },
    ])
  })

  it('gives increasing int4 query ids and marks failed statements as aborted', async () => {
    await client.query('select 1')
    await client.query('select * from no_such_table').catch(() => {})
    const { rows } = await client.query(
      "select query, aborted from stl_query where pid = pg_backend_pid() and querytxt like 'select%' order by query desc limit 2",
    )
    expect(rows[0].aborted).toBe(1)
    expect(rows[1].aborted).toBe(0)
    expect(rows[0].query).toBeGreaterThan(rows[1].query)
    expect(rows[0].query).toBeLessThan(2 ** 31)
  })

  it('labels statements with query_group (30 characters in STL_QUERY, 15 in STV_INFLIGHT)', async () => {
    const group = 'nightly-load-of-the-orders-table-from-s3'
    await client.query(`set query_group to '${group}'`)
    await client.query('select count(*) from events')
    const { rows } = await client.query(
      'select trim(label) as label from stl_query where query = pg_last_query_id()',
    )
    expect(rows).toEqual([{ label: group.slice(0, 30) }])
    await client.query('reset query_group')
    await client.query('select count(*) from events')
    const after = await client.query(
      'select trim(label) as label from stl_query where query = pg_last_query_id()',
    )
    expect(after.rows).toEqual([{ label: 'default' }])
  })

  it('shows a running query, with its label, to other sessions in STV_RECENTS and STV_INFLIGHT', async () => {
    const blocker = await connect(url)
    const runner = await connect(url)
    try {
      await blocker.query('begin')
      await blocker.query('lock table events')
      await runner.query("set query_group to 'dashboard-refresh'")
      const pid = (runner as unknown as { processID: number }).processID
      const running = runner.query('select count(*) from events')
      let recents: { status: string; query: string }[] = []
      await eventually(async () => {
        recents = (
          await client.query(
            'select trim(status) as status, trim(query) as query from stv_recents where pid = $1',
            [pid],
          )
        ).rows
        return recents.length > 0
      })
      expect(recents).toEqual([
        { status: 'Running', query: 'select count(*) from events' },
      ])
      const inflight = await client.query(
        'select trim(label) as label, trim(text) as text from stv_inflight where pid = $1',
        [pid],
      )
      expect(inflight.rows).toEqual([
        { label: 'dashboard-refre', text: 'select count(*) from events' },
      ])
      await blocker.query('rollback')
      await running
      const done = await client.query(
        "select trim(label) as label from stl_query where pid = $1 and querytxt like 'select count(*) from events%'",
        [pid],
      )
      expect(done.rows).toEqual([{ label: 'dashboard-refresh' }])
      const recent = await client.query(
        'select count(*)::int as n from stv_recents where pid = $1',
        [pid],
      )
      expect(recent.rows).toEqual([{ n: 0 }])
    } finally {
      await blocker.end()
      await runner.end()
    }
  })

  it("PG_LAST_QUERY_ID() is the session's previous statement, also after the extended protocol", async () => {
    await client.query('select id from events where id = $1', [5])
    const first = (await client.query('select pg_last_query_id() as id'))
      .rows[0].id as number
    await client.query('select count(*) from events')
    const second = (await client.query('select pg_last_query_id() as id'))
      .rows[0].id as number
    const { rows } = await client.query(
      'select query, trim(querytxt) as text from stl_query where query in ($1, $2) and pid = pg_backend_pid() order by query',
      [first, second],
    )
    expect(rows).toEqual([
      { query: first, text: 'select id from events where id = $1' },
      { query: second, text: 'select count(*) from events' },
    ])
  })

  it('PG_LAST_QUERY_ID() ignores queries that run on the leader node only (PG_LAST_QUERY_ID.html)', async () => {
    await client.query('select count(*) from events')
    const before = (await client.query('select pg_last_query_id() as id'))
      .rows[0].id as number
    await client.query('select 1')
    await client.query('show search_path')
    await client.query('select count(*) from pg_catalog.pg_class')
    await client.query('select $1::int as v', [5])
    const after = (await client.query('select pg_last_query_id() as id'))
      .rows[0].id as number
    expect(after).toBe(before)
  })

  it.skipIf(!psqlAvailable)(
    'shows psql statements with their query group in STL_QUERY',
    async () => {
      const result = await runPsql(url, [
        '-At',
        '-c',
        "set query_group to 'psql-report'",
        '-c',
        'select count(*) from events',
        '-c',
        'select trim(label) from stl_query where query = pg_last_query_id()',
      ])
      expect(result.code, result.stderr).toBe(0)
      expect(result.stdout.trim().split('\n').at(-1)).toBe('psql-report')
    },
  )
})
