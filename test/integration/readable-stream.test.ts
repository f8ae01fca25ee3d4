import { Writable } from 'node:stream'
import { pipeline } from 'node:stream/promises'

import { sql, type Kysely } from 'kysely'
import type pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { RedshiftDriver } from '../../src/dialect/redshift-driver.js'
import { DataError } from '../../src/errors/index.js'
import { toReadable } from '../../src/stream/index.js'
import {
  createTestDatabase,
  type TestDatabase,
} from '../setup/test-database.js'
import { createKysely } from './driver-helpers.js'
import { emulatorUrl } from './local-test-helpers.js'
import { eventually, uniqueAppName } from './pool-helpers.js'

interface Row {
  n: number
}

// Both ways of reading: Kysely's row stream, and whole chunks from the
// instance's executor (`db` given, as the client's db.toReadable does).
describe.each([
  ['PostgreSQL', 'rows', (tdb: TestDatabase) => tdb.url],
  ['PostgreSQL', 'chunks', (tdb: TestDatabase) => tdb.url],
  ['the local emulator', 'rows', (tdb: TestDatabase) => emulatorUrl(tdb.name)],
  [
    'the local emulator',
    'chunks',
    (tdb: TestDatabase) => emulatorUrl(tdb.name),
  ],
] as const)('toReadable on %s, by %s', (_target, mode, urlOf) => {
  let tdb: TestDatabase
  let db: Kysely<any>
  let driver: RedshiftDriver
  // Execute messages (one per cursor read) written by the pool's client.
  let executes = 0

  const series = (n: number, expression = sql`n`) =>
    db
      .selectFrom(
        sql<Row>`(select ${expression}::int as n from generate_series(1, ${n}::int) as g(n))`.as(
          's',
        ),
      )
      .select('n')

  beforeAll(async () => {
    tdb = await createTestDatabase('readable')
    ;({ db, driver } = createKysely({
      url: urlOf(tdb),
      applicationName: uniqueAppName('readable'),
      pool: { max: 1 },
    }))
    driver.pool.on('connect', (connection) =>
      countExecutes(connection.client, () => executes++),
    )
  })

  afterAll(async () => {
    await db?.destroy()
    await tdb?.drop()
  })

  const idle = () => driver.pool.stats()
  const readableOf: typeof toReadable = (query, options = {}) =>
    toReadable(query, mode === 'chunks' ? { ...options, db } : options)

  it('streams 100,000 rows to a slow Writable with bounded read-ahead', async () => {
    const ROWS = 100_000
    const chunkSize = 500
    const highWaterMark = 100
    const writableHighWaterMark = 8
    executes = 0
    let written = 0
    let sum = 0
    let maxAhead = 0
    const slow = new Writable({
      objectMode: true,
      highWaterMark: writableHighWaterMark,
      write(row: Row, _encoding, done) {
        written++
        sum += row.n
        // Rows fetched from the server but not yet written.
        maxAhead = Math.max(maxAhead, executes * chunkSize - written)
        // Slower than the server: a turn of the event loop per row, and a
        // pause every 1,000 rows.
        if (written % 1_000 === 0) setTimeout(done, 1)
        else setImmediate(done)
      },
    })
    await pipeline(readableOf(series(ROWS), { chunkSize, highWaterMark }), slow)
    expect(written).toBe(ROWS)
    expect(sum).toBe((ROWS * (ROWS + 1)) / 2)
    // Never more fetched ahead than one chunk in reading, the Readable's and
    // the Writable's buffers, and the chunk being handed over.
    expect(maxAhead).toBeLessThanOrEqual(
      2 * chunkSize + highWaterMark + writableHighWaterMark,
    )
    expect(executes).toBeGreaterThanOrEqual(ROWS / chunkSize)
    expect(idle()).toMatchObject({ inUse: 0, idle: 1 })
  })

  it('stops fetching while nobody reads', async () => {
    executes = 0
    const readable = readableOf(series(1_000_000), {
      chunkSize: 100,
      highWaterMark: 50,
    })
    const first: Row[] = []
    for await (const row of readable) {
      first.push(row as Row)
      if (first.length === 10) break
    }
    expect(first.map((r) => r.n)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
    // `break` destroyed it; once closed, the portal is closed and the
    // connection back.
    if (!readable.closed) {
      await new Promise((resolve) => readable.once('close', resolve))
    }
    expect(executes).toBeLessThanOrEqual(2)
    expect(idle()).toMatchObject({ inUse: 0, idle: 1 })
  })

  it('gives the connection back when destroyed early, and the portal is closed', async () => {
    const readable = readableOf(series(1_000_000), { chunkSize: 1_000 })
    const got: Row[] = []
    await new Promise<void>((resolve) => {
      readable.on('data', (row: Row) => {
        got.push(row)
        if (got.length === 2_500) {
          readable.destroy()
          resolve()
        }
      })
    })
    await new Promise((resolve) => readable.once('close', resolve))
    expect(got).toHaveLength(2_500)
    expect(idle()).toMatchObject({ inUse: 0, idle: 1 })
    const { rows } = await sql<{
      n: number
    }>`select count(*)::int as n from pg_cursors`.execute(db)
    expect(rows[0]!.n).toBe(0)
  })

  it('takes no connection until it is read', async () => {
    const readable = readableOf(series(10))
    await new Promise((resolve) => setImmediate(resolve))
    expect(idle()).toMatchObject({ inUse: 0 })
    readable.destroy()
    await new Promise((resolve) => readable.once('close', resolve))
    expect(idle()).toMatchObject({ inUse: 0 })
  })

  it('propagates a query error through pipeline(), then the connection is usable', async () => {
    // Division by zero at row 5,000: after the first chunks were delivered.
    let written = 0
    const error = await pipeline(
      readableOf(series(10_000, sql`1000 / (n - 5000)`), { chunkSize: 1_000 }),
      new Writable({
        objectMode: true,
        write(_row, _encoding, done) {
          written++
          done()
        },
      }),
    ).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(DataError)
    expect(error).toMatchObject({ code: '22012' })
    expect(written).toBeGreaterThanOrEqual(4_000)
    expect(written).toBeLessThan(5_000)
    await eventually(() => driver.pool.stats().inUse === 0)
    expect(
      (await sql<{ one: number }>`select 1 as one`.execute(db)).rows,
    ).toEqual([{ one: 1 }])
  })

  it('closes the cursor when the consumer fails', async () => {
    const error = await pipeline(
      readableOf(series(1_000_000), { chunkSize: 1_000 }),
      new Writable({
        objectMode: true,
        write(row: Row, _encoding, done) {
          done(row.n === 1_500 ? new Error('disk full') : null)
        },
      }),
    ).catch((e: unknown) => e)
    expect(error).toMatchObject({ message: 'disk full' })
    await eventually(() => driver.pool.stats().inUse === 0)
    expect(idle()).toMatchObject({ inUse: 0, idle: 1 })
  })

  it('stops on abort', async () => {
    const controller = new AbortController()
    const readable = readableOf(series(1_000_000), {
      chunkSize: 1_000,
      signal: controller.signal,
    })
    let count = 0
    const error = await (async () => {
      for await (const _row of readable) {
        if (++count === 100) controller.abort()
      }
    })().catch((e: unknown) => e)
    expect(error).toMatchObject({ name: 'AbortError' })
    await eventually(() => driver.pool.stats().inUse === 0)
  })

  it('refuses bad options', () => {
    expect(() => readableOf(series(1), { chunkSize: 0 })).toThrow(
      /chunkSize must be a positive integer/,
    )
    expect(() => readableOf(series(1), { highWaterMark: 1.5 })).toThrow(
      /highWaterMark must be a positive integer/,
    )
  })
})

/** Calls `onExecute` for every Execute message the client writes. */
function countExecutes(client: pg.Client, onExecute: () => void): void {
  const stream = client.connection.stream
  const write = stream.write.bind(stream) as (...args: unknown[]) => boolean
  stream.write = ((chunk: unknown, ...rest: unknown[]) => {
    if (Buffer.isBuffer(chunk)) {
      for (let offset = 0; offset + 5 <= chunk.length;) {
        if (chunk[offset] === 0x45 /* E */) onExecute()
        offset += 1 + chunk.readInt32BE(offset + 1)
      }
    }
    return write(chunk, ...rest)
  }) as typeof stream.write
}
