// No backslash appears in any string literal below: function bodies are
// parsed in the caller's session, where standard_conforming_strings may be off.

/**
 * `ALTER TABLE ... DROP COLUMN` refusals that depend on the table, not the
 * statement (https://docs.aws.amazon.com/redshift/latest/dg/r_ALTER_TABLE.html):
 * a table keeps at least one column, and its DISTKEY and SORTKEY columns
 * cannot be dropped. An event trigger on `sql_drop` sees each dropped column
 * once PostgreSQL has dropped it, still inside the statement, so raising
 * there undoes the statement. The key columns come from
 * `redshift_local.table_attributes`. Redshift's texts are not documented;
 * these say which rule the statement broke.
 */
export const DROP_COLUMN_RULES_SQL = `
create or replace function redshift_local.check_dropped_columns() returns event_trigger
language plpgsql as $$
declare
  r record;
  attrs redshift_local.table_attributes;
begin
  for r in
    select d.objid, d.address_names from pg_catalog.pg_event_trigger_dropped_objects() d
    where d.object_type = 'table column' and d.original
  loop
    continue when not exists (select 1 from pg_catalog.pg_class c where c.oid = r.objid);
    if not exists (
      select 1 from pg_catalog.pg_attribute a
      where a.attrelid = r.objid and a.attnum > 0 and not a.attisdropped
    ) then
      raise exception using errcode = '0A000',
        message = pg_catalog.format('cannot drop the last column of table "%s"', r.address_names[2]),
        hint = 'a table must have at least one column';
    end if;
    select * into attrs from redshift_local.table_attributes t where t.relid = r.objid;
    if attrs.distkey = r.address_names[3] then
      raise exception using errcode = '0A000',
        message = pg_catalog.format('cannot drop column "%s": it is the DISTKEY of table "%s"',
          r.address_names[3], r.address_names[2]);
    end if;
    if r.address_names[3] = any (attrs.sortkey) then
      raise exception using errcode = '0A000',
        message = pg_catalog.format('cannot drop column "%s": it is a SORTKEY column of table "%s"',
          r.address_names[3], r.address_names[2]);
    end if;
  end loop;
end
$$;

drop event trigger if exists redshift_local_dropped_columns;
create event trigger redshift_local_dropped_columns on sql_drop
  when tag in ('ALTER TABLE')
  execute function redshift_local.check_dropped_columns();
`
