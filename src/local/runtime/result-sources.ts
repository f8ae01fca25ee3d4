import { AheadLookups, type AheadLookup } from './ahead-lookups.js'

/** A column of a relation, as extended result metadata describes it. */
export interface SourceColumn {
  readonly name: string
  readonly notNull: boolean
  /** An IDENTITY column (or one whose default draws from a sequence). */
  readonly autoIncrement: boolean
  /**
   * Redshift's type OID where the backing column's type does not say it: a
   * GEOMETRY, GEOGRAPHY or HLLSKETCH column is PostgreSQL text.
   */
  readonly redshiftType?: number
}

/** A relation a result column is read from (PostgreSQL's table OID of the field). */
export interface SourceRelation {
  readonly schema: string
  readonly table: string
  /** By attribute number. */
  readonly columns: ReadonlyMap<number, SourceColumn>
}

/** Resolves relation OIDs (as decimal strings) to their relations in one database. */
export type ResultSourceLookup = AheadLookup<SourceRelation>

/**
 * The relations result columns come from, by OID, for the extended result
 * metadata of protocol version 1 and for the type OIDs of columns stored as
 * another type (GEOMETRY as text): RowDescription gives each field's table
 * OID and attribute number, and the names and flags Redshift adds are
 * looked up from those. The message streams through where nothing can wait
 * for a query, so a session holds PostgreSQL's stream at the first
 * RowDescription naming an OID not known yet (sessions that speak the base
 * protocol look up only relations that text fields are read from), and the answer is kept per database
 * until DDL the emulator sees there may have renamed a relation or changed
 * its columns. The lookup runs on the emulator's own connection: a relation
 * created or altered in a block the client has not committed yet is not
 * visible there, and its columns come back without names.
 *
 * @example
 * ```ts
 * const sources = new ResultSources(lookup)
 * await sources.note('dev', ['16384'])
 * sources.relation('dev', 16384)?.table // 'sales'
 * ```
 */
export class ResultSources {
  readonly #relations: AheadLookups<SourceRelation>

  constructor(lookup: ResultSourceLookup) {
    this.#relations = new AheadLookups(lookup)
  }

  /** Looks up the OIDs not known yet; see {@link AheadLookups.note}. */
  note(database: string, oids: readonly string[]): Promise<void> | undefined {
    return this.#relations.note(database, oids)
  }

  /** The relation of `oid`: undefined when not looked up yet, null when there is none. */
  relation(database: string, oid: number): SourceRelation | null | undefined {
    return this.#relations.get(database, String(oid))
  }

  /** DDL ran in `database`: its relations are looked up again. */
  forget(database: string): void {
    this.#relations.forget(database)
  }
}

/**
 * The lookup's SQL on the emulator's own connection: `$1` the OIDs; one row
 * per live column of each relation found. `auto` is the JDBC driver's own
 * test for an autoincrement column when it has no extended metadata
 * (`RedshiftResultSetMetaDataImpl.fetchFieldMetaData`: a default that calls
 * nextval), plus PostgreSQL's identity columns, which back Redshift's
 * IDENTITY in the emulator. A client's read of a catalog goes to the
 * emulator's filtered view of the same name (`catalog/client-catalog-views.ts`),
 * so such a view's fields are described as the catalog's own: its schema
 * and its columns' NOT NULL. A foreign table that reads another database's
 * relation (`sql/three-part-names.ts`) is described by that relation's
 * schema and name.
 *
 * @example
 * ```ts
 * const { rows } = await client.query(RESULT_SOURCES_SQL, [['16384']])
 * ```
 */
export const RESULT_SOURCES_SQL = `select c.oid::int8 as oid, coalesce(fo.schema, base.schema, n.nspname) as schema, coalesce(fo.relation, c.relname) as relation,
  a.attnum::int4 as attnum, a.attname as column, coalesce(ba.attnotnull, a.attnotnull) as not_null,
  (a.attidentity <> '' or coalesce(pg_catalog.pg_get_expr(d.adbin, d.adrelid) like '%nextval(%', false)) as auto,
  case when a.atttypid = 25 then case ta.column_types ->> a.attname::text
    when 'geometry' then 3000 when 'geography' then 3001 when 'hllsketch' then 2935 end end as redshift_type
from pg_catalog.pg_class c
join pg_catalog.pg_namespace n on n.oid = c.relnamespace
join pg_catalog.pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
left join lateral (
  select b.oid, bn.nspname as schema from pg_catalog.pg_class b
  join pg_catalog.pg_namespace bn on bn.oid = b.relnamespace
  where n.nspname = 'redshift_local' and b.relname = c.relname
    and bn.nspname in ('pg_catalog', 'information_schema')
  order by bn.nspname = 'pg_catalog' desc limit 1
) base on true
left join lateral (
  select max(substr(o, 13)) filter (where o like 'schema_name=%') as schema,
    max(substr(o, 12)) filter (where o like 'table_name=%') as relation
  from pg_catalog.pg_foreign_table f, unnest(f.ftoptions) o
  where n.nspname = 'redshift_local' and f.ftrelid = c.oid
) fo on true
left join pg_catalog.pg_attribute ba on ba.attrelid = base.oid and ba.attname = a.attname and not ba.attisdropped
left join pg_catalog.pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
left join redshift_local.table_attributes ta on ta.relid = c.oid
where c.oid = any ($1::oid[])`

/** One row of {@link RESULT_SOURCES_SQL}. */
export interface ResultSourceRow {
  readonly oid: string
  readonly schema: string
  readonly relation: string
  readonly attnum: number
  readonly column: string
  readonly not_null: boolean
  readonly auto: boolean
  readonly redshift_type: number | null
}

/**
 * The relations in the rows of {@link RESULT_SOURCES_SQL}, by OID.
 *
 * @example
 * ```ts
 * const found = resultSourcesOf(rows)
 * found.get('16384')?.columns.get(1)?.name // 'id'
 * ```
 */
export function resultSourcesOf(
  rows: readonly ResultSourceRow[],
): ReadonlyMap<string, SourceRelation> {
  const columns = new Map<string, Map<number, SourceColumn>>()
  const out = new Map<string, SourceRelation>()
  for (const row of rows) {
    const oid = String(row.oid)
    let of = columns.get(oid)
    if (of === undefined) {
      of = new Map()
      columns.set(oid, of)
      out.set(oid, { schema: row.schema, table: row.relation, columns: of })
    }
    of.set(row.attnum, {
      name: row.column,
      notNull: row.not_null,
      autoIncrement: row.auto,
      ...(row.redshift_type === null
        ? {}
        : { redshiftType: row.redshift_type }),
    })
  }
  return out
}
