/**
 * Spectrum: typed, immutable builders for external schemas, external
 * tables and their partitions.
 *
 * ```ts
 * import { spectrum } from './commands/spectrum/index.js'
 * await spectrum(db).dropExternalTable('spectrum.sales').ifExists().execute()
 * ```
 */
export { spectrum, type RedshiftSpectrum } from './spectrum.js'
export {
  AlterExternalTableBuilder,
  type PartitionValues,
} from './alter-external-table.js'
export {
  CreateExternalSchemaBuilder,
  type DataCatalogSource,
  type ExternalSchemaRole,
  type HiveMetastoreSource,
} from './create-external-schema.js'
export {
  CreateExternalTableBuilder,
  type ExternalColumns,
  type ExternalTableDefinition,
  type RowFormatDelimited,
} from './create-external-table.js'
export {
  DropExternalSchemaBuilder,
  DropExternalTableBuilder,
} from './drop-external.js'
export type {
  CompiledColumnType,
  ExternalColumnType,
  ExternalTypeFamily,
  PartitionValueOf,
} from './external-column-type.js'
export type { PartitionScalar } from './partition-spec.js'
export {
  ALTER_FILE_FORMATS,
  EXTERNAL_FILE_FORMATS,
  EXTERNAL_TABLE_PROPERTIES,
  SPECTRUM_RULES,
  type AlterFileFormat,
  type ExternalFileFormat,
  type ExternalTableProperties,
  type ExternalTablePropertyName,
} from './spectrum-rules.js'
