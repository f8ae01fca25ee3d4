/**
 * The producer side of data sharing (r_CREATE_DATASHARE.html,
 * r_ALTER_DATASHARE.html, r_DROP_DATASHARE.html, r_GRANT.html): the tables
 * the `redshift_local.datashare_*` procedures write (the calls
 * `sql/redshift-datashares.ts` makes of the statements) and the views
 * SVV_DATASHARES, SVV_DATASHARE_OBJECTS, SVV_DATASHARE_CONSUMERS and
 * SVV_DATASHARE_PRIVILEGES read.
 *
 * The tables live in the emulated database, so a datashare belongs to the
 * database it was created in (as on Redshift) and the views of another
 * database of the same emulator do not list it (Redshift lists a cluster's
 * datashares in every database): that, and a name unique per database
 * rather than per cluster, are the emulator's differences.
 *
 * Objects are kept by OID: a dropped object leaves its datashares, a
 * renamed one is shown under its new name. The pages give none of the
 * errors' words or SQLSTATEs; these use PostgreSQL's codes for the same
 * kind of fault (42704 missing, 42710 duplicate, 42501 privilege, 55000 a
 * schema not added before its objects).
 */
export const DATASHARE_TABLES_SQL = `
create sequence if not exists redshift_local.datashare_id_seq as integer start with 100400;

create table if not exists redshift_local.datashares (
  share_id int4 primary key default pg_catalog.nextval('redshift_local.datashare_id_seq'),
  share_name text not null unique,
  owner oid not null,
  database text not null,
  publicaccessible boolean not null default false,
  created_at timestamp not null default (pg_catalog.statement_timestamp() at time zone 'UTC')
);

create table if not exists redshift_local.datashare_objects (
  share_id int4 not null references redshift_local.datashares on delete cascade,
  kind text not null check (kind in ('schema', 'relation', 'function')),
  objoid oid not null,
  include_new boolean not null default false,
  primary key (share_id, kind, objoid)
);

create table if not exists redshift_local.datashare_consumers (
  share_id int4 not null references redshift_local.datashares on delete cascade,
  consumer_account text not null,
  consumer_namespace text not null default '',
  share_date timestamp not null default (pg_catalog.statement_timestamp() at time zone 'UTC'),
  primary key (share_id, consumer_account, consumer_namespace)
);

-- ALTER and SHARE on a datashare; grantee 0 is PUBLIC.
create table if not exists redshift_local.datashare_privileges (
  share_id int4 not null references redshift_local.datashares on delete cascade,
  grantee oid not null,
  privilege text not null check (privilege in ('ALTER', 'SHARE')),
  primary key (share_id, grantee, privilege)
);
`

/** The views {@link DATASHARE_SQL} creates in pg_catalog. */
export const DATASHARE_VIEWS = [
  'svv_datashares',
  'svv_datashare_objects',
  'svv_datashare_consumers',
  'svv_datashare_privileges',
] as const

// Who runs the statement is session_user: the procedures are security
// definers (the tables are not writable by users), so current_user is
// their owner inside them.
export const DATASHARE_SQL = `
create or replace function redshift_local.datashare_superuser() returns boolean
language sql stable set search_path = pg_catalog as $$
  select coalesce((select r.rolsuper from pg_catalog.pg_roles r where r.rolname = session_user), false)
$$;

create or replace function redshift_local.datashare_id(share text) returns int4
language plpgsql stable set search_path = pg_catalog as $$
declare
  id int4;
begin
  select d.share_id into id from redshift_local.datashares d where d.share_name = share;
  if id is null then
    raise exception using errcode = '42704', message = pg_catalog.format('datashare "%s" does not exist', share);
  end if;
  return id;
end
$$;

-- DESC DATASHARE of a datashare that does not exist is an error.
create or replace function redshift_local.datashare_exists(share text) returns boolean
language sql stable security definer set search_path = pg_catalog as $$
  select redshift_local.datashare_id(share) is not null
$$;

-- Superuser, owner, or the privilege on the datashare (ALTER lets one
-- alter it, SHARE add consumers: r_GRANT.html).
create or replace function redshift_local.datashare_may(id int4, privilege text) returns boolean
language sql stable security definer set search_path = pg_catalog as $$
  select redshift_local.datashare_superuser()
    or exists (select 1 from redshift_local.datashares d
      where d.share_id = id and pg_catalog.pg_has_role(session_user, d.owner, 'MEMBER'))
    or exists (select 1 from redshift_local.datashare_privileges p
      where p.share_id = id and p.privilege = datashare_may.privilege
        and (p.grantee = 0 or pg_catalog.pg_has_role(session_user, p.grantee, 'MEMBER')))
$$;

create or replace function redshift_local.datashare_require(share text, privilege text) returns int4
language plpgsql stable set search_path = pg_catalog as $$
declare
  id int4 := redshift_local.datashare_id(share);
begin
  if not redshift_local.datashare_may(id, privilege) then
    raise exception using errcode = '42501', message = pg_catalog.format('permission denied for datashare %s', share);
  end if;
  return id;
end
$$;

-- A schema the user may share: it exists, is not the emulator's own, and
-- the user owns it or has USAGE on it (r_ALTER_DATASHARE.html).
create or replace function redshift_local.datashare_schema(schema_name text) returns oid
language plpgsql stable set search_path = pg_catalog as $$
declare
  ns oid;
begin
  select n.oid into ns from pg_catalog.pg_namespace n
  where n.nspname = schema_name and n.nspname <> 'redshift_local';
  if ns is null then
    raise exception using errcode = '3F000', message = pg_catalog.format('schema "%s" does not exist', schema_name);
  end if;
  -- The system schemas are not the database's to share (not documented;
  -- the stricter reading).
  if schema_name ~ '^pg_' or schema_name = 'information_schema' then
    raise exception using errcode = '42501', message = pg_catalog.format('permission denied: system schema %s cannot be added to a datashare', schema_name);
  end if;
  if not pg_catalog.has_schema_privilege(session_user, ns, 'USAGE') then
    raise exception using errcode = '42501', message = pg_catalog.format('permission denied for schema %s', schema_name);
  end if;
  return ns;
end
$$;

-- "Add a schema to a datashare first before adding objects in the schema."
create or replace function redshift_local.datashare_require_schema(id int4, ns oid, share text) returns void
language plpgsql stable set search_path = pg_catalog as $$
begin
  if not exists (select 1 from redshift_local.datashare_objects o
      where o.share_id = id and o.kind = 'schema' and o.objoid = ns) then
    raise exception using errcode = '55000',
      message = pg_catalog.format('schema "%s" is not in datashare %s', ns::regnamespace::text, share),
      hint = 'Add the schema to the datashare before the objects in it.';
  end if;
end
$$;

create or replace procedure redshift_local.datashare_create(share text, publicaccessible boolean)
language plpgsql security definer set search_path = pg_catalog as $$
begin
  -- CREATE DATASHARE: a superuser or the database owner (r_CREATE_DATASHARE.html).
  if not redshift_local.datashare_superuser() and not pg_catalog.pg_has_role(session_user,
      (select d.datdba from pg_catalog.pg_database d where d.datname = pg_catalog.current_database()), 'MEMBER') then
    raise exception using errcode = '42501', message = 'permission denied to create datashare';
  end if;
  if exists (select 1 from redshift_local.datashares d where d.share_name = share) then
    raise exception using errcode = '42710', message = pg_catalog.format('datashare "%s" already exists', share);
  end if;
  insert into redshift_local.datashares (share_name, owner, database, publicaccessible)
  values (share, (select r.oid from pg_catalog.pg_roles r where r.rolname = session_user),
    pg_catalog.current_database(), publicaccessible);
end
$$;

create or replace procedure redshift_local.datashare_drop(share text)
language plpgsql security definer set search_path = pg_catalog as $$
declare
  id int4 := redshift_local.datashare_id(share);
begin
  if not redshift_local.datashare_superuser() and not exists (select 1 from redshift_local.datashares d
      where d.share_id = id and pg_catalog.pg_has_role(session_user, d.owner, 'MEMBER')) then
    raise exception using errcode = '42501', message = pg_catalog.format('must be owner of datashare %s', share);
  end if;
  delete from redshift_local.datashares d where d.share_id = id;
end
$$;

create or replace procedure redshift_local.datashare_set(share text, property text, value boolean, schema_name text)
language plpgsql security definer set search_path = pg_catalog as $$
declare
  id int4 := redshift_local.datashare_require(share, 'ALTER');
  ns oid;
begin
  if property = 'PUBLICACCESSIBLE' then
    update redshift_local.datashares d set publicaccessible = value where d.share_id = id;
    return;
  end if;
  -- "Only superusers can change this property for each datashare-schema pair."
  if not redshift_local.datashare_superuser() then
    raise exception using errcode = '42501', message = 'permission denied: only a superuser can set INCLUDENEW for a datashare';
  end if;
  ns := redshift_local.datashare_schema(schema_name);
  perform redshift_local.datashare_require_schema(id, ns, share);
  update redshift_local.datashare_objects o set include_new = value
  where o.share_id = id and o.kind = 'schema' and o.objoid = ns;
end
$$;

create or replace procedure redshift_local.datashare_alter(share text, add boolean, kind text, objects text[])
language plpgsql security definer set search_path = pg_catalog as $$
declare
  id int4 := redshift_local.datashare_require(share, 'ALTER');
  object text;
  ns oid;
  target oid;
  shown text;
  item record;
begin
  foreach object in array objects loop
    if kind in ('SCHEMA', 'ALL TABLES', 'ALL FUNCTIONS') then
      ns := redshift_local.datashare_schema(object);
      if kind = 'SCHEMA' and add then
        insert into redshift_local.datashare_objects values (id, 'schema', ns, false) on conflict do nothing;
      elsif kind = 'SCHEMA' then
        -- Removing a schema whose objects are still shared is refused (the
        -- page does not say what Redshift does; the stricter reading).
        if exists (select 1 from redshift_local.datashare_objects o
            left join pg_catalog.pg_class c on o.kind = 'relation' and c.oid = o.objoid
            left join pg_catalog.pg_proc p on o.kind = 'function' and p.oid = o.objoid
            where o.share_id = id and coalesce(c.relnamespace, p.pronamespace) = ns) then
          raise exception using errcode = '2BP01',
            message = pg_catalog.format('cannot remove schema %s from datashare %s because objects in it are in the datashare', object, share);
        end if;
        perform redshift_local.datashare_remove(id, 'schema', ns, object, share);
      else
        if add then
          perform redshift_local.datashare_require_schema(id, ns, share);
        end if;
        for item in
          select c.oid, 'relation' as kind, pg_catalog.quote_ident(c.relname) as name
          from pg_catalog.pg_class c
          where kind = 'ALL TABLES' and c.relnamespace = ns and c.relkind in ('r', 'p', 'v', 'm')
          union all
          select p.oid, 'function', p.oid::regprocedure::text from pg_catalog.pg_proc p
          where kind = 'ALL FUNCTIONS' and p.pronamespace = ns and p.prokind = 'f'
        loop
          if add then
            perform redshift_local.datashare_check_object(item.kind, item.oid, object || '.' || item.name);
            insert into redshift_local.datashare_objects values (id, item.kind, item.oid, false) on conflict do nothing;
          else
            delete from redshift_local.datashare_objects o
            where o.share_id = id and o.kind = item.kind and o.objoid = item.oid;
          end if;
        end loop;
      end if;
      continue;
    end if;
    shown := pg_catalog.array_to_string(pg_catalog.parse_ident(pg_catalog.split_part(object, '(', 1)), '.');
    if kind = 'TABLE' then
      target := pg_catalog.to_regclass(object);
      if target is null then
        raise exception using errcode = '42P01', message = pg_catalog.format('relation "%s" does not exist', shown);
      end if;
      select c.relnamespace into ns from pg_catalog.pg_class c
      where c.oid = target and c.relkind in ('r', 'p', 'v', 'm');
      if ns is null then
        raise exception using errcode = '42809', message = pg_catalog.format('"%s" is not a table or view', shown);
      end if;
    else
      target := pg_catalog.to_regprocedure(object);
      select p.pronamespace into ns from pg_catalog.pg_proc p where p.oid = target and p.prokind = 'f';
      if ns is null then
        raise exception using errcode = '42883', message = pg_catalog.format('function %s(%s) does not exist',
          shown, pg_catalog.substring(object, '[(](.*)[)]$'));
      end if;
    end if;
    if add then
      perform redshift_local.datashare_require_schema(id, ns, share);
      perform redshift_local.datashare_check_object(
        case kind when 'TABLE' then 'relation' else 'function' end, target, shown);
      insert into redshift_local.datashare_objects
      values (id, case kind when 'TABLE' then 'relation' else 'function' end, target, false)
      on conflict do nothing;
    else
      perform redshift_local.datashare_remove(id,
        case kind when 'TABLE' then 'relation' else 'function' end, target, shown, share);
    end if;
  end loop;
end
$$;

-- "Users should be the owners of objects or have SELECT, USAGE, or ALL
-- privileges on the objects" (EXECUTE for a function).
create or replace function redshift_local.datashare_check_object(kind text, target oid, shown text) returns void
language plpgsql stable set search_path = pg_catalog as $$
begin
  if kind = 'relation' and not pg_catalog.has_table_privilege(session_user, target, 'SELECT') then
    raise exception using errcode = '42501', message = pg_catalog.format('permission denied for relation %s', shown);
  end if;
  if kind = 'function' and not pg_catalog.has_function_privilege(session_user, target, 'EXECUTE') then
    raise exception using errcode = '42501', message = pg_catalog.format('permission denied for function %s', shown);
  end if;
end
$$;

-- REMOVE of an object the datashare does not hold is refused (not
-- documented either way; the stricter reading).
create or replace function redshift_local.datashare_remove(id int4, kind text, target oid, shown text, share text) returns void
language plpgsql volatile set search_path = pg_catalog as $$
begin
  delete from redshift_local.datashare_objects o
  where o.share_id = id and o.kind = datashare_remove.kind and o.objoid = target;
  if not found then
    raise exception using errcode = '42704',
      message = pg_catalog.format('%s "%s" is not in datashare %s', kind, shown, share);
  end if;
end
$$;

-- GRANT | REVOKE USAGE ON DATASHARE ... TO | FROM NAMESPACE | ACCOUNT: the
-- owner, a superuser or a holder of SHARE. The identifiers' forms are
-- Redshift's (a GUID, a 12-digit account), their error words are not
-- documented. A revoke of what was never granted does nothing, as REVOKE.
create or replace procedure redshift_local.datashare_consumer(share text, granted boolean, account text, namespace text)
language plpgsql security definer set search_path = pg_catalog as $$
declare
  id int4 := redshift_local.datashare_require(share, 'SHARE');
begin
  if account is not null and account !~ '^[0-9]{12}$' then
    raise exception using errcode = '22023', message = pg_catalog.format('invalid AWS account ID "%s"', account);
  end if;
  if namespace is not null and namespace !~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' then
    raise exception using errcode = '22023', message = pg_catalog.format('invalid namespace "%s"', namespace);
  end if;
  account := coalesce(account, redshift_local.current_aws_account()::text);
  if granted then
    insert into redshift_local.datashare_consumers (share_id, consumer_account, consumer_namespace)
    values (id, account, coalesce(pg_catalog.lower(namespace), '')) on conflict do nothing;
  else
    delete from redshift_local.datashare_consumers c
    where c.share_id = id and c.consumer_account = account
      and c.consumer_namespace = coalesce(pg_catalog.lower(namespace), '');
  end if;
end
$$;

-- GRANT | REVOKE { ALTER | SHARE } ON DATASHARE: the owner or a superuser
-- delegates them (r_CREATE_DATASHARE.html). A null grantee is PUBLIC.
create or replace procedure redshift_local.datashare_privilege(share text, granted boolean, privileges text[], grantees text[])
language plpgsql security definer set search_path = pg_catalog as $$
declare
  id int4 := redshift_local.datashare_id(share);
  name text;
  who oid;
begin
  if not redshift_local.datashare_superuser() and not exists (select 1 from redshift_local.datashares d
      where d.share_id = id and pg_catalog.pg_has_role(session_user, d.owner, 'MEMBER')) then
    raise exception using errcode = '42501', message = pg_catalog.format('permission denied for datashare %s', share);
  end if;
  foreach name in array grantees loop
    if name is null then
      who := 0;
    else
      select r.oid into who from pg_catalog.pg_roles r where r.rolname = name;
      if who is null then
        raise exception using errcode = '42704', message = pg_catalog.format('user "%s" does not exist', name);
      end if;
    end if;
    if granted then
      insert into redshift_local.datashare_privileges
      select id, who, p from pg_catalog.unnest(privileges) p on conflict do nothing;
    else
      delete from redshift_local.datashare_privileges p
      where p.share_id = id and p.grantee = who and p.privilege = any (privileges);
    end if;
    who := null;
  end loop;
end
$$;

-- SET INCLUDENEW TRUE FOR SCHEMA: tables, views and SQL functions created
-- in the schema later join the datashare.
create or replace function redshift_local.datashare_include_new() returns event_trigger
language plpgsql security definer set search_path = pg_catalog as $$
declare
  r record;
  object_kind text;
begin
  if not exists (select 1 from redshift_local.datashare_objects o where o.include_new) then
    return;
  end if;
  for r in select * from pg_catalog.pg_event_trigger_ddl_commands() loop
    object_kind := null;
    if r.classid = 'pg_catalog.pg_class'::regclass then
      select 'relation' into object_kind from pg_catalog.pg_class c
      where c.oid = r.objid and c.relkind in ('r', 'p', 'v', 'm');
    elsif r.classid = 'pg_catalog.pg_proc'::regclass then
      select 'function' into object_kind from pg_catalog.pg_proc p where p.oid = r.objid and p.prokind = 'f';
    end if;
    continue when object_kind is null or r.schema_name is null;
    insert into redshift_local.datashare_objects
    select o.share_id, object_kind, r.objid, false from redshift_local.datashare_objects o
    where o.kind = 'schema' and o.include_new and o.objoid = r.schema_name::regnamespace
    on conflict do nothing;
  end loop;
end
$$;
drop event trigger if exists redshift_local_datashare_include_new;
create event trigger redshift_local_datashare_include_new on ddl_command_end
  when tag in ('CREATE TABLE', 'CREATE TABLE AS', 'SELECT INTO', 'CREATE VIEW',
    'CREATE MATERIALIZED VIEW', 'CREATE FUNCTION')
  execute function redshift_local.datashare_include_new();

revoke all on procedure redshift_local.datashare_create(text, boolean),
  redshift_local.datashare_drop(text), redshift_local.datashare_set(text, text, boolean, text),
  redshift_local.datashare_alter(text, boolean, text, text[]),
  redshift_local.datashare_consumer(text, boolean, text, text),
  redshift_local.datashare_privilege(text, boolean, text[], text[]) from public;
grant execute on procedure redshift_local.datashare_create(text, boolean),
  redshift_local.datashare_drop(text), redshift_local.datashare_set(text, text, boolean, text),
  redshift_local.datashare_alter(text, boolean, text, text[]),
  redshift_local.datashare_consumer(text, boolean, text, text),
  redshift_local.datashare_privilege(text, boolean, text[], text[]) to public;

-- r_SVV_DATASHARES.html: users see the datashares they own or hold ALTER
-- or SHARE on (r_SHOW_DATASHARES.html); every one is OUTBOUND here.
create view pg_catalog.svv_datashares as
select d.share_name::varchar(128) as share_name, d.share_id::integer as share_id,
  d.owner::integer as share_owner, d.database::varchar(128) as source_database,
  null::varchar(128) as consumer_database, 'OUTBOUND'::varchar(8) as share_type,
  d.created_at as createdate, d.publicaccessible as is_publicaccessible,
  null::varchar(256) as share_acl,
  redshift_local.current_aws_account()::varchar(16) as producer_account,
  redshift_local.current_namespace()::varchar(64) as producer_namespace,
  null::varchar(64) as managed_by
from redshift_local.datashares d
where redshift_local.datashare_may(d.share_id, 'ALTER') or redshift_local.datashare_may(d.share_id, 'SHARE');

-- r_SVV_DATASHARE_OBJECTS.html; object_type in capitals as DESC DATASHARE's
-- example shows them. A function's object_name is schema.name (its form is
-- not documented).
create view pg_catalog.svv_datashare_objects as
select 'OUTBOUND'::varchar(8) as share_type, d.share_name::varchar(128) as share_name,
  o.object_type::varchar(64) as object_type, o.object_name::varchar(512) as object_name,
  redshift_local.current_aws_account()::varchar(16) as producer_account,
  redshift_local.current_namespace()::varchar(64) as producer_namespace,
  o.include_new
from pg_catalog.svv_datashares d
join (
  select o.share_id, 'SCHEMA' as object_type, n.nspname::text as object_name,
    o.include_new as include_new
  from redshift_local.datashare_objects o
  join pg_catalog.pg_namespace n on o.kind = 'schema' and n.oid = o.objoid
  union all
  select o.share_id,
    case c.relkind when 'm' then 'MATERIALIZED VIEW'
      when 'v' then case when coalesce(a.is_late_binding_view, false) then 'LATE BINDING VIEW' else 'VIEW' end
      else 'TABLE' end,
    n.nspname || '.' || c.relname, null::boolean
  from redshift_local.datashare_objects o
  join pg_catalog.pg_class c on o.kind = 'relation' and c.oid = o.objoid
  join pg_catalog.pg_namespace n on n.oid = c.relnamespace
  left join redshift_local.table_attributes a on a.relid = c.oid
  union all
  select o.share_id, 'FUNCTION', n.nspname || '.' || p.proname, null::boolean
  from redshift_local.datashare_objects o
  join pg_catalog.pg_proc p on o.kind = 'function' and p.oid = o.objoid
  join pg_catalog.pg_namespace n on n.oid = p.pronamespace
) o on o.share_id = d.share_id;

-- r_SVV_DATASHARE_CONSUMERS.html
create view pg_catalog.svv_datashare_consumers as
select d.share_name::varchar(128) as share_name,
  c.consumer_account::varchar(16) as consumer_account,
  nullif(c.consumer_namespace, '')::varchar(64) as consumer_namespace,
  c.share_date
from redshift_local.datashare_consumers c
join pg_catalog.svv_datashares d on d.share_id = c.share_id;

-- r_SVV_DATASHARE_PRIVILEGES.html: the ALTER and SHARE grants. The emulator
-- refuses WITH GRANT OPTION on a datashare, so admin_option is false.
create view pg_catalog.svv_datashare_privileges as
select d.share_name::text as datashare_name, p.privilege::text as privilege_type,
  p.grantee::integer as identity_id,
  redshift_local.identity_name(p.grantee) as identity_name,
  redshift_local.identity_type(p.grantee) as identity_type,
  false as admin_option
from redshift_local.datashare_privileges p
join redshift_local.datashares d on d.share_id = p.share_id
where redshift_local.sees_identity(p.grantee);
`
