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
 *   ownership on Redshift, not a grant, and is left out. A user who is not
 *   a superuser sees only the roles granted to it, as the page says.
 * - SVV_ROLE_GRANTS (r_SVV_ROLE_GRANTS.html): roles granted to roles; a
 *   user who is not a superuser sees the rows of the roles it was granted
 *   (directly or through another role) or owns ("identities they have
 *   access to or own").
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
-- What a name is to Redshift: 'user', 'group' (CREATE GROUP marks it) or 'role'; null for none.
create or replace function redshift_local.identity_kind(p_name text) returns text
language sql stable set search_path = pg_catalog as $$
  select case when r.rolcanlogin then 'user'
    when redshift_local.role_setting(r.oid, 'redshift_local.user_group') is not null then 'group'
    else 'role' end
  from pg_catalog.pg_roles r where r.rolname = p_name and r.rolname !~ '^pg_'
$$;

-- A statement whose names must be of the kinds given (a kind ending in '?'
-- may also name nothing: DROP USER IF EXISTS). No search_path of its own:
-- the statement resolves its objects as the caller's would.
create or replace procedure redshift_local.run_checked(p_names text[], p_kinds text[], p_sql text)
language plpgsql as $$
declare
  i integer;
  found text;
  wanted text;
begin
  for i in 1 .. coalesce(pg_catalog.array_length(p_names, 1), 0) loop
    if p_kinds[i] = 'routine' then
      -- GRANT and REVOKE do not reach pg_catalog's built-ins (r_GRANT.html).
      -- A signature to_regprocedure cannot read (argument names) is left to the statement.
      begin
        found := (select p.pronamespace::regnamespace::text from pg_catalog.pg_proc p
          where p.oid = pg_catalog.to_regprocedure(p_names[i]));
      exception when others then
        found := null;
      end;
      if found = 'pg_catalog' then
        raise exception using errcode = '0A000',
          message = 'GRANT and REVOKE are not supported on the built-in functions of pg_catalog';
      end if;
      continue;
    end if;
    found := redshift_local.identity_kind(p_names[i]);
    wanted := pg_catalog.rtrim(p_kinds[i], '?');
    if found is distinct from wanted and not (found is null and p_kinds[i] like '%?') then
      raise exception using errcode = '42704',
        message = pg_catalog.format('%s "%s" does not exist', wanted, p_names[i]);
    end if;
    -- A DROP privilege the emulator keeps (drop-privilege.ts) holds a user or
    -- group as PostgreSQL's ACLs do (r_DROP_USER.html, r_DROP_GROUP.html).
    if wanted in ('user', 'group') and p_sql ~* '^[[:space:]]*drop[[:space:]]+(user|group)[[:space:]]'
        and exists (select 1 from redshift_local.drop_grants g
          join pg_catalog.pg_class c on c.oid = g.relid
          join pg_catalog.pg_roles r on r.oid = g.grantee and r.rolname = p_names[i]) then
      raise exception using errcode = '55006',
        message = pg_catalog.format('%s "%s" can''t be dropped because the %s has a privilege on some object',
          wanted, p_names[i], wanted);
    end if;
  end loop;
  execute p_sql;
end
$$;
grant execute on procedure redshift_local.run_checked(text[], text[], text) to public;

-- ALTER DEFAULT PRIVILEGES ... IN SCHEMA (r_ALTER_DEFAULT_PRIVILEGES.html):
-- each target user (the FOR USER names, else the current user) must have
-- CREATE on each schema (as written) before p_sql runs.
create or replace procedure redshift_local.run_in_schemas(p_users text[], p_schemas text[], p_sql text)
language plpgsql as $$
declare
  who text;
  nsp text;
  schema_oid oid;
begin
  foreach nsp in array p_schemas loop
    schema_oid := nsp::pg_catalog.regnamespace::oid;
    foreach who in array (case when pg_catalog.cardinality(p_users) = 0
        then array[current_user::text] else p_users end) loop
      if exists (select 1 from pg_catalog.pg_roles r where r.rolname = who)
          and not pg_catalog.has_schema_privilege(who, schema_oid, 'CREATE') then
        raise exception using errcode = '42501',
          message = pg_catalog.format('permission denied for schema %s',
            (select n.nspname from pg_catalog.pg_namespace n where n.oid = schema_oid));
      end if;
    end loop;
  end loop;
  execute p_sql;
end
$$;
grant execute on procedure redshift_local.run_in_schemas(text[], text[], text) to public;

-- The rules of column-level privileges (r_GRANT.html's usage notes for
-- column-level access control) around p_sql, a GRANT or REVOKE of SELECT or
-- UPDATE on the tables named (as written): on a view only SELECT, on a
-- late-binding view none; only the owner or a superuser grants them; a
-- privilege held on the table is not granted again on its columns (no
-- effect) and cannot be revoked from them; one held on columns cannot be
-- granted on the table. Redshift's wording is not documented.
-- Whether a relation is a late-binding view, for a caller that may not
-- read the emulator's attribute table.
create or replace function redshift_local.is_late_binding_view(p_rel oid) returns boolean
language sql stable security definer set search_path = pg_catalog as $$
  select exists (select 1 from redshift_local.table_attributes t where t.relid = p_rel and t.is_late_binding_view)
$$;
grant execute on function redshift_local.is_late_binding_view(oid) to public;

create or replace procedure redshift_local.run_column_rules(p_grant boolean, p_tables text[],
  p_column_privileges text[], p_column_lists text[], p_table_privileges text[], p_grantees text[], p_sql text)
language plpgsql as $$
declare
  v_name text;
  v_rel oid;
  v_kind "char";
  v_who oid;
  v_label text;
  v_undo text[] := '{}';
  v_super boolean := coalesce((select r.rolsuper from pg_catalog.pg_roles r where r.rolname = current_user), false);
  i integer;
  j integer;
begin
  foreach v_name in array p_tables loop
    v_rel := v_name::pg_catalog.regclass::oid;
    v_kind := (select c.relkind from pg_catalog.pg_class c where c.oid = v_rel);
    if pg_catalog.cardinality(p_column_privileges) > 0 and p_grant then
      if redshift_local.is_late_binding_view(v_rel) then
        raise exception using errcode = '0LP01',
          message = pg_catalog.format('column-level privileges cannot be granted on late-binding view %s', v_name);
      end if;
      if v_kind in ('v', 'm') and 'UPDATE' = any (p_column_privileges) then
        raise exception using errcode = '0LP01',
          message = pg_catalog.format('only SELECT can be granted on the columns of view %s', v_name);
      end if;
      if not (v_super or exists (select 1 from pg_catalog.pg_class c where c.oid = v_rel
          and pg_catalog.pg_has_role(current_user, c.relowner, 'USAGE'))) then
        raise exception using errcode = '42501',
          message = pg_catalog.format('permission denied for relation %s', v_name);
      end if;
    end if;
    for j in 1 .. coalesce(pg_catalog.array_length(p_grantees, 1), 0) loop
      v_who := coalesce((select r.oid from pg_catalog.pg_roles r where r.rolname = p_grantees[j]), 0::oid);
      v_label := case when p_grantees[j] is null then 'public' else pg_catalog.quote_ident(p_grantees[j]) end;
      for i in 1 .. coalesce(pg_catalog.array_length(p_column_privileges, 1), 0) loop
        if exists (select 1 from pg_catalog.pg_class c, pg_catalog.aclexplode(c.relacl) a
            where c.oid = v_rel and a.grantee = v_who and a.privilege_type = p_column_privileges[i]) then
          if not p_grant then
            raise exception using errcode = '0LP01',
              message = pg_catalog.format('%s is held on table %s: revoke it at the table level',
                p_column_privileges[i], v_name);
          end if;
          v_undo := v_undo || pg_catalog.format('revoke %s %s on %s from %s', p_column_privileges[i],
            p_column_lists[i], v_rel::pg_catalog.regclass, v_label);
        end if;
      end loop;
      if p_grant then
        for i in 1 .. coalesce(pg_catalog.array_length(p_table_privileges, 1), 0) loop
          if exists (select 1 from pg_catalog.pg_attribute t, pg_catalog.aclexplode(t.attacl) a
              where t.attrelid = v_rel and t.attnum > 0 and not t.attisdropped
                and a.grantee = v_who and a.privilege_type = p_table_privileges[i]) then
            raise exception using errcode = '0LP01',
              message = pg_catalog.format('%s is held on columns of %s: it cannot be granted on the table too',
                p_table_privileges[i], v_name);
          end if;
        end loop;
      end if;
    end loop;
  end loop;
  execute p_sql;
  -- A privilege held on the table: granting it on columns has no effect.
  foreach v_name in array v_undo loop
    execute v_name;
  end loop;
end
$$;
grant execute on procedure redshift_local.run_column_rules(boolean, text[], text[], text[], text[], text[], text) to public;

create view pg_catalog.svv_roles as
select r.oid::integer as role_id, r.rolname::text as role_name,
  coalesce(redshift_local.role_setting(r.oid, 'redshift_local.role_owner'),
    pg_catalog.pg_get_userbyid(10))::text as role_owner,
  redshift_local.role_setting(r.oid, 'redshift_local.external_id')::text as external_id
from pg_catalog.pg_roles r
where redshift_local.identity_kind(r.rolname) = 'role';

-- PG_GROUP as Redshift has it: its groups only, not its roles.
create view redshift_local.pg_group as
select g.rolname as groname, g.oid::integer as grosysid,
  array(select m.member::integer from pg_catalog.pg_auth_members m where m.roleid = g.oid) as grolist
from pg_catalog.pg_roles g
where redshift_local.identity_kind(g.rolname) = 'group';

-- PG_USER as Redshift documents it (PostgreSQL 8.0's columns).
create view redshift_local.pg_user as
select u.rolname as usename, u.oid::integer as usesysid, u.rolcreatedb as usecreatedb,
  u.rolsuper as usesuper, u.rolsuper as usecatupd, '********'::text as passwd,
  u.rolvaliduntil as valuntil,
  nullif(array(select c from pg_catalog.unnest(u.rolconfig) c where c !~ '^redshift_local[.]'), '{}') as useconfig
from pg_catalog.pg_roles u
where u.rolcanlogin and u.rolname !~ '^pg_';
grant select on redshift_local.pg_group, redshift_local.pg_user to public;

create view pg_catalog.svv_user_grants as
select u.oid::integer as user_id, u.rolname::text as user_name,
  r.oid::integer as role_id, r.rolname::text as role_name, m.admin_option::boolean as admin_option
from pg_catalog.pg_auth_members m
join pg_catalog.pg_roles u on u.oid = m.member
join pg_catalog.pg_roles r on r.oid = m.roleid
where u.rolcanlogin and redshift_local.identity_kind(r.rolname) = 'role'
  and not (m.admin_option and not m.inherit_option and not m.set_option)
  and (u.rolname = current_user
    or coalesce((select s.rolsuper from pg_catalog.pg_roles s where s.rolname = current_user), false));

create view pg_catalog.svv_role_grants as
select g.oid::integer as role_id, g.rolname::text as role_name,
  r.oid::integer as granted_role_id, r.rolname::text as granted_role_name
from pg_catalog.pg_auth_members m
join pg_catalog.pg_roles g on g.oid = m.member
join pg_catalog.pg_roles r on r.oid = m.roleid
where redshift_local.identity_kind(g.rolname) = 'role'
  and redshift_local.identity_kind(r.rolname) = 'role'
  and (pg_catalog.pg_has_role(current_user, g.oid, 'MEMBER')
    or coalesce((select s.rolsuper from pg_catalog.pg_roles s where s.rolname = current_user), false)
    or redshift_local.role_setting(g.oid, 'redshift_local.role_owner') = current_user);

create view redshift_local.user_info as
select u.rolname::text as user_name, u.oid::integer as user_id, u.rolcreatedb::boolean as createdb,
  u.rolsuper::boolean as superuser, u.rolsuper::boolean as catalog_update,
  case when u.rolconnlimit < 0 then 'UNLIMITED' else u.rolconnlimit::text end::text as connection_limit,
  pg_catalog.upper(coalesce(redshift_local.role_setting(u.oid, 'redshift_local.syslog_access'), 'restricted'))::text
    as syslog_access,
  null::timestamp as last_ddl_timestamp,
  coalesce(redshift_local.role_setting(u.oid, 'redshift_local.session_timeout'), '0')::integer as session_timeout,
  redshift_local.role_setting(u.oid, 'redshift_local.external_id')::text as external_user_id
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
  if redshift_local.identity_kind(p_name) is distinct from 'role' then
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

-- ALTER ROLE role [WITH] {RENAME TO r | OWNER TO u} [, ...] [EXTERNALID TO id]
-- (r_ALTER_ROLE.html): a superuser's (or, on Redshift, the holder of the ALTER
-- ROLE permission, which the emulator cannot grant). Redshift's wording for
-- these refusals is not documented.
create or replace procedure redshift_local.alter_role(p_name text, p_new text, p_owner text, p_external text)
language plpgsql set search_path = pg_catalog as $$
begin
  if redshift_local.identity_kind(p_name) is distinct from 'role' then
    raise exception using errcode = '42704', message = pg_catalog.format('role "%s" does not exist', p_name);
  end if;
  if p_name ~ '^sys:' or p_new ~ '^sys:' then
    raise exception using errcode = '42501', message = pg_catalog.format('cannot alter system role "%s"', p_name);
  end if;
  if not coalesce((select r.rolsuper from pg_catalog.pg_roles r where r.rolname = current_user), false) then
    raise exception using errcode = '42501', message = pg_catalog.format('permission denied to alter role "%s"', p_name),
      hint = 'ALTER ROLE needs a superuser';
  end if;
  if p_owner is not null then
    if redshift_local.identity_kind(p_owner) is distinct from 'user' then
      raise exception using errcode = '42704', message = pg_catalog.format('user "%s" does not exist', p_owner);
    end if;
    execute pg_catalog.format('alter role %I set redshift_local.role_owner = %L', p_name, p_owner);
  end if;
  if p_external is not null then
    execute pg_catalog.format('alter role %I set redshift_local.external_id = %L', p_name, p_external);
  end if;
  if p_new is not null then
    execute pg_catalog.format('alter role %I rename to %I', p_name, p_new);
  end if;
end
$$;
grant execute on procedure redshift_local.alter_role(text, text, text, text) to public;
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
