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
create or replace function redshift_local.percentile_cont(p float8, sorted float8[], descending boolean) returns float8
language plpgsql immutable parallel safe as $f$
declare
  n int := coalesce(pg_catalog.array_length(sorted, 1), 0);
  rn float8;
  lo float8;
  hi float8;
begin
  if p is null or p < 0 or p > 1 then
    raise exception 'percentile value % is not between 0 and 1', p using errcode = '22003';
  end if;
  if n = 0 then return null; end if;
  rn := 1 + p * (n - 1);
  if descending then
    lo := sorted[n + 1 - pg_catalog.floor(rn)::int];
    hi := sorted[n + 1 - pg_catalog.ceil(rn)::int];
  else
    lo := sorted[pg_catalog.floor(rn)::int];
    hi := sorted[pg_catalog.ceil(rn)::int];
  end if;
  if pg_catalog.floor(rn) = pg_catalog.ceil(rn) then return lo; end if;
  return (pg_catalog.ceil(rn) - rn) * lo + (rn - pg_catalog.floor(rn)) * hi;
end
$f$;
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
