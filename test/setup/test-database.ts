import { randomBytes } from 'node:crypto'

import pg from 'pg'
import { inject } from 'vitest'

/** A database of its own for one test file, dropped at the end. */
export interface TestDatabase {
  /** URL of the fresh database, as the superuser. */
  readonly url: string
  readonly name: string
  /** Drops the database, terminating whatever is still connected. */
  drop(): Promise<void>
}

/**
 * Creates an empty database on the suite's server so that test files never
 * see each other's tables, sessions or terminated backends.
 */
export async function createTestDatabase(
  prefix = 'test',
): Promise<TestDatabase> {
  const serverUrl = inject('databaseUrl')
  const name = `${prefix}_${randomBytes(6).toString('hex')}`
  const admin = new pg.Client({ connectionString: serverUrl })
  await admin.connect()
  try {
    await admin.query(`create database ${admin.escapeIdentifier(name)}`)
  } finally {
    await admin.end()
  }
  const url = new URL(serverUrl)
  url.pathname = `/${name}`
  return {
    url: url.toString(),
    name,
    drop: async () => {
      const c = new pg.Client({ connectionString: serverUrl })
      await c.connect()
      try {
        await c.query(
          `drop database if exists ${c.escapeIdentifier(name)} with (force)`,
        )
      } finally {
        await c.end()
      }
    },
  }
}

/** A test database with one superuser client connected to it directly. */
export interface ConnectedTestDatabase {
  readonly db: TestDatabase
  readonly client: pg.Client
  /** Ends the client, then drops the database. */
  readonly close: () => Promise<void>
}

/**
 * Creates a fresh database and connects one client to it, for files that
 * prepare or inspect it on the server itself rather than through the driver.
 *
 * @example
 * beforeAll(async () => {
 *   ;({ client, close } = await openTestDatabase('local_catalog'))
 *   await installCatalog(client)
 * })
 * afterAll(() => close())
 */
export async function openTestDatabase(
  prefix = 'test',
): Promise<ConnectedTestDatabase> {
  const db = await createTestDatabase(prefix)
  const client = new pg.Client({ connectionString: db.url })
  await client.connect()
  return {
    db,
    client,
    close: async () => {
      await client.end()
      await db.drop()
    },
  }
}
