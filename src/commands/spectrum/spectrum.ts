import type { Kysely } from 'kysely'

import {
  AlterExternalTableBuilder,
  alterExternalTable,
} from './alter-external-table.js'
import { CreateExternalSchemaBuilder } from './create-external-schema.js'
import {
  CreateExternalTableBuilder,
  type ExternalColumns,
  type ExternalTableDefinition,
} from './create-external-table.js'
import {
  DropExternalSchemaBuilder,
  DropExternalTableBuilder,
} from './drop-external.js'

/**
 * Redshift Spectrum's DDL as typed, immutable builders: external schemas,
 * external tables and their partitions. Each builder's `compile()` gives
 * the statement (every value escaped by the one escaping module, no
 * parameters) and `execute()` runs it through the instance the builders
 * came from, with its plugins, pool and telemetry. `db.spectrum` on a
 * client; `spectrum(db)` for any Kysely instance.
 *
 * ```ts
 * await db.spectrum
 *   .createExternalSchema('spectrum')
 *   .fromDataCatalog({ database: 'spectrumdb', iamRole: 'default', createExternalDatabaseIfNotExists: true })
 *   .execute()
 * ```
 */
export interface RedshiftSpectrum {
  /**
   * `CREATE EXTERNAL SCHEMA name FROM DATA CATALOG | HIVE METASTORE ...`.
   *
   * ```ts
   * await db.spectrum.createExternalSchema('spectrum').fromDataCatalog({ database: 'spectrumdb', iamRole: roleArn }).ifNotExists().execute()
   * ```
   */
  createExternalSchema(name: string): CreateExternalSchemaBuilder
  /**
   * `CREATE EXTERNAL TABLE schema.table (...)`; not in a transaction.
   *
   * ```ts
   * await db.spectrum.createExternalTable('spectrum.sales')
   *   .columns({ salesid: 'integer', pricepaid: 'decimal(8,2)' })
   *   .partitionedBy({ saledate: 'date' })
   *   .storedAs('PARQUET')
   *   .location('s3://bucket/sales/')
   *   .execute()
   * ```
   */
  createExternalTable(table: string): CreateExternalTableBuilder
  /**
   * `ALTER TABLE schema.table ...` of an external table; given the table's
   * definition, partition values are typed and checked. Not in a
   * transaction.
   *
   * ```ts
   * await db.spectrum.alterExternalTable('spectrum.sales').setLocation('s3://bucket/sales-v2/').execute()
   * ```
   */
  alterExternalTable<P extends ExternalColumns = ExternalColumns>(
    table: string | ExternalTableDefinition<P>,
  ): AlterExternalTableBuilder<P>
  /**
   * `DROP SCHEMA name [DROP EXTERNAL DATABASE] [CASCADE]`.
   *
   * ```ts
   * await db.spectrum.dropExternalSchema('spectrum').dropExternalDatabase().cascade().execute()
   * ```
   */
  dropExternalSchema(name: string): DropExternalSchemaBuilder
  /**
   * `DROP TABLE schema.table` of an external table; not in a transaction.
   *
   * ```ts
   * await db.spectrum.dropExternalTable('spectrum.sales').ifExists().execute()
   * ```
   */
  dropExternalTable(table: string): DropExternalTableBuilder
}

/**
 * The Spectrum builders on `db` (a client, any Kysely instance, a
 * transaction: statements Redshift refuses in a transaction block are then
 * refused before they are sent).
 *
 * ```ts
 * import { spectrum } from 'kysely-redshift'
 *
 * await spectrum(db).dropExternalTable('spectrum.sales').ifExists().execute()
 * ```
 */
export function spectrum(db: Kysely<any>): RedshiftSpectrum {
  return Object.freeze({
    createExternalSchema: (name: string) =>
      new CreateExternalSchemaBuilder({ db, name, ifNotExists: false }),
    createExternalTable: (table: string) =>
      new CreateExternalTableBuilder({
        db,
        name: table,
        columns: Object.freeze([]),
        partitions: Object.freeze([]),
      }),
    alterExternalTable: <P extends ExternalColumns>(
      table: string | ExternalTableDefinition<P>,
    ) => alterExternalTable(db, table),
    dropExternalSchema: (name: string) =>
      new DropExternalSchemaBuilder({
        db,
        name,
        ifExists: false,
        dropDatabase: false,
      }),
    dropExternalTable: (table: string) =>
      new DropExternalTableBuilder({ db, name: table, ifExists: false }),
  })
}
