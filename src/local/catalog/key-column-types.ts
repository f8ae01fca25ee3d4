/**
 * Redshift types a column cannot be a distribution or sort key of, by the
 * name the catalog records (`redshift_local.table_attributes.column_types`,
 * without a length): SUPER (limitations-super.html), VARBYTE
 * (r_VARBYTE_type.html), GEOMETRY and GEOGRAPHY (spatial-limitations.html)
 * and HLLSKETCH (hyperloglog-functions-limitations.html).
 */
export const KEYLESS_TYPES: readonly string[] = Object.freeze([
  'super',
  'varbyte',
  'geometry',
  'geography',
  'hllsketch',
])

/**
 * The upper-case type name when a column of the recorded Redshift type
 * `recorded` (`varbyte(64000)`, `super` ...) cannot be a key, else null.
 *
 * @example
 * ```ts
 * keylessType('varbyte(10)') // 'VARBYTE'
 * keylessType(undefined) // null
 * ```
 */
export function keylessType(recorded: string | undefined): string | null {
  const name = recorded?.replace(/\(.*$/, '')
  return name !== undefined && KEYLESS_TYPES.includes(name)
    ? name.toUpperCase()
    : null
}

/**
 * A materialized view's keys, checked as they are recorded (its columns'
 * types are only known once PostgreSQL built it): a SUPER or VARBYTE column
 * (json, bytea here) is refused as a key. A GEOMETRY, GEOGRAPHY or HLLSKETCH
 * column of the query is text and is not told apart.
 */
export const MV_KEY_TYPES_SQL = `
create or replace function redshift_local.check_mv_key_types() returns trigger
language plpgsql set search_path = pg_catalog as $$
declare
  k text;
  typ oid;
begin
  if new.kind = 'materialized_view' then
    foreach k in array pg_catalog.array_remove(new.sortkey || new.distkey, null) loop
      select a.atttypid into typ from pg_catalog.pg_attribute a
      where a.attrelid = new.relid and a.attname = k and not a.attisdropped;
      if typ in (114, 3802, 17) then
        raise exception using errcode = '0A000',
          message = pg_catalog.format('column "%s" of type %s cannot be a %s', k,
            case when typ = 17 then 'VARBYTE' else 'SUPER' end,
            case when k = new.distkey then 'distribution key' else 'sort key' end);
      end if;
    end loop;
  end if;
  return new;
end
$$;
drop trigger if exists check_mv_key_types on redshift_local.table_attributes;
create trigger check_mv_key_types before insert or update on redshift_local.table_attributes
  for each row execute function redshift_local.check_mv_key_types();
`
