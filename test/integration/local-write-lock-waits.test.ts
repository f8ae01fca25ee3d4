// A write waiting for another transaction's table write lock (Redshift's,
// held by the emulator before PostgreSQL sees the statement) ends as any
// waiting statement does: CANCEL and statement_timeout stop it with 57014,
// and the session goes on working.
import type pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import {
  connect,
  errorOf,
  openEmulatorDatabase,
  type EmulatorDatabase,
} from './local-test-helpers.js'

const CANCELLED = /^Query \(\d+\) cancelled on user's request$/

describe('a statement waiting for a write lock', () => {
  let db: EmulatorDatabase
  const clients: pg.Client[] = []
  const open = async () => {
    const client = await connect(db.url)
    clients.push(client)
    return client
  }

  beforeAll(async () => {
    db = await openEmulatorDatabase('local_write_lock_waits', [
      'create table waits (id int)',
    ])
  })
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.end()))
    await db?.close()
  })

  it('is cancelled by CANCEL, and its session then writes', async () => {
    const [holder, waiter, canceller] = await Promise.all([
      open(),
      open(),
      open(),
    ])
    await holder.query('begin')
    await holder.query('insert into waits values (1)')
    const pid = (await waiter.query('select pg_backend_pid() as pid')).rows[0]
      .pid as number
    const waiting = errorOf(waiter.query('insert into waits values (2)'))
    // The write is held back: the holder still answers meanwhile.
    await holder.query('select count(*) from waits')
    await canceller.query(`cancel ${pid}`)
    const error = await waiting
    expect(error).toMatchObject({ code: '57014' })
    expect(error.message).toMatch(CANCELLED)
    await holder.query('commit')
    await waiter.query('insert into waits values (3)')
    const { rows } = await waiter.query('select id from waits order by id')
    expect(rows).toEqual([{ id: 1 }, { id: 3 }])
  })

  it('counts towards statement_timeout', async () => {
    const [holder, waiter] = await Promise.all([open(), open()])
    await holder.query('begin')
    await holder.query('delete from waits')
    await waiter.query('set statement_timeout to 300')
    const error = await errorOf(waiter.query('insert into waits values (4)'))
    expect(error).toMatchObject({ code: '57014' })
    expect(error.message).toMatch(CANCELLED)
    await holder.query('rollback')
    await waiter.query('insert into waits values (5)')
    const { rows } = await waiter.query('select count(*)::int as n from waits')
    expect(rows).toEqual([{ n: 3 }])
  })
})
