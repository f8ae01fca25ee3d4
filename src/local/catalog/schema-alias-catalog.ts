/** SVV_EXTERNAL_SCHEMAS.eskind of a schema of another database of the cluster. */
export const LOCAL_REDSHIFT_ESKIND = 4

/**
 * `CREATE EXTERNAL SCHEMA name FROM REDSHIFT DATABASE 'db' SCHEMA 's'`: an
 * empty schema of the connected database, owned by its creator and recorded
 * among the external schemas (SVV_EXTERNAL_SCHEMAS, SVV_ALL_SCHEMAS show it,
 * as cross-database_example.html does), whose `name.object` the emulator
 * reads from `db.s.object`. The database must exist; its schema is looked
 * up when a statement reads through the alias, as Redshift resolves the
 * object then.
 */
export const SCHEMA_ALIAS_SQL = `
create or replace procedure redshift_local.create_schema_alias(
  p_name text, p_if_not_exists boolean, p_database text, p_schema text)
language plpgsql security definer set search_path = pg_catalog as $$
begin
  if not exists (select 1 from pg_catalog.pg_database where datname = p_database) then
    raise exception using errcode = '3D000', message = pg_catalog.format('database "%s" does not exist', p_database);
  end if;
  call redshift_local.create_external_schema(p_name, p_if_not_exists, ${LOCAL_REDSHIFT_ESKIND}::smallint,
    p_database, pg_catalog.json_build_object('SCHEMA', p_schema)::text);
end
$$;
grant execute on procedure redshift_local.create_schema_alias(text, boolean, text, text) to public;

-- Every session checks the aliases it reads through (the external catalog
-- is the emulator's own, not readable by users).
create or replace function redshift_local.schema_aliases()
returns table (alias text, database text, schema text)
language sql stable security definer set search_path = pg_catalog as $$
  select n.nspname::text, s.databasename, s.esoptions::jsonb ->> 'SCHEMA'
  from redshift_local.external_schemas s
  join pg_catalog.pg_namespace n on n.oid = s.esoid
  where s.eskind = ${LOCAL_REDSHIFT_ESKIND}
$$;
grant execute on function redshift_local.schema_aliases() to public;
`

/** The connected database's alias schemas: alias, database, schema. */
export const SCHEMA_ALIASES_SQL =
  'select alias, database, schema from redshift_local.schema_aliases()'
