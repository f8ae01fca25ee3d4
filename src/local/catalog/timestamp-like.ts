/**
 * LIKE and NOT LIKE on a timestamp, which Redshift matches against the
 * value's text (the system-table pages filter with `starttime like
 * '2009-06-16%'`, r_SVL_STATEMENTTEXT.html); PostgreSQL has no such
 * operator. The timestamp reads as its text in the session's DateStyle, ISO
 * unless a client changed it, as Redshift prints it.
 */
export const TIMESTAMP_LIKE_SQL = `
create or replace function redshift_local.timestamp_like(value timestamp, pattern text) returns boolean
language sql stable parallel safe as $$ select value::text like pattern $$;
create or replace function redshift_local.timestamp_not_like(value timestamp, pattern text) returns boolean
language sql stable parallel safe as $$ select value::text not like pattern $$;
create operator pg_catalog.~~ (leftarg = timestamp, rightarg = text,
  function = redshift_local.timestamp_like, negator = operator(pg_catalog.!~~));
create operator pg_catalog.!~~ (leftarg = timestamp, rightarg = text,
  function = redshift_local.timestamp_not_like, negator = operator(pg_catalog.~~));
`
