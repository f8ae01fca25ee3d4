import {
  DEFAULT_MIGRATION_LOCK_TABLE,
  DEFAULT_MIGRATION_TABLE,
  sql,
  type ColumnMetadata,
  type DatabaseIntrospector,
  type DatabaseMetadata,
  type DatabaseMetadataOptions,
  type Kysely,
  type SchemaMetadata,
  type TableMetadata,
} from 'kysely'

/** The catalog columns this introspector reads. */
interface Catalog {
  'pg_catalog.pg_namespace': { oid: number; nspname: string }
  'pg_catalog.pg_class': {
    oid: number
    relname: string
    relnamespace: number
    relkind: string
  }
  'pg_catalog.pg_attribute': {
    attrelid: number
    attname: string
    atttypid: number
    attnum: number
    attnotnull: boolean
    atthasdef: boolean
    attisdropped: boolean
    // PostgreSQL 10+ only; Redshift's pg_attribute has no such column.
    attidentity: string
  }
  'pg_catalog.pg_type': { oid: number; typname: string; typnamespace: number }
  'pg_catalog.pg_attrdef': { adrelid: number; adnum: number; adbin: unknown }
}

interface RawColumn {
  readonly column: string
  readonly not_null: boolean
  readonly has_default: boolean
  readonly table: string
  readonly table_type: string
  readonly schema: string
  readonly type: string
  readonly type_schema: string
  readonly column_description: string | null
  readonly default_expression: string | null
  readonly identity?: string | null
}

/**
 * Schemas that hold no user tables: the catalogs, Redshift's internal
 * `pg_*` schemas (matched by prefix) and the local emulator's bookkeeping.
 */
const HIDDEN_SCHEMAS = [
  'information_schema',
  'catalog_history',
  'redshift_local',
]

/** `r` table, `v` view, `m` materialized view, `p` partitioned, `f` foreign. */
const RELATION_KINDS = ['r', 'v', 'm', 'p', 'f']

// Redshift writes an IDENTITY column's default as "identity"(oid, n, 'seed,step');
// PostgreSQL serial columns default to nextval(...).
const AUTO_INCREMENT_DEFAULT = /^("identity"|identity|nextval)\(/i

/**
 * Reads tables, views and columns from the PostgreSQL-compatible catalog
 * (`pg_namespace`, `pg_class`, `pg_attribute`, `pg_type`, `pg_attrdef`) with
 * plain joins, so it runs on Redshift: no `pg_get_serial_sequence`,
 * `::regclass`, `has_schema_privilege` or other functions Redshift lacks, and
 * no mixing of catalog-only functions with user tables.
 *
 * IDENTITY columns (Redshift's `"identity"(...)` default, PostgreSQL's
 * `attidentity`, serial defaults) are reported as auto-incrementing. Kysely's
 * migration tables are left out unless asked for.
 *
 * Late-binding views and external (Spectrum) tables have no rows in
 * `pg_attribute` and are not listed here.
 *
 * ```ts
 * const tables = await db.introspection.getTables()
 * for (const table of tables) console.log(table.schema, table.name, table.isView)
 * ```
 */
export class RedshiftIntrospector implements DatabaseIntrospector {
  readonly #db: Kysely<Catalog>

  // Kysely hands every introspector a Kysely<any>.
  constructor(db: Kysely<any>) {
    this.#db = db as Kysely<Catalog>
  }

  async getSchemas(): Promise<SchemaMetadata[]> {
    const rows = await this.#db
      .selectFrom('pg_catalog.pg_namespace')
      .select('nspname')
      .orderBy('nspname')
      .execute()
    return rows.map((row) => Object.freeze({ name: row.nspname }))
  }

  async getTables(
    options: DatabaseMetadataOptions = { withInternalKyselyTables: false },
  ): Promise<TableMetadata[]> {
    const withIdentity = await this.#hasAttIdentity()
    let query = this.#db
      .selectFrom('pg_catalog.pg_attribute as a')
      .innerJoin('pg_catalog.pg_class as c', 'a.attrelid', 'c.oid')
      .innerJoin('pg_catalog.pg_namespace as ns', 'c.relnamespace', 'ns.oid')
      .innerJoin('pg_catalog.pg_type as typ', 'a.atttypid', 'typ.oid')
      .innerJoin(
        'pg_catalog.pg_namespace as dtns',
        'typ.typnamespace',
        'dtns.oid',
      )
      .leftJoin('pg_catalog.pg_attrdef as ad', (join) =>
        join
          .onRef('ad.adrelid', '=', 'a.attrelid')
          .onRef('ad.adnum', '=', 'a.attnum'),
      )
      .select([
        'a.attname as column',
        'a.attnotnull as not_null',
        'a.atthasdef as has_default',
        'c.relname as table',
        'c.relkind as table_type',
        'ns.nspname as schema',
        'typ.typname as type',
        'dtns.nspname as type_schema',
        sql<string | null>`col_description(a.attrelid, a.attnum)`.as(
          'column_description',
        ),
        sql<string | null>`pg_get_expr(ad.adbin, ad.adrelid)`.as(
          'default_expression',
        ),
      ])
      .$if(withIdentity, (qb) => qb.select('a.attidentity as identity'))
      .where('c.relkind', 'in', RELATION_KINDS)
      .where('ns.nspname', '!~', '^pg_')
      .where('ns.nspname', 'not in', HIDDEN_SCHEMAS)
      .where('a.attnum', '>', 0)
      .where('a.attisdropped', '=', false)
      .orderBy('ns.nspname')
      .orderBy('c.relname')
      .orderBy('a.attnum')

    if (!options.withInternalKyselyTables) {
      query = query.where('c.relname', 'not in', [
        DEFAULT_MIGRATION_TABLE,
        DEFAULT_MIGRATION_LOCK_TABLE,
      ])
    }
    const rows: RawColumn[] = await query.execute()
    return groupTables(rows)
  }

  async getMetadata(
    options?: DatabaseMetadataOptions,
  ): Promise<DatabaseMetadata> {
    return { tables: await this.getTables(options) }
  }

  /** `attidentity` exists on PostgreSQL 10+ (the emulator's backend), not on Redshift. */
  async #hasAttIdentity(): Promise<boolean> {
    const row = await this.#db
      .selectFrom('pg_catalog.pg_attribute as a')
      .innerJoin('pg_catalog.pg_class as c', 'a.attrelid', 'c.oid')
      .innerJoin('pg_catalog.pg_namespace as ns', 'c.relnamespace', 'ns.oid')
      .select('a.attname')
      .where('ns.nspname', '=', 'pg_catalog')
      .where('c.relname', '=', 'pg_attribute')
      .where('a.attname', '=', 'attidentity')
      .executeTakeFirst()
    return row !== undefined
  }
}

function groupTables(rows: readonly RawColumn[]): TableMetadata[] {
  const tables: TableMetadata[] = []
  const byKey = new Map<string, ColumnMetadata[]>()
  for (const row of rows) {
    const key = `${row.schema}\0${row.table}`
    let columns = byKey.get(key)
    if (!columns) {
      columns = []
      byKey.set(key, columns)
      tables.push(
        Object.freeze({
          name: row.table,
          schema: row.schema,
          isView: row.table_type === 'v' || row.table_type === 'm',
          columns,
        }),
      )
    }
    columns.push(
      Object.freeze({
        name: row.column,
        dataType: row.type,
        dataTypeSchema: row.type_schema,
        isNullable: !row.not_null,
        hasDefaultValue: row.has_default || isIdentity(row),
        isAutoIncrementing: isIdentity(row),
        comment: row.column_description ?? undefined,
      }),
    )
  }
  return tables
}

function isIdentity(row: RawColumn): boolean {
  return (
    row.identity === 'a' ||
    row.identity === 'd' ||
    (row.default_expression !== null &&
      AUTO_INCREMENT_DEFAULT.test(row.default_expression))
  )
}
