import type pg from 'pg'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'

import type { LocalRedshift } from '../../src/local/index.js'
import { connect, eventually, startOwnEmulator } from './local-test-helpers.js'

// STV_RECENTS: https://docs.aws.amazon.com/redshift/latest/dg/r_STV_RECENTS.html
// STV_INFLIGHT: https://docs.aws.amazon.com/redshift/latest/dg/r_STV_INFLIGHT.html
// SYS_QUERY_HISTORY: https://docs.aws.amazon.com/redshift/latest/dg/SYS_QUERY_HISTORY.html
// STV_WLM_SERVICE_CLASS_STATE: https://docs.aws.amazon.com/redshift/latest/dg/r_STV_WLM_SERVICE_CLASS_STATE.html
// STV_WLM_CLASSIFICATION_CONFIG: https://docs.aws.amazon.com/redshift/latest/dg/r_STV_WLM_CLASSIFICATION_CONFIG.html
describe('local emulator: live and finished queries in the monitoring views', () => {
  let local: LocalRedshift
  let stop: () => Promise<void>
  let observer: pg.Client
  const clients: pg.Client[] = []

  beforeAll(async () => {
    ;({ local, stop } = await startOwnEmulator('local_ops_views', {
      wlm: [
        {
          name: 'etl',
          concurrency: 2,
          queryGroups: ['etl', 'etl_*'],
          queryGroupWildcard: true,
          userGroups: ['loader'],
        },
        { name: 'Default queue', concurrency: 5 },
      ],
    }))
    observer = await open()
    await observer.query('create table facts (id int)')
    await observer.query('insert into facts values (1), (2), (3)')
  })
  const blockers: pg.Client[] = []
  afterEach(async () => {
    // A failed test must not leave its lock for the next.
    for (const b of blockers.splice(0))
      await b.query('rollback').catch(() => {})
  })
  afterAll(async () => {
    for (const c of clients) await c.end().catch(() => {})
    await stop()
  })

  async function open(): Promise<pg.Client> {
    const client = await connect(local.url)
    clients.push(client)
    return client
  }

  const pidOf = (c: pg.Client) =>
    (c as unknown as { processID: number }).processID

  interface Live {
    pid: number
    status: string
    query_id: string
    service_class_id: number
    query_label: string
  }

  /** The etl sessions' statements SYS_QUERY_HISTORY shows as queued or running. */
  async function live(pids: readonly number[]): Promise<Live[]> {
    const { rows } = await observer.query<Live>(
      `select session_id as pid, trim(status) as status, query_id, service_class_id, trim(query_label) as query_label
       from sys_query_history where session_id = any($1) and trim(status) in ('queued', 'running')
       order by session_id`,
      [pids],
    )
    return rows
  }

  async function queueState(): Promise<{ queued: number; executing: number }> {
    const { rows } = await observer.query(
      'select num_queued_queries as queued, num_executing_queries as executing from stv_wlm_service_class_state where service_class = 6',
    )
    return rows[0]
  }

  it('shows 2 running and 2 queued of 4 long queries in a 2-slot queue; cancelling frees slots', async () => {
    // The lock holds every query on facts running (in its slot) until rollback.
    const blocker = await open()
    await blocker.query('begin')
    await blocker.query('lock table facts')
    blockers.push(blocker)

    const sessions = [await open(), await open(), await open(), await open()]
    const pids = sessions.map(pidOf)
    const results: Promise<pg.QueryResult | pg.DatabaseError>[] = []
    for (const session of sessions) {
      await session.query("set query_group to 'etl'")
      results.push(
        session
          .query('select count(*)::int as n from facts')
          .catch((e: pg.DatabaseError) => e),
      )
      // One at a time, so that the first two take the slots.
      await eventually(async () => (await live([pidOf(session)])).length === 1)
    }

    let rows: Live[] = []
    await eventually(async () => {
      rows = await live(pids)
      return rows.filter((r) => r.status === 'running').length === 2
    })
    expect(rows.map((r) => [r.pid, r.status])).toEqual([
      [pids[0], 'running'],
      [pids[1], 'running'],
      [pids[2], 'queued'],
      [pids[3], 'queued'],
    ])
    expect(new Set(rows.map((r) => r.service_class_id))).toEqual(new Set([6]))
    expect(new Set(rows.map((r) => r.query_label))).toEqual(new Set(['etl']))
    expect(await queueState()).toEqual({ queued: 2, executing: 2 })

    // STV_RECENTS: every live statement as Running, with its pid and text.
    const recents = await observer.query(
      `select pid, trim(status) as status, trim(user_name) as user_name, trim(db_name) as db_name, trim(query) as query
       from stv_recents where pid = any($1) order by pid`,
      [pids],
    )
    expect(recents.rows).toEqual(
      [...pids]
        .sort((a, b) => a - b)
        .map((pid) => ({
          pid,
          status: 'Running',
          user_name: local.options.user,
          db_name: local.options.database,
          query: 'select count(*)::int as n from facts',
        })),
    )
    // STV_INFLIGHT: only the two that run, with their query ids.
    const inflight = await observer.query(
      'select pid, query, trim(label) as label from stv_inflight where pid = any($1) order by pid',
      [pids],
    )
    expect(inflight.rows).toEqual(
      rows
        .filter((r) => r.status === 'running')
        .map((r) => ({ pid: r.pid, query: Number(r.query_id), label: 'etl' })),
    )

    // pg_cancel_backend on a running query: it fails, and the first queued one takes its slot.
    await observer.query('select pg_cancel_backend($1)', [pids[0]])
    const cancelled = (await results[0]) as pg.DatabaseError
    expect(cancelled.code).toBe('57014')
    await eventually(async () => {
      rows = await live(pids)
      return rows.some((r) => r.pid === pids[2] && r.status === 'running')
    })
    expect(await queueState()).toEqual({ queued: 1, executing: 2 })

    // CANCEL of the queued one: it fails at once without ever running.
    await observer.query(`cancel ${pids[3]}`)
    expect(((await results[3]) as pg.DatabaseError).code).toBe('57014')
    await eventually(async () => (await queueState()).queued === 0)
    expect(await queueState()).toEqual({ queued: 0, executing: 2 })

    // pg_terminate_backend ends a running query's session and frees its slot.
    await observer.query('select pg_terminate_backend($1)', [pids[1]])
    await results[1]
    await eventually(async () => (await queueState()).executing === 1)

    await blocker.query('rollback')
    expect(((await results[2]) as pg.QueryResult).rows).toEqual([{ n: 3 }])
    await eventually(async () => (await queueState()).executing === 0)

    // Finished: STL_QUERY and SYS_QUERY_HISTORY keep them with their outcome.
    const ids = rows.map((r) => Number(r.query_id))
    const finished = await observer.query(
      `select h.query_id, h.session_id, trim(h.status) as status, h.returned_rows, h.end_time >= h.start_time as ended,
         trim(h.error_message) as error, q.aborted, q.pid
       from sys_query_history h join stl_query q on q.query = h.query_id
       where h.session_id = any($1) and q.querytxt like 'select count(*)%'
       order by h.session_id`,
      [pids],
    )
    const bySession = new Map(
      finished.rows.map((r) => [r.session_id as number, r]),
    )
    expect(bySession.get(pids[0]!)).toMatchObject({
      status: 'canceled',
      aborted: 1,
      ended: true,
    })
    expect(bySession.get(pids[0]!).error).toMatch(/cancelled on user's request/)
    expect(bySession.get(pids[2]!)).toMatchObject({
      status: 'success',
      aborted: 0,
      returned_rows: '1',
      error: null,
    })
    expect(bySession.get(pids[3]!)).toMatchObject({
      status: 'canceled',
      aborted: 1,
    })
    expect(ids).toContain(Number(bySession.get(pids[2]!).query_id))

    // STV_RECENTS keeps recent finished statements as Done, pid -1.
    const done = await observer.query(
      `select trim(status) as status, pid from stv_recents where trim(query) = 'select count(*)::int as n from facts'`,
    )
    expect(done.rows.length).toBeGreaterThanOrEqual(3)
    expect(done.rows.every((r) => r.status === 'Done' && r.pid === -1)).toBe(
      true,
    )
  })

  it('pg_cancel_backend and pg_terminate_backend of a queued query end it and give up its place', async () => {
    const blocker = await open()
    await blocker.query('begin')
    await blocker.query('lock table facts')
    blockers.push(blocker)
    const sessions = [await open(), await open(), await open()]
    const pids = sessions.map(pidOf)
    const results: Promise<unknown>[] = []
    for (const session of sessions) {
      await session.query("set query_group to 'etl'")
      results.push(
        session.query('select count(*)::int as n from facts').catch((e) => e),
      )
      await eventually(async () => (await live([pidOf(session)])).length === 1)
    }
    expect((await live([pids[2]!]))[0]!.status).toBe('queued')
    const { rows } = await observer.query(
      'select pg_cancel_backend($1) as ok',
      [pids[2]],
    )
    expect(rows).toEqual([{ ok: true }])
    const error = (await results[2]) as pg.DatabaseError
    expect(error.code).toBe('57014')
    expect(await queueState()).toEqual({ queued: 0, executing: 2 })

    // pg_terminate_backend of a queued one: its session ends and it leaves the queue.
    const doomed = await open()
    await doomed.query("set query_group to 'etl'")
    const doomedResult = doomed
      .query('select count(*)::int as n from facts')
      .catch((e: Error) => e)
    await eventually(async () => (await queueState()).queued === 1)
    await observer.query('select pg_terminate_backend($1)', [pidOf(doomed)])
    expect(await doomedResult).toBeInstanceOf(Error)
    await eventually(async () => (await queueState()).queued === 0)
    expect(await queueState()).toEqual({ queued: 0, executing: 2 })

    await blocker.query('rollback')
    await Promise.all(results)
  })

  it('lists the WLM routing rules in STV_WLM_CLASSIFICATION_CONFIG, worded as Redshift does', async () => {
    const { rows } = await observer.query(
      `select id, trim(condition) as condition, action_seq, trim(action) as action, action_service_class
       from stv_wlm_classification_config order by id`,
    )
    // Superuser queue, then each queue's query groups, then its user
    // groups, in the order statements are routed; the default queue takes the rest.
    expect(rows).toEqual(
      [
        [5, '(super user) and (query group: superuser)'],
        [6, '(query group: etl)'],
        [6, '(query group: etl_*)'],
        [6, '(user group: loader)'],
        [7, '(querytype: any)'],
      ].map(([serviceClass, condition], i) => ({
        id: i + 1,
        condition,
        action_seq: 0,
        action: 'assign',
        action_service_class: serviceClass,
      })),
    )
  })

  it('obeys only its own cancel signal, which the canceller never sees', async () => {
    const blocker = await open()
    await blocker.query('begin')
    await blocker.query('lock table facts')
    blockers.push(blocker)
    const sessions = [await open(), await open(), await open()]
    const results: Promise<unknown>[] = []
    for (const session of sessions) {
      await session.query("set query_group to 'etl'")
      results.push(
        session.query('select count(*)::int as n from facts').catch((e) => e),
      )
      await eventually(async () => (await live([pidOf(session)])).length === 1)
    }
    const queuedPid = pidOf(sessions[2]!)
    expect((await live([queuedPid]))[0]!.status).toBe('queued')

    // A session raising the signal's SQLSTATE itself cancels nothing.
    const spoofer = await open()
    await spoofer.query(`create or replace procedure spoof_cancel(p int) language plpgsql as $$
begin
  raise warning using message = p::text, errcode = 'RL001';
  raise warning using message = 'deadbeef:' || p::text, errcode = 'RL001';
end
$$`)
    await spoofer.query('call spoof_cancel($1)', [queuedPid])
    expect((await live([queuedPid]))[0]!.status).toBe('queued')

    // The real one goes through, and its signal (a warning) never reaches
    // the canceller: the emulator swallows it, whatever the client listens to.
    const canceller = await open()
    const notices: string[] = []
    canceller.on('notice', (notice) => notices.push(notice.message ?? ''))
    const { rows } = await canceller.query(
      'select pg_cancel_backend($1) as ok',
      [queuedPid],
    )
    expect(rows).toEqual([{ ok: true }])
    const error = (await results[2]) as pg.DatabaseError
    expect(error.code).toBe('57014')
    expect(await queueState()).toEqual({ queued: 0, executing: 2 })
    expect(notices).toEqual([])
    // The function's own client_min_messages ended with the call.
    const shown = await canceller.query(
      "select current_setting('client_min_messages') as level",
    )
    expect(shown.rows).toEqual([{ level: 'notice' }])

    await blocker.query('rollback')
    await Promise.all(results)
  })

  it('PG_LAST_QUERY_ID() leads to the statement in STL_QUERY and SYS_QUERY_HISTORY', async () => {
    const client = await open()
    await client.query('select count(*) from facts')
    const last = await client.query('select pg_last_query_id() as id')
    const id = last.rows[0].id as number
    expect(typeof id).toBe('number')
    const stl = await client.query(
      'select trim(querytxt) as text from stl_query where query = $1',
      [id],
    )
    expect(stl.rows).toEqual([{ text: 'select count(*) from facts' }])
    const sys = await client.query(
      'select query_id, trim(status) as status from sys_query_history where query_id = $1',
      [id],
    )
    // int8 in SYS views: pg returns it as a string.
    expect(sys.rows).toEqual([{ query_id: String(id), status: 'success' }])
  })

  it('types query ids as the catalog does: int4 in STL/STV, int8 in SYS', async () => {
    const { rows } = await observer.query(
      `select table_name, data_type from information_schema.columns
       where (table_name in ('stl_query', 'stv_inflight', 'svl_query_summary', 'svl_query_metrics_summary')
           and column_name = 'query')
         or (table_name in ('sys_query_history', 'sys_query_detail') and column_name = 'query_id')
       order by table_name`,
    )
    expect(rows).toEqual([
      { table_name: 'stl_query', data_type: 'integer' },
      { table_name: 'stv_inflight', data_type: 'integer' },
      { table_name: 'svl_query_metrics_summary', data_type: 'integer' },
      { table_name: 'svl_query_summary', data_type: 'integer' },
      { table_name: 'sys_query_detail', data_type: 'bigint' },
      { table_name: 'sys_query_history', data_type: 'bigint' },
    ])
  })
})
