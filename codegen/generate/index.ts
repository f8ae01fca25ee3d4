export { DEFAULT_OUT_FILE, DEFAULT_SCHEMAS, generate } from './generate.js'
export type {
  GenerateLogger,
  GenerateOptions,
  GenerateProgress,
  GenerateResult,
} from './generate-options.js'
