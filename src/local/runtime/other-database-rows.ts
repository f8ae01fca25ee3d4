import pg from 'pg'

import { backendUrl, type BackendTarget } from '../protocol/backend-target.js'
import type { OtherDatabaseRows } from '../session/read-all-database-views.js'
import { allDatabaseSource } from '../sql/all-database-views.js'
import { quoteIdentifier } from '../sql/quote.js'
import type { DatabaseAdmins } from './database-admin.js'

/**
 * A database dropped meanwhile: gone (3D000), or being dropped, whose
 * DROP DATABASE ... WITH (FORCE) ends the connection reading it (57P01).
 */
const DROPPED = new Set(['3D000', '57P01'])

/** A deadlock (40P01) with a session setting the same database up: read again. */
const DEADLOCK = '40P01'
const READ_ATTEMPTS = 3

/**
 * The connection was lost under the read (no SQLSTATE: the socket closed,
 * as a FORCE drop of that database does): read again on a new one, which
 * finds the database gone (3D000) or reads it.
 */
function connectionLost(error: unknown): boolean {
  return (
    error instanceof Error &&
    (error as { code?: unknown }).code === undefined &&
    /^Connection terminated|not queryable/.test(error.message)
  )
}

/**
 * Reads another database's rows of a view that lists every database (see
 * `session/read-all-database-views.ts`), as `user` sees them there: on the
 * emulator's own connection to it when one is open, else on a connection
 * of its own closed at once (so a DROP DATABASE is never kept waiting by a
 * connection the emulator would not otherwise hold); one not set up yet is
 * set up as for its first session, except that a catalog another emulator
 * installed meanwhile keeps that emulator's settings and WLM configuration
 * (it may serve the database). A database dropped meanwhile, and the
 * backend's own database while no session has used it, are left out.
 *
 * @example
 * ```ts
 * const rows = otherDatabaseRows(target, admins)
 * await rows('db1', 'awsuser', 'svv_redshift_tables') // '[{"database_name":"db1",...}]'
 * ```
 */
export function otherDatabaseRows(
  target: BackendTarget,
  admins: DatabaseAdmins,
): OtherDatabaseRows {
  const readOnce = async (
    database: string,
    user: string,
    view: string,
  ): Promise<string | undefined> => {
    // SET LOCAL in the same simple query: one implicit transaction, so the
    // role never outlives the read on a connection others share.
    const text = `SET LOCAL ROLE ${quoteIdentifier(user)}; SELECT coalesce(pg_catalog.json_agg(v), '[]')::text AS rows FROM ${allDatabaseSource(view)} v`
    const read = async (client: pg.Client) => {
      const results = (await client.query(text)) as unknown as readonly {
        readonly rows: readonly { readonly rows: string }[]
      }[]
      return results[results.length - 1]?.rows[0]?.rows
    }
    try {
      if (admins.has(database)) return await read(await admins.get(database))
      if (database === target.database) return undefined
      const client = new pg.Client({
        connectionString: backendUrl(target, database),
        application_name: 'redshift-local',
      })
      // Its loss is the read's error (see connectionLost), never the process's.
      client.on('error', () => {})
      await client.connect()
      try {
        return await read(client)
      } catch (error) {
        // Not set up yet (created, never connected to): set up as for its
        // first session.
        if ((error as { code?: unknown }).code !== '42P01') throw error
      } finally {
        await client.end().catch(() => {})
      }
      return await read(await admins.get(database, 'read'))
    } catch (error) {
      const code = (error as { code?: unknown }).code
      if (typeof code === 'string' && DROPPED.has(code)) return undefined
      throw error
    }
  }
  return async (database, user, view) => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await readOnce(database, user, view)
      } catch (error) {
        const code = (error as { code?: unknown }).code
        const again = code === DEADLOCK || connectionLost(error)
        if (!again || attempt >= READ_ATTEMPTS) throw error
      }
    }
  }
}
