import {
  allDatabaseSource,
  allDatabaseTable,
} from '../sql/all-database-views.js'
import { quoteIdentifier, quoteLiteral } from '../sql/quote.js'

/** What reading every database's rows needs from the session. */
export interface AllDatabaseViewsChannel {
  query(text: string): Promise<{
    readonly rows: readonly (readonly (string | null)[])[]
  }>
}

/**
 * One view's rows in another database, as `user` sees them there (a JSON
 * array of row objects); undefined when the emulator has no way to read
 * that database, which is then left out.
 */
export type OtherDatabaseRows = (
  database: string,
  user: string,
  view: string,
) => Promise<string | undefined>

/**
 * Fills the session's temporary table of each view (see
 * `sql/all-database-views.ts`) with the connected database's rows, read in
 * the statement's transaction, and every other database's, read there as
 * the session's current user (so each database's privileges filter its
 * rows, as on Redshift), just before the statement runs. The other
 * databases are those SVV_REDSHIFT_DATABASES lists.
 *
 * @example
 * ```ts
 * await readAllDatabaseViews(channel, rowsOf, ['svv_redshift_tables'])
 * ```
 */
export async function readAllDatabaseViews(
  channel: AllDatabaseViewsChannel,
  rowsOf: OtherDatabaseRows | undefined,
  views: readonly string[],
): Promise<void> {
  const { rows } = await channel.query(
    `SELECT current_user::text, d.database_name::text FROM (SELECT 1) one LEFT JOIN pg_catalog.svv_redshift_databases d ON d.database_name <> pg_catalog.current_database()`,
  )
  const user = rows[0]?.[0] ?? undefined
  for (const view of views) {
    const table = `pg_temp.${quoteIdentifier(allDatabaseTable(view))}`
    const source = allDatabaseSource(view)
    const missing = await channel.query(
      `SELECT pg_catalog.to_regclass(${quoteLiteral(table)}) IS NULL`,
    )
    if (missing.rows[0]?.[0] === 't') {
      // Open to every user: the session may change its user (SET SESSION
      // AUTHORIZATION) and read the view again.
      await channel.query(
        `CREATE TEMP TABLE ${quoteIdentifier(allDatabaseTable(view))} AS SELECT * FROM ${source} WITH NO DATA`,
      )
      await channel.query(`GRANT ALL ON ${table} TO PUBLIC`)
    }
    await channel.query(`DELETE FROM ${table}`)
    await channel.query(`INSERT INTO ${table} SELECT * FROM ${source}`)
    if (rowsOf === undefined || user === undefined) continue
    for (const row of rows) {
      const database = row[1]
      if (database === null || database === undefined) continue
      const json = await rowsOf(database, user, view)
      if (json === undefined || json === '[]') continue
      await channel.query(
        `INSERT INTO ${table} SELECT * FROM pg_catalog.json_populate_recordset(NULL::${table}, ${quoteLiteral(json)}::json)`,
      )
    }
  }
}
