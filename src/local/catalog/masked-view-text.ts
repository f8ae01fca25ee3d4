// No backslash appears in the function below: its body is parsed in the
// caller's session, where standard_conforming_strings may be off.

/** An identifier as PostgreSQL's deparse prints it: plain, or double-quoted. */
const IDENT = `(?:[a-z0-9_$]+|"(?:[^"]|"")*")`

/**
 * The planner's rewrite of a read of a table with masking policies
 * (`sql/masked-reads.ts`) as `pg_get_viewdef` deparses it in a view's query,
 * pretty or not: group 1 is the whole text, 2 the table's (qualified) name,
 * 3 the alias the read had.
 */
const WRAPPED_READ =
  `([(] SELECT redshift_mask[.][^()]*FROM [(]?(${IDENT}(?:[.]${IDENT})?) redshift_masked[[:space:]]+` +
  `CROSS JOIN LATERAL redshift_local[.]mask_row[(]redshift_masked[.][*], [(] SELECT redshift_local[.]mask_query` +
  `[(][(]?'(?:[^']|'')*'::regclass[)]?::oid[)] AS mask_query[)][)] redshift_mask[(][^()]*[)][)]?[)] (${IDENT}))`

/**
 * `redshift_local.mask_unwrapped_viewdef(text)`: a view's deparsed query
 * with each read the planner rewrote for masking policies shown as the
 * client wrote it (`t alias`, or `t` when the alias is the table's name),
 * for PG_VIEWS, information_schema.views, PG_GET_VIEWDEF and SHOW VIEW: the
 * view reads the table through the emulator's functions, which Redshift has
 * none of. The text is returned as it is when it holds no such read.
 */
export const MASKED_VIEW_TEXT_SQL = `
create or replace function redshift_local.mask_unwrapped_viewdef(def text) returns text
language plpgsql immutable set search_path = pg_catalog as $$
declare
  m text[];
  i int := 0;
begin
  if def is null or pg_catalog.strpos(def, 'redshift_local.mask_row(') = 0 then
    return def;
  end if;
  loop
    m := pg_catalog.regexp_match(def, '${WRAPPED_READ.replace(/'/g, "''")}');
    exit when m is null or i > 1000;
    i := i + 1;
    def := pg_catalog.replace(def, m[1], m[2] || case
      when m[3] = pg_catalog.regexp_replace(m[2], '^.*[.]', '') then '' else ' ' || m[3] end);
  end loop;
  return def;
end
$$;
grant execute on function redshift_local.mask_unwrapped_viewdef(text) to public;
`
