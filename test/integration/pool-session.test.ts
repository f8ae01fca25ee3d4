import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { quoteIdentifier } from '../../src/sql/literal.js'
import { RedshiftPool, type PooledConnection } from '../../src/pool/index.js'
import {
  createTestDatabase,
  type TestDatabase,
} from '../setup/test-database.js'
import { countRoundTrips, uniqueAppName } from './pool-helpers.js'

describe('PooledConnection session state', () => {
  let db: TestDatabase
  let pool: RedshiftPool
  const odd = `we'ird\\sch "x"`

  beforeAll(async () => {
    db = await createTestDatabase('pool_session')
    const app = uniqueAppName('session')
    pool = new RedshiftPool({
      min: 0,
      max: 2,
      acquireTimeoutMs: 5_000,
      idleTimeoutMs: 60_000,
      maxLifetimeMs: 600_000,
      connect: async () => {
        const client = new pg.Client({
          connectionString: db.url,
          application_name: app,
          // Redshift's string rules: a backslash in '...' is an escape.
          options:
            '-c standard_conforming_strings=off -c escape_string_warning=off',
        })
        client.on('error', () => {})
        await client.connect()
        return client
      },
    })
    const c = await pool.acquire()
    await c.query(`create schema ${quoteIdentifier(odd)}`)
    await c.query(
      `create table ${quoteIdentifier(odd)}.marker as select 'found' as v`,
    )
    pool.release(c)
  })

  afterAll(async () => {
    await pool.close()
    await db.drop()
  })

  async function show(c: PooledConnection, name: string): Promise<string> {
    const { rows } = await c.query<Record<string, string>>(`show ${name}`)
    return Object.values(rows[0]!)[0]!
  }

  async function withConnection(
    run: (c: PooledConnection) => Promise<void>,
  ): Promise<void> {
    const c = await pool.acquire()
    try {
      await run(c)
    } finally {
      pool.release(c)
    }
  }

  it('sends only the keys that differ, all in one round trip', async () => {
    await withConnection(async (c) => {
      const trips = countRoundTrips(c.client)
      const wanted = {
        statementTimeoutMs: 1234,
        searchPath: [odd, 'public'],
      }
      expect(await c.ensureSession(wanted)).toBe(2)
      expect(trips.count()).toBe(1)
      expect(trips.statements()[0]).toBe(
        `SET statement_timeout TO 1234; SET search_path TO 'we''ird\\\\sch "x"', 'public'`,
      )
      expect(c.needsSession(wanted)).toBe(false)
      expect(await c.ensureSession(wanted)).toBe(0)
      expect(trips.count()).toBe(1)

      expect(await show(c, 'statement_timeout')).toBe('1234ms')
      const { rows } = await c.query<{ v: string }>('select v from marker')
      expect(rows[0]!.v).toBe('found')

      expect(await c.ensureSession({ ...wanted, statementTimeoutMs: 99 })).toBe(
        1,
      )
      expect(trips.statements().at(-1)).toBe('SET statement_timeout TO 99')
      expect(c.session).toEqual({
        queryGroup: null,
        statementTimeoutMs: 99,
        searchPath: [odd, 'public'],
        wlmQuerySlotCount: null,
      })

      // Back to the server defaults.
      expect(await c.ensureSession({})).toBe(2)
      expect(trips.statements().at(-1)).toBe(
        'RESET statement_timeout; RESET search_path',
      )
      expect(await show(c, 'statement_timeout')).toBe('0')
      expect(await show(c, 'search_path')).toBe('"$user", public')
    })
  })

  it('re-sends a key forgotten after a raw SET', async () => {
    await withConnection(async (c) => {
      await c.ensureSession({ statementTimeoutMs: 500 })
      // A raw SET the state tracker did not write.
      await c.query('set statement_timeout to 777')
      c.markSessionUnknown(['statementTimeoutMs'])
      expect(c.session).toEqual({
        queryGroup: null,
        searchPath: null,
        wlmQuerySlotCount: null,
      })
      const trips = countRoundTrips(c.client)
      expect(await c.ensureSession({ statementTimeoutMs: 500 })).toBe(1)
      expect(trips.count()).toBe(1)
      expect(await show(c, 'statement_timeout')).toBe('500ms')
      await c.ensureSession({})
    })
  })

  it('re-sends every key, in one round trip, after markSessionUnknown()', async () => {
    const c = await pool.acquire()
    try {
      c.markSessionUnknown()
      expect(c.session).toEqual({})
      const trips = countRoundTrips(c.client)
      // PostgreSQL has no query_group, so the server refuses the first
      // statement: what matters here is that all four went in one message.
      await expect(
        c.ensureSession({ statementTimeoutMs: 500 }),
      ).rejects.toThrow(/query_group/)
      expect(trips.count()).toBe(1)
      expect(trips.statements()).toEqual([
        'RESET query_group; SET statement_timeout TO 500; RESET search_path; RESET wlm_query_slot_count',
      ])
      expect(c.session).toEqual({})
      expect(c.transactionStatus).toBe('idle')
    } finally {
      // Its query_group can never be settled on PostgreSQL: do not reuse it.
      c.markBroken()
      pool.release(c)
    }
  })

  it('knows that a rollback undoes a SET made inside the transaction', async () => {
    await withConnection(async (c) => {
      await c.ensureSession({ statementTimeoutMs: 1000 })
      await c.query('begin')
      expect(await c.ensureSession({ statementTimeoutMs: 2000 })).toBe(1)
      expect(await show(c, 'statement_timeout')).toBe('2s')
      await c.query('rollback')
      expect(await show(c, 'statement_timeout')).toBe('1s')
      expect(c.session.statementTimeoutMs).toBe(1000)
      expect(await c.ensureSession({ statementTimeoutMs: 1000 })).toBe(0)

      // Committed: the SET stays.
      await c.query('begin')
      await c.ensureSession({ statementTimeoutMs: 3000 })
      await c.query('commit')
      expect(c.session.statementTimeoutMs).toBe(3000)
      expect(await show(c, 'statement_timeout')).toBe('3s')

      // Failed, then COMMIT (the server answers ROLLBACK): undone.
      await c.query('begin')
      await c.ensureSession({ statementTimeoutMs: 4000 })
      await expect(c.query('select 1/0')).rejects.toThrow()
      expect(c.transactionStatus).toBe('failed')
      // Nothing is sent into a failed transaction.
      expect(await c.ensureSession({ statementTimeoutMs: 5000 })).toBe(0)
      await c.query('commit')
      expect(c.session.statementTimeoutMs).toBe(3000)
      expect(await show(c, 'statement_timeout')).toBe('3s')
      await c.ensureSession({})
    })
  })

  it('refuses values that are not what the parameter takes', async () => {
    await withConnection(async (c) => {
      await expect(
        c.ensureSession({ statementTimeoutMs: 1.5 }),
      ).rejects.toThrow(TypeError)
      await expect(
        c.ensureSession({ statementTimeoutMs: '1; drop table x' as never }),
      ).rejects.toThrow(TypeError)
      expect(c.session.statementTimeoutMs).toBe(null)
    })
  })
})
