import pg from 'pg'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'

import {
  createTestDatabase,
  type TestDatabase,
} from '../setup/test-database.js'
import { connect, emulatorUrl, eventually } from './local-test-helpers.js'

describe('local emulator: a client that disconnects mid-statement', () => {
  let db: TestDatabase
  let direct: pg.Client

  beforeAll(async () => {
    db = await createTestDatabase('local_disconnect')
    direct = await connect(inject('databaseUrl'))
  })
  afterAll(async () => {
    await direct?.end()
    await db.drop()
  })

  const backendState = async (pid: number): Promise<string | undefined> => {
    const { rows } = await direct.query<{ state: string }>(
      'select state from pg_stat_activity where pid = $1',
      [pid],
    )
    return rows[0]?.state
  }

  it('stops the statement and closes its PostgreSQL connection', async () => {
    const url = emulatorUrl(db.name)
    const blocker = await connect(url)
    await blocker.query('create table jobs (id int)')
    await blocker.query('begin')
    await blocker.query('lock table jobs')
    const client = await connect(url)
    try {
      const pid = (client as unknown as { processID: number }).processID
      // Waits on the lock until it is cancelled or the lock goes.
      const running = client
        .query('select count(*) from jobs')
        .catch(() => 'gone')
      await eventually(async () => (await backendState(pid)) === 'active')
      ;(
        client as unknown as { connection: { stream: { destroy(): void } } }
      ).connection.stream.destroy()
      expect(await running).toBe('gone')
      await eventually(
        async () => (await backendState(pid)) === undefined,
        3_000,
      )
    } finally {
      await blocker.query('rollback')
      await blocker.end()
    }
  })
})
