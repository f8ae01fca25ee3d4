import { CompiledQuery, Kysely, sql } from 'kysely'
import type pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { createRedshift } from '../../src/client.js'
import { RedshiftDialect } from '../../src/dialect/index.js'
import { PoolClosedError } from '../../src/errors/index.js'
import { openTestDatabase, type TestDatabase } from '../setup/test-database.js'
import { serverBackends, uniqueAppName } from './pool-helpers.js'

/** The error `run` rejects with. */
function rejection(run: () => Promise<unknown>): Promise<unknown> {
  return run().then(
    () => undefined,
    (e: unknown) => e,
  )
}

const one = sql<{ one: number }>`(select 1 as one)`

describe('queries after close()', () => {
  let tdb: TestDatabase
  let admin: pg.Client
  let close: () => Promise<void>

  beforeAll(async () => {
    ;({ db: tdb, client: admin, close } = await openTestDatabase('closed'))
  })

  afterAll(async () => {
    await close()
  })

  const config = (applicationName: string) => ({
    url: tdb.url,
    tls: 'disable' as const,
    applicationName,
    pool: { max: 1 },
  })

  it('a createRedshift client rejects every later query, transaction and connection with PoolClosedError', async () => {
    const db = createRedshift<any>(config(uniqueAppName('closed')))
    expect(await db.selectFrom(one.as('s')).selectAll().execute()).toEqual([
      { one: 1 },
    ])
    await db.close()

    const attempts: Array<[string, () => Promise<unknown>]> = [
      ['builder', () => db.selectFrom(one.as('s')).selectAll().execute()],
      ['raw sql', () => sql`select 1`.execute(db)],
      ['compiled', () => db.executeQuery(CompiledQuery.raw('select 1'))],
      [
        'stream',
        () =>
          db
            .selectFrom(one.as('s'))
            .selectAll()
            .stream()
            [Symbol.asyncIterator]()
            .next(),
      ],
      [
        'transaction',
        () => db.transaction().execute((trx) => sql`select 1`.execute(trx)),
      ],
      [
        'connection',
        () => db.connection().execute((c) => sql`select 1`.execute(c)),
      ],
    ]
    for (const [name, attempt] of attempts) {
      const error = await rejection(attempt)
      expect(error, name).toBeInstanceOf(PoolClosedError)
    }
    // Closing twice is harmless.
    await db.close()
  })

  it('a createRedshift client closed before its first query opens no connection afterwards', async () => {
    const applicationName = uniqueAppName('closed')
    const db = createRedshift<any>(config(applicationName))
    await db.close()
    expect(await rejection(() => sql`select 1`.execute(db))).toBeInstanceOf(
      PoolClosedError,
    )
    expect(
      await rejection(() => db.transaction().execute(async () => {})),
    ).toBeInstanceOf(PoolClosedError)
    expect(await serverBackends(admin, tdb.name, applicationName)).toBe(0)
  })

  it('new Kysely({ dialect: new RedshiftDialect(...) }) rejects queries after destroy() with PoolClosedError', async () => {
    const db = new Kysely<any>({
      dialect: new RedshiftDialect(config(uniqueAppName('closed'))),
    })
    expect((await sql`select 1 as one`.execute(db)).rows).toEqual([{ one: 1 }])
    await db.destroy()

    expect(
      await rejection(() => db.selectFrom(one.as('s')).selectAll().execute()),
    ).toBeInstanceOf(PoolClosedError)
    expect(await rejection(() => sql`select 1`.execute(db))).toBeInstanceOf(
      PoolClosedError,
    )
    expect(
      await rejection(() =>
        db
          .selectFrom(one.as('s'))
          .selectAll()
          .stream()
          [Symbol.asyncIterator]()
          .next(),
      ),
    ).toBeInstanceOf(PoolClosedError)
  })

  it('destroy() on a createRedshift client rejects later queries with PoolClosedError too', async () => {
    const db = createRedshift<any>(config(uniqueAppName('closed')))
    await sql`select 1`.execute(db)
    await db.destroy()
    const error = await rejection(() =>
      db.selectFrom(one.as('s')).selectAll().execute(),
    )
    expect(error).toBeInstanceOf(PoolClosedError)
    expect((error as Error).message).toMatch(/destroy|close/)
  })

  it('one dialect serving two Kysely instances: destroying one leaves the other working', async () => {
    const dialect = new RedshiftDialect(config(uniqueAppName('closed')))
    const first = new Kysely<any>({ dialect })
    const second = new Kysely<any>({ dialect })
    await sql`select 1`.execute(first)
    await first.destroy()
    expect((await sql`select 2 as two`.execute(second)).rows).toEqual([
      { two: 2 },
    ])
    await second.destroy()
  })
})
