// No backslash appears in any string literal below: function bodies are
// parsed in the caller's session, where standard_conforming_strings may be off.

/**
 * Targets of the Redshift query-syntax rewrites (`src/local/sql/syntax`):
 * window forms PostgreSQL lacks (IGNORE NULLS, RATIO_TO_REPORT, PERCENTILE_*
 * over a partition), QUALIFY's row filter and CONNECT BY's row expansion.
 * They live in `redshift_local`, always called schema-qualified, and keep the
 * Redshift function's name so a result column is named as on Redshift.
 */
export const SYNTAX_FUNCTIONS_SQL = `
-- FIRST_VALUE / LAST_VALUE (expr IGNORE NULLS): a strict transition keeps the
-- first (or the latest) non-null value of the frame.
create or replace function redshift_local.keep_first(anyelement, anyelement) returns anyelement
language sql immutable strict parallel safe as $$ select $1 $$;
create or replace function redshift_local.keep_last(anyelement, anyelement) returns anyelement
language sql immutable strict parallel safe as $$ select $2 $$;
create or replace aggregate redshift_local.first_value(anyelement) (
  sfunc = redshift_local.keep_first, stype = anyelement);
create or replace aggregate redshift_local.last_value(anyelement) (
  sfunc = redshift_local.keep_last, stype = anyelement);

-- NTH_VALUE / LEAD ... IGNORE NULLS: the n-th non-null value of the frame.
-- The state holds n slots, filled in frame order.
create or replace function redshift_local.nth_step(state anyarray, value anyelement, n bigint) returns anyarray
language plpgsql immutable parallel safe as $f$
declare
  empty value%type;
  slot int;
begin
  if state is null then
    if n is null or n < 1 then
      raise exception 'argument of nth_value must be greater than zero' using errcode = '22016';
    end if;
    state := pg_catalog.array_fill(empty, array[n::int]);
  end if;
  if value is null then return state; end if;
  slot := pg_catalog.array_position(state, null);
  if slot is not null then state[slot] := value; end if;
  return state;
end
$f$;
-- LAG ... IGNORE NULLS: the k-th latest non-null value before the row.
create or replace function redshift_local.lag_step(state anyarray, value anyelement, k bigint) returns anyarray
language plpgsql immutable parallel safe as $f$
declare
  empty value%type;
begin
  if state is null then
    if k is null or k < 0 then
      raise exception 'offset of lag must not be negative' using errcode = '22023';
    end if;
    state := pg_catalog.array_fill(empty, array[k::int]);
  end if;
  if value is null then return state; end if;
  return state[2:k] || value;
end
$f$;
create or replace function redshift_local.last_slot(anyarray) returns anyelement
language sql immutable parallel safe as $$ select $1[pg_catalog.array_upper($1, 1)] $$;
create or replace function redshift_local.first_slot(anyarray) returns anyelement
language sql immutable parallel safe as $$ select $1[1] $$;
create or replace aggregate redshift_local.nth_value(anyelement, bigint) (
  sfunc = redshift_local.nth_step, stype = anyarray, finalfunc = redshift_local.last_slot);
create or replace aggregate redshift_local.lead(anyelement, bigint) (
  sfunc = redshift_local.nth_step, stype = anyarray, finalfunc = redshift_local.last_slot);
create or replace aggregate redshift_local.lag(anyelement, bigint) (
  sfunc = redshift_local.lag_step, stype = anyarray, finalfunc = redshift_local.first_slot);

-- RATIO_TO_REPORT(x) OVER (PARTITION BY p): x / SUM(x) over the partition, FLOAT8.
create or replace function redshift_local.ratio_to_report(value float8, total float8) returns float8
language sql immutable parallel safe as $$ select value / total $$;

-- PERCENTILE_CONT / PERCENTILE_DISC ... OVER (PARTITION BY p): the
-- partition's non-null values, sorted once per partition, then picked per row.
create or replace function redshift_local.sorted_step(state anyarray, value anyelement) returns anyarray
language sql immutable parallel safe as $$
  select case when value is null then state else pg_catalog.array_append(state, value) end
$$;
create or replace function redshift_local.sorted_final(state anyarray) returns anyarray
language sql immutable parallel safe as $$
  select pg_catalog.array_agg(v order by v) from pg_catalog.unnest(state) as v
$$;
create or replace aggregate redshift_local.sorted_values(anyelement) (
  sfunc = redshift_local.sorted_step, stype = anyarray, initcond = '{}',
  finalfunc = redshift_local.sorted_final);
-- PERCENTILE_CONT's result type follows the ORDER BY expression's: DECIMAL
-- for integers and decimals, DOUBLE PRECISION for floating point, DATE,
-- TIMESTAMP and TIMESTAMPTZ for those (r_PERCENTILE_CONT.html). The row
-- number RN = 1 + P * (N - 1) picks or interpolates, counted from the other
-- end for DESC. A decimal keeps the inputs' scale, or more when the
-- interpolation needs it, as MEDIAN does. Between two dates or timestamps
-- the interpolated instant is truncated to the type (to the day for a
-- DATE): Redshift's rounding there is not documented.
create or replace function redshift_local.percentile_rows(p float8, n int, descending boolean,
  out lo int, out hi int, out frac numeric)
language plpgsql immutable parallel safe as $f$
declare
  rn numeric;
begin
  if p is null or p < 0 or p > 1 then
    raise exception 'percentile value % is not between 0 and 1', p using errcode = '22003';
  end if;
  rn := 1 + p::numeric * (n - 1);
  lo := pg_catalog.floor(rn)::int;
  hi := pg_catalog.ceil(rn)::int;
  frac := rn - lo;
  if descending then
    lo := n + 1 - lo;
    hi := n + 1 - hi;
  end if;
end
$f$;
create or replace function redshift_local.percentile_cont(p float8, sorted float8[], descending boolean) returns float8
language plpgsql immutable parallel safe as $f$
declare
  n int := coalesce(pg_catalog.array_length(sorted, 1), 0);
  r record;
begin
  r := redshift_local.percentile_rows(p, n, descending);
  if n = 0 then return null; end if;
  if r.frac = 0 then return sorted[r.lo]; end if;
  return (1 - r.frac::float8) * sorted[r.lo] + r.frac::float8 * sorted[r.hi];
end
$f$;
create or replace function redshift_local.percentile_cont(p float8, sorted float4[], descending boolean) returns float8
language sql immutable parallel safe as $$ select redshift_local.percentile_cont(p, sorted::float8[], descending) $$;
create or replace function redshift_local.percentile_cont(p float8, sorted numeric[], descending boolean) returns numeric
language plpgsql immutable parallel safe as $f$
declare
  n int := coalesce(pg_catalog.array_length(sorted, 1), 0);
  r record;
  m numeric;
  digits int;
begin
  r := redshift_local.percentile_rows(p, n, descending);
  if n = 0 then return null; end if;
  if r.frac = 0 then return sorted[r.lo]; end if;
  m := (1 - r.frac) * sorted[r.lo] + r.frac * sorted[r.hi];
  digits := greatest(pg_catalog.scale(sorted[r.lo]), pg_catalog.scale(sorted[r.hi]));
  return pg_catalog.round(m, greatest(digits, pg_catalog.scale(pg_catalog.trim_scale(m))));
end
$f$;
create or replace function redshift_local.percentile_cont(p float8, sorted int2[], descending boolean) returns numeric
language sql immutable parallel safe as $$ select redshift_local.percentile_cont(p, sorted::numeric[], descending) $$;
create or replace function redshift_local.percentile_cont(p float8, sorted int4[], descending boolean) returns numeric
language sql immutable parallel safe as $$ select redshift_local.percentile_cont(p, sorted::numeric[], descending) $$;
create or replace function redshift_local.percentile_cont(p float8, sorted int8[], descending boolean) returns numeric
language sql immutable parallel safe as $$ select redshift_local.percentile_cont(p, sorted::numeric[], descending) $$;
create or replace function redshift_local.percentile_cont(p float8, sorted timestamp[], descending boolean) returns timestamp
language plpgsql immutable parallel safe as $f$
declare
  n int := coalesce(pg_catalog.array_length(sorted, 1), 0);
  r record;
begin
  r := redshift_local.percentile_rows(p, n, descending);
  if n = 0 then return null; end if;
  if r.frac = 0 then return sorted[r.lo]; end if;
  return pg_catalog.date_trunc('microseconds',
    sorted[r.lo] + (sorted[r.hi] - sorted[r.lo]) * r.frac::float8);
end
$f$;
create or replace function redshift_local.percentile_cont(p float8, sorted timestamptz[], descending boolean) returns timestamptz
language sql immutable parallel safe as $$
  select redshift_local.percentile_cont(p, (select pg_catalog.array_agg(v at time zone 'UTC' order by o)
    from pg_catalog.unnest(sorted) with ordinality as u(v, o)), descending) at time zone 'UTC'
$$;
create or replace function redshift_local.percentile_cont(p float8, sorted date[], descending boolean) returns date
language sql immutable parallel safe as $$
  select redshift_local.percentile_cont(p, sorted::timestamp[], descending)::date
$$;
-- MEDIAN of a DATE, TIMESTAMP or TIMESTAMPTZ is of that type
-- (https://docs.aws.amazon.com/redshift/latest/dg/r_MEDIAN.html): PERCENTILE_CONT(0.5).
create or replace function redshift_local.median_of(sorted anyarray) returns anyelement
language sql immutable parallel safe as $$
  select redshift_local.percentile_cont(0.5, redshift_local.sorted_final(sorted), false)
$$;
create or replace aggregate pg_catalog.median(date) (
  sfunc = redshift_local.sorted_step, stype = date[], initcond = '{}',
  finalfunc = redshift_local.median_of);
create or replace aggregate pg_catalog.median(timestamp) (
  sfunc = redshift_local.sorted_step, stype = timestamp[], initcond = '{}',
  finalfunc = redshift_local.median_of);
create or replace aggregate pg_catalog.median(timestamptz) (
  sfunc = redshift_local.sorted_step, stype = timestamptz[], initcond = '{}',
  finalfunc = redshift_local.median_of);
create or replace function redshift_local.percentile_disc(p float8, sorted anyarray, descending boolean) returns anyelement
language plpgsql immutable parallel safe as $f$
declare
  n int := coalesce(pg_catalog.array_length(sorted, 1), 0);
  k int;
begin
  if p is null or p < 0 or p > 1 then
    raise exception 'percentile value % is not between 0 and 1', p using errcode = '22003';
  end if;
  if n = 0 then return null; end if;
  k := greatest(1, pg_catalog.ceil(p * n)::int);
  if descending then return sorted[n + 1 - k]; end if;
  return sorted[k];
end
$f$;

-- QUALIFY condition: a set-returning filter in the query's ORDER BY, which
-- PostgreSQL evaluates after the window functions; a row whose condition is
-- not true yields no row.
create or replace function redshift_local.qualify(boolean) returns setof boolean
language sql immutable parallel safe rows 1 as $$ select true where $1 $$;

-- CONNECT BY: one hierarchy row back as the FROM relation's own row type
-- (its columns by name), refusing a row that closes a loop.
create or replace function redshift_local.connect_by_row(item anyelement, loops boolean) returns anyelement
language plpgsql immutable parallel safe as $f$
begin
  if loops then
    raise exception 'CONNECT BY loop in user data' using errcode = '22000';
  end if;
  return item;
end
$f$;
`
