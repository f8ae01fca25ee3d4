import pg from 'pg'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'

import {
  connect,
  errorOf,
  eventually,
  openEmulatorDatabase,
  psqlAvailable,
  runPsql,
} from './local-test-helpers.js'

describe('local emulator: CANCEL, pg_cancel_backend, pg_terminate_backend', () => {
  let url: string
  let admin: pg.Client
  let close: () => Promise<void>
  let blocker: pg.Client

  beforeAll(async () => {
    ;({
      url,
      client: admin,
      close,
    } = await openEmulatorDatabase('local_cancel', [
      'create table jobs (id int)',
    ]))
  })
  afterAll(() => close())

  /** Starts a query that waits on a lock until cancelled; returns its client, pid and result. */
  async function blockedQuery(): Promise<{
    victim: pg.Client
    pid: number
    result: Promise<pg.DatabaseError>
  }> {
    blocker = await connect(url)
    await blocker.query('begin')
    await blocker.query('lock table jobs')
    const victim = await connect(url)
    const pid = (victim as unknown as { processID: number }).processID
    const result = errorOf(victim.query('select count(*) from jobs'))
    const direct = await connect(inject('databaseUrl'))
    try {
      await eventually(async () => {
        const { rows } = await direct.query(
          "select 1 from pg_stat_activity where pid = $1 and wait_event_type = 'Lock'",
          [pid],
        )
        return rows.length > 0
      })
    } finally {
      await direct.end()
    }
    return { victim, pid, result }
  }

  async function release(victim: pg.Client): Promise<void> {
    await blocker.query('rollback')
    await blocker.end()
    await victim.end().catch(() => {})
  }

  it("CANCEL pid: the victim sees Query (N) cancelled on user's request", async () => {
    const { victim, pid, result } = await blockedQuery()
    const cancel = await admin.query(`cancel ${pid}`)
    expect(cancel.command).toBe('CANCEL')
    const error = await result
    expect(error.code).toBe('57014')
    const match = /^Query \((\d+)\) cancelled on user's request$/.exec(
      error.message,
    )
    expect(match).not.toBeNull()
    const { rows } = await admin.query(
      'select trim(querytxt) as text, aborted from stl_query where query = $1',
      [Number(match![1])],
    )
    expect(rows).toEqual([{ text: 'select count(*) from jobs', aborted: 1 }])
    // The victim's connection survives a cancel.
    expect((await victim.query('select 1 as alive')).rows).toEqual([
      { alive: 1 },
    ])
    await release(victim)
  })

  it("CANCEL pid 'message': the victim sees the message", async () => {
    const { victim, pid, result } = await blockedQuery()
    await admin.query(`cancel ${pid} 'stopped by the operator'`)
    const error = await result
    expect(error.code).toBe('57014')
    expect(error.message).toBe('stopped by the operator')
    await release(victim)
  })

  it("pg_cancel_backend(pid) goes to PostgreSQL and comes back in Redshift's shape", async () => {
    const { victim, pid, result } = await blockedQuery()
    const { rows } = await admin.query('select pg_cancel_backend($1) as ok', [
      pid,
    ])
    expect(rows).toEqual([{ ok: true }])
    const error = await result
    expect(error.code).toBe('57014')
    expect(error.message).toMatch(/^Query \(\d+\) cancelled on user's request$/)
    await release(victim)
  })

  it('pg_terminate_backend(pid) ends the session and rolls it back', async () => {
    const { victim, pid, result } = await blockedQuery()
    await admin.query('select pg_terminate_backend($1)', [pid])
    const error = await result
    expect(['57P01', undefined]).toContain(error.code)
    await expect(victim.query('select 1')).rejects.toThrow()
    await release(victim)
  })

  it('CANCEL of an unknown pid is accepted and does nothing', async () => {
    const result = await admin.query('cancel 1')
    expect(result.command).toBe('CANCEL')
  })

  it.skipIf(!psqlAvailable)('CANCEL through psql', async () => {
    const { victim, pid, result } = await blockedQuery()
    const cancel = await runPsql(url, ['-c', `cancel ${pid} 'psql says stop'`])
    expect(cancel.code, cancel.stderr).toBe(0)
    expect((await result).message).toBe('psql says stop')
    await release(victim)
  })
})
