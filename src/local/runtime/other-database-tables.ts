import { createHash } from 'node:crypto'

import pg from 'pg'

import { reject } from '../errors/reject.js'
import { backendUrl, type BackendTarget } from '../protocol/backend-target.js'
import type { ErrorFields } from '../protocol/error-fields.js'
import { quoteIdentifier, quoteLiteral } from '../sql/quote.js'
import {
  OTHER_DATABASE_SCHEMA,
  type OtherDatabaseTable,
} from '../sql/three-part-names.js'
import type { DatabaseAdmins } from './database-admin.js'

/**
 * How the backing server's sessions reach one another's databases: its
 * unix socket folder, whose logins it trusts (see `private-socket.ts`).
 */
export interface CrossDatabaseLink {
  readonly socketDir: string
  readonly port: number
}

/** One column of a relation, as `format_type` writes its type. */
interface Column {
  readonly name: string
  readonly type: string
}

/** The live columns of the relation `oid` (a catalog OID, written as a literal). */
function columnsSql(oid: string): string {
  return `SELECT a.attname::text AS name, pg_catalog.format_type(a.atttypid, a.atttypmod) AS type
FROM pg_catalog.pg_attribute a
WHERE a.attrelid = ${quoteLiteral(oid)}::oid AND a.attnum > 0 AND NOT a.attisdropped
ORDER BY a.attnum`
}

/** The relation's OID in its database: tables, views, materialized views. */
const RELATION_SQL = `SELECT c.oid::text AS oid FROM pg_catalog.pg_class c
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = $1 AND c.relname = $2 AND c.relkind IN ('r', 'v', 'm', 'p', 'f')`

/** A database dropped meanwhile (3D000), or being dropped (57P01). */
const GONE = new Set(['3D000', '57P01'])

/**
 * The backing server's trusted private socket, when the cluster has one
 * and postgres_fdw ships with it: the first `local` line of its pg_hba.conf
 * trusts every user, and it listens on a unix socket. Undefined otherwise
 * (a PostgreSQL given by URL, set up another way): then another
 * database's objects stay out of reach.
 *
 * @example
 * ```ts
 * await findCrossDatabaseLink(client) // { socketDir: '/tmp/redshift-local-sock-Ab12Cd', port: 54321 }
 * ```
 */
export async function findCrossDatabaseLink(
  client: pg.Client,
): Promise<CrossDatabaseLink | undefined> {
  try {
    const { rows } = await client.query<{
      dir: string | null
      port: string
      trusted: boolean | null
      fdw: boolean
    }>(
      `SELECT split_part(current_setting('unix_socket_directories'), ',', 1) AS dir,
        current_setting('port') AS port,
        (SELECT auth_method = 'trust' AND database = '{all}' AND user_name = '{all}'
           FROM pg_catalog.pg_hba_file_rules WHERE type = 'local' AND error IS NULL
           ORDER BY line_number LIMIT 1) AS trusted,
        EXISTS (SELECT 1 FROM pg_catalog.pg_available_extensions WHERE name = 'postgres_fdw') AS fdw`,
    )
    const row = rows[0]
    const dir = row?.dir?.trim()
    if (row === undefined || !dir || row.trusted !== true || !row.fdw)
      return undefined
    return { socketDir: dir, port: Number(row.port) }
  } catch {
    // pg_hba_file_rules needs a superuser (or pg_read_all_settings).
    return undefined
  }
}

/**
 * Sets up, in a database of the emulator, the foreign tables through which
 * its sessions read another database's tables and views (postgres_fdw over
 * the trusted private socket): one server per other database, one user
 * mapping per user (logging in there as that same user, so that database's
 * privileges apply, as cross-database-overview.html says), and one
 * foreign table per relation, in the emulator's schema, open to every
 * user (the other database judges the read). A foreign table is made again
 * when the relation's columns changed. Each database's set-up runs one at a
 * time on the emulator's own (superuser) connection.
 *
 * @example
 * ```ts
 * await tables.prepare('dev', 'awsuser', [{ database: 'db1', schema: 'public', relation: 't', local: 'xdb$...' }])
 * ```
 */
export class OtherDatabaseTables {
  readonly #link: CrossDatabaseLink
  readonly #target: BackendTarget
  readonly #admins: DatabaseAdmins
  readonly #queues = new Map<string, Promise<unknown>>()

  constructor(
    link: CrossDatabaseLink,
    target: BackendTarget,
    admins: DatabaseAdmins,
  ) {
    this.#link = link
    this.#target = target
    this.#admins = admins
  }

  /** Sets up the foreign tables of `tables` in `connected` for `user`; an error to answer with, if any. */
  prepare(
    connected: string,
    user: string,
    tables: readonly OtherDatabaseTable[],
  ): Promise<ErrorFields | undefined> {
    return this.#queued(connected, () => this.#prepare(connected, user, tables))
  }

  /**
   * Drops the user mappings of `users` in every database that has one
   * (pg_shdepend, a catalog every database shares, lists them), before a
   * DROP USER: PostgreSQL does not drop a role a user mapping depends on.
   */
  async forgetUsers(
    connected: string,
    users: readonly string[],
  ): Promise<void> {
    const admin = await this.#admins.get(connected)
    const { rows } = await admin.query<{ database: string }>(
      `SELECT DISTINCT d.datname::text AS database FROM pg_catalog.pg_shdepend sd
       JOIN pg_catalog.pg_database d ON d.oid = sd.dbid
       JOIN pg_catalog.pg_roles r ON r.oid = sd.refobjid
       WHERE sd.classid = 'pg_catalog.pg_user_mapping'::regclass AND r.rolname = ANY ($1::text[])`,
      [users],
    )
    for (const { database } of rows) {
      await this.#queued(database, async () => {
        const client = await this.#admins.get(database)
        const mappings = await client.query<{ server: string; user: string }>(
          `SELECT srvname::text AS server, usename::text AS user FROM pg_catalog.pg_user_mappings
           WHERE usename = ANY ($1::text[]) AND srvname LIKE 'xdb$%'`,
          [users],
        )
        for (const m of mappings.rows)
          await client.query(
            `DROP USER MAPPING IF EXISTS FOR ${quoteIdentifier(m.user)} SERVER ${quoteIdentifier(m.server)}`,
          )
      })
    }
  }

  /** Runs `work` after the earlier set-up of the same database. */
  #queued<T>(database: string, work: () => Promise<T>): Promise<T> {
    const before = this.#queues.get(database) ?? Promise.resolve()
    const run = before.then(work)
    const settled = run.then(
      () => {},
      () => {},
    )
    this.#queues.set(database, settled)
    void settled.then(() => {
      if (this.#queues.get(database) === settled) this.#queues.delete(database)
    })
    return run
  }

  async #prepare(
    connected: string,
    user: string,
    tables: readonly OtherDatabaseTable[],
  ): Promise<ErrorFields | undefined> {
    const admin = await this.#admins.get(connected)
    await admin.query(
      `CREATE EXTENSION IF NOT EXISTS postgres_fdw WITH SCHEMA ${OTHER_DATABASE_SCHEMA}`,
    )
    const byDatabase = new Map<string, OtherDatabaseTable[]>()
    for (const t of tables)
      byDatabase.set(t.database, [...(byDatabase.get(t.database) ?? []), t])
    for (const [database, list] of byDatabase) {
      // The databases clients know: not the backing server's own, nor a template.
      const listed = await admin.query(
        'SELECT 1 FROM pg_catalog.svv_redshift_databases WHERE database_name = $1',
        [database],
      )
      if (listed.rowCount === 0)
        return reject.other('3D000', `database "${database}" does not exist`)
      const columns = await this.#remoteColumns(database, list)
      if ('code' in columns) return columns
      const server = await this.#server(admin, database)
      await this.#userMapping(admin, server, user)
      for (const table of list)
        await this.#foreignTable(admin, server, table, columns.get(table)!)
    }
    return undefined
  }

  /** The columns of each relation in `database`, or the error that it has none. */
  async #remoteColumns(
    database: string,
    tables: readonly OtherDatabaseTable[],
  ): Promise<Map<OtherDatabaseTable, readonly Column[]> | ErrorFields> {
    const read = async (client: pg.Client) => {
      const out = new Map<OtherDatabaseTable, readonly Column[]>()
      for (const table of tables) {
        const relation = await client.query<{ oid: string }>(RELATION_SQL, [
          table.schema,
          table.relation,
        ])
        const oid = relation.rows[0]?.oid
        if (oid === undefined) {
          return reject.other(
            '42P01',
            `relation "${table.database}.${table.schema}.${table.relation}" does not exist`,
          )
        }
        out.set(table, await typedColumns(client, oid))
      }
      return out
    }
    try {
      if (this.#admins.has(database))
        return await read(await this.#admins.get(database))
      // A connection of its own, closed at once: a DROP DATABASE is never
      // kept waiting by one the emulator would not otherwise hold.
      const client = new pg.Client({
        connectionString: backendUrl(this.#target, database),
        application_name: 'redshift-local',
      })
      await client.connect()
      try {
        return await read(client)
      } finally {
        await client.end().catch(() => {})
      }
    } catch (error) {
      const code = (error as { code?: unknown }).code
      if (typeof code === 'string' && GONE.has(code))
        return reject.other('3D000', `database "${database}" does not exist`)
      throw error
    }
  }

  /** The server for `database`, made or pointed at today's socket. */
  async #server(admin: pg.Client, database: string): Promise<string> {
    const name = `xdb$${digest(database)}`
    const options = [
      `host=${this.#link.socketDir}`,
      `port=${this.#link.port}`,
      `dbname=${database}`,
      // Each transaction's connection ends with it: none is left open on
      // the other database (its DROP DATABASE would wait for it).
      'keep_connections=off',
    ]
    const { rows } = await admin.query<{ options: string[] | null }>(
      'SELECT srvoptions AS options FROM pg_catalog.pg_foreign_server WHERE srvname = $1',
      [name],
    )
    const server = quoteIdentifier(name)
    const list = `host ${quoteLiteral(this.#link.socketDir)}, port ${quoteLiteral(String(this.#link.port))}, dbname ${quoteLiteral(database)}, keep_connections 'off'`
    if (rows.length === 0) {
      await admin
        .query(
          `CREATE SERVER ${server} FOREIGN DATA WRAPPER postgres_fdw OPTIONS (${list})`,
        )
        .catch(duplicateIsFine)
    } else if (!sameOptions(rows[0]!.options, options)) {
      // A kept cluster started again: its socket folder is another one.
      await admin.query(
        `ALTER SERVER ${server} OPTIONS (SET host ${quoteLiteral(this.#link.socketDir)}, SET port ${quoteLiteral(String(this.#link.port))})`,
      )
    }
    return name
  }

  /** The user's mapping: it logs in to the other database as itself, without a password. */
  async #userMapping(
    admin: pg.Client,
    server: string,
    user: string,
  ): Promise<void> {
    const options = [`user=${user}`, 'password_required=false']
    const { rows } = await admin.query<{ options: string[] | null }>(
      'SELECT umoptions AS options FROM pg_catalog.pg_user_mappings WHERE srvname = $1 AND usename = $2',
      [server, user],
    )
    if (rows.length > 0 && sameOptions(rows[0]!.options, options)) return
    const role = quoteIdentifier(user)
    const text = `BEGIN; DROP USER MAPPING IF EXISTS FOR ${role} SERVER ${quoteIdentifier(server)}; CREATE USER MAPPING FOR ${role} SERVER ${quoteIdentifier(server)} OPTIONS (user ${quoteLiteral(user)}, password_required 'false'); COMMIT`
    await admin.query(text).catch(async (error) => {
      await admin.query('ROLLBACK').catch(() => {})
      throw error
    })
  }

  /** The relation's foreign table, made again when its columns changed. */
  async #foreignTable(
    admin: pg.Client,
    server: string,
    table: OtherDatabaseTable,
    columns: readonly Column[],
  ): Promise<void> {
    const qualified = `${OTHER_DATABASE_SCHEMA}.${quoteIdentifier(table.local)}`
    const { rows } = await admin.query<{ oid: string | null }>(
      'SELECT pg_catalog.to_regclass($1)::oid::text AS oid',
      [qualified],
    )
    const oid = rows[0]?.oid ?? null
    const wanted = {
      server,
      options: [`schema_name=${table.schema}`, `table_name=${table.relation}`],
      columns,
    }
    if (oid !== null) {
      const current = await admin.query<{
        server: string
        options: string[] | null
      }>(
        `SELECT s.srvname AS server, f.ftoptions AS options FROM pg_catalog.pg_foreign_table f
         JOIN pg_catalog.pg_foreign_server s ON s.oid = f.ftserver WHERE f.ftrelid = $1::oid`,
        [oid],
      )
      const row = current.rows[0]
      if (
        row !== undefined &&
        row.server === server &&
        sameOptions(row.options, wanted.options) &&
        sameColumns(await typedColumns(admin, oid), columns)
      )
        return
    }
    const definition = columns
      .map((c) => `${quoteIdentifier(c.name)} ${c.type}`)
      .join(', ')
    // A session's open block that read the old table holds a lock on it:
    // waiting for it long is an error, not a hang.
    const text = `BEGIN; SET LOCAL lock_timeout = '10s'; DROP FOREIGN TABLE IF EXISTS ${qualified}; CREATE FOREIGN TABLE ${qualified} (${definition}) SERVER ${quoteIdentifier(server)} OPTIONS (schema_name ${quoteLiteral(table.schema)}, table_name ${quoteLiteral(table.relation)}); GRANT SELECT ON ${qualified} TO PUBLIC; COMMIT`
    await admin.query(text).catch(async (error) => {
      await admin.query('ROLLBACK').catch(() => {})
      throw error
    })
  }
}

/** A relation's columns, their types written with every schema named. */
async function typedColumns(
  client: pg.Client,
  oid: string,
): Promise<readonly Column[]> {
  // Types outside pg_catalog are written schema-qualified, the same in
  // every database (the emulator's types are in the same schemas in each).
  const results = (await client.query(
    `BEGIN; SET LOCAL search_path TO pg_catalog; ${columnsSql(oid)}; COMMIT`,
  )) as unknown as readonly { readonly rows: readonly Column[] }[]
  return results[2]?.rows ?? []
}

function sameOptions(
  current: readonly string[] | null,
  wanted: readonly string[],
): boolean {
  const have = [...(current ?? [])].sort()
  const want = [...wanted].sort()
  return have.length === want.length && have.every((v, i) => v === want[i])
}

function sameColumns(a: readonly Column[], b: readonly Column[]): boolean {
  return (
    a.length === b.length &&
    a.every((c, i) => c.name === b[i]!.name && c.type === b[i]!.type)
  )
}

function digest(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 32)
}

function duplicateIsFine(error: { code?: string }): void {
  if (error.code !== '42710') throw error
}
