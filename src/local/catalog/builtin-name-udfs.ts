// No backslash appears in any string literal below: function bodies are
// parsed in the caller's session, where standard_conforming_strings may be off.

/**
 * A UDF named like a Redshift function the emulator provides
 * (udf-naming-udfs.html): Redshift looks in pg_catalog first, so its
 * built-in of the same name and signature runs before the UDF unless the
 * search path puts pg_catalog last. The emulator's built-ins are functions
 * of its own in pg_catalog whose argument types are not always Redshift's
 * (ADD_MONTHS takes `bigint` where Redshift's takes `integer`), so a UDF of
 * another signature could win PostgreSQL's choice of the best match where
 * Redshift's built-in would run. A CREATE FUNCTION (or a rename) that gives a
 * function outside pg_catalog the name of one of the emulator's built-ins is
 * therefore kept only when its argument types are those of a pg_catalog
 * function of that name, where both choose alike; any other is refused as an
 * emulator limit (0A000). UDFs with the `f_` prefix Redshift reserves for
 * them never meet a built-in.
 */
export const BUILTIN_NAME_UDFS_SQL = `
create or replace function redshift_local.guard_builtin_names() returns event_trigger
language plpgsql security definer set search_path = pg_catalog as $$
declare
  r record;
begin
  for r in
    select p.proname, p.proargtypes
    from pg_catalog.pg_event_trigger_ddl_commands() c
    join pg_catalog.pg_proc p on p.oid = c.objid
    where c.classid = 'pg_catalog.pg_proc'::pg_catalog.regclass and p.prokind in ('f', 'a')
      and p.pronamespace <> 'pg_catalog'::pg_catalog.regnamespace
  loop
    continue when not exists (select 1 from pg_catalog.pg_proc o
      where o.pronamespace = 'pg_catalog'::pg_catalog.regnamespace and o.proname = r.proname
        and o.oid >= 16384);
    continue when exists (select 1 from pg_catalog.pg_proc o
      where o.pronamespace = 'pg_catalog'::pg_catalog.regnamespace and o.proname = r.proname
        and o.proargtypes = r.proargtypes);
    raise exception using errcode = '0A000',
      message = pg_catalog.format('a function named %s with these argument types is not supported by the local emulator (an emulator limit, not a Redshift rule)',
        pg_catalog.upper(r.proname::text)),
      hint = pg_catalog.format('the emulator''s built-in %s takes (%s), so which of the two runs could differ from Redshift; give the UDF the f_ prefix (udf-naming-udfs.html)',
        pg_catalog.upper(r.proname::text),
        (select pg_catalog.string_agg(pg_catalog.oidvectortypes(o.proargtypes), '), (' order by o.oid)
         from pg_catalog.pg_proc o
         where o.pronamespace = 'pg_catalog'::pg_catalog.regnamespace and o.proname = r.proname));
  end loop;
end
$$;
drop event trigger if exists redshift_local_guard_builtin_names;
create event trigger redshift_local_guard_builtin_names on ddl_command_end
  when tag in ('CREATE FUNCTION', 'CREATE AGGREGATE', 'ALTER FUNCTION', 'ALTER AGGREGATE')
  execute function redshift_local.guard_builtin_names();
`
