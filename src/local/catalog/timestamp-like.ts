/**
 * LIKE and NOT LIKE on a timestamp, which Redshift matches against the
 * value's text (the system-table pages filter with `starttime like
 * '2009-06-16%'`, r_SVL_STATEMENTTEXT.html), and TRIM of a timestamp, which
 * Redshift gives as that text (`trim(event_time)`,
 * r_STL_ALERT_EVENT_LOG.html); PostgreSQL has neither. The timestamp reads
 * as its text in the session's DateStyle, ISO unless a client changed it, as
 * Redshift prints it. A quoted literal still trims as text: PostgreSQL
 * resolves an unknown argument to the string overload.
 */
export const TIMESTAMP_LIKE_SQL = `
create or replace function redshift_local.timestamp_like(value timestamp, pattern text) returns boolean
language sql stable parallel safe as $$ select value::text like pattern $$;
create or replace function redshift_local.timestamp_not_like(value timestamp, pattern text) returns boolean
language sql stable parallel safe as $$ select value::text not like pattern $$;
create or replace function pg_catalog.btrim(value timestamp) returns text
language sql stable parallel safe as $$ select pg_catalog.btrim(value::text) $$;
create operator pg_catalog.~~ (leftarg = timestamp, rightarg = text,
  function = redshift_local.timestamp_like, negator = operator(pg_catalog.!~~));
create operator pg_catalog.!~~ (leftarg = timestamp, rightarg = text,
  function = redshift_local.timestamp_not_like, negator = operator(pg_catalog.~~));
`
