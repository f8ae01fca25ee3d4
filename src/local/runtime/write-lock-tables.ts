import { AheadLookups } from './ahead-lookups.js'
import { searchPathSchemas } from './search-path.js'

/** A table name as a session wrote it, with what PostgreSQL resolves it by. */
export interface WrittenName {
  /** `schema.name` or `name`, as statement plans name written tables. */
  readonly name: string
  /** The user `$user` stands for (the session's current user). */
  readonly user: string
  /** The session's search_path as it SET it; undefined: the role's default. */
  readonly path: string | undefined
}

/** One group of names to resolve: the same user and search path. */
export interface WrittenNameQuery {
  /** The schemas searched for a bare name, in order. */
  readonly schemas: readonly string[]
  readonly user: string
  /** Each name's schema (null: bare) and relation name. */
  readonly names: readonly (readonly [string | null, string])[]
}

/** How the lookup reaches PostgreSQL (the emulator's own connection to `database`). */
export interface WrittenNameBackend {
  /** The search_path a new session of `user` starts with. */
  defaultPath(database: string, user: string): Promise<string>
  /** Each name's OID, in order; null where it names no relation. */
  oids(database: string, query: WrittenNameQuery): Promise<(number | null)[]>
}

/**
 * The OIDs of the tables written names resolve to, so Redshift's write
 * locks (`write-locks.ts`) are the table's whatever its spelling: `t`,
 * `public.t`, a folded `"T"` and a name found through the session's
 * search_path all take one lock. A bare name resolves as PostgreSQL
 * resolves it for the session: along its search_path (`$user` its current
 * user, schemas it lacks USAGE on skipped, `pg_catalog` first unless
 * placed), the role's default when it set none. Looked up on the emulator's
 * own connection, which sees committed tables only; kept until DDL in the
 * database may have changed what a name resolves to.
 *
 * @example
 * ```ts
 * const tables = new WriteLockTables(backend)
 * await tables.note('dev', [{ name: 't', user: 'awsuser', path: undefined }])
 * tables.idOf('dev', { name: 't', user: 'awsuser', path: undefined }) // 100123
 * ```
 */
export class WriteLockTables {
  readonly #ids: AheadLookups<number>

  constructor(backend: WrittenNameBackend) {
    this.#ids = new AheadLookups((database, keys) =>
      lookUp(backend, database, keys),
    )
  }

  /**
   * Looks up the names not known yet; the promise (which never rejects)
   * settles once every lookup under way for one of them has. Undefined when
   * every name is known or was asked and not found.
   */
  note(
    database: string,
    names: readonly WrittenName[],
  ): Promise<void> | undefined {
    return this.#ids.note(database, names.map(keyOf))
  }

  /** The OID `name` resolves to: undefined while unknown, null when it names no table. */
  idOf(database: string, name: WrittenName): number | null | undefined {
    return this.#ids.get(database, keyOf(name))
  }

  /** DDL ran in `database`: every name there is resolved again. */
  forget(database: string): void {
    this.#ids.forget(database)
  }
}

const SEPARATOR = '\u0000'
/** Stands for "the role's default" in a key (no search_path value has it). */
const DEFAULT_PATH = '\u0001'

function keyOf(name: WrittenName): string {
  return [name.user, name.path ?? DEFAULT_PATH, name.name].join(SEPARATOR)
}

async function lookUp(
  backend: WrittenNameBackend,
  database: string,
  keys: readonly string[],
): Promise<ReadonlyMap<string, number>> {
  const groups = new Map<string, string[]>()
  for (const key of keys) {
    const group = key.slice(0, key.lastIndexOf(SEPARATOR))
    let list = groups.get(group)
    if (list === undefined) groups.set(group, (list = []))
    list.push(key)
  }
  const found = new Map<string, number>()
  for (const [group, members] of groups) {
    const [user, stored] = group.split(SEPARATOR) as [string, string]
    const path =
      stored === DEFAULT_PATH
        ? await backend.defaultPath(database, user)
        : stored
    const schemas = searchPathSchemas(path, user)
    // A value PostgreSQL would have refused: nothing is resolved.
    if (schemas === undefined) continue
    const names = members.map((key) => splitName(key.slice(group.length + 1)))
    const oids = await backend.oids(database, { schemas, user, names })
    members.forEach((key, i) => {
      const oid = oids[i]
      if (oid !== null && oid !== undefined) found.set(key, oid)
    })
  }
  return found
}

function splitName(name: string): readonly [string | null, string] {
  const dot = name.indexOf('.')
  return dot < 0 ? [null, name] : [name.slice(0, dot), name.slice(dot + 1)]
}

/**
 * The search_path a new session of `$1` (a user name) starts with in the
 * connection's database: PostgreSQL's order of ALTER ROLE ... IN DATABASE,
 * ALTER ROLE, ALTER DATABASE and ALTER ROLE ALL settings, then the
 * server's (the emulator's own connection sets none of its own).
 *
 * @example
 * ```ts
 * const { rows } = await client.query(DEFAULT_SEARCH_PATH_SQL, ['alice'])
 * ```
 */
export const DEFAULT_SEARCH_PATH_SQL = `select coalesce(
  (select substr(c.setting, 13)
   from pg_catalog.pg_db_role_setting s
   cross join lateral pg_catalog.unnest(s.setconfig) as c(setting)
   where c.setting like 'search\\_path=%'
     and s.setrole in (0, coalesce((select r.oid from pg_catalog.pg_roles r where r.rolname = $1), 0))
     and s.setdatabase in (0, (select d.oid from pg_catalog.pg_database d where d.datname = pg_catalog.current_database()))
   order by s.setrole = 0, s.setdatabase = 0
   limit 1),
  (select s.reset_val from pg_catalog.pg_settings s where s.name = 'search_path')) as path`

/**
 * Resolves names as PostgreSQL does for a session: `$1` the schemas of its
 * search path in order, `$2` its user, `$3` / `$4` each name's schema (null
 * for a bare name) and relation name. A bare name takes the first schema
 * of the path that has a relation of that name and that the user may use;
 * a qualified one its schema. One row per name, in order, `id` null where
 * none is found.
 *
 * @example
 * ```ts
 * const { rows } = await client.query(WRITTEN_NAME_OIDS_SQL, [['pg_catalog', 'public'], 'alice', [null], ['t']])
 * ```
 */
export const WRITTEN_NAME_OIDS_SQL = `select w.i::int4 as i, (
  select c.oid::int8
  from pg_catalog.pg_class c
  join pg_catalog.pg_namespace n on n.oid = c.relnamespace
  left join pg_catalog.unnest($1::text[]) with ordinality as p(schema, at) on p.schema = n.nspname
  where c.relname = w.relname
    and case when w.schema is null
      then p.at is not null
        and coalesce((select pg_catalog.has_schema_privilege(r.oid, n.oid, 'USAGE')
          from pg_catalog.pg_roles r where r.rolname = $2), true)
      else n.nspname = w.schema end
  order by p.at
  limit 1) as id
from rows from (pg_catalog.unnest($3::text[]), pg_catalog.unnest($4::text[]))
  with ordinality as w(schema, relname, i)
order by w.i`
