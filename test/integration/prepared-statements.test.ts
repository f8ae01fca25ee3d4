import { Kysely, sql, type LogEvent } from 'kysely'
import type pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { RedshiftConnection } from '../../src/dialect/redshift-connection.js'
import { RedshiftDialect } from '../../src/dialect/redshift-dialect.js'
import type { RedshiftDriver } from '../../src/dialect/redshift-driver.js'
import type { PooledConnection } from '../../src/pool/index.js'
import {
  prepare,
  PreparedStatementError,
  type Params,
} from '../../src/prepared/index.js'
import {
  createTestDatabase,
  type TestDatabase,
} from '../setup/test-database.js'
import { createKysely } from './driver-helpers.js'
import { emulatorUrl } from './local-test-helpers.js'
import { uniqueAppName } from './pool-helpers.js'

interface DB {
  sales: { id: number; qty: number; note: string | null }
}

const SALES = 40

// The same tests on PostgreSQL itself and through the local emulator, whose
// extended-protocol handling must keep named statements intact.
describe.each([
  ['PostgreSQL', (tdb: TestDatabase) => tdb.url],
  ['the local emulator', (tdb: TestDatabase) => emulatorUrl(tdb.name)],
] as const)('prepared statements on %s', (_target, urlOf) => {
  let tdb: TestDatabase
  let db: Kysely<DB>
  let driver: RedshiftDriver
  let url: string
  // The names of the statements each client of the pool sent a Parse for.
  const sent = new Map<pg.Client, string[]>()

  beforeAll(async () => {
    tdb = await createTestDatabase('prepared')
    url = urlOf(tdb)
    ;({ db, driver } = open(3))
    driver.pool.on('connect', (connection) => {
      sent.set(connection.client, parsedNames(connection.client))
    })
    await sql`create table sales (id int not null, qty int not null, note varchar(100))`.execute(
      db,
    )
    await db
      .insertInto('sales')
      .values(
        Array.from({ length: SALES }, (_, i) => ({
          id: i + 1,
          qty: (i + 1) * 10,
          note: i % 2 === 0 ? `note ${i + 1}` : null,
        })),
      )
      .execute()
  })

  afterAll(async () => {
    await db?.destroy()
    await tdb?.drop()
  })

  function open(max: number) {
    const opened = createKysely<DB>({
      url,
      applicationName: uniqueAppName('prepared'),
      pool: { max },
    })
    return opened
  }

  /** Runs `work` on each of `n` distinct pooled connections, all held at once. */
  async function onEach<T>(
    n: number,
    work: (connection: RedshiftConnection) => Promise<T>,
  ): Promise<T[]> {
    const held = await Promise.all(
      Array.from(
        { length: n },
        async () => (await driver.acquireConnection()) as RedshiftConnection,
      ),
    )
    try {
      expect(new Set(held.map((c) => c.pooled.id)).size).toBe(n)
      return await Promise.all(held.map(work))
    } finally {
      for (const connection of held) await driver.releaseConnection(connection)
    }
  }

  /** The statements prepared in this connection's own session. */
  async function preparedOn(
    connection: RedshiftConnection,
  ): Promise<Array<{ name: string; statement: string; prepare_time: Date }>> {
    const { rows } = await connection.executeQuery<{
      name: string
      statement: string
      prepare_time: Date
    }>(
      sql`select name, statement, prepare_time from pg_prepared_statements where name not like 'redshift_local%' order by name`.compile(
        db,
      ),
    )
    return rows
  }

  /** How many times `pooled`'s client sent a Parse for the statement `name`. */
  function parses(pooled: PooledConnection, name: string): number {
    return sent.get(pooled.client)!.filter((n) => n === name).length
  }

  const bySaleOf = (name: string) =>
    prepare(db, name, (p: Params<{ id: number }>) =>
      db.selectFrom('sales').selectAll().where('id', '=', p.id),
    )

  it('returns the rows of the query, as the same query run directly does', async () => {
    const bySale = bySaleOf('sales_by_id')
    for (const id of [1, 2, 7]) {
      const direct = await db
        .selectFrom('sales')
        .selectAll()
        .where('id', '=', id)
        .execute()
      expect(direct).toHaveLength(1)
      expect(await bySale.execute({ id })).toEqual(direct)
      expect(await bySale.executeTakeFirst({ id })).toEqual(direct[0])
    }
    expect(await bySale.execute({ id: SALES + 1 })).toEqual([])
  })

  it('prepares once per connection: one Parse, and the server keeps one statement', async () => {
    const bySale = bySaleOf('sales_once')
    const text = bySale.compile({ id: 1 }).sql
    await onEach(1, async (connection) => {
      for (let id = 1; id <= 10; id++) {
        const { rows } = await connection.executeQuery<{ id: number }>(
          bySale.compile({ id }),
        )
        expect(rows.map((r) => r.id)).toEqual([id])
      }
      expect(parses(connection.pooled, 'sales_once')).toBe(1)
      const before = await preparedOn(connection)
      expect(before.filter((s) => s.name === 'sales_once')).toEqual([
        expect.objectContaining({ name: 'sales_once', statement: text }),
      ])
      await connection.executeQuery(bySale.compile({ id: 3 }))
      const after = await preparedOn(connection)
      // Not prepared again: the server's statement is the one from before.
      expect(after.find((s) => s.name === 'sales_once')!.prepare_time).toEqual(
        before.find((s) => s.name === 'sales_once')!.prepare_time,
      )
      expect(parses(connection.pooled, 'sales_once')).toBe(1)
    })
  })

  it('prepares it again on the connection that replaces a destroyed one', async () => {
    const solo = open(1)
    const clients: pg.Client[] = []
    const names = new Map<pg.Client, string[]>()
    solo.driver.pool.on('connect', (c) => {
      clients.push(c.client)
      names.set(c.client, parsedNames(c.client))
    })
    try {
      const qty = prepare(solo.db, 'qty_by_id', (p: Params<{ id: number }>) =>
        solo.db.selectFrom('sales').select('qty').where('id', '=', p.id),
      )
      expect(await qty.execute({ id: 2 })).toEqual([{ qty: 20 }])
      const first =
        (await solo.driver.acquireConnection()) as RedshiftConnection
      const firstPid = first.pooled.backendPid
      // Broken: the pool destroys it on release and opens a new one.
      first.pooled.markBroken()
      await solo.driver.releaseConnection(first)
      expect(await qty.execute({ id: 3 })).toEqual([{ qty: 30 }])
      expect(clients).toHaveLength(2)
      const second =
        (await solo.driver.acquireConnection()) as RedshiftConnection
      try {
        expect(second.pooled.backendPid).not.toBe(firstPid)
        const { rows } = await second.executeQuery<{ name: string }>(
          sql`select name from pg_prepared_statements where name = 'qty_by_id'`.compile(
            solo.db,
          ),
        )
        expect(rows).toEqual([{ name: 'qty_by_id' }])
      } finally {
        await solo.driver.releaseConnection(second)
      }
      for (const client of clients) {
        expect(names.get(client)!.filter((n) => n === 'qty_by_id')).toEqual([
          'qty_by_id',
        ])
      }
    } finally {
      await solo.db.destroy()
    }
  })

  it('runs raw SQL with positional parameters, and checks their number first', async () => {
    const between = prepare<{ id: number }, [number, number]>(
      db,
      'sales_between',
      sql`select id from ${sql.table('sales')} where id between $1 and $2 and '$3' <> 'x' order by id`,
    )
    expect(between.parameterCount).toBe(2)
    expect((await between.execute([3, 5])).map((r) => r.id)).toEqual([3, 4, 5])
    const sentBefore = [...sent.values()].flat().length
    for (const values of [[1], [1, 2, 3], []] as unknown as [
      number,
      number,
    ][]) {
      const error = await between.execute(values).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(PreparedStatementError)
      expect(error).toMatchObject({
        problem: 'parameter-count',
        statement: 'sales_between',
        expected: 2,
        given: values.length,
      })
      expect((error as Error).message).toContain(
        `takes 2 parameter(s) ($1..$2) but ${values.length} value(s) were given`,
      )
    }
    // Refused before anything was sent.
    expect([...sent.values()].flat().length).toBe(sentBefore)
    // A number used twice is one value, bound twice.
    const twice = prepare<{ same: boolean }>(
      db,
      'same_twice',
      sql`select $1::int = $1::int + 0 as same`,
    )
    expect(await twice.execute([4])).toEqual([{ same: true }])
  })

  it('refuses raw SQL that interpolates values', () => {
    expect(() =>
      prepare(db, 'interpolated', sql`select * from sales where id = ${1}`),
    ).toThrow(
      expect.objectContaining({
        name: 'PreparedStatementError',
        problem: 'interpolated-values',
      }),
    )
  })

  it('refuses a parameter the builder reads but execute was not given', async () => {
    const bySale = bySaleOf('sales_missing')
    const error = await bySale
      .execute({} as { id: number })
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(PreparedStatementError)
    expect(error).toMatchObject({
      problem: 'missing-parameter',
      parameter: 'id',
    })
  })

  it('refuses a builder whose SQL depends on the parameters', async () => {
    const anyOf = prepare(db, 'sales_in', (p: Params<{ ids: number[] }>) =>
      db.selectFrom('sales').select('id').where('id', 'in', p.ids),
    )
    expect(await anyOf.execute({ ids: [1, 2] })).toHaveLength(2)
    await expect(anyOf.execute({ ids: [1, 2, 3] })).rejects.toMatchObject({
      problem: 'text-changed',
    })
  })

  it('validates names', () => {
    for (const name of [
      'Sales',
      '1st',
      '',
      'a b',
      'x"; drop table sales; --',
      'a'.repeat(64),
    ]) {
      expect(() => bySaleOf(name)).toThrow(
        expect.objectContaining({ problem: 'invalid-name' }),
      )
    }
    expect(bySaleOf('a'.repeat(63)).name).toBe('a'.repeat(63))
  })

  it('deallocate: later executes fail, and every connection drops the statement', async () => {
    const bySale = bySaleOf('sales_dealloc')
    await onEach(3, async (connection) => {
      await connection.executeQuery(bySale.compile({ id: 1 }))
      expect((await preparedOn(connection)).map((s) => s.name)).toContain(
        'sales_dealloc',
      )
    })
    bySale.deallocate()
    expect(bySale.deallocated).toBe(true)
    const error = await bySale.execute({ id: 1 }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(PreparedStatementError)
    expect(error).toMatchObject({ problem: 'deallocated' })
    // Each connection drops it when it next runs a statement.
    await onEach(3, async (connection) => {
      expect((await preparedOn(connection)).map((s) => s.name)).not.toContain(
        'sales_dealloc',
      )
    })
    // The name is free again, for another statement.
    const again = prepare(db, 'sales_dealloc', (p: Params<{ qty: number }>) =>
      db.selectFrom('sales').select('id').where('qty', '=', p.qty),
    )
    await onEach(3, async (connection) => {
      const { rows } = await connection.executeQuery(again.compile({ qty: 50 }))
      expect(rows).toEqual([{ id: 5 }])
    })
  })

  it('refuses one name for two statements on a connection, shares it for the same one', async () => {
    const first = bySaleOf('sales_shared')
    const same = bySaleOf('sales_shared')
    const other = prepare(db, 'sales_shared', (p: Params<{ qty: number }>) =>
      db.selectFrom('sales').select('id').where('qty', '=', p.qty),
    )
    await onEach(1, async (connection) => {
      await connection.executeQuery(first.compile({ id: 1 }))
      await connection.executeQuery(same.compile({ id: 2 }))
      const error = await connection
        .executeQuery(other.compile({ qty: 10 }))
        .catch((e: unknown) => e)
      expect(error).toBeInstanceOf(PreparedStatementError)
      expect(error).toMatchObject({ problem: 'name-conflict' })
      // The connection is still fine.
      const { rows } = await connection.executeQuery(first.compile({ id: 3 }))
      expect(rows).toHaveLength(1)
    })
  })

  it('runs concurrently over several pooled connections, prepared once on each', async () => {
    const bySale = bySaleOf('sales_concurrent')
    const ids = Array.from({ length: 60 }, (_, i) => (i % SALES) + 1)
    const rows = await Promise.all(ids.map((id) => bySale.execute({ id })))
    expect(rows.map((r) => r[0]!.id)).toEqual(ids)
    const stats = driver.pool.stats()
    expect(stats.size).toBe(3)
    const onServer = await onEach(stats.size, async (connection) => ({
      names: (await preparedOn(connection)).filter(
        (s) => s.name === 'sales_concurrent',
      ).length,
      parses: parses(connection.pooled, 'sales_concurrent'),
    }))
    // Used on at least two connections, and never parsed twice on one.
    expect(onServer.filter((c) => c.names === 1).length).toBeGreaterThan(1)
    for (const c of onServer) {
      expect(c.parses).toBe(c.names)
    }
  })

  it('runs inside a transaction when prepared on one', async () => {
    await db.transaction().execute(async (trx) => {
      const setQty = prepare(
        trx,
        'set_qty',
        (p: Params<{ id: number; qty: number }>) =>
          trx.updateTable('sales').set({ qty: p.qty }).where('id', '=', p.id),
      )
      const { numAffectedRows } = await setQty.executeQuery({ id: 1, qty: 11 })
      expect(numAffectedRows).toBe(1n)
      const row = await trx
        .selectFrom('sales')
        .select('qty')
        .where('id', '=', 1)
        .executeTakeFirstOrThrow()
      expect(row.qty).toBe(11)
      await setQty.executeQuery({ id: 1, qty: 10 })
    })
  })

  it('is telemetry-neutral: plugins and the log see the query as when run directly', async () => {
    const events: LogEvent[] = []
    const kysely = new Kysely<DB>({
      dialect: new RedshiftDialect({
        url,
        tls: 'disable',
        applicationName: uniqueAppName('prepared_log'),
        pool: { max: 1 },
      }),
      log: (event) => {
        events.push(event)
      },
    })
    // A plugin that marks every row it sees.
    const logging = kysely.withPlugin({
      transformQuery: (args) => args.node,
      transformResult: async (args) => ({
        ...args.result,
        rows: args.result.rows.map((r) => ({ ...r, seen: true })),
      }),
    })
    try {
      const bySale = prepare(
        kysely,
        'sales_logged',
        (p: Params<{ id: number }>) =>
          kysely.selectFrom('sales').selectAll().where('id', '=', p.id),
      )
      const direct = await kysely
        .selectFrom('sales')
        .selectAll()
        .where('id', '=', 4)
        .execute()
      const prepared = await bySale.execute({ id: 4 })
      expect(prepared).toEqual(direct)
      expect(events).toHaveLength(2)
      const [a, b] = events.map((e) => ({
        level: e.level,
        sql: e.query.sql,
        parameters: e.query.parameters,
      }))
      expect(b).toEqual(a)
      expect(a!.level).toBe('query')
      // The plugins of the instance applied to both.
      const viaPlugin = await prepare(
        logging,
        'sales_plugin',
        (p: Params<{ id: number }>) =>
          logging.selectFrom('sales').select('id').where('id', '=', p.id),
      ).execute({ id: 4 })
      expect(viaPlugin).toEqual([{ id: 4, seen: true }])
    } finally {
      await kysely.destroy()
    }
  })
})

/**
 * Records the statement name of every Parse message a client writes (the
 * unnamed statement is ''), by reading its socket writes.
 */
function parsedNames(client: pg.Client): string[] {
  const names: string[] = []
  const stream = client.connection.stream
  const write = stream.write.bind(stream) as (...args: unknown[]) => boolean
  stream.write = ((chunk: unknown, ...rest: unknown[]) => {
    if (Buffer.isBuffer(chunk)) {
      for (let offset = 0; offset + 5 <= chunk.length;) {
        const length = chunk.readInt32BE(offset + 1)
        if (chunk[offset] === 0x50 /* P */) {
          const end = chunk.indexOf(0, offset + 5)
          names.push(chunk.toString('utf8', offset + 5, end))
        }
        offset += 1 + length
      }
    }
    return write(chunk, ...rest)
  }) as typeof stream.write
  return names
}
