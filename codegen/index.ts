// The public API of kysely-redshift/codegen: generating Kysely types from a
// Redshift catalog or a saved schema model. Re-exported by name, like the
// package's main entry point.

// Generating.
export {
  DEFAULT_OUT_FILE,
  DEFAULT_SCHEMAS,
  generate,
  type GenerateLogger,
  type GenerateOptions,
  type GenerateProgress,
  type GenerateResult,
} from './generate/index.js'

// The two halves generate() joins, for pipelines of one's own (introspect
// once, render with several options; render a model built by hand).
export {
  detectServer,
  introspect,
  type DetectServerOptions,
  type IntrospectOptions,
  type ServerInfo,
  type ServerKind,
} from './introspect/index.js'
export { render, type RenderOptions } from './render/index.js'

// The command line, for wrapping it in a script of one's own.
export {
  CODEGEN_HELP,
  runCodegenCli,
  UNEXPECTED_EXIT_CODE,
  type CodegenCliIo,
} from './cli/index.js'

// The config file.
export {
  CONFIG_FILE_NAME,
  codegenConfigSchema,
  LOG_LEVELS,
  loadCodegenConfig,
  parseCodegenConfig,
  type CodegenConfig,
  type LoadCodegenConfigOptions,
  type LoadedCodegenConfig,
  type LogLevel,
} from './config/index.js'

// Relation filters.
export {
  filterRelations,
  qualifiedName,
  type RelationFilter,
} from './filter/index.js'

// The schema model and its snapshots.
export {
  RELATION_KINDS,
  SCHEMA_MODEL_VERSION,
  schemaModelSchema,
  type ColumnModel,
  type RelationKind,
  type RelationModel,
  type SchemaModel,
} from './model/schema-model.js'
export { parseSchemaModel } from './model/parse-schema-model.js'
export { readSnapshot, stableJson, writeSnapshot } from './snapshot/index.js'
export { diffOutput } from './verify/index.js'

// Errors.
export {
  CodegenError,
  EXIT_CODES,
  type CodegenErrorCode,
} from './errors/codegen-error.js'
