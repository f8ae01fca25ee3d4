// No backslash appears in any string literal below: function bodies are
// parsed in the caller's session, where standard_conforming_strings may be off.

/**
 * VARBYTE's casts and operators (VARBYTE values are `bytea` in the backing
 * database, and the `varbyte` / `varbinary` domains over it name the type in
 * casts):
 *
 * - SMALLINT, INTEGER and BIGINT cast to VARBYTE keep their 2, 4 and 8 bytes,
 *   most significant first (`5::smallint::varbyte` is `0005`,
 *   r_VARBYTE_type.html); a VARBYTE of exactly that many bytes casts back.
 *   The page lists casts both ways but shows no example back, so other
 *   lengths are refused as an emulator limit rather than guessed.
 * - VARBYTE cast to VARCHAR, CHAR (and TEXT) is its bytes read as UTF-8
 *   ("When casting with CHAR and VARCHAR the UTF-8 format is used"), where
 *   PostgreSQL would print `\x...`; invalid UTF-8 fails (22021).
 * - The operators of r_VARBYTE_OPERATORS.html PostgreSQL lacks for bytea:
 *   `+` concatenates like `||`, `~` negates each bit, `&` and `|` are bitwise
 *   AND and OR of two values of one length (Redshift's result for two
 *   lengths is not documented: refused as an emulator limit).
 *
 * The casts are explicit only, as CAST and `::` write them. The functions
 * live in `redshift_local`, so a catalog rebuild drops the casts and
 * operators with them (cascade) before this script makes them again.
 */
export const VARBYTE_CASTS_SQL = `
create or replace function redshift_local.int2_varbyte(v int2) returns bytea
language sql immutable strict parallel safe as $$ select pg_catalog.int2send(v) $$;
create or replace function redshift_local.int4_varbyte(v int4) returns bytea
language sql immutable strict parallel safe as $$ select pg_catalog.int4send(v) $$;
create or replace function redshift_local.int8_varbyte(v int8) returns bytea
language sql immutable strict parallel safe as $$ select pg_catalog.int8send(v) $$;

create or replace function redshift_local.varbyte_integer_length(b bytea, n int4, type_name text) returns void
language plpgsql immutable parallel safe as $$
begin
  if pg_catalog.length(b) <> n then
    raise exception using errcode = '0A000',
      message = pg_catalog.format('casting a VARBYTE of %s bytes to %s is not supported by the local emulator', pg_catalog.length(b), type_name),
      hint = pg_catalog.format('an emulator limit: only a VARBYTE of %s bytes casts to %s', n, type_name);
  end if;
end
$$;
create or replace function redshift_local.varbyte_int2(b bytea) returns int2
language plpgsql immutable strict parallel safe as $$
declare
  v int4;
begin
  perform redshift_local.varbyte_integer_length(b, 2, 'SMALLINT');
  v := pg_catalog.get_byte(b, 0) * 256 + pg_catalog.get_byte(b, 1);
  return (case when v >= 32768 then v - 65536 else v end)::int2;
end
$$;
create or replace function redshift_local.varbyte_int4(b bytea) returns int4
language plpgsql immutable strict parallel safe as $$
begin
  perform redshift_local.varbyte_integer_length(b, 4, 'INTEGER');
  return pg_catalog.int4(('x' || pg_catalog.encode(b, 'hex'))::bit(32));
end
$$;
create or replace function redshift_local.varbyte_int8(b bytea) returns int8
language plpgsql immutable strict parallel safe as $$
begin
  perform redshift_local.varbyte_integer_length(b, 8, 'BIGINT');
  return pg_catalog.int8(('x' || pg_catalog.encode(b, 'hex'))::bit(64));
end
$$;

-- x::varbyte(n): what Redshift does with a longer value is not documented.
create or replace function redshift_local.varbyte_fit(b bytea, n int4) returns bytea
language plpgsql immutable strict parallel safe as $$
begin
  if pg_catalog.length(b) > n then
    raise exception using errcode = '0A000',
      message = pg_catalog.format('casting a VARBYTE of %s bytes to VARBYTE(%s) is not supported by the local emulator', pg_catalog.length(b), n),
      hint = 'an emulator limit: cast to VARBYTE without a length, or to one the value fits';
  end if;
  return b;
end
$$;

create or replace function redshift_local.varbyte_text(b bytea) returns text
language sql immutable strict parallel safe as $$ select pg_catalog.convert_from(b, 'UTF8') $$;
create or replace function redshift_local.varbyte_varchar(b bytea) returns varchar
language sql immutable strict parallel safe as $$ select pg_catalog.convert_from(b, 'UTF8')::varchar $$;
create or replace function redshift_local.varbyte_bpchar(b bytea) returns bpchar
language sql immutable strict parallel safe as $$ select pg_catalog.convert_from(b, 'UTF8')::bpchar $$;

create or replace function redshift_local.varbyte_concat(a bytea, b bytea) returns bytea
language sql immutable strict parallel safe as $$ select a || b $$;
create or replace function redshift_local.varbyte_not(b bytea) returns bytea
language sql immutable strict parallel safe as $$
  select pg_catalog.decode(coalesce((select pg_catalog.string_agg(
    pg_catalog.lpad(pg_catalog.to_hex(255 - pg_catalog.get_byte(b, i)), 2, '0'), '' order by i)
    from pg_catalog.generate_series(0, pg_catalog.length(b) - 1) as g(i)), ''), 'hex')
$$;
create or replace function redshift_local.varbyte_bits(a bytea, b bytea, op text) returns bytea
language plpgsql immutable strict parallel safe as $$
begin
  if pg_catalog.length(a) <> pg_catalog.length(b) then
    raise exception using errcode = '0A000',
      message = pg_catalog.format('VARBYTE %s of values of %s and %s bytes is not supported by the local emulator', op, pg_catalog.length(a), pg_catalog.length(b)),
      hint = 'an emulator limit: Redshift''s result for two lengths is not documented';
  end if;
  return pg_catalog.decode(coalesce((select pg_catalog.string_agg(
    pg_catalog.lpad(pg_catalog.to_hex(case op
      when '&' then pg_catalog.get_byte(a, i) & pg_catalog.get_byte(b, i)
      else pg_catalog.get_byte(a, i) | pg_catalog.get_byte(b, i) end), 2, '0'), '' order by i)
    from pg_catalog.generate_series(0, pg_catalog.length(a) - 1) as g(i)), ''), 'hex');
end
$$;
create or replace function redshift_local.varbyte_and(a bytea, b bytea) returns bytea
language sql immutable strict parallel safe as $$ select redshift_local.varbyte_bits(a, b, '&') $$;
create or replace function redshift_local.varbyte_or(a bytea, b bytea) returns bytea
language sql immutable strict parallel safe as $$ select redshift_local.varbyte_bits(a, b, '|') $$;

create cast (int2 as bytea) with function redshift_local.int2_varbyte(int2);
create cast (int4 as bytea) with function redshift_local.int4_varbyte(int4);
create cast (int8 as bytea) with function redshift_local.int8_varbyte(int8);
create cast (bytea as int2) with function redshift_local.varbyte_int2(bytea);
create cast (bytea as int4) with function redshift_local.varbyte_int4(bytea);
create cast (bytea as int8) with function redshift_local.varbyte_int8(bytea);
create cast (bytea as text) with function redshift_local.varbyte_text(bytea);
create cast (bytea as varchar) with function redshift_local.varbyte_varchar(bytea);
create cast (bytea as bpchar) with function redshift_local.varbyte_bpchar(bytea);
create operator redshift_local.@< (leftarg = bytea, rightarg = int4, function = redshift_local.varbyte_fit);
create operator pg_catalog.+ (leftarg = bytea, rightarg = bytea, function = redshift_local.varbyte_concat);
create operator pg_catalog.~ (rightarg = bytea, function = redshift_local.varbyte_not);
create operator pg_catalog.& (leftarg = bytea, rightarg = bytea, function = redshift_local.varbyte_and);
create operator pg_catalog.| (leftarg = bytea, rightarg = bytea, function = redshift_local.varbyte_or);
`
