import type { DdlCursor } from './ddl-cursor.js'
import { quoteIdentifier } from './quote.js'

/**
 * Redshift's role grants in PostgreSQL's words
 * (https://docs.aws.amazon.com/redshift/latest/dg/r_GRANT.html,
 * https://docs.aws.amazon.com/redshift/latest/dg/r_REVOKE.html), with
 * `c.pos` on GRANT or REVOKE:
 *
 * - `GRANT ROLE r [, ...] TO { user | ROLE r } [, ...] [WITH ADMIN OPTION]`
 *   and `REVOKE [ADMIN OPTION FOR] ROLE r [, ...] FROM ...` lose the ROLE
 *   words (PostgreSQL grants a role by naming it);
 * - `GRANT privileges ON ... TO ROLE r` loses the ROLE before the grantee;
 * - the system roles (`sys:dba`, `sys:superuser` ...) are written as quoted
 *   names, and exist in the emulator as roles that confer nothing.
 *
 * Null when the statement has none of these (PostgreSQL runs it as it is).
 *
 * @example
 * ```ts
 * // 'grant role sys:dba to bob' -> 'grant "sys:dba" to bob'
 * ```
 */
export function rewriteRoleGrant(c: DdlCursor): string | null {
  const verb = c.kw()
  let changed = false
  for (let at = c.pos + 1; at < c.tokens.length; at++) {
    const word = c.kw(at)
    const before = c.kw(at - 1)
    if (
      word === 'ROLE' &&
      (at === c.pos + 1 ||
        (verb === 'REVOKE' && before === 'FOR') ||
        before === 'TO' ||
        before === 'FROM' ||
        c.is(',', at - 1))
    ) {
      c.remove(at, at)
      changed = true
    } else if (
      word === 'SYS' &&
      c.token(at + 1)?.text === ':' &&
      c.token(at + 2)?.kind === 'word' &&
      c.token(at + 1)!.start === c.token(at)!.end &&
      c.token(at + 2)!.start === c.token(at + 1)!.end
    ) {
      c.replace(
        at,
        at + 2,
        quoteIdentifier(`sys:${c.kw(at + 2).toLowerCase()}`),
      )
      at += 2
      changed = true
    }
  }
  return changed ? c.apply() : null
}

/** The system roles Redshift has (https://docs.aws.amazon.com/redshift/latest/dg/r_roles-default.html). */
export const SYSTEM_ROLES: readonly string[] = Object.freeze([
  'sys:superuser',
  'sys:dba',
  'sys:operator',
  'sys:secadmin',
  'sys:monitor',
  'sys:rootuser',
  'sys:datashare_admin',
])

/**
 * `ALTER DEFAULT PRIVILEGES ... { GRANT | REVOKE } EXECUTE ON PROCEDURES`
 * (https://docs.aws.amazon.com/redshift/latest/dg/r_ALTER_DEFAULT_PRIVILEGES.html),
 * with `c.pos` on ALTER: PostgreSQL's default privileges for routines,
 * `ON ROUTINES`, which cover functions as well as procedures (an emulator
 * difference: functions are executable by PUBLIC unless revoked anyway).
 * Null for any other statement.
 *
 * @example
 * ```ts
 * // 'alter default privileges grant execute on procedures to bob'
 * //   -> 'alter default privileges grant execute on ROUTINES to bob'
 * ```
 */
export function rewriteDefaultProcedures(c: DdlCursor): string | null {
  if (c.kw(c.pos + 1) !== 'DEFAULT' || c.kw(c.pos + 2) !== 'PRIVILEGES')
    return null
  for (let at = c.pos + 3; at < c.tokens.length - 1; at++) {
    if (c.kw(at) === 'ON' && c.kw(at + 1) === 'PROCEDURES') {
      c.replace(at + 1, at + 1, 'ROUTINES')
      return c.apply()
    }
  }
  return null
}
