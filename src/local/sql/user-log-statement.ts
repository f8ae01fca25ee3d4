import { nodeType, type PgNode } from './parse-tree.js'
import { quoteLiteral } from './quote.js'

/** A change to users that STL_USERLOG records (r_STL_USERLOG.html). */
export interface UserChange {
  readonly action: 'create' | 'alter' | 'rename' | 'drop'
  /** The users it changes, as PostgreSQL holds their names (a rename: the new name). */
  readonly names: readonly string[]
  /** A rename's old name. */
  readonly old?: string
  /** Redshift's command tag (`CREATE USER` ...). */
  readonly tag: string
}

/**
 * The user change a CREATE USER, ALTER USER (properties, settings or
 * RENAME) or DROP USER statement makes, from its parse tree. `text` is the
 * statement as the client wrote it, which tells USER from GROUP and ROLE
 * (the tree does not); `fold`: names as PostgreSQL will hold them. Null for
 * any other statement, and for an ALTER USER naming CURRENT_USER, which
 * Redshift's grammar does not have.
 *
 * @example
 * ```ts
 * userChangeOf(parseOne('alter user a rename to b'), 'alter user a rename to b', true)
 * // { action: 'rename', names: ['b'], old: 'a', tag: 'ALTER USER' }
 * ```
 */
export function userChangeOf(
  tree: unknown,
  text: string,
  fold: boolean,
): UserChange | null {
  const [type, node] = nodeType(tree) ?? []
  if (node === undefined) return null
  if (!/^\s*\w+\s+user\b/i.test(text)) return null
  const name = (value: unknown): string | undefined => {
    const spec = (value as { RoleSpec?: PgNode } | undefined)?.RoleSpec ?? value
    const role =
      typeof spec === 'string'
        ? spec
        : (spec as PgNode | undefined)?.['rolename']
    if (typeof role !== 'string') return undefined
    return fold ? role.toLowerCase() : role
  }
  switch (type) {
    case 'CreateRoleStmt': {
      const user = name(node['role'])
      return user === undefined
        ? null
        : { action: 'create', names: [user], tag: 'CREATE USER' }
    }
    case 'AlterRoleStmt':
    case 'AlterRoleSetStmt': {
      const user = name(node['role'])
      return user === undefined
        ? null
        : { action: 'alter', names: [user], tag: 'ALTER USER' }
    }
    case 'RenameStmt': {
      if (node['renameType'] !== 'OBJECT_ROLE') return null
      const old = name(node['subname'])
      const renamed = name(node['newname'])
      return old === undefined || renamed === undefined
        ? null
        : { action: 'rename', names: [renamed], old, tag: 'ALTER USER' }
    }
    case 'DropRoleStmt': {
      const roles = node['roles']
      const names = (Array.isArray(roles) ? roles : [])
        .map(name)
        .filter((n): n is string => n !== undefined)
      return names.length === 0
        ? null
        : { action: 'drop', names, tag: 'DROP USER' }
    }
    default:
      return null
  }
}

/**
 * The statement `sql` run so that STL_USERLOG records `change`
 * (`catalog/user-log.ts`), in the statement's own transaction.
 *
 * @example
 * ```ts
 * userLoggedSql({ action: 'drop', names: ['bob'], tag: 'DROP USER' }, 'drop user bob')
 * // "CALL redshift_local.run_user_logged('drop', ARRAY['bob']::text[], NULL, 'drop user bob')"
 * ```
 */
export function userLoggedSql(change: UserChange, sql: string): string {
  const names = change.names.map(quoteLiteral).join(', ')
  const old = change.old === undefined ? 'NULL' : quoteLiteral(change.old)
  return `CALL redshift_local.run_user_logged(${quoteLiteral(change.action)}, ARRAY[${names}]::text[], ${old}, ${quoteLiteral(sql.trim())})`
}
