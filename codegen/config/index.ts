export {
  codegenConfigSchema,
  type CodegenConfig,
} from './codegen-config-schema.js'
export {
  CONFIG_FILE_NAME,
  loadCodegenConfig,
  type LoadCodegenConfigOptions,
  type LoadedCodegenConfig,
} from './load-codegen-config.js'
export { LOG_LEVELS, type LogLevel } from './log-level.js'
export { parseCodegenConfig } from './parse-codegen-config.js'
