/**
 * UPPER and LOWER of a CHAR are a CHAR, "the same data type as the input
 * string" (r_UPPER.html, r_LOWER.html: "if the input is a CHAR string, the
 * function will return a CHAR string"), where PostgreSQL converts the CHAR to
 * TEXT first (dropping its trailing blanks) and returns TEXT. These overloads
 * keep the value's blanks (its output text, not its TEXT conversion) and its
 * type; the result carries no length (the type modifier Redshift reports for
 * it is not documented). A VARCHAR or a literal still resolves to
 * PostgreSQL's TEXT functions, TEXT being the preferred string type.
 * LTRIM and RTRIM are documented the same way, but what they do with the
 * blanks of a CHAR result is not, so they keep PostgreSQL's.
 */
export const CHAR_STRING_FUNCTIONS_SQL = `
create or replace function pg_catalog.upper(s bpchar) returns bpchar
language sql immutable strict parallel safe as $$
  select pg_catalog.upper(pg_catalog.textin(pg_catalog.bpcharout(s)))::bpchar
$$;
create or replace function pg_catalog.lower(s bpchar) returns bpchar
language sql immutable strict parallel safe as $$
  select pg_catalog.lower(pg_catalog.textin(pg_catalog.bpcharout(s)))::bpchar
$$;
`
