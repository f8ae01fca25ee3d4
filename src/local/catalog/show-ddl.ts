import { SOURCE_MARKER } from '../sql/procedure-source.js'
import { INTERNAL_SCHEMA_LIST } from './client-catalog-views.js'

// No backslash appears in any string literal below: function bodies are
// parsed in the caller's session, where standard_conforming_strings may be off.

/**
 * The DDL texts SHOW TABLE, SHOW VIEW and SHOW PROCEDURE return
 * (r_SHOW_TABLE.html, r_SHOW_VIEW.html, r_SHOW_PROCEDURE.html), built from
 * the catalog views the emulator already keeps:
 *
 * - `show_table_ddl(regclass)`: `CREATE TABLE schema.name (` then one line
 *   per column (the Redshift type SVV_REDSHIFT_COLUMNS shows, DEFAULT,
 *   NOT NULL, `ENCODE e` unless the column is raw, `distkey`), the table's
 *   constraints, `)` and the attribute line (`DISTSTYLE ...`, `SORTKEY ( ...
 *   )` or `INTERLEAVED SORTKEY ( ... )`). The pages show the text with
 *   varying line breaks; the emulator indents columns by four spaces.
 * - `show_view_ddl(regclass)`: a view's query as PostgreSQL deparses it,
 *   reads the emulator rewrote for masking policies shown as written
 *   (the page's example shows Redshift's deparse of an ordinary view, whose
 *   layout PostgreSQL's differs from in casts and qualification); a
 *   late-binding or materialized view's CREATE statement as the user wrote
 *   it, which Redshift keeps as the view's text (its pg_get_viewdef starts
 *   with `create`). The page shows no such output: the emulator ends the
 *   text with one `;`. A view recorded before the text was kept falls back
 *   to a CREATE clause over the deparsed or stored query.
 * - `pg_get_viewdef(oid | text [, pretty])`: PG_GET_VIEWDEF, a late-binding
 *   or materialized view's CREATE statement as `show_view_ddl` gives it.
 * - `show_procedure_ddl(regprocedure)`: `CREATE OR REPLACE PROCEDURE
 *   schema.name(arguments)`, `LANGUAGE plpgsql`, `AS $_$body$_$`.
 * - `show_external_table_ddl(regclass, partitions)`: SHOW EXTERNAL TABLE's
 *   text (r_SHOW_EXTERNAL_TABLE.html) from Spectrum's catalog: `CREATE
 *   EXTERNAL TABLE schema.name (` with one line per column (`float4` and
 *   `float8` for Hive's float and double, as the page prints them),
 *   `PARTITIONED BY (...)`, `ROW FORMAT SERDE`, `STORED AS INPUTFORMAT ...
 *   OUTPUTFORMAT ...`, `LOCATION`, then with PARTITION one `ALTER TABLE ...
 *   ADD IF NOT EXISTS PARTITION (...) LOCATION ...;` line per partition.
 *   The page's example has no SerDe or table properties; the emulator adds
 *   `WITH SERDEPROPERTIES (...)` and `TABLE PROPERTIES (...)` where the
 *   table has others than Spectrum's defaults (`serialization.format` 1,
 *   `EXTERNAL`), so that the text recreates the table, as the page says.
 */
export const SHOW_DDL_SQL = `
-- The relation a catalog view's schema_name and table_name (long names
-- included) stand for; null when there is none.
create or replace function redshift_local.relation_named(schema_name text, table_name text) returns oid
language sql stable security definer set search_path = pg_catalog as $$
  select c.oid from pg_catalog.pg_class c
  join pg_catalog.pg_namespace n on n.oid = c.relnamespace
  left join redshift_local.long_names ls on ls.short_name = n.nspname
  left join redshift_local.long_names lt on lt.short_name = c.relname
  where coalesce(ls.long_name, n.nspname::text) = schema_name and coalesce(lt.long_name, c.relname::text) = table_name
  limit 1
$$;

create or replace function redshift_local.is_external_table(rel oid) returns boolean
language sql stable security definer set search_path = pg_catalog as $$
  select exists (select 1 from redshift_local.external_tables t where t.relid = rel)
$$;

-- The DDL text functions read the emulator's own tables, which users
-- cannot: they run as the catalog's owner, after the caller's check above.
create or replace function redshift_local.show_table_ddl(rel regclass) returns text
language sql stable security definer set search_path = pg_catalog as $$
  select 'CREATE TABLE ' || pg_catalog.quote_ident(n.nspname) || '.' || pg_catalog.quote_ident(c.relname) || ' (' || chr(10)
    || pg_catalog.array_to_string(array(
      select '    ' || pg_catalog.quote_ident(col.column_name) || ' ' || col.data_type
        || case
          when col.column_default ~ '^"identity"' then ' identity(' || pg_catalog.substring(col.column_default, '''([0-9]+,[0-9]+)''') || ')'
          when col.column_default is not null then ' DEFAULT ' || col.column_default else '' end
        || case when col.is_nullable = 'NO' then ' NOT NULL' else '' end
        || case when col.encoding in ('none', 'raw') then '' else ' ENCODE ' || col.encoding end
        || case when col.distkey then ' distkey' else '' end
      from pg_catalog.svv_redshift_columns col
      where col.schema_name = n.nspname and col.table_name = c.relname
      order by col.ordinal_position)
      || array(
        select '    ' || pg_catalog.replace(pg_catalog.pg_get_constraintdef(k.oid), ' NOT VALID', '')
        from pg_catalog.pg_constraint k
        where k.conrelid = c.oid and k.contype in ('p', 'u', 'f')
        order by k.contype desc, k.conname), ',' || chr(10))
    || chr(10) || ')' || chr(10)
    || pg_catalog.concat_ws(' ',
      case when ta.backup = false then 'BACKUP NO' end,
      'DISTSTYLE ' || coalesce(ta.diststyle, case when ta.distkey is not null then 'KEY' end, 'AUTO'),
      case when coalesce(pg_catalog.cardinality(ta.sortkey), 0) > 0 then
        case when ta.sortkey_type = 'interleaved' then 'INTERLEAVED ' else '' end
        || 'SORTKEY ( ' || pg_catalog.array_to_string(ta.sortkey, ', ') || ' )' end)
    || ';'
  from pg_catalog.pg_class c
  join pg_catalog.pg_namespace n on n.oid = c.relnamespace
  left join redshift_local.table_attributes ta on ta.relid = c.oid
  where c.oid = rel
$$;

create or replace function redshift_local.show_view_ddl(rel regclass) returns text
language sql stable security definer set search_path = pg_catalog as $$
  select case
      when ta.source is not null then pg_catalog.rtrim(pg_catalog.btrim(ta.source, ' ' || chr(9) || chr(10) || chr(13)), ';') || ';'
      when c.relkind = 'm' then 'CREATE MATERIALIZED VIEW ' || pg_catalog.quote_ident(n.nspname) || '.'
        || pg_catalog.quote_ident(c.relname) || ' AS' || chr(10) || pg_catalog.ltrim(pg_catalog.pg_get_viewdef(c.oid, false))
      when lb.relid is not null then 'CREATE OR REPLACE VIEW ' || pg_catalog.quote_ident(n.nspname) || '.'
        || pg_catalog.quote_ident(c.relname) || ' AS ' || pg_catalog.rtrim(pg_catalog.btrim(lb.query), ';')
        || ' WITH NO SCHEMA BINDING;'
      else pg_catalog.ltrim(redshift_local.mask_unwrapped_viewdef(pg_catalog.pg_get_viewdef(c.oid, false))) end
  from pg_catalog.pg_class c
  join pg_catalog.pg_namespace n on n.oid = c.relnamespace
  left join redshift_local.late_binding_views lb on lb.relid = c.oid
  left join redshift_local.table_attributes ta on ta.relid = c.oid
  where c.oid = rel
$$;

-- PG_GET_VIEWDEF as Redshift answers it: a late-binding or materialized
-- view's CREATE statement as written (show_view_ddl), so a view over an external table
-- never shows the function the emulator reads it through; PostgreSQL's
-- deparse for any other view, its reads of tables with masking policies
-- shown as written (mask_unwrapped_viewdef).
-- A late-binding or materialized view's text, null for any other
-- relation (materialized-view-create-sql-command.html shows PG_GET_VIEWDEF
-- of a materialized view as its CREATE statement): it reads the emulator's
-- own tables, which users cannot, so it runs as its owner.
create or replace function redshift_local.written_viewdef(rel oid) returns text
language sql stable security definer set search_path = pg_catalog as $$
  select redshift_local.show_view_ddl(lb.relid) from redshift_local.late_binding_views lb where lb.relid = rel
  union all
  select redshift_local.show_view_ddl(c.oid) from pg_catalog.pg_class c where c.oid = rel and c.relkind = 'm'
$$;
create or replace function redshift_local.pg_get_viewdef(rel oid, pretty boolean default false)
returns text language sql stable set search_path = pg_catalog as $$
  select coalesce(redshift_local.written_viewdef(rel),
    redshift_local.mask_unwrapped_viewdef(pg_catalog.pg_get_viewdef(rel, pretty)))
$$;
-- The name resolves on the caller's search path, as PostgreSQL's does (a
-- search_path of the function's own would find no user view by its bare name).
create or replace function redshift_local.pg_get_viewdef(name text, pretty boolean default false)
returns text language sql stable as $$
  select redshift_local.pg_get_viewdef(pg_catalog.to_regclass(name)::oid, pretty)
$$;

-- PG_VIEWS and information_schema.views with a late-binding view's text
-- as PG_GET_VIEWDEF gives it, so that a view over an external table shows
-- its CREATE statement there too, not the emulator's reading function
-- (other views keep PostgreSQL's deparse, on the caller's search path).
-- client-catalog-views.ts made both before these functions existed; these
-- replace them with the same columns (and keep their grants).
create or replace view redshift_local.pg_views as
select v.schemaname, v.viewname, v.viewowner,
  coalesce(redshift_local.written_viewdef(c.oid), redshift_local.mask_unwrapped_viewdef(v.definition)) as definition
from pg_catalog.pg_views v
join pg_catalog.pg_namespace n on n.nspname = v.schemaname
join pg_catalog.pg_class c on c.relnamespace = n.oid and c.relname = v.viewname
where v.schemaname not in ${INTERNAL_SCHEMA_LIST};

create or replace view redshift_local.views as
select v.table_catalog, v.table_schema, v.table_name,
  (case when v.view_definition is not null then coalesce(redshift_local.written_viewdef(c.oid),
    redshift_local.mask_unwrapped_viewdef(v.view_definition)) end)::information_schema.character_data as view_definition,
  v.check_option, v.is_updatable, v.is_insertable_into, v.is_trigger_updatable,
  v.is_trigger_deletable, v.is_trigger_insertable_into
from information_schema.views v
join pg_catalog.pg_namespace n on n.nspname = v.table_schema::text
join pg_catalog.pg_class c on c.relnamespace = n.oid and c.relname = v.table_name::text
where v.table_schema::text not in ${INTERNAL_SCHEMA_LIST};

-- The arguments as Redshift writes them (no IN; an OUT argument the
-- emulator stores as INOUT with a (NULL) default, see ddl-procedure-out.ts, is
-- OUT), or with types_only the types of the input arguments alone, of the
-- output ones (OUT and INOUT, types_only 'outputs') or of
-- all of them.
create or replace function redshift_local.procedure_arguments(proc oid, types_only text default null)
returns text language sql stable set search_path = pg_catalog as $$
  select coalesce(pg_catalog.string_agg(
    case when types_only is not null then ''
      when a.output then 'OUT ' when a.mode = 'b' then 'INOUT ' else '' end
    || case when types_only is not null or coalesce(a.name, '') = '' then ''
      else pg_catalog.quote_ident(a.name) || ' ' end
    || pg_catalog.format_type(a.type, null), ', ' order by a.k), '')
  from pg_catalog.pg_proc p,
    rows from (pg_catalog.unnest(coalesce(p.proallargtypes, p.proargtypes::oid[])),
      pg_catalog.unnest(coalesce(p.proargmodes, pg_catalog.array_fill('i'::"char", array[p.pronargs]))),
      pg_catalog.unnest(coalesce(p.proargnames, pg_catalog.array_fill(''::text, array[p.pronargs]))))
      with ordinality as a0(type, mode, name, k)
    cross join lateral (select a0.*, a0.mode = 'o'
      or (a0.mode = 'b' and a0.k > p.pronargs - p.pronargdefaults) as output) a
  where p.oid = proc and not (coalesce(types_only, '') = 'inputs' and a.output)
    and not (coalesce(types_only, '') = 'outputs' and not a.output and a.mode <> 'b')
$$;

-- The procedure SHOW PROCEDURE names: by its name alone when it is not
-- overloaded, else by its input argument types or all of them.
create or replace function redshift_local.find_procedure(proc_name text, types regtype[])
returns oid language plpgsql stable as $$
declare
  parts text[] := pg_catalog.parse_ident(proc_name);
  found oid[];
  wanted text := pg_catalog.array_to_string(array(select pg_catalog.format_type(t, null) from pg_catalog.unnest(types) t), ', ');
begin
  select pg_catalog.array_agg(p.oid) into found
  from pg_catalog.pg_proc p
  where p.prokind = 'p'
    and case pg_catalog.cardinality(parts)
      when 1 then p.proname = parts[1] and pg_catalog.pg_function_is_visible(p.oid)
      when 2 then p.proname = parts[2] and p.pronamespace::regnamespace::text = pg_catalog.quote_ident(parts[1])
      else false end
    and (types is null
      or redshift_local.procedure_arguments(p.oid, 'inputs') = wanted
      or redshift_local.procedure_arguments(p.oid, 'all') = wanted);
  if found is null then
    raise exception using errcode = '42883', message = pg_catalog.format('procedure %s does not exist', proc_name);
  end if;
  if pg_catalog.cardinality(found) > 1 then
    raise exception using errcode = '42725', message = pg_catalog.format('procedure name "%s" is not unique', proc_name),
      hint = 'Specify the argument list to select the procedure unambiguously.';
  end if;
  return found[1];
end
$$;

-- The body as the user wrote it: the emulator runs a rewritten one and keeps
-- the original at its end (procedure-body.ts, keptSource).
create or replace function redshift_local.procedure_source(src text) returns text
language sql immutable set search_path = pg_catalog as $$
  select coalesce(pg_catalog.convert_from(pg_catalog.decode(pg_catalog.substring(src,
    '${SOURCE_MARKER}([A-Za-z0-9+/=]+)[[:space:]]*$'), 'base64'), 'UTF8'), src)
$$;

create or replace function redshift_local.show_procedure_ddl(proc oid) returns text
language sql stable set search_path = pg_catalog as $$
  select 'CREATE OR REPLACE PROCEDURE ' || pg_catalog.quote_ident(n.nspname) || '.' || pg_catalog.quote_ident(p.proname)
    || '(' || redshift_local.procedure_arguments(p.oid) || ')' || chr(10)
    || 'LANGUAGE ' || l.lanname || chr(10)
    || 'AS $_$' || redshift_local.procedure_source(p.prosrc) || '$_$'
  from pg_catalog.pg_proc p
  join pg_catalog.pg_namespace n on n.oid = p.pronamespace
  join pg_catalog.pg_language l on l.oid = p.prolang
  where p.oid = proc
$$;

-- Properties (a JSON object's keys and values) as 'key'='value', ... in key order.
create or replace function redshift_local.properties_text(props jsonb) returns text
language sql immutable set search_path = pg_catalog as $$
  select pg_catalog.string_agg(pg_catalog.quote_literal(p.key) || '=' || pg_catalog.quote_literal(p.value), ', ' order by p.key)
  from pg_catalog.jsonb_each_text(props) p
$$;

-- Hive's float and double as SHOW EXTERNAL TABLE prints them.
create or replace function redshift_local.external_type_text(hive text) returns text
language sql immutable set search_path = pg_catalog as $$
  select case hive when 'float' then 'float4' when 'double' then 'float8' else hive end
$$;

create or replace function redshift_local.show_external_table_ddl(rel regclass, partitions boolean) returns text
language sql stable security definer set search_path = pg_catalog as $$
  select 'CREATE EXTERNAL TABLE ' || pg_catalog.quote_ident(n.nspname) || '.' || pg_catalog.quote_ident(c.relname) || ' (' || chr(10)
    || pg_catalog.array_to_string(array(
      select '    ' || pg_catalog.quote_ident(e.value ->> 'name') || ' ' || redshift_local.external_type_text(e.value ->> 'external_type')
      from pg_catalog.jsonb_array_elements(t.columns) with ordinality e
      where (e.value ->> 'part_key')::integer = 0
      order by e.ordinality), ',' || chr(10))
    || chr(10) || ')' || chr(10)
    || coalesce('PARTITIONED BY (' || (
      select pg_catalog.string_agg(pg_catalog.quote_ident(e.value ->> 'name') || ' '
        || redshift_local.external_type_text(e.value ->> 'external_type'), ', ' order by (e.value ->> 'part_key')::integer)
      from pg_catalog.jsonb_array_elements(t.columns) e
      where (e.value ->> 'part_key')::integer > 0) || ')' || chr(10), '')
    || 'ROW FORMAT SERDE ' || pg_catalog.quote_literal(t.serialization_lib) || chr(10)
    || coalesce('WITH SERDEPROPERTIES (' || redshift_local.properties_text(
      case when t.serde_parameters::jsonb = '{"serialization.format": "1"}'::jsonb then '{}'::jsonb
        else t.serde_parameters::jsonb end) || ')' || chr(10), '')
    || 'STORED AS INPUTFORMAT ' || pg_catalog.quote_literal(t.input_format) || chr(10)
    || 'OUTPUTFORMAT ' || pg_catalog.quote_literal(t.output_format) || chr(10)
    || 'LOCATION ' || pg_catalog.quote_literal(t.location)
    || coalesce(chr(10) || 'TABLE PROPERTIES (' || redshift_local.properties_text(t.parameters::jsonb - 'EXTERNAL') || ')', '')
    || ';'
    || case when partitions then coalesce((
      select pg_catalog.string_agg(chr(10) || 'ALTER TABLE ' || pg_catalog.quote_ident(n.nspname) || '.' || pg_catalog.quote_ident(c.relname)
        || ' ADD IF NOT EXISTS PARTITION (' || (
          select pg_catalog.string_agg(pg_catalog.quote_ident(k.value ->> 'name') || '=' || pg_catalog.quote_literal(p."values" ->> ((k.value ->> 'part_key')::integer - 1)),
            ', ' order by (k.value ->> 'part_key')::integer)
          from pg_catalog.jsonb_array_elements(t.columns) k
          where (k.value ->> 'part_key')::integer > 0)
        || ') LOCATION ' || pg_catalog.quote_literal(p.location) || ';', '' order by p."values"::text)
      from redshift_local.external_partitions p
      where p.relid = t.relid), '') else '' end
  from redshift_local.external_tables t
  join pg_catalog.pg_class c on c.oid = t.relid
  join pg_catalog.pg_namespace n on n.oid = c.relnamespace
  where t.relid = rel
$$;
`
