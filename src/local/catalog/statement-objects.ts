import { SYSTEM_ROLES } from '../sql/redshift-roles.js'

// No backslash appears in any string literal below: function bodies are
// parsed in the caller's session, where standard_conforming_strings may be off.

/** Schema quotas (installed with the internal tables). */
export const SCHEMA_QUOTA_TABLE_SQL = `
create table if not exists redshift_local.schema_quotas (
  nspoid oid primary key,
  quota_mb bigint not null
);
`

/** The quota violation views {@link STATEMENT_OBJECTS_SQL} creates in pg_catalog. */
export const QUOTA_VIOLATION_VIEWS = [
  'stl_schema_quota_violations',
  'sys_schema_quota_violations',
] as const

/**
 * What the Redshift statements of `redshift-ddl-extras.ts` call:
 *
 * - `set_session_authorization`: SET SESSION AUTHORIZATION as the session
 *   runs it, with the client's login for DEFAULT; only a superuser login may
 *   run it (r_SET_SESSION_AUTHORIZATION.html), in PostgreSQL's words;
 * - `lock_tables`: LOCK, which Redshift also runs outside a transaction
 *   block (https://docs.aws.amazon.com/redshift/latest/dg/r_LOCK.html: it is
 *   "only meaningful" inside one), where PostgreSQL's LOCK is an error; the
 *   procedure takes the locks in the caller's transaction, or in the CALL's
 *   own when there is no block;
 * - `append_table`: ALTER TABLE ... APPEND FROM (r_ALTER_TABLE_APPEND.html):
 *   the rows move to the target's columns of the same names ("column order
 *   doesn't matter"), which must have the same type, compression encoding
 *   and nullability; a
 *   column only the source has needs IGNOREEXTRA (its values are dropped),
 *   one only the target has FILLTARGET (its default or NULL); an IDENTITY
 *   column moves in neither table, and a temporary target or source, differing
 *   distribution or sort keys are refused. The page gives none of the
 *   errors' words or SQLSTATEs (42P16 here, invalid table definition);
 * - `single_update_match`: the guard `error_on_nondeterministic_update`
 *   puts on UPDATE ... FROM (see nondeterministic-update.ts), in the words
 *   r_error_on_nondeterministic_update.html shows; the SQLSTATE is not
 *   documented (XX000, Redshift's code for its own execution errors);
 * - `require_relation` and `require_columns`: ANALYZE COMPRESSION of a table
 *   or of columns that do not exist;
 * - `merge_multiple_matches`: MERGE ... REMOVE DUPLICATES where a target
 *   row matches more than one source row, in the words PostgreSQL gives a
 *   plain MERGE (21000 `MERGE command cannot affect row a second time`):
 *   r_MERGE.html says a target row may match one source row only, but not
 *   how Redshift words the error, so PostgreSQL's text stands;
 * - `set_schema_quota` and SVV_SCHEMA_QUOTA_STATE
 *   (https://docs.aws.amazon.com/redshift/latest/dg/r_SVV_SCHEMA_QUOTA_STATE.html):
 *   quotas in MB, recorded for the schema's owner (or a superuser; ALTER
 *   SCHEMA's change of a quota for a superuser only) and
 *   shown with the schema's current size; the emulator does not enforce
 *   them, so STL_SCHEMA_QUOTA_VIOLATIONS and SYS_SCHEMA_QUOTA_VIOLATIONS
 *   (r_STL_SCHEMA_QUOTA_VIOLATIONS.html) have no rows;
 * - Redshift's system roles (`sys:dba` ...), created once per PostgreSQL
 *   server as roles without rights, so that they can be granted.
 */
export const STATEMENT_OBJECTS_SQL = `
create or replace function redshift_local.single_update_match(matches bigint) returns boolean
language plpgsql volatile as $$
begin
  if matches > 1 then
    raise exception using errcode = 'XX000', message = 'Found multiple matches to update the same tuple.';
  end if;
  return true;
end
$$;

create or replace procedure redshift_local.set_session_authorization(login text, target text, local boolean)
language plpgsql as $$
begin
  if not coalesce((select r.rolsuper from pg_catalog.pg_roles r where r.rolname = login), false) then
    raise exception using errcode = '42501', message = 'permission denied to set session authorization';
  end if;
  execute 'set ' || case when local then 'local' else 'session' end || ' session authorization '
    || pg_catalog.quote_ident(coalesce(target, login));
end
$$;

create or replace procedure redshift_local.lock_tables(variadic tables regclass[])
language plpgsql as $$
declare
  t regclass;
begin
  foreach t in array tables loop
    execute 'lock table ' || t::text;
  end loop;
end
$$;

-- The quoted names of p_rel's columns, in order, that p_other has a column
-- of the same name for (p_shared) or lacks; null when there are none.
create or replace function redshift_local.column_list(p_rel regclass, p_other regclass, p_shared boolean)
returns text language sql stable set search_path = pg_catalog as $$
  select pg_catalog.string_agg(pg_catalog.quote_ident(a.attname), ', ' order by a.attnum)
  from pg_catalog.pg_attribute a
  where a.attrelid = p_rel and a.attnum > 0 and not a.attisdropped
    and exists (select 1 from pg_catalog.pg_attribute o
      where o.attrelid = p_other and o.attname = a.attname and o.attnum > 0 and not o.attisdropped) = p_shared
$$;

-- A column's encoding as PG_TABLE_DEF shows it (the declared one, or the
-- one Redshift gives its type).
create or replace function redshift_local.column_encoding(p_rel regclass, p_column text, p_type oid)
returns text language sql stable set search_path = pg_catalog as $$
  select coalesce(pg_catalog.replace(ta.encodings ->> p_column, 'raw', 'none'),
    redshift_local.default_encoding(p_type, coalesce(p_column = any (ta.sortkey), false)))
  from (select 1) one
  left join redshift_local.table_attributes ta on ta.relid = p_rel
$$;

create or replace procedure redshift_local.append_table(p_target regclass, p_source regclass, p_mode text)
language plpgsql as $$
declare
  columns text;
  extra text;
begin
  if (select c.relpersistence from pg_catalog.pg_class c where c.oid = p_target) = 't' then
    raise exception using errcode = '42P16',
      message = 'ALTER TABLE APPEND needs a permanent target table';
  end if;
  if (select c.relpersistence from pg_catalog.pg_class c where c.oid = p_source) = 't' then
    raise exception using errcode = '42P16',
      message = 'ALTER TABLE APPEND needs a permanent source table';
  end if;
  -- t_rls_usage.html: from a source with RLS on, only superusers, sys:secadmin
  -- and holders of IGNORE RLS (the message is the emulator's).
  if redshift_local.rls_filters(p_source) then
    raise exception using errcode = '42501',
      message = 'permission denied: ALTER TABLE APPEND from a relation with row-level security on needs the IGNORE RLS permission';
  end if;
  if exists (select 1 from redshift_local.table_attributes t, redshift_local.table_attributes s
      where t.relid = p_target and s.relid = p_source
        and (t.diststyle, t.distkey, t.sortkey, t.sortkey_type)
          is distinct from (s.diststyle, s.distkey, s.sortkey, s.sortkey_type)) then
    raise exception using errcode = '42P16',
      message = 'ALTER TABLE APPEND needs the same distribution style, distribution key and sort key in both tables';
  end if;
  if exists (select 1 from pg_catalog.pg_attribute a
      where a.attrelid = p_target and a.attnum > 0 and not a.attisdropped and a.attidentity = 'a')
    and exists (select 1 from pg_catalog.pg_attribute a
      where a.attrelid = p_source and a.attnum > 0 and not a.attisdropped and a.attidentity = 'a') then
    raise exception using errcode = '42P16',
      message = 'ALTER TABLE APPEND cannot append an IDENTITY column: both tables have one';
  end if;
  if exists (select 1 from pg_catalog.pg_attribute t
      join pg_catalog.pg_attribute s on s.attrelid = p_source and s.attname = t.attname
        and s.attnum > 0 and not s.attisdropped
      where t.attrelid = p_target and t.attnum > 0 and not t.attisdropped
        and ((t.atttypid, t.atttypmod, t.attnotnull, t.attcollation)
          is distinct from (s.atttypid, s.atttypmod, s.attnotnull, s.attcollation)
          or (t.attidentity = 'a') <> (s.attidentity = 'a')
          or redshift_local.column_encoding(p_target, t.attname::text, t.atttypid)
            <> redshift_local.column_encoding(p_source, s.attname::text, s.atttypid))) then
    raise exception using errcode = '42P16',
      message = 'Target table and source table attributes don''t match.',
      hint = 'columns of the same name must have the same type, length, encoding and nullability';
  end if;
  extra := redshift_local.column_list(p_source, p_target, false);
  if extra is not null and p_mode <> 'ignoreextra' then
    raise exception using errcode = '42P16',
      message = pg_catalog.format('the source table has columns the target table does not: %s (IGNOREEXTRA leaves them behind)', extra);
  end if;
  extra := redshift_local.column_list(p_target, p_source, false);
  if extra is not null and p_mode <> 'filltarget' then
    raise exception using errcode = '42P16',
      message = pg_catalog.format('the target table has columns the source table does not: %s (FILLTARGET fills them with their defaults)', extra);
  end if;
  -- Not null: a column on one side only needs the other side's option too.
  columns := redshift_local.column_list(p_target, p_source, true);
  execute pg_catalog.format('with moved as (delete from %s returning %s) insert into %s (%s) select %s from moved',
    p_source, columns, p_target, columns, columns);
end
$$;

create or replace function redshift_local.require_relation(rel regclass, shown text) returns boolean
language plpgsql stable as $$
begin
  if rel is null then
    raise exception using errcode = '42P01', message = pg_catalog.format('relation "%s" does not exist', shown);
  end if;
  return true;
end
$$;

create or replace function redshift_local.require_columns(rel regclass, names text[], shown text) returns boolean
language plpgsql stable as $$
declare
  missing text;
begin
  select n into missing from pg_catalog.unnest(names) n
  where not exists (select 1 from pg_catalog.pg_attribute a
    where a.attrelid = rel and a.attname = n and a.attnum > 0 and not a.attisdropped)
  limit 1;
  if missing is not null then
    raise exception using errcode = '42703',
      message = pg_catalog.format('column "%s" of relation "%s" does not exist', missing, shown);
  end if;
  return true;
end
$$;

create or replace function redshift_local.merge_multiple_matches() returns integer
language plpgsql volatile as $$
begin
  raise exception using errcode = '21000', message = 'MERGE command cannot affect row a second time',
    hint = 'Ensure that not more than one source row matches any one target row.';
end
$$;

create or replace procedure redshift_local.set_schema_quota(schema_name text, quota_mb bigint,
  changes boolean default false, created_only boolean default false)
language plpgsql security definer set search_path = pg_catalog as $$
declare
  ns oid;
begin
  select oid into ns from pg_catalog.pg_namespace where nspname = schema_name;
  if ns is null then
    raise exception using errcode = '3F000', message = pg_catalog.format('schema "%s" does not exist', schema_name);
  end if;
  -- CREATE SCHEMA IF NOT EXISTS of a schema that was there makes no change
  -- (r_CREATE_SCHEMA.html): only a schema this transaction created gets it.
  if created_only and (select n.xmin from pg_catalog.pg_namespace n where n.oid = ns)
      is distinct from pg_catalog.xid(pg_catalog.pg_current_xact_id()) then
    return;
  end if;
  -- "You must be a database superuser to set and change a schema quota. A
  -- user that is not a superuser but that has CREATE SCHEMA permission can
  -- create a schema with a defined quota" (r_CREATE_SCHEMA.html).
  if changes and not coalesce((select r.rolsuper from pg_catalog.pg_roles r where r.rolname = session_user), false) then
    raise exception using errcode = '42501',
      message = pg_catalog.format('permission denied: only a superuser can change the quota of schema %s', schema_name);
  end if;
  if not pg_catalog.pg_has_role(session_user,
      (select nspowner from pg_catalog.pg_namespace where oid = ns), 'USAGE') then
    raise exception using errcode = '42501', message = pg_catalog.format('must be owner of schema %s', schema_name);
  end if;
  delete from redshift_local.schema_quotas q
  where not exists (select 1 from pg_catalog.pg_namespace n where n.oid = q.nspoid);
  if quota_mb is null then
    delete from redshift_local.schema_quotas where nspoid = ns;
  else
    insert into redshift_local.schema_quotas values (ns, quota_mb)
    on conflict (nspoid) do update set quota_mb = excluded.quota_mb;
  end if;
end
$$;
revoke all on procedure redshift_local.set_schema_quota(text, bigint, boolean, boolean) from public;
grant execute on procedure redshift_local.set_schema_quota(text, bigint, boolean, boolean) to public;

create or replace view pg_catalog.svv_schema_quota_state as
select n.oid::integer as schema_id, n.nspname::character(128) as schema_name,
  n.nspowner::integer as schema_owner, q.quota_mb::integer as quota,
  u.mb::integer as disk_usage,
  (u.mb * 100.0 / q.quota_mb)::double precision as disk_usage_pct
from redshift_local.schema_quotas q
join pg_catalog.pg_namespace n on n.oid = q.nspoid
cross join lateral (select coalesce(pg_catalog.ceil(pg_catalog.sum(
    pg_catalog.pg_total_relation_size(c.oid)) / 1048576.0), 0) as mb
  from pg_catalog.pg_class c where c.relnamespace = n.oid and c.relkind in ('r', 'm')) u;
grant select on pg_catalog.svv_schema_quota_state to public;

-- No statement is stopped by a quota, so no violation is recorded.
create view pg_catalog.stl_schema_quota_violations as
select null::integer as ownerid, null::bigint as xid, null::integer as pid, null::integer as userid,
  null::integer as schema_id, null::character(128) as schema_name, null::integer as quota,
  null::integer as disk_usage, null::double precision as disk_usage_pct,
  null::timestamp as "timestamp"
where false;
create view pg_catalog.sys_schema_quota_violations as
select null::integer as owner_id, null::integer as user_id, null::bigint as transaction_id,
  null::integer as session_id, null::integer as schema_id, null::character(128) as schema_name,
  null::integer as quota, null::integer as disk_usage, null::timestamp as record_time
where false;

do $roles$
declare
  r text;
begin
  foreach r in array array['${SYSTEM_ROLES.join("','")}'] loop
    if not exists (select 1 from pg_catalog.pg_roles where rolname = r) then
      execute pg_catalog.format('create role %I nologin', r);
    end if;
  end loop;
end
$roles$;
`
