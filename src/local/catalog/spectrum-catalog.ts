import { LOCAL_REDSHIFT_ESKIND } from './schema-alias-catalog.js'

// No backslash appears in any string literal below: function bodies are
// parsed in the caller's session, where standard_conforming_strings may be off.

/**
 * Redshift Spectrum's catalog, emulated
 * (https://docs.aws.amazon.com/redshift/latest/dg/c-spectrum-external-tables.html).
 *
 * An external schema is a PostgreSQL schema listed in
 * `redshift_local.external_schemas`. An external table is a PostgreSQL
 * partitioned table (its columns, then its partition columns) listed in
 * `redshift_local.external_tables`, whose one partition, in
 * `redshift_local`, is a foreign table of a wrapper with no handler: every
 * read or write of the table fails in PostgreSQL's planner with 55000, which
 * the emulator reports as the emulator limit it is (it does not read S3
 * through Spectrum). A partitioned table because DROP TABLE, DROP SCHEMA
 * ... CASCADE and name resolution then work as on Redshift with no help; an
 * event trigger on `sql_drop` forgets the catalog rows of what was dropped.
 *
 * Tables: `external_schemas (esoid oid primary key, eskind smallint,
 * databasename text, esoptions text)`; `external_tables (relid oid primary
 * key, esoid oid, location, input_format, output_format, serialization_lib,
 * serde_parameters text, compressed int, parameters text, columns jsonb:
 * [{name, external_type, part_key, attnum}])`; `external_partitions (relid oid,
 * "values" jsonb (array of text, partition column order), location text)`.
 * The SVV_EXTERNAL_* views read them.
 */
export const SPECTRUM_TABLES_SQL = `
create table if not exists redshift_local.external_schemas (
  esoid oid primary key,
  eskind smallint not null,
  databasename text not null,
  esoptions text not null
);
create table if not exists redshift_local.external_tables (
  relid oid primary key,
  esoid oid not null,
  location text not null,
  input_format text not null,
  output_format text not null,
  serialization_lib text not null,
  serde_parameters text not null,
  compressed integer not null default 0,
  parameters text not null,
  columns jsonb not null
);
-- The table's name as created: "You can't rename an external table"
-- (r_ALTER_TABLE.html), and ALTER TABLE ... RENAME TO tells its event
-- trigger only the new name.
alter table redshift_local.external_tables add column if not exists relname name;
create table if not exists redshift_local.external_partitions (
  relid oid not null,
  "values" jsonb not null,
  location text not null,
  primary key (relid, "values")
);
do $fdw$
begin
  -- The type of a struct, array or map column in the catalog: a query reads
  -- the session's table instead, which holds composite and array types
  -- (spectrum/nested-values.ts).
  if not exists (select 1 from pg_catalog.pg_type t
      join pg_catalog.pg_namespace n on n.oid = t.typnamespace
      where n.nspname = 'redshift_local' and t.typname = 'external_nested') then
    create domain redshift_local.external_nested as json;
  end if;
  if not exists (select 1 from pg_catalog.pg_foreign_data_wrapper where fdwname = 'redshift_spectrum') then
    create foreign data wrapper redshift_spectrum;
  end if;
  if not exists (select 1 from pg_catalog.pg_foreign_server where srvname = 'redshift_spectrum') then
    create server redshift_spectrum foreign data wrapper redshift_spectrum;
  end if;
end
$fdw$;
`

/** The procedures the emulator's Spectrum DDL calls, the drop trigger and the views. */
export const SPECTRUM_CATALOG_SQL = `
create or replace procedure redshift_local.create_external_schema(
  p_name text, p_if_not_exists boolean, p_eskind smallint, p_database text, p_options text)
language plpgsql security definer set search_path = pg_catalog as $$
begin
  if exists (select 1 from pg_catalog.pg_namespace where nspname = p_name) then
    if p_if_not_exists then
      raise notice 'schema "%" already exists, skipping', p_name;
      return;
    end if;
    raise exception using errcode = '42P06', message = pg_catalog.format('schema "%s" already exists', p_name);
  end if;
  -- "If the specified external database exists, the command makes no
  -- changes. In this case, the command returns a message that the external
  -- database exists" (r_CREATE_EXTERNAL_SCHEMA.html; its words are not
  -- documented).
  if p_options::jsonb ->> 'CREATE_EXTERNAL_DATABASE' = 'TRUE'
     and exists (select 1 from redshift_local.external_schemas s where s.databasename = p_database) then
    raise notice 'external database "%" already exists, skipping', p_database;
  end if;
  execute pg_catalog.format('create schema %I', p_name);
  execute pg_catalog.format('alter schema %I owner to %I', p_name, session_user);
  insert into redshift_local.external_schemas (esoid, eskind, databasename, esoptions)
  select n.oid, p_eskind, p_database, p_options from pg_catalog.pg_namespace n where n.nspname = p_name;
end
$$;

-- The external schema's oid, or an error naming what is wrong.
create or replace function redshift_local.external_schema_oid(p_schema text) returns oid
language plpgsql stable security definer set search_path = pg_catalog as $$
declare
  ns oid;
begin
  select n.oid into ns from pg_catalog.pg_namespace n where n.nspname = p_schema;
  if ns is null then
    raise exception using errcode = '3F000', message = pg_catalog.format('schema "%s" does not exist', p_schema);
  end if;
  if not exists (select 1 from redshift_local.external_schemas s where s.esoid = ns and s.eskind <> ${LOCAL_REDSHIFT_ESKIND}) then
    raise exception using errcode = '0A000',
      message = pg_catalog.format('schema "%s" is not an external schema', p_schema),
      hint = 'external tables are created in a schema made with CREATE EXTERNAL SCHEMA';
  end if;
  return ns;
end
$$;

-- p_columns: [{name, pg_type, external_type, part_key}], table columns first.
create or replace procedure redshift_local.create_external_table(
  p_schema text, p_name text, p_columns jsonb, p_location text, p_input text, p_output text,
  p_serde text, p_serde_parameters text, p_parameters text, p_database text)
language plpgsql security definer set search_path = pg_catalog as $$
declare
  ns oid;
  rel oid;
  defs text;
  bad text;
begin
  if p_database is not null and p_database <> pg_catalog.current_database() then
    raise exception using errcode = '3D000', message = pg_catalog.format('database "%s" does not exist', p_database);
  end if;
  ns := redshift_local.external_schema_oid(p_schema);
  -- "To create external tables, you must be the owner of the external
  -- schema or a superuser" (r_CREATE_EXTERNAL_TABLE.html).
  if not pg_catalog.pg_has_role(session_user,
      (select n.nspowner from pg_catalog.pg_namespace n where n.oid = ns), 'USAGE') then
    raise exception using errcode = '42501', message = pg_catalog.format('must be owner of schema %s', p_schema);
  end if;
  if exists (select 1 from pg_catalog.pg_class c where c.relnamespace = ns and c.relname = p_name) then
    raise exception using errcode = '42P07', message = pg_catalog.format('relation "%s" already exists', p_name);
  end if;
  -- The types come from the emulator's own list; checked again here since
  -- anyone may call this procedure.
  select e.value ->> 'pg_type' into bad from pg_catalog.jsonb_array_elements(p_columns) e
  where (e.value ->> 'pg_type') !~ '^(smallint|integer|bigint|real|double precision|boolean|date|timestamp|numeric[(][0-9]+,[0-9]+[)]|character[(][0-9]+[)]|character varying[(][0-9]+[)]|redshift_local[.]external_nested)$'
  limit 1;
  if bad is not null then
    raise exception using errcode = '42704', message = pg_catalog.format('type "%s" does not exist', bad);
  end if;
  -- 1,600 columns, 1,598 while the pseudocolumns $path and $size are on
  -- (r_CREATE_EXTERNAL_TABLE.html); the emulator mirrors the session's
  -- spectrum_enable_pseudo_columns here.
  if pg_catalog.jsonb_array_length(p_columns) > 1598
    and pg_catalog.current_setting('redshift_local.spectrum_enable_pseudo_columns', true) is distinct from 'off' then
    raise exception using errcode = '54011', message = 'tables can have at most 1598 columns',
      hint = 'external tables have the pseudocolumns $path and $size besides; SET spectrum_enable_pseudo_columns TO false allows 1600';
  end if;
  select pg_catalog.string_agg(pg_catalog.format('%I %s', e.value ->> 'name', e.value ->> 'pg_type'), ', ' order by e.ordinality)
    into defs from pg_catalog.jsonb_array_elements(p_columns) with ordinality e;
  -- The one partition needs a key column, which PostgreSQL cannot drop: the
  -- first partition column, which Redshift cannot drop either, else the
  -- first column.
  perform pg_catalog.set_config('redshift_local.external_ddl', 'on', true);
  execute pg_catalog.format('create table %I.%I (%s) partition by list (%I)',
    p_schema, p_name, defs, coalesce(
      (select e.value ->> 'name' from pg_catalog.jsonb_array_elements(p_columns) e
       where (e.value ->> 'part_key')::int = 1),
      p_columns -> 0 ->> 'name'));
  rel := pg_catalog.format('%I.%I', p_schema, p_name)::pg_catalog.regclass::oid;
  execute pg_catalog.format('create foreign table redshift_local.%I partition of %s default server redshift_spectrum',
    'external_' || rel, rel::pg_catalog.regclass);
  execute pg_catalog.format('alter table %s owner to %I', rel::pg_catalog.regclass, session_user);
  perform pg_catalog.set_config('redshift_local.external_ddl', '', true);
  insert into redshift_local.external_tables (relid, esoid, location, input_format, output_format,
    serialization_lib, serde_parameters, compressed, parameters, relname, columns)
  values (rel, ns, p_location, p_input, p_output, p_serde, p_serde_parameters, 0, p_parameters,
    (select c.relname from pg_catalog.pg_class c where c.oid = rel),
    (select pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object('name', e.value ->> 'name',
       'external_type', e.value ->> 'external_type', 'part_key', (e.value ->> 'part_key')::int,
       'attnum', e.ordinality) order by e.ordinality)
     from pg_catalog.jsonb_array_elements(p_columns) with ordinality e));
end
$$;

-- The external table's catalog row, or an error naming what is wrong.
create or replace function redshift_local.external_table_of(p_schema text, p_name text)
returns redshift_local.external_tables
language plpgsql stable security definer set search_path = pg_catalog as $$
declare
  ns oid := redshift_local.external_schema_oid(p_schema);
  t redshift_local.external_tables;
begin
  select et.* into t from redshift_local.external_tables et
  join pg_catalog.pg_class c on c.oid = et.relid
  where c.relnamespace = ns and c.relname = p_name;
  if t.relid is null then
    raise exception using errcode = '42P01', message = pg_catalog.format('relation "%s.%s" does not exist', p_schema, p_name);
  end if;
  return t;
end
$$;

-- What a query that reads external table p_schema.p_name needs to read its
-- files (spectrum/read-external-tables.ts): no row when it is not one. The
-- caller checks USAGE on the schema itself (this function runs as its owner).
-- The rows of an external table for a late-binding view that reads it
-- (sql/spectrum/view-external-reads.ts): those the emulator read into the
-- session's temporary table for the statement now running, which it names
-- in redshift_local.spectrum_statement (spectrum/read-view-external-tables.ts).
-- Anything else (a statement that reaches the view some other way, through a
-- procedure or a view the emulator did not follow) is refused: the table
-- may hold what an earlier statement read. A local table (a schema that is
-- no longer external) is read as it is.
create or replace function redshift_local.external_rows(p_row anyelement) returns setof anyelement
language plpgsql stable set search_path = pg_catalog as $$
declare
  rel oid;
  s text;
  r text;
  temp text;
  cols text;
  marker text := pg_catalog.current_setting('redshift_local.spectrum_statement', true);
begin
  select t.typrelid into rel from pg_catalog.pg_type t where t.oid = pg_catalog.pg_typeof(p_row);
  select n.nspname, c.relname into s, r from pg_catalog.pg_class c
  join pg_catalog.pg_namespace n on n.oid = c.relnamespace where c.oid = rel;
  select pg_catalog.string_agg(pg_catalog.quote_ident(a.attname), ', ' order by a.attnum) into cols
  from pg_catalog.pg_attribute a where a.attrelid = rel and a.attnum > 0 and not a.attisdropped;
  if not exists (select 1 from redshift_local.external_table_files(s, r)) then
    return query execute pg_catalog.format('select %s from %s', cols, rel::pg_catalog.regclass);
    return;
  end if;
  -- The session's table holds struct, array and map columns in types of its
  -- own, which the view's row type does not have.
  if exists (select 1 from redshift_local.external_table_files(s, r) f,
      pg_catalog.jsonb_array_elements(f.columns::jsonb) e
      where e.value ->> 'external_type' ~ '^(struct|array|map)<') then
    raise exception using errcode = '0A000',
      message = pg_catalog.format('reading external table %I.%I, which has nested columns, through a view is not supported by the local emulator (an emulator limit)', s, r),
      hint = 'query the external table itself';
  end if;
  temp := 'spectrum$' || s || '$' || r;
  if pg_catalog.octet_length(temp) > 63 then
    temp := 'spectrum$' || pg_catalog.left(pg_catalog.encode(pg_catalog.sha256(
      pg_catalog.convert_to(s || '.' || r, 'UTF8')), 'hex'), 32);
  end if;
  -- The statement itself, or it with the emulator's own statements after
  -- it: a text that merely holds the statement's (in a comment or a string
  -- literal of another statement) is not it.
  if marker is null or marker = '' or not (pg_catalog.current_query() = marker
       or pg_catalog.left(pg_catalog.current_query(), pg_catalog.length(marker) + 1) = marker || ';')
     or pg_catalog.to_regclass('pg_temp.' || pg_catalog.quote_ident(temp)) is null then
    raise exception using errcode = '0A000',
      message = pg_catalog.format('reading external table %I.%I through a view here is not supported by the local emulator (an emulator limit)', s, r),
      hint = 'the emulator reads an external table for a query that names it or a late-binding view over it';
  end if;
  return query execute pg_catalog.format('select %s from pg_temp.%I', cols, temp);
end
$$;

-- The elements of a nested array or map column of an external table's
-- session table, for a query that ranges over it in FROM
-- (sql/spectrum/nested-reads.ts): a struct's fields are its columns.
create or replace function redshift_local.nested_elements(p_array anyarray) returns setof anyelement
language sql immutable set search_path = pg_catalog as $$ select pg_catalog.unnest(p_array) $$;

-- The subscripts of a nested array, in order: a range over it reads each
-- element by subscript, which keeps the element's declared length
-- (varchar(20)) where a function's result would lose it.
create or replace function redshift_local.nested_subscripts(p_array anyarray) returns setof integer
language sql immutable set search_path = pg_catalog as $$ select pg_catalog.generate_subscripts(p_array, 1) $$;

-- The element of a nested array at a subscript, as a set: a struct's
-- fields are its columns.
create or replace function redshift_local.nested_elements(p_array anyarray, p_subscript integer) returns setof anyelement
language sql immutable set search_path = pg_catalog as $$ select p_array[p_subscript] $$;

-- Drops the session's table of an external table before it is read again
-- (spectrum/read-external-tables.ts), whichever role made it: after SET
-- SESSION AUTHORIZATION the session's tables may be another user's, and the
-- session reads the external table afresh as the user it now runs as. Only
-- a table of the session's own temporary schema, of a session-table name.
create or replace function redshift_local.drop_external_session_table(p_name text) returns void
language plpgsql volatile security definer set search_path = pg_catalog as $$
begin
  if pg_catalog.left(p_name, 9) <> 'spectrum$' then
    raise exception 'not a session table of an external table: %', p_name;
  end if;
  if exists (select 1 from pg_catalog.pg_class c
      where c.relnamespace = pg_catalog.pg_my_temp_schema() and c.relname = p_name and c.relkind = 'r') then
    execute pg_catalog.format('drop table %I.%I',
      (select n.nspname from pg_catalog.pg_namespace n where n.oid = pg_catalog.pg_my_temp_schema()), p_name);
  end if;
end
$$;

create or replace function redshift_local.external_table_files(p_schema text, p_name text)
returns table (schema_oid oid, location text, input_format text, serialization_lib text,
  serde_parameters text, parameters text, columns text, partitions text, pg_columns text)
language sql stable security definer set search_path = pg_catalog as $$
  select c.relnamespace, t.location, t.input_format, t.serialization_lib, t.serde_parameters,
    t.parameters, t.columns::text,
    coalesce((select pg_catalog.json_agg(pg_catalog.json_build_array(p."values", p.location) order by p.location)
      from redshift_local.external_partitions p where p.relid = t.relid)::text, '[]'),
    (select pg_catalog.json_agg(pg_catalog.json_build_array(a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod)) order by a.attnum)
      from pg_catalog.pg_attribute a where a.attrelid = t.relid and a.attnum > 0 and not a.attisdropped)::text
  from redshift_local.external_tables t
  join pg_catalog.pg_class c on c.oid = t.relid
  join pg_catalog.pg_namespace n on n.oid = c.relnamespace
  where n.nspname = p_schema and c.relname = p_name
$$;

-- A partition spec ({column: value}) as the values in partition column order.
create or replace function redshift_local.external_partition_values(t redshift_local.external_tables, p_spec jsonb)
returns jsonb
language plpgsql stable security definer set search_path = pg_catalog as $$
declare
  keys text[];
  extra text;
  missing text;
  col record;
  out jsonb := '[]';
  pg_type text;
begin
  select pg_catalog.array_agg(e.value ->> 'name' order by (e.value ->> 'part_key')::int) into keys
  from pg_catalog.jsonb_array_elements(t.columns) e where (e.value ->> 'part_key')::int > 0;
  if keys is null then
    raise exception using errcode = '0A000',
      message = pg_catalog.format('table "%s" is not partitioned', t.relid::pg_catalog.regclass);
  end if;
  select k into extra from pg_catalog.jsonb_object_keys(p_spec) k where k <> all (keys) limit 1;
  if extra is not null then
    raise exception using errcode = '42703',
      message = pg_catalog.format('column "%s" is not a partition column of "%s"', extra, t.relid::pg_catalog.regclass);
  end if;
  select k into missing from pg_catalog.unnest(keys) k where not p_spec ? k limit 1;
  if missing is not null then
    raise exception using errcode = '42601',
      message = pg_catalog.format('partition column "%s" of "%s" has no value', missing, t.relid::pg_catalog.regclass);
  end if;
  for col in select k, o from pg_catalog.unnest(keys) with ordinality u(k, o) order by o loop
    -- The value must read as the column's type, as Redshift checks it.
    select pg_catalog.format_type(a.atttypid, a.atttypmod) into pg_type from pg_catalog.pg_attribute a
    where a.attrelid = t.relid and a.attname = col.k;
    execute pg_catalog.format('select %L::%s', p_spec ->> col.k, pg_type);
    out := out || pg_catalog.jsonb_build_array(p_spec ->> col.k);
  end loop;
  return out;
end
$$;

-- p_action: add (p_args {if_not_exists, partitions: [{spec, location}]}),
-- drop ({spec}), partition_location ({spec, location}), location ({location}),
-- file_format ({input_format, output_format, serialization_lib}),
-- table_properties ({properties}).
create or replace procedure redshift_local.alter_external_table(
  p_schema text, p_name text, p_action text, p_args jsonb)
language plpgsql security definer set search_path = pg_catalog as $$
declare
  t redshift_local.external_tables := redshift_local.external_table_of(p_schema, p_name);
  part jsonb;
  vals jsonb;
begin
  -- The table's or the schema's owner, or a superuser (r_ALTER_TABLE.html,
  -- "Required privileges"; the ALTER TABLE system permission is not
  -- emulated).
  if not (pg_catalog.pg_has_role(session_user,
        (select c.relowner from pg_catalog.pg_class c where c.oid = t.relid), 'USAGE')
      or pg_catalog.pg_has_role(session_user,
        (select n.nspowner from pg_catalog.pg_namespace n where n.oid = t.esoid), 'USAGE')) then
    raise exception using errcode = '42501', message = pg_catalog.format('must be owner of table %s', p_name);
  end if;
  if p_action = 'add' then
    -- "If you use the AWS Glue catalog, you can add up to 100 partitions
    -- using a single ALTER TABLE statement" (r_ALTER_TABLE.html; the
    -- cluster limits say "These limits don't apply to an Apache Hive
    -- metastore"). Redshift's words are not documented.
    if pg_catalog.jsonb_array_length(p_args -> 'partitions') > 100
       and (select s.eskind from redshift_local.external_schemas s where s.esoid = t.esoid) = 1 then
      raise exception using errcode = '54000',
        message = pg_catalog.format('cannot add %s partitions in one ALTER TABLE: the AWS Glue Data Catalog takes at most 100',
          pg_catalog.jsonb_array_length(p_args -> 'partitions')),
        hint = 'add them in statements of at most 100 partitions each';
    end if;
    for part in select e.value from pg_catalog.jsonb_array_elements(p_args -> 'partitions') e loop
      vals := redshift_local.external_partition_values(t, part -> 'spec');
      if exists (select 1 from redshift_local.external_partitions p where p.relid = t.relid and p."values" = vals) then
        -- "return a message that the partition exists, rather than
        -- terminating with an error" (r_ALTER_TABLE.html; its words are not
        -- documented).
        if (p_args ->> 'if_not_exists')::boolean then
          raise notice 'partition % of "%" already exists, skipping', vals, t.relid::pg_catalog.regclass;
          continue;
        end if;
        raise exception using errcode = '42710', message = pg_catalog.format('partition %s of "%s" already exists', vals, t.relid::pg_catalog.regclass);
      end if;
      insert into redshift_local.external_partitions (relid, "values", location)
      values (t.relid, vals, part ->> 'location');
    end loop;
  elsif p_action in ('drop', 'partition_location') then
    vals := redshift_local.external_partition_values(t, p_args -> 'spec');
    if not exists (select 1 from redshift_local.external_partitions p where p.relid = t.relid and p."values" = vals) then
      raise exception using errcode = '42704', message = pg_catalog.format('partition %s of "%s" does not exist', vals, t.relid::pg_catalog.regclass);
    end if;
    if p_action = 'drop' then
      delete from redshift_local.external_partitions p where p.relid = t.relid and p."values" = vals;
    else
      update redshift_local.external_partitions p set location = p_args ->> 'location'
      where p.relid = t.relid and p."values" = vals;
    end if;
  elsif p_action = 'location' then
    update redshift_local.external_tables et set location = p_args ->> 'location' where et.relid = t.relid;
  elsif p_action = 'file_format' then
    update redshift_local.external_tables et set input_format = p_args ->> 'input_format',
      output_format = p_args ->> 'output_format', serialization_lib = p_args ->> 'serialization_lib'
    where et.relid = t.relid;
  elsif p_action = 'table_properties' then
    update redshift_local.external_tables et
    set parameters = (et.parameters::jsonb || (p_args -> 'properties'))::text
    where et.relid = t.relid;
  end if;
end
$$;

-- ALTER TABLE schema.name DROP [COLUMN] column [RESTRICT | CASCADE] where
-- schema may be external (sql/spectrum/drop-external-column.ts). Runs as
-- the caller: any table but an external table's key column (the column its
-- one PostgreSQL partition is keyed on, which PostgreSQL cannot drop) gets
-- the statement itself, and the event triggers judge it as they judge any
-- DROP COLUMN. The key column is dropped by building the table again
-- (redshift_local.rebuild_external_table).
create or replace procedure redshift_local.drop_column(
  p_schema text, p_name text, p_column text, p_behaviour text)
language plpgsql set search_path = pg_catalog as $$
begin
  if redshift_local.external_key_column(p_schema, p_name) = p_column then
    call redshift_local.rebuild_external_table(p_schema, p_name, p_column);
    return;
  end if;
  execute pg_catalog.format('alter table %I.%I drop column %I %s', p_schema, p_name, p_column,
    case when p_behaviour in ('restrict', 'cascade') then p_behaviour else '' end);
end
$$;

-- The column external table p_schema.p_name's one partition is keyed on,
-- or null (not an external table).
create or replace function redshift_local.external_key_column(p_schema text, p_name text) returns text
language sql stable security definer set search_path = pg_catalog as $$
  select a.attname::text from redshift_local.external_tables t
  join pg_catalog.pg_class c on c.oid = t.relid
  join pg_catalog.pg_namespace n on n.oid = c.relnamespace
  join pg_catalog.pg_partitioned_table pt on pt.partrelid = t.relid
  join pg_catalog.pg_attribute a on a.attrelid = t.relid and a.attnum = pt.partattrs[0]
  where n.nspname = p_schema and c.relname = p_name
$$;

-- Drops column p_column, the key of external table p_schema.p_name's one
-- partition, by creating the table again without it: same name, owner,
-- catalog row and partitions, keyed on its first partition column or else
-- its first column left. The rules are DROP COLUMN's on an external table
-- (redshift_local.external_columns_dropped). Late-binding views over the
-- table are bound again after, as after any DDL (late-binding-views.ts).
create or replace procedure redshift_local.rebuild_external_table(
  p_schema text, p_name text, p_column text)
language plpgsql security definer set search_path = pg_catalog as $$
declare
  t redshift_local.external_tables := redshift_local.external_table_of(p_schema, p_name);
  gone jsonb;
  owner_name name;
  defs text;
  key_name text;
  rel oid;
  parts jsonb;
begin
  if not (pg_catalog.pg_has_role(session_user,
        (select c.relowner from pg_catalog.pg_class c where c.oid = t.relid), 'USAGE')
      or pg_catalog.pg_has_role(session_user,
        (select n.nspowner from pg_catalog.pg_namespace n where n.oid = t.esoid), 'USAGE')) then
    raise exception using errcode = '42501', message = pg_catalog.format('must be owner of table %s', p_name);
  end if;
  if pg_catalog.current_setting('redshift_local.in_block', true) = 'on' then
    raise exception using errcode = '25001',
      message = 'ALTER EXTERNAL TABLE cannot run inside a transaction block';
  end if;
  select e.value into gone from pg_catalog.jsonb_array_elements(t.columns) e where e.value ->> 'name' = p_column;
  if (gone ->> 'part_key')::int > 0 then
    raise exception using errcode = '0A000',
      message = pg_catalog.format('cannot drop partition column "%s" of external table "%s"', p_column, p_name);
  end if;
  if t.input_format = 'org.apache.hadoop.hive.ql.io.avro.AvroContainerInputFormat' then
    raise exception using errcode = '0A000',
      message = pg_catalog.format('cannot drop column "%s" of an external table of the AVRO file format', p_column);
  end if;
  if not exists (select 1 from pg_catalog.jsonb_array_elements(t.columns) e
      where (e.value ->> 'part_key')::int = 0 and e.value ->> 'name' <> p_column) then
    raise exception using errcode = '0A000',
      message = pg_catalog.format('cannot drop the last column of table "%s"', p_name),
      hint = 'a table must have at least one column';
  end if;
  select c.relowner::pg_catalog.regrole::name into owner_name from pg_catalog.pg_class c where c.oid = t.relid;
  select pg_catalog.string_agg(pg_catalog.format('%I %s', a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod)), ', ' order by a.attnum)
    into defs from pg_catalog.pg_attribute a
  where a.attrelid = t.relid and a.attnum > 0 and not a.attisdropped and a.attname <> p_column;
  key_name := coalesce(
    (select e.value ->> 'name' from pg_catalog.jsonb_array_elements(t.columns) e where (e.value ->> 'part_key')::int = 1),
    (select a.attname from pg_catalog.pg_attribute a
     where a.attrelid = t.relid and a.attnum > 0 and not a.attisdropped and a.attname <> p_column
     order by a.attnum limit 1));
  select coalesce(pg_catalog.jsonb_agg(pg_catalog.jsonb_build_array(p."values", p.location)), '[]')
    into parts from redshift_local.external_partitions p where p.relid = t.relid;
  perform pg_catalog.set_config('redshift_local.external_ddl', 'on', true);
  execute pg_catalog.format('drop table %I.%I', p_schema, p_name);
  execute pg_catalog.format('create table %I.%I (%s) partition by list (%I)', p_schema, p_name, defs, key_name);
  rel := pg_catalog.format('%I.%I', p_schema, p_name)::pg_catalog.regclass::oid;
  execute pg_catalog.format('create foreign table redshift_local.%I partition of %s default server redshift_spectrum',
    'external_' || rel, rel::pg_catalog.regclass);
  execute pg_catalog.format('alter table %s owner to %I', rel::pg_catalog.regclass, owner_name);
  perform pg_catalog.set_config('redshift_local.external_ddl', '', true);
  insert into redshift_local.external_tables (relid, esoid, location, input_format, output_format,
    serialization_lib, serde_parameters, compressed, parameters, relname, columns)
  values (rel, t.esoid, t.location, t.input_format, t.output_format, t.serialization_lib,
    t.serde_parameters, t.compressed, t.parameters, t.relname,
    (select pg_catalog.jsonb_agg(pg_catalog.jsonb_set(e.value, '{attnum}', pg_catalog.to_jsonb(a.attnum::int)) order by e.ordinality)
     from pg_catalog.jsonb_array_elements(t.columns) with ordinality e
     join pg_catalog.pg_attribute a on a.attrelid = rel and a.attname = e.value ->> 'name' and not a.attisdropped));
  insert into redshift_local.external_partitions (relid, "values", location)
  select rel, e.value -> 0, e.value ->> 1 from pg_catalog.jsonb_array_elements(parts) e;
end
$$;

grant execute on procedure redshift_local.create_external_schema(text, boolean, smallint, text, text) to public;
grant execute on procedure redshift_local.create_external_table(text, text, jsonb, text, text, text, text, text, text, text) to public;
grant execute on procedure redshift_local.alter_external_table(text, text, text, jsonb) to public;
grant execute on procedure redshift_local.drop_column(text, text, text, text) to public;
grant usage on foreign server redshift_spectrum to public;

-- What DROP TABLE and DROP SCHEMA removed leaves the external catalog.
-- "DROP TABLE with an external table can't be run inside a transaction"
-- (r_DROP_TABLE.html): refused here, where PostgreSQL has resolved the names,
-- when the planner marked the block (redshift_local.in_block, set at BEGIN).
create or replace function redshift_local.forget_external_objects() returns event_trigger
language plpgsql security definer set search_path = pg_catalog as $$
begin
  if tg_tag = 'DROP TABLE'
    and pg_catalog.current_setting('redshift_local.in_block', true) = 'on'
    and exists (
      select 1 from pg_catalog.pg_event_trigger_dropped_objects() d
      join redshift_local.external_tables t on t.relid = d.objid
      where d.object_type = 'table') then
    raise exception using errcode = '25001',
      message = 'DROP EXTERNAL TABLE cannot run inside a transaction block';
  end if;
  delete from redshift_local.external_partitions p
  using pg_catalog.pg_event_trigger_dropped_objects() d
  where d.object_type = 'table' and p.relid = d.objid;
  delete from redshift_local.external_tables t
  using pg_catalog.pg_event_trigger_dropped_objects() d
  where d.object_type = 'table' and t.relid = d.objid;
  delete from redshift_local.external_schemas s
  using pg_catalog.pg_event_trigger_dropped_objects() d
  where d.object_type = 'schema' and s.esoid = d.objid;
end
$$;
drop event trigger if exists redshift_local_forget_external_objects;
create event trigger redshift_local_forget_external_objects on sql_drop
  when tag in ('DROP TABLE', 'DROP SCHEMA')
  execute function redshift_local.forget_external_objects();

-- The Hive type SVV_EXTERNAL_COLUMNS shows for a column of PostgreSQL type
-- p_type (format_type's text), or null for a type external tables do not take.
create or replace function redshift_local.external_type_of(p_type text) returns text
language sql immutable set search_path = pg_catalog as $$
  select case
    when p_type = 'smallint' then 'smallint'
    when p_type = 'integer' then 'int'
    when p_type = 'bigint' then 'bigint'
    when p_type = 'real' then 'float'
    when p_type = 'double precision' then 'double'
    when p_type = 'boolean' then 'boolean'
    when p_type = 'date' then 'date'
    when p_type = 'timestamp without time zone' then 'timestamp'
    when p_type ~ '^numeric[(][0-9]+,[0-9]+[)]$' then 'decimal' || pg_catalog.substr(p_type, 8)
    when p_type ~ '^character varying[(][0-9]+[)]$' then 'varchar' || pg_catalog.substr(p_type, 18)
    when p_type ~ '^character[(][0-9]+[)]$' then 'char' || pg_catalog.substr(p_type, 10)
    when p_type = 'redshift_local.external_nested' then 'nested'
  end
$$;

-- The external type a catalog column is compared by: a nested type's
-- structure is the catalog's alone (its PostgreSQL column is a domain).
create or replace function redshift_local.external_type_class(p_external_type text) returns text
language sql immutable set search_path = pg_catalog as $$
  select case when p_external_type ~ '^(struct|array|map)<' then 'nested' else p_external_type end
$$;

-- After an ALTER TABLE of external table p_rel: whether it renamed columns
-- (ALTER TABLE ... RENAME COLUMN a TO b, which Redshift runs on external
-- tables: r_ALTER_TABLE_external-table.html). If so the catalog takes the
-- new names, found by column number.
create or replace function redshift_local.external_columns_renamed(p_rel oid) returns boolean
language plpgsql security definer set search_path = pg_catalog as $$
declare
  t redshift_local.external_tables;
  renamed jsonb;
begin
  select et.* into t from redshift_local.external_tables et where et.relid = p_rel;
  select pg_catalog.jsonb_agg(case when a.attname is not null and a.attname::text <> e.value ->> 'name'
      then pg_catalog.jsonb_set(e.value, '{name}', pg_catalog.to_jsonb(a.attname::text)) else e.value end
      order by e.ordinality)
    into renamed
  from pg_catalog.jsonb_array_elements(t.columns) with ordinality e
  left join pg_catalog.pg_attribute a on a.attrelid = p_rel and not a.attisdropped
    and a.attnum = (e.value ->> 'attnum')::int2;
  if renamed is null or renamed = t.columns then
    return false;
  end if;
  -- "You can't specify column names "$path" or "$size""
  -- (r_CREATE_EXTERNAL_TABLE.html), as CREATE EXTERNAL TABLE refuses them.
  if exists (select 1 from pg_catalog.jsonb_array_elements(renamed) e where e.value ->> 'name' in ('$path', '$size')) then
    raise exception using errcode = '42701',
      message = pg_catalog.format('column name "%s" is reserved for a pseudocolumn of external tables',
        (select e.value ->> 'name' from pg_catalog.jsonb_array_elements(renamed) e
         where e.value ->> 'name' in ('$path', '$size') limit 1));
  end if;
  update redshift_local.external_tables et set columns = renamed where et.relid = p_rel;
  return true;
end
$$;

-- After an ALTER TABLE of external table p_rel: whether all it did was add
-- columns (ALTER TABLE ... ADD [COLUMN] name type, which Redshift runs on
-- external tables). If so, the new columns are checked (an external type,
-- no DEFAULT, no NOT NULL) and entered in the catalog after the table's
-- other columns and before its partition columns (where a Glue table keeps
-- them; where SVV_EXTERNAL_COLUMNS numbers them is not documented).
create or replace function redshift_local.external_columns_added(p_rel oid) returns boolean
language plpgsql security definer set search_path = pg_catalog as $$
declare
  t redshift_local.external_tables;
  col record;
  added jsonb := '[]';
  external_type text;
begin
  select et.* into t from redshift_local.external_tables et where et.relid = p_rel;
  -- Every column of the catalog still there, with its type.
  if exists (
    select 1 from pg_catalog.jsonb_array_elements(t.columns) e
    where not exists (
      select 1 from pg_catalog.pg_attribute a
      where a.attrelid = p_rel and a.attnum > 0 and not a.attisdropped
        and a.attname = e.value ->> 'name'
        and redshift_local.external_type_of(pg_catalog.format_type(a.atttypid, a.atttypmod))
          is not distinct from redshift_local.external_type_class(e.value ->> 'external_type'))) then
    return false;
  end if;
  for col in
    select a.attname::text as name, pg_catalog.format_type(a.atttypid, a.atttypmod) as pg_type,
      a.attnotnull, a.atthasdef, a.attnum
    from pg_catalog.pg_attribute a
    where a.attrelid = p_rel and a.attnum > 0 and not a.attisdropped
      and not exists (select 1 from pg_catalog.jsonb_array_elements(t.columns) e where e.value ->> 'name' = a.attname)
    order by a.attnum
  loop
    if col.name in ('$path', '$size') then
      raise exception using errcode = '42701',
        message = pg_catalog.format('column name "%s" is reserved for a pseudocolumn of external tables', col.name);
    end if;
    external_type := redshift_local.external_type_of(col.pg_type);
    if external_type is null or external_type = 'nested' then
      raise exception using errcode = '0A000',
        message = pg_catalog.format('column "%s" has type %s, which external tables do not support', col.name, col.pg_type),
        hint = 'external tables take SMALLINT, INTEGER, BIGINT, DECIMAL, REAL, DOUBLE PRECISION, BOOLEAN, CHAR, VARCHAR, DATE and TIMESTAMP';
    end if;
    -- "You can't add columns to an external table that's defined using the
    -- AVRO file format" (r_ALTER_TABLE.html).
    if t.input_format = 'org.apache.hadoop.hive.ql.io.avro.AvroContainerInputFormat' then
      raise exception using errcode = '0A000',
        message = pg_catalog.format('cannot add column "%s" to an external table of the AVRO file format', col.name);
    end if;
    if col.attnotnull or col.atthasdef then
      raise exception using errcode = '0A000',
        message = pg_catalog.format('column "%s" of an external table cannot have a DEFAULT or NOT NULL', col.name),
        hint = 'ADD COLUMN of an external table takes a name and a type';
    end if;
    added := added || pg_catalog.jsonb_build_array(pg_catalog.jsonb_build_object(
      'name', col.name, 'external_type', external_type, 'part_key', 0, 'attnum', col.attnum));
  end loop;
  if added = '[]' then
    return false;
  end if;
  -- At most 1,598 columns while the pseudocolumns are on, 1,600 otherwise
  -- (r_ALTER_TABLE.html, ADD COLUMN of an external table), as at CREATE.
  if pg_catalog.jsonb_array_length(t.columns) + pg_catalog.jsonb_array_length(added) > 1598
    and pg_catalog.current_setting('redshift_local.spectrum_enable_pseudo_columns', true) is distinct from 'off' then
    raise exception using errcode = '54011', message = 'tables can have at most 1598 columns',
      hint = 'external tables have the pseudocolumns $path and $size besides; SET spectrum_enable_pseudo_columns TO false allows 1600';
  end if;
  update redshift_local.external_tables et set columns =
    coalesce((select pg_catalog.jsonb_agg(e.value order by e.ordinality) from pg_catalog.jsonb_array_elements(t.columns) with ordinality e
      where (e.value ->> 'part_key')::int = 0), '[]')
    || added
    || coalesce((select pg_catalog.jsonb_agg(e.value order by e.ordinality) from pg_catalog.jsonb_array_elements(t.columns) with ordinality e
      where (e.value ->> 'part_key')::int > 0), '[]')
  where et.relid = p_rel;
  return true;
end
$$;

-- After an ALTER TABLE of external table p_rel: whether all it did was drop
-- columns (ALTER TABLE ... DROP [COLUMN] name [RESTRICT | CASCADE], which
-- Redshift runs on external tables, ignoring RESTRICT and CASCADE:
-- r_ALTER_TABLE.html). If so the catalog forgets them; a partition column,
-- or any column of an AVRO table, is refused ("You can't drop a column from
-- an external table if the column is used as a partition"; "... that is
-- defined using the AVRO file format"). Redshift's words are not documented.
create or replace function redshift_local.external_columns_dropped(p_rel oid) returns boolean
language plpgsql security definer set search_path = pg_catalog as $$
declare
  t redshift_local.external_tables;
  gone record;
  kept jsonb;
  rel_name name := (select c.relname from pg_catalog.pg_class c where c.oid = p_rel);
begin
  select et.* into t from redshift_local.external_tables et where et.relid = p_rel;
  -- Every column of the catalog there as it was, or dropped.
  if exists (
    select 1 from pg_catalog.jsonb_array_elements(t.columns) e
    join pg_catalog.pg_attribute a on a.attrelid = p_rel and a.attnum = (e.value ->> 'attnum')::int2
    where not a.attisdropped and a.attname <> e.value ->> 'name') then
    return false;
  end if;
  if exists (
    select 1 from pg_catalog.pg_attribute a
    where a.attrelid = p_rel and a.attnum > 0 and not a.attisdropped
      and not exists (select 1 from pg_catalog.jsonb_array_elements(t.columns) e
        where (e.value ->> 'attnum')::int2 = a.attnum)) then
    return false;
  end if;
  for gone in
    select e.value ->> 'name' as name, (e.value ->> 'part_key')::int as part_key
    from pg_catalog.jsonb_array_elements(t.columns) e
    join pg_catalog.pg_attribute a on a.attrelid = p_rel and a.attnum = (e.value ->> 'attnum')::int2
    where a.attisdropped
  loop
    if gone.part_key > 0 then
      raise exception using errcode = '0A000',
        message = pg_catalog.format('cannot drop partition column "%s" of external table "%s"', gone.name, rel_name);
    end if;
    if t.input_format = 'org.apache.hadoop.hive.ql.io.avro.AvroContainerInputFormat' then
      raise exception using errcode = '0A000',
        message = pg_catalog.format('cannot drop column "%s" of an external table of the AVRO file format', gone.name);
    end if;
  end loop;
  if not found then
    return false;
  end if;
  select coalesce(pg_catalog.jsonb_agg(e.value order by e.ordinality), '[]') into kept
  from pg_catalog.jsonb_array_elements(t.columns) with ordinality e
  join pg_catalog.pg_attribute a on a.attrelid = p_rel and a.attnum = (e.value ->> 'attnum')::int2
  where not a.attisdropped;
  -- "You can't drop the last column in a table" (r_ALTER_TABLE.html): the
  -- partition columns are not the table's data.
  if not exists (select 1 from pg_catalog.jsonb_array_elements(kept) e where (e.value ->> 'part_key')::int = 0) then
    raise exception using errcode = '0A000',
      message = pg_catalog.format('cannot drop the last column of table "%s"', rel_name),
      hint = 'a table must have at least one column';
  end if;
  update redshift_local.external_tables et set columns = kept where et.relid = p_rel;
  return true;
end
$$;

-- Redshift keeps local objects out of external schemas and changes external
-- tables only through its own ALTER TABLE forms (which the emulator runs;
-- ADD COLUMN runs in PostgreSQL and is entered in the catalog here).
create or replace function redshift_local.guard_external_schemas() returns event_trigger
language plpgsql security definer set search_path = pg_catalog as $$
declare
  r record;
begin
  if pg_catalog.current_setting('redshift_local.external_ddl', true) = 'on' then
    return;
  end if;
  for r in
    select c.command_tag, c.objid, c.schema_name from pg_catalog.pg_event_trigger_ddl_commands() c
    where c.schema_name is not null
  loop
    if r.command_tag = 'ALTER TABLE' and exists (select 1 from redshift_local.external_tables t where t.relid = r.objid) then
      -- ADD COLUMN: "You can't run ALTER TABLE on an external table within a
      -- transaction block" (r_ALTER_TABLE.html), as the emulator's own forms.
      if pg_catalog.current_setting('redshift_local.in_block', true) = 'on' then
        raise exception using errcode = '25001',
          message = 'ALTER EXTERNAL TABLE cannot run inside a transaction block';
      end if;
      -- "You can't rename an external table" (r_ALTER_TABLE.html, RENAME
      -- TO). Redshift's words are not documented.
      if exists (select 1 from redshift_local.external_tables t join pg_catalog.pg_class c on c.oid = t.relid
          where t.relid = r.objid and t.relname is not null and c.relname <> t.relname) then
        raise exception using errcode = '0A000',
          message = pg_catalog.format('cannot rename external table "%s"',
            (select t.relname from redshift_local.external_tables t where t.relid = r.objid)),
          hint = 'create the external table again under the new name (CREATE EXTERNAL TABLE) and drop the old one';
      end if;
      continue when redshift_local.external_columns_renamed(r.objid)
        or redshift_local.external_columns_added(r.objid)
        or redshift_local.external_columns_dropped(r.objid);
      raise exception using errcode = '0A000',
        message = 'this ALTER TABLE on an external table is not supported by the local emulator (an emulator limit)',
        hint = 'the emulator runs ADD COLUMN, DROP COLUMN, RENAME COLUMN, ADD / DROP PARTITION, PARTITION ... SET LOCATION, SET LOCATION, SET FILE FORMAT and SET TABLE PROPERTIES';
    end if;
    -- A view that reads an external table must be a late-binding view
    -- (r_CREATE_EXTERNAL_TABLE.html: "include the WITH NO SCHEMA BINDING
    -- clause"). Redshift's words, as users report them; its SQLSTATE is not
    -- documented.
    if r.command_tag = 'CREATE VIEW'
      and pg_catalog.current_setting('redshift_local.late_binding', true) is distinct from 'on'
      and pg_catalog.current_setting('redshift_local.rebinding', true) is distinct from 'on'
      and exists (
        select 1 from pg_catalog.pg_rewrite w
        join pg_catalog.pg_depend d on d.classid = 'pg_catalog.pg_rewrite'::pg_catalog.regclass and d.objid = w.oid
        join redshift_local.external_tables t on t.relid = d.refobjid
        where w.ev_class = r.objid) then
      raise exception using errcode = '0A000',
        message = 'External tables are not supported in views',
        hint = 'Please use late binding view and add ''with no schema binding'' at the query end.';
    end if;
    if r.command_tag <> 'ALTER TABLE' and exists (
      select 1 from redshift_local.external_schemas s join pg_catalog.pg_namespace n on n.oid = s.esoid
      where n.nspname = r.schema_name) then
      raise exception using errcode = '0A000',
        message = pg_catalog.format('cannot create a local object in external schema "%s"', r.schema_name),
        hint = 'an external schema holds only external tables (CREATE EXTERNAL TABLE)';
    end if;
  end loop;
end
$$;
drop event trigger if exists redshift_local_guard_external_schemas;
create event trigger redshift_local_guard_external_schemas on ddl_command_end
  when tag in ('CREATE TABLE', 'CREATE TABLE AS', 'SELECT INTO', 'CREATE VIEW',
    'CREATE MATERIALIZED VIEW', 'CREATE FUNCTION', 'CREATE PROCEDURE', 'ALTER TABLE')
  execute function redshift_local.guard_external_schemas();

-- "You can't GRANT or REVOKE permissions on an external table. Instead,
-- grant or revoke USAGE on the external schema" (r_CREATE_EXTERNAL_TABLE.html).
-- PostgreSQL tells a GRANT's event trigger nothing of its objects, but an
-- external table's ACL stays empty until one names it: a GRANT or REVOKE
-- that gave one an ACL is undone. Redshift's words are not documented.
create or replace function redshift_local.guard_external_grants() returns event_trigger
language plpgsql security definer set search_path = pg_catalog as $$
declare
  named text;
begin
  select c.oid::pg_catalog.regclass::text into named
  from redshift_local.external_tables t join pg_catalog.pg_class c on c.oid = t.relid
  where c.relacl is not null limit 1;
  if named is not null then
    raise exception using errcode = '0A000',
      message = pg_catalog.format('%s on external table %s is not supported', tg_tag, named),
      hint = 'access to external tables is controlled by USAGE on their external schema: GRANT USAGE ON SCHEMA';
  end if;
end
$$;
drop event trigger if exists redshift_local_guard_external_grants;
create event trigger redshift_local_guard_external_grants on ddl_command_end
  when tag in ('GRANT', 'REVOKE')
  execute function redshift_local.guard_external_grants();

-- Names of 64 to 127 bytes are shown as written, not as the short names
-- PostgreSQL holds (see long-names.ts).
-- "Superusers can see all rows; regular users can see only metadata to
-- which they have access" (r_SVV_EXTERNAL_SCHEMAS.html, _TABLES, _COLUMNS,
-- _PARTITIONS): access to an external schema's tables is USAGE on it
-- (r_CREATE_EXTERNAL_TABLE.html), which a superuser and the owner have.
create view pg_catalog.svv_external_schemas as
select s.esoid::oid as esoid, s.eskind::smallint as eskind, coalesce(ls.long_name, n.nspname)::name as schemaname,
  n.nspowner::integer as esowner, s.databasename::text as databasename, s.esoptions::text as esoptions
from redshift_local.external_schemas s
join pg_catalog.pg_namespace n on n.oid = s.esoid
left join redshift_local.long_names ls on ls.short_name = n.nspname
where pg_catalog.has_schema_privilege(n.oid, 'usage');

create view pg_catalog.svv_external_databases as
select min(s.eskind)::integer as eskind, min(s.esoptions)::text as esoptions,
  s.databasename::text as databasename, ''::text as location, '{}'::text as parameters
from redshift_local.external_schemas s
group by s.databasename;

create view pg_catalog.svv_external_tables as
select pg_catalog.current_database()::text as redshift_database_name, coalesce(ls.long_name, n.nspname)::text as schemaname,
  coalesce(lt.long_name, c.relname)::text as tablename, 'EXTERNAL_TABLE'::text as tabletype, t.location::text as location,
  t.input_format::text as input_format, t.output_format::text as output_format,
  t.serialization_lib::text as serialization_lib, t.serde_parameters::text as serde_parameters,
  t.compressed::integer as compressed, t.parameters::text as parameters
from redshift_local.external_tables t
join pg_catalog.pg_class c on c.oid = t.relid
join pg_catalog.pg_namespace n on n.oid = c.relnamespace
left join redshift_local.long_names ls on ls.short_name = n.nspname
left join redshift_local.long_names lt on lt.short_name = c.relname
where pg_catalog.has_schema_privilege(n.oid, 'usage');

create view pg_catalog.svv_external_columns as
select pg_catalog.current_database()::text as redshift_database_name, coalesce(ls.long_name, n.nspname)::text as schemaname,
  coalesce(lt.long_name, c.relname)::text as tablename, coalesce(lc.long_name, e.value ->> 'name')::text as columnname,
  (e.value ->> 'external_type')::text as external_type, e.ordinality::integer as columnnum,
  (e.value ->> 'part_key')::integer as part_key, 'true'::text as is_nullable
from redshift_local.external_tables t
join pg_catalog.pg_class c on c.oid = t.relid
join pg_catalog.pg_namespace n on n.oid = c.relnamespace
cross join lateral pg_catalog.jsonb_array_elements(t.columns) with ordinality e
left join redshift_local.long_names ls on ls.short_name = n.nspname
left join redshift_local.long_names lt on lt.short_name = c.relname
left join redshift_local.long_names lc on lc.short_name = (e.value ->> 'name')
where pg_catalog.has_schema_privilege(n.oid, 'usage');

create view pg_catalog.svv_external_partitions as
select coalesce(ls.long_name, n.nspname)::text as schemaname, coalesce(lt.long_name, c.relname)::text as tablename, p."values"::text as "values",
  pg_catalog.left(p.location, 128)::text as location, t.input_format::text as input_format,
  t.output_format::text as output_format, t.serialization_lib::text as serialization_lib,
  t.serde_parameters::text as serde_parameters, t.compressed::integer as compressed, '{}'::text as parameters
from redshift_local.external_partitions p
join redshift_local.external_tables t on t.relid = p.relid
join pg_catalog.pg_class c on c.oid = t.relid
join pg_catalog.pg_namespace n on n.oid = c.relnamespace
left join redshift_local.long_names ls on ls.short_name = n.nspname
left join redshift_local.long_names lt on lt.short_name = c.relname
where pg_catalog.has_schema_privilege(n.oid, 'usage');
`

/**
 * The names of a database's Spectrum external schemas (the planner rewrites
 * reads of their tables); eskind 4 is another database's schema
 * (schema-alias-catalog.ts).
 */
export const EXTERNAL_SCHEMA_NAMES_SQL = `select n.nspname as name
from redshift_local.external_schemas s
join pg_catalog.pg_namespace n on n.oid = s.esoid
where s.eskind <> ${LOCAL_REDSHIFT_ESKIND}`

/**
 * The names of a database's late-binding views: any may read external
 * tables (through `redshift_local.external_rows` or other views), and a
 * statement that names one looks up what it reads.
 */
export const EXTERNAL_VIEW_NAMES_SQL = `select c.relname as name
from redshift_local.late_binding_views l
join pg_catalog.pg_class c on c.oid = l.relid`

/** The views {@link SPECTRUM_CATALOG_SQL} creates in pg_catalog. */
export const SPECTRUM_VIEWS = [
  'svv_external_schemas',
  'svv_external_databases',
  'svv_external_tables',
  'svv_external_columns',
  'svv_external_partitions',
] as const
