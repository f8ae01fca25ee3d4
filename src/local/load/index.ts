export { parseCopy, type ParsedCopy, type RawCopy } from './parse-copy.js'
export {
  startCopyLoad,
  type CopyLoad,
  type CopyLoadContext,
  type CopyLoadFile,
  type CopyLoadResult,
} from './start-copy-load.js'
export { CopyLoadError } from './copy-errors.js'
export type { TargetColumn } from './target-column.js'
export type {
  CopyAuthorization,
  CopyCompression,
  CopyCredentials,
  CopyEncoding,
  CopyFormat,
  CopyOptions,
  CopyPlan,
  CopySource,
  FixedWidthField,
  StructuredMapping,
} from './copy-plan.js'
