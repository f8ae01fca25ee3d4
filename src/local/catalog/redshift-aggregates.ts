/**
 * AVG and SUM with Redshift's result types, which `rewriteAggregates` calls
 * instead of PostgreSQL's (same names in `pg_catalog` cannot be replaced):
 *
 * - AVG of SMALLINT, INTEGER or BIGINT is a BIGINT, the quotient truncated
 *   toward zero; of REAL or DOUBLE PRECISION a DOUBLE PRECISION
 *   (https://docs.aws.amazon.com/redshift/latest/dg/r_AVG.html);
 * - SUM of SMALLINT, INTEGER or BIGINT is a BIGINT (PostgreSQL's SUM of a
 *   BIGINT is NUMERIC); of REAL or DOUBLE PRECISION a DOUBLE PRECISION
 *   (PostgreSQL's SUM of a REAL is a REAL)
 *   (https://docs.aws.amazon.com/redshift/latest/dg/r_SUM.html).
 *
 * Each reuses PostgreSQL's own transition, combine and final functions
 * where they exist, so the aggregates run (and run in parallel) as fast as
 * the built-in ones. NUMERIC arguments get PostgreSQL's own SUM; their AVG
 * keeps the scale of its argument, as Redshift's does (the functions of
 * `redshift-numeric-functions.ts`, installed before these).
 * Types Redshift's AVG and SUM do not take (INTERVAL, MONEY) have no
 * overload: the call fails, as on Redshift.
 *
 * STDDEV, STDDEV_SAMP, STDDEV_POP, VARIANCE, VAR_SAMP and VAR_POP are DOUBLE
 * PRECISION "regardless of the data type of the expression"
 * (https://docs.aws.amazon.com/redshift/latest/dg/r_STDDEV_functions.html,
 * r_VARIANCE_functions.html), where PostgreSQL's are NUMERIC for integers
 * and decimals: one DOUBLE PRECISION overload each, which every numeric type
 * reaches by an implicit cast, on PostgreSQL's own float8 support functions.
 *
 * BOOL_AND and BOOL_OR take "a BOOLEAN or integer data type"
 * (https://docs.aws.amazon.com/redshift/latest/dg/r_BOOL_AND.html,
 * r_BOOL_OR.html), where PostgreSQL's take BOOLEAN only: a BIGINT overload
 * each (SMALLINT and INTEGER reach it by an implicit cast), an integer being
 * true when it is not 0, as its cast to BOOLEAN is.
 */
export const REDSHIFT_AGGREGATES_SQL = `
-- int2/int4 average state is PostgreSQL's {count, sum} int8 array.
create or replace function redshift_local.int_avg_final(state int8[]) returns int8
language sql immutable strict parallel safe as $$
  select case when state[1] = 0 then null else state[2] / state[1] end
$$;
create or replace function redshift_local.int8_avg_accum(state int8[], v int8) returns int8[]
language sql immutable strict parallel safe as $$
  select array[state[1] + 1, state[2] + v]
$$;
create or replace function redshift_local.int8_avg_combine(a int8[], b int8[]) returns int8[]
language sql immutable strict parallel safe as $$
  select array[a[1] + b[1], a[2] + b[2]]
$$;
create aggregate redshift_local.avg(int2) (
  sfunc = pg_catalog.int2_avg_accum, stype = int8[], initcond = '{0,0}',
  finalfunc = redshift_local.int_avg_final, combinefunc = pg_catalog.int4_avg_combine,
  parallel = safe);
create aggregate redshift_local.avg(int4) (
  sfunc = pg_catalog.int4_avg_accum, stype = int8[], initcond = '{0,0}',
  finalfunc = redshift_local.int_avg_final, combinefunc = pg_catalog.int4_avg_combine,
  parallel = safe);
create aggregate redshift_local.avg(int8) (
  sfunc = redshift_local.int8_avg_accum, stype = int8[], initcond = '{0,0}',
  finalfunc = redshift_local.int_avg_final, combinefunc = redshift_local.int8_avg_combine,
  parallel = safe);
create aggregate redshift_local.avg(float8) (
  sfunc = pg_catalog.float8_accum, stype = float8[], initcond = '{0,0,0}',
  finalfunc = pg_catalog.float8_avg, combinefunc = pg_catalog.float8_combine,
  parallel = safe);
create aggregate redshift_local.avg(numeric) (
  sfunc = redshift_local.decimal_avg_accum, stype = numeric[], initcond = '{0,0,0}',
  finalfunc = redshift_local.decimal_avg_final,
  combinefunc = redshift_local.decimal_avg_combine, parallel = safe);

create aggregate redshift_local.sum(int2) (
  sfunc = pg_catalog.int2_sum, stype = int8, combinefunc = pg_catalog.int8pl,
  parallel = safe);
create aggregate redshift_local.sum(int4) (
  sfunc = pg_catalog.int4_sum, stype = int8, combinefunc = pg_catalog.int8pl,
  parallel = safe);
create aggregate redshift_local.sum(int8) (
  sfunc = pg_catalog.int8pl, stype = int8, combinefunc = pg_catalog.int8pl,
  parallel = safe);
create aggregate redshift_local.sum(float8) (
  sfunc = pg_catalog.float8pl, stype = float8, combinefunc = pg_catalog.float8pl,
  parallel = safe);
create aggregate redshift_local.sum(numeric) (
  sfunc = pg_catalog.numeric_avg_accum, stype = internal,
  finalfunc = pg_catalog.numeric_sum, combinefunc = pg_catalog.numeric_avg_combine,
  serialfunc = pg_catalog.numeric_avg_serialize,
  deserialfunc = pg_catalog.numeric_avg_deserialize, parallel = safe);

create aggregate redshift_local.stddev(float8) (
  sfunc = pg_catalog.float8_accum, stype = float8[], initcond = '{0,0,0}',
  finalfunc = pg_catalog.float8_stddev_samp, combinefunc = pg_catalog.float8_combine,
  parallel = safe);
create aggregate redshift_local.stddev_samp(float8) (
  sfunc = pg_catalog.float8_accum, stype = float8[], initcond = '{0,0,0}',
  finalfunc = pg_catalog.float8_stddev_samp, combinefunc = pg_catalog.float8_combine,
  parallel = safe);
create aggregate redshift_local.stddev_pop(float8) (
  sfunc = pg_catalog.float8_accum, stype = float8[], initcond = '{0,0,0}',
  finalfunc = pg_catalog.float8_stddev_pop, combinefunc = pg_catalog.float8_combine,
  parallel = safe);
create aggregate redshift_local.variance(float8) (
  sfunc = pg_catalog.float8_accum, stype = float8[], initcond = '{0,0,0}',
  finalfunc = pg_catalog.float8_var_samp, combinefunc = pg_catalog.float8_combine,
  parallel = safe);
create aggregate redshift_local.var_samp(float8) (
  sfunc = pg_catalog.float8_accum, stype = float8[], initcond = '{0,0,0}',
  finalfunc = pg_catalog.float8_var_samp, combinefunc = pg_catalog.float8_combine,
  parallel = safe);
create aggregate redshift_local.var_pop(float8) (
  sfunc = pg_catalog.float8_accum, stype = float8[], initcond = '{0,0,0}',
  finalfunc = pg_catalog.float8_var_pop, combinefunc = pg_catalog.float8_combine,
  parallel = safe);
create or replace function redshift_local.int_bool_and(state bool, v int8) returns bool
language sql immutable parallel safe as $$
  select case when v is null then state else coalesce(state, true) and v <> 0 end
$$;
create or replace function redshift_local.int_bool_or(state bool, v int8) returns bool
language sql immutable parallel safe as $$
  select case when v is null then state else coalesce(state, false) or v <> 0 end
$$;
create aggregate pg_catalog.bool_and(int8) (
  sfunc = redshift_local.int_bool_and, stype = bool,
  combinefunc = pg_catalog.booland_statefunc, parallel = safe);
create aggregate pg_catalog.bool_or(int8) (
  sfunc = redshift_local.int_bool_or, stype = bool,
  combinefunc = pg_catalog.boolor_statefunc, parallel = safe);
`
