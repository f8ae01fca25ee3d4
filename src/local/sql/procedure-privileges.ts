import type { PgNode } from './parse-tree.js'
import { quoteLiteral } from './quote.js'

/**
 * The statement run after a CREATE [OR REPLACE] PROCEDURE that takes
 * PUBLIC's EXECUTE from the new procedure, as Redshift grants it to the
 * owner and superusers only
 * (https://docs.aws.amazon.com/redshift/latest/dg/stored-procedure-security-and-privileges.html;
 * PostgreSQL grants it to PUBLIC). Null for a function. The schema is the
 * statement's, else the one the procedure is created in (CURRENT_SCHEMA).
 *
 * @example
 * ```ts
 * procedureExecuteDefaultSql(node, true)
 * // "SELECT redshift_local.procedure_execute_default(pg_catalog.current_schema()::text, 'sp_p', false)"
 * ```
 */
export function procedureExecuteDefaultSql(
  node: PgNode,
  fold: boolean,
): string | null {
  if (node['is_procedure'] !== true) return null
  const names = (Array.isArray(node['funcname']) ? node['funcname'] : [])
    .map((n) => (n as { String?: { sval?: string } }).String?.sval)
    .filter((n): n is string => typeof n === 'string')
    .map((n) => (fold ? n.toLowerCase() : n))
  const name = names.at(-1)
  if (name === undefined) return null
  const schema =
    names.length > 1
      ? quoteLiteral(names.at(-2)!)
      : 'pg_catalog.current_schema()::text'
  return `SELECT redshift_local.procedure_execute_default(${schema}, ${quoteLiteral(name)}, ${node['replace'] === true})`
}
