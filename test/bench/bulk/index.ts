export {
  measureBatchInsert,
  type BatchInsertRound,
} from './batch-insert-bench.js'
export {
  measureStream,
  type StreamReader,
  type StreamRun,
} from './stream-bench.js'
