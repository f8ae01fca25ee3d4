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
 * `pg_attribute.attmissingval` (a PostgreSQL 11 column of a pseudo-type no
 * view can hold) is not in the view; Redshift's pg_attribute has no such
 * column. A `::regtype` cast of 4000 or of the name `super` is not mapped.
 */
export const SUPER_CATALOG_SQL = `
do $super_catalog$
declare
  type_columns text;
  attribute_columns text;
  columns_view text;
begin
  select pg_catalog.string_agg(case
      when a.attname = 'typname' then 'case when t.oid = 114 then ''super''::name else t.typname end as typname'
      when a.attname in ('oid', 'typelem', 'typarray', 'typbasetype')
        then pg_catalog.format('case when t.%1$I = 114 then 4000::oid else t.%1$I end as %1$I', a.attname)
      else pg_catalog.format('t.%I', a.attname) end, ', ' order by a.attnum)
    into type_columns
    from pg_catalog.pg_attribute a
    where a.attrelid = 'pg_catalog.pg_type'::regclass and a.attnum > 0 and not a.attisdropped;
  execute 'create or replace view redshift_local.pg_type as select ' || type_columns
    || ' from pg_catalog.pg_type t where not (t.typname = ''super'' and t.typtype = ''d'''
    || ' and t.typnamespace = ''pg_catalog''::regnamespace)';
  select pg_catalog.string_agg(case
      when a.attname = 'atttypid' then 'case when t.atttypid = 114 then 4000::oid else t.atttypid end as atttypid'
      else pg_catalog.format('t.%I', a.attname) end, ', ' order by a.attnum)
    into attribute_columns
    from pg_catalog.pg_attribute a
    where a.attrelid = 'pg_catalog.pg_attribute'::regclass and a.attnum > 0 and not a.attisdropped
      and a.atttypid <> 'anyarray'::regtype;
  execute 'create or replace view redshift_local.pg_attribute as select ' || attribute_columns
    || ' from pg_catalog.pg_attribute t';
  select pg_catalog.string_agg(case
      when a.attname = 'udt_name' then 'case when c.udt_name::text = ''json'' and c.udt_schema::text = ''pg_catalog'''
        || ' then ''super''::name::information_schema.sql_identifier else c.udt_name end as udt_name'
      else pg_catalog.format('c.%I', a.attname) end, ', ' order by a.attnum)
    into columns_view
    from pg_catalog.pg_attribute a
    where a.attrelid = 'information_schema.columns'::regclass and a.attnum > 0 and not a.attisdropped;
  execute 'create or replace view redshift_local.columns as select ' || columns_view
    || ' from information_schema.columns c';
end
$super_catalog$;
grant select on redshift_local.pg_type, redshift_local.pg_attribute, redshift_local.columns to public;
`
