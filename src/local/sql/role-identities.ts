import type { NamedIdentity } from './grant-grammar.js'
import { nodeType, type PgNode } from './parse-tree.js'

/** What `roleStatementIdentities` finds: the names to check, and the statement's tag. */
export interface RoleStatementIdentities {
  readonly identities: readonly NamedIdentity[]
  readonly tag: string
}

/**
 * The names a CREATE / ALTER / DROP USER or GROUP statement gives, with the
 * kind each must be (r_CREATE_USER.html, r_ALTER_USER.html,
 * r_DROP_USER.html, r_CREATE_GROUP.html, r_ALTER_GROUP.html,
 * r_DROP_GROUP.html): Redshift keeps users, groups and roles apart, where
 * PostgreSQL's DROP USER would drop a group or a role, ALTER USER make a
 * role a superuser, and ALTER GROUP ADD USER put a role in a group. A name
 * of `DROP ... IF EXISTS` may also name nothing (`kind` ends in `?`).
 * `text` tells USER from GROUP, which the tree does not; `fold`: names as
 * PostgreSQL will hold them. Null for any other statement.
 *
 * @example
 * ```ts
 * roleStatementIdentities(parseOne('drop user bob'), 'drop user bob', true)
 * // { identities: [{ name: 'bob', kind: 'user' }], tag: 'DROP USER' }
 * ```
 */
export function roleStatementIdentities(
  tree: unknown,
  text: string,
  fold: boolean,
): RoleStatementIdentities | null {
  const [type, node] = nodeType(tree) ?? []
  if (node === undefined || !ROLE_STATEMENTS.has(type!)) return null
  const object = /^\s*\w+\s+(user|group)\b/i.exec(text)?.[1]?.toLowerCase()
  if (object !== 'user' && object !== 'group') return null
  const name = (value: unknown) => {
    const role = value as string
    return fold ? role.toLowerCase() : role
  }
  const identities: NamedIdentity[] = []
  const add = (kind: NamedIdentity['kind'], specs: readonly unknown[]) => {
    for (const spec of specs) {
      const role = (spec as { RoleSpec?: PgNode }).RoleSpec ?? (spec as PgNode)
      if (typeof role['rolename'] === 'string')
        identities.push({ name: name(role['rolename']), kind })
    }
  }
  const options = (kind: NamedIdentity['kind'], wanted: string) => {
    for (const option of list(node['options'])) {
      const element = (option as { DefElem?: PgNode }).DefElem
      if (element?.['defname'] === wanted)
        add(kind, list((element['arg'] as PgNode | undefined)?.['List']))
    }
  }
  let verb: string
  switch (type) {
    case 'CreateRoleStmt':
      verb = 'CREATE'
      if (object === 'user') options('group', 'addroleto')
      else options('user', 'rolemembers')
      break
    case 'AlterRoleStmt':
    case 'AlterRoleSetStmt':
      verb = 'ALTER'
      add(object, [node['role']])
      if (object === 'group') options('user', 'rolemembers')
      break
    case 'RenameStmt':
      if (node['renameType'] !== 'OBJECT_ROLE') return null
      verb = 'ALTER'
      if (typeof node['subname'] === 'string')
        identities.push({ name: name(node['subname']), kind: object })
      break
    case 'DropRoleStmt':
      verb = 'DROP'
      add(
        node['missing_ok'] === true ? `${object}?` : object,
        list(node['roles']),
      )
      break
    default:
      return null
  }
  return {
    identities,
    tag: `${verb} ${object.toUpperCase()}`,
  }
}

const ROLE_STATEMENTS: ReadonlySet<string> = new Set([
  'CreateRoleStmt',
  'AlterRoleStmt',
  'AlterRoleSetStmt',
  'RenameStmt',
  'DropRoleStmt',
])

function list(value: unknown): readonly unknown[] {
  if (Array.isArray(value)) return value
  const items = (value as PgNode | undefined)?.['items']
  return Array.isArray(items) ? items : []
}
