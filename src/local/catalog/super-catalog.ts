/**
 * SUPER as Redshift's catalog shows it: type OID 4000 named `super`
 * (redshift_connector's and the JDBC driver's type tables, RowDescription in
 * `session/redshift-field-types.ts`). SUPER columns are PostgreSQL `json`
 * (114) in the backing database, so the answers that name a column's type
 * are mapped:
 *
 * - `redshift_local.pg_type` and `redshift_local.pg_attribute`, which a
 *   client's reads of `pg_type` and `pg_attribute` are pointed at
 *   (`sql/catalog-type-names.ts`): json's row is `super` with OID 4000 (the
 *   emulator's own `super` domain is left out, as Redshift has one SUPER
 *   type), and a type OID of 114 in them is 4000;
 * - `redshift_local.columns`, which reads of `information_schema.columns`
 *   are pointed at: a SUPER column's `udt_name` is `super` (every json
 *   column is SUPER: Redshift has no JSON type);
 * - `format_type(4000, ...)` is `super`, as `format_type(114, ...)` is
 *   (`super-functions.ts`).
 *
 * The same views carry Redshift's other type OIDs that have no backing type
 * of their own: bytea is VARBYTE (6551 `varbyte`), a qualified interval
 * column is 1188 / 1190 (rows `intervaly2m` / `intervald2s`, as RowDescription
 * says), and a text column CREATE TABLE recorded as GEOMETRY, GEOGRAPHY or
 * HLLSKETCH is 3000 / 3001 / 2935 (the catalog reference's OIDs), each a
 * pg_type row copied from the type it is stored as.
 *
 * None of them lists the emulator's own schemas' types, relations or
 * columns (`client-catalog-views.ts`).
 *
 * `pg_attribute.attmissingval` (a PostgreSQL 11 column of a pseudo-type no
 * view can hold) is not in the view; Redshift's pg_attribute has no such
 * column. A `::regtype` cast of 4000 or of the name `super` is not mapped.
 */
export const SUPER_CATALOG_SQL = `
do $super_catalog$
declare
  type_columns text;
  extra_type_columns text;
  attribute_columns text;
  columns_view text;
begin
  -- The backing types Redshift's catalog names otherwise: json is SUPER
  -- (4000), bytea VARBYTE (6551).
  select pg_catalog.string_agg(case
      when a.attname = 'typname' then 'case t.oid when 114 then ''super''::name when 17 then ''varbyte''::name else t.typname end as typname'
      when a.attname in ('oid', 'typelem', 'typarray', 'typbasetype')
        then pg_catalog.format('case t.%1$I when 114 then 4000::oid when 17 then 6551::oid else t.%1$I end as %1$I', a.attname)
      else pg_catalog.format('t.%I', a.attname) end, ', ' order by a.attnum)
    into type_columns
    from pg_catalog.pg_attribute a
    where a.attrelid = 'pg_catalog.pg_type'::regclass and a.attnum > 0 and not a.attisdropped;
  -- Redshift's types with no backing type of their own, each a row like the
  -- one it is stored as (intervals qualified YEAR TO MONTH or DAY TO SECOND;
  -- text for the spatial types and HLLSKETCH), under Redshift's OID and name.
  select pg_catalog.string_agg(case
      when a.attname = 'oid' then 'r.oid'
      when a.attname = 'typname' then 'r.typname'
      when a.attname = 'typarray' then '0::oid as typarray'
      else pg_catalog.format('t.%I', a.attname) end, ', ' order by a.attnum)
    into extra_type_columns
    from pg_catalog.pg_attribute a
    where a.attrelid = 'pg_catalog.pg_type'::regclass and a.attnum > 0 and not a.attisdropped;
  execute 'create or replace view redshift_local.pg_type as select ' || type_columns
    || ' from pg_catalog.pg_type t where not (t.typname = ''super'' and t.typtype = ''d'''
    || ' and t.typnamespace = ''pg_catalog''::regnamespace)'
    || ' and t.typnamespace not in (select ns.oid from pg_catalog.pg_namespace ns'
    || ' where ns.nspname in (''redshift_local'', ''redshift_local_types''))'
    || ' union all select ' || extra_type_columns
    || ' from (values (1188::oid, ''intervaly2m''::name, 1186::oid), (1190, ''intervald2s'', 1186),'
    || ' (3000, ''geometry'', 25), (3001, ''geography'', 25), (2935, ''hllsketch'', 25)) r(oid, typname, stored)'
    || ' join pg_catalog.pg_type t on t.oid = r.stored';
  -- A column's type OID as RowDescription gives it
  -- (session/redshift-field-types.ts): json is SUPER, bytea VARBYTE, an
  -- interval qualified YEAR / MONTH INTERVAL YEAR TO MONTH and one qualified
  -- DAY to SECOND INTERVAL DAY TO SECOND; and text is GEOMETRY, GEOGRAPHY or
  -- HLLSKETCH where CREATE TABLE recorded one.
  select pg_catalog.string_agg(case
      when a.attname = 'atttypid' then 'case t.atttypid when 114 then 4000::oid when 17 then 6551::oid'
        || ' when 1186 then case when t.atttypmod < 0 or (t.atttypmod >> 16) & 32767 in (0, 32767) then 1186::oid'
        || ' when ((t.atttypmod >> 16) & 32767) & ~6 = 0 then 1188::oid else 1190::oid end'
        || ' when 25 then case ta.column_types ->> t.attname::text when ''geometry'' then 3000::oid'
        || ' when ''geography'' then 3001::oid when ''hllsketch'' then 2935::oid else 25::oid end'
        || ' else t.atttypid end as atttypid'
      else pg_catalog.format('t.%I', a.attname) end, ', ' order by a.attnum)
    into attribute_columns
    from pg_catalog.pg_attribute a
    where a.attrelid = 'pg_catalog.pg_attribute'::regclass and a.attnum > 0 and not a.attisdropped
      and a.atttypid <> 'anyarray'::regtype;
  execute 'create or replace view redshift_local.pg_attribute as select ' || attribute_columns
    || ' from pg_catalog.pg_attribute t left join redshift_local.table_attributes ta'
    || ' on ta.relid = t.attrelid and t.atttypid = 25'
    || ' where t.attrelid not in (select c.oid from pg_catalog.pg_class c'
    || ' join pg_catalog.pg_namespace ns on ns.oid = c.relnamespace'
    || ' where ns.nspname in (''redshift_local'', ''redshift_local_types''))';
  select pg_catalog.string_agg(case
      when a.attname = 'udt_name' then 'case when c.udt_name::text = ''json'' and c.udt_schema::text = ''pg_catalog'''
        || ' then ''super''::name::information_schema.sql_identifier else c.udt_name end as udt_name'
      else pg_catalog.format('c.%I', a.attname) end, ', ' order by a.attnum)
    into columns_view
    from pg_catalog.pg_attribute a
    where a.attrelid = 'information_schema.columns'::regclass and a.attnum > 0 and not a.attisdropped;
  execute 'create or replace view redshift_local.columns as select ' || columns_view
    || ' from information_schema.columns c'
    || ' where c.table_schema::text not in (''redshift_local'', ''redshift_local_types'')'
    -- "You can't view details for Amazon Redshift Spectrum tables using ...
    -- information_schema" (r_CREATE_EXTERNAL_TABLE_usage.html).
    || ' and not exists (select 1 from redshift_local.external_tables et'
    || ' join pg_catalog.pg_class ec on ec.oid = et.relid join pg_catalog.pg_namespace en on en.oid = ec.relnamespace'
    || ' where en.nspname = c.table_schema::text and ec.relname = c.table_name::text)'
    -- Nor the columns of late-binding views, which Redshift resolves when
    -- the view is read (PG_GET_LATE_BINDING_VIEW_COLS and SVV_COLUMNS list
    -- them).
    || ' and not exists (select 1 from redshift_local.late_binding_views lb'
    || ' join pg_catalog.pg_class lc on lc.oid = lb.relid join pg_catalog.pg_namespace ln on ln.oid = lc.relnamespace'
    || ' where ln.nspname = c.table_schema::text and lc.relname = c.table_name::text)';
end
$super_catalog$;
grant select on redshift_local.pg_type, redshift_local.pg_attribute, redshift_local.columns to public;
`
