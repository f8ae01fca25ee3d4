import type pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { connect, openEmulatorDatabase } from './local-test-helpers.js'

// https://docs.aws.amazon.com/redshift/latest/dg/r_SVL_QUERY_METRICS_SUMMARY.html
// https://docs.aws.amazon.com/redshift/latest/dg/r_SVL_QUERY_SUMMARY.html
// https://docs.aws.amazon.com/redshift/latest/dg/SYS_QUERY_DETAIL.html
describe('local emulator: per-query metrics from the query log', () => {
  let client: pg.Client
  let url: string
  let close: () => Promise<void>

  beforeAll(async () => {
    ;({ client, url, close } = await openEmulatorDatabase('local_qmetrics', [
      'create table readings (id int, v int)',
      'insert into readings values (1, 10), (2, 20), (3, 30)',
    ]))
  })
  afterAll(() => close())

  /** Runs `sql`, then returns PG_LAST_QUERY_ID() for it. */
  async function run(sql: string): Promise<number> {
    await client.query(sql)
    const { rows } = await client.query('select pg_last_query_id() as id')
    return rows[0].id as number
  }

  async function steps(id: number): Promise<unknown[]> {
    const { rows } = await client.query(
      'select step, trim(label) as label, rows from svl_query_summary where query = $1 order by step',
      [id],
    )
    return rows
  }

  it('PG_LAST_QUERY_ID() of a SELECT leads to its SVL_QUERY_METRICS_SUMMARY row', async () => {
    const id = await run('select * from readings where v >= 20')
    const { rows } = await client.query(
      `select query, service_class, return_row_count, scan_row_count, query_temp_blocks_to_disk,
         query_execution_time, query_cpu_time, query_queue_time, query_cpu_usage_percent
       from svl_query_metrics_summary where query = $1`,
      [id],
    )
    expect(rows).toHaveLength(1)
    const row = rows[0]
    expect(row).toMatchObject({
      query: id,
      service_class: 6,
      return_row_count: '2',
      scan_row_count: '2',
      query_temp_blocks_to_disk: '0',
    })
    // Whole seconds, as on Redshift; CPU time never exceeds execution time.
    expect(Number(row.query_cpu_time)).toBeLessThanOrEqual(
      Number(row.query_execution_time),
    )
    expect(Number(row.query_queue_time)).toBeGreaterThanOrEqual(0)
  })

  it('times each column in its documented unit: SVL_QUERY_METRICS_SUMMARY in whole seconds, steps and SYS in microseconds', async () => {
    // The statement waits on a lock held at least 1.2 s, so it executes for
    // more than one second and less than 60.
    const blocker = await connect(url)
    try {
      await blocker.query('begin')
      await blocker.query('lock table readings')
      const pending = run('select count(*) from readings')
      await new Promise((resolve) => setTimeout(resolve, 1200))
      await blocker.query('rollback')
      const id = await pending
      const { rows } = await client.query(
        `select m.query_execution_time, m.query_cpu_time, m.segment_execution_time, m.query_queue_time,
           (select max(s.maxtime) from svl_query_summary s where s.query = m.query) as step_maxtime,
           h.execution_time as sys_execution_time
         from svl_query_metrics_summary m
         join stl_query q on q.query = m.query
         join sys_query_history h on h.transaction_id = q.xid and h.query_text like 'select count(*) from readings%'
         where m.query = $1`,
        [id],
      )
      expect(rows).toHaveLength(1)
      const row = rows[0]
      // Seconds (r_SVL_QUERY_METRICS_SUMMARY.html): bigint, whole.
      for (const column of [
        'query_execution_time',
        'segment_execution_time',
      ] as const) {
        expect(Number(row[column]), column).toBeGreaterThanOrEqual(1)
        expect(Number(row[column]), column).toBeLessThan(60)
      }
      expect(Number(row.query_cpu_time)).toBeLessThan(60)
      expect(Number(row.query_queue_time)).toBe(0)
      // Microseconds (r_SVL_QUERY_SUMMARY.html maxtime, SYS_QUERY_HISTORY.html execution_time).
      for (const column of ['step_maxtime', 'sys_execution_time'] as const) {
        expect(Number(row[column]), column).toBeGreaterThanOrEqual(1_000_000)
        expect(Number(row[column]), column).toBeLessThan(60_000_000)
      }
    } finally {
      await blocker.end()
    }
  })

  it('SVL_QUERY_SUMMARY and SYS_QUERY_DETAIL show the steps of a SELECT, timed like SYS_QUERY_HISTORY', async () => {
    const id = await run('select id from readings')
    expect(await steps(id)).toEqual([
      { step: 0, label: 'scan', rows: '3' },
      { step: 1, label: 'return', rows: '3' },
    ])
    const detail = await client.query(
      `select d.query_id, d.step_id, trim(d.step_name) as step_name, d.output_rows,
         d.duration = h.execution_time as timed_as_history, d.start_time <= d.end_time as ordered,
         d.spilled_block_local_disk
       from sys_query_detail d join sys_query_history h on h.query_id = d.query_id
       where d.query_id = $1 order by d.step_id`,
      [id],
    )
    expect(detail.rows).toEqual([
      {
        query_id: String(id),
        step_id: 0,
        step_name: 'scan',
        output_rows: '3',
        timed_as_history: true,
        ordered: true,
        spilled_block_local_disk: '0',
      },
      {
        query_id: String(id),
        step_id: 1,
        step_name: 'return',
        output_rows: '3',
        timed_as_history: true,
        ordered: true,
        spilled_block_local_disk: '0',
      },
    ])
  })

  it('DML has insert and delete steps with the rows it changed', async () => {
    const insert = await run('insert into readings values (4, 40), (5, 50)')
    expect(await steps(insert)).toEqual([
      { step: 0, label: 'scan', rows: '2' },
      { step: 1, label: 'insert', rows: '2' },
    ])
    const update = await run('update readings set v = v + 1 where id > 3')
    expect(await steps(update)).toEqual([
      { step: 0, label: 'scan', rows: '2' },
      { step: 1, label: 'delete', rows: '2' },
      { step: 2, label: 'insert', rows: '2' },
    ])
    const remove = await run('delete from readings where id = 5')
    expect(await steps(remove)).toEqual([
      { step: 0, label: 'scan', rows: '1' },
      { step: 1, label: 'delete', rows: '1' },
    ])
  })

  it('leader-only statements (DDL) are in SYS_QUERY_HISTORY only, and an unknown id has no rows', async () => {
    const before = await run('select count(*) from readings')
    await client.query('create table scratch (id int)')
    // PG_LAST_QUERY_ID() skips statements that run on the leader node only,
    // as DDL does: the DDL's id is read from the history instead.
    const last = await client.query('select pg_last_query_id() as id')
    expect(last.rows[0].id).toBe(before)
    const history = await client.query(
      "select query_id::int as id, trim(query_type) as type from sys_query_history where query_text like 'create table scratch%'",
    )
    expect(history.rows).toEqual([{ id: expect.any(Number), type: 'DDL' }])
    const ddl = history.rows[0].id as number
    for (const view of ['svl_query_metrics_summary', 'svl_query_summary']) {
      const { rows } = await client.query(
        `select count(*)::int as n from ${view} where query = $1`,
        [ddl],
      )
      expect(rows).toEqual([{ n: 0 }])
    }
    const unknown = await client.query(
      'select count(*)::int as n from sys_query_detail where query_id = $1',
      [2147483000],
    )
    expect(unknown.rows).toEqual([{ n: 0 }])
  })
})
