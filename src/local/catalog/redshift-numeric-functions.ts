/**
 * DECIMAL division and average as Redshift computes them:
 *
 * - `redshift_local.decimal_div(a, b, scale)`: `a / b` to `scale` digits,
 *   computed exactly (the integer quotient of the scaled dividend and its
 *   remainder) and rounded half away from zero, as Redshift rounds a
 *   fractional part it cannot keep
 *   (https://docs.aws.amazon.com/redshift/latest/dg/r_Type_conversion.html).
 *   PostgreSQL's own `/` stops at about 16 significant digits and rounds
 *   there, so rounding its result again could round twice. The DECIMAL
 *   typing rewrite (`rewrite-numeric.ts`) calls it with the scale Redshift
 *   gives the quotient. Division by zero fails as PostgreSQL's `div` fails.
 * - the state functions of `redshift_local.avg(numeric)`
 *   (`redshift-aggregates.ts`): AVG of a DECIMAL(p,s) has scale `s`
 *   (https://docs.aws.amazon.com/redshift/latest/dg/r_AVG.html). A value of
 *   a DECIMAL(p,s) column or cast always carries exactly `s` digits in
 *   PostgreSQL, so the largest scale among the inputs is the argument's, and
 *   the average keeps it even where the statement's text does not tell the
 *   argument's type (a column).
 */
export const REDSHIFT_NUMERIC_FUNCTIONS_SQL = `
create or replace function redshift_local.decimal_div(a numeric, b numeric, scale int4) returns numeric
language sql immutable strict parallel safe as $$
  select case when 2 * abs(q.rem) >= abs(b) then q.quo + sign(a) * sign(b) else q.quo end
    * ('1e-' || scale)::numeric
  from (select div(a * ('1e' || scale)::numeric, b) as quo,
               mod(a * ('1e' || scale)::numeric, b) as rem) q
$$;
-- State: {count, sum, largest scale}.
create or replace function redshift_local.decimal_avg_accum(state numeric[], v numeric) returns numeric[]
language sql immutable strict parallel safe as $$
  select array[state[1] + 1, state[2] + v, greatest(state[3], pg_catalog.scale(v))]
$$;
create or replace function redshift_local.decimal_avg_combine(a numeric[], b numeric[]) returns numeric[]
language sql immutable strict parallel safe as $$
  select array[a[1] + b[1], a[2] + b[2], greatest(a[3], b[3])]
$$;
create or replace function redshift_local.decimal_avg_final(state numeric[]) returns numeric
language sql immutable strict parallel safe as $$
  select case when state[1] = 0 then null
    else redshift_local.decimal_div(state[2], state[1], state[3]::int4) end
$$;
`
