// No backslash appears in any string literal below: function bodies are
// parsed in the caller's session, where standard_conforming_strings may be off.

/**
 * Who sees which rows of the log views
 * (https://docs.aws.amazon.com/redshift/latest/dg/cm_chap_system-tables.html#c_visibility-of-data):
 * a superuser, or a user with SYSLOG ACCESS UNRESTRICTED (recorded by CREATE /
 * ALTER USER as the role's `redshift_local.syslog_access` setting), sees every
 * row of the STL, STV, SVL and SYS views "visible to all users"; any other
 * user sees only the rows of its own statements. Views that are visible only
 * to superusers stay so whatever SYSLOG ACCESS says.
 *
 * `redshift_local.sees_all_logs()` answers for the current user; views call
 * it as an uncorrelated subquery, so PostgreSQL evaluates it once per
 * statement, not once per row. The views run with their owner's rights but
 * `current_user` is still the user that queries them.
 */
export const LOG_VISIBILITY_SQL = `
-- The value of role p_role's own setting p_name (ALTER ROLE ... SET), or null.
create or replace function redshift_local.role_setting(p_role oid, p_name text) returns text
language sql stable set search_path = pg_catalog as $$
  select pg_catalog.substr(c, pg_catalog.length(p_name) + 2)
  from pg_catalog.pg_db_role_setting d, pg_catalog.unnest(d.setconfig) c
  where d.setrole = p_role and d.setdatabase = 0 and c like p_name || '=%'
  limit 1
$$;

create or replace function redshift_local.sees_all_logs() returns boolean
language sql stable set search_path = pg_catalog as $$
  select coalesce((
    select r.rolsuper
      or coalesce(redshift_local.role_setting(r.oid, 'redshift_local.syslog_access'), '') = 'unrestricted'
    from pg_catalog.pg_roles r where r.rolname = current_user), false)
$$;

create or replace function redshift_local.is_superuser() returns boolean
language sql stable set search_path = pg_catalog as $$
  select coalesce((select r.rolsuper from pg_catalog.pg_roles r where r.rolname = current_user), false)
$$;
grant execute on function redshift_local.sees_all_logs(), redshift_local.is_superuser() to public;
`

/**
 * The condition a log view's row of `user_name` must meet to be shown.
 *
 * @example
 * ```ts
 * `select ... from redshift_local.query_log_view q where ${visibleTo('q.user_name')}`
 * ```
 */
export function visibleTo(userName: string): string {
  return `((select redshift_local.sees_all_logs()) or ${userName} = current_user)`
}

/** The condition of a view visible only to superusers. */
export const SUPERUSERS_ONLY = '(select redshift_local.is_superuser())'

/**
 * The condition for a row of a COPY / UNLOAD log, which keeps the statement's
 * query id: the statement's own row of the query log names its user.
 *
 * @example
 * ```ts
 * `select ... from redshift_local.load_errors e where ${visibleQuery('e.query')}`
 * ```
 */
export function visibleQuery(queryId: string): string {
  return `((select redshift_local.sees_all_logs()) or exists (select 1 from redshift_local.query_log log_q
    where log_q.query = ${queryId} and log_q.user_name = current_user))`
}

/**
 * The id of the user that ran statement `queryId`, as the query log names it
 * (`fallback` when the log or the user is gone).
 *
 * @example
 * ```ts
 * `select ${userIdOfQuery('e.query', 'e.userid')} as userid from redshift_local.load_errors e`
 * ```
 */
export function userIdOfQuery(queryId: string, fallback: string): string {
  return `coalesce((select log_u.oid::int4 from redshift_local.query_log log_q
    join pg_catalog.pg_roles log_u on log_u.rolname = log_q.user_name where log_q.query = ${queryId}), ${fallback})`
}
