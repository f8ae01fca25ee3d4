export { unload } from './unload.js'
export type {
  ManifestOptions,
  PartitionColumn,
  PartitionOptions,
  UnloadBuilder,
  UnloadEncryption,
  UnloadFormat,
} from './unload-builder.js'
export type { UnloadSource } from './inner-query.js'
export type { SizeUnit } from './unload-clauses.js'
export type { Blocked } from './unload-gates.js'
export type {
  UnloadExecuteOptions,
  UnloadFile,
  UnloadProgress,
  UnloadResult,
} from './unload-result.js'
export { UNLOAD_RULES, type UnloadRule } from './unload-rules.js'
