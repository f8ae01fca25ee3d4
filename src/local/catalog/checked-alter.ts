// No backslash appears in any string literal below: function bodies are
// parsed in the caller's session, where standard_conforming_strings may be off.

/**
 * `redshift_local.run_checked_alter(table, rule, columns, statement)`: an
 * ALTER TABLE that r_ALTER_TABLE.html refuses for what the columns are
 * before it runs, which PostgreSQL changes as it runs, so that no check
 * after it can tell (see `sql/checked-alter.ts`):
 *
 * - `varchar`: ALTER COLUMN ... TYPE "changes the size of a column defined
 *   as a VARCHAR data type", not of one with the BYTEDICT, RUNLENGTH,
 *   TEXT255 or TEXT32K encoding, a default value, or a UNIQUE, PRIMARY KEY
 *   or FOREIGN KEY constraint; PostgreSQL would convert an INTEGER or CHAR
 *   column into VARCHAR, and alter the others;
 * - `not null`: "You can't add a primary-key constraint to a nullable
 *   column"; PostgreSQL would make the column NOT NULL.
 *
 * The statement then runs as written, with the caller's rights. A table or
 * column that is not there is left to the statement's own error. Redshift's
 * wording of these refusals is not documented; these name the rule.
 */
export const CHECKED_ALTER_SQL = `
-- What the rule refuses, or null; it reads the emulator's record of external
-- tables, which callers cannot.
create or replace function redshift_local.checked_alter_refusal(rel oid, p_rule text, p_columns text[])
returns text language sql stable security definer set search_path = pg_catalog as $$
  select case
    when p_rule = 'not null'
      then pg_catalog.format('cannot add a primary key on nullable column "%s"', a.attname)
    when a.atttypid <> 'pg_catalog.varchar'::pg_catalog.regtype
      then pg_catalog.format('ALTER COLUMN ... TYPE is not supported for column "%s" of type %s',
        a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod))
    when pg_catalog.upper(coalesce(ta.encodings ->> a.attname, '')) in ('BYTEDICT', 'RUNLENGTH', 'TEXT255', 'TEXT32K')
      then pg_catalog.format('cannot alter the type of column "%s": it has the %s encoding',
        a.attname, pg_catalog.upper(ta.encodings ->> a.attname))
    when exists (select 1 from pg_catalog.pg_attrdef d where d.adrelid = a.attrelid and d.adnum = a.attnum)
      then pg_catalog.format('cannot alter the type of column "%s": it has a default value', a.attname)
    else pg_catalog.format('cannot alter the type of column "%s": it is in a UNIQUE, PRIMARY KEY or FOREIGN KEY constraint', a.attname)
  end
  from pg_catalog.unnest(p_columns) with ordinality n(name, i)
  join pg_catalog.pg_attribute a on a.attrelid = rel and a.attname = n.name
    and a.attnum > 0 and not a.attisdropped
  left join redshift_local.table_attributes ta on ta.relid = a.attrelid
  -- An external table's ALTER has rules of its own (spectrum-catalog.ts).
  where not exists (select 1 from redshift_local.external_tables e where e.relid = rel)
    and case when p_rule = 'not null' then not a.attnotnull
      else a.atttypid <> 'pg_catalog.varchar'::pg_catalog.regtype
        or pg_catalog.upper(coalesce(ta.encodings ->> a.attname, '')) in ('BYTEDICT', 'RUNLENGTH', 'TEXT255', 'TEXT32K')
        or exists (select 1 from pg_catalog.pg_attrdef d where d.adrelid = a.attrelid and d.adnum = a.attnum)
        or exists (select 1 from pg_catalog.pg_constraint k where k.contype in ('u', 'p', 'f')
          and ((k.conrelid = a.attrelid and a.attnum = any (k.conkey))
            or (k.confrelid = a.attrelid and a.attnum = any (k.confkey)))) end
  order by n.i limit 1
$$;
revoke all on function redshift_local.checked_alter_refusal(oid, text, text[]) from public;
grant execute on function redshift_local.checked_alter_refusal(oid, text, text[]) to public;

create or replace procedure redshift_local.run_checked_alter(p_table text, p_rule text,
  p_columns text[], p_sql text)
language plpgsql as $$
declare
  refusal text := redshift_local.checked_alter_refusal(pg_catalog.to_regclass(p_table), p_rule, p_columns);
begin
  if refusal like 'ALTER COLUMN ... TYPE is not supported%' then
    raise exception using errcode = '0A000', message = refusal,
      hint = 'ALTER COLUMN ... TYPE can only change the length of a VARCHAR column';
  elsif p_rule = 'not null' and refusal is not null then
    raise exception using errcode = '0A000', message = refusal,
      hint = 'a primary key can only be added on columns created NOT NULL';
  elsif refusal is not null then
    raise exception using errcode = '0A000', message = refusal;
  end if;
  execute p_sql;
end
$$;
grant execute on procedure redshift_local.run_checked_alter(text, text, text[], text) to public;
`
