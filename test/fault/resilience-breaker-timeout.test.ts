import { CompiledQuery, sql, type Kysely } from 'kysely'
import type pg from 'pg'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'

import { createRedshift } from '../../src/client.js'
import { withQuerySettings } from '../../src/dialect/query-settings-plugin.js'
import {
  CircuitBreakerOpenError,
  ConnectionLostError,
  QueryTimeoutError,
  ResourceError,
  SerializationFailureError,
  StatementTimeoutError,
} from '../../src/errors/index.js'
import type { LocalRedshift } from '../../src/local/index.js'
import { idempotent } from '../../src/resilience/idempotent.js'
import {
  connect,
  eventually,
  startOwnEmulator,
} from '../integration/local-test-helpers.js'

interface DB {
  t: { id: number; note: string }
  locked: { id: number }
}

type Client = Kysely<DB> & { close(): Promise<void> }

describe('circuit breaker, timeouts, and every policy switched off', () => {
  let local: LocalRedshift
  let admin: pg.Client
  let stop: () => Promise<void>
  const clients: Client[] = []

  beforeAll(async () => {
    ;({ local, stop } = await startOwnEmulator('resilience_breaker'))
    admin = await connect(local.url)
    await admin.query('create table t (id int, note varchar(40))')
    await admin.query('create table locked (id int)')
  })
  afterEach(async () => {
    local.faults.reset()
    await Promise.all(clients.splice(0).map((c) => c.close()))
  })
  afterAll(async () => {
    await admin?.end()
    await stop()
  })

  function client(config: Record<string, unknown> = {}): Client {
    const created = createRedshift<DB>({
      url: local.url,
      retry: { maxAttempts: 3, initialDelayMs: 5, maxDelayMs: 20 },
      ...config,
    }) as Client
    clients.push(created)
    return created
  }

  async function failure(promise: Promise<unknown>): Promise<unknown> {
    try {
      await promise
    } catch (error) {
      return error
    }
    throw new Error('expected a failure')
  }

  /** Holds an exclusive lock on `locked` until the returned function is called. */
  async function lockTable(): Promise<() => Promise<void>> {
    const blocker = await connect(local.url)
    await blocker.query('begin')
    await blocker.query('lock table locked')
    return async () => {
      await blocker.query('rollback')
      await blocker.end()
    }
  }

  async function running(text: string): Promise<number> {
    const { rows } = await admin.query(
      "select count(*)::int as n from stv_recents where trim(status) = 'Running' and strpos(query, $1) > 0",
      [text],
    )
    return rows[0].n
  }

  describe('circuit breaker', () => {
    it('opens while the emulator refuses connections, fails fast without connecting, and closes once it is back', async () => {
      const db = client({
        retry: { enabled: false },
        circuitBreaker: { failureThreshold: 3, halfOpenAfterMs: 400 },
      })
      local.faults.refuseConnections({ forMs: 60_000 })
      for (let i = 0; i < 3; i++) {
        const error = await failure(sql`select 1`.execute(db))
        expect(error).toBeInstanceOf(ResourceError)
      }
      const before = local.faults.counters.connectionAttempts
      const started = performance.now()
      const open = await failure(sql`select 1`.execute(db))
      const tookMs = performance.now() - started
      expect(open).toBeInstanceOf(CircuitBreakerOpenError)
      const breakerError = open as CircuitBreakerOpenError
      expect(breakerError.endpoint).toBe(
        `${new URL(local.url).hostname}:${new URL(local.url).port}`,
      )
      expect(breakerError.halfOpensAt.getTime()).toBeGreaterThan(Date.now())
      expect(breakerError.message).toContain(breakerError.endpoint)
      expect(breakerError.isRetryable).toBe(false)
      // Fail fast: no connection was attempted, and no time spent trying.
      expect(local.faults.counters.connectionAttempts).toBe(before)
      expect(tookMs).toBeLessThan(250)

      // Back, and past halfOpenAfterMs: one trial connects and closes it.
      local.faults.reset()
      await new Promise((resolve) => setTimeout(resolve, 450))
      const { rows } = await sql<{ ok: number }>`select 1 as ok`.execute(db)
      expect(rows).toEqual([{ ok: 1 }])
      expect(local.faults.counters.connectionAttempts).toBe(before + 1)
      await sql`select 2`.execute(db)
    })

    it('a failed trial opens it again', async () => {
      const db = client({
        retry: { enabled: false },
        circuitBreaker: { failureThreshold: 1, halfOpenAfterMs: 200 },
      })
      local.faults.refuseConnections({ forMs: 60_000 })
      expect(await failure(sql`select 1`.execute(db))).toBeInstanceOf(
        ResourceError,
      )
      expect(await failure(sql`select 1`.execute(db))).toBeInstanceOf(
        CircuitBreakerOpenError,
      )
      await new Promise((resolve) => setTimeout(resolve, 250))
      const before = local.faults.counters.connectionAttempts
      // The trial is refused ...
      expect(await failure(sql`select 1`.execute(db))).toBeInstanceOf(
        ResourceError,
      )
      expect(local.faults.counters.connectionAttempts).toBe(before + 1)
      // ... so it is open again at once.
      expect(await failure(sql`select 1`.execute(db))).toBeInstanceOf(
        CircuitBreakerOpenError,
      )
      expect(local.faults.counters.connectionAttempts).toBe(before + 1)
    })

    it("does not count the caller's SQL errors", async () => {
      const db = client({
        circuitBreaker: { failureThreshold: 1, halfOpenAfterMs: 60_000 },
      })
      for (let i = 0; i < 3; i++) {
        await failure(sql`select * from no_such_table`.execute(db))
      }
      const { rows } = await sql<{ ok: number }>`select 1 as ok`.execute(db)
      expect(rows).toEqual([{ ok: 1 }])
    })

    it('the retries of a read stop at the open breaker', async () => {
      const db = client({
        retry: { maxAttempts: 5, initialDelayMs: 1, maxDelayMs: 2 },
        circuitBreaker: { failureThreshold: 2, halfOpenAfterMs: 60_000 },
      })
      const before = local.faults.counters.connectionAttempts
      local.faults.refuseConnections({ forMs: 60_000 })
      const error = await failure(sql`select 1`.execute(db))
      expect(error).toBeInstanceOf(CircuitBreakerOpenError)
      // Two refused connects opened it; the third attempt never connected.
      expect(local.faults.counters.connectionAttempts - before).toBe(2)
    })
  })

  describe('timeouts', () => {
    it('cancel the statement on the server, which forgets it, and the same session runs the next one', async () => {
      const db = client({ pool: { max: 1 } })
      const pidOf = async () =>
        (await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(db))
          .rows[0]!.pid
      const pid = await pidOf()
      const unlock = await lockTable()
      try {
        const quick = withQuerySettings(db, { timeoutMs: 1_500 })
        const started = performance.now()
        const statement = failure(
          quick
            .selectFrom('locked')
            .select(sql<number>`count(*)`.as('timed_out_read'))
            .execute(),
        )
        // Running on the server while it waits for the lock.
        await eventually(async () => (await running('timed_out_read')) === 1)
        const error = await statement
        expect(performance.now() - started).toBeGreaterThanOrEqual(1_500)
        expect(performance.now() - started).toBeLessThan(4_000)
        expect(error).toBeInstanceOf(QueryTimeoutError)
        expect(error).toBeInstanceOf(StatementTimeoutError)
        const timeout = error as QueryTimeoutError
        expect(timeout.timeoutMs).toBe(1_500)
        expect(timeout.cancelled).toBe(true)
        expect(timeout.code).toBe('57014')
        expect(timeout.sql).toContain('timed_out_read')
        // Gone from the server while the connection lives on.
        expect(await running('timed_out_read')).toBe(0)
      } finally {
        await unlock()
      }
      expect(await pidOf()).toBe(pid)
    })

    it('the config default applies to every statement; a query setting overrides it', async () => {
      const db = client({ queryTimeoutMs: 250 })
      const unlock = await lockTable()
      try {
        const error = await failure(
          db.selectFrom('locked').selectAll().execute(),
        )
        expect(error).toBeInstanceOf(QueryTimeoutError)
        expect((error as QueryTimeoutError).timeoutMs).toBe(250)
        const patient = withQuerySettings(db, { timeoutMs: null })
        const waiting = patient.selectFrom('locked').selectAll().execute()
        await new Promise((resolve) => setTimeout(resolve, 500))
        await unlock()
        await expect(waiting).resolves.toEqual([])
      } finally {
        await unlock().catch(() => {})
      }
    })

    it('a statement the server does not stop in time loses its connection instead', async () => {
      const db = client({ pool: { max: 1 }, cancelTimeoutMs: 200 })
      const first = (
        await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(db)
      ).rows[0]!.pid
      // A stall in the emulator, before PostgreSQL: a cancel cannot reach it.
      local.faults.addLatency({ ms: 3_000, pattern: 'stalled_statement' })
      const started = performance.now()
      const error = await failure(
        withQuerySettings(db, { timeoutMs: 200 })
          .selectFrom('t')
          .select(sql<number>`count(*)`.as('stalled_statement'))
          .execute(),
      )
      expect(performance.now() - started).toBeLessThan(1_500)
      expect(error).toBeInstanceOf(QueryTimeoutError)
      expect((error as QueryTimeoutError).cancelled).toBe(false)
      expect((error as Error).message).toMatch(/connection was closed/)
      local.faults.reset()
      const next = (
        await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(db)
      ).rows[0]!.pid
      expect(next).not.toBe(first)
    })

    it('a stream: each chunk must come within the limit, and the connection stays', async () => {
      const db = client({ pool: { max: 1 } })
      const unlock = await lockTable()
      try {
        const rows = withQuerySettings(db, { timeoutMs: 300 })
          .selectFrom('locked')
          .selectAll()
          .stream(10)
        const error = await failure(
          (async () => {
            for await (const row of rows) void row
          })(),
        )
        expect(error).toBeInstanceOf(QueryTimeoutError)
        expect((error as QueryTimeoutError).cancelled).toBe(true)
      } finally {
        await unlock()
      }
      const { rows } = await sql<{ ok: number }>`select 1 as ok`.execute(db)
      expect(rows).toEqual([{ ok: 1 }])
    })
  })

  describe('every policy switched off behaves as before', () => {
    it('retry.enabled false: nothing runs twice, errors keep their classes', async () => {
      const db = client({ retry: { enabled: false } })
      local.faults.failNext({
        pattern: 'off_read',
        code: 'XX000',
        message: '1023',
      })
      expect(
        await failure(
          db
            .selectFrom('t')
            .select(sql<number>`count(*)`.as('off_read'))
            .execute(),
        ),
      ).toBeInstanceOf(SerializationFailureError)
      local.faults.dropConnection({ pattern: 'off_idempotent' })
      expect(
        await failure(
          db
            .deleteFrom('t')
            .where('note', '=', sql.lit('off_idempotent'))
            .$call(idempotent)
            .execute(),
        ),
      ).toBeInstanceOf(ConnectionLostError)
      const fresh = client({ retry: { enabled: false } })
      const before = local.faults.counters.connectionAttempts
      local.faults.refuseConnections({ count: 1 })
      expect(await failure(sql`select 1`.execute(fresh))).toBeInstanceOf(
        ResourceError,
      )
      expect(local.faults.counters.connectionAttempts - before).toBe(1)
      const { rows } = await admin.query(
        "select count(*)::int as n from stl_query where strpos(querytxt, 'off_') > 0",
      )
      expect(rows[0].n).toBe(2)
    })

    it('no circuitBreaker section: refused connects never fail fast', async () => {
      const db = client({ retry: { enabled: false } })
      local.faults.refuseConnections({ forMs: 60_000 })
      for (let i = 0; i < 8; i++) {
        expect(await failure(sql`select 1`.execute(db))).toBeInstanceOf(
          ResourceError,
        )
      }
    })

    it('no time limit: a slow statement waits as long as it takes', async () => {
      const db = client()
      local.faults.addLatency({ ms: 600, pattern: 'slow_but_fine' })
      const { rows } = await db.executeQuery(
        CompiledQuery.raw('select 1 as slow_but_fine'),
      )
      expect(rows).toEqual([{ slow_but_fine: 1 }])
    })
  })
})
