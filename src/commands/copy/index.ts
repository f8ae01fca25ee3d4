/**
 * COPY: a typed, immutable builder for Redshift's bulk load.
 *
 * ```ts
 * import { copyInto } from './commands/copy/index.js'
 * await copyInto(db, 'sales').from('s3://bucket/sales/').iamRole('default').csv().execute()
 * ```
 */
export { copyInto, type DatabaseOf } from './copy-into.js'
export type {
  CopyAvroOption,
  CopyBuilder,
  CopyColumnarMethods,
  CopyCommon,
  CopyCompressionMethods,
  CopyConversionMethods,
  CopyDelimiterMethod,
  CopyEncoding,
  CopyEncryptedMethod,
  CopyEscapeMethod,
  CopyFileConversionMethods,
  CopyFillRecordMethod,
  CopyFormatKind,
  CopyFormatMethods,
  CopyFrom,
  CopyJsonOption,
  CopyLoadMethods,
  CopyNullMethods,
  CopyRawValue,
  CopyReadRatioMethod,
  CopyRegionMethod,
  CopyRemoveQuotesMethod,
  CopyS3Methods,
  CopySerializeMethod,
  CopyShapefileOptions,
  CopySourceKind,
  CopySshMethod,
  CopyTextFileMethods,
  CopyZstdMethod,
} from './copy-builder.js'
export type {
  CopyExecuteOptions,
  CopyProgress,
  CopyResult,
  LoadErrorRow,
} from './copy-result.js'
export { COPY_COLUMNAR, COPY_KEYWORDS, COPY_RULES } from './copy-rules.js'
export { REDSHIFT_MAX_STATEMENT_BYTES } from './compile-copy.js'
export {
  loadErrorsQuery,
  MAX_LOAD_ERROR_ROWS,
  readLoadErrors,
  type LoadErrorView,
} from './load-error-rows.js'
