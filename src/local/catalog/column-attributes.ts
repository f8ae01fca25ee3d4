/**
 * What ALTER TABLE ADD COLUMN and RENAME COLUMN record in
 * `redshift_local.table_attributes`, which only the emulator may write:
 * two SECURITY DEFINER procedures that the statement's rewrite calls right
 * after PostgreSQL ran it, each checking that the caller owns the table
 * (as ALTER TABLE itself did), so a table's owner needs no grant on the
 * emulator's own tables.
 *
 * - `record_added_column(rel, change)`: the new column's encoding,
 *   collation and Redshift type (`change` holds `column`, and `encoding`,
 *   `collation`, `column_type` when given); the table's ENCODE AUTO stays as
 *   it was.
 * - `rename_attribute_column(rel, old, new)`: the distribution key, sort
 *   key, encoding, identity, Redshift type and collation follow the column
 *   to its new name.
 */
export const COLUMN_ATTRIBUTES_SQL = `
create or replace procedure redshift_local.require_table_owner(rel oid)
language plpgsql security definer set search_path = pg_catalog as $owner$
begin
  if not pg_catalog.pg_has_role(session_user,
      (select relowner from pg_catalog.pg_class where oid = rel), 'USAGE') then
    raise exception using errcode = '42501',
      message = pg_catalog.format('must be owner of relation %s', rel::pg_catalog.regclass);
  end if;
end
$owner$;
revoke all on procedure redshift_local.require_table_owner(oid) from public;

create or replace procedure redshift_local.record_added_column(rel oid, change jsonb)
language plpgsql security definer set search_path = pg_catalog as $added$
declare
  col text := change ->> 'column';
begin
  call redshift_local.require_table_owner(rel);
  -- "You can't add a column to an external table with the column
  -- constraints DEFAULT, ENCODE, NOT NULL, or NULL" (r_ALTER_TABLE.html);
  -- NOT NULL is judged where the column is entered in the Spectrum catalog
  -- (DEFAULT there too, but for DEFAULT NULL, which PostgreSQL does not
  -- keep). Raised here, the ADD COLUMN before it rolls back.
  if (change ? 'encoding' or change ? 'null' or change ? 'default') and exists (select 1 from redshift_local.external_tables t where t.relid = rel) then
    raise exception using errcode = '0A000',
      message = pg_catalog.format('column "%s" of an external table cannot have %s', col,
        case when change ? 'encoding' then 'ENCODE' when change ? 'default' then 'a DEFAULT' else 'NULL' end),
      hint = 'ADD COLUMN of an external table takes a name and a type';
  end if;
  if not (change ? 'encoding' or change ? 'collation' or change ? 'column_type') then
    return;
  end if;
  insert into redshift_local.table_attributes as a
    (relid, schema_name, table_name, temporary, encode_auto, encodings, collations, column_types)
  select r.oid, n.nspname, r.relname, r.relpersistence = 't', true,
    case when change ? 'encoding' then pg_catalog.jsonb_build_object(col, change ->> 'encoding') else '{}' end,
    case when change ? 'collation' then pg_catalog.jsonb_build_object(col, change ->> 'collation') else '{}' end,
    case when change ? 'column_type' then pg_catalog.jsonb_build_object(col, change ->> 'column_type') else '{}' end
  from pg_catalog.pg_class r join pg_catalog.pg_namespace n on n.oid = r.relnamespace
  where r.oid = rel
  on conflict (relid) do update set
    encodings = a.encodings || excluded.encodings,
    collations = a.collations || excluded.collations,
    column_types = a.column_types || excluded.column_types;
end
$added$;
revoke all on procedure redshift_local.record_added_column(oid, jsonb) from public;
grant execute on procedure redshift_local.record_added_column(oid, jsonb) to public;

create or replace procedure redshift_local.rename_attribute_column(rel oid, old text, new text)
language plpgsql security definer set search_path = pg_catalog as $renamed$
begin
  call redshift_local.require_table_owner(rel);
  update redshift_local.table_attributes t set
    distkey = case when t.distkey = old then new else t.distkey end,
    sortkey = pg_catalog.array_replace(t.sortkey, old, new),
    encodings = case when t.encodings ? old
      then (t.encodings - old) || pg_catalog.jsonb_build_object(new, t.encodings -> old) else t.encodings end,
    identity = case when t.identity ? old
      then (t.identity - old) || pg_catalog.jsonb_build_object(new, t.identity -> old) else t.identity end,
    column_types = case when t.column_types ? old
      then (t.column_types - old) || pg_catalog.jsonb_build_object(new, t.column_types -> old) else t.column_types end,
    collations = case when t.collations ? old
      then (t.collations - old) || pg_catalog.jsonb_build_object(new, t.collations -> old) else t.collations end
  where t.relid = rel;
end
$renamed$;
revoke all on procedure redshift_local.rename_attribute_column(oid, text, text) from public;
grant execute on procedure redshift_local.rename_attribute_column(oid, text, text) to public;
`
