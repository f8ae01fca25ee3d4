import type { DdlCursor } from './ddl-cursor.js'
import { quoteLiteral } from './quote.js'

/** PostgreSQL's text for the statement, or what the emulator cannot do. */
export type MvRefreshRewrite =
  | { readonly sql: string; readonly tag: string; readonly after?: string }
  | { readonly limit: string }

/**
 * The materialized-view refresh statements PostgreSQL's grammar lacks, with
 * `c.pos` on the first word:
 *
 * - `ALTER MATERIALIZED VIEW name AUTO REFRESH { YES | NO }`
 *   (https://docs.aws.amazon.com/redshift/latest/dg/r_ALTER_MATERIALIZED_VIEW.html)
 *   records the setting SVV_MV_INFO shows as `autorefresh`; the emulator
 *   refreshes nothing on its own, as CREATE ... AUTO REFRESH YES does not;
 * - `REFRESH MATERIALIZED VIEW name [ RESTRICT | CASCADE ]`
 *   (materialized-view-refresh-sql-command.html) becomes a call of
 *   `redshift_local.refresh_materialized_view`, which does nothing but say
 *   so when no base table changed since the view's last refresh, and with
 *   CASCADE first refreshes the materialized views the view is built on,
 *   deepest first, in the same transaction (RESTRICT, the default, refreshes
 *   the view alone).
 *
 * Null for any other statement.
 *
 * @example
 * ```ts
 * rewriteMvRefresh(new DdlCursor('refresh materialized view mv cascade', true))
 * // { sql: "call redshift_local.refresh_materialized_view('mv', true)",
 * //   tag: 'REFRESH MATERIALIZED VIEW' }
 * ```
 */
export function rewriteMvRefresh(c: DdlCursor): MvRefreshRewrite | null {
  const verb = c.kw()
  if (c.kw(c.pos + 1) !== 'MATERIALIZED' || c.kw(c.pos + 2) !== 'VIEW')
    return null
  const first = c.pos + 3
  let last = first
  while (c.is('.', last + 1)) last += 2
  const end = c.tokens.length - (c.is(';', c.tokens.length - 1) ? 2 : 1)
  if (verb === 'REFRESH') {
    const option = end === last + 1 ? c.kw(end) : ''
    if (end !== last && option !== 'RESTRICT' && option !== 'CASCADE')
      return null
    for (let at = first; at <= last; at += 2) {
      const kind = c.token(at)?.kind
      if (kind !== 'word' && kind !== 'quoted') return null
    }
    // The view is named as written: the procedure resolves it on the
    // caller's search path, as PostgreSQL's REFRESH would.
    const name = quoteLiteral(c.text(first, last))
    return {
      sql: `call redshift_local.refresh_materialized_view(${name}, ${option === 'CASCADE'})`,
      tag: 'REFRESH MATERIALIZED VIEW',
    }
  }
  if (
    verb !== 'ALTER' ||
    end !== last + 3 ||
    c.kw(last + 1) !== 'AUTO' ||
    c.kw(last + 2) !== 'REFRESH' ||
    (c.kw(end) !== 'YES' && c.kw(end) !== 'NO')
  )
    return null
  const name = quoteLiteral(c.text(first, last))
  const value = c.kw(end) === 'YES'
  // The view named, or an error when it is not a materialized view.
  const relid = `(select case when r.relkind = 'm' then r.oid
    else redshift_local.raise_error(pg_catalog.format('"%s" is not a materialized view', r.relname), '42809')::pg_catalog.oid end
  from pg_catalog.pg_class r where r.oid = ${name}::pg_catalog.regclass)`
  return {
    sql: `update redshift_local.table_attributes set mv_auto_refresh = ${value} where relid = ${relid}`,
    // A view created with no attributes to record has no row yet.
    after: `insert into redshift_local.table_attributes (relid, schema_name, table_name, kind, mv_auto_refresh)
select r.oid, n.nspname, r.relname, 'materialized_view', ${value}
from pg_catalog.pg_class r join pg_catalog.pg_namespace n on n.oid = r.relnamespace
where r.oid = ${name}::pg_catalog.regclass
  and not exists (select 1 from redshift_local.table_attributes t where t.relid = r.oid)`,
    tag: 'ALTER MATERIALIZED VIEW',
  }
}
