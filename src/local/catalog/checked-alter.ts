// No backslash appears in any string literal below: function bodies are
// parsed in the caller's session, where standard_conforming_strings may be off.

/**
 * `redshift_local.run_checked_alter(table, rule, columns, statement)`: an
 * ALTER TABLE that r_ALTER_TABLE.html refuses for what the columns are
 * before it runs, which PostgreSQL changes as it runs, so that no check
 * after it can tell (see `sql/checked-alter.ts`):
 *
 * - `varchar`: ALTER COLUMN ... TYPE "changes the size of a column defined
 *   as a VARCHAR data type"; PostgreSQL would convert an INTEGER or CHAR
 *   column into VARCHAR;
 * - `not null`: "You can't add a primary-key constraint to a nullable
 *   column"; PostgreSQL would make the column NOT NULL.
 *
 * The statement then runs as written, with the caller's rights. A table or
 * column that is not there is left to the statement's own error. Redshift's
 * wording of these refusals is not documented; these name the rule.
 */
export const CHECKED_ALTER_SQL = `
create or replace procedure redshift_local.run_checked_alter(p_table text, p_rule text,
  p_columns text[], p_sql text)
language plpgsql as $$
declare
  rel oid := pg_catalog.to_regclass(p_table);
  bad record;
begin
  if rel is not null then
    select a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod) as shown into bad
    from pg_catalog.unnest(p_columns) with ordinality n(name, i)
    join pg_catalog.pg_attribute a on a.attrelid = rel and a.attname = n.name
      and a.attnum > 0 and not a.attisdropped
    where (p_rule = 'varchar' and a.atttypid <> 'pg_catalog.varchar'::pg_catalog.regtype)
      or (p_rule = 'not null' and not a.attnotnull)
    order by n.i limit 1;
    if found and p_rule = 'varchar' then
      raise exception using errcode = '0A000',
        message = pg_catalog.format('ALTER COLUMN ... TYPE is not supported for column "%s" of type %s', bad.attname, bad.shown),
        hint = 'ALTER COLUMN ... TYPE can only change the length of a VARCHAR column';
    end if;
    if found then
      raise exception using errcode = '0A000',
        message = pg_catalog.format('cannot add a primary key on nullable column "%s"', bad.attname),
        hint = 'a primary key can only be added on columns created NOT NULL';
    end if;
  end if;
  execute p_sql;
end
$$;
grant execute on procedure redshift_local.run_checked_alter(text, text, text[], text) to public;
`
