import type pg from 'pg'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'

import {
  mapRedshiftError,
  SerializationFailureError,
} from '../../src/errors/index.js'
import type { LocalRedshift } from '../../src/local/index.js'
import {
  connect,
  errorOf,
  eventually,
  psqlAvailable,
  runPsql,
  startOwnEmulator,
} from '../integration/local-test-helpers.js'

describe('local emulator: fault injection', () => {
  // Faults apply to the whole emulator, so this file runs one of its own.
  let local: LocalRedshift
  let client: pg.Client
  let stop: () => Promise<void>

  beforeAll(async () => {
    ;({ local, stop } = await startOwnEmulator('local_faults'))
    client = await connect(local.url)
    await client.query('create table orders (id int, status varchar(10))')
  })
  afterEach(() => {
    local.faults.reset()
  })
  afterAll(async () => {
    await client?.end()
    await stop()
  })

  const count = async () =>
    (await client.query('select count(*)::int as n from orders')).rows[0]
      .n as number

  describe('through the programmatic API', () => {
    it('failNext: the next N matching statements fail without running', async () => {
      local.faults.failNext({
        pattern: /insert/i,
        count: 2,
        code: 'XX000',
        message: '1023',
      })
      const before = await count()
      for (let i = 0; i < 2; i++) {
        const error = await errorOf(
          client.query("insert into orders values (1, 'new')"),
        )
        expect(error.code).toBe('XX000')
        expect(error.message).toBe('1023')
        expect(mapRedshiftError(error)).toBeInstanceOf(
          SerializationFailureError,
        )
      }
      expect(await count()).toBe(before)
      await client.query("insert into orders values (1, 'new')")
      expect(await count()).toBe(before + 1)
    })

    it('failNext with a string pattern matches case-insensitively, also through the extended protocol', async () => {
      local.faults.failNext({
        pattern: 'FROM ORDERS WHERE',
        code: '57014',
        message: 'boom',
      })
      const error = await errorOf(
        client.query('select id from orders where id = $1', [1]),
      )
      expect(error.code).toBe('57014')
      expect(error.message).toBe('boom')
      expect(
        (await client.query('select id from orders where id = $1', [1])).rows
          .length,
      ).toBeGreaterThan(0)
    })

    it('addLatency: matching statements wait, others do not, until removed', async () => {
      const remove = local.faults.addLatency({
        ms: 400,
        pattern: 'from orders',
      })
      let started = Date.now()
      await count()
      expect(Date.now() - started).toBeGreaterThanOrEqual(390)
      started = Date.now()
      await client.query('select 1')
      expect(Date.now() - started).toBeLessThan(300)
      remove()
      started = Date.now()
      await count()
      expect(Date.now() - started).toBeLessThan(300)
    })

    it('dropConnection: the statement reaches PostgreSQL, then the client loses its connection', async () => {
      await client.query("insert into orders values (42, 'before')")
      // The update waits on a lock for a while, so the connection is lost
      // only once it finished, never while it still runs.
      const blocker = await connect(local.url)
      await blocker.query('begin')
      await blocker.query('lock orders')
      setTimeout(
        () => void blocker.query('commit').then(() => blocker.end()),
        300,
      )
      local.faults.dropConnection({ pattern: 'update orders' })
      const victim = await connect(local.url)
      const error = await errorOf(
        victim.query("update orders set status = 'after' where id = 42"),
      )
      expect(error.message).toMatch(/Connection terminated|ECONNRESET|closed/i)
      await victim.end().catch(() => {})
      // Autocommit: the update ran even though its answer never arrived.
      await eventually(async () => {
        const { rows } = await client.query(
          'select status from orders where id = 42',
        )
        return rows[0]?.status === 'after'
      })
      // One-shot: the next matching statement runs normally.
      await client.query("update orders set status = 'again' where id = 42")
    })

    it('refuseConnections: new connections fail for a while, existing ones keep working', async () => {
      local.faults.refuseConnections({ forMs: 800 })
      const refused = await errorOf(connect(local.url))
      expect(refused.code).toBe('53300')
      expect(refused.message).toMatch(/connection limit "500" exceeded/)
      expect((await client.query('select 1 as ok')).rows).toEqual([{ ok: 1 }])
      await new Promise((r) => setTimeout(r, 820))
      const again = await connect(local.url)
      await again.end()
    })

    it('reset removes every fault', async () => {
      local.faults.failNext({ count: 5 })
      local.faults.addLatency({ ms: 2000 })
      local.faults.reset()
      const started = Date.now()
      await client.query('select 1')
      expect(Date.now() - started).toBeLessThan(1500)
    })
  })

  describe('through the FAULT control statement', () => {
    it('FAIL NEXT n MATCHING ... WITH SQLSTATE ... MESSAGE ...', async () => {
      const set = await client.query(
        "/*redshift-local*/ FAULT FAIL NEXT 2 MATCHING 'delete' WITH SQLSTATE 'XX000' MESSAGE '1023'",
      )
      expect(set.command).toBe('FAULT')
      for (let i = 0; i < 2; i++) {
        const error = await errorOf(
          client.query('delete from orders where id = -1'),
        )
        expect([error.code, error.message]).toEqual(['XX000', '1023'])
      }
      await client.query('delete from orders where id = -1')
    })

    it('LATENCY ms MATCHING ..., then RESET', async () => {
      await client.query(
        "/*redshift-local*/ fault latency 400 matching 'from orders'",
      )
      const started = Date.now()
      await count()
      expect(Date.now() - started).toBeGreaterThanOrEqual(390)
      await client.query('/*redshift-local*/ FAULT RESET')
      const again = Date.now()
      await count()
      expect(Date.now() - again).toBeLessThan(300)
    })

    it('DROP CONNECTION MATCHING ...', async () => {
      const victim = await connect(local.url)
      await victim.query(
        "/*redshift-local*/ FAULT DROP CONNECTION MATCHING 'select 42'",
      )
      await expect(victim.query('select 42')).rejects.toThrow()
      await victim.end().catch(() => {})
    })

    it('DROP CONNECTION BEFORE SEND MATCHING ...: the statement never runs', async () => {
      const victim = await connect(local.url)
      await victim.query(
        "/*redshift-local*/ FAULT DROP CONNECTION BEFORE SEND MATCHING 'insert into orders'",
      )
      await expect(
        victim.query("insert into orders values (-7, 'never')"),
      ).rejects.toThrow()
      await victim.end().catch(() => {})
      const { rows } = await client.query(
        'select count(*)::int as n from orders where id = -7',
      )
      expect(rows[0].n).toBe(0)
    })

    it('REFUSE CONNECTIONS NEXT n', async () => {
      await client.query('/*redshift-local*/ FAULT REFUSE CONNECTIONS NEXT 2')
      expect((await errorOf(connect(local.url))).code).toBe('53300')
      expect((await errorOf(connect(local.url))).code).toBe('53300')
      await (await connect(local.url)).end()
    })

    it('REFUSE CONNECTIONS FOR ms', async () => {
      await client.query('/*redshift-local*/ FAULT REFUSE CONNECTIONS FOR 800')
      expect((await errorOf(connect(local.url))).code).toBe('53300')
      await new Promise((r) => setTimeout(r, 820))
      await (await connect(local.url)).end()
    })

    it('refuses a malformed control statement', async () => {
      const error = await errorOf(
        client.query('/*redshift-local*/ FAULT EXPLODE'),
      )
      expect(error.code).toBe('42601')
      expect(error.message).toMatch(/invalid emulator control statement/)
    })

    it.skipIf(!psqlAvailable)('works from psql', async () => {
      const result = await runPsql(local.url, [
        '-c',
        "/*redshift-local*/ FAULT FAIL NEXT 1 MATCHING 'orders' WITH SQLSTATE '53000' MESSAGE 'queue full'",
        '-c',
        'select count(*) from orders',
      ])
      expect(result.code).not.toBe(0)
      expect(result.stderr).toMatch(/ERROR:\s+queue full/)
    })
  })
})
