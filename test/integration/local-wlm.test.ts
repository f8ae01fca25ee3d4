import type pg from 'pg'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'

import type { LocalRedshift } from '../../src/local/index.js'
import {
  connect,
  errorOf,
  eventually,
  startOwnEmulator,
} from './local-test-helpers.js'

interface QueryState {
  query: number
  service_class: number
  slot_count: number
  state: string
}

describe('local emulator: WLM slots', () => {
  let local: LocalRedshift
  let stop: () => Promise<void>
  let observer: pg.Client
  const clients: pg.Client[] = []

  beforeAll(async () => {
    // A queue of its own: the suite's shared emulator must not fill up.
    ;({ local, stop } = await startOwnEmulator('local_wlm', {
      wlm: [
        {
          name: 'etl',
          concurrency: 1,
          queryGroups: ['etl-*'],
          queryGroupWildcard: true,
        },
        { name: 'Default queue', concurrency: 2 },
      ],
    }))
    observer = await open()
    await observer.query('create table facts (id int)')
    await observer.query('insert into facts values (1), (2)')
    await observer.query('create table dims (id int)')
  })
  const blockers: pg.Client[] = []
  afterEach(async () => {
    // Release any lock a failed test left behind, so the next test can run.
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

  /** A session holding an exclusive lock on facts, so queries on it wait while holding their slot. */
  async function lockFacts(): Promise<pg.Client> {
    const blocker = await open()
    await blocker.query('begin')
    await blocker.query('lock table facts')
    blockers.push(blocker)
    return blocker
  }

  async function states(): Promise<(QueryState & { pid: number })[]> {
    const { rows } = await observer.query(
      `select w.query, w.service_class, w.slot_count, trim(w.state) as state, r.session_id as pid
       from stv_wlm_query_state w join sys_query_history r on r.query_id = w.query
       order by w.query`,
    )
    return rows
  }

  it('writes the queue configuration for STV_WLM_SERVICE_CLASS_CONFIG', async () => {
    const { rows } = await observer.query(
      'select service_class, trim(name) as name, num_query_tasks from stv_wlm_service_class_config where service_class between 5 and 7 order by service_class',
    )
    expect(rows).toEqual([
      { service_class: 5, name: 'Superuser queue', num_query_tasks: 1 },
      { service_class: 6, name: 'etl', num_query_tasks: 1 },
      { service_class: 7, name: 'Default queue', num_query_tasks: 2 },
    ])
  })

  it("queues a query beyond its queue's slots until a slot frees, routed by query_group wildcard", async () => {
    const blocker = await lockFacts()
    const first = await open()
    const second = await open()
    await first.query("set query_group to 'etl-nightly'")
    await second.query("set query_group to 'etl-hourly'")
    const firstResult = first.query('select count(*)::int as n from facts')
    let seen: Awaited<ReturnType<typeof states>> = []
    await eventually(async () => {
      seen = await states()
      return seen.some((s) => s.pid === pidOf(first) && s.state === 'Running')
    })
    const secondResult = second.query('select count(*)::int as n from facts')
    await eventually(async () => {
      seen = await states()
      return seen.some((s) => s.pid === pidOf(second))
    })
    const queued = seen.find((s) => s.pid === pidOf(second))!
    expect(queued.state).toMatch(/^Queued/)
    expect(queued.service_class).toBe(6)
    const running = seen.find((s) => s.pid === pidOf(first))!
    expect(running).toMatchObject({
      state: 'Running',
      service_class: 6,
      slot_count: 1,
    })

    // A query in the default queue is not held up by the full etl queue.
    expect(
      (await observer.query('select count(*)::int as n from dims')).rows,
    ).toEqual([{ n: 0 }])
    await blocker.query('rollback')
    expect((await firstResult).rows).toEqual([{ n: 2 }])
    expect((await secondResult).rows).toEqual([{ n: 2 }])
    const history = await observer.query(
      'select queue_time from sys_query_history where session_id = $1 order by query_id desc limit 1',
      [pidOf(second)],
    )
    expect(Number(history.rows[0].queue_time)).toBeGreaterThan(0)
  })

  it('takes wlm_query_slot_count slots', async () => {
    const blocker = await lockFacts()
    const wide = await open()
    const other = await open()
    await wide.query('set wlm_query_slot_count to 2')
    const wideResult = wide.query('select count(*)::int as n from facts')
    await eventually(async () =>
      (await states()).some(
        (s) =>
          s.pid === pidOf(wide) && s.slot_count === 2 && s.state === 'Running',
      ),
    )
    const otherResult = other.query('select count(*)::int as n from facts')
    await eventually(async () =>
      (await states()).some(
        (s) => s.pid === pidOf(other) && /^Queued/.test(s.state),
      ),
    )
    await blocker.query('rollback')
    expect((await wideResult).rows).toEqual([{ n: 2 }])
    expect((await otherResult).rows).toEqual([{ n: 2 }])
  })

  it("refuses a slot count above the queue's concurrency", async () => {
    const client = await open()
    await client.query('set wlm_query_slot_count to 3')
    const error = await errorOf(client.query('select count(*) from facts'))
    expect(error.message).toMatch(
      /wlm_query_slot_count \(3\) exceeds the concurrency \(2\)/,
    )
    await client.query('reset wlm_query_slot_count')
  })

  it('CANCEL fails a queued query at once and gives its place up', async () => {
    const blocker = await lockFacts()
    const holder = await open()
    const waiter = await open()
    await holder.query("set query_group to 'etl-a'")
    await waiter.query("set query_group to 'etl-b'")
    const holderResult = holder.query('select count(*)::int as n from facts')
    await eventually(async () =>
      (await states()).some((s) => s.pid === pidOf(holder)),
    )
    const waiting = errorOf(waiter.query('select count(*) from facts'))
    await eventually(async () =>
      (await states()).some((s) => s.pid === pidOf(waiter)),
    )
    await observer.query(`cancel ${pidOf(waiter)} 'not now'`)
    const error = await waiting
    expect(error.code).toBe('57014')
    expect(error.message).toBe('not now')
    await blocker.query('rollback')
    expect((await holderResult).rows).toEqual([{ n: 2 }])
    // The cancelled session goes on normally.
    expect(
      (await waiter.query('select count(*)::int as n from facts')).rows,
    ).toEqual([{ n: 2 }])
  })

  it('counts the WLM wait in statement_timeout', async () => {
    await lockFacts()
    const holder = await open()
    const waiter = await open()
    await holder.query("set query_group to 'etl-holder'")
    await waiter.query("set query_group to 'etl-waiter'")
    await waiter.query("set statement_timeout to '200ms'")
    const holderResult = errorOf(holder.query('select count(*) from facts'))
    await eventually(async () =>
      (await states()).some((s) => s.pid === pidOf(holder)),
    )
    const started = Date.now()
    const error = await errorOf(waiter.query('select count(*) from facts'))
    expect(Date.now() - started).toBeGreaterThanOrEqual(190)
    expect(error.code).toBe('57014')
    expect(error.message).toMatch(/^Query \(\d+\) cancelled on user's request$/)
    await observer.query(`cancel ${pidOf(holder)}`)
    expect((await holderResult).code).toBe('57014')
  })
})
