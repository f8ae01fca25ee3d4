import type { AttributeChange } from '../sql/ddl-alter-attributes.js'
import { inlineJsonb, toJsonParameter } from './bound-statement.js'
import { encodingTypeRowsSql, JUDGED_TYPES } from './encoding-types.js'
import { KEYLESS_TYPES } from './key-column-types.js'

// No backslash appears in any string literal below: function bodies are
// parsed in the caller's session, where standard_conforming_strings may be off.

/**
 * `ALTER TABLE ... ALTER DISTSTYLE | DISTKEY | SORTKEY | ENCODE AUTO` and
 * `ALTER COLUMN c ENCODE e` as two procedures: the outer one runs with the
 * caller's rights (it resolves the name through the caller's search_path,
 * checks ownership and takes ALTER TABLE's lock), the inner one, SECURITY
 * DEFINER, checks Redshift's rules against the recorded attributes and
 * stores the change in `redshift_local.table_attributes`
 * (https://docs.aws.amazon.com/redshift/latest/dg/r_ALTER_TABLE.html):
 *
 * - ALTER DISTSTYLE / DISTKEY are refused on temporary tables and on tables
 *   with an interleaved sort key, and no SUPER, VARBYTE, GEOMETRY, GEOGRAPHY
 *   or HLLSKETCH column becomes a distribution or sort key;
 * - a column chosen as a sort key gets RAW encoding;
 * - ALTER COLUMN ENCODE is refused on tables with an interleaved sort key,
 *   for the column's current encoding, and for an encoding its type cannot
 *   take; it turns ENCODE AUTO off;
 * - ALTER SORTKEY NONE is recorded as a compound key of no columns;
 * - ALTER SORTKEY AUTO keeps the sort key's columns (an interleaved key is
 *   an emulator limit).
 *
 * Redshift's own message texts for these refusals are not documented; these
 * name the rule.
 */
export const ALTER_ATTRIBUTES_SQL = `
create or replace procedure redshift_local.apply_table_attributes(rel oid, change jsonb)
language plpgsql security definer set search_path = pg_catalog as $apply$
declare
  c pg_catalog.pg_class;
  a redshift_local.table_attributes;
  kind text := coalesce(change ->> 'kind', 'table');
  col text;
  enc text;
  typ text;
  current_enc text;
  key record;
begin
  select * into c from pg_catalog.pg_class where oid = rel;
  if not pg_catalog.pg_has_role(session_user, c.relowner, 'USAGE') then
    raise exception using errcode = '42501',
      message = pg_catalog.format('must be owner of relation %s', c.relname);
  end if;
  if kind = 'table' and c.relkind not in ('r', 'p') then
    raise exception using errcode = '42809', message = pg_catalog.format('"%s" is not a table', c.relname);
  end if;
  if kind = 'materialized_view' and c.relkind <> 'm' then
    raise exception using errcode = '42809',
      message = pg_catalog.format('"%s" is not a materialized view', c.relname);
  end if;
  select * into a from redshift_local.table_attributes t where t.relid = rel;
  if not found then
    a.relid := rel;
    a.kind := kind;
    a.diststyle := null;
    a.distkey := null;
    a.sortkey := '{}';
    a.sortkey_type := null;
    a.encode_auto := true;
    a.encodings := '{}';
    a.backup := true;
    a.identity := '{}';
    a.column_types := '{}';
    a.collations := '{}';
    a.is_late_binding_view := false;
    a.created_at := pg_catalog.statement_timestamp() at time zone 'UTC';
  end if;
  a.schema_name := (select nspname from pg_catalog.pg_namespace where oid = c.relnamespace);
  a.table_name := c.relname;
  a.temporary := c.relpersistence = 't';
  for col in
    select x from (select change ->> 'distkey' as x
      union all select pg_catalog.jsonb_array_elements_text(coalesce(change -> 'sortkey', '[]'))
      union all select pg_catalog.jsonb_object_keys(coalesce(change -> 'encodings', '{}'))) k
    where x is not null
  loop
    if not exists (select 1 from pg_catalog.pg_attribute
                   where attrelid = rel and attname = col and attnum > 0 and not attisdropped) then
      raise exception using errcode = '42703',
        message = pg_catalog.format('column "%s" does not exist in %s', col, c.relname);
    end if;
  end loop;
  -- SUPER, VARBYTE, GEOMETRY, GEOGRAPHY and HLLSKETCH columns are never keys
  -- (key-column-types.ts).
  for key in
    select k.x as col, k.what, pg_catalog.regexp_replace(coalesce(a.column_types ->> k.x,
        case t.atttypid when 114 then 'super' when 3802 then 'super' when 17 then 'varbyte' end, ''),
        '[(].*$', '') as typ
    from (select change ->> 'distkey' as x, 'distribution key' as what
      union all select pg_catalog.jsonb_array_elements_text(coalesce(change -> 'sortkey', '[]')), 'sort key') k
    join pg_catalog.pg_attribute t on t.attrelid = rel and t.attname = k.x
  loop
    if key.typ = any (array['${KEYLESS_TYPES.join("','")}']) then
      raise exception using errcode = '0A000',
        message = pg_catalog.format('column "%s" of type %s cannot be a %s', key.col, pg_catalog.upper(key.typ), key.what);
    end if;
  end loop;
  if change ? 'diststyle' then
    if c.relpersistence = 't' then
      raise exception using errcode = '0A000',
        message = 'ALTER DISTSTYLE and ALTER DISTKEY are not supported for temporary tables';
    end if;
    if a.sortkey_type = 'interleaved' then
      raise exception using errcode = '0A000',
        message = 'ALTER DISTSTYLE and ALTER DISTKEY are not supported for tables with interleaved sort keys';
    end if;
    a.diststyle := change ->> 'diststyle';
    a.distkey := change ->> 'distkey';
  end if;
  if change ? 'sortkey_type' then
    -- Columns leaving the key keep the RAW encoding a key column had.
    for col in select pg_catalog.unnest(a.sortkey) loop
      if not a.encodings ? col then
        a.encodings := a.encodings || pg_catalog.jsonb_build_object(col, 'raw');
      end if;
    end loop;
    if change ->> 'sortkey_type' = 'auto' then
      -- "When you alter a sort key to AUTO, Amazon Redshift preserves the
      -- existing sort key of the table" (SVV_TABLE_INFO: AUTO(SORTKEY(c))).
      -- Whether an interleaved one is kept, and how, is not documented.
      if a.sortkey_type = 'interleaved' then
        raise exception using errcode = '0A000',
          message = 'ALTER SORTKEY AUTO of a table with an interleaved sort key in the local emulator is not supported',
          hint = 'an emulator limit: how Redshift keeps an interleaved key under AUTO is not documented';
      end if;
      a.sortkey_type := 'auto';
    else
      a.sortkey_type := 'compound';
      a.sortkey := array(select pg_catalog.jsonb_array_elements_text(change -> 'sortkey'));
      for col in select pg_catalog.unnest(a.sortkey) loop
        a.encodings := a.encodings || pg_catalog.jsonb_build_object(col, 'raw');
      end loop;
    end if;
  end if;
  if change ? 'encode_auto' then
    a.encode_auto := true;
  end if;
  for col, enc in select * from pg_catalog.jsonb_each_text(coalesce(change -> 'encodings', '{}')) loop
    if a.sortkey_type = 'interleaved' then
      raise exception using errcode = '0A000',
        message = 'ALTER COLUMN ENCODE is not supported for tables with interleaved sort keys';
    end if;
    select coalesce(a.column_types ->> col, pg_catalog.format_type(t.atttypid, null)),
      coalesce(a.encodings ->> col, redshift_local.default_encoding(t.atttypid, a.temporary
        or coalesce(a.column_types ->> col in ('geometry', 'geography'), false) or col = any (a.sortkey)))
      into typ, current_enc
    from pg_catalog.pg_attribute t where t.attrelid = rel and t.attname = col;
    if typ = any (array['${JUDGED_TYPES.join("','")}']) and not exists (
      select 1 from (values ${encodingTypeRowsSql()}) e(encoding, type_name)
      where e.encoding = enc and e.type_name = typ) then
      raise exception using errcode = '0A000',
        message = pg_catalog.format('encoding "%s" is not supported for column "%s" of type %s', enc, col, typ);
    end if;
    if pg_catalog.replace(current_enc, 'none', 'raw') = enc then
      raise exception using errcode = '0A000',
        message = pg_catalog.format('column "%s" already has encoding "%s"', col, enc);
    end if;
    a.encodings := a.encodings || pg_catalog.jsonb_build_object(col, enc);
    a.encode_auto := false;
  end loop;
  insert into redshift_local.table_attributes values (a.*)
  on conflict (relid) do update set
    schema_name = excluded.schema_name, table_name = excluded.table_name,
    temporary = excluded.temporary, diststyle = excluded.diststyle, distkey = excluded.distkey,
    sortkey = excluded.sortkey, sortkey_type = excluded.sortkey_type,
    encode_auto = excluded.encode_auto, encodings = excluded.encodings;
end
$apply$;
revoke all on procedure redshift_local.apply_table_attributes(oid, jsonb) from public;
grant execute on procedure redshift_local.apply_table_attributes(oid, jsonb) to public;

create or replace procedure redshift_local.alter_table_attributes(change jsonb)
language plpgsql as $alter$
declare
  rel oid;
  shown text := case when change ->> 'schema' is null then change ->> 'name'
    else (change ->> 'schema') || '.' || (change ->> 'name') end;
begin
  rel := pg_catalog.to_regclass(case when change ->> 'schema' is null
    then pg_catalog.quote_ident(change ->> 'name')
    else pg_catalog.quote_ident(change ->> 'schema') || '.' || pg_catalog.quote_ident(change ->> 'name') end);
  if rel is null then
    raise exception using errcode = '42P01', message = pg_catalog.format('relation "%s" does not exist', shown);
  end if;
  if not pg_catalog.pg_has_role(current_user,
      (select relowner from pg_catalog.pg_class where oid = rel), 'USAGE') then
    raise exception using errcode = '42501', message = pg_catalog.format('must be owner of relation %s', shown);
  end if;
  -- ALTER TABLE locks the table until the transaction ends.
  -- (PostgreSQL cannot LOCK a materialized view.)
  if (select relkind from pg_catalog.pg_class where oid = rel) in ('r', 'p') then
    execute pg_catalog.format('lock table %s in access exclusive mode', rel::pg_catalog.regclass);
  end if;
  call redshift_local.apply_table_attributes(rel, change);
end
$alter$;
`

/**
 * The statement that applies one attribute change, as plain text.
 *
 * @example
 * ```ts
 * buildAttributeChangeSql({ kind: 'table', relation: { schema: null, name: 't' }, diststyle: 'ALL' })
 * // call redshift_local.alter_table_attributes($j${"kind":"table",...}$j$::jsonb)
 * ```
 */
export function buildAttributeChangeSql(change: AttributeChange): string {
  const row = {
    kind: change.kind,
    schema: change.relation.schema,
    name: change.relation.name,
    ...(change.diststyle !== undefined
      ? { diststyle: change.diststyle, distkey: change.distkey ?? null }
      : {}),
    ...(change.sortkeyType !== undefined
      ? { sortkey_type: change.sortkeyType, sortkey: change.sortkey ?? [] }
      : {}),
    ...(change.encodeAuto ? { encode_auto: true } : {}),
    ...(change.encodings !== undefined ? { encodings: change.encodings } : {}),
  }
  const json = toJsonParameter([row]).slice(1, -1)
  return `call redshift_local.alter_table_attributes(${inlineJsonb(json)})`
}
