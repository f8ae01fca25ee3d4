import pg from 'pg'

import { backendUrl, type BackendTarget } from '../protocol/backend-target.js'
import type { OtherDatabaseRows } from '../session/read-all-database-views.js'
import { quoteIdentifier } from '../sql/quote.js'
import type { DatabaseAdmins } from './database-admin.js'

/** A database dropped meanwhile. */
const DROPPED = '3D000'

/**
 * Reads another database's rows of a view that lists every database (see
 * `session/read-all-database-views.ts`), as `user` sees them there: on the
 * emulator's own connection to it when one is open, else on a connection
 * of its own closed at once (so a DROP DATABASE is never kept waiting by a
 * connection the emulator would not otherwise hold); one not set up yet is
 * set up as for its first session. A database dropped meanwhile, and the
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
  return async (database, user, view) => {
    // SET LOCAL in the same simple query: one implicit transaction, so the
    // role never outlives the read on a connection others share.
    const text = `SET LOCAL ROLE ${quoteIdentifier(user)}; SELECT coalesce(pg_catalog.json_agg(v), '[]')::text AS rows FROM pg_catalog.${quoteIdentifier(view)} v`
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
      return await read(await admins.get(database))
    } catch (error) {
      const code = (error as { code?: unknown }).code
      if (code === DROPPED) return undefined
      throw error
    }
  }
}
