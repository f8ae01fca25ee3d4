// No backslash appears in any string literal below: function bodies are
// parsed in the caller's session, where standard_conforming_strings may be off.

/** Schemas of the catalog and of the emulator itself, whose objects no privilege view lists. */
const SYSTEM_SCHEMA = `(n.nspname ~ '^(pg_|redshift_local)' or n.nspname = 'information_schema')`

/** The identity columns every view shares, for the aclexplode() row `a`. */
const IDENTITY_COLUMNS = `a.grantee::integer as identity_id,
  redshift_local.identity_name(a.grantee) as identity_name,
  redshift_local.identity_type(a.grantee) as identity_type`

/** The identity columns of a DROP grant `g` (see drop-privilege.ts). */
const DROP_IDENTITY_COLUMNS = `g.grantee::integer, redshift_local.identity_name(g.grantee),
  redshift_local.identity_type(g.grantee)`

/**
 * The DROP grants on relations (PostgreSQL has no such privilege: the
 * emulator keeps them, see drop-privilege.ts), by the rules of the ACL
 * rows: the owner's own left out, a dropped grantee's too.
 */
const DROP_GRANTS_FROM = `from redshift_local.drop_grants g
join pg_catalog.pg_class c on c.oid = g.relid
join pg_catalog.pg_namespace n on n.oid = c.relnamespace
where c.relkind in ('r', 'p', 'v', 'm') and not ${SYSTEM_SCHEMA}
  and g.grantee <> c.relowner
  and (g.grantee = 0 or exists (select 1 from pg_catalog.pg_roles r where r.oid = g.grantee))
  and redshift_local.sees_identity(g.grantee)`

/**
 * The privilege views of Redshift's security part, over PostgreSQL's ACLs
 * (aclexplode of relacl, attacl, nspacl, proacl, datacl, lanacl,
 * defaclacl):
 *
 * - SVV_RELATION_PRIVILEGES (r_SVV_RELATION_PRIVILEGES.html), tables and
 *   views; SVV_COLUMN_PRIVILEGES (r_SVV_COLUMN_PRIVILEGES.html);
 *   SVV_SCHEMA_PRIVILEGES, SVV_FUNCTION_PRIVILEGES,
 *   SVV_DATABASE_PRIVILEGES, SVV_LANGUAGE_PRIVILEGES and
 *   SVV_DEFAULT_PRIVILEGES (their pages of the same names).
 * - They show what was granted explicitly: an owner's own privileges (which
 *   PostgreSQL writes into the ACL with the first grant) are left out, and
 *   so are the privileges Redshift does not have (TRIGGER, MAINTAIN,
 *   CONNECT). A database's TEMPORARY is `TEMP`, as the page's example shows
 *   it; a database's PUBLIC rows come from PostgreSQL's default ACL when no
 *   grant was made (the page's example lists `TEMP | public | public`), and
 *   so do a function's (PUBLIC's EXECUTE), so that the row is there whether
 *   or not another grant has written the ACL out.
 * - SVV_SCHEMA_PRIVILEGES' and SVV_DATABASE_PRIVILEGES' `privilege_scope`
 *   is `SCHEMA` and `DATABASE`: the emulator has no scoped permissions
 *   (GRANT ... FOR TABLES IN SCHEMA).
 * - `identity_type` is `user`, `group`, `role` or `public`; PUBLIC's
 *   `identity_id` is 0 and its name `public` (the pages do not give the id).
 *   `admin_option` is the grant option, always false for a group or a role.
 * - A superuser sees every row; another user the rows of the identities it
 *   is or is a member of, and PUBLIC's, as the pages say ("identities to
 *   which they have access").
 *
 * SVV_DEFAULT_PRIVILEGES's `object_type` is RELATION or FUNCTION: ON
 * PROCEDURES is stored as PostgreSQL's ON ROUTINES (see
 * `sql/redshift-roles.ts`), which it cannot tell from ON FUNCTIONS.
 */
export const PRIVILEGE_VIEWS_SQL = `
create or replace function redshift_local.identity_name(p_role oid) returns text
language sql stable set search_path = pg_catalog as $$
  select case when p_role = 0 then 'public' else pg_catalog.pg_get_userbyid(p_role)::text end
$$;

create or replace function redshift_local.identity_type(p_role oid) returns text
language sql stable set search_path = pg_catalog as $$
  select case when p_role = 0 then 'public'
    else redshift_local.identity_kind(pg_catalog.pg_get_userbyid(p_role)) end
$$;

create or replace function redshift_local.sees_identity(p_role oid) returns boolean
language sql stable set search_path = pg_catalog as $$
  select p_role = 0
    or coalesce((select r.rolsuper from pg_catalog.pg_roles r where r.rolname = current_user), false)
    or pg_catalog.pg_has_role(current_user, p_role, 'MEMBER')
$$;

create view pg_catalog.svv_relation_privileges as
select n.nspname::text as namespace_name, c.relname::text as relation_name,
  a.privilege_type::text as privilege_type, ${IDENTITY_COLUMNS},
  a.is_grantable as admin_option
from pg_catalog.pg_class c
join pg_catalog.pg_namespace n on n.oid = c.relnamespace
cross join lateral pg_catalog.aclexplode(c.relacl) a
where c.relkind in ('r', 'p', 'v', 'm') and not ${SYSTEM_SCHEMA}
  and a.grantee <> c.relowner
  and a.privilege_type in ('SELECT', 'INSERT', 'UPDATE', 'DELETE', 'REFERENCES')
  and redshift_local.sees_identity(a.grantee)
union all
select n.nspname::text, c.relname::text, 'DROP'::text, ${DROP_IDENTITY_COLUMNS}, g.grantable
${DROP_GRANTS_FROM};

-- SHOW COLUMN GRANTS's rows for a table (see sql/show-column-grants.ts):
-- its columns' explicit grants the user may see, in column order.
create or replace function redshift_local.column_grants(rel regclass)
returns table (column_name name, attnum smallint, privilege_type text, identity_id integer,
  identity_name text, identity_type text, admin_option boolean, grantor_name name)
language sql stable set search_path = pg_catalog as $$
  select t.attname, t.attnum, a.privilege_type, ${IDENTITY_COLUMNS}, a.is_grantable,
    pg_catalog.pg_get_userbyid(a.grantor)
  from pg_catalog.pg_attribute t
  join pg_catalog.pg_class c on c.oid = t.attrelid
  cross join lateral pg_catalog.aclexplode(t.attacl) a
  where t.attrelid = rel and t.attnum > 0 and not t.attisdropped
    and a.grantee <> c.relowner and a.privilege_type in ('SELECT', 'UPDATE')
    and redshift_local.sees_identity(a.grantee)
$$;

create view pg_catalog.svv_column_privileges as
select n.nspname::text as namespace_name, c.relname::text as relation_name,
  t.attname::text as column_name, a.privilege_type::text as privilege_type, ${IDENTITY_COLUMNS}
from pg_catalog.pg_attribute t
join pg_catalog.pg_class c on c.oid = t.attrelid
join pg_catalog.pg_namespace n on n.oid = c.relnamespace
cross join lateral pg_catalog.aclexplode(t.attacl) a
where c.relkind in ('r', 'p', 'v', 'm') and not ${SYSTEM_SCHEMA}
  and t.attnum > 0 and not t.attisdropped
  and a.grantee <> c.relowner
  and a.privilege_type in ('SELECT', 'UPDATE')
  and redshift_local.sees_identity(a.grantee);

create view pg_catalog.svv_schema_privileges as
select n.nspname::text as namespace_name, a.privilege_type::text as privilege_type,
  ${IDENTITY_COLUMNS}, a.is_grantable as admin_option, 'SCHEMA'::text as privilege_scope
from pg_catalog.pg_namespace n
cross join lateral pg_catalog.aclexplode(n.nspacl) a
where not ${SYSTEM_SCHEMA}
  and a.grantee <> n.nspowner
  and pg_catalog.pg_get_userbyid(a.grantee) is distinct from 'pg_database_owner'
  and redshift_local.sees_identity(a.grantee);

create view pg_catalog.svv_function_privileges as
select n.nspname::text as namespace_name, p.proname::text as function_name,
  pg_catalog.oidvectortypes(p.proargtypes)::text as argument_types,
  a.privilege_type::text as privilege_type, ${IDENTITY_COLUMNS},
  a.is_grantable as admin_option
from pg_catalog.pg_proc p
join pg_catalog.pg_namespace n on n.oid = p.pronamespace
cross join lateral pg_catalog.aclexplode(coalesce(p.proacl, pg_catalog.acldefault('f', p.proowner))) a
where p.prokind = 'f' and not ${SYSTEM_SCHEMA}
  and a.grantee <> p.proowner
  and redshift_local.sees_identity(a.grantee);

create view pg_catalog.svv_database_privileges as
select d.datname::text as database_name,
  (case a.privilege_type when 'TEMPORARY' then 'TEMP' else a.privilege_type end)::text as privilege_type,
  ${IDENTITY_COLUMNS}, a.is_grantable as admin_option, 'DATABASE'::text as privilege_scope
from redshift_local.pg_database d
cross join lateral pg_catalog.aclexplode(coalesce(d.datacl, pg_catalog.acldefault('d', d.datdba))) a
where not d.datistemplate
  and a.grantee <> d.datdba
  and a.privilege_type in ('CREATE', 'TEMPORARY')
  and redshift_local.sees_identity(a.grantee);

create view pg_catalog.svv_language_privileges as
select l.lanname::text as language_name, a.privilege_type::text as privilege_type,
  ${IDENTITY_COLUMNS}, a.is_grantable as admin_option
from pg_catalog.pg_language l
cross join lateral pg_catalog.aclexplode(l.lanacl) a
where l.lanpltrusted
  and a.grantee <> l.lanowner
  and redshift_local.sees_identity(a.grantee);

create view pg_catalog.svv_default_privileges as
select n.nspname::text as schema_name,
  (case d.defaclobjtype when 'r' then 'RELATION' when 'f' then 'FUNCTION' end)::text as object_type,
  d.defaclrole::integer as owner_id, pg_catalog.pg_get_userbyid(d.defaclrole)::text as owner_name,
  'user'::text as owner_type, a.privilege_type::text as privilege_type,
  a.grantee::integer as grantee_id, redshift_local.identity_name(a.grantee) as grantee_name,
  redshift_local.identity_type(a.grantee) as grantee_type, a.is_grantable as admin_option
from pg_catalog.pg_default_acl d
left join pg_catalog.pg_namespace n on n.oid = d.defaclnamespace
cross join lateral pg_catalog.aclexplode(d.defaclacl) a
where d.defaclobjtype in ('r', 'f')
  and a.grantee <> d.defaclrole
  and a.privilege_type in ('SELECT', 'INSERT', 'UPDATE', 'DELETE', 'REFERENCES', 'EXECUTE')
  and redshift_local.sees_identity(a.grantee);

-- SHOW GRANTS's rows (see sql/show-grants.ts): the explicit grants of the
-- database privilege view, of the schemas, of the relations and of the
-- functions and procedures, by the same rules as the SVV_*_PRIVILEGES views
-- above, each with its object's oid and PostgreSQL's grantor. A database's
-- rows carry its own name, the others the session's database. A schema's
-- object_name is null (SHOW GRANTS FOR prints it empty).
create view redshift_local.object_grants as
select d.datname::text as database_name, null::text as schema_name, null::text as object_name,
  'DATABASE'::text as object_type, d.oid as object_oid, 1 as kind_order,
  (case a.privilege_type when 'TEMPORARY' then 'TEMP' else a.privilege_type end)::text as privilege_type,
  ${IDENTITY_COLUMNS}, a.is_grantable as admin_option, 'DATABASE'::text as privilege_scope,
  pg_catalog.pg_get_userbyid(a.grantor)::text as grantor_name
from redshift_local.pg_database d
cross join lateral pg_catalog.aclexplode(coalesce(d.datacl, pg_catalog.acldefault('d', d.datdba))) a
where not d.datistemplate
  and a.grantee <> d.datdba
  and a.privilege_type in ('CREATE', 'TEMPORARY')
  and redshift_local.sees_identity(a.grantee)
union all
select pg_catalog.current_database()::text, n.nspname::text, null::text, 'SCHEMA'::text, n.oid, 2,
  a.privilege_type::text, ${IDENTITY_COLUMNS}, a.is_grantable, 'SCHEMA'::text,
  pg_catalog.pg_get_userbyid(a.grantor)::text
from pg_catalog.pg_namespace n
cross join lateral pg_catalog.aclexplode(n.nspacl) a
where not ${SYSTEM_SCHEMA}
  and a.grantee <> n.nspowner
  and pg_catalog.pg_get_userbyid(a.grantee) is distinct from 'pg_database_owner'
  and redshift_local.sees_identity(a.grantee)
union all
select pg_catalog.current_database()::text, n.nspname::text, c.relname::text, 'TABLE'::text, c.oid, 3,
  a.privilege_type::text, ${IDENTITY_COLUMNS}, a.is_grantable, 'TABLE'::text,
  pg_catalog.pg_get_userbyid(a.grantor)::text
from pg_catalog.pg_class c
join pg_catalog.pg_namespace n on n.oid = c.relnamespace
cross join lateral pg_catalog.aclexplode(c.relacl) a
where c.relkind in ('r', 'p', 'v', 'm') and not ${SYSTEM_SCHEMA}
  and a.grantee <> c.relowner
  and a.privilege_type in ('SELECT', 'INSERT', 'UPDATE', 'DELETE', 'REFERENCES')
  and redshift_local.sees_identity(a.grantee)
union all
select pg_catalog.current_database()::text, n.nspname::text, c.relname::text, 'TABLE'::text, c.oid, 3,
  'DROP'::text, ${DROP_IDENTITY_COLUMNS}, g.grantable, 'TABLE'::text,
  pg_catalog.pg_get_userbyid(g.grantor)::text
${DROP_GRANTS_FROM}
union all
select pg_catalog.current_database()::text, n.nspname::text, p.proname::text,
  (case p.prokind when 'p' then 'PROCEDURE' else 'FUNCTION' end)::text, p.oid, 4,
  a.privilege_type::text, ${IDENTITY_COLUMNS}, a.is_grantable,
  (case p.prokind when 'p' then 'PROCEDURE' else 'FUNCTION' end)::text,
  pg_catalog.pg_get_userbyid(a.grantor)::text
from pg_catalog.pg_proc p
join pg_catalog.pg_namespace n on n.oid = p.pronamespace
cross join lateral pg_catalog.aclexplode(coalesce(p.proacl, pg_catalog.acldefault('f', p.proowner))) a
where p.prokind in ('f', 'p') and not ${SYSTEM_SCHEMA}
  and a.grantee <> p.proowner
  and redshift_local.sees_identity(a.grantee);

-- SHOW GRANTS FOR ... FROM DATABASE's rows: read in every database (see
-- sql/all-database-views.ts), each database's own objects' grants carrying
-- its name; a database's grants, the same in each, come once a database.
create view redshift_local.all_object_grants as
select g.database_name, g.schema_name, g.object_name, g.object_type, g.kind_order, g.privilege_type,
  g.identity_id, g.identity_name, g.identity_type, g.admin_option, g.privilege_scope, g.grantor_name
from redshift_local.object_grants g
where g.object_type <> 'DATABASE' or g.database_name = pg_catalog.current_database();

-- The user or role SHOW GRANTS FOR names, as an identity id, once the
-- caller may see its grants (r_SHOW_GRANTS.html's required permissions: a
-- superuser, the user itself, the role's owner or a user granted it).
create or replace function redshift_local.show_grants_target(p_name text, p_kind text) returns integer
language plpgsql stable set search_path = pg_catalog as $$
declare
  target oid := (select r.oid from pg_catalog.pg_roles r where r.rolname = p_name);
begin
  if redshift_local.identity_kind(p_name) is distinct from p_kind then
    raise exception using errcode = '42704',
      message = pg_catalog.format('%s "%s" does not exist', p_kind, p_name);
  end if;
  if not (pg_catalog.pg_has_role(current_user, target, 'MEMBER')
      or coalesce((select r.rolsuper from pg_catalog.pg_roles r where r.rolname = current_user), false)
      or coalesce(redshift_local.role_setting(target, 'redshift_local.role_owner') = current_user, false)) then
    raise exception using errcode = '42501',
      message = pg_catalog.format('permission denied to show the grants of %s "%s"', p_kind, p_name);
  end if;
  return target::integer;
end
$$;

-- The object SHOW GRANTS ON names in a schema (a relation, or a function
-- or procedure with its argument types), found in the catalog rather than
-- by a regclass cast, which would need USAGE on the schema: the page asks
-- no permission to list the grants one may see.
create or replace function redshift_local.grant_object(p_schema text, p_name text, p_types regtype[])
returns oid language plpgsql stable set search_path = pg_catalog as $$
declare
  schema_oid oid := pg_catalog.format('%I', p_schema)::regnamespace::oid;
  found oid;
begin
  if p_types is null then
    found := (select c.oid from pg_catalog.pg_class c
      where c.relnamespace = schema_oid and c.relname = p_name);
    if found is null then
      raise exception using errcode = '42P01',
        message = pg_catalog.format('relation "%s.%s" does not exist', p_schema, p_name);
    end if;
  else
    found := (select p.oid from pg_catalog.pg_proc p
      where p.pronamespace = schema_oid and p.proname = p_name
        and p.proargtypes::text = pg_catalog.array_to_string(p_types::oid[], ' '));
    if found is null then
      raise exception using errcode = '42883',
        message = pg_catalog.format('function %s.%s(%s) does not exist', p_schema, p_name,
          pg_catalog.array_to_string(array(select pg_catalog.format_type(t, null) from pg_catalog.unnest(p_types) t), ', '));
    end if;
  end if;
  return found;
end
$$;

-- HAS_TABLE_PRIVILEGE with Redshift's DROP (r_HAS_TABLE_PRIVILEGE.html):
-- redshift_local.may_drop (drop-privilege.ts) over the DROP grants the
-- emulator keeps; any other privilege is PostgreSQL's answer. One body for
-- the six forms; no search_path of their own, so a table's name resolves as
-- the caller's would.
create or replace function redshift_local.is_drop(p_privilege text) returns boolean
language sql immutable as $$ select pg_catalog.lower(pg_catalog.btrim(p_privilege)) = 'drop' $$;
create or replace function redshift_local.has_table_privilege(p_user name, p_table text, p_privilege text) returns boolean
language sql stable as $$
  select case when redshift_local.is_drop(p_privilege)
    then redshift_local.may_drop((select r.oid from pg_catalog.pg_roles r where r.rolname = p_user), p_table::regclass)
    else pg_catalog.has_table_privilege(p_user, p_table, p_privilege) end
$$;
create or replace function redshift_local.has_table_privilege(p_user name, p_table oid, p_privilege text) returns boolean
language sql stable as $$
  select case when redshift_local.is_drop(p_privilege)
    then redshift_local.may_drop((select r.oid from pg_catalog.pg_roles r where r.rolname = p_user), p_table)
    else pg_catalog.has_table_privilege(p_user, p_table, p_privilege) end
$$;
create or replace function redshift_local.has_table_privilege(p_user oid, p_table text, p_privilege text) returns boolean
language sql stable as $$
  select case when redshift_local.is_drop(p_privilege)
    then redshift_local.may_drop(p_user, p_table::regclass)
    else pg_catalog.has_table_privilege(p_user, p_table, p_privilege) end
$$;
create or replace function redshift_local.has_table_privilege(p_user oid, p_table oid, p_privilege text) returns boolean
language sql stable as $$
  select case when redshift_local.is_drop(p_privilege)
    then redshift_local.may_drop(p_user, p_table)
    else pg_catalog.has_table_privilege(p_user, p_table, p_privilege) end
$$;
create or replace function redshift_local.has_table_privilege(p_table text, p_privilege text) returns boolean
language sql stable as $$
  select case when redshift_local.is_drop(p_privilege)
    then redshift_local.may_drop((select r.oid from pg_catalog.pg_roles r where r.rolname = current_user), p_table::regclass)
    else pg_catalog.has_table_privilege(p_table, p_privilege) end
$$;
create or replace function redshift_local.has_table_privilege(p_table oid, p_privilege text) returns boolean
language sql stable as $$
  select case when redshift_local.is_drop(p_privilege)
    then redshift_local.may_drop((select r.oid from pg_catalog.pg_roles r where r.rolname = current_user), p_table)
    else pg_catalog.has_table_privilege(p_table, p_privilege) end
$$;

grant select on pg_catalog.svv_relation_privileges, pg_catalog.svv_column_privileges,
  pg_catalog.svv_schema_privileges, pg_catalog.svv_function_privileges,
  pg_catalog.svv_database_privileges, pg_catalog.svv_language_privileges,
  pg_catalog.svv_default_privileges, redshift_local.object_grants,
  redshift_local.all_object_grants to public;
`

/** The views {@link PRIVILEGE_VIEWS_SQL} creates in pg_catalog. */
export const PRIVILEGE_VIEWS = [
  'svv_relation_privileges',
  'svv_column_privileges',
  'svv_schema_privileges',
  'svv_function_privileges',
  'svv_database_privileges',
  'svv_language_privileges',
  'svv_default_privileges',
] as const
