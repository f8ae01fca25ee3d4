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
  if exists (select 1 from pg_catalog.pg_namespace where nspname = p_name) then
    if p_if_not_exists then
      raise notice 'schema "%" already exists, skipping', p_name;
      return;
    end if;
    raise exception using errcode = '42P06', message = pg_catalog.format('schema "%s" already exists', p_name);
  end if;
  if not exists (select 1 from pg_catalog.pg_database where datname = p_database) then
    raise exception using errcode = '3D000', message = pg_catalog.format('database "%s" does not exist', p_database);
  end if;
  execute pg_catalog.format('create schema %I', p_name);
  execute pg_catalog.format('alter schema %I owner to %I', p_name, session_user);
  insert into redshift_local.external_schemas (esoid, eskind, databasename, esoptions)
  select n.oid, ${LOCAL_REDSHIFT_ESKIND}, p_database, pg_catalog.json_build_object('SCHEMA', p_schema)::text
  from pg_catalog.pg_namespace n where n.nspname = p_name;
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
