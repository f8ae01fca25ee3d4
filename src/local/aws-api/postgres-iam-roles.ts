import type pg from 'pg'

import { quoteIdentifier } from '../sql/quote.js'
import type { IamRoles } from './iam-roles.js'

/**
 * {@link IamRoles} on the backing PostgreSQL, through the emulator's own
 * connection. Roles are cluster-wide, so any database's connection serves.
 *
 * @example
 * ```ts
 * const roles = postgresIamRoles(() => admins.get('dev'))
 * await roles.ensure('IAMR:loader', [])
 * ```
 */
export function postgresIamRoles(client: () => Promise<pg.Client>): IamRoles {
  const exists = async (role: string): Promise<boolean> => {
    const { rowCount } = await (
      await client()
    ).query('select 1 from pg_roles where rolname = $1', [role])
    return (rowCount ?? 0) > 0
  }
  const join = async (role: string, groups: readonly string[]) => {
    if (!(await exists(role))) return
    for (const group of groups) {
      // Redshift adds the user to existing groups for the session; a group
      // that does not exist is skipped.
      if (!(await exists(group))) continue
      await (
        await client()
      ).query(`grant ${quoteIdentifier(group)} to ${quoteIdentifier(role)}`)
    }
  }
  return {
    exists,
    join,
    ensure: async (role, groups) => {
      if (!(await exists(role))) {
        await (
          await client()
        )
          .query(`create role ${quoteIdentifier(role)}`)
          .catch((error: { code?: string }) => {
            // Another call created it at the same moment.
            if (error.code !== '42710' && error.code !== '23505') throw error
          })
      }
      await join(role, groups)
    },
  }
}
