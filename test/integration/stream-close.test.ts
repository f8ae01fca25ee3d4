import { sql, type Kysely } from 'kysely'
import type pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { createRedshift } from '../../src/client.js'
import type { RedshiftDriver } from '../../src/dialect/redshift-driver.js'
import { PoolClosedError } from '../../src/errors/index.js'
import { openTestDatabase, type TestDatabase } from '../setup/test-database.js'
import { createKysely } from './driver-helpers.js'
import { eventually, serverBackends, uniqueAppName } from './pool-helpers.js'

const ROWS = 100_000

const series = (n: number) =>
  sql<{
    n: number
  }>`(select n::int as n from generate_series(1, ${n}::int) as g(n))`

/**
 * The promise's outcome, or 'pending' once `ms` have passed: a hang becomes
 * a failed expectation instead of a test timeout.
 */
async function settleWithin<T>(
  promise: Promise<T>,
  ms: number,
): Promise<
  | { readonly status: 'fulfilled'; readonly value: T }
  | { readonly status: 'rejected'; readonly reason: unknown }
  | { readonly status: 'pending' }
> {
  let timer: NodeJS.Timeout | undefined
  const late = new Promise<{ readonly status: 'pending' }>((resolve) => {
    timer = setTimeout(() => resolve({ status: 'pending' }), ms)
  })
  try {
    return await Promise.race([
      promise.then(
        (value) => ({ status: 'fulfilled' as const, value }),
        (reason: unknown) => ({ status: 'rejected' as const, reason }),
      ),
      late,
    ])
  } finally {
    clearTimeout(timer)
  }
}

// Generous against the 30 s default acquire timeout that close() used to
// wait out: the point is "promptly", not a precise figure.
const PROMPTLY_MS = 5_000

describe('closing with a stream still open', () => {
  let tdb: TestDatabase
  let admin: pg.Client
  let close: () => Promise<void>

  beforeAll(async () => {
    ;({
      db: tdb,
      client: admin,
      close,
    } = await openTestDatabase('stream_close'))
  })

  afterAll(async () => {
    await close()
  })

  /** The backends of one application_name still running a statement. */
  async function runningPortals(applicationName: string): Promise<number> {
    const { rows } = await admin.query<{ n: number }>(
      `select count(*)::int as n from pg_stat_activity
        where datname = $1 and application_name = $2 and query like '%generate_series%'`,
      [tdb.name, applicationName],
    )
    return rows[0]!.n
  }

  function open(applicationName: string): {
    db: Kysely<any>
    driver: RedshiftDriver
  } {
    // The default acquire timeout (30 s) on purpose: close() must not wait it out.
    return createKysely({ url: tdb.url, applicationName, pool: { max: 1 } })
  }

  it('close() ends an unfinished stream promptly and return() settles', async () => {
    const applicationName = uniqueAppName('stream_close')
    const db = createRedshift({
      url: tdb.url,
      tls: 'disable',
      applicationName,
      pool: { max: 1 },
    })
    expect(db.config.pool.acquireTimeoutMs).toBe(30_000)
    const iterator = db
      .selectFrom(series(ROWS).as('s'))
      .selectAll()
      .stream(2)
      [Symbol.asyncIterator]()
    expect((await iterator.next()).done).toBe(false)
    expect(await runningPortals(applicationName)).toBe(1)

    const started = performance.now()
    const closing = await settleWithin(db.close(), PROMPTLY_MS)
    const elapsed = performance.now() - started
    expect(closing.status).toBe('fulfilled')
    expect(elapsed).toBeLessThan(PROMPTLY_MS)

    expect(await settleWithin(iterator.return!(), PROMPTLY_MS)).toEqual({
      status: 'fulfilled',
      value: { done: true, value: undefined },
    })
    // The session that held the portal is gone from the server.
    await eventually(
      async () =>
        (await serverBackends(admin, tdb.name, applicationName)) === 0,
    )
  })

  it('a next() after close() rejects with PoolClosedError, and the connection is not reused', async () => {
    const applicationName = uniqueAppName('stream_close')
    const { db, driver } = open(applicationName)
    const destroyed: string[] = []
    driver.pool.on('destroy', (_connection, reason) => destroyed.push(reason))
    const iterator = db
      .selectFrom(series(ROWS).as('s'))
      .selectAll()
      .stream(2)
      [Symbol.asyncIterator]()
    expect((await iterator.next()).done).toBe(false)

    expect((await settleWithin(db.destroy(), PROMPTLY_MS)).status).toBe(
      'fulfilled',
    )
    // Kysely hands out the rest of the chunk it already has (2 rows a chunk).
    expect(await settleWithin(iterator.next(), PROMPTLY_MS)).toMatchObject({
      status: 'fulfilled',
      value: { done: false, value: { n: 2 } },
    })
    const next = await settleWithin(iterator.next(), PROMPTLY_MS)
    expect(next.status).toBe('rejected')
    expect((next as { reason: unknown }).reason).toBeInstanceOf(PoolClosedError)
    // The generator is finished: a return() now settles at once.
    expect(await settleWithin(iterator.return!(), PROMPTLY_MS)).toMatchObject({
      status: 'fulfilled',
      value: { done: true },
    })
    // Destroyed by the close, never put back as idle.
    expect(destroyed).toEqual(['closed'])
    expect(driver.pool.stats()).toMatchObject({ size: 0, idle: 0, inUse: 0 })
    await eventually(async () => (await runningPortals(applicationName)) === 0)
    await eventually(
      async () =>
        (await serverBackends(admin, tdb.name, applicationName)) === 0,
    )
  })

  it('a next() pending when close() starts gets its chunk, and the stream ends after it', async () => {
    const applicationName = uniqueAppName('stream_close')
    const { db } = open(applicationName)
    const iterator = db
      .selectFrom(
        sql<{
          n: number
        }>`(select n::int as n from generate_series(1, ${ROWS}::int) as g(n), pg_sleep(0.3))`.as(
          's',
        ),
      )
      .selectAll()
      .stream(2)
      [Symbol.asyncIterator]()
    const pending = iterator.next()
    // The statement is running on the server before close() begins.
    await eventually(async () => (await runningPortals(applicationName)) === 1)

    const started = performance.now()
    const [first, closing] = await Promise.all([
      settleWithin(pending, PROMPTLY_MS),
      settleWithin(db.destroy(), PROMPTLY_MS),
    ])
    expect(performance.now() - started).toBeLessThan(PROMPTLY_MS)
    expect(closing.status).toBe('fulfilled')
    expect(first).toMatchObject({
      status: 'fulfilled',
      value: { done: false, value: { n: 1 } },
    })
    // The rest of the chunk was read; the next read would need the closed pool.
    expect(await settleWithin(iterator.next(), PROMPTLY_MS)).toMatchObject({
      status: 'fulfilled',
      value: { done: false, value: { n: 2 } },
    })
    const after = await settleWithin(iterator.next(), PROMPTLY_MS)
    expect(after.status).toBe('rejected')
    expect((after as { reason: unknown }).reason).toBeInstanceOf(
      PoolClosedError,
    )
    await eventually(
      async () =>
        (await serverBackends(admin, tdb.name, applicationName)) === 0,
    )
  })

  it('a statement still running at the drain deadline fails with PoolClosedError, not a socket error', async () => {
    const applicationName = uniqueAppName('stream_close')
    const { db } = createKysely({
      url: tdb.url,
      applicationName,
      pool: { max: 2, acquireTimeoutMs: 200 },
    })
    // Outcomes are collected from the start, so no rejection goes unheard.
    const slow = settleWithin(
      sql`select pg_sleep(3), 'generate_series'`.execute(db),
      PROMPTLY_MS,
    )
    const pending = settleWithin(
      db
        .selectFrom(
          sql<{
            n: number
          }>`(select n::int as n from generate_series(1, 10::int) as g(n), pg_sleep(3))`.as(
            's',
          ),
        )
        .selectAll()
        .stream(2)
        [Symbol.asyncIterator]()
        .next(),
      PROMPTLY_MS,
    )
    await eventually(async () => (await runningPortals(applicationName)) === 2)

    expect((await settleWithin(db.destroy(), PROMPTLY_MS)).status).toBe(
      'fulfilled',
    )
    for (const outcome of await Promise.all([slow, pending])) {
      expect(outcome.status).toBe('rejected')
      expect((outcome as { reason: unknown }).reason).toBeInstanceOf(
        PoolClosedError,
      )
    }
    // A backend inside pg_sleep only notices its client left when the sleep
    // ends; that is the server's business, not the pool's.
    await admin.query(
      'select pg_terminate_backend(pid) from pg_stat_activity where application_name = $1',
      [applicationName],
    )
  })
})
