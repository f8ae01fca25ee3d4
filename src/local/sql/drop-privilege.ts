import type { DdlCursor } from './ddl-cursor.js'
import { isTableObject, readGrantees } from './grant-grammar.js'
import { quoteLiteral } from './quote.js'

/**
 * A GRANT or REVOKE that gives or takes Redshift's DROP privilege on tables
 * (r_GRANT.html, r_REVOKE.html), which PostgreSQL has no privilege for.
 */
export interface DropPrivilegeChange {
  readonly grant: boolean
  /** WITH GRANT OPTION on a GRANT; GRANT OPTION FOR on a REVOKE. */
  readonly option: boolean
  /** The relations named, as written. */
  readonly tables: readonly string[]
  /** The schemas of ALL TABLES IN SCHEMA, as written. */
  readonly schemas: readonly string[]
  /** The grantees' names; null for PUBLIC. */
  readonly grantees: readonly (string | null)[]
  /** DROP is the statement's only privilege: PostgreSQL has nothing to run. */
  readonly alone: boolean
}

/**
 * Reads the DROP privilege of a GRANT or REVOKE on tables (`c.pos` on the
 * verb): `DROP` in the privilege list, or ALL [PRIVILEGES] without a column
 * list, which on Redshift gives DROP with the others. The DROP item is taken
 * out of the statement for PostgreSQL (written `SELECT` when it is the only
 * one, so that the statement is still read in Redshift's grammar; the caller
 * then runs none of it). Null when the statement gives no DROP, names other
 * objects, or is not in a form this reader knows (the grammar's reader
 * refuses those).
 *
 * @example
 * ```ts
 * readDropPrivilege(new DdlCursor('grant select, drop on t to u', true))
 * // { grant: true, option: false, tables: ['t'], schemas: [], grantees: ['u'], alone: false }
 * ```
 */
export function readDropPrivilege(c: DdlCursor): DropPrivilegeChange | null {
  const grant = c.kw(c.pos) === 'GRANT'
  let at = c.pos + 1
  let option = false
  if (
    !grant &&
    c.kw(at) === 'GRANT' &&
    c.kw(at + 1) === 'OPTION' &&
    c.kw(at + 2) === 'FOR'
  ) {
    option = true
    at += 3
  }
  let on = -1
  for (let k = at; k < c.tokens.length; k++) {
    if (c.is('(', k)) return null
    if (c.kw(k) === 'ON') {
      on = k
      break
    }
  }
  if (on <= at) return null
  const all =
    c.kw(at) === 'ALL' &&
    on === at + 1 + (c.kw(at + 1) === 'PRIVILEGES' ? 1 : 0)
  let drop = -1
  for (let k = at; k < on; k++) {
    if (
      c.kw(k) === 'DROP' &&
      (k === at || c.is(',', k - 1)) &&
      (k + 1 === on || c.is(',', k + 1))
    )
      drop = k
  }
  if (!all && drop === -1) return null
  const object = on + 1
  if (!isTableObject(c, object)) return null
  const tables: string[] = []
  const schemas: string[] = []
  let k = object
  let names = tables
  if (c.kw(k) === 'ALL') {
    if (c.kw(k + 2) !== 'IN' || c.kw(k + 3) !== 'SCHEMA') return null
    names = schemas
    k += 4
  } else if (c.kw(k) === 'TABLE') {
    k++
  }
  for (;;) {
    const start = k
    while (c.token(k + 1)?.text === '.' && c.token(k + 2) !== undefined) k += 2
    if (!isName(c, k)) return null
    names.push(c.text(start, k))
    k++
    if (!c.is(',', k)) break
    k++
  }
  if (c.kw(k) !== (grant ? 'TO' : 'FROM')) return null
  const { identities, end } = readGrantees(c, k + 1, false)
  if (
    grant &&
    c.kw(end) === 'WITH' &&
    c.kw(end + 1) === 'GRANT' &&
    c.kw(end + 2) === 'OPTION'
  )
    option = true
  const alone = !all && drop === at && drop + 1 === on
  if (drop !== -1) {
    if (alone) c.replace(drop, drop, 'SELECT')
    else if (drop === at) c.replace(drop, drop + 1, '')
    else c.remove(drop - 1, drop)
  }
  return Object.freeze({
    grant,
    option,
    tables,
    schemas,
    grantees: identities.map((g) => (g.kind === 'public' ? null : g.name)),
    alone,
  })
}

/**
 * The call that makes `change` with the caller's rights, after `sql` (the
 * rest of the statement, or null when DROP was all of it): see
 * `redshift_local.change_drop_privilege` in `catalog/drop-privilege.ts`.
 *
 * @example
 * ```ts
 * dropPrivilegeSql(change, 'grant select on t to u')
 * // "CALL redshift_local.change_drop_privilege(true, false, ARRAY['t']::text[], ...)"
 * ```
 */
export function dropPrivilegeSql(
  change: DropPrivilegeChange,
  sql: string | null,
): string {
  const list = (values: readonly (string | null)[]) =>
    `ARRAY[${values.map((v) => (v === null ? 'NULL' : quoteLiteral(v))).join(', ')}]::text[]`
  return `CALL redshift_local.change_drop_privilege(${change.grant}, ${change.option}, ${list(change.tables)}, ${list(change.schemas)}, ${list(change.grantees)}, ${sql === null ? 'NULL' : quoteLiteral(sql.trim().replace(/;\s*$/, ''))})`
}

function isName(c: DdlCursor, at: number): boolean {
  const kind = c.token(at)?.kind
  return kind === 'word' || kind === 'quoted'
}
