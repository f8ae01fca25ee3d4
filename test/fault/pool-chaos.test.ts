import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { RedshiftPool, type PooledConnection } from '../../src/pool/index.js'
import {
  connectTo,
  eventually,
  serverBackends,
  uniqueAppName,
} from '../integration/pool-helpers.js'
import {
  createTestDatabase,
  type TestDatabase,
} from '../setup/test-database.js'

/** A small seeded generator (mulberry32), so a failing run can be replayed. */
function random(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

type Action =
  | 'ok'
  | 'session'
  | 'sql-error'
  | 'open-transaction'
  | 'failed-transaction'
  | 'kill-held'
  | 'kill-any'

const ACTIONS: ReadonlyArray<readonly [Action, number]> = [
  ['ok', 0.45],
  ['session', 0.15],
  ['sql-error', 0.1],
  ['open-transaction', 0.1],
  ['failed-transaction', 0.1],
  ['kill-held', 0.05],
  ['kill-any', 0.05],
]

function pick(r: number): Action {
  let sum = 0
  for (const [action, weight] of ACTIONS) {
    sum += weight
    if (r < sum) return action
  }
  return 'ok'
}

describe('RedshiftPool under random failures', () => {
  let db: TestDatabase
  // A pg.Pool of its own, so the workers' kills do not queue on one client.
  let admin: pg.Pool

  beforeAll(async () => {
    db = await createTestDatabase('pool_chaos')
    admin = new pg.Pool({ connectionString: db.url, max: 3 })
  })

  afterAll(async () => {
    await admin.end()
    await db.drop()
  })

  it('1,000 cycles leave no leaked or extra connection', async () => {
    const seed = Number(process.env['CHAOS_SEED'] ?? 20_261_126)
    const next = random(seed)
    const app = uniqueAppName('chaos')
    const pool = new RedshiftPool({
      min: 2,
      max: 5,
      acquireTimeoutMs: 20_000,
      idleTimeoutMs: 60_000,
      maxLifetimeMs: 600_000,
      evictionIntervalMs: 20,
      connect: connectTo(db.url, app),
    })
    let connects = 0
    let destroys = 0
    const reasons = new Map<string, number>()
    pool.on('connect', () => connects++)
    pool.on('destroy', (_c, reason) => {
      destroys++
      reasons.set(reason, (reasons.get(reason) ?? 0) + 1)
    })
    pool.on('error', () => {})
    await pool.start()

    const seen = new Map<Action, number>()
    const handedOutBroken: number[] = []
    let cycles = 0
    const TOTAL = 1_000

    const kill = (pid: number) =>
      admin.query('select pg_terminate_backend($1)', [pid])

    async function cycle(action: Action, c: PooledConnection): Promise<void> {
      switch (action) {
        case 'ok':
          await c.query('select $1::int as n', [cycles])
          return
        case 'session':
          await c.ensureSession({
            statementTimeoutMs: next() < 0.5 ? 10_000 : null,
            searchPath: next() < 0.5 ? ['public'] : null,
          })
          await c.query('select 1')
          return
        case 'sql-error':
          await c.query('select 1/0')
          return
        case 'open-transaction':
          await c.query('begin')
          await c.query('select 1')
          return // released with the transaction open
        case 'failed-transaction':
          await c.query('begin')
          await c.query('select * from no_such_table')
          return
        case 'kill-held':
          await kill(c.backendPid)
          await c.query('select 1')
          return
        case 'kill-any': {
          // Whichever backend of the pool is idle on the server right now:
          // maybe one in the pool's idle list, maybe one a worker holds.
          await admin.query(
            `select pg_terminate_backend(pid) from pg_stat_activity
             where application_name = $1 and state = 'idle' and pid <> pg_backend_pid()
             limit 1`,
            [app],
          )
          await c.query('select 1')
          return
        }
      }
    }

    async function worker(): Promise<void> {
      while (cycles < TOTAL) {
        cycles++
        const action = pick(next())
        seen.set(action, (seen.get(action) ?? 0) + 1)
        const c = await pool.acquire()
        if (c.broken || c.transactionStatus !== 'idle') {
          handedOutBroken.push(c.id)
        }
        try {
          await cycle(action, c)
        } catch {
          // Expected for every failure action; what matters is what the
          // pool does with the connection afterwards.
        } finally {
          pool.release(c)
        }
      }
    }

    await Promise.all(Array.from({ length: 8 }, worker))

    expect(cycles).toBeGreaterThanOrEqual(TOTAL)
    for (const [action] of ACTIONS) {
      expect(seen.get(action) ?? 0).toBeGreaterThan(0)
    }
    expect(handedOutBroken).toEqual([])
    // Every failure kind really cost connections.
    expect(reasons.get('transaction') ?? 0).toBeGreaterThan(100)
    expect(reasons.get('broken') ?? 0).toBeGreaterThan(20)

    await eventually(() => {
      const s = pool.stats()
      return s.pending === 0 && s.inUse === 0 && s.waiting === 0
    })
    // Settle: no opening in flight, every destroy finished.
    await eventually(() => connects - destroys === pool.stats().size)
    const stats = pool.stats()
    expect(stats.size).toBeGreaterThanOrEqual(2)
    expect(stats.size).toBeLessThanOrEqual(5)
    await eventually(
      async () => (await serverBackends(admin, db.name, app)) === stats.size,
    )

    // Every connection left in the pool is healthy and outside a transaction.
    const all = await Promise.all(
      Array.from({ length: stats.size }, () => pool.acquire()),
    )
    expect(pool.stats().size).toBe(stats.size)
    for (const c of all) {
      const { rows } = await c.query<{ pid: number }>(
        'select pg_backend_pid() as pid',
      )
      expect(rows[0]!.pid).toBe(c.backendPid)
      expect(c.transactionStatus).toBe('idle')
    }
    for (const c of all) pool.release(c)

    await pool.close()
    await eventually(
      async () => (await serverBackends(admin, db.name, app)) === 0,
    )
  })
})
