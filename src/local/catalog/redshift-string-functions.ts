// No backslash appears in any string literal below: function bodies are
// parsed in the caller's session, where standard_conforming_strings may be off.

/**
 * Redshift's string, hash and session functions PostgreSQL lacks, from the
 * Developer Guide's function pages: REPLICATE, OCTETINDEX, CRC32 (CRC-32C),
 * FUNC_SHA1 / SHA1 / SHA, SHA2, FNV_HASH (64-bit FNV-1a over the value's
 * binary form, with a seed), CURRENT_USER_ID, NVL2 over untyped literals,
 * the targets of the REGEXP_COUNT / REGEXP_INSTR / REGEXP_SUBSTR rewrite
 * (Redshift's `c`, `i`, `e` and `p` parameters, positions out of range) and
 * of the `current_setting('redshift_parameter')` rewrite.
 *
 * @example
 * ```ts
 * await client.query(REDSHIFT_STRING_FUNCTIONS_SQL)
 * ```
 */
export const REDSHIFT_STRING_FUNCTIONS_SQL = `
-- REPLICATE (https://docs.aws.amazon.com/redshift/latest/dg/r_REPLICATE.html).
create or replace function pg_catalog.replicate(s text, n int4) returns varchar
language sql immutable parallel safe as $$ select pg_catalog.repeat(s, n)::varchar $$;

-- OCTETINDEX: the position in bytes; 1 for an empty substring
-- (https://docs.aws.amazon.com/redshift/latest/dg/OCTETINDEX.html).
create or replace function pg_catalog.octetindex(sub text, s text) returns int4
language sql immutable parallel safe as $$
  select case
    when sub = '' then 1
    when pg_catalog.strpos(s, sub) = 0 then 0
    else pg_catalog.octet_length(pg_catalog.substr(s, 1, pg_catalog.strpos(s, sub) - 1)) + 1
  end
$$;

-- CRC32 is CRC-32C, as 8 lower-case hex digits
-- (https://docs.aws.amazon.com/redshift/latest/dg/crc32-function.html).
create or replace function pg_catalog.crc32(s text) returns varchar
language plpgsql immutable strict parallel safe as $$
declare
  bytes bytea := pg_catalog.convert_to(s, 'UTF8');
  crc int8 := 4294967295;
  i int4;
  k int4;
begin
  for i in 0 .. pg_catalog.length(bytes) - 1 loop
    crc := crc # pg_catalog.get_byte(bytes, i);
    for k in 1 .. 8 loop
      if crc & 1 = 1 then crc := (crc >> 1) # 2197175160; else crc := crc >> 1; end if;
    end loop;
  end loop;
  return pg_catalog.lpad(pg_catalog.to_hex(crc # 4294967295), 8, '0');
end
$$;

-- SHA-1 in 32-bit words held in int8 (PostgreSQL has SHA-2 built in, not SHA-1).
create or replace function redshift_local.sha1_hex(data bytea) returns text
language plpgsql immutable strict parallel safe as $$
declare
  mask constant int8 := 4294967295;
  h0 int8 := 1732584193;
  h1 int8 := 4023233417;
  h2 int8 := 2562383102;
  h3 int8 := 271733878;
  h4 int8 := 3285377520;
  msg bytea;
  w int8[];
  a int8; b int8; c int8; d int8; e int8; f int8; k int8; t int8;
  i int4;
  chunk int4;
begin
  msg := data || pg_catalog.decode('80', 'hex');
  msg := msg || pg_catalog.decode(pg_catalog.repeat('00', ((119 - pg_catalog.length(data)) % 64 + 64) % 64), 'hex');
  msg := msg || pg_catalog.decode(pg_catalog.lpad(pg_catalog.to_hex(pg_catalog.length(data)::int8 * 8), 16, '0'), 'hex');
  for chunk in 0 .. pg_catalog.length(msg) / 64 - 1 loop
    w := pg_catalog.array_fill(0::int8, array[80]);
    for i in 0 .. 15 loop
      w[i + 1] := (pg_catalog.get_byte(msg, chunk * 64 + i * 4)::int8 << 24)
        | (pg_catalog.get_byte(msg, chunk * 64 + i * 4 + 1)::int8 << 16)
        | (pg_catalog.get_byte(msg, chunk * 64 + i * 4 + 2)::int8 << 8)
        | pg_catalog.get_byte(msg, chunk * 64 + i * 4 + 3)::int8;
    end loop;
    for i in 16 .. 79 loop
      t := w[i - 2] # w[i - 7] # w[i - 13] # w[i - 15];
      w[i + 1] := ((t << 1) | (t >> 31)) & mask;
    end loop;
    a := h0; b := h1; c := h2; d := h3; e := h4;
    for i in 0 .. 79 loop
      if i < 20 then f := (b & c) | ((~b & mask) & d); k := 1518500249;
      elsif i < 40 then f := b # c # d; k := 1859775393;
      elsif i < 60 then f := (b & c) | (b & d) | (c & d); k := 2400959708;
      else f := b # c # d; k := 3395469782;
      end if;
      t := ((((a << 5) | (a >> 27)) & mask) + f + e + k + w[i + 1]) & mask;
      e := d; d := c; c := ((b << 30) | (b >> 2)) & mask; b := a; a := t;
    end loop;
    h0 := (h0 + a) & mask; h1 := (h1 + b) & mask; h2 := (h2 + c) & mask;
    h3 := (h3 + d) & mask; h4 := (h4 + e) & mask;
  end loop;
  return pg_catalog.lpad(pg_catalog.to_hex(h0), 8, '0') || pg_catalog.lpad(pg_catalog.to_hex(h1), 8, '0')
    || pg_catalog.lpad(pg_catalog.to_hex(h2), 8, '0') || pg_catalog.lpad(pg_catalog.to_hex(h3), 8, '0')
    || pg_catalog.lpad(pg_catalog.to_hex(h4), 8, '0');
end
$$;
-- FUNC_SHA1, SHA1 and SHA (https://docs.aws.amazon.com/redshift/latest/dg/FUNC_SHA1.html).
create or replace function pg_catalog.func_sha1(s text) returns varchar
language sql immutable strict parallel safe as $$
  select redshift_local.sha1_hex(pg_catalog.convert_to(s, 'UTF8'))::varchar
$$;
create or replace function pg_catalog.sha1(s text) returns varchar
language sql immutable strict parallel safe as $$
  select redshift_local.sha1_hex(pg_catalog.convert_to(s, 'UTF8'))::varchar
$$;
create or replace function pg_catalog.sha(s text) returns varchar
language sql immutable strict parallel safe as $$
  select redshift_local.sha1_hex(pg_catalog.convert_to(s, 'UTF8'))::varchar
$$;
-- SHA2: 0 means 256; an invalid number of bits gives an empty string
-- (https://docs.aws.amazon.com/redshift/latest/dg/SHA2.html).
create or replace function pg_catalog.sha2(s text, bits int4) returns varchar
language sql immutable strict parallel safe as $$
  select (case bits
    when 0 then pg_catalog.encode(pg_catalog.sha256(pg_catalog.convert_to(s, 'UTF8')), 'hex')
    when 224 then pg_catalog.encode(pg_catalog.sha224(pg_catalog.convert_to(s, 'UTF8')), 'hex')
    when 256 then pg_catalog.encode(pg_catalog.sha256(pg_catalog.convert_to(s, 'UTF8')), 'hex')
    when 384 then pg_catalog.encode(pg_catalog.sha384(pg_catalog.convert_to(s, 'UTF8')), 'hex')
    when 512 then pg_catalog.encode(pg_catalog.sha512(pg_catalog.convert_to(s, 'UTF8')), 'hex')
    else '' end)::varchar
$$;

-- FNV_HASH: 64-bit FNV-1a over the value's binary form (integers little
-- endian in their own width, strings as UTF-8 with trailing blanks); the
-- seed replaces the offset basis (https://docs.aws.amazon.com/redshift/latest/dg/r_FNV_HASH.html).
create or replace function redshift_local.fnv1a(bytes bytea, seed int8) returns int8
language plpgsql immutable parallel safe as $$
declare
  h numeric := case when seed is null then 14695981039346656037
    when seed < 0 then seed::numeric + 18446744073709551616 else seed::numeric end;
  low int4;
  i int4;
begin
  if bytes is null then return null; end if;
  for i in 0 .. pg_catalog.length(bytes) - 1 loop
    low := (h % 256)::int4;
    h := ((h - low + (low # pg_catalog.get_byte(bytes, i))) * 1099511628211) % 18446744073709551616;
  end loop;
  if h >= 9223372036854775808 then h := h - 18446744073709551616; end if;
  return h::int8;
end
$$;
create or replace function redshift_local.little_endian(v int8, width int4) returns bytea
language sql immutable parallel safe as $$
  select pg_catalog.decode(pg_catalog.string_agg(
      pg_catalog.substr(pg_catalog.encode(pg_catalog.int8send(v), 'hex'), 15 - 2 * i, 2), '' order by i), 'hex')
  from pg_catalog.generate_series(0, width - 1) as g(i)
$$;
create or replace function pg_catalog.fnv_hash(v int2, seed int8 default null) returns int8
language sql immutable parallel safe as $$
  select case when v is null then null else redshift_local.fnv1a(redshift_local.little_endian(v, 2), seed) end
$$;
create or replace function pg_catalog.fnv_hash(v int4, seed int8 default null) returns int8
language sql immutable parallel safe as $$
  select case when v is null then null else redshift_local.fnv1a(redshift_local.little_endian(v, 4), seed) end
$$;
create or replace function pg_catalog.fnv_hash(v int8, seed int8 default null) returns int8
language sql immutable parallel safe as $$
  select case when v is null then null else redshift_local.fnv1a(redshift_local.little_endian(v, 8), seed) end
$$;
create or replace function pg_catalog.fnv_hash(v text, seed int8 default null) returns int8
language sql immutable parallel safe as $$
  select redshift_local.fnv1a(pg_catalog.convert_to(v, 'UTF8'), seed)
$$;
-- CHAR keeps its trailing blanks in the hash; concat() reads the padded value.
create or replace function pg_catalog.fnv_hash(v bpchar, seed int8 default null) returns int8
language sql immutable parallel safe as $$
  select case when v is null then null
    else redshift_local.fnv1a(pg_catalog.convert_to(pg_catalog.concat(v), 'UTF8'), seed) end
$$;
-- Other types hash Redshift's internal binary layout, which is not documented.
create or replace function pg_catalog.fnv_hash(v anyelement, seed int8 default null) returns int8
language plpgsql immutable parallel safe as $$
begin
  raise exception 'FNV_HASH of % is not supported by the local emulator', pg_catalog.pg_typeof(v)
    using errcode = '0A000', hint = 'hash integers or strings, or cast the value to VARCHAR';
end
$$;

-- CURRENT_USER_ID (https://docs.aws.amazon.com/redshift/latest/dg/r_CURRENT_USER_ID.html);
-- the rewrite turns the bare keyword into this call.
create or replace function pg_catalog.current_user_id() returns int4
language sql stable parallel safe as $$
  select oid::int4 from pg_catalog.pg_roles where rolname = current_user
$$;

-- CURRENT_AWS_ACCOUNT and CURRENT_NAMESPACE, written without parentheses
-- (the rewrite turns the bare keywords into these calls). The emulator has
-- no AWS account or cluster: it answers the values of the pages' examples
-- (r_CURRENT_AWS_ACCOUNT.html, r_CURRENT_NAMESPACE.html).
create or replace function redshift_local.current_aws_account() returns int4
language sql immutable parallel safe as $$ select 987654321 $$;
create or replace function redshift_local.current_namespace() returns varchar
language sql immutable parallel safe as $$ select '86b5169f-01dc-4a6f-9fbb-e2e24359e9a8'::varchar $$;

-- TO_CHAR (https://docs.aws.amazon.com/redshift/latest/dg/r_TO_CHAR.html):
-- the numeric format's L is the dollar sign ('l99999D99' gives '$   618.80'),
-- where the backing PostgreSQL's C locale has none; TZ, tz and OF of a
-- TIMESTAMP name the session time zone ('HH12:MI:SS TZ' gives '02:30:00 UTC'),
-- where PostgreSQL leaves them empty. Quoted text and PL stay as written.
create or replace function redshift_local.numeric_format(f text) returns text
language plpgsql immutable strict parallel safe as $$
declare
  result text := '';
  i int := 1;
  n int := pg_catalog.length(f);
  c text;
  quote_end int;
begin
  while i <= n loop
    c := pg_catalog.substr(f, i, 1);
    if c = '"' then
      quote_end := pg_catalog.strpos(pg_catalog.substr(f, i + 1), '"');
      if quote_end = 0 then
        return result || pg_catalog.substr(f, i);
      end if;
      result := result || pg_catalog.substr(f, i, quote_end + 1);
      i := i + quote_end + 1;
    elsif c = pg_catalog.chr(92) or pg_catalog.upper(pg_catalog.substr(f, i, 2)) = 'PL' then
      result := result || pg_catalog.substr(f, i, 2);
      i := i + 2;
    elsif c = 'L' or c = 'l' then
      result := result || '"$"';
      i := i + 1;
    else
      result := result || c;
      i := i + 1;
    end if;
  end loop;
  return result;
end
$$;
create or replace function redshift_local.names_zone(f text) returns boolean
language sql immutable strict parallel safe as $$
  select pg_catalog.regexp_replace(f, '"[^"]*"', '', 'g') ~ '(TZ|tz|OF)'
$$;
create or replace function redshift_local.to_char(v int8, f text) returns text
language sql immutable strict parallel safe as $$ select pg_catalog.to_char(v, redshift_local.numeric_format(f)) $$;
create or replace function redshift_local.to_char(v int4, f text) returns text
language sql immutable strict parallel safe as $$ select pg_catalog.to_char(v, redshift_local.numeric_format(f)) $$;
create or replace function redshift_local.to_char(v numeric, f text) returns text
language sql immutable strict parallel safe as $$ select pg_catalog.to_char(v, redshift_local.numeric_format(f)) $$;
create or replace function redshift_local.to_char(v float4, f text) returns text
language sql immutable strict parallel safe as $$ select pg_catalog.to_char(v, redshift_local.numeric_format(f)) $$;
create or replace function redshift_local.to_char(v float8, f text) returns text
language sql immutable strict parallel safe as $$ select pg_catalog.to_char(v, redshift_local.numeric_format(f)) $$;
create or replace function redshift_local.to_char(v timestamp, f text) returns text
language sql stable strict parallel safe as $$
  select case when redshift_local.names_zone(f) then pg_catalog.to_char(v::timestamptz, f)
    else pg_catalog.to_char(v, f) end
$$;
create or replace function redshift_local.to_char(v timestamptz, f text) returns text
language sql stable strict parallel safe as $$ select pg_catalog.to_char(v, f) $$;
create or replace function redshift_local.to_char(v interval, f text) returns text
language sql immutable strict parallel safe as $$ select pg_catalog.to_char(v, f) $$;

-- CURRENT_SCHEMAS returns a CHAR or VARCHAR string
-- (https://docs.aws.amazon.com/redshift/latest/dg/r_CURRENT_SCHEMAS.html),
-- where PostgreSQL's is a NAME[]; the rewrite leaves the array to = ANY (...).
create or replace function redshift_local.current_schemas(include_implicit boolean) returns varchar
language sql stable strict parallel safe as $$
  select pg_catalog.current_schemas(include_implicit)::varchar
$$;

-- NVL2 whose first argument is an untyped literal.
create or replace function pg_catalog.nvl2(text, anycompatible, anycompatible) returns anycompatible
language sql immutable parallel safe as $$ select case when $1 is not null then $2 else $3 end $$;

-- Target of the current_setting('redshift_parameter') rewrite: the emulator
-- keeps Redshift's own parameters and passes the session's value.
create or replace function pg_catalog.current_setting(name text, session_value text) returns text
language sql immutable parallel safe as $$ select session_value $$;

-- REGEXP_COUNT / REGEXP_INSTR / REGEXP_SUBSTR with Redshift's parameters: c
-- and i as in PostgreSQL, e (the first subexpression, ignored when there is
-- none), p (PCRE, read as PostgreSQL's ARE, which has the same look-arounds);
-- a position below 1 starts at 1, past the end finds nothing
-- (https://docs.aws.amazon.com/redshift/latest/dg/REGEXP_SUBSTR.html).
create or replace function redshift_local.regexp_flags(params text) returns text
language sql immutable parallel safe as $$
  select pg_catalog.translate(coalesce(params, ''), 'ep', '')
$$;
create or replace function redshift_local.regexp_subexpression(pattern text, params text) returns int4
language sql immutable parallel safe as $$
  select case when pg_catalog.strpos(coalesce(params, ''), 'e') > 0
      and (pg_catalog.regexp_match('', '(?:' || pattern || ')|'))[1] is null then 1 else 0 end
$$;
create or replace function redshift_local.regexp_count(
  s text, pattern text, pos int4 default 1, params text default 'c'
) returns int4 language sql immutable parallel safe as $$
  select case when greatest(pos, 1) > pg_catalog.char_length(s) then 0
    else pg_catalog.regexp_count(s, pattern, greatest(pos, 1), redshift_local.regexp_flags(params)) end
$$;
create or replace function redshift_local.regexp_instr(
  s text, pattern text, pos int4 default 1, occurrence int4 default 1, option int4 default 0,
  params text default 'c'
) returns int4 language sql immutable parallel safe as $$
  select case when greatest(pos, 1) > pg_catalog.char_length(s) or occurrence < 1 then 0
    else pg_catalog.regexp_instr(s, pattern, greatest(pos, 1), occurrence, option,
      redshift_local.regexp_flags(params), redshift_local.regexp_subexpression(pattern, params)) end
$$;
create or replace function redshift_local.regexp_substr(
  s text, pattern text, pos int4 default 1, occurrence int4 default 1, params text default 'c'
) returns varchar language sql immutable parallel safe as $$
  select case when s is null or pattern is null then null
    when greatest(pos, 1) > pg_catalog.char_length(s) or occurrence < 1 then ''
    else coalesce(pg_catalog.regexp_substr(s, pattern, greatest(pos, 1), occurrence,
      redshift_local.regexp_flags(params), redshift_local.regexp_subexpression(pattern, params)), '') end::varchar
$$;
-- CONCAT takes exactly two arguments and is null when either is
-- (https://docs.aws.amazon.com/redshift/latest/dg/r_CONCAT.html); the rewrite
-- calls these for two-argument CONCAT, the policy refuses other counts.
create or replace function redshift_local.concat(a text, b text) returns varchar
language sql immutable parallel safe as $$ select (a || b)::varchar $$;
create or replace function redshift_local.concat(a text, b anynonarray) returns varchar
language sql immutable parallel safe as $$ select (a || b::text)::varchar $$;
create or replace function redshift_local.concat(a anynonarray, b text) returns varchar
language sql immutable parallel safe as $$ select (a::text || b)::varchar $$;
create or replace function redshift_local.concat(a bytea, b bytea) returns bytea
language sql immutable parallel safe as $$ select a || b $$;

-- SPLIT_PART: the position counts from 1 and must be greater than 0
-- (https://docs.aws.amazon.com/redshift/latest/dg/SPLIT_PART.html).
create or replace function redshift_local.split_part(s text, delimiter text, part int4) returns varchar
language sql immutable parallel safe as $$
  select case when part < 1
    then redshift_local.raise_error('field position must be greater than zero', '22023')
    else pg_catalog.split_part(s, delimiter, part) end::varchar
$$;

-- SOUNDEX (American Soundex of the ASCII letters, others ignored) and
-- DIFFERENCE (matching positions of two codes)
-- (https://docs.aws.amazon.com/redshift/latest/dg/SOUNDEX.html, DIFFERENCE.html).
create or replace function pg_catalog.soundex(s text) returns varchar
language plpgsql immutable strict parallel safe as $$
declare
  letters text := pg_catalog.upper(pg_catalog.regexp_replace(s, '[^A-Za-z]', '', 'g'));
  codes constant text := '01230120022455012623010202';
  result text;
  previous text;
  c text;
  code text;
  i int4;
begin
  if letters = '' then return ''; end if;
  result := pg_catalog.substr(letters, 1, 1);
  previous := pg_catalog.substr(codes, pg_catalog.ascii(result) - 64, 1);
  for i in 2 .. pg_catalog.length(letters) loop
    c := pg_catalog.substr(letters, i, 1);
    code := pg_catalog.substr(codes, pg_catalog.ascii(c) - 64, 1);
    if code = '0' then
      -- Vowels separate equal codes; H and W do not.
      if c not in ('H', 'W') then previous := '0'; end if;
    elsif code <> previous then
      result := result || code;
      previous := code;
      exit when pg_catalog.length(result) = 4;
    end if;
  end loop;
  return pg_catalog.rpad(result, 4, '0');
end
$$;
create or replace function pg_catalog.difference(a text, b text) returns int4
language sql immutable strict parallel safe as $$
  select case
    when a = '' or b = '' then 0
    when pg_catalog.soundex(a) = '' and pg_catalog.soundex(b) = '' then 1
    else (select pg_catalog.count(*)::int4 from pg_catalog.generate_series(1, 4) as g(i)
          where pg_catalog.substr(pg_catalog.soundex(a), i, 1) <> ''
            and pg_catalog.substr(pg_catalog.soundex(a), i, 1) = pg_catalog.substr(pg_catalog.soundex(b), i, 1))
  end
$$;

-- MURMUR3_32_HASH: 32-bit Murmur3A over the binary form Apache Iceberg's
-- hash specification gives a value (integers as 8-byte little-endian longs,
-- dates as days and timestamps as microseconds since 1970, strings as
-- UTF-8); the seed defaults to 0 (https://docs.aws.amazon.com/redshift/latest/dg/MURMUR3_32_HASH.html).
create or replace function redshift_local.mul32(a int8, b int8) returns int8
language sql immutable parallel safe as $$
  select ((a * (b & 65535)) + (((a * (b >> 16)) & 65535) << 16)) & 4294967295
$$;
create or replace function redshift_local.murmur3(bytes bytea, seed int4) returns int4
language plpgsql immutable parallel safe as $$
declare
  mask constant int8 := 4294967295;
  h int8 := coalesce(seed, 0)::int8 & 4294967295;
  k int8;
  n int4 := pg_catalog.length(bytes);
  i int4 := 0;
begin
  if bytes is null then return null; end if;
  while i + 4 <= n loop
    k := pg_catalog.get_byte(bytes, i)::int8 | (pg_catalog.get_byte(bytes, i + 1)::int8 << 8)
      | (pg_catalog.get_byte(bytes, i + 2)::int8 << 16) | (pg_catalog.get_byte(bytes, i + 3)::int8 << 24);
    k := redshift_local.mul32(k, 3432918353);
    k := ((k << 15) | (k >> 17)) & mask;
    k := redshift_local.mul32(k, 461845907);
    h := h # k;
    h := ((h << 13) | (h >> 19)) & mask;
    h := (redshift_local.mul32(h, 5) + 3864292196) & mask;
    i := i + 4;
  end loop;
  k := 0;
  if n % 4 = 3 then k := k # (pg_catalog.get_byte(bytes, i + 2)::int8 << 16); end if;
  if n % 4 >= 2 then k := k # (pg_catalog.get_byte(bytes, i + 1)::int8 << 8); end if;
  if n % 4 >= 1 then
    k := k # pg_catalog.get_byte(bytes, i)::int8;
    k := redshift_local.mul32(k, 3432918353);
    k := ((k << 15) | (k >> 17)) & mask;
    k := redshift_local.mul32(k, 461845907);
    h := h # k;
  end if;
  h := h # n;
  h := h # (h >> 16);
  h := redshift_local.mul32(h, 2246822507);
  h := h # (h >> 13);
  h := redshift_local.mul32(h, 3266489909);
  h := h # (h >> 16);
  if h >= 2147483648 then h := h - 4294967296; end if;
  return h::int4;
end
$$;
create or replace function pg_catalog.murmur3_32_hash(v int8, seed int4 default 0) returns int4
language sql immutable parallel safe as $$
  select case when v is null then null else redshift_local.murmur3(redshift_local.little_endian(v, 8), seed) end
$$;
create or replace function pg_catalog.murmur3_32_hash(v int4, seed int4 default 0) returns int4
language sql immutable parallel safe as $$ select pg_catalog.murmur3_32_hash(v::int8, seed) $$;
create or replace function pg_catalog.murmur3_32_hash(v int2, seed int4 default 0) returns int4
language sql immutable parallel safe as $$ select pg_catalog.murmur3_32_hash(v::int8, seed) $$;
create or replace function pg_catalog.murmur3_32_hash(v date, seed int4 default 0) returns int4
language sql immutable parallel safe as $$ select pg_catalog.murmur3_32_hash((v - '1970-01-01'::date)::int8, seed) $$;
create or replace function pg_catalog.murmur3_32_hash(v timestamp, seed int4 default 0) returns int4
language sql immutable parallel safe as $$
  select pg_catalog.murmur3_32_hash((extract(epoch from v) * 1000000)::int8, seed)
$$;
create or replace function pg_catalog.murmur3_32_hash(v text, seed int4 default 0) returns int4
language sql immutable parallel safe as $$
  select redshift_local.murmur3(pg_catalog.convert_to(v, 'UTF8'), seed)
$$;
create or replace function pg_catalog.murmur3_32_hash(v anyelement, seed int4 default 0) returns int4
language plpgsql immutable parallel safe as $$
begin
  raise exception 'MURMUR3_32_HASH of % is not supported by the local emulator', pg_catalog.pg_typeof(v)
    using errcode = '0A000', hint = 'hash integers, dates, timestamps or strings, or cast the value to VARCHAR';
end
$$;

-- QUOTE_LITERAL doubles quotes and backslashes inside plain quotes, where
-- PostgreSQL's writes an E'' literal (https://docs.aws.amazon.com/redshift/latest/dg/r_QUOTE_LITERAL.html).
create or replace function redshift_local.quote_literal(s text) returns varchar
language sql immutable strict parallel safe as $$
  select ('''' || pg_catalog.replace(pg_catalog.replace(s, pg_catalog.chr(92), pg_catalog.chr(92) || pg_catalog.chr(92)),
    '''', '''''') || '''')::varchar
$$;
create or replace function redshift_local.quote_literal(v anynonarray) returns varchar
language sql immutable strict parallel safe as $$ select redshift_local.quote_literal(v::text) $$;

-- BPCHARCMP and its synonym BTTEXT_PATTERN_CMP answer 1, 0 or -1 and
-- compare multibyte characters by their bytes
-- (https://docs.aws.amazon.com/redshift/latest/dg/r_BPCHARCMP.html), where
-- PostgreSQL's answer any number of either sign, in the collation's order.
create or replace function redshift_local.bpcharcmp(a text, b text) returns int4
language sql immutable strict parallel safe as $$
  select pg_catalog.sign(pg_catalog.bpcharcmp(a::bpchar collate "C", b::bpchar collate "C"))::int4
$$;
create or replace function redshift_local.bttext_pattern_cmp(a text, b text) returns int4
language sql immutable strict parallel safe as $$ select redshift_local.bpcharcmp(a, b) $$;

-- REVERSE takes numbers and dates as well, "implicitly converted to
-- variable-length character strings", and returns a VARCHAR
-- (https://docs.aws.amazon.com/redshift/latest/dg/r_REVERSE.html).
create or replace function redshift_local.reverse(s text) returns varchar
language sql immutable strict parallel safe as $$ select pg_catalog.reverse(s)::varchar $$;
create or replace function redshift_local.reverse(v anynonarray) returns varchar
language sql stable strict parallel safe as $$ select redshift_local.reverse(v::text) $$;

-- CHR returns a CHAR string, and null for a number with no ASCII match
-- (https://docs.aws.amazon.com/redshift/latest/dg/r_CHR.html), where
-- PostgreSQL's returns TEXT of any Unicode code point.
create or replace function redshift_local.chr(n int4) returns bpchar
language sql immutable strict parallel safe as $$
  select case when n between 0 and 127 then pg_catalog.chr(n)::bpchar end
$$;

-- Target of the COLLATE(string, 'case_insensitive') rewrite: comparisons
-- that ignore case (https://docs.aws.amazon.com/redshift/latest/dg/r_COLLATE.html).
-- It needs ICU; without it the rewritten call fails naming the collation.
do $collation$
begin
  if not exists (select 1 from pg_catalog.pg_collation
                 where collname = 'case_insensitive' and collnamespace = 'redshift_local'::regnamespace) then
    create collation redshift_local.case_insensitive (provider = icu, locale = 'und-u-ks-level2', deterministic = false);
  end if;
exception when others then
  null;
end
$collation$;
`
