import { nodeType } from './parse-tree.js'
import { quoteIdentifier, quoteLiteral } from './quote.js'

/**
 * What runs after `CREATE ROLE name` or `CREATE GROUP name` (not CREATE
 * USER), in the same session:
 *
 * - a role records who created it, which SVV_ROLES shows as `role_owner`
 *   (https://docs.aws.amazon.com/redshift/latest/dg/r_SVV_ROLES.html).
 *   PostgreSQL has no owner of a role; the emulator keeps it as a setting of
 *   the role (roles are the cluster's, as that setting is);
 * - a group is marked as one (the setting `redshift_local.user_group`):
 *   PostgreSQL's groups and roles are the same thing, Redshift's are not
 *   (PG_GROUP lists groups, SVV_ROLES roles, and `GRANT ... TO GROUP g`
 *   needs a group). Only a superuser creates groups, so the caller may set it.
 *
 * Null for any other statement. `fold`: the name as PostgreSQL will hold it.
 *
 * @example
 * ```ts
 * roleOwnerSql(parseOne('create role analyst'), true) // "CALL redshift_local.record_role_owner('analyst')"
 * ```
 */
export function roleOwnerSql(tree: unknown, fold: boolean): string | null {
  const [type, node] = nodeType(tree) ?? []
  const kind = node?.['stmt_type']
  if (
    type !== 'CreateRoleStmt' ||
    (kind !== 'ROLESTMT_ROLE' && kind !== 'ROLESTMT_GROUP')
  ) {
    return null
  }
  const role = node!['role']
  if (typeof role !== 'string') return null
  const name = fold ? role.toLowerCase() : role
  return kind === 'ROLESTMT_GROUP'
    ? `ALTER ROLE ${quoteIdentifier(name)} SET redshift_local.user_group TO 'on'`
    : `CALL redshift_local.record_role_owner(${quoteLiteral(name)})`
}
