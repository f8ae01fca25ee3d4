// No backslash appears in any string literal below: function bodies are
// parsed in the caller's session, where standard_conforming_strings may be off.

/**
 * Redshift's CHAR(n) and VARCHAR(n) count bytes, not characters, and CHAR
 * holds single-byte characters only
 * (https://docs.aws.amazon.com/redshift/latest/dg/r_Character_types.html).
 * PostgreSQL applies a column's or a cast's length through one function per
 * type, the length coercion of `pg_cast` (varchar -> varchar, bpchar ->
 * bpchar), for INSERT, UPDATE, CREATE TABLE AS expressions and casts alike
 * (a literal reaches it too: PostgreSQL reads literals without the length
 * and coerces after). Pointing those two casts at the functions below makes
 * every length a byte length, with no per-table constraint:
 *
 * - storing (an implicit coercion): more than n bytes is `22001 value too
 *   long for type character varying(n)`, unless the excess is blanks
 *   (https://docs.aws.amazon.com/redshift/latest/dg/r_Examples_with_character_types.html);
 *   a multibyte character in a CHAR is refused with the COPY load error's
 *   text (the INSERT text is not documented);
 * - casting (explicit): the value is cut to n bytes, as Redshift's docs show
 *   for `'...'::char(20)`; the cut falls between characters, as COPY's
 *   TRUNCATECOLUMNS does (src/local/load/convert-field.ts keeps the same rule
 *   for the rows COPY loads, which PostgreSQL reads without these casts).
 *
 * `BYTE_LENGTH_CASTS_RESET_SQL` puts PostgreSQL's own functions back before
 * the catalog drops its functions, so the casts never name a dropped one.
 */
export const BYTE_LENGTHS_SQL = `
-- The longest prefix of s of at most n UTF-8 bytes that ends between characters.
create or replace function redshift_local.truncate_bytes(s text, n int4) returns text
language plpgsql immutable strict parallel safe as $$
declare
  b bytea := pg_catalog.convert_to(s, 'UTF8');
  cut int4 := n;
begin
  if pg_catalog.length(b) <= n then return s; end if;
  -- Step back over continuation bytes (10xxxxxx) to a character start.
  while cut > 0 and (pg_catalog.get_byte(b, cut) & 192) = 128 loop
    cut := cut - 1;
  end loop;
  return pg_catalog.convert_from(pg_catalog.substr(b, 1, cut), 'UTF8');
end
$$;

create or replace function redshift_local.value_too_long(type_name text, n int4) returns text
language plpgsql immutable parallel safe as $$
begin
  raise exception using errcode = '22001',
    message = pg_catalog.format('value too long for type %s(%s)', type_name, n);
end
$$;

-- A stored VARBYTE(n) longer than n bytes (sql/stored-value-checks.ts).
create or replace function redshift_local.varbyte_too_long(b bytea, n int4) returns text
language plpgsql immutable parallel safe as $$
begin
  return redshift_local.value_too_long('varbyte', n);
end
$$;

-- A stored DATE outside Redshift's range (sql/stored-value-checks.ts), in
-- the words the DATE literal check uses.
create or replace function redshift_local.date_out_of_range(d date) returns text
language plpgsql immutable parallel safe as $$
begin
  raise exception using errcode = '22008', message = pg_catalog.format('date out of range: "%s"', d);
end
$$;

create or replace function redshift_local.multibyte_char(s text) returns text
language plpgsql immutable parallel safe as $$
declare
  ch text := pg_catalog.substring(s, '[^[:ascii:]]');
begin
  raise exception using errcode = '22001',
    message = 'Multibyte character not supported for CHAR (Hint: Try using VARCHAR). Invalid char: '
      || pg_catalog.encode(pg_catalog.convert_to(ch, 'UTF8'), 'hex');
end
$$;

-- typmod is n + 4, as PostgreSQL passes it; -1 means no length. PL/pgSQL,
-- not SQL: a SQL body would be inlined, and the call must stay a length
-- coercion, which is how PostgreSQL knows the result's length (CTAS column
-- types, RowDescription typmods); it is also the faster of the two per row.
create or replace function redshift_local.varchar_bytes(s varchar, typmod int4, explicit boolean)
returns varchar language plpgsql immutable strict parallel safe as $$
begin
  if typmod < 5 or pg_catalog.octet_length(s) <= typmod - 4 then
    return s;
  end if;
  if explicit or pg_catalog.octet_length(pg_catalog.rtrim(s, ' ')) <= typmod - 4 then
    return redshift_local.truncate_bytes(s, typmod - 4);
  end if;
  return redshift_local.value_too_long('character varying', typmod - 4);
end
$$;

create or replace function redshift_local.char_bytes(s bpchar, typmod int4, explicit boolean)
returns bpchar language plpgsql immutable strict parallel safe as $$
begin
  if typmod < 5 then
    return s;
  end if;
  if pg_catalog.octet_length(s::text) = pg_catalog.char_length(s::text) then
    return pg_catalog.bpchar(s, typmod, explicit);
  end if;
  if explicit then
    return pg_catalog.bpchar(redshift_local.truncate_bytes(s::text, typmod - 4)::bpchar, typmod, true);
  end if;
  return redshift_local.multibyte_char(s::text);
end
$$;

update pg_catalog.pg_cast
  set castfunc = 'redshift_local.varchar_bytes(varchar, int4, boolean)'::regprocedure
  where castsource = 'pg_catalog.varchar'::regtype and casttarget = 'pg_catalog.varchar'::regtype;
update pg_catalog.pg_cast
  set castfunc = 'redshift_local.char_bytes(bpchar, int4, boolean)'::regprocedure
  where castsource = 'pg_catalog.bpchar'::regtype and casttarget = 'pg_catalog.bpchar'::regtype;
`

/** Puts PostgreSQL's own length coercions back (before the catalog's functions are dropped). */
export const BYTE_LENGTH_CASTS_RESET_SQL = `
update pg_catalog.pg_cast
  set castfunc = 'pg_catalog.varchar(varchar, int4, boolean)'::regprocedure
  where castsource = 'pg_catalog.varchar'::regtype and casttarget = 'pg_catalog.varchar'::regtype;
update pg_catalog.pg_cast
  set castfunc = 'pg_catalog.bpchar(bpchar, int4, boolean)'::regprocedure
  where castsource = 'pg_catalog.bpchar'::regtype and casttarget = 'pg_catalog.bpchar'::regtype;
`
