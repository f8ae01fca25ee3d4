/**
 * Statement kinds (libpg-query node names) whose expressions compute
 * results, as opposed to DDL that only names a type or a function: the
 * rewrites of aggregates and of DECIMAL arithmetic apply to these alone.
 *
 * ```ts
 * COMPUTING_STATEMENTS.has('SelectStmt') // true
 * COMPUTING_STATEMENTS.has('CreateStmt') // false
 * ```
 */
export const COMPUTING_STATEMENTS: ReadonlySet<string> = new Set([
  'SelectStmt',
  'InsertStmt',
  'UpdateStmt',
  'DeleteStmt',
  'MergeStmt',
  'CreateTableAsStmt',
  'ViewStmt',
  'DeclareCursorStmt',
  'ExplainStmt',
])
