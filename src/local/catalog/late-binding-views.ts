// No backslash appears in any string literal below: function bodies are
// parsed in the caller's session, where standard_conforming_strings may be off.

/** The table that keeps each late-binding view's query (installed with the internal tables). */
export const LATE_BINDING_TABLE_SQL = `
create table if not exists redshift_local.late_binding_views (
  relid oid primary key,
  query text not null,
  column_names text[],
  bound boolean not null default false
);
`

/**
 * Late-binding views (`CREATE VIEW ... WITH NO SCHEMA BINDING`,
 * https://docs.aws.amazon.com/redshift/latest/dg/r_CREATE_VIEW.html) are
 * not bound to what they read: they may be created before their tables
 * exist, never hold back a DROP TABLE or an ALTER TABLE, and `SELECT *` in
 * them sees the columns as they are when the view is queried.
 *
 * PostgreSQL binds every view, so the emulator keeps the query in
 * `redshift_local.late_binding_views` and swaps the view's body:
 *
 * - `create_late_binding_view` (the caller's rights: the caller owns the
 *   view) creates the view from the query, or, when a relation, column or
 *   function it names does not exist yet, a placeholder whose every read
 *   raises the error binding the query gives then;
 * - before any DROP or ALTER (an event trigger on ddl_command_start), every
 *   bound late-binding view becomes a placeholder of the same columns,
 *   which depends on nothing;
 * - after any DDL (ddl_command_end), every placeholder is bound again where
 *   its query binds: in place (same oid, owner, grants, dependent views)
 *   when its columns only grew, else dropped and created again with its
 *   owner, grants and recorded attributes carried over.
 *
 * The triggers run with the catalog owner's rights (they rewrite views of
 * every user) on queries that only their owners' CREATE VIEW stored, and
 * return at once when the database has no late-binding view.
 */
export const LATE_BINDING_VIEWS_SQL = `
create or replace function redshift_local.late_binding_unbound(view_oid oid) returns integer
language plpgsql volatile as $$
declare
  q text;
begin
  select l.query into q from redshift_local.late_binding_views l where l.relid = view_oid;
  -- Binding the query now reports what is missing, as Redshift does when
  -- the view is read.
  begin
    execute 'select 1 from (' || q || ') as late_binding limit 0';
  exception when others then
    -- A read of an external table names its row type
    -- (redshift_local.external_rows(NULL::schema.table)): a missing one is
    -- the missing relation Redshift reports.
    if SQLSTATE = '42704' and SQLERRM like 'type "%" does not exist'
       and pg_catalog.strpos(q, 'redshift_local.external_rows(NULL::') > 0 then
      raise exception using errcode = '42P01',
        message = 'relation ' || pg_catalog.substr(SQLERRM, 6);
    end if;
    -- The error alone, without the probe's text and position.
    raise exception using errcode = SQLSTATE, message = SQLERRM;
  end;
  raise exception using errcode = '0A000',
    message = pg_catalog.format('late-binding view %s could not be bound again', view_oid::pg_catalog.regclass),
    hint = 'an emulator limit: a view built on this view keeps the columns it had';
end
$$;

create or replace function redshift_local.late_binding_placeholder(view_oid oid) returns text
language sql stable set search_path = pg_catalog as $$
  select 'select ' || coalesce(pg_catalog.string_agg(
      -- Through text: integer has no cast to most types (date, timestamp ...).
      pg_catalog.format('redshift_local.late_binding_unbound(%s)::text::%s as %I', view_oid,
        redshift_local.pg_format_type(a.atttypid, a.atttypmod), a.attname), ', ' order by a.attnum),
    pg_catalog.format('redshift_local.late_binding_unbound(%s) as "?column?"', view_oid))
  from pg_catalog.pg_attribute a
  where a.attrelid = view_oid and a.attnum > 0 and not a.attisdropped
$$;

create or replace procedure redshift_local.save_late_binding_view(
  view_oid oid, view_query text, view_columns text[], is_bound boolean)
language plpgsql security definer set search_path = pg_catalog as $$
begin
  if not pg_catalog.pg_has_role(session_user,
      (select relowner from pg_catalog.pg_class where oid = view_oid), 'USAGE') then
    raise exception using errcode = '42501', message = 'must be owner of the view';
  end if;
  delete from redshift_local.late_binding_views l
  where not exists (select 1 from pg_catalog.pg_class c where c.oid = l.relid);
  insert into redshift_local.late_binding_views (relid, query, column_names, bound)
  values (view_oid, view_query, view_columns, is_bound)
  on conflict (relid) do update set query = excluded.query,
    column_names = excluded.column_names, bound = excluded.bound;
end
$$;
revoke all on procedure redshift_local.save_late_binding_view(oid, text, text[], boolean) from public;
grant execute on procedure redshift_local.save_late_binding_view(oid, text, text[], boolean) to public;

create or replace procedure redshift_local.create_late_binding_view(
  view_schema text, view_name text, replace boolean, view_columns text[], view_query text,
  query_schemas text[])
language plpgsql as $$
declare
  target text;
  cols text := '';
  is_bound boolean := true;
  missing text;
  old_owner oid;
  old_acl pg_catalog.aclitem[];
  g record;
begin
  -- "The schema must exist when the view is created, even if the referenced
  -- table doesn't exist" (r_CREATE_VIEW.html).
  select s into missing from pg_catalog.unnest(query_schemas) with ordinality q(s, i)
  where not exists (select 1 from pg_catalog.pg_namespace n where n.nspname = q.s)
  order by q.i limit 1;
  if missing is not null then
    raise exception using errcode = '3F000',
      message = pg_catalog.format('schema "%s" does not exist', missing);
  end if;
  if view_schema is null then
    view_schema := pg_catalog.current_schema();
    if view_schema is null then
      raise exception using errcode = '3F000', message = 'no schema has been selected to create in';
    end if;
  end if;
  target := pg_catalog.format('%I.%I', view_schema, view_name);
  if view_columns is not null then
    cols := '(' || (select pg_catalog.string_agg(pg_catalog.quote_ident(x), ', ')
                    from pg_catalog.unnest(view_columns) x) || ')';
  end if;
  -- A late-binding view may read external tables (spectrum-catalog.ts).
  perform pg_catalog.set_config('redshift_local.late_binding', 'on', true);
  begin
    execute pg_catalog.format('create %sview %s%s as %s',
      case when replace then 'or replace ' else '' end, target, cols, view_query);
  exception when undefined_table or undefined_column or undefined_function
      or invalid_schema_name or undefined_object then
    is_bound := false;
    if replace and pg_catalog.to_regclass(target) is not null then
      -- "When a view is replaced, its other properties such as ownership and
      -- granted privileges are preserved" (r_CREATE_VIEW.html), here too,
      -- where the view is dropped and created again.
      select c.relowner, c.relacl into old_owner, old_acl
      from pg_catalog.pg_class c where c.oid = pg_catalog.to_regclass(target);
      execute pg_catalog.format('drop view %s', target);
    end if;
    execute pg_catalog.format('create view %s as select null::integer as "?column?"', target);
    if old_owner is not null then
      for g in select a.grantee, a.privilege_type, a.is_grantable
               from pg_catalog.aclexplode(old_acl) a where a.grantee <> old_owner loop
        execute pg_catalog.format('grant %s on %s to %s%s', g.privilege_type, target,
          case when g.grantee = 0 then 'public' else pg_catalog.quote_ident(pg_catalog.pg_get_userbyid(g.grantee)) end,
          case when g.is_grantable then ' with grant option' else '' end);
      end loop;
      if old_owner <> (select r.oid from pg_catalog.pg_roles r where r.rolname = current_user) then
        execute pg_catalog.format('alter view %s owner to %I', target, pg_catalog.pg_get_userbyid(old_owner));
      end if;
    end if;
  end;
  if not is_bound then
    execute pg_catalog.format('create or replace view %s as %s', target,
      redshift_local.late_binding_placeholder(pg_catalog.to_regclass(target)::oid));
  end if;
  perform pg_catalog.set_config('redshift_local.late_binding', '', true);
  call redshift_local.save_late_binding_view(pg_catalog.to_regclass(target)::oid,
    view_query, view_columns, is_bound);
end
$$;

create or replace function redshift_local.unbind_late_binding_views() returns event_trigger
language plpgsql security definer set search_path = pg_catalog as $$
declare
  l record;
begin
  if pg_catalog.current_setting('redshift_local.rebinding', true) = 'on'
     or not exists (select 1 from redshift_local.late_binding_views where bound) then
    return;
  end if;
  perform pg_catalog.set_config('redshift_local.rebinding', 'on', true);
  for l in select v.relid from redshift_local.late_binding_views v
           join pg_catalog.pg_class c on c.oid = v.relid where v.bound loop
    execute pg_catalog.format('create or replace view %s as %s', l.relid::pg_catalog.regclass,
      redshift_local.late_binding_placeholder(l.relid));
    update redshift_local.late_binding_views set bound = false where relid = l.relid;
  end loop;
  perform pg_catalog.set_config('redshift_local.rebinding', 'off', true);
end
$$;

create or replace function redshift_local.rebind_late_binding_views() returns event_trigger
language plpgsql security definer set search_path = pg_catalog as $$
declare
  l record;
  target text;
  cols text;
  owner_name text;
  acl pg_catalog.aclitem[];
  new_oid oid;
begin
  if pg_catalog.current_setting('redshift_local.rebinding', true) = 'on'
     or not exists (select 1 from redshift_local.late_binding_views where not bound) then
    return;
  end if;
  perform pg_catalog.set_config('redshift_local.rebinding', 'on', true);
  delete from redshift_local.late_binding_views v
  where not exists (select 1 from pg_catalog.pg_class c where c.oid = v.relid);
  for l in select v.* from redshift_local.late_binding_views v where not v.bound loop
    target := l.relid::pg_catalog.regclass::text;
    cols := case when l.column_names is null then '' else
      '(' || (select pg_catalog.string_agg(pg_catalog.quote_ident(x), ', ')
              from pg_catalog.unnest(l.column_names) x) || ')' end;
    begin
      execute pg_catalog.format('create or replace view %s%s as %s', target, cols, l.query);
      update redshift_local.late_binding_views set bound = true where relid = l.relid;
    exception
      when undefined_table or undefined_column or undefined_function
          or invalid_schema_name or undefined_object then
        null; -- still unbound: reads keep raising what is missing
      when invalid_table_definition then
        -- The columns changed (one dropped or retyped): a view of its own again.
        begin
          select pg_catalog.pg_get_userbyid(c.relowner), c.relacl into owner_name, acl
          from pg_catalog.pg_class c where c.oid = l.relid;
          execute pg_catalog.format('drop view %s', target);
          execute pg_catalog.format('create view %s%s as %s', target, cols, l.query);
          new_oid := pg_catalog.to_regclass(target)::oid;
          execute pg_catalog.format('alter view %s owner to %I', target, owner_name);
          update pg_catalog.pg_class set relacl = acl where oid = new_oid;
          update redshift_local.table_attributes set relid = new_oid where relid = l.relid;
          update redshift_local.late_binding_views set relid = new_oid, bound = true
          where relid = l.relid;
        exception when dependent_objects_still_exist then
          null; -- views built on it keep it unbound
        end;
    end;
  end loop;
  perform pg_catalog.set_config('redshift_local.rebinding', 'off', true);
end
$$;

drop event trigger if exists redshift_local_unbind_late_binding_views;
create event trigger redshift_local_unbind_late_binding_views on ddl_command_start
  when tag in ('DROP TABLE', 'DROP VIEW', 'DROP MATERIALIZED VIEW', 'DROP SCHEMA',
    'DROP FUNCTION', 'ALTER TABLE', 'ALTER VIEW', 'ALTER MATERIALIZED VIEW', 'ALTER SCHEMA')
  execute function redshift_local.unbind_late_binding_views();

drop event trigger if exists redshift_local_rebind_late_binding_views;
create event trigger redshift_local_rebind_late_binding_views on ddl_command_end
  execute function redshift_local.rebind_late_binding_views();
`
