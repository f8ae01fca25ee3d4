// No backslash appears in any string literal below: function bodies are
// parsed in the caller's session, where standard_conforming_strings may be off.

/**
 * Redshift's DROP privilege on tables and views (r_GRANT.html: "Grants
 * privilege to drop a table"; GRANT ALL gives it too), which PostgreSQL has
 * no privilege for: `redshift_local.drop_grants` holds one row a grant
 * (`relid`, `grantee` with 0 for PUBLIC, `grantor`, `grantable`), written by
 * `redshift_local.change_drop_privilege` (see `sql/drop-privilege.ts`)
 * with the caller's rights. Row security keeps a user to the rows its own
 * GRANT could write: the owner's grants (a superuser or a member of the
 * owner grants as the owner, as PostgreSQL records it), and a holder's of
 * DROP WITH GRANT OPTION under its own name.
 */
export const DROP_PRIVILEGE_TABLES_SQL = `
create table if not exists redshift_local.drop_grants (
  relid oid not null,
  grantee oid not null,
  grantor oid not null,
  grantable boolean not null,
  primary key (relid, grantee, grantor)
);
alter table redshift_local.drop_grants enable row level security;
-- The owners a DROP TABLE hands over for the statement (see below).
create table if not exists redshift_local.drop_handover (
  relid oid primary key,
  owner oid not null
);
`

/**
 * The functions, row-security policies and event triggers of the DROP
 * privilege:
 *
 * - `may_drop(user, table)`: a superuser, the owner (or a member of it),
 *   or a holder of DROP, granted to it, to a role or group it belongs to,
 *   or to PUBLIC (HAS_TABLE_PRIVILEGE's DROP, r_HAS_TABLE_PRIVILEGE.html).
 * - A DROP TABLE, DROP VIEW or DROP MATERIALIZED VIEW by a user that is
 *   not a superuser first makes it the owner of the relations it may drop
 *   only through the privilege (an event trigger on ddl_command_start,
 *   where PostgreSQL has not yet checked ownership), and gives them back to
 *   their owners once the statement is done (ddl_command_end). A statement
 *   that fails rolls the hand-over back with itself. The user is the
 *   session's: the triggers run as their owner, where only session_user
 *   still names the caller, so a DROP inside a SECURITY DEFINER procedure
 *   is judged by the owner's ownership alone.
 * - A dropped relation takes its grants with it (sql_drop): a later one
 *   could get its OID.
 */
export const DROP_PRIVILEGE_SQL = `
create or replace function redshift_local.may_drop(p_user oid, p_table oid) returns boolean
language sql stable set search_path = pg_catalog as $$
  select coalesce((select r.rolsuper from pg_catalog.pg_roles r where r.oid = p_user), false)
    or exists (select 1 from pg_catalog.pg_class c where c.oid = p_table
      and pg_catalog.pg_has_role(p_user, c.relowner, 'USAGE'))
    or exists (select 1 from redshift_local.drop_grants g
      where g.relid = p_table
        and (g.grantee = 0 or exists (select 1 from pg_catalog.pg_roles r where r.oid = g.grantee
          and pg_catalog.pg_has_role(p_user, r.oid, 'USAGE'))))
$$;

-- Whether the current user's GRANT may write the row (rel, grantor,
-- grantable): as the owner (a superuser or a member of the owner), or under
-- its own name when it holds DROP WITH GRANT OPTION.
create or replace function redshift_local.may_grant_drop(p_rel oid, p_grantor oid) returns boolean
language sql stable set search_path = pg_catalog as $$
  select exists (select 1 from pg_catalog.pg_class c where c.oid = p_rel and c.relowner = p_grantor
      and (coalesce((select r.rolsuper from pg_catalog.pg_roles r where r.rolname = current_user), false)
        or pg_catalog.pg_has_role(current_user, c.relowner, 'USAGE')))
    or (p_grantor = (select r.oid from pg_catalog.pg_roles r where r.rolname = current_user)
      and exists (select 1 from redshift_local.drop_grants g where g.relid = p_rel
        and g.grantee = p_grantor and g.grantable))
$$;

-- Whether the current user's REVOKE may remove the row: the owner's grants
-- as the owner, its own grants as itself.
create or replace function redshift_local.may_revoke_drop(p_rel oid, p_grantor oid) returns boolean
language sql stable set search_path = pg_catalog as $$
  select exists (select 1 from pg_catalog.pg_class c where c.oid = p_rel and c.relowner = p_grantor
      and (coalesce((select r.rolsuper from pg_catalog.pg_roles r where r.rolname = current_user), false)
        or pg_catalog.pg_has_role(current_user, c.relowner, 'USAGE')))
    or p_grantor = (select r.oid from pg_catalog.pg_roles r where r.rolname = current_user)
$$;

drop policy if exists drop_grants_read on redshift_local.drop_grants;
create policy drop_grants_read on redshift_local.drop_grants for select to public using (true);
drop policy if exists drop_grants_add on redshift_local.drop_grants;
create policy drop_grants_add on redshift_local.drop_grants for insert to public
  with check (redshift_local.may_grant_drop(relid, grantor));
drop policy if exists drop_grants_change on redshift_local.drop_grants;
create policy drop_grants_change on redshift_local.drop_grants for update to public
  using (redshift_local.may_revoke_drop(relid, grantor))
  with check (redshift_local.may_revoke_drop(relid, grantor) and (not grantable or redshift_local.may_grant_drop(relid, grantor)));
drop policy if exists drop_grants_remove on redshift_local.drop_grants;
create policy drop_grants_remove on redshift_local.drop_grants for delete to public
  using (redshift_local.may_revoke_drop(relid, grantor));
grant select, insert, update, delete on redshift_local.drop_grants to public;

-- GRANT / REVOKE of DROP, run with the caller's rights: p_sql (the rest of
-- the statement, PostgreSQL's privileges) first, then the DROP rows of each
-- relation named (p_tables, as written) or in each schema (p_schemas: ALL
-- TABLES IN SCHEMA) for each grantee (a name, null for PUBLIC).
create or replace procedure redshift_local.change_drop_privilege(p_grant boolean, p_option boolean,
  p_tables text[], p_schemas text[], p_grantees text[], p_sql text)
language plpgsql as $$
declare
  v_me oid := (select r.oid from pg_catalog.pg_roles r where r.rolname = current_user);
  v_super boolean := coalesce((select r.rolsuper from pg_catalog.pg_roles r where r.rolname = current_user), false);
  v_rels oid[] := '{}';
  v_grantees oid[] := '{}';
  v_name text;
  v_rel oid;
  v_who oid;
  v_owner oid;
  v_grantor oid;
begin
  if p_sql is not null then
    execute p_sql;
  end if;
  foreach v_name in array p_tables loop
    v_rels := v_rels || v_name::pg_catalog.regclass::oid;
  end loop;
  foreach v_name in array p_schemas loop
    v_rels := v_rels || array(select c.oid from pg_catalog.pg_class c
      where c.relnamespace = v_name::pg_catalog.regnamespace::oid and c.relkind in ('r', 'p', 'v', 'm', 'f')
      order by c.oid);
  end loop;
  for i in 1 .. coalesce(pg_catalog.array_length(p_grantees, 1), 0) loop
    v_grantees := v_grantees || coalesce((select r.oid from pg_catalog.pg_roles r where r.rolname = p_grantees[i]), 0::oid);
  end loop;
  foreach v_rel in array v_rels loop
    v_owner := (select c.relowner from pg_catalog.pg_class c where c.oid = v_rel);
    if v_super or pg_catalog.pg_has_role(current_user, v_owner, 'USAGE') then
      v_grantor := v_owner;
    else
      v_grantor := v_me;
    end if;
    if p_grant and not redshift_local.may_grant_drop(v_rel, v_grantor) then
      raise warning '%', pg_catalog.format(case when p_sql is null then 'no privileges were granted for "%s"'
        else 'not all privileges were granted for "%s"' end,
        (select c.relname from pg_catalog.pg_class c where c.oid = v_rel));
      continue;
    end if;
    foreach v_who in array v_grantees loop
      if p_grant then
        insert into redshift_local.drop_grants as g (relid, grantee, grantor, grantable)
        values (v_rel, v_who, v_grantor, p_option)
        on conflict (relid, grantee, grantor) do update set grantable = g.grantable or excluded.grantable;
      elsif exists (select 1 from redshift_local.drop_grants g
          where g.relid = v_rel and g.grantee = v_who and g.grantor = v_grantor and g.grantable)
        and exists (select 1 from redshift_local.drop_grants g where g.relid = v_rel and g.grantor = v_who) then
        -- As PostgreSQL's REVOKE of the other privileges (RESTRICT): what
        -- the grantee granted on stays, so its grant option cannot go.
        raise exception using errcode = '2BP01', message = 'dependent privileges exist';
      elsif p_option then
        update redshift_local.drop_grants g set grantable = false
        where g.relid = v_rel and g.grantee = v_who and g.grantor = v_grantor;
      else
        delete from redshift_local.drop_grants g
        where g.relid = v_rel and g.grantee = v_who and g.grantor = v_grantor;
      end if;
    end loop;
  end loop;
end
$$;
grant execute on procedure redshift_local.change_drop_privilege(boolean, boolean, text[], text[], text[], text) to public;

create or replace function redshift_local.drop_hand_over() returns event_trigger
language plpgsql security definer set search_path = pg_catalog as $$
declare
  me oid := (select r.oid from pg_catalog.pg_roles r where r.rolname = session_user);
begin
  if not exists (select 1 from redshift_local.drop_grants) then
    return;
  end if;
  if coalesce((select r.rolsuper from pg_catalog.pg_roles r where r.oid = me), true) then
    return;
  end if;
  insert into redshift_local.drop_handover (relid, owner)
  select c.oid, c.relowner from pg_catalog.pg_class c
  where c.oid in (select g.relid from redshift_local.drop_grants g
      where g.grantee = 0 or exists (select 1 from pg_catalog.pg_roles r where r.oid = g.grantee
        and pg_catalog.pg_has_role(me, r.oid, 'USAGE')))
    and not pg_catalog.pg_has_role(me, c.relowner, 'USAGE')
  on conflict (relid) do nothing;
  update pg_catalog.pg_class c set relowner = me
  from redshift_local.drop_handover h where h.relid = c.oid;
end
$$;

create or replace function redshift_local.drop_hand_back() returns event_trigger
language plpgsql security definer set search_path = pg_catalog as $$
begin
  if not exists (select 1 from redshift_local.drop_handover) then
    return;
  end if;
  update pg_catalog.pg_class c set relowner = h.owner
  from redshift_local.drop_handover h where h.relid = c.oid;
  delete from redshift_local.drop_handover;
end
$$;

create or replace function redshift_local.drop_grants_forget() returns event_trigger
language plpgsql security definer set search_path = pg_catalog as $$
begin
  if not exists (select 1 from redshift_local.drop_grants) then
    return;
  end if;
  delete from redshift_local.drop_grants g using pg_catalog.pg_event_trigger_dropped_objects() d
  where d.classid = 'pg_catalog.pg_class'::regclass and d.objid = g.relid and d.objsubid = 0;
  delete from redshift_local.drop_handover h using pg_catalog.pg_event_trigger_dropped_objects() d
  where d.classid = 'pg_catalog.pg_class'::regclass and d.objid = h.relid and d.objsubid = 0;
end
$$;

drop event trigger if exists redshift_local_drop_hand_over;
create event trigger redshift_local_drop_hand_over on ddl_command_start
  when tag in ('DROP TABLE', 'DROP VIEW', 'DROP MATERIALIZED VIEW')
  execute function redshift_local.drop_hand_over();
drop event trigger if exists redshift_local_drop_hand_back;
create event trigger redshift_local_drop_hand_back on ddl_command_end
  when tag in ('DROP TABLE', 'DROP VIEW', 'DROP MATERIALIZED VIEW')
  execute function redshift_local.drop_hand_back();
drop event trigger if exists redshift_local_drop_grants_forget;
create event trigger redshift_local_drop_grants_forget on sql_drop
  execute function redshift_local.drop_grants_forget();
`
