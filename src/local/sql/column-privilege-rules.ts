import type { DdlCursor } from './ddl-cursor.js'
import { isTableObject, readGrantees } from './grant-grammar.js'
import { quoteLiteral } from './quote.js'

/**
 * What a GRANT or REVOKE on named tables gives or takes at the column
 * level and at the table level, for the rules of r_GRANT.html's usage notes
 * for column-level access control.
 */
export interface ColumnPrivilegeChange {
  readonly grant: boolean
  /** The relations named, as written. */
  readonly tables: readonly string[]
  /** Column-level SELECT / UPDATE, each with its column list as written (`(a, b)`). */
  readonly columns: readonly (readonly [string, string])[]
  /** Table-level SELECT / UPDATE. */
  readonly table: readonly string[]
  /** The grantees' names; null for PUBLIC. */
  readonly grantees: readonly (string | null)[]
}

/** The privileges that exist at both levels. */
const BOTH_LEVELS: ReadonlySet<string> = new Set(['SELECT', 'UPDATE'])

/**
 * Reads the SELECT and UPDATE a GRANT or REVOKE on `[TABLE] names` gives or
 * takes (`c.pos` on the verb), at the column level (`SELECT (a)`, `ALL
 * (a)`, which is both) and at the table level (`SELECT`, `ALL`). Null when
 * it has neither, names other objects, or ALL TABLES IN SCHEMA (whose
 * grants are table-level only and not judged here).
 *
 * @example
 * ```ts
 * readColumnPrivileges(new DdlCursor('grant select (a) on t to u', true))
 * // { grant: true, tables: ['t'], columns: [['SELECT', '(a)']], table: [], grantees: ['u'] }
 * ```
 */
export function readColumnPrivileges(
  c: DdlCursor,
): ColumnPrivilegeChange | null {
  const grant = c.kw(c.pos) === 'GRANT'
  let at = c.pos + 1
  if (
    !grant &&
    c.kw(at) === 'GRANT' &&
    c.kw(at + 1) === 'OPTION' &&
    c.kw(at + 2) === 'FOR'
  )
    at += 3
  if (c.kw(at) === 'ROLE') return null
  const columns: [string, string][] = []
  const table: string[] = []
  let k = at
  for (;;) {
    const word = c.kw(k)
    if (word === 'ALL' && c.kw(k + 1) === 'PRIVILEGES') k++
    k++
    if (c.is('(', k)) {
      const close = c.closing(k)
      const list = c.text(k, close)
      for (const p of word === 'ALL' ? ['SELECT', 'UPDATE'] : [word])
        if (BOTH_LEVELS.has(p)) columns.push([p, list])
      k = close + 1
    } else {
      for (const p of word === 'ALL' ? ['SELECT', 'UPDATE'] : [word])
        if (BOTH_LEVELS.has(p)) table.push(p)
    }
    if (!c.is(',', k)) break
    k++
  }
  if (c.kw(k) !== 'ON') return null
  if (columns.length === 0 && table.length === 0) return null
  const object = k + 1
  if (!isTableObject(c, object) || c.kw(object) === 'ALL') return null
  k = c.kw(object) === 'TABLE' ? object + 1 : object
  const tables: string[] = []
  for (;;) {
    const start = k
    while (c.token(k + 1)?.text === '.' && c.token(k + 2) !== undefined) k += 2
    const kind = c.token(k)?.kind
    if (kind !== 'word' && kind !== 'quoted') return null
    tables.push(c.text(start, k))
    k++
    if (!c.is(',', k)) break
    k++
  }
  if (c.kw(k) !== (grant ? 'TO' : 'FROM')) return null
  const { identities } = readGrantees(c, k + 1, false)
  return Object.freeze({
    grant,
    tables,
    columns,
    table,
    grantees: identities.map((g) => (g.kind === 'public' ? null : g.name)),
  })
}

/**
 * `sql` (the statement PostgreSQL runs) as the call that applies the
 * column-level rules around it: `redshift_local.run_column_rules` in
 * `catalog/role-views.ts`.
 *
 * @example
 * ```ts
 * columnRulesSql(change, 'grant select (a) on t to u')
 * // "CALL redshift_local.run_column_rules(true, ARRAY['t']::text[], ...)"
 * ```
 */
export function columnRulesSql(
  change: ColumnPrivilegeChange,
  sql: string,
): string {
  const list = (values: readonly (string | null)[]) =>
    `ARRAY[${values.map((v) => (v === null ? 'NULL' : quoteLiteral(v))).join(', ')}]::text[]`
  return `CALL redshift_local.run_column_rules(${change.grant}, ${list(change.tables)}, ${list(change.columns.map((p) => p[0]))}, ${list(change.columns.map((p) => p[1]))}, ${list(change.table)}, ${list(change.grantees)}, ${quoteLiteral(sql.trim().replace(/;\s*$/, ''))})`
}
