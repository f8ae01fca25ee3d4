import type pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { connect, openEmulatorDatabase } from './local-test-helpers.js'

// Records PostgreSQL writes itself (a REFRESH's event trigger, ANALYZE, user
// changes) get the emulator's xid from the query log, matched by session and
// time. A quick statement's record can fall within a millisecond of the next
// statement's start on the same session: the xid must still be its own.
describe('local emulator: xids of records matched to the query log', () => {
  let close: () => Promise<void>
  let client: pg.Client
  let direct: pg.Client

  beforeAll(async () => {
    let db: { readonly url: string }
    ;({ client, close, db } = await openEmulatorDatabase('local_stmt_xid'))
    await client.query('select 1')
    direct = await connect(db.url)
  })

  afterAll(async () => {
    await direct?.end()
    await close?.()
  })

  it('a refresh followed at once by BEGIN on its session keeps the refresh statement xid', async () => {
    // Query log times are whole milliseconds of the emulator's clock,
    // PostgreSQL's are microseconds: the refresh ran .1006-.1008, its
    // statement .100-.103, and the BEGIN after it started at .101.
    await direct.query(`
      insert into redshift_local.query_log (query, pid, userid, user_name, database, xid,
        starttime, endtime, status, querytxt)
      values
        (900001, 4242, 100, 'awsuser', current_database(), 71,
         '2026-01-01 00:00:00.100', '2026-01-01 00:00:00.103', 'success', 'refresh materialized view stmt_xid_mv'),
        (900002, 4242, 100, 'awsuser', current_database(), 72,
         '2026-01-01 00:00:00.101', '2026-01-01 00:00:00.120', 'success', 'begin'),
        (900003, 4243, 100, 'awsuser', current_database(), 73,
         '2026-01-01 00:00:00.099', '2026-01-01 00:00:00.130', 'success', 'select 1');
      insert into redshift_local.mv_refresh_log (mv_id, schema_name, mv_name, user_name, pid, starttime, endtime)
      values (1, 'public', 'stmt_xid_mv', 'awsuser', 4242,
        '2026-01-01 00:00:00.100600', '2026-01-01 00:00:00.100800')`)
    const { rows } = await client.query(
      "select xid from svl_mv_refresh_status where trim(mv_name) = 'stmt_xid_mv'",
    )
    expect(rows).toEqual([{ xid: '71' }])
  })

  it('a record whose statement the emulator clock put a millisecond late still finds it', async () => {
    await direct.query(`
      insert into redshift_local.query_log (query, pid, userid, user_name, database, xid,
        starttime, endtime, status, querytxt)
      values
        (900011, 4252, 100, 'awsuser', current_database(), 81,
         '2026-01-01 00:00:01.000', '2026-01-01 00:00:01.050', 'success', 'insert into t values (1)'),
        (900012, 4252, 100, 'awsuser', current_database(), 82,
         '2026-01-01 00:00:01.052', '2026-01-01 00:00:01.060', 'success', 'refresh materialized view stmt_late_mv'),
        (900013, 4252, 100, 'awsuser', current_database(), 83,
         '2026-01-01 00:00:01.061', '2026-01-01 00:00:01.070', 'success', 'select 2');
      insert into redshift_local.mv_refresh_log (mv_id, schema_name, mv_name, user_name, pid, starttime, endtime)
      values (2, 'public', 'stmt_late_mv', 'awsuser', 4252,
        '2026-01-01 00:00:01.051500', '2026-01-01 00:00:01.059000')`)
    const { rows } = await client.query(
      "select xid from svl_mv_refresh_status where trim(mv_name) = 'stmt_late_mv'",
    )
    expect(rows).toEqual([{ xid: '82' }])
  })
})
