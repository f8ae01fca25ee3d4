import pg from 'pg'

import { backendUrl, type BackendTarget } from '../protocol/backend-target.js'

/**
 * Why a database's connection is first opened: to serve the emulator's own
 * sessions there, or only to read its rows for a view listing every
 * database (it may be another emulator's on the same server).
 */
export type AdminUse = 'serve' | 'read'

/**
 * The emulator's own connections, one per database (catalog installation,
 * query-log writes, DDL attribute records), opened on first use and set up
 * once by `setup`. They run READ COMMITTED whatever the clients use, so the
 * emulator's bookkeeping never takes part in a serialization conflict.
 *
 * @example
 * ```ts
 * const admins = new DatabaseAdmins(target, async (client, db) => installCatalog(client, { database: db }))
 * const client = await admins.get('dev')
 * ```
 */
export class DatabaseAdmins {
  readonly #target: BackendTarget
  readonly #setup: (
    client: pg.Client,
    database: string,
    use: AdminUse,
  ) => Promise<void>
  readonly #clients = new Map<string, Promise<pg.Client>>()

  constructor(
    target: BackendTarget,
    setup: (
      client: pg.Client,
      database: string,
      use: AdminUse,
    ) => Promise<void>,
  ) {
    this.#target = target
    this.#setup = setup
  }

  /**
   * The connection for `database`, set up; shared by every caller. `use`
   * matters only to the call that opens it.
   */
  get(database: string, use: AdminUse = 'serve'): Promise<pg.Client> {
    let client = this.#clients.get(database)
    if (client === undefined) {
      client = this.#open(database, use)
      this.#clients.set(database, client)
      // A failed setup is retried by the next caller.
      client.catch(() => this.#clients.delete(database))
    }
    return client
  }

  /** Whether the emulator has (or is opening) its connection to `database`. */
  has(database: string): boolean {
    return this.#clients.has(database)
  }

  async #open(database: string, use: AdminUse): Promise<pg.Client> {
    const client = new pg.Client({
      connectionString: backendUrl(this.#target, database),
      application_name: 'redshift-local',
      options:
        '-c default_transaction_isolation=read\\ committed -c statement_timeout=0',
    })
    // A connection that fails or ends (a DROP DATABASE ... WITH (FORCE)
    // ends it without an error event while a query runs) is forgotten, so
    // the next caller opens a new one; never a newer entry of the database.
    const forget = () => {
      const entry = this.#clients.get(database)
      if (entry === undefined) return
      void entry.then(
        (current) => {
          if (current === client) this.#clients.delete(database)
        },
        () => {},
      )
    }
    client.on('error', forget)
    client.on('end', forget)
    await client.connect()
    try {
      await this.#setup(client, database, use)
    } catch (error) {
      await client.end().catch(() => {})
      throw error
    }
    return client
  }

  /** Closes the connection to one database (it is opened again on next use). */
  async close(database: string): Promise<void> {
    const client = this.#clients.get(database)
    this.#clients.delete(database)
    await client?.then((c) => c.end()).catch(() => {})
  }

  async closeAll(): Promise<void> {
    const clients = [...this.#clients.values()]
    this.#clients.clear()
    await Promise.all(
      clients.map((p) => p.then((c) => c.end()).catch(() => {})),
    )
  }
}
