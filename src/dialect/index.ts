export {
  RedshiftAdapter,
  type MigrationLockSettings,
} from './redshift-adapter.js'
export { RedshiftDialect } from './redshift-dialect.js'
export type {
  RedshiftDialectConfig,
  RedshiftDialectInput,
} from './redshift-dialect-config.js'
export {
  RedshiftDriver,
  type RedshiftDriverOptions,
} from './redshift-driver.js'
export { RedshiftIntrospector } from './redshift-introspector.js'
export {
  RedshiftQueryCompiler,
  type RedshiftQueryCompilerOptions,
} from './redshift-query-compiler.js'
export {
  QuerySettingsPlugin,
  statementSettingsOf,
  withQuerySettings,
  withStatementSettings,
  type QuerySettings,
  type StatementSettings,
} from './query-settings-plugin.js'
