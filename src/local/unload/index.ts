export { parseUnload, type ParseUnloadResult } from './parse-unload.js'
export {
  writeUnload,
  type UnloadContext,
  type UnloadedFile,
  type UnloadOutcome,
} from './write-unload.js'
export { UnloadError } from './unload-error.js'
export type { UnloadColumn, ColumnKind } from './column-kind.js'
export {
  UNLOAD_RULES,
  checkUnloadRules,
  type UnloadRule,
} from './unload-rules.js'
export type {
  FixedWidthColumn,
  UnloadAuthorization,
  UnloadCompression,
  UnloadCredentials,
  UnloadFormat,
  UnloadPlan,
} from './unload-plan.js'
