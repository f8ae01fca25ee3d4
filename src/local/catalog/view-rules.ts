// No backslash appears in any string literal below: function bodies are
// parsed in the caller's session, where standard_conforming_strings may be off.

/**
 * Two rules of r_CREATE_VIEW.html that PostgreSQL does not keep:
 *
 * - "You can't update, insert into, or delete from a view": PostgreSQL
 *   writes through a simple view to its table. Every view a CREATE VIEW makes
 *   gets an INSTEAD OF row trigger, which turns off that rewriting, and a
 *   BEFORE statement trigger, which then fires (an INSERT ... SELECT or an
 *   UPDATE of no rows fails too) with PostgreSQL's words for a view it cannot
 *   write (Redshift's are not documented).
 * - "You can only replace a view with a new query that generates the
 *   identical set of columns": PostgreSQL's CREATE OR REPLACE VIEW may add
 *   columns at the end. Before a CREATE VIEW whose text says REPLACE, the
 *   column counts of the views are remembered for the transaction; after it,
 *   a view whose count changed is refused (SQLSTATE 42P16, as PostgreSQL's
 *   refusal to drop or rename a view column; the words follow PostgreSQL
 *   8.0, which Redshift's parser comes from; Redshift's are not documented).
 *
 * Late-binding views are left out: the emulator rebuilds them from their
 * query as the tables under them change (`late-binding-views.ts`).
 */
export const VIEW_RULES_SQL = `
create or replace function redshift_local.refuse_view_write() returns trigger
language plpgsql set search_path = pg_catalog as $$
begin
  raise exception using errcode = '55000',
    message = pg_catalog.format(case tg_op
      when 'INSERT' then 'cannot insert into view "%s"'
      when 'UPDATE' then 'cannot update view "%s"'
      else 'cannot delete from view "%s"' end, tg_table_name),
    detail = 'Amazon Redshift views cannot be written to.';
end
$$;

create or replace function redshift_local.remember_view_columns() returns event_trigger
language plpgsql set search_path = pg_catalog as $$
begin
  if pg_catalog.strpos(pg_catalog.lower(pg_catalog.current_query()), 'replace') = 0 then
    return;
  end if;
  perform pg_catalog.set_config('redshift_local.view_columns', coalesce(
    (select pg_catalog.string_agg(c.oid::text || ':' || c.relnatts::text, ',')
     from pg_catalog.pg_class c where c.relkind = 'v'), ''), true);
end
$$;

create or replace function redshift_local.keep_view_rules() returns event_trigger
language plpgsql security definer set search_path = pg_catalog as $$
declare
  r record;
  before text := coalesce(pg_catalog.current_setting('redshift_local.view_columns', true), '');
  kept text;
begin
  for r in
    select c.oid, c.relname, c.relnatts, n.nspname
    from pg_catalog.pg_event_trigger_ddl_commands() d
    join pg_catalog.pg_class c on c.oid = d.objid and c.relkind = 'v'
    join pg_catalog.pg_namespace n on n.oid = c.relnamespace
    where d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass
      and n.nspname not in ('pg_catalog', 'information_schema', 'redshift_local')
      and not exists (select 1 from redshift_local.late_binding_views l where l.relid = c.oid)
  loop
    kept := pg_catalog.substring(',' || before || ',', ',' || r.oid::text || ':([0-9]+),');
    if kept is not null and kept::integer <> r.relnatts then
      raise exception using errcode = '42P16',
        message = 'cannot change number of columns in view',
        hint = 'CREATE OR REPLACE VIEW keeps the view''s columns, names and types: drop the view and create it again';
    end if;
    execute pg_catalog.format('create or replace trigger redshift_local_view_rows instead of insert or update or delete on %I.%I for each row execute function redshift_local.refuse_view_write()', r.nspname, r.relname);
    execute pg_catalog.format('create or replace trigger redshift_local_view_statement before insert or update or delete on %I.%I for each statement execute function redshift_local.refuse_view_write()', r.nspname, r.relname);
  end loop;
end
$$;

drop event trigger if exists redshift_local_remember_view_columns;
create event trigger redshift_local_remember_view_columns on ddl_command_start
  when tag in ('CREATE VIEW')
  execute function redshift_local.remember_view_columns();
drop event trigger if exists redshift_local_keep_view_rules;
create event trigger redshift_local_keep_view_rules on ddl_command_end
  when tag in ('CREATE VIEW')
  execute function redshift_local.keep_view_rules();
`
