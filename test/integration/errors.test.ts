import { randomBytes } from 'node:crypto'
import { inspect } from 'node:util'

import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import {
  AuthenticationFailedError,
  ColumnNotFoundError,
  ConnectionLostError,
  DataError,
  InvalidSqlError,
  mapRedshiftError,
  NotAllowedInTransactionError,
  PermissionDeniedError,
  QueryCancelledError,
  type RedshiftError,
  SerializationFailureError,
  StatementTimeoutError,
  TableNotFoundError,
} from '../../src/errors/index.js'
import {
  createTestDatabase,
  type TestDatabase,
} from '../setup/test-database.js'

/** Runs `sql` and returns the mapped error it raises (fails if none). */
async function mappedFailure(
  client: pg.Client,
  sql: string,
  context: Parameters<typeof mapRedshiftError>[1] = {},
): Promise<RedshiftError> {
  const started = performance.now()
  try {
    await client.query(sql)
  } catch (error) {
    return mapRedshiftError(error, {
      sql,
      elapsedMs: performance.now() - started,
      ...context,
    })
  }
  throw new Error(`expected ${sql} to fail`)
}

/** Waits until `pid` is running a statement (event-free, so it polls briefly). */
async function waitUntilActive(admin: pg.Client, pid: number): Promise<void> {
  for (let i = 0; i < 500; i++) {
    const { rows } = await admin.query<{ state: string | null }>(
      'select state from pg_stat_activity where pid = $1',
      [pid],
    )
    if (rows[0]?.state === 'active') return
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
  throw new Error(`backend ${pid} never became active`)
}

describe('mapRedshiftError on real PostgreSQL errors', () => {
  let db: TestDatabase
  const clients: pg.Client[] = []

  async function connect(url = db.url): Promise<pg.Client> {
    const client = new pg.Client({ connectionString: url })
    // A terminated backend makes the client emit 'error'; the test inspects
    // the failed query instead.
    client.on('error', () => {})
    await client.connect()
    clients.push(client)
    return client
  }

  beforeAll(async () => {
    db = await createTestDatabase('errors')
    const c = await connect()
    await c.query('create table items (k int, v int)')
    await c.query('insert into items values (1, 10), (2, 20)')
  })

  afterAll(async () => {
    await Promise.allSettled(clients.map((c) => c.end()))
    await db.drop()
  })

  it('a real serialization failure (40001) from a read/write cycle', async () => {
    const a = await connect()
    const b = await connect()
    await a.query('begin isolation level serializable')
    await b.query('begin isolation level serializable')
    await a.query('select sum(v) from items where k = 1')
    await b.query('select sum(v) from items where k = 2')
    await a.query('insert into items values (2, 1)')
    // PostgreSQL may detect the cycle at b's insert or only at its commit.
    let error: RedshiftError | undefined
    try {
      await b.query('insert into items values (1, 1)')
    } catch (e) {
      error = mapRedshiftError(e)
    }
    await a.query('commit')
    error ??= await mappedFailure(b, 'commit')
    expect(error).toBeInstanceOf(SerializationFailureError)
    expect(error.code).toBe('40001')
    expect(error.isRetryable).toBe(true)
    expect(error.detail).toMatch(/Reason code/)
    await b.query('rollback')
  })

  it('a real statement timeout (57014)', async () => {
    const c = await connect()
    await c.query('set statement_timeout = 50')
    const error = await mappedFailure(c, 'select pg_sleep(1)', {
      statementTimeoutMs: 50,
    })
    expect(error).toBeInstanceOf(StatementTimeoutError)
    expect(error.code).toBe('57014')
    expect((error as StatementTimeoutError).timeoutMs).toBe(50)
    expect(error.isRetryable).toBe(false)
    await c.query('reset statement_timeout')
  })

  it('a real cancel from another connection (57014)', async () => {
    const victim = await connect()
    const admin = await connect()
    const pid = (await victim.query('select pg_backend_pid() as pid')).rows[0]
      .pid as number
    const failure = mappedFailure(victim, 'select pg_sleep(5)', {
      statementTimeoutMs: 60_000,
    })
    await waitUntilActive(admin, pid)
    await admin.query('select pg_cancel_backend($1)', [pid])
    const error = await failure
    expect(error).toBeInstanceOf(QueryCancelledError)
    expect(error.code).toBe('57014')
    expect(error.message).toBe('canceling statement due to user request')
  })

  it('missing table (42P01), with its position', async () => {
    const c = await connect()
    const error = await mappedFailure(c, 'select * from no_such_table')
    expect(error).toBeInstanceOf(TableNotFoundError)
    expect(error.code).toBe('42P01')
    expect(error.position).toBe(15)
  })

  it('missing column (42703)', async () => {
    const c = await connect()
    const error = await mappedFailure(c, 'select nope from items')
    expect(error).toBeInstanceOf(ColumnNotFoundError)
    expect(error.code).toBe('42703')
  })

  it('permission denied (42501) under a role without rights', async () => {
    const c = await connect()
    const role = `norights_${randomBytes(4).toString('hex')}`
    await c.query(`create role ${role}`)
    try {
      await c.query(`set role ${role}`)
      const error = await mappedFailure(c, 'select * from items')
      expect(error).toBeInstanceOf(PermissionDeniedError)
      expect(error.code).toBe('42501')
    } finally {
      await c.query('reset role')
      await c.query(`drop role ${role}`)
    }
  })

  it('syntax error (42601) keeps the position', async () => {
    const c = await connect()
    const error = await mappedFailure(c, 'select 1 frm items')
    expect(error).toBeInstanceOf(InvalidSqlError)
    expect(error.code).toBe('42601')
    // `frm` parses as a column alias, so the error is at `items`.
    expect(error.position).toBe(14)
    expect(error.sql?.slice((error.position ?? 0) - 1)).toBe('items')
  })

  it('division by zero (22012)', async () => {
    const c = await connect()
    const error = await mappedFailure(c, 'select 1 / 0')
    expect(error).toBeInstanceOf(DataError)
    expect(error.code).toBe('22012')
  })

  it('CREATE DATABASE inside BEGIN (25001)', async () => {
    const c = await connect()
    await c.query('begin')
    const error = await mappedFailure(c, 'create database never_created')
    await c.query('rollback')
    expect(error).toBeInstanceOf(NotAllowedInTransactionError)
    expect(error.code).toBe('25001')
  })

  it('wrong password (28P01) when the server enforces passwords', async () => {
    const c = await connect()
    const rules = await c.query<{ auth_method: string }>(
      "select auth_method from pg_hba_file_rules where type = 'host'",
    )
    const methods = rules.rows.map((r) => r.auth_method)
    // The embedded server is initialised with password auth; on a trust
    // server this case is covered by the unit test built from the field shape.
    expect(methods.length).toBeGreaterThan(0)
    if (methods.every((m) => m === 'trust')) return
    const user = `pw_${randomBytes(4).toString('hex')}`
    const password = `Right-${randomBytes(6).toString('hex')}`
    const wrong = `Wrong-${randomBytes(6).toString('hex')}`
    await c.query(`create user ${user} password '${password}'`)
    try {
      const url = new URL(db.url)
      url.username = user
      url.password = wrong
      const client = new pg.Client({ connectionString: url.toString() })
      const error = await client.connect().then(
        () => {
          throw new Error('login with a wrong password succeeded')
        },
        (e: unknown) => mapRedshiftError(e, { secrets: [wrong, password] }),
      )
      expect(error).toBeInstanceOf(AuthenticationFailedError)
      expect(error.code).toBe('28P01')
      expect(error.message).toBe(
        `password authentication failed for user "${user}"`,
      )
      for (const text of [
        error.message,
        error.stack ?? '',
        JSON.stringify(error),
        inspect(error, { depth: Infinity, showHidden: true }),
      ]) {
        expect(text).not.toContain(wrong)
      }
    } finally {
      await c.query(`drop user ${user}`)
    }
  })

  it('a backend terminated mid-query (57P01), then the dead client', async () => {
    const victim = await connect()
    const admin = await connect()
    const pid = (await victim.query('select pg_backend_pid() as pid')).rows[0]
      .pid as number
    const failure = mappedFailure(victim, 'select pg_sleep(5)')
    await waitUntilActive(admin, pid)
    await admin.query('select pg_terminate_backend($1)', [pid])
    const error = await failure
    expect(error).toBeInstanceOf(ConnectionLostError)
    expect(error.code).toBe('57P01')
    expect(error.isRetryable).toBe(true)
    const next = await mappedFailure(victim, 'select 1')
    expect(next).toBeInstanceOf(ConnectionLostError)
  })

  it('an idle connection whose backend was terminated', async () => {
    const victim = await connect()
    const admin = await connect()
    const pid = (await victim.query('select pg_backend_pid() as pid')).rows[0]
      .pid as number
    const ended = new Promise((resolve) => victim.once('end', resolve))
    await admin.query('select pg_terminate_backend($1)', [pid])
    await ended
    const error = await mappedFailure(victim, 'select 1')
    expect(error).toBeInstanceOf(ConnectionLostError)
  })

  it('no secret in a real error that echoes it', async () => {
    const c = await connect()
    const secret = `tok-${randomBytes(8).toString('hex')}`
    const sql = `select cast('${secret}' as integer)`
    const error = await mappedFailure(c, sql, { secrets: [secret] })
    expect(error).toBeInstanceOf(DataError)
    expect(error.code).toBe('22P02')
    expect(error.message).toBe(
      'invalid input syntax for type integer: "[redacted]"',
    )
    for (const text of [
      error.message,
      error.stack ?? '',
      error.sql ?? '',
      JSON.stringify(error),
      inspect(error, { depth: Infinity }),
      inspect(error, { depth: Infinity, showHidden: true }),
    ]) {
      expect(text).not.toContain(secret)
    }
  })
})
