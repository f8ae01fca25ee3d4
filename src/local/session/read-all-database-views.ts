import { SCHEMA_ALIASES_SQL } from '../catalog/schema-alias-catalog.js'
import {
  ALIAS_LISTING_VIEWS,
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
 * databases are those SVV_REDSHIFT_DATABASES lists; for SVV_EXTERNAL_TABLES
 * and SVV_EXTERNAL_COLUMNS they are those the connected database's alias
 * schemas name (see {@link aliasRows}).
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
    if (ALIAS_LISTING_VIEWS.has(view)) {
      await aliasRows(channel, rowsOf, user, view, table)
      continue
    }
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

/**
 * The rows of SVV_EXTERNAL_TABLES or SVV_EXTERNAL_COLUMNS (`view`) for the
 * connected database's alias schemas: the tables and columns
 * SVV_REDSHIFT_TABLES and SVV_REDSHIFT_COLUMNS list in the schema of the
 * other database each names, as the session's user sees them there
 * (cross-database-overview.html), under the alias. The connected database
 * is the local one (redshift_database_name); a table's columns are numbered
 * from 1 (columnnum) and are no partition's (part_key 0); what Spectrum's
 * catalog keeps of an external table's files (location, formats, SerDe,
 * parameters) a local table has not, so those are null and compressed 0.
 */
async function aliasRows(
  channel: AllDatabaseViewsChannel,
  rowsOf: OtherDatabaseRows | undefined,
  user: string | undefined,
  view: string,
  table: string,
): Promise<void> {
  const { rows: aliases } = await channel.query(
    `SELECT a.alias, a.database, a.schema, a.database = pg_catalog.current_database() FROM (${SCHEMA_ALIASES_SQL}) a ORDER BY 1`,
  )
  const source =
    view === 'svv_external_tables'
      ? 'svv_redshift_tables'
      : 'svv_redshift_columns'
  for (const [alias, database, schema, here] of aliases) {
    if (alias == null || database == null || schema == null) continue
    let from: string
    if (here === 't') {
      // An alias of the connected database's own schema: read in the
      // statement's transaction.
      from = `pg_catalog.${quoteIdentifier(source)}`
    } else {
      if (rowsOf === undefined || user === undefined) continue
      const json = await rowsOf(database, user, source)
      if (json === undefined || json === '[]') continue
      from = `pg_catalog.json_populate_recordset(NULL::pg_catalog.${quoteIdentifier(source)}, ${quoteLiteral(json)}::json)`
    }
    const where = `WHERE r.schema_name = ${quoteLiteral(schema)}`
    const name = quoteLiteral(alias)
    await channel.query(
      view === 'svv_external_tables'
        ? `INSERT INTO ${table} SELECT pg_catalog.current_database()::text, ${name}::text, r.table_name::text, r.table_type::text, NULL::text, NULL::text, NULL::text, NULL::text, NULL::text, 0, NULL::text FROM ${from} r ${where}`
        : `INSERT INTO ${table} SELECT pg_catalog.current_database()::text, ${name}::text, r.table_name::text, r.column_name::text, r.data_type::text, (pg_catalog.row_number() OVER (PARTITION BY r.table_name ORDER BY r.ordinal_position))::integer, 0, CASE r.is_nullable WHEN 'NO' THEN 'false' ELSE 'true' END FROM ${from} r ${where}`,
    )
  }
}
