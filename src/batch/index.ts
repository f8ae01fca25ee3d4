export {
  batchInsert,
  type BatchInsertOptions,
  type BatchInsertProgress,
  type BatchInsertResult,
  type BatchRows,
} from './batch-insert.js'
export {
  BatchInsertError,
  type BatchInsertErrorOptions,
} from './batch-insert-error.js'
export {
  MAX_BIND_PARAMETERS,
  MAX_CHUNK_BYTES,
  type ChunkLimits,
} from './batch-limits.js'
