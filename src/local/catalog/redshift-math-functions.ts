// No backslash appears in any string literal below: function bodies are
// parsed in the caller's session, where standard_conforming_strings may be off.

/**
 * `fn(v type, places)` for each of `types`, returning `type`: PostgreSQL's
 * NUMERIC result cast back to the argument's type.
 */
function placesKeepType(
  names: readonly string[],
  types: readonly string[],
  strict = '',
): string {
  const overload = (fn: string, t: string): string =>
    `create or replace function pg_catalog.${fn}(v ${t}, places int4) returns ${t}
language sql immutable ${strict}parallel safe as $$ select pg_catalog.${fn}(v::numeric, places)::${t} $$;`
  return names.flatMap((fn) => types.map((t) => overload(fn, t))).join('\n')
}

/**
 * `fn(v)` of one argument keeping its type: an integer is its own whole
 * value, REAL goes through PostgreSQL's DOUBLE PRECISION form and back.
 */
function oneArgumentKeepsType(names: readonly string[]): string {
  return names
    .flatMap((fn) => [
      ...['int2', 'int4', 'int8'].map(
        (t) => `create or replace function pg_catalog.${fn}(v ${t}) returns ${t}
language sql immutable strict parallel safe as $$ select v $$;`,
      ),
      `create or replace function pg_catalog.${fn}(v float4) returns float4
language sql immutable strict parallel safe as $$ select pg_catalog.${fn}(v::float8)::float4 $$;`,
    ])
    .join('\n')
}

/**
 * Redshift's math and conversion functions where PostgreSQL's differ: ROUND
 * and TRUNC with a number of places, and SIGN, keep the input's type (DOUBLE
 * PRECISION and integers included); TRY_CAST's target; CHECKSUM, which
 * hashes an undocumented internal layout, is refused as an emulator limit.
 *
 * @example
 * ```ts
 * await client.query(REDSHIFT_MATH_FUNCTIONS_SQL)
 * ```
 */
export const REDSHIFT_MATH_FUNCTIONS_SQL = `
-- ROUND and TRUNC keep the input's type: DOUBLE PRECISION stays DOUBLE
-- PRECISION, integers stay integers (https://docs.aws.amazon.com/redshift/latest/dg/r_ROUND.html).
${placesKeepType(['round', 'trunc'], ['float8', 'int2', 'int4', 'int8'])}

-- CEILING / CEIL and FLOOR keep their argument's type: integers stay
-- integers, REAL stays REAL, where PostgreSQL's give DOUBLE PRECISION
-- (r_CEILING_FLOOR.html, r_FLOOR.html). No SUPER overload: it would make
-- FLOOR('1.5') ambiguous; FLOOR of a SUPER value is not supported here.
${oneArgumentKeepsType(['floor', 'ceil', 'ceiling'])}

-- SQRT, EXP and POWER / POW are DOUBLE PRECISION whatever the argument
-- (r_SQRT.html, r_EXP.html, r_POWER.html), where PostgreSQL's are NUMERIC
-- for a NUMERIC argument: the rewrite calls these, whose one DOUBLE
-- PRECISION signature every number (and an untyped literal) reaches.
create or replace function redshift_local.sqrt(v float8) returns float8
language sql immutable strict parallel safe as $$ select pg_catalog.sqrt(v) $$;
create or replace function redshift_local.exp(v float8) returns float8
language sql immutable strict parallel safe as $$ select pg_catalog.exp(v) $$;
create or replace function redshift_local.power(a float8, b float8) returns float8
language sql immutable strict parallel safe as $$ select pg_catalog.power(a, b) $$;
create or replace function redshift_local.pow(a float8, b float8) returns float8
language sql immutable strict parallel safe as $$ select pg_catalog.power(a, b) $$;

-- ROUND and TRUNC of one argument keep its type too: an integer is its
-- own whole value, REAL stays REAL (r_ROUND.html, r_TRUNC.html).
${oneArgumentKeepsType(['round', 'trunc'])}
${placesKeepType(['round', 'trunc'], ['float4'], 'strict ')}

-- CHECKSUM hashes Redshift's internal layout, which is not documented.
create or replace function pg_catalog.checksum(v anyelement) returns int4
language plpgsql immutable parallel safe as $$
begin
  raise exception 'CHECKSUM is not supported by the local emulator' using errcode = '0A000',
    hint = 'use FNV_HASH, CRC32 or MD5';
end
$$;

-- SIGN keeps integer inputs integers (https://docs.aws.amazon.com/redshift/latest/dg/r_SIGN.html).
create or replace function pg_catalog.sign(v int2) returns int2
language sql immutable parallel safe as $$ select pg_catalog.sign(v::numeric)::int2 $$;
create or replace function pg_catalog.sign(v int4) returns int4
language sql immutable parallel safe as $$ select pg_catalog.sign(v::numeric)::int4 $$;
create or replace function pg_catalog.sign(v int8) returns int8
language sql immutable parallel safe as $$ select pg_catalog.sign(v::numeric)::int8 $$;

-- Target of the TRY_CAST(expression AS type) rewrite: CAST's own conversion,
-- null when the value cannot be converted (a data exception), an error when
-- the conversion does not exist (https://docs.aws.amazon.com/redshift/latest/dg/r_TRY_CAST.html).
-- The source and target pairs Redshift lists for TRY_CAST (by type OID; the
-- page's list for datetime and SUPER sources is left to CAST's own rules).
create or replace function redshift_local.try_cast_permitted(source oid, target oid) returns boolean
language sql immutable parallel safe as $$
  select source = target or case
    when source = 16 then target in (21, 23, 20, 3802)
    when source in (21, 23, 20) then target in (16, 21, 23, 20, 1700, 700, 701, 1042, 25, 1043, 3802)
    when source in (1700, 700, 701) then target in (21, 23, 20, 1700, 700, 701, 1042, 25, 1043, 3802)
    when source in (1042, 25, 1043, 705) then target in (21, 23, 20, 1700, 700, 701, 1042, 25, 1043,
      1114, 1184, 1082, 1083, 1266, 3802)
    else true end
$$;
create or replace function redshift_local.try_cast(v anycompatible, target anyelement, type_name text)
returns anyelement language plpgsql stable parallel safe as $$
declare
  result target%type;
begin
  if not redshift_local.try_cast_permitted(pg_catalog.pg_typeof(v)::oid, pg_catalog.pg_typeof(target)::oid) then
    raise exception 'cannot cast type % to %', pg_catalog.pg_typeof(v), pg_catalog.pg_typeof(target)
      using errcode = '42846';
  end if;
  execute pg_catalog.format('select cast($1 as %s)', type_name) into result using v;
  return result;
exception when data_exception then
  return null;
end
$$;
`
