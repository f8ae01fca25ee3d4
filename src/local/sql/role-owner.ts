import { nodeType } from './parse-tree.js'
import { quoteLiteral } from './quote.js'

/**
 * What runs after `CREATE ROLE name` (not CREATE USER or GROUP): records who
 * created the role, which SVV_ROLES shows as `role_owner`
 * (https://docs.aws.amazon.com/redshift/latest/dg/r_SVV_ROLES.html).
 * PostgreSQL has no owner of a role; the emulator keeps it as a setting of
 * the role (roles are the cluster's, as that setting is). Null for any
 * other statement. `fold`: the name as PostgreSQL will hold it.
 *
 * @example
 * ```ts
 * roleOwnerSql(parseOne('create role analyst'), true) // "CALL redshift_local.record_role_owner('analyst')"
 * ```
 */
export function roleOwnerSql(tree: unknown, fold: boolean): string | null {
  const [type, node] = nodeType(tree) ?? []
  if (type !== 'CreateRoleStmt' || node?.['stmt_type'] !== 'ROLESTMT_ROLE') {
    return null
  }
  const role = node['role']
  if (typeof role !== 'string') return null
  const name = fold ? role.toLowerCase() : role
  return `CALL redshift_local.record_role_owner(${quoteLiteral(name)})`
}
