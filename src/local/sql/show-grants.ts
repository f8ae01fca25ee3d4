import { argumentTypes, regtypeArray } from './argument-types.js'
import type { DdlCursor } from './ddl-cursor.js'
import { quoteLiteral } from './quote.js'
import { showLimit } from './show-limit.js'

/** SHOW GRANTS's query, or the emulator limit the statement meets. */
export type ShowGrantsRewrite =
  { readonly sql: string } | { readonly limit: string }

/** The columns of ON DATABASE, in the page's order. */
const DATABASE_COLUMNS = `g.database_name::varchar(128) as database_name,
  g.privilege_type::varchar(128) as privilege_type, g.identity_id,
  g.identity_name::varchar(128) as identity_name, g.identity_type::varchar(128) as identity_type,
  g.admin_option, g.privilege_scope::varchar(128) as privilege_scope,
  g.grantor_name::varchar(128) as grantor_name`

/** The columns of ON SCHEMA and ON TABLE (and so of ON FUNCTION), in the page's order. */
const OBJECT_COLUMNS = `g.schema_name::varchar(128) as schema_name,
  coalesce(g.object_name, g.schema_name)::varchar(128) as object_name,
  g.object_type::varchar(128) as object_type, g.privilege_type::varchar(128) as privilege_type,
  g.identity_id, g.identity_name::varchar(128) as identity_name,
  g.identity_type::varchar(128) as identity_type, g.admin_option,
  g.privilege_scope::varchar(128) as privilege_scope, g.database_name::varchar(128) as database_name,
  g.grantor_name::varchar(128) as grantor_name`

/** The columns of FOR a user or a role, in the page's order (no admin_option). */
const IDENTITY_COLUMNS = `g.database_name::varchar(128) as database_name,
  g.schema_name::varchar(128) as schema_name, g.object_name::varchar(128) as object_name,
  g.object_type::varchar(128) as object_type, g.privilege_type::varchar(128) as privilege_type,
  g.identity_id, g.identity_name::varchar(128) as identity_name,
  g.identity_type::varchar(128) as identity_type,
  g.privilege_scope::varchar(128) as privilege_scope, g.grantor_name::varchar(128) as grantor_name`

/**
 * SHOW GRANTS (https://docs.aws.amazon.com/redshift/latest/dg/r_SHOW_GRANTS.html),
 * with `c.pos` on SHOW:
 *
 * - `ON DATABASE d`, `ON SCHEMA [db.]s`, `ON TABLE [db.]s.t` or `ON t`,
 *   `ON FUNCTION [db.]s.f ( [ [ argname ] argtype [, ...] ] )`, each with
 *   `[ FOR { username | ROLE r | PUBLIC } ] [ LIMIT n ]`, and
 * - `FOR { username | ROLE r } [ FROM DATABASE d ] [ LIMIT n ]`,
 *
 * a query over `redshift_local.object_grants` (privilege-views.ts): the
 * grants the SVV_*_PRIVILEGES views list, with the columns the page's
 * examples print for each form (ON FUNCTION, which it does not print,
 * with those of ON SCHEMA and ON TABLE). An object's grants are the ones
 * visible to the user (a superuser's, its own, PUBLIC's and those of the
 * roles it was granted); FOR lists the grants made to that user or role
 * itself, as the page's examples do (not those it has through a role or
 * PUBLIC), and needs the caller to be a superuser, that user, or the
 * role's owner or a member. The named object is resolved as a query
 * would resolve it, so a missing one fails as it would there; one in a
 * database other than the session's shows none (as SHOW TABLES). The page
 * gives no row order: the emulator's is object, grantee and privilege.
 * ON TEMPLATE, and ON FUNCTION without argument types (for databases made
 * from a datashare), are emulator limits. Null for any other SHOW.
 *
 * @example
 * ```ts
 * // 'show grants on table public.t for alice' -> { sql: 'select ... from redshift_local.object_grants g ...' }
 * ```
 */
export function rewriteShowGrants(c: DdlCursor): ShowGrantsRewrite | null {
  if (c.kw(c.pos + 1) !== 'GRANTS') return null
  c.pos += 2
  if (c.accept('FOR')) return { sql: grantsFor(c) }
  if (!c.accept('ON')) throw c.syntaxError()
  if (c.accept('TEMPLATE'))
    return { limit: 'SHOW GRANTS ON TEMPLATE (templates)' }
  if (c.accept('DATABASE')) {
    const name = quoteLiteral(c.name())
    const target = `case when exists (select 1 from redshift_local.pg_database d where d.datname = ${name}) then ${name}
    else redshift_local.raise_error(pg_catalog.format('database "%s" does not exist', ${name}), '3D000') end`
    return {
      sql: objectQuery(
        c,
        DATABASE_COLUMNS,
        target,
        `g.object_type = 'DATABASE' and g.database_name = t.target`,
      ),
    }
  }
  if (c.accept('SCHEMA')) {
    const [database, schema] = qualified(c, 1, 2)
    const target = inDatabase(
      database,
      `pg_catalog.format('%I', ${quoteLiteral(schema!)})::pg_catalog.regnamespace::oid`,
    )
    return {
      sql: objectQuery(
        c,
        OBJECT_COLUMNS,
        target,
        `g.object_type = 'SCHEMA' and g.object_oid = t.target`,
      ),
    }
  }
  if (c.accept('FUNCTION')) {
    const [database, schema, name] = qualified(c, 2, 3)
    if (!c.is('('))
      return {
        limit:
          'SHOW GRANTS ON FUNCTION without its argument types (databases made from a datashare)',
      }
    const close = c.closing(c.pos)
    const types = regtypeArray(argumentTypes(c, c.pos + 1, close))
    c.pos = close + 1
    return {
      sql: objectQuery(
        c,
        OBJECT_COLUMNS,
        inDatabase(database, objectIn(schema!, name!, types)),
        `g.object_type in ('FUNCTION', 'PROCEDURE') and g.object_oid = t.target`,
      ),
    }
  }
  let relation: string
  if (c.accept('TABLE')) {
    const [database, schema, table] = qualified(c, 2, 3)
    relation = inDatabase(database, objectIn(schema!, table!, 'null'))
  } else {
    // `ON table_name`: one part, found on the search path as a query finds it.
    relation = `pg_catalog.format('%I', ${quoteLiteral(c.name())})::pg_catalog.regclass::oid`
  }
  return {
    sql: objectQuery(
      c,
      OBJECT_COLUMNS,
      relation,
      `g.object_type = 'TABLE' and g.object_oid = t.target`,
    ),
  }
}

/**
 * A dotted name of `min` to `max` parts, consumed, with the database part
 * first (null when left out): `[db.]schema[.name]`.
 */
function qualified(
  c: DdlCursor,
  min: number,
  max: number,
): [string | null, ...string[]] {
  const names = [c.name()]
  while (c.is('.') && names.length < max) {
    c.pos++
    names.push(c.name())
  }
  if (names.length < min) throw c.syntaxError()
  return names.length === max
    ? [names[0]!, ...names.slice(1)]
    : [null, ...names]
}

/** The relation (`types` 'null') or routine named in `schema`, as an oid. */
function objectIn(schema: string, name: string, types: string): string {
  return `redshift_local.grant_object(${quoteLiteral(schema)}, ${quoteLiteral(name)}, ${types})`
}

/**
 * `resolve` when `database` is the session's (or not given), else null: the
 * emulator's other databases are not read here, so their objects show none.
 */
function inDatabase(database: string | null, resolve: string): string {
  if (database === null) return resolve
  return `case when ${quoteLiteral(database)} = pg_catalog.current_database() then ${resolve} end`
}

/**
 * The query of an ON form: `target` is computed once, in a FROM item the
 * planner cannot fold into the grants' scan (OFFSET 0), so that a missing
 * object fails even when nothing was granted on anything.
 */
function objectQuery(
  c: DdlCursor,
  columns: string,
  target: string,
  match: string,
): string {
  const grantee = granteeFilter(c)
  const limit = limitClause(c)
  return `select ${columns}
from (select ${target} as target offset 0) t
join redshift_local.object_grants g on ${match}${grantee}
order by g.kind_order, g.schema_name, g.object_name, g.identity_name, g.privilege_type${limit}`
}

/** An ON form's `FOR { username | ROLE r | PUBLIC }`, as a condition on the grants. */
function granteeFilter(c: DdlCursor): string {
  if (!c.accept('FOR')) return ''
  if (c.accept('PUBLIC')) return ' and g.identity_id = 0'
  const kind = c.accept('ROLE') ? 'role' : 'user'
  return ` and g.identity_name = ${quoteLiteral(c.name())} and g.identity_type = ${quoteLiteral(kind)}`
}

/** `FOR { username | ROLE r } [ FROM DATABASE d ] [ LIMIT n ]`, FOR consumed. */
function grantsFor(c: DdlCursor): string {
  const kind = c.accept('ROLE') ? 'role' : 'user'
  // PUBLIC is a grantee of the ON forms only (the page's FOR syntax).
  if (c.kw() === 'PUBLIC') throw c.syntaxError()
  const name = quoteLiteral(c.name())
  let database = 'pg_catalog.current_database()'
  // FROM DATABASE reads every database's grants (its database's rows are
  // read there, as the user would see them connected to it).
  let grants = 'redshift_local.object_grants'
  if (c.accept('FROM')) {
    if (!c.accept('DATABASE')) throw c.syntaxError()
    database = quoteLiteral(c.name())
    grants = 'redshift_local.all_object_grants'
  }
  const limit = limitClause(c)
  return `select ${IDENTITY_COLUMNS}
from (select redshift_local.show_grants_target(${name}, ${quoteLiteral(kind)}) as target offset 0) t
join ${grants} g on g.identity_id = t.target
where g.database_name = ${database}
order by g.kind_order, g.schema_name nulls first, g.object_name nulls first, g.privilege_type${limit}`
}

/** The statement's `LIMIT n` (0 to 10,000, as the page says) and its end. */
function limitClause(c: DdlCursor): string {
  const rows = showLimit(c)
  c.end()
  return rows === null ? '' : `\nlimit ${rows}`
}
