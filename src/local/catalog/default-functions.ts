// No backslash appears in any string literal below: function bodies are
// parsed in the caller's session, where standard_conforming_strings may be off.

/**
 * DEFAULT expressions of CREATE TABLE and ALTER TABLE ADD COLUMN: "The
 * DEFAULT value must be a variable-free expression. Subqueries,
 * cross-references to other columns in the current table, and user-defined
 * functions aren't allowed" (r_CREATE_TABLE_NEW.html, r_ALTER_TABLE.html).
 * PostgreSQL refuses the first two itself and takes any function, so an
 * event trigger at the end of those statements refuses a default that calls
 * a function outside the system's schemas. Redshift's wording is not
 * documented; this names the rule.
 */
export const DEFAULT_FUNCTIONS_SQL = `
create or replace function redshift_local.check_default_functions() returns event_trigger
language plpgsql set search_path = pg_catalog as $$
declare
  bad record;
begin
  select p.proname, a.attname into bad
  from pg_catalog.pg_event_trigger_ddl_commands() c
  join pg_catalog.pg_attrdef d on d.adrelid = c.objid
  join pg_catalog.pg_attribute a on a.attrelid = d.adrelid and a.attnum = d.adnum
  cross join lateral pg_catalog.regexp_matches(d.adbin::text, ':funcid ([0-9]+)', 'g') m
  join pg_catalog.pg_proc p on p.oid = m[1]::oid
  join pg_catalog.pg_namespace n on n.oid = p.pronamespace
  where c.object_type = 'table'
    and n.nspname <> 'pg_catalog' and n.nspname !~ '^redshift_local'
  limit 1;
  if found then
    raise exception using errcode = '0A000',
      message = pg_catalog.format('user-defined function "%s" is not allowed in the DEFAULT expression of column "%s"', bad.proname, bad.attname);
  end if;
end
$$;
drop event trigger if exists redshift_local_check_default_functions;
create event trigger redshift_local_check_default_functions on ddl_command_end
  when tag in ('CREATE TABLE', 'ALTER TABLE')
  execute function redshift_local.check_default_functions();
`
