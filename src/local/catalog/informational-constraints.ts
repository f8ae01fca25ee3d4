// No backslash appears in any string literal below: function bodies are
// parsed in the caller's session, where standard_conforming_strings may be off.

/**
 * Redshift's PRIMARY KEY, UNIQUE and FOREIGN KEY constraints are
 * informational: recorded, shown by the catalog, never enforced
 * (https://docs.aws.amazon.com/redshift/latest/dg/t_Defining_constraints.html).
 * PostgreSQL creates them as usual (so pg_constraint and
 * information_schema show them, with the names it gives), and an event
 * trigger at the end of every CREATE TABLE and ALTER TABLE switches their
 * checks off:
 *
 * - the index behind a PRIMARY KEY or UNIQUE constraint is marked not
 *   unique: it stays a valid index that every write maintains, but no write
 *   checks it and the planner draws no uniqueness from it;
 * - the triggers that check a FOREIGN KEY (on both tables) are disabled.
 *
 * PostgreSQL only lets a FOREIGN KEY reference a unique index, so a
 * statement that names REFERENCES marks those indexes unique again when it
 * starts (inside its own transaction: other sessions never see it), and the
 * end trigger relaxes them again. NOT NULL, which a PRIMARY KEY implies,
 * stays enforced, as on Redshift. The catalog rows are updated directly
 * (hence SECURITY DEFINER), and the tables' pg_class rows are touched so that
 * every session reloads their definition.
 */
export const INFORMATIONAL_CONSTRAINTS_SQL = `
create or replace function redshift_local.relax_constraints() returns event_trigger
language plpgsql security definer set search_path = pg_catalog as $$
declare
  k record;
  touched oid[] := '{}';
begin
  for k in
    select c.oid, c.contype, c.conindid, c.conrelid, c.confrelid
    from pg_catalog.pg_constraint c
    where c.contype in ('p', 'u', 'f')
      -- the emulator's own tables keep their keys
      and c.connamespace not in ('pg_catalog'::pg_catalog.regnamespace,
        'information_schema'::pg_catalog.regnamespace, 'redshift_local'::pg_catalog.regnamespace)
      and (c.conrelid in (select d.objid from pg_catalog.pg_event_trigger_ddl_commands() d
                          where d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass)
        -- the keys a REFERENCES made unique for the statement
        or c.conindid = any (pg_catalog.string_to_array(
          coalesce(pg_catalog.current_setting('redshift_local.restored_keys', true), ''), ',')::oid[]))
  loop
    if k.contype = 'f' then
      update pg_catalog.pg_trigger set tgenabled = 'D' where tgconstraint = k.oid and tgenabled <> 'D';
      if found then touched := touched || k.conrelid || k.confrelid; end if;
    else
      update pg_catalog.pg_index set indisunique = false
      where indexrelid = k.conindid and indisunique;
      if found then touched := touched || k.conrelid; end if;
    end if;
  end loop;
  if pg_catalog.cardinality(touched) > 0 then
    update pg_catalog.pg_class set relhastriggers = relhastriggers where oid = any (touched);
  end if;
end
$$;

-- Keys a FOREIGN KEY may reference are unique again while a statement that
-- writes REFERENCES runs (the text test keeps other DDL from taking row locks
-- on pg_index).
create or replace function redshift_local.restore_referenced_keys() returns event_trigger
language plpgsql security definer set search_path = pg_catalog as $$
declare
  restored text;
begin
  if pg_catalog.strpos(pg_catalog.lower(pg_catalog.current_query()), 'references') = 0 then
    return;
  end if;
  with r as (
    update pg_catalog.pg_index i set indisunique = true
    from pg_catalog.pg_constraint c
    where c.conindid = i.indexrelid and c.contype in ('p', 'u') and not i.indisunique
    returning i.indexrelid)
  select pg_catalog.string_agg(r.indexrelid::text, ',') into restored from r;
  -- Remembered for the end trigger, until the transaction ends.
  perform pg_catalog.set_config('redshift_local.restored_keys', coalesce(restored, ''), true);
  -- The statement reads the catalog as of the last command-counter step; a
  -- statement after the update takes one, so the DDL sees the keys unique.
  perform 1;
end
$$;

drop event trigger if exists redshift_local_referenced_keys;
create event trigger redshift_local_referenced_keys on ddl_command_start
  when tag in ('CREATE TABLE', 'ALTER TABLE')
  execute function redshift_local.restore_referenced_keys();

drop event trigger if exists redshift_local_informational_constraints;
create event trigger redshift_local_informational_constraints on ddl_command_end
  when tag in ('CREATE TABLE', 'ALTER TABLE')
  execute function redshift_local.relax_constraints();
`
