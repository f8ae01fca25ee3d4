// No backslash appears in any string literal below: function bodies are
// parsed in the caller's session, where standard_conforming_strings may be off.

/**
 * Redshift's date and time functions PostgreSQL lacks or spells differently,
 * from the Developer Guide's function pages:
 *
 * - ADD_MONTHS, LAST_DAY, NEXT_DAY, MONTHS_BETWEEN, DATE_PART_YEAR over
 *   DATE, TIMESTAMP and untyped literals (a `'2008-03-31'` argument resolves
 *   to the TEXT overload and is read as a timestamp, as Redshift reads it).
 * - PGDATE_PART, the function `DATE_PART(part, x)` is rewritten into: every
 *   abbreviation of the date part table (`dw`, `weekday`, `yearday`, `qtrs`,
 *   `cents` ...), DOUBLE PRECISION, the `pgdate_part` column name.
 * - `redshift_local.date_trunc`: DATE_TRUNC over the same table, TIMESTAMP for
 *   a DATE, TIMESTAMP or literal argument (PostgreSQL's gives TIMESTAMPTZ for
 *   a DATE).
 * - `redshift_local.to_date`: TO_DATE with Redshift's day rollover
 *   (`20010631` is 2001-07-01) and its strict form (third argument TRUE).
 *
 * DATE_CMP, TIMESTAMP_CMP, INTERVAL_CMP and the mixed-type comparisons
 * (DATE_CMP_TIMESTAMPTZ, TIMESTAMPTZ_CMP_DATE ...) are PostgreSQL's own.
 *
 * @example
 * ```ts
 * await client.query(REDSHIFT_DATE_FUNCTIONS_SQL)
 * ```
 */
export const REDSHIFT_DATE_FUNCTIONS_SQL = `
-- ADD_MONTHS over literals and TIMESTAMPTZ (https://docs.aws.amazon.com/redshift/latest/dg/r_ADD_MONTHS.html).
create or replace function pg_catalog.add_months(ts text, n bigint) returns timestamp
language sql stable parallel safe as $$ select pg_catalog.add_months(ts::timestamp, n) $$;
create or replace function pg_catalog.add_months(ts timestamptz, n bigint) returns timestamp
language sql stable parallel safe as $$ select pg_catalog.add_months(ts::timestamp, n) $$;
-- With an integer and a smallint count too, as the date and timestamp
-- forms of redshift-functions.ts: a literal then still resolves to the
-- text form.
create or replace function pg_catalog.add_months(ts text, n integer) returns timestamp
language sql stable parallel safe as $$ select pg_catalog.add_months(ts::timestamp, n::bigint) $$;
create or replace function pg_catalog.add_months(ts timestamptz, n integer) returns timestamp
language sql stable parallel safe as $$ select pg_catalog.add_months(ts::timestamp, n::bigint) $$;
create or replace function pg_catalog.add_months(ts text, n smallint) returns timestamp
language sql stable parallel safe as $$ select pg_catalog.add_months(ts::timestamp, n::bigint) $$;
create or replace function pg_catalog.add_months(ts timestamptz, n smallint) returns timestamp
language sql stable parallel safe as $$ select pg_catalog.add_months(ts::timestamp, n::bigint) $$;

create or replace function pg_catalog.last_day(ts timestamp) returns date
language sql immutable parallel safe as $$ select pg_catalog.last_day(ts::date) $$;
create or replace function pg_catalog.last_day(ts text) returns date
language sql stable parallel safe as $$ select pg_catalog.last_day(ts::timestamp::date) $$;

-- NEXT_DAY: the first such weekday strictly after the date
-- (https://docs.aws.amazon.com/redshift/latest/dg/r_NEXT_DAY.html).
create or replace function redshift_local.weekday_number(day text) returns int4
language sql immutable parallel safe as $$
  select case pg_catalog.lower(pg_catalog.btrim(day))
    when 'su' then 0 when 'sun' then 0 when 'sunday' then 0
    when 'm' then 1 when 'mo' then 1 when 'mon' then 1 when 'monday' then 1
    when 'tu' then 2 when 'tue' then 2 when 'tues' then 2 when 'tuesday' then 2
    when 'w' then 3 when 'we' then 3 when 'wed' then 3 when 'wednesday' then 3
    when 'th' then 4 when 'thu' then 4 when 'thurs' then 4 when 'thursday' then 4
    when 'f' then 5 when 'fr' then 5 when 'fri' then 5 when 'friday' then 5
    when 'sa' then 6 when 'sat' then 6 when 'saturday' then 6
    else redshift_local.raise_error(
      pg_catalog.format('Invalid day of the week: %s', day), '22023')::int4
  end
$$;
create or replace function pg_catalog.next_day(d date, day text) returns date
language sql immutable parallel safe as $$
  select d + ((redshift_local.weekday_number(day) - extract(dow from d)::int4 + 6) % 7 + 1)
$$;
create or replace function pg_catalog.next_day(ts timestamp, day text) returns date
language sql immutable parallel safe as $$ select pg_catalog.next_day(ts::date, day) $$;
create or replace function pg_catalog.next_day(ts text, day text) returns date
language sql stable parallel safe as $$ select pg_catalog.next_day(ts::timestamp::date, day) $$;

-- MONTHS_BETWEEN: whole months from the year and month, the fraction from
-- the day and time over a 31-day month; the same day of the month, or both
-- last days, give a whole number
-- (https://docs.aws.amazon.com/redshift/latest/dg/r_MONTHS_BETWEEN_function.html).
create or replace function pg_catalog.months_between(a timestamp, b timestamp) returns float8
language sql immutable parallel safe as $$
  select ((extract(year from a) - extract(year from b)) * 12
      + extract(month from a) - extract(month from b))::float8
    + case
        when extract(day from a) = extract(day from b)
          or (a::date = pg_catalog.last_day(a::date) and b::date = pg_catalog.last_day(b::date))
          then 0::float8
        else ((extract(day from a) - extract(day from b))
          + (extract(epoch from a::time) - extract(epoch from b::time)) / 86400)::float8 / 31
      end
$$;
create or replace function pg_catalog.months_between(a date, b date) returns float8
language sql immutable parallel safe as $$ select pg_catalog.months_between(a::timestamp, b::timestamp) $$;
create or replace function pg_catalog.months_between(a text, b text) returns float8
language sql stable parallel safe as $$ select pg_catalog.months_between(a::timestamp, b::timestamp) $$;

-- DATE_PART_YEAR (https://docs.aws.amazon.com/redshift/latest/dg/r_DATE_PART_YEAR.html).
create or replace function pg_catalog.date_part_year(d date) returns int4
language sql immutable parallel safe as $$ select extract(year from d)::int4 $$;
create or replace function pg_catalog.date_part_year(ts timestamp) returns int4
language sql immutable parallel safe as $$ select extract(year from ts)::int4 $$;
create or replace function pg_catalog.date_part_year(d text) returns int4
language sql stable parallel safe as $$ select extract(year from d::timestamp)::int4 $$;

-- PGDATE_PART / DATE_PART: DOUBLE PRECISION, every date part abbreviation;
-- seconds keep their fraction, milliseconds and microseconds count the
-- whole seconds too (https://docs.aws.amazon.com/redshift/latest/dg/r_DATE_PART_function.html);
-- decades count from year 1 (redshift_local.calendar_value); no time zone
-- parts, which only EXTRACT takes (redshift_local.zoneless_part).
create or replace function pg_catalog.pgdate_part(part text, ts timestamp) returns float8
language sql immutable parallel safe as $$
  select redshift_local.calendar_value(part, pg_catalog.date_part(redshift_local.zoneless_part(part), ts))
$$;
create or replace function pg_catalog.pgdate_part(part text, d date) returns float8
language sql immutable parallel safe as $$
  select redshift_local.calendar_value(part, pg_catalog.date_part(redshift_local.zoneless_part(part), d::timestamp))
$$;
create or replace function pg_catalog.pgdate_part(part text, ts timestamptz) returns float8
language sql stable parallel safe as $$
  select redshift_local.calendar_value(part, pg_catalog.date_part(redshift_local.zoneless_part(part), ts))
$$;
create or replace function pg_catalog.pgdate_part(part text, t time) returns float8
language sql immutable parallel safe as $$
  select pg_catalog.date_part(redshift_local.zoneless_part(part), t)
$$;
create or replace function pg_catalog.pgdate_part(part text, t timetz) returns float8
language sql immutable parallel safe as $$
  select pg_catalog.date_part(redshift_local.zoneless_part(part), t)
$$;
create or replace function pg_catalog.pgdate_part(part text, i interval) returns float8
language sql immutable parallel safe as $$
  select pg_catalog.date_part(redshift_local.zoneless_part(part), i)
$$;
create or replace function pg_catalog.pgdate_part(part text, ts text) returns float8
language sql stable parallel safe as $$
  select redshift_local.calendar_value(part, pg_catalog.date_part(redshift_local.zoneless_part(part), ts::timestamp))
$$;

-- DATE_TRUNC: TIMESTAMP unless the argument is a TIMESTAMPTZ
-- (https://docs.aws.amazon.com/redshift/latest/dg/r_DATE_TRUNC.html).
create or replace function redshift_local.date_trunc(part text, ts timestamp) returns timestamp
language sql immutable parallel safe as $$
  select pg_catalog.date_trunc(redshift_local.datepart(part), ts)
$$;
create or replace function redshift_local.date_trunc(part text, d date) returns timestamp
language sql immutable parallel safe as $$
  select pg_catalog.date_trunc(redshift_local.datepart(part), d::timestamp)
$$;
create or replace function redshift_local.date_trunc(part text, ts timestamptz) returns timestamptz
language sql stable parallel safe as $$
  select pg_catalog.date_trunc(redshift_local.datepart(part), ts)
$$;
create or replace function redshift_local.date_trunc(part text, ts text) returns timestamp
language sql stable parallel safe as $$
  select pg_catalog.date_trunc(redshift_local.datepart(part), ts::timestamp)
$$;

-- TO_DATE(string, format [, is_strict]): a day past the end of its month
-- rolls over into the next (20010631 is 2001-07-01) unless is_strict is
-- TRUE (https://docs.aws.amazon.com/redshift/latest/dg/r_TO_DATE_function.html).
-- The day is read again as minutes (MI takes 0-59 where DD takes 1-31) to
-- find how far it overflows.
create or replace function redshift_local.to_date(s text, fmt text, is_strict boolean default false)
returns date language plpgsql stable parallel safe as $$
declare
  upper_fmt text := pg_catalog.upper(fmt);
  first_day timestamptz;
  day int4;
begin
  return pg_catalog.to_date(s, fmt);
exception when datetime_field_overflow then
  if pg_catalog.strpos(upper_fmt, 'DD') = 0 or pg_catalog.strpos(upper_fmt, 'DDD') > 0
    or pg_catalog.strpos(upper_fmt, 'MI') > 0 then
    raise;
  end if;
  first_day := pg_catalog.to_timestamp(s, pg_catalog.replace(pg_catalog.replace(fmt, 'DD', 'MI'), 'dd', 'MI'));
  day := extract(minute from first_day)::int4;
  if day < 1 then raise; end if;
  if is_strict then
    raise exception 'date/time field date value out of range: %-%-%',
      extract(year from first_day)::int4, extract(month from first_day)::int4, day
      using errcode = '22008';
  end if;
  return first_day::date + (day - 1);
end
$$;

-- TO_TIMESTAMP(string, format [, is_strict]): fields out of range roll over
-- (hour 24 is the next day) unless is_strict is TRUE
-- (https://docs.aws.amazon.com/redshift/latest/dg/r_TO_TIMESTAMP.html).
-- PostgreSQL's own reading is used whenever it succeeds; the rollover reads
-- formats made of numeric fields (YYYY MM DD HH24 MI SS MS US) and
-- separators, and otherwise reports PostgreSQL's error.
create or replace function redshift_local.rollover_timestamp(s text, fmt text) returns timestamp
language plpgsql immutable parallel safe as $$
declare
  pattern text := '^';
  fields text[] := '{}';
  rest text;
  ch text;
  pos int4 := 1;
  m text[];
  v numeric[] := array[1, 1, 1, 0, 0, 0, 0, 0];
  i int4;
  slot int4;
begin
  while pos <= pg_catalog.length(fmt) loop
    rest := pg_catalog.upper(pg_catalog.substr(fmt, pos));
    if rest like 'YYYY%' then pattern := pattern || '([0-9]{4})'; fields := fields || 'y'::text; pos := pos + 4;
    elsif rest like 'HH24%' then pattern := pattern || '([0-9]{1,2})'; fields := fields || 'h'::text; pos := pos + 4;
    elsif rest like 'MM%' then pattern := pattern || '([0-9]{1,2})'; fields := fields || 'mon'::text; pos := pos + 2;
    elsif rest like 'DD%' then pattern := pattern || '([0-9]{1,2})'; fields := fields || 'd'::text; pos := pos + 2;
    elsif rest like 'MI%' then pattern := pattern || '([0-9]{1,2})'; fields := fields || 'mi'::text; pos := pos + 2;
    elsif rest like 'SS%' then pattern := pattern || '([0-9]{1,2})'; fields := fields || 's'::text; pos := pos + 2;
    elsif rest like 'MS%' then pattern := pattern || '([0-9]{1,3})'; fields := fields || 'ms'::text; pos := pos + 2;
    elsif rest like 'US%' then pattern := pattern || '([0-9]{1,6})'; fields := fields || 'us'::text; pos := pos + 2;
    else
      ch := pg_catalog.substr(fmt, pos, 1);
      if ch ~ '[[:alnum:]]' or ch in ('^', ']', '[', pg_catalog.chr(92)) then return null; end if;
      pattern := pattern || '[' || ch || ']';
      pos := pos + 1;
    end if;
  end loop;
  m := pg_catalog.regexp_match(s, pattern || '$');
  if m is null then return null; end if;
  for i in 1 .. pg_catalog.array_length(fields, 1) loop
    slot := pg_catalog.array_position(array['y', 'mon', 'd', 'h', 'mi', 's', 'ms', 'us'], fields[i]);
    v[slot] := case fields[i]
      when 'ms' then pg_catalog.rpad(m[i], 3, '0')::numeric
      when 'us' then pg_catalog.rpad(m[i], 6, '0')::numeric
      else m[i]::numeric end;
  end loop;
  return pg_catalog.make_timestamp(v[1]::int4, 1, 1, 0, 0, 0)
    + (v[2] - 1) * interval '1 month' + (v[3] - 1) * interval '1 day'
    + v[4] * interval '1 hour' + v[5] * interval '1 minute'
    + (v[6] + v[7] / 1000 + v[8] / 1000000) * interval '1 second';
end
$$;
create or replace function redshift_local.to_timestamp(s text, fmt text, is_strict boolean default false)
returns timestamptz language plpgsql stable parallel safe as $$
declare
  rolled timestamp;
begin
  -- An empty string is the first timestamp (r_TO_TIMESTAMP.html).
  if s = '' then return '0001-01-01 00:00:00'::timestamp::timestamptz; end if;
  return pg_catalog.to_timestamp(s, fmt);
exception when datetime_field_overflow then
  if is_strict then raise; end if;
  rolled := redshift_local.rollover_timestamp(s, fmt);
  if rolled is null then raise; end if;
  return rolled::timestamptz;
end
$$;
-- A TIMESTAMP or DATE first argument is read as its text (to_timestamp(sysdate, ...)).
create or replace function redshift_local.to_timestamp(ts timestamp, fmt text, is_strict boolean default false)
returns timestamptz language sql stable parallel safe as $$
  select redshift_local.to_timestamp(ts::text, fmt, is_strict)
$$;
create or replace function redshift_local.to_date(ts timestamp, fmt text, is_strict boolean default false)
returns date language sql stable parallel safe as $$
  select redshift_local.to_date(ts::text, fmt, is_strict)
$$;
`
