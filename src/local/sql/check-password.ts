import { reject } from '../errors/reject.js'
import type { ErrorFields } from '../protocol/error-fields.js'
import type { PgNode } from './parse-tree.js'

const MD5_HASH = /^md5[0-9a-f]{32}$/i
const SHA256_HASH = /^[0-9a-f]{64}\|.+$/i
const SHA256_PREFIX = 'sha256|'

/**
 * Checks the PASSWORD of `CREATE USER` / `ALTER USER` (the parse tree's
 * CreateRoleStmt / AlterRoleStmt) against Redshift's rules
 * (https://docs.aws.amazon.com/redshift/latest/dg/r_CREATE_USER.html,
 * https://docs.aws.amazon.com/redshift/latest/dg/r_ALTER_USER.html): a clear
 * text password is 8 to 64 characters with an upper case letter, a lower
 * case letter and a digit, in printable ASCII other than `'`, `"`, `\`, `/`,
 * `@` and space; `md5` + 32 hex digits and `sha256|<digest>|<salt>` are taken
 * as hashes, and `sha256|<clear text>` follows the clear text rules. DISABLE
 * reaches the tree as no password (see `passwordDisable`).
 *
 * Redshift's own error texts are not documented; these name the rule broken
 * and never the password.
 *
 * @example
 * ```ts
 * checkCreateRole(parseSync("create user u password 'short'").stmts[0].stmt.CreateRoleStmt)
 * // { code: '22023', message: 'password must be 8 to 64 characters long' }
 * ```
 */
export function checkCreateRole(node: PgNode): ErrorFields | undefined {
  const options = Array.isArray(node['options']) ? node['options'] : []
  for (const option of options as { DefElem?: PgNode }[]) {
    if (option.DefElem?.['defname'] !== 'password') continue
    const value = (
      option.DefElem['arg'] as { String?: { sval?: string } } | undefined
    )?.String?.sval
    if (value === undefined) return undefined
    const problem = passwordProblem(value)
    return problem === undefined
      ? undefined
      : reject.other('22023', problem, undefined, 'see CREATE USER: PASSWORD')
  }
  return undefined
}

/** What is wrong with a PASSWORD value, or undefined when Redshift takes it. */
export function passwordProblem(value: string): string | undefined {
  if (MD5_HASH.test(value)) return undefined
  if (value.toLowerCase().startsWith(SHA256_PREFIX)) {
    const rest = value.slice(SHA256_PREFIX.length)
    return SHA256_HASH.test(rest) ? undefined : clearTextProblem(rest)
  }
  return clearTextProblem(value)
}

function clearTextProblem(value: string): string | undefined {
  if (value.length < 8 || value.length > 64)
    return 'password must be 8 to 64 characters long'
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i)
    // Printable ASCII 33..126 without ' " / \ @.
    if (
      c < 33 ||
      c > 126 ||
      c === 39 ||
      c === 34 ||
      c === 47 ||
      c === 92 ||
      c === 64
    )
      return 'password may only use printable ASCII characters other than \' " \\ / @ and space'
  }
  if (!/[A-Z]/.test(value))
    return 'password must contain at least one upper case letter'
  if (!/[a-z]/.test(value))
    return 'password must contain at least one lower case letter'
  if (!/[0-9]/.test(value)) return 'password must contain at least one number'
  return undefined
}
