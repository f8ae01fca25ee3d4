import { randomBytes } from 'node:crypto'

import { sql, type Kysely } from 'kysely'
import type pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { withQuerySettings } from '../../src/dialect/query-settings-plugin.js'
import { RedshiftError } from '../../src/errors/index.js'
import {
  createTestDatabase,
  openTestDatabase,
  type TestDatabase,
} from '../setup/test-database.js'
import { createKysely } from './driver-helpers.js'
import { connect, emulatorUrl } from './local-test-helpers.js'
import { uniqueAppName } from './pool-helpers.js'

/** What a query rejected with, checked to be one of ours. */
async function failure(run: () => Promise<unknown>): Promise<RedshiftError> {
  const error = await run().then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(RedshiftError)
  return error as RedshiftError
}

describe('errors of the session statements sent before a query, on PostgreSQL', () => {
  let tdb: TestDatabase
  let close: () => Promise<void>
  let db: Kysely<any>

  beforeAll(async () => {
    ;({ db: tdb, close } = await openTestDatabase('session_errors'))
    ;({ db } = createKysely({
      url: tdb.url,
      applicationName: uniqueAppName('session_errors'),
      pool: { max: 1 },
    }))
  })

  afterAll(async () => {
    await db?.destroy()
    await close()
  })

  it('names the SET the server refused in sql, and the query it was for in userSql', async () => {
    // A safe integer the plugin accepts, beyond what the server takes
    // (statement_timeout is an int4 of milliseconds).
    const strict = withQuerySettings(db, { statementTimeoutMs: 3_000_000_000 })
    const query = sql<{ one: number }>`select 1 as one`
    const error = await failure(() => query.execute(strict))
    expect(error.code).toBe('22023')
    expect(error.message).toMatch(/statement_timeout/)
    expect(error.sql).toBe('SET statement_timeout TO 3000000000')
    expect(error.userSql).toBe('select 1 as one')

    // The session is usable, and the next query asks again.
    expect((await sql`select 1 as one`.execute(db)).rows).toEqual([{ one: 1 }])
  })

  it('keeps sql the failed query itself, without userSql, when the query is what failed', async () => {
    const error = await failure(() => sql`select 1/0 as boom`.execute(db))
    expect(error.code).toBe('22012')
    expect(error.sql).toBe('select 1/0 as boom')
    expect(error).not.toHaveProperty('userSql')
  })

  it('names the failed SET of a stream too', async () => {
    const strict = withQuerySettings(db, { statementTimeoutMs: 3_000_000_000 })
    const error = await failure(async () => {
      for await (const _ of strict
        .selectFrom(sql<{ n: number }>`(select 1 as n)`.as('s'))
        .selectAll()
        .stream(10)) {
        // nothing: the SET before the stream fails
      }
    })
    expect(error.sql).toBe('SET statement_timeout TO 3000000000')
    expect(error.userSql).toBe('select * from (select 1 as n) as "s"')
  })
})

describe('errors of the session statements sent before a query, on the local Redshift emulator', () => {
  let tdb: TestDatabase
  let db: Kysely<any>
  let control: pg.Client
  // Not checked by the suite's emulator; the driver still treats it as a
  // secret no error may show.
  const password = `pw-${randomBytes(6).toString('hex')}`

  beforeAll(async () => {
    tdb = await createTestDatabase('session_errors_local')
    const url = emulatorUrl(tdb.name)
    control = await connect(url)
    ;({ db } = createKysely({
      url,
      password,
      applicationName: uniqueAppName('session_errors_local'),
      pool: { max: 1 },
    }))
  })

  afterAll(async () => {
    await db?.destroy()
    await control?.end()
    await tdb?.drop()
  })

  it('names the SET query_group the server failed, with secrets removed from both statements', async () => {
    // Unique to this test: the emulator's faults are shared by the suite.
    const marker = randomBytes(6).toString('hex')
    const queryGroup = `etl_${marker} token=${marker}`
    await control.query(
      `/*redshift-local*/ FAULT FAIL NEXT MATCHING 'etl_${marker}' WITH SQLSTATE 'XX000' MESSAGE 'queue lookup failed'`,
    )
    const etl = withQuerySettings(db, { queryGroup })
    const error = await failure(() =>
      sql`select ${sql.lit(password)} as pw, 'secret_access_key=abc' as k`.execute(
        etl,
      ),
    )
    expect(error.code).toBe('XX000')
    expect(error.message).toBe('queue lookup failed')
    expect(error.sql).toBe(
      `SET query_group TO 'etl_${marker} token=[redacted]'`,
    )
    expect(error.userSql).toBe(
      "select '[redacted]' as pw, 'secret_access_key=[redacted]' as k",
    )
    expect(JSON.stringify({ ...error, stack: error.stack })).not.toContain(
      password,
    )

    // Nothing is left injected: the same settings work now.
    const { rows } = await sql<{
      query_group: string
    }>`show query_group`.execute(etl)
    expect(rows).toEqual([{ query_group: queryGroup }])
  })
})
