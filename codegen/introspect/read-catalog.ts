import { sql, type Kysely, type RawBuilder } from 'kysely'

import { toCodegenError } from './catalog-error.js'

// Every read below is ONE statement on ONE catalog source, never joined with
// another: Redshift refuses a query that mixes leader-node-only functions or
// catalog tables with compute-node views or user tables (trap 11), and which
// SVV views run where is not documented. introspect() joins the rows itself.
// Names and the database reach SQL as bind parameters only.

/** A row of SVV_REDSHIFT_TABLES. */
export interface TableRow {
  readonly schema_name: string
  readonly table_name: string
  readonly table_type: string
  readonly remarks: string | null
}

/** A row of SVV_REDSHIFT_COLUMNS. */
export interface ColumnRow {
  readonly schema_name: string
  readonly table_name: string
  readonly column_name: string
  readonly ordinal_position: number | string
  readonly data_type: string
  readonly column_default: string | null
  readonly is_nullable: string | null
  readonly encoding: string | null
  readonly distkey: boolean | string | null
  readonly sortkey: number | string | null
  readonly remarks: string | null
}

/** A row of PG_GET_LATE_BINDING_VIEW_COLS(). */
export interface LateBindingColumnRow {
  readonly view_schema: string
  readonly view_name: string
  readonly col_name: string
  readonly col_type: string
  readonly col_num: number | string
}

/** A row of SVV_MV_INFO (char(128) columns, blank-padded). */
export interface MaterializedViewRow {
  readonly database_name: string
  readonly schema_name: string
  readonly name: string
}

/** A row of PG_CLASS_INFO with its schema's name. */
export interface DistStyleRow {
  readonly schema_name: string
  readonly table_name: string
  readonly reldiststyle: number | string | null
  readonly releffectivediststyle: number | string | null
}

/** A row of SVV_EXTERNAL_TABLES. */
export interface ExternalTableRow {
  readonly schemaname: string
  readonly tablename: string
  readonly location: string | null
  readonly input_format: string | null
  readonly output_format: string | null
  readonly serialization_lib: string | null
  readonly serde_parameters: string | null
  readonly compressed: number | string | null
  readonly parameters: string | null
}

/** A row of SVV_EXTERNAL_COLUMNS. */
export interface ExternalColumnRow {
  readonly schemaname: string
  readonly tablename: string
  readonly columnname: string
  readonly external_type: string
  readonly columnnum: number | string
  readonly part_key: number | string | null
  readonly is_nullable: string | null
}

/** What to read: one database, and optionally only some schemas. */
export interface CatalogScope {
  readonly database: string
  readonly schemas?: readonly string[]
}

function schemaFilter(
  column: string,
  scope: CatalogScope,
): RawBuilder<unknown> {
  if (scope.schemas === undefined) return sql``
  // IN with one bind parameter per schema: Redshift has no array types, so
  // `= any($1)` is not an option.
  return sql` and ${sql.ref(column)} in (${sql.join(scope.schemas)})`
}

async function read<R>(
  what: string,
  query: RawBuilder<R>,
  db: Kysely<any>,
): Promise<readonly R[]> {
  try {
    return (await query.execute(db)).rows
  } catch (error) {
    throw toCodegenError(error, what)
  }
}

/**
 * Local tables and views (SVV_REDSHIFT_TABLES: every relation the user may
 * see, with its comment as `remarks`; unlike SVV_TABLE_INFO it needs no
 * superuser and keeps empty tables, and unlike PG_TABLE_DEF it does not
 * depend on search_path). Datashare relations of other databases are left
 * out by `database_name`.
 *
 * @example
 * ```ts
 * const tables = await readTables(db, { database: 'dev' })
 * ```
 */
export function readTables(
  db: Kysely<any>,
  scope: CatalogScope,
): Promise<readonly TableRow[]> {
  return read(
    'SVV_REDSHIFT_TABLES',
    sql<TableRow>`select schema_name, table_name, table_type, remarks
      from pg_catalog.svv_redshift_tables
      where database_name = ${scope.database}${schemaFilter('schema_name', scope)}`,
    db,
  )
}

/**
 * Columns of local tables, views and materialized views
 * (SVV_REDSHIFT_COLUMNS: the one documented view with ENCODE, DISTKEY and
 * SORTKEY next to type, default, nullability and comment, for every schema;
 * SVV_COLUMNS and SVV_ALL_COLUMNS lack the physical design, PG_TABLE_DEF
 * sees only search_path).
 *
 * @example
 * ```ts
 * const columns = await readColumns(db, { database: 'dev', schemas: ['public'] })
 * ```
 */
export function readColumns(
  db: Kysely<any>,
  scope: CatalogScope,
): Promise<readonly ColumnRow[]> {
  return read(
    'SVV_REDSHIFT_COLUMNS',
    sql<ColumnRow>`select schema_name, table_name, column_name, ordinal_position, data_type,
        column_default, is_nullable, encoding, distkey, sortkey, remarks
      from pg_catalog.svv_redshift_columns
      where database_name = ${scope.database}${schemaFilter('schema_name', scope)}`,
    db,
  )
}

/**
 * Columns of late-binding views, which Redshift only knows by binding the
 * view (PG_GET_LATE_BINDING_VIEW_COLS, called with the column list its
 * documentation gives). Every view it lists is a late-binding one.
 *
 * @example
 * ```ts
 * const columns = await readLateBindingColumns(db)
 * ```
 */
export function readLateBindingColumns(
  db: Kysely<any>,
): Promise<readonly LateBindingColumnRow[]> {
  return read(
    'PG_GET_LATE_BINDING_VIEW_COLS()',
    sql<LateBindingColumnRow>`select view_schema, view_name, col_name, col_type, col_num
      from pg_catalog.pg_get_late_binding_view_cols()
        cols(view_schema name, view_name name, col_name name, col_type varchar, col_num int)`,
    db,
  )
}

/**
 * Materialized views (SVV_MV_INFO; STV_MV_INFO says the same but STV views
 * do not exist on Serverless). SVV_REDSHIFT_TABLES shows them as views.
 *
 * @example
 * ```ts
 * const views = await readMaterializedViews(db)
 * ```
 */
export function readMaterializedViews(
  db: Kysely<any>,
): Promise<readonly MaterializedViewRow[]> {
  // Filtered by database here rather than in SQL: the columns are char(128).
  return read(
    'SVV_MV_INFO',
    sql<MaterializedViewRow>`select database_name, schema_name, name from pg_catalog.svv_mv_info`,
    db,
  )
}

/**
 * The distribution style of each table (PG_CLASS_INFO: `reldiststyle` as
 * declared, `releffectivediststyle` 10-12 for AUTO; visible to every user,
 * where SVV_TABLE_INFO is superuser-only and leaves empty tables out). It
 * and pg_namespace are both catalog relations, as in the documentation's own
 * example query.
 *
 * @example
 * ```ts
 * const styles = await readDistStyles(db, { database: 'dev' })
 * ```
 */
export function readDistStyles(
  db: Kysely<any>,
  scope: CatalogScope,
): Promise<readonly DistStyleRow[]> {
  return read(
    'PG_CLASS_INFO',
    sql<DistStyleRow>`select n.nspname as schema_name, c.relname as table_name,
        c.reldiststyle, c.releffectivediststyle
      from pg_catalog.pg_class_info c
      join pg_catalog.pg_namespace n on n.oid = c.relnamespace
      where c.relkind = 'r'${schemaFilter('n.nspname', scope)}`,
    db,
  )
}

/**
 * Spectrum's external tables (SVV_EXTERNAL_TABLES: where and how their
 * files are), which SVV_REDSHIFT_TABLES does not list. Only those of the
 * database connected to, by `redshift_database_name`.
 *
 * @example
 * ```ts
 * const tables = await readExternalTables(db, { database: 'dev' })
 * ```
 */
export function readExternalTables(
  db: Kysely<any>,
  scope: CatalogScope,
): Promise<readonly ExternalTableRow[]> {
  return read(
    'SVV_EXTERNAL_TABLES',
    sql<ExternalTableRow>`select schemaname, tablename, location, input_format, output_format,
        serialization_lib, serde_parameters, compressed, parameters
      from pg_catalog.svv_external_tables
      where redshift_database_name = ${scope.database}${schemaFilter('schemaname', scope)}`,
    db,
  )
}

/**
 * The columns of external tables, partition columns included (`part_key`
 * > 0), with their Hive types (SVV_EXTERNAL_COLUMNS; PG_TABLE_DEF and
 * SVV_REDSHIFT_COLUMNS leave external tables out).
 *
 * @example
 * ```ts
 * const columns = await readExternalColumns(db, { database: 'dev', schemas: ['spectrum'] })
 * ```
 */
export function readExternalColumns(
  db: Kysely<any>,
  scope: CatalogScope,
): Promise<readonly ExternalColumnRow[]> {
  return read(
    'SVV_EXTERNAL_COLUMNS',
    sql<ExternalColumnRow>`select schemaname, tablename, columnname, external_type, columnnum,
        part_key, is_nullable
      from pg_catalog.svv_external_columns
      where redshift_database_name = ${scope.database}${schemaFilter('schemaname', scope)}`,
    db,
  )
}
