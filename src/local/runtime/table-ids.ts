import { AheadLookups } from './ahead-lookups.js'

/**
 * Resolves table names (as the planner names them: lower case, `schema.name`
 * or a bare name) to their OIDs in one database; names that name no table
 * are left out of the answer.
 */
export type TableIdLookup = (
  database: string,
  names: readonly string[],
) => Promise<ReadonlyMap<string, number>>

/**
 * The numeric ids Redshift's serialization error names its table by
 * (`1023`, detail `Serializable isolation violation on table - 100123, ...`;
 * https://docs.aws.amazon.com/redshift/latest/dg/c_serial_isolation.html):
 * the table's OID, as in STV_TBL_PERM.id.
 *
 * The error is reshaped while PostgreSQL's reply streams through, where no
 * lookup can wait, and a failed block cannot run one; so the ids are looked
 * up ahead, on the emulator's own connection, when a statement first
 * touches a table, and kept until DDL in that database may have changed
 * them (a name found to name no table is not asked again before then).
 * `note` answers a promise while a lookup for one of the names is under
 * way: the statement waits on it before it goes to PostgreSQL, so a conflict
 * it meets always finds the id (on a busy emulator connection the error
 * could overtake the lookup). A lookup that started before such DDL is
 * discarded.
 *
 * @example
 * ```ts
 * const ids = new TableIds(async (db, names) => new Map(names.map((n) => [n, 100123])))
 * await ids.note('dev', ['sales'])
 * ids.idOf('dev', 'sales') // 100123
 * ```
 */
export class TableIds {
  readonly #ids: AheadLookups<number>

  constructor(lookup: TableIdLookup) {
    // A name the lookup answered without an id (another session's temporary
    // table) is not asked again until DDL; a failed lookup is. Without an id
    // the error names the table as the client wrote it.
    this.#ids = new AheadLookups(lookup)
  }

  /**
   * Looks up those of `names` not known yet; the promise (which never
   * rejects) settles once every lookup under way for one of them has.
   * Undefined when every id is known or was asked and not found.
   */
  note(database: string, names: readonly string[]): Promise<void> | undefined {
    return this.#ids.note(database, names)
  }

  /** The OID of `name` in `database`, when it was looked up. */
  idOf(database: string, name: string): number | undefined {
    return this.#ids.get(database, name) ?? undefined
  }

  /** DDL ran in `database`: every id there is looked up again. */
  forget(database: string): void {
    this.#ids.forget(database)
  }
}

/**
 * The lookup's SQL on the emulator's own connection: `$1` the names. A
 * bare name resolves along that connection's search_path (Redshift's
 * default, `'$user', public`), a qualified one in its schema.
 *
 * @example
 * ```ts
 * const { rows } = await client.query(TABLE_IDS_SQL, [['sales', 'etl.staging']])
 * ```
 */
export const TABLE_IDS_SQL = `select t.name, c.oid::int8 as id
from unnest($1::text[]) as t(name)
cross join lateral (
  select c.oid from pg_catalog.pg_class c
  join pg_catalog.pg_namespace n on n.oid = c.relnamespace
  where case when strpos(t.name, '.') > 0
    then n.nspname = split_part(t.name, '.', 1)
      and c.relname = substr(t.name, strpos(t.name, '.') + 1)
    else c.relname = t.name and n.nspname = any (current_schemas(false))
  end
  order by array_position(current_schemas(false), n.nspname::text) nulls last
  limit 1
) c`
