import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { metrics, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api'
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base'
import { sql } from 'kysely'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'

import { createRedshift, type RedshiftClient } from '../../src/client.js'
import {
  DataError,
  PoolTimeoutError,
  SerializationFailureError,
  TableNotFoundError,
} from '../../src/errors/index.js'
import { startOwnEmulator, type OwnEmulator } from './local-test-helpers.js'
import {
  countOf,
  createTestTelemetry,
  pointWith,
  telemetryStrings,
  type TestTelemetry,
} from './telemetry-helpers.js'

interface DB {
  items: { id: number; name: string | null }
}

const ACCESS_KEY_ID = 'AKIAEXAMPLEKEY0TELEMETRY'
const SECRET_ACCESS_KEY = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYTELEMETRY'
const SESSION_TOKEN = 'FwoGZXIvYXdzEXAMPLETOKENTELEMETRY'

// Spans and metrics of a client on the emulator, through the OpenTelemetry
// SDK's in-memory exporter and a collecting metric reader, passed in the
// config (never registered globally).
describe('telemetry: spans and metrics of real statements', () => {
  let s3Dir: string
  let emulator: OwnEmulator
  let telemetry: TestTelemetry
  let db: RedshiftClient<DB>
  let host: string
  let port: number
  let database: string

  const spansNamed = (name: string) =>
    telemetry.spans().filter((span) => span.name === name)
  const onlySpan = (name: string): ReadableSpan => {
    const spans = spansNamed(name)
    expect(spans.map((span) => span.name)).toEqual([name])
    return spans[0]!
  }
  const connectionAttributes = () => ({
    'db.system.name': 'aws.redshift',
    'db.namespace': database,
    'server.address': host,
    'server.port': port,
  })

  beforeAll(async () => {
    s3Dir = await mkdtemp(join(tmpdir(), 'telemetry-'))
    await mkdir(join(s3Dir, 'bucket', 'in'), { recursive: true })
    await writeFile(
      join(s3Dir, 'bucket', 'in', 'items.txt'),
      '101|one\n102|\\N\n103|three\n',
    )
    emulator = await startOwnEmulator('telemetry', { s3Dir })
    telemetry = createTestTelemetry()
    db = createRedshift<DB>({
      url: emulator.local.url,
      pool: { max: 2 },
      telemetry: {
        tracerProvider: telemetry.tracerProvider,
        meterProvider: telemetry.meterProvider,
      },
    })
    ;({ host, port, database } = db.config)
    await db.schema
      .createTable('items')
      .addColumn('id', 'integer')
      .addColumn('name', 'varchar(40)')
      .execute()
  })

  afterAll(async () => {
    await db?.close()
    await telemetry?.shutdown()
    await emulator?.stop()
    await rm(s3Dir, { recursive: true, force: true })
  })

  beforeEach(async () => {
    emulator.local.faults.reset()
    await db.deleteFrom('items').execute()
    telemetry.exporter.reset()
  })

  it('a typed select: a CLIENT span named by its summary, with every database attribute', async () => {
    await db.insertInto('items').values({ id: 7, name: 'seven' }).execute()
    telemetry.exporter.reset()
    const rows = await db
      .selectFrom('items')
      .select(['id', 'name'])
      .where('id', '=', 7)
      .execute()
    expect(rows).toEqual([{ id: 7, name: 'seven' }])
    const span = onlySpan('SELECT items')
    expect(span.kind).toBe(SpanKind.CLIENT)
    expect(span.status.code).toBe(SpanStatusCode.UNSET)
    expect(span.instrumentationScope).toMatchObject({
      name: 'kysely-redshift',
      version: '0.1.0',
    })
    expect(span.attributes).toEqual({
      ...connectionAttributes(),
      'db.operation.name': 'SELECT',
      'db.collection.name': 'items',
      'db.query.summary': 'SELECT items',
      'db.query.text': 'select "id", "name" from "items" where "id" = $1',
      'db.response.returned_rows': 1,
    })
  })

  it('an insert: its parameters stay out of the text and every attribute', async () => {
    await db
      .insertInto('items')
      .values({ id: 424242, name: 'param-value-never-shown' })
      .execute()
    const span = onlySpan('INSERT items')
    expect(span.attributes).toEqual({
      ...connectionAttributes(),
      'db.operation.name': 'INSERT',
      'db.collection.name': 'items',
      'db.query.summary': 'INSERT items',
      'db.query.text': 'insert into "items" ("id", "name") values ($1, $2)',
    })
    for (const text of telemetryStrings(telemetry.spans())) {
      expect(text).not.toContain('param-value-never-shown')
      expect(text).not.toContain('424242')
    }
  })

  it('raw SQL: literals become ?, the summary comes from the text', async () => {
    await sql
      .raw(
        "select id from items where name = 'literal-value-never-shown' and id > 4141 -- note 'x'",
      )
      .execute(db)
    const span = onlySpan('SELECT items')
    expect(span.attributes).toMatchObject({
      'db.operation.name': 'SELECT',
      'db.collection.name': 'items',
      'db.query.text': 'select id from items where name = ? and id > ?',
    })
    expect(telemetryStrings([span]).join('\n')).not.toMatch(
      /literal-value|4141/,
    )
  })

  it('a failed statement: ERROR status, error.type, the SQLSTATE, and no value in the message', async () => {
    await expect(
      sql.raw('select * from no_such_table_here').execute(db),
    ).rejects.toBeInstanceOf(TableNotFoundError)
    const missing = onlySpan('SELECT no_such_table_here')
    expect(missing.status.code).toBe(SpanStatusCode.ERROR)
    expect(missing.status.message).toMatch(/^TableNotFoundError: relation \?$/)
    expect(missing.attributes).toMatchObject({
      'error.type': 'TableNotFoundError',
      'db.response.status_code': '42P01',
    })

    telemetry.exporter.reset()
    await expect(
      sql`select cast(${'value-in-error-message'} as integer) as n`.execute(db),
    ).rejects.toBeInstanceOf(DataError)
    const cast = onlySpan('SELECT')
    expect(cast.attributes).toMatchObject({
      'error.type': 'DataError',
      'db.response.status_code': '22P02',
    })
    expect(cast.status.message).toBe(
      'DataError: invalid input syntax for integer: ?',
    )
    expect(telemetryStrings([cast]).join('\n')).not.toContain('value-in-error')

    // A Redshift error injected by the emulator: a write is not retried.
    telemetry.exporter.reset()
    emulator.local.faults.failNext({
      pattern: 'insert into "items"',
      code: 'XX000',
      message: '1023',
      detail:
        'Serializable isolation violation on table - 100, transactions forming the cycle are: 1, 2',
    })
    await expect(
      db.insertInto('items').values({ id: 1, name: 'a' }).execute(),
    ).rejects.toBeInstanceOf(SerializationFailureError)
    const conflict = onlySpan('INSERT items')
    expect(conflict.status).toEqual({
      code: SpanStatusCode.ERROR,
      message: 'SerializationFailureError: 1023',
    })
    expect(conflict.attributes).toMatchObject({
      'error.type': 'SerializationFailureError',
      'db.response.status_code': 'XX000',
    })
    const failures = await telemetry.points('db.client.operation.duration')
    expect(
      countOf(
        pointWith(failures, {
          'db.operation.name': 'INSERT',
          'error.type': 'SerializationFailureError',
          'db.response.status_code': 'XX000',
        }),
      ),
    ).toBeGreaterThanOrEqual(1)
  })

  it('a read retried by the driver: one span, each retry an event with its attempt, delay and error', async () => {
    emulator.local.faults.failNext({
      pattern: 'from "items"',
      count: 2,
      code: '53000',
      message: 'insufficient resources',
    })
    const rows = await db.selectFrom('items').selectAll().execute()
    expect(rows).toEqual([])
    const span = onlySpan('SELECT items')
    expect(span.status.code).toBe(SpanStatusCode.UNSET)
    const retries = span.events.filter(
      (event) => event.name === 'db.client.retry',
    )
    expect(retries.map((event) => event.attributes)).toEqual([
      expect.objectContaining({
        'db.client.retry.attempt': 1,
        'error.type': 'ResourceError',
        'db.response.status_code': '53000',
      }),
      expect.objectContaining({
        'db.client.retry.attempt': 2,
        'error.type': 'ResourceError',
        'db.response.status_code': '53000',
      }),
    ])
    for (const retry of retries) {
      expect(retry.attributes!['db.client.retry.delay']).toBeGreaterThan(0)
    }
  })

  it('a stream: one span, its rows counted across chunks', async () => {
    await db
      .insertInto('items')
      .values([1, 2, 3, 4, 5].map((id) => ({ id, name: `n${id}` })))
      .execute()
    telemetry.exporter.reset()
    let seen = 0
    for await (const _row of db
      .selectFrom('items')
      .selectAll()
      .orderBy('id')
      .stream(2)) {
      seen++
    }
    expect(seen).toBe(5)
    // The stream's cursor needs a transaction on Redshift: BEGIN ... COMMIT
    // may surround it; the SELECT is one span.
    const span = onlySpan('SELECT items')
    expect(span.attributes).toMatchObject({
      'db.query.text': 'select * from "items" order by "id"',
      'db.response.returned_rows': 5,
    })
  })

  it('a failed stream: its span carries the typed error the caller gets', async () => {
    emulator.local.faults.failNext({
      pattern: 'from "items"',
      code: '42501',
      message: 'permission denied for relation items',
    })
    const error = await (async () => {
      for await (const _row of db.selectFrom('items').selectAll().stream(2)) {
        // never reached
      }
    })().catch((e: unknown) => e)
    expect((error as Error).name).toBe('PermissionDeniedError')
    const span = onlySpan('SELECT items')
    expect(span.status.code).toBe(SpanStatusCode.ERROR)
    expect(span.attributes).toMatchObject({
      'error.type': 'PermissionDeniedError',
      'db.response.status_code': '42501',
    })
  })

  it('a transaction: BEGIN, its statements and COMMIT, each a span, in order', async () => {
    await db.transaction().execute(async (trx) => {
      await trx.insertInto('items').values({ id: 9, name: 'x' }).execute()
      await trx.selectFrom('items').selectAll().execute()
    })
    expect(telemetry.spans().map((span) => span.name)).toEqual([
      'BEGIN',
      'INSERT items',
      'SELECT items',
      'COMMIT',
    ])
    expect(onlySpan('BEGIN').attributes).toMatchObject({
      'db.operation.name': 'BEGIN',
      'db.query.text': 'begin',
    })
    expect(onlySpan('COMMIT').attributes['db.operation.name']).toBe('COMMIT')
  })

  it('COPY through the emulator: its query id and rows on its own span, no credential anywhere', async () => {
    const before = await telemetry.points('db.client.redshift.rows_loaded')
    const result = await db
      .copyInto('items', ['id', 'name'])
      .from('s3://bucket/in/')
      .accessKey({
        accessKeyId: ACCESS_KEY_ID,
        secretAccessKey: SECRET_ACCESS_KEY,
        sessionToken: SESSION_TOKEN,
      })
      .execute()
    expect(result.rowsLoaded).toBe(3)
    expect(result.queryId).toBeGreaterThan(0)
    const span = onlySpan('COPY items')
    expect(span.attributes).toEqual({
      ...connectionAttributes(),
      'db.operation.name': 'COPY',
      'db.collection.name': 'items',
      'db.query.summary': 'COPY items',
      'db.query.text':
        'COPY "items" ("id", "name") FROM ? ACCESS_KEY_ID ? SECRET_ACCESS_KEY ? SESSION_TOKEN ?',
      'aws.redshift.query_id': result.queryId,
      'aws.redshift.rows_loaded': 3,
    })
    // The span ends when the COPY did, before the read of its id.
    const read = telemetry
      .spans()
      .find((s) => String(s.attributes['db.query.text']).includes('pg_last'))!
    expect(read).toBeDefined()
    expect(hrMs(span.endTime)).toBeLessThanOrEqual(hrMs(read.startTime) + 1)
    for (const text of telemetryStrings(telemetry.spans())) {
      for (const secret of [ACCESS_KEY_ID, SECRET_ACCESS_KEY, SESSION_TOKEN]) {
        expect(text).not.toContain(secret)
      }
    }
    const loaded = await telemetry.points('db.client.redshift.rows_loaded')
    const rowsBefore = Number(
      pointWith(before, { 'db.collection.name': 'items' })?.value ?? 0,
    )
    expect(
      Number(pointWith(loaded, { 'db.collection.name': 'items' })?.value) -
        rowsBefore,
    ).toBe(3)
  })

  it('UNLOAD: one span named UNLOAD, with its query id and the rows written', async () => {
    await db
      .insertInto('items')
      .values([
        { id: 1, name: 'a' },
        { id: 2, name: 'b' },
      ])
      .execute()
    telemetry.exporter.reset()
    const result = await db
      .unload(
        db.selectFrom('items').select(['id', 'name']).where('name', '=', 'b'),
      )
      .to('s3://bucket/out/items_')
      .iamRole('arn:aws:iam::123456789012:role/UnloadRole')
      .parallel(false)
      .execute()
    expect(result.rowsUnloaded).toBe(1)
    const span = onlySpan('UNLOAD')
    expect(span.attributes).toMatchObject({
      'db.operation.name': 'UNLOAD',
      'db.query.text': 'UNLOAD (?) TO ? IAM_ROLE ? PARALLEL OFF',
      'aws.redshift.query_id': result.queryId,
      'aws.redshift.rows_unloaded': 1,
    })
    expect(span.attributes['db.collection.name']).toBeUndefined()
    const unloaded = await telemetry.points('db.client.redshift.rows_unloaded')
    expect(Number(pointWith(unloaded, {})?.value)).toBeGreaterThanOrEqual(1)
  })

  it('metrics: duration per operation, connections idle / used, the wait for a connection', async () => {
    const durations = async (operation: string) =>
      countOf(
        pointWith(await telemetry.points('db.client.operation.duration'), {
          ...connectionAttributes(),
          'db.operation.name': operation,
          'db.collection.name': 'items',
        }),
      )
    const selects = await durations('SELECT')
    const inserts = await durations('INSERT')
    await db.selectFrom('items').selectAll().execute()
    await db.selectFrom('items').selectAll().execute()
    await db.insertInto('items').values({ id: 1, name: null }).execute()
    expect(await durations('SELECT')).toBe(selects + 2)
    expect(await durations('INSERT')).toBe(inserts + 1)
    const histogram = pointWith(
      await telemetry.points('db.client.operation.duration'),
      { 'db.operation.name': 'SELECT', 'db.collection.name': 'items' },
    )!
    expect(histogram.value).toMatchObject({
      buckets: { boundaries: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 10] },
    })

    const poolName = `${host}:${port}/${database}`
    const connections = async () => {
      const points = await telemetry.points('db.client.connection.count')
      const state = (name: string) =>
        pointWith(points, {
          'db.client.connection.pool.name': poolName,
          'db.client.connection.state': name,
        })?.value
      return { idle: state('idle'), used: state('used') }
    }
    expect(await connections()).toMatchObject({ used: 0 })
    const idleBefore = (await connections()).idle as number
    expect(idleBefore).toBeGreaterThanOrEqual(1)
    await db.connection().execute(async (conn) => {
      await sql`select 1`.execute(conn)
      expect(await connections()).toEqual({ idle: idleBefore - 1, used: 1 })
    })
    expect(await connections()).toEqual({ idle: idleBefore, used: 0 })

    const waits = countOf(
      pointWith(await telemetry.points('db.client.connection.wait_time'), {
        'db.client.connection.pool.name': poolName,
      }),
    )
    await db.selectFrom('items').selectAll().execute()
    expect(
      countOf(
        pointWith(await telemetry.points('db.client.connection.wait_time'), {
          'db.client.connection.pool.name': poolName,
        }),
      ),
    ).toBe(waits + 1)
    // The first statement on a connection carries its wait as an event.
    const [select] = spansNamed('SELECT items').slice(-1)
    expect(select!.events.map((event) => event.name)).toEqual([
      'db.client.connection.wait',
    ])
    expect(
      select!.events[0]!.attributes!['db.client.connection.wait_time'],
    ).toBeGreaterThanOrEqual(0)
  })

  it('a pool timeout is counted, and the caller that waits is a pending request', async () => {
    const small = createRedshift<DB>({
      url: emulator.local.url,
      applicationName: 'telemetry_small_pool',
      pool: { max: 1, acquireTimeoutMs: 300 },
      telemetry: {
        tracerProvider: telemetry.tracerProvider,
        meterProvider: telemetry.meterProvider,
      },
    })
    const pool = { 'db.client.connection.pool.name': 'telemetry_small_pool' }
    try {
      await small.connection().execute(async () => {
        const waiting = small.selectFrom('items').selectAll().execute()
        const settled = waiting.catch((error: unknown) => error)
        await new Promise((resolve) => setTimeout(resolve, 50))
        expect(
          pointWith(
            await telemetry.points('db.client.connection.pending_requests'),
            pool,
          )?.value,
        ).toBe(1)
        expect(await settled).toBeInstanceOf(PoolTimeoutError)
      })
      expect(
        pointWith(await telemetry.points('db.client.connection.timeouts'), pool)
          ?.value,
      ).toBe(1)
      expect(
        pointWith(
          await telemetry.points('db.client.connection.pending_requests'),
          pool,
        )?.value,
      ).toBe(0)
    } finally {
      await small.close()
    }
    // A closed pool gives its name back: the next pool of that name gets it
    // (a second live one would be `telemetry_small_pool#2`).
    const again = createRedshift<DB>({
      url: emulator.local.url,
      applicationName: 'telemetry_small_pool',
      pool: { max: 1 },
      telemetry: {
        tracerProvider: telemetry.tracerProvider,
        meterProvider: telemetry.meterProvider,
      },
    })
    const twin = createRedshift<DB>({
      url: emulator.local.url,
      applicationName: 'telemetry_small_pool',
      pool: { max: 1 },
      telemetry: {
        tracerProvider: telemetry.tracerProvider,
        meterProvider: telemetry.meterProvider,
      },
    })
    try {
      await again.selectFrom('items').selectAll().execute()
      await twin.selectFrom('items').selectAll().execute()
      const names = (await telemetry.points('db.client.connection.wait_time'))
        .map((point) => point.attributes['db.client.connection.pool.name'])
        .filter((name) => String(name).startsWith('telemetry_small_pool'))
      expect(names.sort()).toEqual([
        'telemetry_small_pool',
        'telemetry_small_pool#2',
      ])
      expect(
        countOf(
          pointWith(
            await telemetry.points('db.client.connection.wait_time'),
            pool,
          ),
        ),
      ).toBe(3)
    } finally {
      await Promise.all([again.close(), twin.close()])
    }
  })

  it('an SDK registered globally after the client was built is seen by the next statement, and no longer once removed', async () => {
    // No providers in the config: the global ones, as they are at each
    // statement (the pool, and so the observer, exist before the SDK).
    const late = createRedshift<DB>({
      url: emulator.local.url,
      applicationName: 'telemetry_late_sdk',
      pool: { max: 1 },
    })
    const own = createTestTelemetry()
    const selects = async () =>
      countOf(
        pointWith(await own.points('db.client.operation.duration'), {
          'db.operation.name': 'SELECT',
          'db.collection.name': 'items',
        }),
      )
    try {
      await late.selectFrom('items').selectAll().execute()
      expect(trace.setGlobalTracerProvider(own.tracerProvider)).toBe(true)
      expect(metrics.setGlobalMeterProvider(own.meterProvider)).toBe(true)
      await late.selectFrom('items').selectAll().execute()
      expect(own.spans().map((span) => span.name)).toEqual(['SELECT items'])
      expect(await selects()).toBe(1)
      const pooled = { 'db.client.connection.pool.name': 'telemetry_late_sdk' }
      expect(
        countOf(
          pointWith(await own.points('db.client.connection.wait_time'), pooled),
        ),
      ).toBe(1)
      // The pool's counts moved to the new meter.
      const idle = pointWith(await own.points('db.client.connection.count'), {
        ...pooled,
        'db.client.connection.state': 'idle',
      })
      expect(idle?.value).toBe(1)

      trace.disable()
      metrics.disable()
      await late.selectFrom('items').selectAll().execute()
      expect(own.spans()).toHaveLength(1)
      expect(await selects()).toBe(1)
    } finally {
      trace.disable()
      metrics.disable()
      await late.close()
      await own.shutdown()
    }
  })

  it('telemetry.enabled: false records nothing, even with providers given', async () => {
    const own = createTestTelemetry()
    const quiet = createRedshift<DB>({
      url: emulator.local.url,
      pool: { max: 1 },
      telemetry: {
        enabled: false,
        tracerProvider: own.tracerProvider,
        meterProvider: own.meterProvider,
      },
    })
    try {
      await quiet.selectFrom('items').selectAll().execute()
      await quiet.transaction().execute(async (trx) => {
        await trx.insertInto('items').values({ id: 1, name: 'q' }).execute()
      })
      await expect(
        sql.raw('select * from no_such_table_here').execute(quiet),
      ).rejects.toThrow()
    } finally {
      await quiet.close()
    }
    expect(own.spans()).toEqual([])
    for (const name of [
      'db.client.operation.duration',
      'db.client.connection.count',
      'db.client.connection.wait_time',
    ]) {
      expect(await own.points(name)).toEqual([])
    }
    await own.shutdown()
  })
})

function hrMs([seconds, nanos]: readonly [number, number]): number {
  return seconds * 1000 + nanos / 1e6
}
