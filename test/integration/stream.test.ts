import { sql, type Kysely } from 'kysely'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { DataError, StatementTimeoutError } from '../../src/errors/index.js'
import { withQuerySettings } from '../../src/dialect/query-settings-plugin.js'
import type { RedshiftConnection } from '../../src/dialect/redshift-connection.js'
import type { RedshiftDriver } from '../../src/dialect/redshift-driver.js'
import { openTestDatabase, type TestDatabase } from '../setup/test-database.js'
import { createKysely } from './driver-helpers.js'
import { countRoundTrips, uniqueAppName } from './pool-helpers.js'

describe('streaming through the driver', () => {
  let tdb: TestDatabase
  let admin: pg.Client
  let close: () => Promise<void>
  let db: Kysely<any>
  let driver: RedshiftDriver
  let pid: number

  const ROWS = 100_000
  const series = (n: number) =>
    sql<{
      n: number
    }>`(select n::int as n from generate_series(1, ${n}::int) as g(n))`

  beforeAll(async () => {
    ;({ db: tdb, client: admin, close } = await openTestDatabase('stream'))
    ;({ db, driver } = createKysely({
      url: tdb.url,
      applicationName: uniqueAppName('stream'),
      pool: { max: 1 },
      fetchSize: 1_000,
    }))
    pid = (
      await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(db)
    ).rows[0]!.pid
  })

  afterAll(async () => {
    await db.destroy()
    await close()
  })

  /** What the server says about the pool's one backend. */
  async function backendState(): Promise<{
    state: string
    xact_start: Date | null
  }> {
    const { rows } = await admin.query(
      'select state, xact_start from pg_stat_activity where pid = $1',
      [pid],
    )
    return rows[0]
  }

  /** Portals open in the pool's session, asked on that same session. */
  async function openPortals(): Promise<number> {
    const { rows } = await sql<{
      n: number
    }>`select count(*)::int as n from pg_cursors`.execute(db)
    return rows[0]!.n
  }

  it(`streams ${ROWS} rows through Kysely`, async () => {
    let count = 0
    let sum = 0
    for await (const row of db
      .selectFrom(series(ROWS).as('s'))
      .selectAll()
      .stream(1_000)) {
      count++
      sum += row.n
    }
    expect(count).toBe(ROWS)
    expect(sum).toBe((ROWS * (ROWS + 1)) / 2)
    expect(driver.pool.stats()).toMatchObject({ size: 1, inUse: 0 })
  })

  it('reads chunks of the asked size (the fetch size by default), never below 2 rows', async () => {
    const chunks: number[] = []
    const connection = (await driver.acquireConnection()) as RedshiftConnection
    try {
      for await (const chunk of connection.streamQuery<{ n: number }>(
        series(7).compile(db),
        1,
      )) {
        chunks.push(chunk.rows.length)
      }
      for await (const chunk of connection.streamQuery<{ n: number }>(
        series(2_500).compile(db),
      )) {
        chunks.push(chunk.rows.length)
      }
    } finally {
      await driver.releaseConnection(connection)
    }
    expect(chunks).toEqual([2, 2, 2, 1, 1_000, 1_000, 500])
  })

  it('keeps the connection pinned and its portal open while streaming', async () => {
    const stream = db.selectFrom(series(ROWS).as('s')).selectAll().stream(500)
    const iterator = stream[Symbol.asyncIterator]()
    try {
      const first = await iterator.next()
      expect(first.done).toBe(false)
      expect(driver.pool.stats()).toMatchObject({ inUse: 1, idle: 0 })
      // The suspended portal holds a transaction open on the server.
      const during = await backendState()
      expect(['active', 'idle in transaction']).toContain(during.state)
      expect(during.xact_start).not.toBeNull()
    } finally {
      await iterator.return?.()
    }
    expect(driver.pool.stats()).toMatchObject({ inUse: 0, idle: 1 })
    expect(await backendState()).toMatchObject({
      state: 'idle',
      xact_start: null,
    })
    expect(await openPortals()).toBe(0)
  })

  it('closes the portal and ends the implicit transaction after an early break', async () => {
    let seen = 0
    for await (const row of db
      .selectFrom(series(ROWS).as('s'))
      .selectAll()
      .stream(1_000)) {
      seen += row.n > 0 ? 1 : 0
      if (seen === 1_500) break
    }
    expect(seen).toBe(1_500)
    expect(await backendState()).toMatchObject({
      state: 'idle',
      xact_start: null,
    })
    expect(await openPortals()).toBe(0)
    expect(driver.pool.stats()).toMatchObject({ size: 1, inUse: 0 })
  })

  it('maps an error in the middle of a stream and leaves the session clean', async () => {
    let seen = 0
    const error = await (async () => {
      for await (const _ of db
        .selectFrom(
          sql<{
            r: number
          }>`(select 1 / (n - 50000) as r from generate_series(1, ${ROWS}::int) as g(n))`.as(
            's',
          ),
        )
        .selectAll()
        .stream(1_000)) {
        seen++
      }
    })().catch((e: unknown) => e)
    expect(error).toBeInstanceOf(DataError)
    expect(error).toMatchObject({ code: '22012' })
    expect(seen).toBeGreaterThanOrEqual(49_000)
    expect(seen).toBeLessThan(50_000)
    expect(await backendState()).toMatchObject({ state: 'idle' })
    expect(await openPortals()).toBe(0)
    expect(driver.pool.stats()).toMatchObject({ size: 1, inUse: 0 })
  })

  it('stops on an AbortSignal, closing the portal', async () => {
    const controller = new AbortController()
    const connection = (await driver.acquireConnection()) as RedshiftConnection
    const trips = countRoundTrips(connection.pooled.client)
    let chunks = 0
    const error = await (async () => {
      for await (const _ of connection.streamQuery(
        series(ROWS).compile(db),
        100,
        { signal: controller.signal },
      )) {
        chunks++
        if (chunks === 3) controller.abort(new Error('enough'))
      }
    })().catch((e: unknown) => e)
    await driver.releaseConnection(connection)
    expect((error as Error).message).toBe('enough')
    expect(chunks).toBe(3)
    // The portal close ended the one extended-protocol request with Sync.
    expect(trips.count()).toBe(1)
    expect(await backendState()).toMatchObject({
      state: 'idle',
      xact_start: null,
    })
    expect(await openPortals()).toBe(0)
  })

  it('applies per-query settings to a stream', async () => {
    const strict = withQuerySettings(db, { statementTimeoutMs: 50 })
    const error = await (async () => {
      for await (const _ of strict
        .selectFrom(
          sql<{ x: number }>`(select 1 as x from pg_sleep(1))`.as('s'),
        )
        .selectAll()
        .stream(10)) {
        // no rows expected
      }
    })().catch((e: unknown) => e)
    expect(error).toBeInstanceOf(StatementTimeoutError)
    expect(await openPortals()).toBe(0)
  })
})
