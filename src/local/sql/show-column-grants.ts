import type { DdlCursor } from './ddl-cursor.js'
import { quoteLiteral } from './quote.js'
import { identifierName } from './rewrite-tokens.js'
import { showLimit } from './show-limit.js'

/**
 * `SHOW COLUMN GRANTS ON TABLE { db.schema.table | schema.table } [ FOR {
 * username | ROLE role_name | PUBLIC } ] [ LIMIT n ]`
 * (https://docs.aws.amazon.com/redshift/latest/dg/r_SHOW_COLUMN_GRANTS.html),
 * with `c.pos` on SHOW: the query over the columns' PostgreSQL ACLs
 * (`redshift_local.column_grants`, privilege-views.ts) with the
 * page's example columns, `object_type` and `privilege_scope` `COLUMN`.
 * Like SVV_COLUMN_PRIVILEGES it lists what was granted explicitly (SELECT
 * and UPDATE, the owner's own left out), a grant being visible to a
 * superuser, to its grantee and to the members of its grantee role, as the
 * page's required permissions say. The page does not say in which order
 * the rows come: the emulator orders them by column position, privilege
 * and grantee. A database other than the session's shows none, as for SHOW
 * TABLES. Null when the statement is not SHOW COLUMN GRANTS.
 *
 * @example
 * ```ts
 * // 'show column grants on table public.t for bob' -> select ... from redshift_local.column_grants(...) g ...
 * ```
 */
export function rewriteShowColumnGrants(c: DdlCursor): string | null {
  if (c.kw(c.pos + 1) !== 'COLUMN' || c.kw(c.pos + 2) !== 'GRANTS') return null
  c.pos += 3
  if (!c.accept('ON') || !c.accept('TABLE')) throw c.syntaxError()
  const names: string[] = []
  for (;;) {
    const token = c.token()
    if (token?.kind !== 'word' && token?.kind !== 'quoted')
      throw c.syntaxError()
    names.push(identifierName(token))
    c.pos++
    if (!c.is('.') || names.length === 3) break
    c.pos++
  }
  if (names.length < 2) throw c.syntaxError()
  const [schema, table] = names.slice(-2) as [string, string]
  const database =
    names.length === 3
      ? quoteLiteral(names[0]!)
      : 'pg_catalog.current_database()'
  let grantee = ''
  if (c.accept('FOR')) {
    if (c.accept('PUBLIC')) grantee = ' and g.identity_id = 0'
    else {
      const role = c.accept('ROLE')
      const token = c.token()
      if (token?.kind !== 'word' && token?.kind !== 'quoted')
        throw c.syntaxError()
      c.pos++
      grantee = ` and g.identity_name = ${quoteLiteral(identifierName(token))}
  and g.identity_type = ${quoteLiteral(role ? 'role' : 'user')}`
    }
  }
  const rows = showLimit(c)
  const limit = rows === null ? '' : `\nlimit ${rows}`
  if (c.pos < c.tokens.length && !c.is(';')) throw c.syntaxError()
  // The relation is resolved first, so that a missing one fails as in a query.
  const relation = `pg_catalog.format('%I.%I', ${quoteLiteral(schema)}, ${quoteLiteral(table)})::pg_catalog.regclass`
  return `select pg_catalog.current_database()::varchar(128) as database_name,
  ${quoteLiteral(schema)}::varchar(128) as schema_name, ${quoteLiteral(table)}::varchar(128) as table_name,
  g.column_name::varchar(128) as column_name, 'COLUMN'::varchar(128) as object_type,
  g.privilege_type::varchar(128) as privilege_type, g.identity_id,
  g.identity_name::varchar(128) as identity_name, g.identity_type::varchar(128) as identity_type,
  g.admin_option, 'COLUMN'::varchar(128) as privilege_scope, g.grantor_name::varchar(128) as grantor_name
from redshift_local.column_grants(${relation}) g
where ${database} = pg_catalog.current_database()${grantee}
order by g.attnum, g.privilege_type, g.identity_name${limit}`
}
