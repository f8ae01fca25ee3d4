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
 * them. A lookup that started before such DDL is discarded; a name that
 * names no table (yet) is asked again when a statement names it next.
 *
 * @example
 * ```ts
 * const ids = new TableIds(async (db, names) => new Map(names.map((n) => [n, 100123])))
 * ids.note('dev', ['sales'])
 * // later, once the lookup answered:
 * ids.idOf('dev', 'sales') // 100123
 * ```
 */
export class TableIds {
  readonly #lookup: TableIdLookup
  readonly #databases = new Map<string, DatabaseIds>()

  constructor(lookup: TableIdLookup) {
    this.#lookup = lookup
  }

  /** Looks up, in the background, those of `names` not known yet. */
  note(database: string, names: readonly string[]): void {
    const ids = this.#of(database)
    const wanted = names.filter((n) => !ids.known.has(n) && !ids.pending.has(n))
    if (wanted.length === 0) return
    const generation = ids.generation
    for (const name of wanted) ids.pending.add(name)
    this.#lookup(database, wanted).then(
      (found) => {
        if (ids.generation !== generation) return
        for (const name of wanted) {
          ids.pending.delete(name)
          const id = found.get(name)
          if (id !== undefined) ids.known.set(name, id)
        }
      },
      // Without an id the error names the table as the client wrote it.
      () => {
        if (ids.generation !== generation) return
        for (const name of wanted) ids.pending.delete(name)
      },
    )
  }

  /** The OID of `name` in `database`, when it was looked up. */
  idOf(database: string, name: string): number | undefined {
    return this.#databases.get(database)?.known.get(name)
  }

  /** DDL ran in `database`: every id there is looked up again. */
  forget(database: string): void {
    const ids = this.#databases.get(database)
    if (ids === undefined) return
    ids.generation++
    ids.known.clear()
    ids.pending.clear()
  }

  #of(database: string): DatabaseIds {
    let ids = this.#databases.get(database)
    if (ids === undefined) {
      ids = { known: new Map(), pending: new Set(), generation: 0 }
      this.#databases.set(database, ids)
    }
    return ids
  }
}

interface DatabaseIds {
  readonly known: Map<string, number>
  /** Names a lookup is under way for (not asked twice). */
  readonly pending: Set<string>
  generation: number
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
