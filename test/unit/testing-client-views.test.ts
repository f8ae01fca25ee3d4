import { Kysely } from 'kysely'
import { describe, expect, it } from 'vitest'

import { createRedshift } from '../../src/client.js'
import { withQuerySettings } from '../../src/dialect/query-settings-plugin.js'
import { PoolClosedError, RedshiftConfigError } from '../../src/errors/index.js'
import type { RedshiftClient } from '../../src/index.js'
import { createMockRedshift } from '../../src/testing/index.js'

interface DB {
  sales: { id: number; region: string }
}

// The signature application code is written against.
async function importSales(db: RedshiftClient<DB>): Promise<string> {
  await db.insertInto('sales').values({ id: 1, region: 'eu' }).execute()
  return db.config.database
}

describe("the mock's db is a client", () => {
  it('has a parsed default config', () => {
    const { db } = createMockRedshift<DB>()
    expect(db).toBeInstanceOf(Kysely)
    expect(db.config).toMatchObject({
      host: 'localhost',
      port: 5439,
      database: 'dev',
      user: 'mock',
    })
    expect(Object.isFrozen(db.config)).toBe(true)
  })

  it('reports the config it was given, and runs with its session', async () => {
    const mock = createMockRedshift<DB>({
      config:
        'redshift://etl@cluster.example.com:5440/analytics?query_group=etl',
    })
    expect(mock.db.config).toMatchObject({
      host: 'cluster.example.com',
      port: 5440,
      database: 'analytics',
      user: 'etl',
    })
    expect(await importSales(mock.db)).toBe('analytics')
    expect(mock.lastQuery()?.session.queryGroup).toBe('etl')
  })

  it('lets the session option override the config session', async () => {
    const mock = createMockRedshift<DB>({
      config: { host: 'h', user: 'u', session: { queryGroup: 'from-config' } },
      session: { queryGroup: 'from-option' },
    })
    await mock.db.selectFrom('sales').selectAll().execute()
    expect(mock.lastQuery()?.session.queryGroup).toBe('from-option')
  })

  it('refuses a bad config as createRedshift does', () => {
    expect(() =>
      createMockRedshift<DB>({ config: { host: 'h', user: 'u', port: 0 } }),
    ).toThrow(RedshiftConfigError)
  })

  it('closes: queries after close() fail as on the real client', async () => {
    const mock = createMockRedshift<DB>()
    await mock.db.selectFrom('sales').selectAll().execute()
    await mock.db.close()
    await expect(
      mock.db.selectFrom('sales').selectAll().execute(),
    ).rejects.toThrow(PoolClosedError)
    await expect(mock.db.transaction().execute(async () => {})).rejects.toThrow(
      PoolClosedError,
    )
    expect(mock.queries).toHaveLength(1)
  })
})

describe('withQuerySettings views of a client', () => {
  it("keep the mock's config and close(), and apply their settings", async () => {
    const mock = createMockRedshift<DB>()
    const etl = withQuerySettings(mock.db, { queryGroup: 'etl' })
    expect(etl).not.toBe(mock.db)
    expect(etl.config).toBe(mock.db.config)
    expect(etl.close).toBe(mock.db.close)
    expect(await importSales(etl)).toBe('dev')
    await mock.db.selectFrom('sales').selectAll().execute()
    expect(mock.queries.map((q) => q.session.queryGroup)).toEqual([
      'etl',
      undefined,
    ])
  })

  it('close the client they came from, since they share its pool', async () => {
    const mock = createMockRedshift<DB>()
    const etl = withQuerySettings(mock.db, { queryGroup: 'etl' })
    await etl.selectFrom('sales').selectAll().execute()
    await etl.close()
    await expect(
      mock.db.selectFrom('sales').selectAll().execute(),
    ).rejects.toThrow(PoolClosedError)
  })

  it('stack, and keep the extensions through withSchema and withTables', async () => {
    const mock = createMockRedshift<DB>()
    const view = withQuerySettings(
      withQuerySettings(mock.db, { queryGroup: 'etl' }),
      { statementTimeoutMs: 1_000 },
    ).withSchema('staging')
    expect(view.config).toBe(mock.db.config)
    await view.selectFrom('sales').selectAll().execute()
    expect(mock.lastQuery()).toMatchObject({
      sql: 'select * from "staging"."sales"',
      session: { queryGroup: 'etl', statementTimeoutMs: 1_000 },
    })
    const temp = mock.db.withTables<{ staging: { id: number } }>()
    expect(temp.close).toBe(mock.db.close)
    expect(mock.db.withoutPlugins().config).toBe(mock.db.config)
  })

  it('keep the real client config and close() without connecting', () => {
    const client = createRedshift<DB>('redshift://app@127.0.0.1:5439/dev')
    const view = withQuerySettings(client, { queryGroup: 'etl' })
    expect(view).toBeInstanceOf(Kysely)
    expect(view.config).toBe(client.config)
    expect(view.close).toBe(client.close)
    expect(Object.keys(view)).toEqual(Object.keys(client))
    expect(Object.keys(client)).toEqual(['config', 'close'])
  })

  it('leave a plain Kysely instance plain', () => {
    const { dialect } = createMockRedshift<DB>()
    const kysely = new Kysely<DB>({ dialect })
    const view = withQuerySettings(kysely, { queryGroup: 'etl' })
    expect(view).toBeInstanceOf(Kysely)
    expect('close' in view).toBe(false)
    expect('config' in view).toBe(false)
  })
})
