export { prepare } from './prepare.js'
export { PreparedQuery, type Params } from './prepared-query.js'
export { PreparedSql } from './prepared-sql.js'
export {
  PreparedStatementError,
  type PreparedStatementErrorOptions,
  type PreparedStatementProblem,
} from './prepared-statement-error.js'
