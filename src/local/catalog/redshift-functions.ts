// No backslash appears in any string literal below: function bodies are
// parsed in the caller's session, where standard_conforming_strings may be off.

/**
 * Redshift functions PostgreSQL lacks, created in `pg_catalog` so they resolve
 * unqualified whatever `search_path` a client sets. Functions whose call
 * syntax PostgreSQL cannot parse (LISTAGG ... WITHIN GROUP, DECODE, bare date
 * parts, SYSDATE, version(), PG_LAST_*_ID()) are reached through
 * `rewriteRedshiftFunctions`, which turns the call into one of these.
 */
export const REDSHIFT_FUNCTIONS_SQL = `
-- GETDATE: start of the current statement, session time zone, whole seconds.
create or replace function pg_catalog.getdate() returns timestamp
language sql stable parallel safe as $$
  select pg_catalog.date_trunc('second', pg_catalog.statement_timestamp()::timestamp)
$$;

-- DATEDIFF counts date part boundaries crossed between a and b (weeks start on Sunday).
create or replace function pg_catalog.datediff(part text, a timestamp, b timestamp) returns bigint
language sql immutable parallel safe as $$
  select (case redshift_local.datepart(part)
    when 'millennium' then extract(millennium from b) - extract(millennium from a)
    when 'century' then extract(century from b) - extract(century from a)
    when 'decade' then extract(decade from b) - extract(decade from a)
    when 'year' then extract(year from b) - extract(year from a)
    when 'quarter' then (extract(year from b) * 4 + extract(quarter from b))
      - (extract(year from a) * 4 + extract(quarter from a))
    when 'month' then (extract(year from b) * 12 + extract(month from b))
      - (extract(year from a) * 12 + extract(month from a))
    when 'week' then ((b::date - extract(dow from b)::int)
      - (a::date - extract(dow from a)::int)) / 7
    when 'day' then b::date - a::date
    when 'hour' then extract(epoch from pg_catalog.date_trunc('hour', b) - pg_catalog.date_trunc('hour', a)) / 3600
    when 'minute' then extract(epoch from pg_catalog.date_trunc('minute', b) - pg_catalog.date_trunc('minute', a)) / 60
    when 'second' then extract(epoch from pg_catalog.date_trunc('second', b) - pg_catalog.date_trunc('second', a))
    when 'millisecond' then extract(epoch from pg_catalog.date_trunc('milliseconds', b)
      - pg_catalog.date_trunc('milliseconds', a)) * 1000
    when 'microsecond' then extract(epoch from b - a) * 1000000
  end)::bigint
$$;
create or replace function pg_catalog.datediff(part text, a date, b date) returns bigint
language sql immutable parallel safe as $$ select pg_catalog.datediff(part, a::timestamp, b::timestamp) $$;
create or replace function pg_catalog.datediff(part text, a timestamptz, b timestamptz) returns bigint
language sql stable parallel safe as $$ select pg_catalog.datediff(part, a::timestamp, b::timestamp) $$;
create or replace function pg_catalog.datediff(part text, a time, b time) returns bigint
language sql immutable parallel safe as $$
  select pg_catalog.datediff(part, '2000-01-01'::date + a, '2000-01-01'::date + b)
$$;
create or replace function pg_catalog.datediff(part text, a timetz, b timetz) returns bigint
language sql immutable parallel safe as $$
  select pg_catalog.datediff(part, (a at time zone 'UTC')::time, (b at time zone 'UTC')::time)
$$;
-- String arguments (unknown literals resolve here) are read as timestamps.
create or replace function pg_catalog.datediff(part text, a text, b text) returns bigint
language sql stable parallel safe as $$ select pg_catalog.datediff(part, a::timestamp, b::timestamp) $$;

-- DATEADD: month arithmetic clamps to the end of the month (Jan 31 + 1 month
-- = Feb 29), but years step over a missing Feb 29 into Mar 1
-- (dateadd(month, 12, '2016-02-29') = 2017-02-28, dateadd(year, 1,
-- '2016-02-29') = 2017-03-01: https://docs.aws.amazon.com/redshift/latest/dg/r_DATEADD_function.html).
create or replace function redshift_local.dateadd_clamped(part text, n bigint, ts timestamp) returns timestamp
language sql immutable parallel safe as $$
  select ts + n * (case redshift_local.datepart(part)
    when 'millennium' then interval '1000 years' when 'century' then interval '100 years'
    when 'decade' then interval '10 years' when 'year' then interval '1 year'
    when 'quarter' then interval '3 months' when 'month' then interval '1 month'
    when 'week' then interval '7 days' when 'day' then interval '1 day'
    when 'hour' then interval '1 hour' when 'minute' then interval '1 minute'
    when 'second' then interval '1 second' when 'millisecond' then interval '1 millisecond'
    when 'microsecond' then interval '1 microsecond' end)
$$;
create or replace function pg_catalog.dateadd(part text, n bigint, ts timestamp) returns timestamp
language sql immutable parallel safe as $$
  select case
    when redshift_local.datepart(part) in ('year', 'decade', 'century', 'millennium')
      and extract(month from ts) = 2 and extract(day from ts) = 29
      and extract(day from redshift_local.dateadd_clamped(part, n, ts)) = 28
      then redshift_local.dateadd_clamped(part, n, ts) + interval '1 day'
    else redshift_local.dateadd_clamped(part, n, ts) end
$$;
create or replace function pg_catalog.dateadd(part text, n bigint, d date) returns timestamp
language sql immutable parallel safe as $$ select pg_catalog.dateadd(part, n, d::timestamp) $$;
create or replace function pg_catalog.dateadd(part text, n bigint, ts timestamptz) returns timestamptz
language sql stable parallel safe as $$
  select pg_catalog.dateadd(part, n, ts::timestamp)::timestamptz
$$;
create or replace function pg_catalog.dateadd(part text, n bigint, t time) returns time
language sql immutable parallel safe as $$
  select pg_catalog.dateadd(part, n, '2000-01-01'::date + t)::time
$$;
create or replace function pg_catalog.dateadd(part text, n bigint, t timetz) returns timetz
language sql immutable parallel safe as $$
  select t + (pg_catalog.dateadd(part, n, '2000-01-01'::date + t::time) - ('2000-01-01'::date + t::time))
$$;
create or replace function pg_catalog.dateadd(part text, n bigint, ts text) returns timestamp
language sql stable parallel safe as $$ select pg_catalog.dateadd(part, n, ts::timestamp) $$;

-- ADD_MONTHS keeps month ends at month ends (Feb 29 + 1 = Mar 31).
create or replace function pg_catalog.last_day(d date) returns date
language sql immutable parallel safe as $$
  select (pg_catalog.date_trunc('month', d) + interval '1 month - 1 day')::date
$$;
create or replace function pg_catalog.add_months(ts timestamp, n bigint) returns timestamp
language sql immutable parallel safe as $$
  select case when ts::date = pg_catalog.last_day(ts::date)
    then pg_catalog.last_day((ts + n * interval '1 month')::date) + ts::time
    else ts + n * interval '1 month' end
$$;
create or replace function pg_catalog.add_months(d date, n bigint) returns timestamp
language sql immutable parallel safe as $$ select pg_catalog.add_months(d::timestamp, n) $$;
-- The page's own argument types, ({date | timestamp}, integer), so that a
-- UDF of that signature outside pg_catalog meets a built-in of the same
-- one, which runs first as on Redshift (udf-naming-udfs.html); smallint
-- too, which would otherwise match the integer and bigint forms equally.
create or replace function pg_catalog.add_months(ts timestamp, n integer) returns timestamp
language sql immutable parallel safe as $$ select pg_catalog.add_months(ts, n::bigint) $$;
create or replace function pg_catalog.add_months(d date, n integer) returns timestamp
language sql immutable parallel safe as $$ select pg_catalog.add_months(d::timestamp, n::bigint) $$;
create or replace function pg_catalog.add_months(ts timestamp, n smallint) returns timestamp
language sql immutable parallel safe as $$ select pg_catalog.add_months(ts, n::bigint) $$;
create or replace function pg_catalog.add_months(d date, n smallint) returns timestamp
language sql immutable parallel safe as $$ select pg_catalog.add_months(d::timestamp, n::bigint) $$;
create or replace function pg_catalog.trunc(ts timestamp) returns date
language sql immutable parallel safe as $$ select ts::date $$;

-- CONVERT_TIMEZONE(['source',] 'target', ts): the source defaults to UTC.
-- redshift_local.time_zone reads the listed names the tz database renamed.
create or replace function pg_catalog.convert_timezone(target text, ts timestamp) returns timestamp
language sql immutable parallel safe as $$ select (ts at time zone 'UTC') at time zone redshift_local.time_zone(target) $$;
create or replace function pg_catalog.convert_timezone(source text, target text, ts timestamp) returns timestamp
language sql immutable parallel safe as $$ select (ts at time zone redshift_local.time_zone(source)) at time zone redshift_local.time_zone(target) $$;
create or replace function pg_catalog.convert_timezone(target text, ts timestamptz) returns timestamp
language sql immutable parallel safe as $$ select ts at time zone redshift_local.time_zone(target) $$;
create or replace function pg_catalog.convert_timezone(source text, target text, ts timestamptz) returns timestamp
language sql immutable parallel safe as $$ select ts at time zone redshift_local.time_zone(target) $$;
create or replace function pg_catalog.convert_timezone(target text, ts text) returns timestamp
language sql stable parallel safe as $$ select pg_catalog.convert_timezone(target, ts::timestamp) $$;
create or replace function pg_catalog.convert_timezone(source text, target text, ts text) returns timestamp
language sql stable parallel safe as $$ select pg_catalog.convert_timezone(source, target, ts::timestamp) $$;

-- NVL is COALESCE under another name (Redshift accepts any number of arguments).
create or replace function pg_catalog.nvl(anycompatible, anycompatible) returns anycompatible
language sql immutable parallel safe as $$ select coalesce($1, $2) $$;
create or replace function pg_catalog.nvl(anycompatible, anycompatible, anycompatible) returns anycompatible
language sql immutable parallel safe as $$ select coalesce($1, $2, $3) $$;
create or replace function pg_catalog.nvl(anycompatible, anycompatible, anycompatible, anycompatible)
returns anycompatible language sql immutable parallel safe as $$ select coalesce($1, $2, $3, $4) $$;
create or replace function pg_catalog.nvl(anycompatible, anycompatible, anycompatible, anycompatible,
  anycompatible) returns anycompatible
language sql immutable parallel safe as $$ select coalesce($1, $2, $3, $4, $5) $$;
create or replace function pg_catalog.nvl2(anyelement, anycompatible, anycompatible) returns anycompatible
language sql immutable parallel safe as $$ select case when $1 is not null then $2 else $3 end $$;

-- LEN ignores trailing blanks of CHAR values and counts them in VARCHAR values,
-- which is what length() does for bpchar and text.
create or replace function pg_catalog.len(s text) returns integer
language sql immutable parallel safe as $$ select pg_catalog.length(s) $$;
create or replace function pg_catalog.len(s bpchar) returns integer
language sql immutable parallel safe as $$ select pg_catalog.length(s) $$;
create or replace function pg_catalog.len(b bytea) returns integer
language sql immutable parallel safe as $$ select pg_catalog.octet_length(b) $$;

create or replace function pg_catalog.charindex(needle text, haystack text) returns integer
language sql immutable parallel safe as $$ select pg_catalog.strpos(haystack, needle) $$;

-- STRTOL reads like C's strtol: blanks, a sign, 0x for base 16, then digits
-- up to the first character that is not one.
create or replace function pg_catalog.strtol(num_string text, base integer) returns bigint
language plpgsql immutable parallel safe as $$
declare
  s text := pg_catalog.lower(pg_catalog.ltrim(num_string));
  negative boolean := false;
  result numeric := 0;
  digit integer;
  i integer := 1;
begin
  if num_string is null or base is null then return null; end if;
  if base < 2 or base > 36 then
    raise exception 'Invalid base: %', base using errcode = '22023';
  end if;
  if pg_catalog.left(s, 1) in ('+', '-') then
    negative := pg_catalog.left(s, 1) = '-';
    s := pg_catalog.substr(s, 2);
  end if;
  if base = 16 and pg_catalog.left(s, 2) = '0x' then s := pg_catalog.substr(s, 3); end if;
  while i <= pg_catalog.length(s) loop
    digit := pg_catalog.strpos('0123456789abcdefghijklmnopqrstuvwxyz', pg_catalog.substr(s, i, 1)) - 1;
    exit when digit < 0 or digit >= base;
    result := result * base + digit;
    i := i + 1;
  end loop;
  if negative then result := -result; end if;
  return result::bigint;
end
$$;

-- MEDIAN: integers and decimals give DECIMAL (the inputs' scale, or more
-- when averaging the middle pair needs it), floating point gives DOUBLE PRECISION.
create or replace function redshift_local.median_numeric(anyarray) returns numeric
language sql immutable parallel safe as $$
  select pg_catalog.round(m, greatest(digits, pg_catalog.scale(pg_catalog.trim_scale(m))))
  from (
    select case when n = 0 then null
        when n % 2 = 1 then s[(n + 1) / 2]
        else (s[n / 2] + s[n / 2 + 1]) / 2 end as m,
      digits
    from (select pg_catalog.array_agg(v::numeric order by v) as s, pg_catalog.count(*)::int as n,
            coalesce(pg_catalog.max(pg_catalog.scale(v::numeric)), 0) as digits
          from pg_catalog.unnest($1) as v where v is not null) as sorted
  ) as middle
$$;
create or replace function redshift_local.median_float(float8[]) returns float8
language sql immutable parallel safe as $$
  select case when n = 0 then null
    when n % 2 = 1 then s[(n + 1) / 2]
    else (s[n / 2] + s[n / 2 + 1]) / 2 end
  from (select pg_catalog.array_agg(v order by v) as s, pg_catalog.count(*)::int as n
        from pg_catalog.unnest($1) as v where v is not null) as sorted
$$;
create or replace aggregate pg_catalog.median(int2) (
  sfunc = pg_catalog.array_append, stype = int2[], finalfunc = redshift_local.median_numeric);
create or replace aggregate pg_catalog.median(int4) (
  sfunc = pg_catalog.array_append, stype = int4[], finalfunc = redshift_local.median_numeric);
create or replace aggregate pg_catalog.median(int8) (
  sfunc = pg_catalog.array_append, stype = int8[], finalfunc = redshift_local.median_numeric);
create or replace aggregate pg_catalog.median(numeric) (
  sfunc = pg_catalog.array_append, stype = numeric[], finalfunc = redshift_local.median_numeric);
create or replace aggregate pg_catalog.median(float8) (
  sfunc = pg_catalog.array_append, stype = float8[], finalfunc = redshift_local.median_float);

-- LISTAGG(expr [, delimiter]): the state keeps the delimiter first, then the
-- values as text; NULLs and empty strings are left out (r_LISTAGG.html,
-- r_WF_LISTAGG.html). Redshift caps the result at 65535 bytes.
create or replace function redshift_local.listagg_step(state text[], value anynonarray, delimiter text)
returns text[] language sql immutable parallel safe as $$
  select case when value is null or value::text = '' then coalesce(state, array[coalesce(delimiter, '')])
    else pg_catalog.array_append(coalesce(state, array[coalesce(delimiter, '')]), value::text) end
$$;
create or replace function redshift_local.listagg_step(state text[], value anynonarray)
returns text[] language sql immutable parallel safe as $$
  select redshift_local.listagg_step(state, value, '')
$$;
create or replace function redshift_local.listagg_final(state text[]) returns varchar
language plpgsql immutable parallel safe as $$
declare
  result text;
begin
  if state is null or pg_catalog.array_length(state, 1) < 2 then return null; end if;
  result := pg_catalog.array_to_string(state[2:], state[1]);
  if pg_catalog.octet_length(result) > 65535 then
    raise exception 'Result size exceeds LISTAGG limit' using errcode = 'XX000',
      detail = 'LISTAGG results are limited to 65535 bytes.';
  end if;
  return result;
end
$$;
create or replace aggregate pg_catalog.listagg(anynonarray, text) (
  sfunc = redshift_local.listagg_step, stype = text[], finalfunc = redshift_local.listagg_final);
create or replace aggregate pg_catalog.listagg(anynonarray) (
  sfunc = redshift_local.listagg_step, stype = text[], finalfunc = redshift_local.listagg_final);
-- LISTAGG(DISTINCT expr [, delimiter]): a value equal to one already kept but
-- for trailing blanks is a duplicate, and the first one met is kept
-- (r_LISTAGG.html), so the rows are fed in the WITHIN GROUP order (see
-- rewrite-functions.ts), which PostgreSQL's DISTINCT aggregates cannot take
-- from other columns or in a window.
create or replace function redshift_local.listagg_distinct_step(state text[], value anynonarray, delimiter text)
returns text[] language sql immutable parallel safe as $$
  select case when value is null or value::text = '' or exists (
      select 1 from pg_catalog.unnest(state[2:]) as kept(v)
      where pg_catalog.rtrim(kept.v) = pg_catalog.rtrim(value::text))
    then coalesce(state, array[coalesce(delimiter, '')])
    else pg_catalog.array_append(coalesce(state, array[coalesce(delimiter, '')]), value::text) end
$$;
create or replace function redshift_local.listagg_distinct_step(state text[], value anynonarray)
returns text[] language sql immutable parallel safe as $$
  select redshift_local.listagg_distinct_step(state, value, '')
$$;
create or replace aggregate redshift_local.listagg_distinct(anynonarray, text) (
  sfunc = redshift_local.listagg_distinct_step, stype = text[], finalfunc = redshift_local.listagg_final);
create or replace aggregate redshift_local.listagg_distinct(anynonarray) (
  sfunc = redshift_local.listagg_distinct_step, stype = text[], finalfunc = redshift_local.listagg_final);

-- JSON functions over VARCHAR (JSON_PARSE and the SUPER functions: super-functions.ts).
create or replace function pg_catalog.is_valid_json(json_string text) returns boolean
language sql immutable parallel safe as $$ select json_string is json object $$;
create or replace function pg_catalog.is_valid_json_array(json_string text) returns boolean
language sql immutable parallel safe as $$ select json_string is json array $$;
-- CAN_JSON_PARSE: whether JSON_PARSE would take the string, scalars
-- included (https://docs.aws.amazon.com/redshift/latest/dg/CAN_JSON_PARSE.html).
create or replace function pg_catalog.can_json_parse(json_string text) returns boolean
language sql immutable parallel safe as $$ select json_string is json $$;
create or replace function pg_catalog.json_extract_path_text(json_string text, variadic path text[])
returns varchar language sql immutable parallel safe as $$
  select pg_catalog.json_extract_path_text(pg_catalog.json_in(json_string::cstring), variadic path)::varchar
$$;
create or replace function redshift_local.json_path_or_null(json_string text, path text[], null_if_invalid boolean)
returns varchar language plpgsql immutable parallel safe as $$
begin
  return pg_catalog.json_extract_path_text(pg_catalog.json_in(json_string::cstring), variadic path);
exception when invalid_text_representation then
  if null_if_invalid then return null; end if;
  raise;
end
$$;
create or replace function pg_catalog.json_extract_path_text(json_string text, p1 text, null_if_invalid boolean)
returns varchar language sql immutable parallel safe as $$
  select redshift_local.json_path_or_null(json_string, array[p1], null_if_invalid)
$$;
create or replace function pg_catalog.json_extract_path_text(json_string text, p1 text, p2 text,
  null_if_invalid boolean) returns varchar language sql immutable parallel safe as $$
  select redshift_local.json_path_or_null(json_string, array[p1, p2], null_if_invalid)
$$;
create or replace function pg_catalog.json_extract_path_text(json_string text, p1 text, p2 text, p3 text,
  null_if_invalid boolean) returns varchar language sql immutable parallel safe as $$
  select redshift_local.json_path_or_null(json_string, array[p1, p2, p3], null_if_invalid)
$$;
create or replace function pg_catalog.json_extract_path_text(json_string text, p1 text, p2 text, p3 text,
  p4 text, null_if_invalid boolean) returns varchar language sql immutable parallel safe as $$
  select redshift_local.json_path_or_null(json_string, array[p1, p2, p3, p4], null_if_invalid)
$$;
create or replace function pg_catalog.json_extract_path_text(json_string text, p1 text, p2 text, p3 text,
  p4 text, p5 text, null_if_invalid boolean) returns varchar language sql immutable parallel safe as $$
  select redshift_local.json_path_or_null(json_string, array[p1, p2, p3, p4, p5], null_if_invalid)
$$;
create or replace function pg_catalog.json_array_length(json_string text) returns integer
language sql immutable parallel safe as $$ select pg_catalog.json_array_length(pg_catalog.json_in(json_string::cstring)) $$;
-- null_if_invalid: NULL instead of the error for a string that is not JSON
-- (https://docs.aws.amazon.com/redshift/latest/dg/JSON_ARRAY_LENGTH.html).
create or replace function pg_catalog.json_array_length(json_string text, null_if_invalid boolean)
returns integer language plpgsql immutable parallel safe as $$
begin
  return pg_catalog.json_array_length(pg_catalog.json_in(json_string::cstring));
exception when invalid_text_representation then
  if null_if_invalid then return null; end if;
  raise;
end
$$;
-- A negative or out-of-range position is NULL (PostgreSQL's ->> counts a
-- negative one from the end), and null_if_invalid as above
-- (https://docs.aws.amazon.com/redshift/latest/dg/JSON_EXTRACT_ARRAY_ELEMENT_TEXT.html).
create or replace function pg_catalog.json_extract_array_element_text(json_string text, pos integer)
returns varchar language sql immutable parallel safe as $$
  select case when pos >= 0 then (pg_catalog.json_in(json_string::cstring) ->> pos)::varchar end
$$;
create or replace function pg_catalog.json_extract_array_element_text(json_string text, pos integer,
  null_if_invalid boolean) returns varchar language plpgsql immutable parallel safe as $$
begin
  return pg_catalog.json_extract_array_element_text(json_string, pos);
exception when invalid_text_representation then
  if null_if_invalid then return null; end if;
  raise;
end
$$;

-- Targets of rewriteRedshiftFunctions: the emulator passes the session's
-- values as arguments, and the function names keep the column names Redshift
-- gives (pg_last_query_id, version).
create or replace function pg_catalog.pg_last_query_id(value integer) returns integer
language sql immutable parallel safe as $$ select value $$;
-- LAST_USER_QUERY_ID(): the session's last query id, as PG_LAST_QUERY_ID
-- (LAST_USER_QUERY_ID.html); the page does not say which queries it leaves out.
create or replace function pg_catalog.last_user_query_id(value integer) returns integer
language sql immutable parallel safe as $$ select value $$;
create or replace function pg_catalog.pg_last_copy_id(value integer) returns integer
language sql immutable parallel safe as $$ select value $$;
create or replace function pg_catalog.pg_last_copy_count(value bigint) returns bigint
language sql immutable parallel safe as $$ select value $$;
create or replace function pg_catalog.pg_last_unload_id(value integer) returns integer
language sql immutable parallel safe as $$ select value $$;
create or replace function pg_catalog.pg_last_unload_count(value bigint) returns bigint
language sql immutable parallel safe as $$ select value $$;
create or replace function pg_catalog.version(redshift boolean) returns text
language sql stable parallel safe as $$
  select case when redshift then
    'PostgreSQL 8.0.2 on i686-pc-linux-gnu, compiled by GCC gcc (GCC) 3.4.2 20041017 (Red Hat 3.4.2-6.fc3), Redshift '
      || coalesce(redshift_local.setting('redshift_version'), '1.0.0')
    else pg_catalog.version() end
$$;
-- DB_COLLATION(): the emulator's databases compare case-sensitively
-- (r_DB_COLLATION.html). SLICE_NUM(): one slice, numbered 0, and 10000 on the
-- leader node, where a query of no table runs (r_SLICE_NUM.html; the planner
-- calls redshift_local.slice_num() there).
create or replace function pg_catalog.db_collation() returns varchar
language sql immutable parallel safe as $$ select 'case_sensitive'::varchar $$;
create or replace function pg_catalog.slice_num() returns integer
language sql immutable parallel safe as $$ select 0 $$;
create or replace function redshift_local.slice_num() returns integer
language sql immutable parallel safe as $$ select 10000 $$;
-- VARBYTE and its synonym VARBINARY as casts' target types: domains over
-- bytea, the type VARBYTE columns have in the backing database, so that
-- 'abc'::varbyte is the bytes of its UTF-8 text (r_VARBYTE_type.html).
-- RowDescription names bytea (17), as for a VARBYTE column.
do $domain$
begin
  if not exists (select 1 from pg_catalog.pg_type
      where typname = 'varbyte' and typnamespace = 'pg_catalog'::regnamespace) then
    create domain pg_catalog.varbyte as bytea;
  end if;
  if not exists (select 1 from pg_catalog.pg_type
      where typname = 'varbinary' and typnamespace = 'pg_catalog'::regnamespace) then
    create domain pg_catalog.varbinary as bytea;
  end if;
end
$domain$;
-- GETBIT(varbyte, index): bit 0 is the value's least significant bit, the
-- last byte's lowest (r_GETBIT.html); PostgreSQL's get_bit counts from the
-- first byte.
create or replace function pg_catalog.getbit(b bytea, index int4) returns int4
language sql immutable strict parallel safe as $$
  select pg_catalog.get_bit(b, (pg_catalog.length(b) - 1 - index / 8) * 8 + index % 8)
$$;
-- VARBYTE functions: FROM_HEX, TO_HEX of a VARBYTE, TO_VARBYTE and FROM_VARBYTE
-- with the formats 'hex', 'base64', 'utf8' or 'utf-8' and 'binary' (a string of
-- 0/1 bits); TO_VARBYTE prepends a 0 to a hex string of odd length
-- (r_TO_VARBYTE.html, r_FROM_VARBYTE.html).
create or replace function pg_catalog.from_hex(h text) returns bytea
language sql immutable strict parallel safe as $$ select pg_catalog.decode(h, 'hex') $$;
create or replace function pg_catalog.to_hex(b bytea) returns text
language sql immutable strict parallel safe as $$ select pg_catalog.encode(b, 'hex') $$;
create or replace function pg_catalog.to_varbyte(s text, format text) returns bytea
language plpgsql immutable strict parallel safe as $$
begin
  case pg_catalog.lower(format)
    when 'hex' then
      return pg_catalog.decode(case when pg_catalog.length(s) % 2 = 1 then '0' || s else s end, 'hex');
    when 'base64' then return pg_catalog.decode(s, 'base64');
    when 'utf8', 'utf-8' then return pg_catalog.convert_to(s, 'UTF8');
    when 'binary' then
      if pg_catalog.length(s) % 8 <> 0 or s !~ '^[01]*$' then
        raise exception 'invalid binary string for TO_VARBYTE: length must be a multiple of 8 and only 0 and 1 appear';
      end if;
      return pg_catalog.decode(coalesce((select pg_catalog.string_agg(
        pg_catalog.lpad(pg_catalog.to_hex(pg_catalog.substr(s, i * 8 + 1, 8)::bit(8)::int), 2, '0'), '' order by i)
        from pg_catalog.generate_series(0, pg_catalog.length(s) / 8 - 1) as g(i)), ''), 'hex');
    else raise exception 'invalid format for TO_VARBYTE: %; use hex, base64, utf8 or binary', format;
  end case;
end
$$;
-- EXTRACT(part FROM source): INTEGER from TIMESTAMP, TIME and TIMETZ (and
-- DATE), DOUBLE PRECISION from TIMESTAMPTZ; seconds are whole, milliseconds
-- and microseconds count within the second
-- (https://docs.aws.amazon.com/redshift/latest/dg/r_EXTRACT_function.html).
-- rewriteRedshiftFunctions turns EXTRACT into these, named date_part as
-- Redshift names the result column.
create or replace function redshift_local.extract_part(part text) returns text
language sql immutable parallel safe as $$
  select case pg_catalog.lower(pg_catalog.btrim(part))
    when 'dow' then 'dow' when 'dw' then 'dow' when 'dayofweek' then 'dow' when 'weekday' then 'dow'
    when 'doy' then 'doy' when 'dy' then 'doy' when 'dayofyear' then 'doy' when 'yearday' then 'doy'
    when 'epoch' then 'epoch' when 'timezone' then 'timezone'
    when 'timezone_hour' then 'timezone_hour' when 'timezone_minute' then 'timezone_minute'
    else redshift_local.datepart(part)
  end
$$;
-- The date part of DATE_PART, and of EXTRACT from anything but a TIMESTAMPTZ:
-- TIMEZONE, TIMEZONE_HOUR and TIMEZONE_MINUTE are "supported by the EXTRACT
-- for timestamp with time zone (TIMESTAMPTZ) only"
-- (https://docs.aws.amazon.com/redshift/latest/dg/r_Dateparts_for_datetime_functions.html).
create or replace function redshift_local.zoneless_part(part text) returns text
language sql immutable parallel safe as $$
  select case when redshift_local.extract_part(part) in ('timezone', 'timezone_hour', 'timezone_minute')
    then redshift_local.raise_error(pg_catalog.format(
      'the date part %s is supported by EXTRACT from a TIMESTAMPTZ only', pg_catalog.lower(pg_catalog.btrim(part))), '0A000')
    else redshift_local.extract_part(part) end
$$;
create or replace function redshift_local.extract_value(part text, v double precision, micros bigint)
returns double precision language sql immutable parallel safe as $$
  select case redshift_local.extract_part(part)
    when 'second' then pg_catalog.floor(micros / 1000000.0)
    when 'millisecond' then pg_catalog.floor(micros / 1000.0)::bigint % 1000
    when 'microsecond' then micros % 1000000
    else v
  end
$$;
-- DECADE counts from year 1 of the common calendar: decade 1 is 0001-0009,
-- decade 201 is 2000-2009, where PostgreSQL's is the year divided by 10
-- (https://docs.aws.amazon.com/redshift/latest/dg/r_Dateparts_for_datetime_functions.html).
create or replace function redshift_local.calendar_value(part text, v double precision)
returns double precision language sql immutable parallel safe as $$
  select case when v >= 0 and redshift_local.extract_part(part) = 'decade' then v + 1 else v end
$$;
create or replace function redshift_local.date_part(part text, ts timestamp) returns int4
language sql immutable parallel safe as $$
  select redshift_local.extract_value(part,
    redshift_local.calendar_value(part, pg_catalog.date_part(redshift_local.zoneless_part(part), ts)),
    pg_catalog.date_part('microseconds', ts)::bigint)::int4
$$;
create or replace function redshift_local.date_part(part text, d date) returns int4
language sql immutable parallel safe as $$ select redshift_local.date_part(part, d::timestamp) $$;
create or replace function redshift_local.date_part(part text, t time) returns int4
language sql immutable parallel safe as $$
  select redshift_local.extract_value(part,
    pg_catalog.date_part(redshift_local.zoneless_part(part), t),
    pg_catalog.date_part('microseconds', t)::bigint)::int4
$$;
create or replace function redshift_local.date_part(part text, t timetz) returns int4
language sql immutable parallel safe as $$
  select redshift_local.extract_value(part,
    pg_catalog.date_part(redshift_local.zoneless_part(part), t),
    pg_catalog.date_part('microseconds', t)::bigint)::int4
$$;
-- INTERVAL YEAR TO MONTH and DAY TO SECOND give an INTEGER too
-- (https://docs.aws.amazon.com/redshift/latest/dg/r_EXTRACT_function.html).
create or replace function redshift_local.date_part(part text, i interval) returns int4
language sql immutable parallel safe as $$
  select redshift_local.extract_value(part,
    pg_catalog.date_part(redshift_local.zoneless_part(part), i),
    pg_catalog.date_part('microseconds', i)::bigint)::int4
$$;
create or replace function redshift_local.date_part(part text, ts timestamptz) returns double precision
language sql stable parallel safe as $$
  select redshift_local.extract_value(part,
    redshift_local.calendar_value(part, pg_catalog.date_part(redshift_local.extract_part(part), ts)),
    pg_catalog.date_part('microseconds', ts)::bigint)
$$;

-- REGEXP_REPLACE replaces every occurrence, from a 1-based position, with
-- Redshift's parameters c (case-sensitive, the default) and i
-- (https://docs.aws.amazon.com/redshift/latest/dg/REGEXP_REPLACE.html). p (PCRE)
-- reads the pattern as PostgreSQL's ARE, which has the same look-aheads.
-- rewriteRedshiftFunctions calls it for unqualified REGEXP_REPLACE (PostgreSQL's
-- own replaces the first occurrence only).
create or replace function redshift_local.regexp_replace(
  s text, pattern text, repl text default '', pos int4 default 1, params text default 'c'
) returns varchar language sql immutable parallel safe as $$
  select case
    when pos > pg_catalog.char_length(s) then s
    else pg_catalog.substr(s, 1, greatest(pos, 1) - 1) || pg_catalog.regexp_replace(
      pg_catalog.substr(s, greatest(pos, 1)), pattern, repl,
      'g' || case when pg_catalog.strpos(params, 'i') > 0 then 'i' else '' end)
  end::varchar
$$;

create or replace function pg_catalog.from_varbyte(b bytea, format text) returns text
language plpgsql immutable strict parallel safe as $$
begin
  case pg_catalog.lower(format)
    when 'hex' then return pg_catalog.encode(b, 'hex');
    when 'base64' then return pg_catalog.replace(pg_catalog.encode(b, 'base64'), pg_catalog.chr(10), '');
    when 'utf8', 'utf-8' then return pg_catalog.convert_from(b, 'UTF8');
    when 'binary' then
      return coalesce((select pg_catalog.string_agg(pg_catalog.get_byte(b, i)::bit(8)::text, '' order by i)
        from pg_catalog.generate_series(0, pg_catalog.length(b) - 1) as g(i)), '');
    else raise exception 'invalid format for FROM_VARBYTE: %; use hex, base64, utf8 or binary', format;
  end case;
end
$$;
`
