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
 * - `redshift_local.retype_set_operation(table, inputs)`: run right after a
 *   CREATE TABLE AS over a set operation (`set-operation-columns.ts`), it
 *   describes each input SELECT as a temporary view and gives each column
 *   whose inputs are all DECIMALs the promoted type of
 *   https://docs.aws.amazon.com/redshift/latest/dg/r_UNION.html (the
 *   largest scale, the most integer digits, at most 19 digits between
 *   64-bit inputs and 38 between 128-bit ones). Widening pads the values
 *   and loses nothing. Anything it cannot read leaves the table as it is:
 *   it must never fail the statement it follows.
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
create or replace function redshift_local.retype_set_operation(target text, inputs text[]) returns void
language plpgsql as $fn$
declare
  relid oid := to_regclass(target);
  input text;
  widths int4[];
  scales int4[];
  wide bool[];
  numeric_only bool[];
  column_count int4;
  attr record;
  n int4;
  p int4;
  s int4;
  cap int4;
begin
  if relid is null then return; end if;
  select count(*) into column_count from pg_catalog.pg_attribute
    where attrelid = relid and attnum > 0 and not attisdropped;
  widths := array_fill(0, array[column_count]);
  scales := array_fill(0, array[column_count]);
  wide := array_fill(false, array[column_count]);
  numeric_only := array_fill(true, array[column_count]);
  foreach input in array inputs loop
    begin
      execute 'create temporary view redshift_local_set_input as ' || input;
      n := 0;
      for attr in select atttypid, atttypmod from pg_catalog.pg_attribute
          where attrelid = 'pg_temp.redshift_local_set_input'::regclass
            and attnum > 0 and not attisdropped order by attnum loop
        n := n + 1;
        if n > column_count then exit; end if;
        if attr.atttypid <> 'pg_catalog.numeric'::regtype or attr.atttypmod < 4 then
          numeric_only[n] := false;
        else
          p := ((attr.atttypmod - 4) >> 16) & 65535;
          s := (attr.atttypmod - 4) & 65535;
          widths[n] := greatest(widths[n], p - s);
          scales[n] := greatest(scales[n], s);
          wide[n] := wide[n] or p > 19;
        end if;
      end loop;
      drop view pg_temp.redshift_local_set_input;
      if n <> column_count then return; end if;
    exception when others then
      return;
    end;
  end loop;
  for attr in select attnum, attname, atttypid, atttypmod from pg_catalog.pg_attribute
      where attrelid = relid and attnum > 0 and not attisdropped order by attnum loop
    n := attr.attnum;
    continue when n > column_count or not numeric_only[n];
    continue when attr.atttypid <> 'pg_catalog.numeric'::regtype;
    cap := case when wide[n] then 38 else 19 end;
    continue when widths[n] + scales[n] > cap;
    continue when attr.atttypmod = ((widths[n] + scales[n]) << 16 | scales[n]) + 4;
    execute format('alter table %s alter column %I type numeric(%s,%s)',
      relid::regclass, attr.attname, widths[n] + scales[n], scales[n]);
  end loop;
end
$fn$;
`
