// No backslash appears in any string literal below: function bodies are
// parsed in the caller's session, where standard_conforming_strings may be off.

/**
 * Redshift's math functions where PostgreSQL's differ: ROUND and TRUNC with
 * a number of places keep the input's type (DOUBLE PRECISION and integers
 * included), and CHECKSUM, which hashes an undocumented internal layout, is
 * refused as an emulator limit.
 *
 * @example
 * ```ts
 * await client.query(REDSHIFT_MATH_FUNCTIONS_SQL)
 * ```
 */
export const REDSHIFT_MATH_FUNCTIONS_SQL = `
-- ROUND and TRUNC keep the input's type: DOUBLE PRECISION stays DOUBLE
-- PRECISION, integers stay integers (https://docs.aws.amazon.com/redshift/latest/dg/r_ROUND.html).
create or replace function pg_catalog.round(v float8, places int4) returns float8
language sql immutable parallel safe as $$ select pg_catalog.round(v::numeric, places)::float8 $$;
create or replace function pg_catalog.round(v int2, places int4) returns int2
language sql immutable parallel safe as $$ select pg_catalog.round(v::numeric, places)::int2 $$;
create or replace function pg_catalog.round(v int4, places int4) returns int4
language sql immutable parallel safe as $$ select pg_catalog.round(v::numeric, places)::int4 $$;
create or replace function pg_catalog.round(v int8, places int4) returns int8
language sql immutable parallel safe as $$ select pg_catalog.round(v::numeric, places)::int8 $$;
create or replace function pg_catalog.trunc(v float8, places int4) returns float8
language sql immutable parallel safe as $$ select pg_catalog.trunc(v::numeric, places)::float8 $$;
create or replace function pg_catalog.trunc(v int2, places int4) returns int2
language sql immutable parallel safe as $$ select pg_catalog.trunc(v::numeric, places)::int2 $$;
create or replace function pg_catalog.trunc(v int4, places int4) returns int4
language sql immutable parallel safe as $$ select pg_catalog.trunc(v::numeric, places)::int4 $$;
create or replace function pg_catalog.trunc(v int8, places int4) returns int8
language sql immutable parallel safe as $$ select pg_catalog.trunc(v::numeric, places)::int8 $$;

-- CHECKSUM hashes Redshift's internal layout, which is not documented.
create or replace function pg_catalog.checksum(v anyelement) returns int4
language plpgsql immutable parallel safe as $$
begin
  raise exception 'CHECKSUM is not supported by the local emulator' using errcode = '0A000',
    hint = 'use FNV_HASH, CRC32 or MD5';
end
$$;
`
