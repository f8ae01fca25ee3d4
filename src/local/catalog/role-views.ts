// No backslash appears in any string literal below: function bodies are
// parsed in the caller's session, where standard_conforming_strings may be off.

/**
 * Redshift's role catalog over PostgreSQL's roles. Redshift keeps users
 * and roles apart; the emulator's users are PostgreSQL's login roles and
 * its roles (CREATE ROLE, and the `sys:` system roles) the others, so:
 *
 * - SVV_ROLES (https://docs.aws.amazon.com/redshift/latest/dg/r_SVV_ROLES.html):
 *   every role that cannot log in, PostgreSQL's own `pg_*` roles left out.
 *   `role_owner` is the user that ran CREATE ROLE (kept as the role's
 *   `redshift_local.role_owner` setting), else, for roles made outside the
 *   emulator, the cluster's first superuser; `external_id` is null (no
 *   identity provider).
 * - SVV_USER_GRANTS (r_SVV_USER_GRANTS.html): roles granted to users, with
 *   `admin_option`; the ADMIN grant PostgreSQL gives a role's creator is
 *   ownership on Redshift, not a grant, and is left out.
 * - SVV_ROLE_GRANTS (r_SVV_ROLE_GRANTS.html): roles granted to roles.
 * - SVV_USER_INFO (r_SVV_USER_INFO.html) and SVL_USER_INFO
 *   (r_SVL_USER_INFO.html): the users, with CREATEDB, superuser (which is
 *   also `catalog_update`), the connection limit (`UNLIMITED` for none),
 *   SYSLOG ACCESS and SESSION TIMEOUT as CREATE / ALTER USER recorded them
 *   (`RESTRICTED` and 0 by default, as the pages describe). A regular user
 *   sees only its own row of SVV_USER_INFO and no row of SVL_USER_INFO,
 *   which only superusers can see. `last_ddl_timestamp` is null: the
 *   emulator does not keep when a user last ran a CREATE statement.
 * - `redshift_local.drop_role(name, force)`, what `DROP ROLE name [FORCE |
 *   RESTRICT]` runs (r_DROP_ROLE.html): RESTRICT, the default, refuses a
 *   role granted to a user or to a role, or granted another role, with the
 *   page's messages; FORCE drops it with all its grants, as PostgreSQL's
 *   DROP ROLE does. It runs with the caller's rights, so PostgreSQL checks
 *   who may drop the role.
 */
export const ROLE_VIEWS_SQL = `
-- redshift_local.role_setting() is defined with the log visibility rules (log-visibility.ts).
create view pg_catalog.svv_roles as
select r.oid::integer as role_id, r.rolname::text as role_name,
  coalesce(redshift_local.role_setting(r.oid, 'redshift_local.role_owner'),
    pg_catalog.pg_get_userbyid(10))::text as role_owner,
  null::text as external_id
from pg_catalog.pg_roles r
where not r.rolcanlogin and r.rolname !~ '^pg_';

create view pg_catalog.svv_user_grants as
select u.oid::integer as user_id, u.rolname::text as user_name,
  r.oid::integer as role_id, r.rolname::text as role_name, m.admin_option::boolean as admin_option
from pg_catalog.pg_auth_members m
join pg_catalog.pg_roles u on u.oid = m.member
join pg_catalog.pg_roles r on r.oid = m.roleid
where u.rolcanlogin and not r.rolcanlogin and r.rolname !~ '^pg_'
  and not (m.admin_option and not m.inherit_option and not m.set_option);

create view pg_catalog.svv_role_grants as
select g.oid::integer as role_id, g.rolname::text as role_name,
  r.oid::integer as granted_role_id, r.rolname::text as granted_role_name
from pg_catalog.pg_auth_members m
join pg_catalog.pg_roles g on g.oid = m.member
join pg_catalog.pg_roles r on r.oid = m.roleid
where not g.rolcanlogin and not r.rolcanlogin
  and g.rolname !~ '^pg_' and r.rolname !~ '^pg_';

create view redshift_local.user_info as
select u.rolname::text as user_name, u.oid::integer as user_id, u.rolcreatedb::boolean as createdb,
  u.rolsuper::boolean as superuser, u.rolsuper::boolean as catalog_update,
  case when u.rolconnlimit < 0 then 'UNLIMITED' else u.rolconnlimit::text end::text as connection_limit,
  pg_catalog.upper(coalesce(redshift_local.role_setting(u.oid, 'redshift_local.syslog_access'), 'restricted'))::text
    as syslog_access,
  null::timestamp as last_ddl_timestamp,
  coalesce(redshift_local.role_setting(u.oid, 'redshift_local.session_timeout'), '0')::integer as session_timeout,
  null::text as external_user_id
from pg_catalog.pg_roles u
where u.rolcanlogin and u.rolname !~ '^pg_';

create view pg_catalog.svv_user_info as
select * from redshift_local.user_info i
where i.user_name = current_user
  or (select r.rolsuper from pg_catalog.pg_roles r where r.rolname = current_user);

create view pg_catalog.svl_user_info as
select i.user_name as usename, i.user_id as usesysid, i.createdb as usecreatedb, i.superuser as usesuper,
  i.catalog_update as usecatupd, i.connection_limit as useconnlimit, i.syslog_access as syslogaccess,
  i.last_ddl_timestamp as last_ddl_ts, i.session_timeout as sessiontimeout, i.external_user_id as external_id
from redshift_local.user_info i
where (select r.rolsuper from pg_catalog.pg_roles r where r.rolname = current_user);

-- Who created a role (CREATE ROLE runs it after, in the same transaction).
create or replace procedure redshift_local.record_role_owner(p_name text)
language plpgsql security definer set search_path = pg_catalog as $$
begin
  execute pg_catalog.format('alter role %I set redshift_local.role_owner = %L', p_name, session_user);
end
$$;
grant execute on procedure redshift_local.record_role_owner(text) to public;

create or replace procedure redshift_local.drop_role(p_name text, p_force boolean)
language plpgsql set search_path = pg_catalog as $$
declare
  r pg_catalog.pg_roles;
begin
  select * into r from pg_catalog.pg_roles where rolname = p_name;
  if r.oid is null or r.rolcanlogin or p_name ~ '^pg_' then
    raise exception using errcode = '42704', message = pg_catalog.format('role "%s" does not exist', p_name);
  end if;
  if p_name ~ '^sys:' then
    raise exception using errcode = '42501', message = pg_catalog.format('cannot drop system role "%s"', p_name);
  end if;
  if not p_force then
    if exists (select 1 from pg_catalog.pg_auth_members m join pg_catalog.pg_roles u on u.oid = m.member
        where m.roleid = r.oid and u.rolcanlogin
          and not (m.admin_option and not m.inherit_option and not m.set_option)) then
      raise exception using errcode = '2BP01', message = 'cannot drop this role since it has been granted on a user',
        hint = 'DROP ROLE ... FORCE drops it with its grants';
    end if;
    if exists (select 1 from pg_catalog.pg_auth_members m join pg_catalog.pg_roles g on g.oid = m.member
        where m.roleid = r.oid and not g.rolcanlogin) then
      raise exception using errcode = '2BP01', message = 'cannot drop this role since it has been granted on a role',
        hint = 'DROP ROLE ... FORCE drops it with its grants';
    end if;
    if exists (select 1 from pg_catalog.pg_auth_members m join pg_catalog.pg_roles g on g.oid = m.roleid
        where m.member = r.oid and g.rolname !~ '^pg_') then
      raise exception using errcode = '2BP01', message = 'cannot drop this role since it depends on another role',
        hint = 'DROP ROLE ... FORCE drops it with its grants';
    end if;
  end if;
  execute pg_catalog.format('drop role %I', p_name);
end
$$;
grant execute on procedure redshift_local.drop_role(text, boolean) to public;
grant select on pg_catalog.svv_roles, pg_catalog.svv_user_grants, pg_catalog.svv_role_grants,
  pg_catalog.svv_user_info, pg_catalog.svl_user_info to public;
`

/** The views {@link ROLE_VIEWS_SQL} creates in pg_catalog. */
export const ROLE_VIEWS = [
  'svv_roles',
  'svv_user_grants',
  'svv_role_grants',
  'svv_user_info',
  'svl_user_info',
] as const
