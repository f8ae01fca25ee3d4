import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { PoolClosedError, PoolTimeoutError } from '../../src/errors/index.js'
import {
  RedshiftPool,
  type PooledConnection,
  type PoolOptions,
} from '../../src/pool/index.js'
import { openTestDatabase, type TestDatabase } from '../setup/test-database.js'
import {
  connectTo,
  eventually,
  nextEvent,
  serverBackends,
  uniqueAppName,
} from './pool-helpers.js'

describe('RedshiftPool', () => {
  let db: TestDatabase
  let admin: pg.Client
  let close: () => Promise<void>
  const pools: RedshiftPool[] = []

  beforeAll(async () => {
    ;({ db, client: admin, close } = await openTestDatabase('pool'))
  })

  afterAll(async () => {
    await Promise.all(pools.map((pool) => pool.close()))
    await close()
  })

  function createPool(overrides: Partial<PoolOptions> = {}): {
    pool: RedshiftPool
    app: string
  } {
    const app = uniqueAppName('pool')
    const pool = new RedshiftPool({
      min: 0,
      max: 5,
      acquireTimeoutMs: 5_000,
      idleTimeoutMs: 60_000,
      maxLifetimeMs: 600_000,
      connect: connectTo(db.url, app),
      ...overrides,
    })
    pools.push(pool)
    return { pool, app }
  }

  const backends = (app: string) => serverBackends(admin, db.name, app)

  it('opens min connections at start and grows lazily up to max', async () => {
    const { pool, app } = createPool({ min: 2, max: 4 })
    await pool.start()
    expect(pool.stats()).toEqual({
      size: 2,
      idle: 2,
      inUse: 0,
      waiting: 0,
      pending: 0,
    })
    expect(await backends(app)).toBe(2)

    const held = await Promise.all([1, 2, 3, 4].map(() => pool.acquire()))
    expect(pool.stats()).toMatchObject({ size: 4, inUse: 4, idle: 0 })
    expect(new Set(held.map((c) => c.backendPid)).size).toBe(4)
    expect(await backends(app)).toBe(4)
    for (const c of held) pool.release(c)
    expect(pool.stats()).toMatchObject({ size: 4, inUse: 0, idle: 4 })
    await pool.close()
    await eventually(async () => (await backends(app)) === 0)
  })

  it('serves 50 concurrent callers on a pool of 5 in FIFO order', async () => {
    const { pool } = createPool({ max: 5 })
    const served: number[] = []
    let maxInUse = 0
    await Promise.all(
      Array.from({ length: 50 }, async (_, caller) => {
        const connection = await pool.acquire()
        served.push(caller)
        maxInUse = Math.max(maxInUse, pool.stats().inUse)
        try {
          await connection.query('select pg_sleep(0.002)')
        } finally {
          pool.release(connection)
        }
      }),
    )
    expect(served).toEqual(Array.from({ length: 50 }, (_, i) => i))
    expect(maxInUse).toBe(5)
    expect(pool.stats()).toMatchObject({ size: 5, waiting: 0, inUse: 0 })
    await pool.close()
  })

  it('times out an acquire with PoolTimeoutError carrying the counts', async () => {
    const { pool } = createPool({ max: 2, acquireTimeoutMs: 150 })
    const held = [await pool.acquire(), await pool.acquire()]
    const first = pool.acquire()
    const second = pool.acquire()
    const started = performance.now()
    const error = await first.catch((e: unknown) => e)
    const waited = performance.now() - started
    expect(error).toBeInstanceOf(PoolTimeoutError)
    expect(error).toMatchObject({
      timeoutMs: 150,
      size: 2,
      inUse: 2,
      idle: 0,
      waiting: 1,
    })
    expect((error as Error).message).toMatch(
      /150 ms.*size 2, in use 2, idle 0, waiting 1/,
    )
    expect(waited).toBeGreaterThanOrEqual(140)
    await expect(second).rejects.toMatchObject({ waiting: 0 })
    expect(pool.stats().waiting).toBe(0)
    for (const c of held) pool.release(c)
    await pool.close()
  })

  it('removes a waiter whose AbortSignal aborts and serves the next one', async () => {
    const { pool } = createPool({ max: 1 })
    const held = await pool.acquire()
    const controller = new AbortController()
    const aborted = pool.acquire({ signal: controller.signal })
    const next = pool.acquire()
    expect(pool.stats().waiting).toBe(2)
    controller.abort(new Error('caller gave up'))
    await expect(aborted).rejects.toThrow('caller gave up')
    expect(pool.stats().waiting).toBe(1)
    pool.release(held)
    const got = await next
    expect(got).toBe(held)
    pool.release(got)
    await expect(
      pool.acquire({ signal: AbortSignal.abort(new Error('already')) }),
    ).rejects.toThrow('already')
    await pool.close()
  })

  it('never hands out an idle connection killed server-side, and replaces it', async () => {
    const { pool, app } = createPool({ min: 2, max: 2 })
    await pool.start()
    const a = await pool.acquire()
    const b = await pool.acquire()
    const victimPid = a.backendPid
    pool.release(b)
    pool.release(a) // `a` is now on top of the idle stack
    const destroyed = nextEvent<[PooledConnection, string]>(
      pool,
      'destroy',
      (c) => c.backendPid === victimPid,
    )
    const replaced = nextEvent<[PooledConnection]>(pool, 'connect')
    const errors: unknown[] = []
    pool.on('error', (e) => errors.push(e))
    await admin.query('select pg_terminate_backend($1)', [victimPid])
    const [, reason] = await destroyed
    expect(reason).toBe('broken')
    const [replacement] = await replaced
    expect(replacement.backendPid).not.toBe(victimPid)
    expect(errors.length).toBeGreaterThan(0)

    const pids = new Set<number>()
    const held = [await pool.acquire(), await pool.acquire()]
    for (const c of held) {
      pids.add(c.backendPid)
      const { rows } = await c.query<{ pid: number }>(
        'select pg_backend_pid() as pid',
      )
      expect(rows[0]!.pid).toBe(c.backendPid)
    }
    expect(pids.has(victimPid)).toBe(false)
    for (const c of held) pool.release(c)
    expect(await backends(app)).toBe(2)
    await pool.close()
  })

  it('destroys a connection whose kill is noticed only by the next query', async () => {
    const { pool } = createPool({ min: 1, max: 1 })
    await pool.start()
    const first = await pool.acquire()
    const victimPid = first.backendPid
    pool.release(first)
    // Hold back the socket's events so the pool cannot learn of the kill
    // before the connection is handed out again.
    first.client.connection.stream.pause()
    await admin.query('select pg_terminate_backend($1)', [victimPid])
    await eventually(async () => {
      const { rows } = await admin.query(
        'select 1 from pg_stat_activity where pid = $1',
        [victimPid],
      )
      return rows.length === 0
    })
    const again = await pool.acquire()
    expect(again).toBe(first)
    again.client.connection.stream.resume()
    await expect(again.query('select 1')).rejects.toThrow()
    expect(again.broken).toBe(true)
    const destroyed = nextEvent<[PooledConnection, string]>(pool, 'destroy')
    pool.release(again)
    expect((await destroyed)[1]).toBe('broken')
    const fresh = await pool.acquire()
    expect(fresh.backendPid).not.toBe(victimPid)
    await fresh.query('select 1')
    pool.release(fresh)
    await pool.close()
  })

  it('destroys connections released inside a transaction or a failed one', async () => {
    const { pool, app } = createPool({ max: 2 })
    const open = await pool.acquire()
    await open.query('begin')
    expect(open.transactionStatus).toBe('transaction')
    const failed = await pool.acquire()
    await failed.query('begin')
    await expect(failed.query('select 1/0')).rejects.toThrow(/division by zero/)
    expect(failed.transactionStatus).toBe('failed')

    const reasons: string[] = []
    pool.on('destroy', (_c, reason) => reasons.push(reason))
    const gone = Promise.all([
      nextEvent(pool, 'destroy', (c) => c === open),
      nextEvent(pool, 'destroy', (c) => c === failed),
    ])
    pool.release(open)
    pool.release(failed)
    await gone
    expect(reasons.sort()).toEqual(['transaction', 'transaction'])
    expect(pool.stats().size).toBe(0)
    await eventually(async () => (await backends(app)) === 0)

    // A multi-statement query that leaves a failed transaction behind: the
    // status comes from the server's ReadyForQuery, not from what was sent.
    const c = await pool.acquire()
    await expect(c.query('begin; select 1/0')).rejects.toThrow()
    expect(c.transactionStatus).toBe('failed')
    pool.release(c)
    expect(pool.stats().size).toBe(0)
    await pool.close()
  })

  it('closes a connection past its lifetime and replaces it', async () => {
    const { pool, app } = createPool({
      min: 1,
      max: 2,
      maxLifetimeMs: 200,
      evictionIntervalMs: 25,
    })
    await pool.start()
    const original = await pool.acquire()
    pool.release(original)
    const [gone, reason] = await nextEvent<[PooledConnection, string]>(
      pool,
      'destroy',
    )
    expect(gone).toBe(original)
    expect(reason).toBe('lifetime')
    expect(performance.now() - original.createdAt).toBeGreaterThanOrEqual(200)
    await eventually(() => pool.stats().idle === 1)
    const next = await pool.acquire()
    expect(next).not.toBe(original)
    pool.release(next)
    expect(await backends(app)).toBeGreaterThanOrEqual(1)
    await pool.close()
  })

  it('closes a connection past its lifetime when it is released', async () => {
    const { pool } = createPool({ max: 1, maxLifetimeMs: 100 })
    const c = await pool.acquire()
    await c.query('select pg_sleep(0.12)')
    const destroyed = nextEvent<[PooledConnection, string]>(pool, 'destroy')
    pool.release(c)
    expect((await destroyed)[1]).toBe('lifetime')
    await pool.close()
  })

  it('evicts idle connections above min after idleTimeoutMs', async () => {
    const { pool, app } = createPool({
      min: 1,
      max: 3,
      idleTimeoutMs: 150,
      evictionIntervalMs: 25,
    })
    await pool.start()
    const held = await Promise.all([1, 2, 3].map(() => pool.acquire()))
    expect(pool.stats().size).toBe(3)
    const idleEvictions: PooledConnection[] = []
    pool.on('destroy', (c, reason) => {
      if (reason === 'idle') idleEvictions.push(c)
    })
    const releasedAt = performance.now()
    for (const c of held) pool.release(c)
    await eventually(() => idleEvictions.length >= 2, 3_000)
    expect(performance.now() - releasedAt).toBeGreaterThanOrEqual(150)
    await eventually(
      () => pool.stats().size === 1 && pool.stats().pending === 0,
    )
    await eventually(async () => (await backends(app)) === 1)
    await pool.close()
  })

  it('drain waits for connections in use, then closes everything', async () => {
    const { pool, app } = createPool({ min: 1, max: 3 })
    await pool.start()
    const a = await pool.acquire()
    const b = await pool.acquire()
    let drained = false
    const draining = pool.drain(5_000).then(() => {
      drained = true
    })
    await expect(pool.acquire()).rejects.toBeInstanceOf(PoolClosedError)
    await a.query('select pg_sleep(0.05)')
    pool.release(a)
    await new Promise((resolve) => setImmediate(resolve))
    expect(drained).toBe(false)
    await b.query('select 1')
    pool.release(b)
    await draining
    expect(pool.stats()).toMatchObject({ size: 0, inUse: 0, idle: 0 })
    await eventually(async () => (await backends(app)) === 0)
  })

  it('lets several drain calls wait for the same release', async () => {
    const { pool } = createPool({ max: 1 })
    const held = await pool.acquire()
    const started = performance.now()
    const drains = [pool.drain(5_000), pool.drain(5_000)]
    setTimeout(() => pool.release(held), 50)
    await Promise.all(drains)
    expect(performance.now() - started).toBeLessThan(2_000)
    expect(pool.stats().size).toBe(0)
  })

  it('drain closes connections still in use after its timeout', async () => {
    const { pool, app } = createPool({ max: 1 })
    const held = await pool.acquire()
    const started = performance.now()
    await pool.drain(100)
    expect(performance.now() - started).toBeGreaterThanOrEqual(95)
    await expect(held.query('select 1')).rejects.toThrow()
    pool.release(held) // a late release is harmless
    await eventually(async () => (await backends(app)) === 0)
  })

  it('close rejects waiters with PoolClosedError', async () => {
    const { pool, app } = createPool({ max: 1 })
    const held = await pool.acquire()
    const waiting = [pool.acquire(), pool.acquire()]
    const closing = pool.close()
    for (const w of waiting) {
      await expect(w).rejects.toBeInstanceOf(PoolClosedError)
    }
    const destroyed = nextEvent(pool, 'destroy')
    pool.release(held)
    await destroyed
    await closing
    await expect(pool.start()).rejects.toBeInstanceOf(PoolClosedError)
    await eventually(async () => (await backends(app)) === 0)
  })

  it('fails the waiting caller fast when a connection cannot be opened', async () => {
    let attempts = 0
    const url = new URL(db.url)
    url.password = 'wrong-password'
    const pool = new RedshiftPool({
      min: 0,
      max: 2,
      acquireTimeoutMs: 5_000,
      idleTimeoutMs: 60_000,
      maxLifetimeMs: 600_000,
      connect: async () => {
        attempts++
        const client = new pg.Client({
          connectionString: url.toString(),
          database: 'no_such_database_for_pool_test',
        })
        await client.connect()
        return client
      },
    })
    pools.push(pool)
    const errors: unknown[] = []
    pool.on('error', (e) => errors.push(e))
    await expect(pool.acquire()).rejects.toThrow()
    expect(attempts).toBe(1)
    expect(errors).toHaveLength(1)
    expect(pool.stats()).toMatchObject({ size: 0, pending: 0, waiting: 0 })
    await pool.close()
  })

  it('keeps working when an event listener throws', async () => {
    const { pool } = createPool({ max: 1 })
    const reported: unknown[] = []
    pool.on('acquire', () => {
      throw new Error('listener bug')
    })
    pool.on('error', (e) => reported.push(e))
    const c = await pool.acquire()
    await c.query('select 1')
    pool.release(c)
    const again = await pool.acquire()
    expect(again).toBe(c)
    pool.release(again)
    expect(reported).toHaveLength(2)
    await pool.close()
  })

  it('ignores a second release of the same connection', async () => {
    const { pool } = createPool({ max: 1 })
    const c = await pool.acquire()
    pool.release(c)
    pool.release(c)
    expect(pool.stats()).toMatchObject({ size: 1, idle: 1, inUse: 0 })
    await pool.close()
  })

  it('rejects impossible options', () => {
    expect(
      () =>
        new RedshiftPool({
          min: 3,
          max: 2,
          acquireTimeoutMs: 1,
          idleTimeoutMs: 1,
          maxLifetimeMs: 1,
          connect: connectTo(db.url, 'x'),
        }),
    ).toThrow(/min must not exceed max/)
  })
})
