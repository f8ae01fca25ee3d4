// No backslash appears in any string literal below: function bodies are
// parsed in the caller's session, where standard_conforming_strings may be off.

/** Scalar types a SUPER value casts to and from (Redshift's own types, as PostgreSQL names them). */
const NUMBER_TYPES = ['int2', 'int4', 'int8', 'numeric', 'float4', 'float8']
// TEXT is VARCHAR on Redshift: a text value (an untyped literal coming out
// of a subquery is one in PostgreSQL) stored into or cast to SUPER is a
// string scalar, as a VARCHAR is. JSON text is parsed with json_text below.
const TEXT_TYPES = ['varchar', 'bpchar', 'text']
/** FLOAT4 and FLOAT8: a SUPER float is written with an exponent (see super_float). */
const FLOAT_TYPES = ['float4', 'float8']
/** Date and time types are read from SUPER strings only (limitations-super.html). */
const TIME_TYPES = ['date', 'timestamp', 'timestamptz', 'time', 'timetz']

/** Redshift's names of the types above, for messages. */
const TYPE_NAMES: Readonly<Record<string, string>> = {
  int2: 'smallint',
  int4: 'integer',
  int8: 'bigint',
  float4: 'real',
  float8: 'double precision',
  bpchar: 'character',
  varchar: 'character varying',
  bool: 'boolean',
  timestamptz: 'timestamp with time zone',
  timestamp: 'timestamp without time zone',
  timetz: 'time with time zone',
  time: 'time without time zone',
}

/** Comparison operators SUPER values take with each other and with scalars. */
const COMPARISONS = [
  ['=', 'eq', '= 0'],
  ['<>', 'ne', '<> 0'],
  ['<', 'lt', '< 0'],
  ['<=', 'le', '<= 0'],
  ['>', 'gt', '> 0'],
  ['>=', 'ge', '>= 0'],
] as const

/**
 * A cast from SUPER to `type`: a string is read as that type's text, a number
 * through NUMERIC, a boolean as itself; anything that does not convert is
 * NULL, as Redshift turns SUPER cast errors into NULL
 * (https://docs.aws.amazon.com/redshift/latest/dg/limitations-super.html:
 * `5::super::bool` is true, `5.0::super::bool` is NULL), or an error with
 * cast_super_null_on_error off. A JSON null casts to NULL in both modes.
 */
function castFromSuper(type: string): string {
  const numberCase =
    type === 'bool'
      ? `if t = 'number' then
    if pg_catalog.strpos(j::text, '.') > 0 or pg_catalog.strpos(pg_catalog.lower(j::text), 'e') > 0 then
      raise exception 'not an integer';
    end if;
    return (j::text)::int8 <> 0;
  end if;`
      : TIME_TYPES.includes(type)
        ? ''
        : `if t = 'number' then return (j::text)::numeric::${type}; end if;`
  const boolCase =
    type === 'bool' || TEXT_TYPES.includes(type)
      ? `if t = 'boolean' then return (j::text)::bool::${type}; end if;`
      : ''
  const textNumber = TEXT_TYPES.includes(type)
    ? `if t = 'number' then return (j::text)::${type}; end if;`
    : ''
  return `
create or replace function redshift_local.super_to_${type}(j json) returns ${type}
language plpgsql stable strict parallel safe as $$
declare t text := pg_catalog.json_typeof(j);
begin
  if t = 'null' then return null; end if;
  begin
    if t = 'string' then return (j #>> '{}')::${type}; end if;
    ${textNumber}
    ${numberCase}
    ${boolCase}
  exception when others then
    null;
  end;
  if redshift_local.super_strict('cast_super_null_on_error') then
    raise exception 'cannot cast SUPER value % to ${TYPE_NAMES[type] ?? type}', j::text using errcode = 'XX000';
  end if;
  return null;
end
$$;
create cast (json as ${type}) with function redshift_local.super_to_${type}(json);`
}

/**
 * A cast of a scalar into SUPER, on assignment too (INSERT INTO t VALUES (1.22)).
 * (json -> text keeps PostgreSQL's meaning, the JSON text, which the
 * functions here read; casts of SUPER to TEXT are rewritten to VARCHAR.)
 */
function castToSuper(type: string): string {
  const value = FLOAT_TYPES.includes(type)
    ? 'redshift_local.super_float(v::text)'
    : 'pg_catalog.to_json(v)'
  return `
create or replace function redshift_local.super_from_${type}(v ${type}) returns json
language sql immutable strict parallel safe as $$ select ${value} $$;
create cast (${type} as json) with function redshift_local.super_from_${type}(${type}) as assignment;`
}

/**
 * What a comparison of values of different dynamic types gives
 * (query-super.html, dynamic typing): `=` is false, `<>` true, an order
 * NULL ("Amazon Redshift can't compare values of different types").
 */
function mismatch(op: string): string {
  return op === '=' ? 'false' : op === '<>' ? 'true' : 'null'
}

/**
 * SUPER against a scalar: compared as that scalar when the SUPER value holds
 * that kind of scalar, else as {@link mismatch} says. Strings compare without
 * their trailing blanks, as VARCHAR and CHAR do.
 */
function scalarComparisons(type: string, kind: string, read: string): string {
  const left = kind === 'string' ? `pg_catalog.rtrim(${read}, ' ')` : read
  const right = (v: string) =>
    kind === 'string' ? `pg_catalog.rtrim(${v}, ' ')` : v
  return COMPARISONS.map(
    ([op, name]) => `
create or replace function redshift_local.super_${name}_${type}(a json, b ${type}) returns boolean
language sql immutable strict parallel safe as $$
  select case when pg_catalog.json_typeof(a) = '${kind}' then ${left} ${op} ${right('b')} else ${mismatch(op)} end
$$;
create or replace function redshift_local.${type}_${name}_super(a ${type}, b json) returns boolean
language sql immutable strict parallel safe as $$
  select case when pg_catalog.json_typeof(b) = '${kind}' then ${right('a')} ${op} ${left.replace(/\ba\b/g, 'b')} else ${mismatch(op)} end
$$;
create operator pg_catalog.${op} (leftarg = json, rightarg = ${type}, function = redshift_local.super_${name}_${type});
create operator pg_catalog.${op} (leftarg = ${type}, rightarg = json, function = redshift_local.${type}_${name}_super);`,
  ).join('')
}

/**
 * SUPER against SUPER: values of one dynamic type by {@link SUPER_CMP}'s
 * order, values of different types as {@link mismatch} says.
 */
const SUPER_COMPARISONS = COMPARISONS.map(
  ([op, name, test]) => `
create or replace function redshift_local.super_${name}(a json, b json) returns boolean
language sql immutable strict parallel safe as $$
  select case when redshift_local.super_rank(a) = redshift_local.super_rank(b)
    then redshift_local.super_cmp(a, b) ${test} else ${mismatch(op)} end
$$;
create operator pg_catalog.${op} (leftarg = json, rightarg = json, function = redshift_local.super_${name});`,
).join('')

/**
 * The total order ORDER BY (and GROUP BY, DISTINCT) ranks SUPER values by:
 * booleans, numbers, strings, arrays, objects (query-super.html, ORDER BY),
 * then the JSON null, whose place the page does not give. Numbers by value
 * (1 = 1.0), strings without trailing blanks and case-insensitively first,
 * as the page's example orders "Amazon" before "AWS" (then by their bytes,
 * so that only equal strings tie); arrays and objects by PostgreSQL's jsonb
 * order, which the page does not define either.
 */
const SUPER_CMP = `
create or replace function redshift_local.super_rank(j json) returns int4
language sql immutable strict parallel safe as $$
  select case pg_catalog.json_typeof(j) when 'boolean' then 1 when 'number' then 2
    when 'string' then 3 when 'array' then 4 when 'object' then 5 else 6 end
$$;
create or replace function redshift_local.super_cmp(a json, b json) returns integer
language plpgsql immutable strict parallel safe as $$
declare
  ra int4 := redshift_local.super_rank(a);
  rb int4 := redshift_local.super_rank(b);
  x text;
  y text;
begin
  if ra <> rb then return case when ra < rb then -1 else 1 end; end if;
  if ra = 1 then
    return case when (a::text)::bool = (b::text)::bool then 0 when (a::text)::bool then 1 else -1 end;
  elsif ra = 2 then
    return case when (a::text)::numeric = (b::text)::numeric then 0
      when (a::text)::numeric < (b::text)::numeric then -1 else 1 end;
  elsif ra = 3 then
    x := pg_catalog.rtrim(a #>> '{}', ' ');
    y := pg_catalog.rtrim(b #>> '{}', ' ');
    return case when x = y then 0
      when pg_catalog.lower(x) collate "C" < pg_catalog.lower(y) collate "C" then -1
      when pg_catalog.lower(x) collate "C" > pg_catalog.lower(y) collate "C" then 1
      when x collate "C" < y collate "C" then -1 else 1 end;
  elsif ra = 6 then
    return 0;
  end if;
  return pg_catalog.jsonb_cmp(a::jsonb, b::jsonb);
end
$$;`

/** Arithmetic on SUPER values, and between SUPER and numbers. */
const ARITHMETIC = [
  ['+', 'add'],
  ['-', 'sub'],
  ['*', 'mul'],
  ['/', 'div'],
  ['%', 'mod'],
] as const

const SUPER_ARITHMETIC = ARITHMETIC.map(
  ([op, name]) => `
create or replace function redshift_local.super_${name}(a json, b json) returns json
language sql immutable strict parallel safe as $$ select redshift_local.super_arith(a, b, '${op}') $$;
create operator pg_catalog.${op} (leftarg = json, rightarg = json, function = redshift_local.super_${name});
${NUMBER_TYPES.map(
  (
    t,
  ) => `create or replace function redshift_local.super_${name}_${t}(a json, b ${t}) returns json
language sql immutable strict parallel safe as $$ select redshift_local.super_arith(a, redshift_local.to_super(b), '${op}') $$;
create operator pg_catalog.${op} (leftarg = json, rightarg = ${t}, function = redshift_local.super_${name}_${t});
create or replace function redshift_local.${t}_${name}_super(a ${t}, b json) returns json
language sql immutable strict parallel safe as $$ select redshift_local.super_arith(redshift_local.to_super(a), b, '${op}') $$;
create operator pg_catalog.${op} (leftarg = ${t}, rightarg = json, function = redshift_local.${t}_${name}_super);`,
).join('\n')}`,
).join('')

/** The value argument of the array search functions: as SUPER, as text, or any scalar. */
const SEARCH_VALUES = [
  ['json', 'v'],
  ['text', 'pg_catalog.to_json(v)'],
  ['anyelement', 'pg_catalog.to_json(v)'],
] as const

/** How each search function reads the positions it found (null: NULL). */
const SEARCHES = [
  ['array_contains', 'boolean', 'pg_catalog.cardinality(p) > 0'],
  [
    'array_position',
    'int4',
    'case when pg_catalog.cardinality(p) = 0 then -1 else p[1] end',
  ],
  ['array_positions', 'json', 'pg_catalog.array_to_json(p)'],
] as const

const ARRAY_SEARCH = SEARCHES.flatMap(([name, returns, read]) =>
  SEARCH_VALUES.flatMap(([type, value]) => [
    `create or replace function pg_catalog.${name}(a json, v ${type}, null_match boolean) returns ${returns}
language sql stable parallel safe as $$
  select ${read} from (select redshift_local.super_positions(a, ${value},
    redshift_local.super_null_match(null_match)) as p) as s
$$;`,
    `create or replace function pg_catalog.${name}(a json, v ${type}) returns ${returns}
language sql stable parallel safe as $$ select pg_catalog.${name}(a, v, null) $$;`,
  ]),
).join('\n')

/**
 * SUPER for PostgreSQL. Redshift prints a SUPER value as compact JSON with
 * its object keys in the order they were written
 * (https://docs.aws.amazon.com/redshift/latest/dg/JSON_SERIALIZE.html), so
 * SUPER columns are PostgreSQL `json` (which keeps text as is: jsonb would
 * sort the keys) holding the canonical compact text JSON_PARSE makes; every
 * function below keeps that form. A domain `super` exists for casts
 * (`x::super`), btree operators give SUPER values equality and order
 * (GROUP BY, DISTINCT, joins), and navigation, unnesting and the SUPER
 * functions are here for `rewriteSuper` (src/local/sql/super-rewrite.ts).
 * Lax semantics by default: a missing attribute, a wrong type or an index
 * out of range is NULL.
 */
export const SUPER_FUNCTIONS_SQL = `
-- JSON text read as JSON. A cast of TEXT to json is no parse here: TEXT is
-- Redshift's VARCHAR, which becomes a SUPER string (see castToSuper).
create or replace function redshift_local.json_text(t text) returns json
language sql immutable strict parallel safe as $$ select pg_catalog.json_in(t::cstring) $$;
-- A FLOAT4 / FLOAT8 (its shortest text, as float4out / float8out give it)
-- as a SUPER float: Redshift prints a float in SUPER with one digit before
-- the point and a signed exponent, 2.22::float as 2.22e+0
-- (https://docs.aws.amazon.com/redshift/latest/dg/r_is_float.html), which is
-- what tells it from a decimal (IS_FLOAT). How Redshift prints NaN and the
-- infinities in SUPER is not documented: they stay PostgreSQL's strings.
create or replace function redshift_local.super_float(t text) returns json
language plpgsql immutable strict parallel safe as $$
declare
  lowered text := pg_catalog.lower(t);
  negative boolean := pg_catalog.left(lowered, 1) = '-';
  body text := pg_catalog.ltrim(pg_catalog.split_part(lowered, 'e', 1), '-');
  shift int4 := coalesce(nullif(pg_catalog.split_part(lowered, 'e', 2), ''), '0')::int4;
  whole text := pg_catalog.split_part(body, '.', 1);
  digits text := whole || pg_catalog.split_part(body, '.', 2);
  significant text := pg_catalog.ltrim(digits, '0');
  exponent int4;
begin
  if lowered in ('nan', 'infinity', '-infinity') then return pg_catalog.to_json(t); end if;
  if pg_catalog.rtrim(significant, '0') = '' then
    return redshift_local.json_text(case when negative then '-0e+0' else '0e+0' end);
  end if;
  exponent := shift + pg_catalog.length(whole) - 1 - (pg_catalog.length(digits) - pg_catalog.length(significant));
  significant := pg_catalog.rtrim(significant, '0');
  return redshift_local.json_text((case when negative then '-' else '' end)
    || pg_catalog.left(significant, 1)
    || case when pg_catalog.length(significant) > 1 then '.' || pg_catalog.substr(significant, 2) else '' end
    || 'e' || case when exponent < 0 then '-' else '+' end || pg_catalog.abs(exponent)::text);
end
$$;
-- Whether a SUPER number is a float (written with an exponent).
create or replace function redshift_local.super_is_float(j json) returns boolean
language sql immutable strict parallel safe as $$
  select pg_catalog.json_typeof(j) = 'number' and pg_catalog.strpos(pg_catalog.lower(j::text), 'e') > 0
$$;
-- Compact JSON text with the keys in their written order.
create or replace function redshift_local.super_canon(j json) returns json
language plpgsql stable strict parallel safe as $$
declare t text := pg_catalog.json_typeof(j);
begin
  if t = 'object' and exists (select 1 from pg_catalog.json_each(j) as e(key, value)
      group by e.key having pg_catalog.count(*) > 1) then
    -- One attribute name twice in an object is an error unless
    -- json_parse_dedup_attributes is on, which keeps the last occurrence
    -- (super-configurations.html). The error's wording is not documented.
    if coalesce(nullif(pg_catalog.current_setting('redshift_local.json_parse_dedup_attributes', true), ''), 'off') <> 'on' then
      raise exception 'JSON_PARSE: duplicate attribute name in an object (json_parse_dedup_attributes is off)'
        using errcode = 'XX000';
    end if;
    return redshift_local.json_text('{' || coalesce((select pg_catalog.string_agg(pg_catalog.to_json(e.key)::text || ':'
        || redshift_local.super_canon(e.value)::text, ',' order by e.ord)
      from (select x.key, x.value, x.ord,
          pg_catalog.row_number() over (partition by x.key order by x.ord desc) as last
        from pg_catalog.json_each(j) with ordinality as x(key, value, ord)) as e
      where e.last = 1), '') || '}');
  end if;
  if t = 'object' then
    return redshift_local.json_text('{' || coalesce((select pg_catalog.string_agg(pg_catalog.to_json(e.key)::text || ':'
        || redshift_local.super_canon(e.value)::text, ',' order by e.ord)
      from pg_catalog.json_each(j) with ordinality as e(key, value, ord)), '') || '}');
  elsif t = 'array' then
    return redshift_local.json_text('[' || coalesce((select pg_catalog.string_agg(redshift_local.super_canon(e.value)::text, ',' order by e.ord)
      from pg_catalog.json_array_elements(j) with ordinality as e(value, ord)), '') || ']');
  elsif t = 'string' then
    return pg_catalog.to_json(j #>> '{}');
  elsif t = 'number' and pg_catalog.strpos(pg_catalog.lower(j::text), 'e') > 0 then
    -- A number written with an exponent is a float, printed as Redshift prints one.
    return redshift_local.super_float(((j::text)::float8)::text);
  end if;
  return redshift_local.json_text(pg_catalog.btrim(j::text, ' ' || pg_catalog.chr(9) || pg_catalog.chr(10) || pg_catalog.chr(13)));
end
$$;

do $domain$
begin
  if not exists (select 1 from pg_catalog.pg_type
      where typname = 'super' and typnamespace = 'pg_catalog'::regnamespace) then
    create domain pg_catalog.super as json;
  end if;
end
$domain$;

-- What users and tools read of a SUPER column's type says super: every json
-- value in the emulator is SUPER (Redshift has no json type), so
-- format_type, and information_schema.columns through it, name the type so.
-- PostgreSQL's own is kept for the emulator's internal uses (a cast to it
-- would name the super domain).
create or replace function redshift_local.pg_format_type(oid, integer) returns text
language internal stable parallel safe as 'format_type';
-- Redshift's other OIDs that PostgreSQL has no type for (super-catalog.ts's
-- pg_type rows) are named too: an interval OID as PostgreSQL names an
-- interval of that qualifier (its precision from the modifier when there is
-- one), VARBYTE as SVV_COLUMNS names it. Redshift's own spelling of these is
-- not documented.
create or replace function redshift_local.format_type(typ oid, typmod integer) returns text
language sql stable parallel safe as $$
  select case
    when $1 in (114, 4000) then 'super'
    when $1 in (1188, 1190) then case when $2 is null or $2 < 0 or ($2 >> 16) & 32767 in (0, 32767)
        then case $1 when 1188 then 'interval year to month' else 'interval day to second' end
        else redshift_local.pg_format_type(1186, $2) end
    when $1 in (17, 6551) then 'varbyte'
    when $1 = 3000 then 'geometry'
    when $1 = 3001 then 'geography'
    when $1 = 2935 then 'hllsketch'
    else redshift_local.pg_format_type($1, $2) end
$$;
-- PostgreSQL runs a built-in's OID as its C function whatever pg_proc says,
-- unless the call is inlined: this body names each argument once, so every
-- call is (an argument used more than once would be inlined only when cheap).
create or replace function pg_catalog.format_type(oid, integer) returns text
language sql stable parallel safe as $$ select redshift_local.format_type($1, $2) $$;

create or replace function pg_catalog.json_parse(json_string text) returns json
language sql stable strict parallel safe as $$ select redshift_local.super_canon(redshift_local.json_text(json_string)) $$;
-- JSON_PARSE and CAN_JSON_PARSE of a VARBYTE binary value (JSON_PARSE.html,
-- CAN_JSON_PARSE.html): its bytes are read as UTF-8 JSON text, the pages
-- saying no more of their encoding.
create or replace function pg_catalog.json_parse(binary_value bytea) returns json
language sql stable strict parallel safe as $$
  select pg_catalog.json_parse(pg_catalog.convert_from(binary_value, 'UTF8'))
$$;
create or replace function pg_catalog.can_json_parse(binary_value bytea) returns boolean
language plpgsql immutable parallel safe as $$
begin
  return pg_catalog.convert_from(binary_value, 'UTF8') is json;
exception when character_not_in_repertoire or untranslatable_character then
  return false;
end
$$;
-- (A parameter named value would read as NULL: VALUE is a keyword there.)
create or replace function pg_catalog.json_serialize(v json) returns varchar
language sql immutable parallel safe as $$ select coalesce(v::text, 'null')::varchar $$;
-- JSON_SERIALIZE_TO_VARBYTE: the same text as VARBYTE, its UTF-8 bytes
-- (https://docs.aws.amazon.com/redshift/latest/dg/json_serialize_to_varbyte.html).
create or replace function pg_catalog.json_serialize_to_varbyte(v json) returns bytea
language sql immutable parallel safe as $$
  select pg_catalog.convert_to(pg_catalog.json_serialize(v), 'UTF8')
$$;
create or replace function pg_catalog.json_size(v json) returns integer
language sql immutable strict parallel safe as $$ select pg_catalog.octet_length(v::text) $$;

create or replace function pg_catalog.is_array(v json) returns boolean
language sql immutable parallel safe as $$ select coalesce(pg_catalog.json_typeof(v) = 'array', false) $$;
create or replace function pg_catalog.is_object(v json) returns boolean
language sql immutable parallel safe as $$ select coalesce(pg_catalog.json_typeof(v) = 'object', false) $$;
create or replace function pg_catalog.is_scalar(v json) returns boolean
language sql immutable parallel safe as $$
  select coalesce(pg_catalog.json_typeof(v) not in ('array', 'object'), false) $$;
create or replace function pg_catalog.is_boolean(v json) returns boolean
language sql immutable parallel safe as $$ select coalesce(pg_catalog.json_typeof(v) = 'boolean', false) $$;
create or replace function pg_catalog.is_number(v json) returns boolean
language sql immutable parallel safe as $$ select coalesce(pg_catalog.json_typeof(v) = 'number', false) $$;
create or replace function pg_catalog.is_varchar(v json) returns boolean
language sql immutable parallel safe as $$ select coalesce(pg_catalog.json_typeof(v) = 'string', false) $$;
-- CHAR holds single-byte characters only.
create or replace function pg_catalog.is_char(v json) returns boolean
language sql immutable parallel safe as $$
  select coalesce(pg_catalog.json_typeof(v) = 'string'
    and pg_catalog.octet_length(v #>> '{}') = pg_catalog.length(v #>> '{}'), false) $$;
-- A number written with an exponent is a float; any other number is a decimal.
create or replace function pg_catalog.is_float(v json) returns boolean
language sql immutable parallel safe as $$
  select coalesce(pg_catalog.json_typeof(v) = 'number'
    and pg_catalog.strpos(pg_catalog.lower(v::text), 'e') > 0, false) $$;
create or replace function pg_catalog.is_decimal(v json) returns boolean
language sql immutable parallel safe as $$
  select coalesce(pg_catalog.json_typeof(v) = 'number'
    and pg_catalog.strpos(pg_catalog.lower(v::text), 'e') = 0, false) $$;
-- DECIMAL_PRECISION / DECIMAL_SCALE of a SUPER decimal: its digits in all
-- and after the point, 3.14159 giving 6 and 5 (r_decimal_precision.html,
-- r_decimal_scale.html). What they give for any other SUPER value (a float
-- written with an exponent, a string) is not documented: NULL here.
create or replace function pg_catalog.decimal_scale(v json) returns integer
language sql immutable parallel safe as $$
  select case when pg_catalog.is_decimal(v) then pg_catalog.scale((v::text)::numeric) end $$;
create or replace function pg_catalog.decimal_precision(v json) returns integer
language sql immutable parallel safe as $$
  select case when pg_catalog.is_decimal(v) then greatest(1,
    pg_catalog.length(pg_catalog.ltrim(pg_catalog.trunc(pg_catalog.abs((v::text)::numeric))::text, '0'))
    + pg_catalog.scale((v::text)::numeric)) end $$;
create or replace function redshift_local.super_integer_in(v json, low numeric, high numeric) returns boolean
language sql immutable parallel safe as $$
  select coalesce(pg_catalog.json_typeof(v) = 'number'
    and pg_catalog.strpos(pg_catalog.lower(v::text), 'e') = 0
    and pg_catalog.strpos(v::text, '.') = 0
    and (v::text)::numeric between low and high, false) $$;
create or replace function pg_catalog.is_smallint(v json) returns boolean
language sql immutable parallel safe as $$ select redshift_local.super_integer_in(v, -32768, 32767) $$;
create or replace function pg_catalog.is_integer(v json) returns boolean
language sql immutable parallel safe as $$ select redshift_local.super_integer_in(v, -2147483648, 2147483647) $$;
create or replace function pg_catalog.is_bigint(v json) returns boolean
language sql immutable parallel safe as $$
  select redshift_local.super_integer_in(v, -9223372036854775808, 9223372036854775807) $$;

-- Navigation. An unquoted attribute is folded to lower case unless
-- enable_case_sensitive_super_attribute is on; a quoted one (exact) keeps the
-- case the planner gave it.
-- Strict navigation (navigate_super_null_on_error off) and casting
-- (cast_super_null_on_error off) raise where lax mode gives NULL
-- (super-configurations.html). The pages say an error is returned, not
-- which: its SQLSTATE (XX000, Redshift's internal error class) and wording
-- here are the emulator's own.
create or replace function redshift_local.super_strict(name text) returns boolean
language sql stable parallel safe as $$
  select coalesce(nullif(pg_catalog.current_setting('redshift_local.' || name, true), ''), 'on') = 'off'
$$;
create or replace function redshift_local.super_missing(j json, what text) returns json
language plpgsql stable parallel safe as $$
begin
  if j is not null and redshift_local.super_strict('navigate_super_null_on_error') then
    raise exception 'cannot navigate SUPER value: %', what using errcode = 'XX000';
  end if;
  return null;
end
$$;
create or replace function redshift_local.super_attr(j json, key text, exact boolean) returns json
language sql stable strict parallel safe as $$
  select coalesce(case when pg_catalog.json_typeof(j) = 'object' then
    j -> (case when exact
      or pg_catalog.current_setting('redshift_local.enable_case_sensitive_super_attribute', true) = 'on'
      then key else pg_catalog.lower(key) end) end,
    redshift_local.super_missing(j, case when pg_catalog.json_typeof(j) = 'object'
      then pg_catalog.format('no attribute %s', key) else pg_catalog.format('%s is not an object', j::text) end))
$$;
create or replace function redshift_local.super_index(j json, i int8) returns json
language sql stable strict parallel safe as $$
  select coalesce(case when pg_catalog.json_typeof(j) = 'array' and i >= 0 and i <= 2147483647 then j -> i::int4 end,
    redshift_local.super_missing(j, case when pg_catalog.json_typeof(j) = 'array'
      then pg_catalog.format('index %s out of bounds', i) else pg_catalog.format('%s is not an array', j::text) end))
$$;

-- Unnesting (FROM t, t.arr AS e [AT i]) and object unpivoting (UNPIVOT t.obj AS v AT k).
create or replace function redshift_local.super_elements(j json) returns setof json
language sql immutable parallel safe rows 10 as $$
  select e from pg_catalog.json_array_elements(case when pg_catalog.json_typeof(j) = 'array' then j end) as e
$$;
create or replace function redshift_local.super_elements_at(j json, out value json, out index int4) returns setof record
language sql immutable parallel safe rows 10 as $$
  select e.value, (e.ord - 1)::int4
  from pg_catalog.json_array_elements(case when pg_catalog.json_typeof(j) = 'array' then j end)
    with ordinality as e(value, ord)
$$;
create or replace function redshift_local.super_pairs(j json, out value json, out key varchar) returns setof record
language sql immutable parallel safe rows 10 as $$
  select e.value, e.key::varchar
  from pg_catalog.json_each(case when pg_catalog.json_typeof(j) = 'object' then j end) with ordinality as e(key, value, ord)
  order by e.ord
$$;

-- ARRAY(...) and OBJECT(...): the planner wraps every argument in to_super.
create or replace function redshift_local.to_super(v json) returns json
language sql immutable parallel safe as $$ select v $$;
create or replace function redshift_local.to_super(v anyelement) returns json
language sql immutable parallel safe as $$
  select case when pg_catalog.pg_typeof(v) in ('real'::regtype, 'double precision'::regtype)
    then redshift_local.super_float(v::text) else pg_catalog.to_json(v) end
$$;
create or replace function redshift_local.to_super(v text) returns json
language sql immutable parallel safe as $$ select pg_catalog.to_json(v) $$;
create or replace function redshift_local.super_array(variadic items json[]) returns json
language sql immutable parallel safe as $$
  select redshift_local.json_text('[' || coalesce(pg_catalog.string_agg(coalesce(e.v::text, 'null'), ',' order by e.ord), '')
    || ']') from pg_catalog.unnest(items) with ordinality as e(v, ord)
$$;
create or replace function redshift_local.super_array() returns json
language sql immutable parallel safe as $$ select '[]'::json $$;
create or replace function redshift_local.super_object(variadic items json[]) returns json
language sql immutable parallel safe as $$
  select redshift_local.json_text('{' || coalesce(pg_catalog.string_agg(pg_catalog.to_json(items[e.i] #>> '{}')::text || ':'
      || coalesce(items[e.i + 1]::text, 'null'), ',' order by e.i), '') || '}')
  from pg_catalog.generate_series(1, pg_catalog.cardinality(items), 2) as e(i)
  where items[e.i] is not null
$$;
create or replace function redshift_local.super_object() returns json
language sql immutable parallel safe as $$ select '{}'::json $$;

create or replace function pg_catalog.get_array_length(v json) returns integer
language sql immutable strict parallel safe as $$
  select case when pg_catalog.json_typeof(v) = 'array' then pg_catalog.json_array_length(v) end $$;
create or replace function pg_catalog.array_concat(a json, b json) returns json
language sql immutable strict parallel safe as $$
  select case when pg_catalog.json_typeof(a) = 'array' and pg_catalog.json_typeof(b) = 'array' then
    case when a::text = '[]' then b when b::text = '[]' then a
    else redshift_local.json_text(pg_catalog.left(a::text, -1) || ',' || pg_catalog.substr(b::text, 2)) end end
$$;
create or replace function pg_catalog.subarray(v json, start int8, len int8) returns json
language sql immutable strict parallel safe as $$
  select case when pg_catalog.json_typeof(v) = 'array' then
    redshift_local.json_text('[' || coalesce((select pg_catalog.string_agg(e.value::text, ',' order by e.ord)
      from pg_catalog.json_array_elements(v) with ordinality as e(value, ord)
      where e.ord - 1 >= start and e.ord - 1 < start + len), '') || ']') end
$$;
create or replace function redshift_local.super_flat(v json) returns setof json
language sql immutable strict parallel safe as $$
  select case when pg_catalog.json_typeof(e.value) = 'array' then f.value else e.value end
  from pg_catalog.json_array_elements(v) with ordinality as e(value, ord)
  left join lateral (
    select x.value, x.ord from redshift_local.super_flat(case when pg_catalog.json_typeof(e.value) = 'array' then e.value end)
      with ordinality as x(value, ord)) f on true
  where pg_catalog.json_typeof(e.value) <> 'array' or f.value is not null
  order by e.ord, f.ord
$$;
create or replace function pg_catalog.array_flatten(v json) returns json
language sql immutable strict parallel safe as $$
  select case when pg_catalog.json_typeof(v) = 'array' then
    redshift_local.json_text('[' || coalesce((select pg_catalog.string_agg(f::text, ',') from redshift_local.super_flat(v) as f), '')
      || ']') end
$$;

-- LOWER_ATTRIBUTE_NAMES / UPPER_ATTRIBUTE_NAMES: every attribute name, at
-- every depth, through LOWER / UPPER (r_lower_attribute_names.html,
-- r_upper_attribute_names.html). What Redshift does when two names of one
-- object become the same is not documented: an emulator limit here.
create or replace function redshift_local.super_attribute_case(v json, upper boolean) returns json
language plpgsql immutable strict parallel safe as $f$
declare
  kind text := pg_catalog.json_typeof(v);
  names text[];
  body text;
begin
  if kind = 'array' then
    select '[' || coalesce(pg_catalog.string_agg(
        redshift_local.super_attribute_case(e.value, upper)::text, ',' order by e.ord), '') || ']'
      into body from pg_catalog.json_array_elements(v) with ordinality as e(value, ord);
    return redshift_local.json_text(body);
  end if;
  if kind <> 'object' then return v; end if;
  select pg_catalog.array_agg(case when upper then pg_catalog.upper(e.key) else pg_catalog.lower(e.key) end order by e.ord),
      '{' || coalesce(pg_catalog.string_agg(
        pg_catalog.to_json(case when upper then pg_catalog.upper(e.key) else pg_catalog.lower(e.key) end)::text
        || ':' || redshift_local.super_attribute_case(e.value, upper)::text, ',' order by e.ord), '') || '}'
    into names, body
    from pg_catalog.json_each(v) with ordinality as e(key, value, ord);
  if (select pg_catalog.count(distinct n) from pg_catalog.unnest(names) as n)
      < coalesce(pg_catalog.array_length(names, 1), 0) then
    raise exception 'two attribute names of one object become the same name: not supported by the local emulator (an emulator limit, not a Redshift rule)'
      using errcode = '0A000';
  end if;
  return redshift_local.json_text(body);
end
$f$;
create or replace function pg_catalog.lower_attribute_names(v json) returns json
language sql immutable strict parallel safe as $$ select redshift_local.super_attribute_case(v, false) $$;
create or replace function pg_catalog.upper_attribute_names(v json) returns json
language sql immutable strict parallel safe as $$ select redshift_local.super_attribute_case(v, true) $$;

-- OBJECT_TRANSFORM(input [KEEP path, ...] [SET path, value, ...])
-- (r_object_transform_function.html): the rewrite passes the KEEP paths
-- (null without KEEP) and the SET paths as JSON arrays of names, and the
-- values as SUPER. KEEP keeps those paths of the input, in the input's
-- order; SET then replaces a path's value where it is, or adds it at the
-- end. An input that is not an object is returned as it is, and so is an
-- object with neither clause. That SET without KEEP starts from the whole
-- input, and that a KEEP path the input lacks leaves nothing behind, are
-- read from the page's wording, not shown by it.
create or replace function redshift_local.super_keep(v json, paths json) returns json
language plpgsql immutable parallel safe as $f$
declare
  e record;
  tails json;
  whole boolean;
  item json;
  body text := '';
begin
  for e in select j.key, j.value from pg_catalog.json_each(v) with ordinality as j(key, value, ord) order by j.ord loop
    select pg_catalog.bool_or(pg_catalog.json_array_length(p.value) = 1),
        pg_catalog.json_agg((select pg_catalog.json_agg(x.value order by x.ord)
          from pg_catalog.json_array_elements(p.value) with ordinality as x(value, ord) where x.ord > 1))
          filter (where pg_catalog.json_array_length(p.value) > 1)
      into whole, tails
      from pg_catalog.json_array_elements(paths) as p(value) where p.value ->> 0 = e.key;
    if whole then
      item := e.value;
    elsif tails is not null and pg_catalog.json_typeof(e.value) = 'object' then
      item := redshift_local.super_keep(e.value, tails);
      if item::text = '{}' then item := null; end if;
    else
      item := null;
    end if;
    if item is not null then
      body := body || case when body = '' then '' else ',' end || pg_catalog.to_json(e.key)::text || ':' || item::text;
    end if;
  end loop;
  return redshift_local.json_text('{' || body || '}');
end
$f$;
create or replace function redshift_local.super_set(v json, path json, val json) returns json
language plpgsql immutable parallel safe as $f$
declare
  head text := path ->> 0;
  rest json;
  found boolean := false;
  e record;
  item text;
  body text := '';
begin
  if pg_catalog.json_array_length(path) > 1 then
    select pg_catalog.json_agg(x.value order by x.ord) into rest
    from pg_catalog.json_array_elements(path) with ordinality as x(value, ord) where x.ord > 1;
  end if;
  if v is null or pg_catalog.json_typeof(v) <> 'object' then v := '{}'; end if;
  for e in select j.key, j.value from pg_catalog.json_each(v) with ordinality as j(key, value, ord) order by j.ord loop
    if e.key = head and not found then
      found := true;
      item := case when rest is null then coalesce(val::text, 'null')
        else redshift_local.super_set(e.value, rest, val)::text end;
    else
      item := e.value::text;
    end if;
    body := body || case when body = '' then '' else ',' end || pg_catalog.to_json(e.key)::text || ':' || item;
  end loop;
  if not found then
    item := case when rest is null then coalesce(val::text, 'null')
      else redshift_local.super_set(null, rest, val)::text end;
    body := body || case when body = '' then '' else ',' end || pg_catalog.to_json(head)::text || ':' || item;
  end if;
  return redshift_local.json_text('{' || body || '}');
end
$f$;
create or replace function redshift_local.object_transform(input json, keep json, paths json, variadic vals json[])
returns json language plpgsql immutable parallel safe as $f$
declare
  out json := input;
begin
  if input is null or pg_catalog.json_typeof(input) <> 'object' then return input; end if;
  if keep is not null then out := redshift_local.super_keep(input, keep); end if;
  for i in 0 .. pg_catalog.json_array_length(paths) - 1 loop
    out := redshift_local.super_set(out, paths -> i, vals[i + 1]);
  end loop;
  return out;
end
$f$;

-- ARRAY_CONTAINS, ARRAY_POSITION, ARRAY_POSITIONS(array, value [, null_match]):
-- 0-based positions of the elements equal to value (as SUPER values, 1 =
-- 1.0). With null_match TRUE a NULL is an element like any other: searching
-- NULL finds the NULLs. With FALSE, searching NULL gives NULL, and so does
-- a search that finds nothing in an array holding a NULL. Without
-- null_match, default_array_search_null_handling decides, TRUE by default
-- (array_contains.html, array_position.html, array_positions.html,
-- r_default_array_search_null_handling.html). A NULL or non-array input
-- gives NULL (lax mode).
create or replace function redshift_local.super_null_match(given boolean) returns boolean
language sql stable parallel safe as $$
  select coalesce(given, coalesce(nullif(pg_catalog.current_setting(
    'redshift_local.default_array_search_null_handling', true), ''), 'on') = 'on')
$$;
create or replace function redshift_local.super_positions(a json, v json, null_match boolean) returns int4[]
language sql stable parallel safe as $$
  select case
    when pg_catalog.json_typeof(a) is distinct from 'array' then null
    when (v is null or pg_catalog.json_typeof(v) = 'null') and not null_match then null
    else (select case
        when pg_catalog.count(*) filter (where x.matched) > 0
          then pg_catalog.array_agg(x.i order by x.i) filter (where x.matched)
        when not null_match and pg_catalog.bool_or(x.is_null) then null
        else '{}'::int4[] end
      from (select (e.ord - 1)::int4 as i, pg_catalog.json_typeof(e.value) = 'null' as is_null,
          case when v is null or pg_catalog.json_typeof(v) = 'null'
            then pg_catalog.json_typeof(e.value) = 'null'
            else pg_catalog.json_typeof(e.value) <> 'null' and e.value::jsonb = v::jsonb end as matched
        from pg_catalog.json_array_elements(a) with ordinality as e(value, ord)) as x)
  end
$$;
${ARRAY_SEARCH}

-- ARRAY_DISTINCT(array) and ARRAY_UNION(array1, array2): each distinct
-- element once (NULLs as one element), in the order of its first
-- occurrence, which matches the pages' examples; the pages leave the order
-- unguaranteed (array_distinct.html, array_union.html).
create or replace function redshift_local.super_distinct(a json) returns json
language sql immutable strict parallel safe as $$
  select case when pg_catalog.json_typeof(a) = 'array' then
    redshift_local.json_text('[' || coalesce((select pg_catalog.string_agg(x.value::text, ',' order by x.ord)
      from (select e.value, e.ord,
          pg_catalog.row_number() over (partition by e.value::jsonb order by e.ord) as k
        from pg_catalog.json_array_elements(a) with ordinality as e(value, ord)) as x
      where x.k = 1), '') || ']') end
$$;
create or replace function pg_catalog.array_distinct(a json) returns json
language sql immutable strict parallel safe as $$ select redshift_local.super_distinct(a) $$;
create or replace function pg_catalog.array_union(a json, b json) returns json
language sql immutable strict parallel safe as $$
  select case when pg_catalog.json_typeof(a) = 'array' and pg_catalog.json_typeof(b) = 'array'
    then redshift_local.super_distinct(pg_catalog.array_concat(a, b)) end
$$;

-- ARRAY_SORT(array [, sort_ascending [, nulls_first]]): booleans, then
-- numbers, strings, arrays and objects, each by its natural order (strings
-- by their bytes); NULLs last ascending and first descending unless
-- nulls_first says otherwise (array_sort.html). Arrays among arrays and
-- objects among objects follow PostgreSQL's jsonb order (not documented).
create or replace function redshift_local.super_sort_rank(v json) returns int4
language sql immutable strict parallel safe as $$
  select case pg_catalog.json_typeof(v) when 'boolean' then 1 when 'number' then 2
    when 'string' then 3 when 'array' then 4 when 'object' then 5 end
$$;
create or replace function pg_catalog.array_sort(a json, ascending boolean, nulls_first boolean) returns json
language sql immutable parallel safe as $$
  select case when pg_catalog.json_typeof(a) = 'array' and ascending is not null then
    redshift_local.json_text('[' || coalesce((select case when ascending then
        pg_catalog.string_agg(e.value::text, ',' order by
          (pg_catalog.json_typeof(e.value) = 'null') <> coalesce(nulls_first, not ascending),
          redshift_local.super_sort_rank(e.value),
          case when pg_catalog.json_typeof(e.value) = 'boolean' then (e.value::text)::bool end,
          case when pg_catalog.json_typeof(e.value) = 'number' then (e.value::text)::numeric end,
          case when pg_catalog.json_typeof(e.value) = 'string' then (e.value #>> '{}') collate "C" end,
          e.value::jsonb, e.ord)
      else
        pg_catalog.string_agg(e.value::text, ',' order by
          (pg_catalog.json_typeof(e.value) = 'null') <> coalesce(nulls_first, not ascending),
          redshift_local.super_sort_rank(e.value) desc,
          case when pg_catalog.json_typeof(e.value) = 'boolean' then (e.value::text)::bool end desc,
          case when pg_catalog.json_typeof(e.value) = 'number' then (e.value::text)::numeric end desc,
          case when pg_catalog.json_typeof(e.value) = 'string' then (e.value #>> '{}') collate "C" end desc,
          e.value::jsonb desc, e.ord)
      end
      from pg_catalog.json_array_elements(a) with ordinality as e(value, ord)), '') || ']') end
$$;
create or replace function pg_catalog.array_sort(a json, ascending boolean) returns json
language sql immutable parallel safe as $$ select pg_catalog.array_sort(a, ascending, null) $$;
create or replace function pg_catalog.array_sort(a json) returns json
language sql immutable parallel safe as $$ select pg_catalog.array_sort(a, true, null) $$;

-- ARRAY_EXCEPT / ARRAY_INTERSECTION(array1, array2 [, distinct]): the
-- elements of array1, in its order, that array2 does not / does hold,
-- NULL a known value; as multisets by default (array_except.html,
-- array_intersection.html). An element's k-th occurrence is kept by
-- EXCEPT when array2 holds it fewer than k times, by INTERSECTION when it
-- holds it at least k times. Elements are equal as JSON values (1 = 1.0).
create or replace function redshift_local.super_array_set(a json, b json, keep_common boolean, distinct_only boolean)
returns json language sql immutable strict parallel safe as $$
  select case when pg_catalog.json_typeof(a) = 'array' and pg_catalog.json_typeof(b) = 'array' then
    redshift_local.json_text('[' || coalesce((
      select pg_catalog.string_agg(x.value::text, ',' order by x.ord)
      from (
        select e.value, e.ord,
          pg_catalog.row_number() over (partition by e.value::jsonb order by e.ord) as k,
          (select pg_catalog.count(*) from pg_catalog.json_array_elements(b) as f(value)
            where f.value::jsonb = e.value::jsonb) as held
        from pg_catalog.json_array_elements(a) with ordinality as e(value, ord)
      ) as x
      where case
        when distinct_only then x.k = 1 and (x.held > 0) = keep_common
        when keep_common then x.k <= x.held
        else x.k > x.held end), '') || ']') end
$$;
create or replace function pg_catalog.array_except(a json, b json, distinct_only boolean) returns json
language sql immutable strict parallel safe as $$ select redshift_local.super_array_set(a, b, false, distinct_only) $$;
create or replace function pg_catalog.array_except(a json, b json) returns json
language sql immutable strict parallel safe as $$ select redshift_local.super_array_set(a, b, false, false) $$;
create or replace function pg_catalog.array_intersection(a json, b json, distinct_only boolean) returns json
language sql immutable strict parallel safe as $$ select redshift_local.super_array_set(a, b, true, distinct_only) $$;
create or replace function pg_catalog.array_intersection(a json, b json) returns json
language sql immutable strict parallel safe as $$ select redshift_local.super_array_set(a, b, true, false) $$;

-- SPLIT_TO_ARRAY(string [, delimiter]): the parts as SUPER strings; the
-- delimiter defaults to a comma (https://docs.aws.amazon.com/redshift/latest/dg/split_to_array.html).
-- What an empty string gives is not documented: here an empty array.
create or replace function pg_catalog.split_to_array(s text, delimiter text) returns json
language sql immutable strict parallel safe as $$
  select coalesce(pg_catalog.array_to_json(pg_catalog.string_to_array(s, delimiter)), '[]'::json)
$$;
create or replace function pg_catalog.split_to_array(s text) returns json
language sql immutable strict parallel safe as $$ select pg_catalog.split_to_array(s, ',') $$;

-- Arithmetic (operators-functions.html): numbers give a number, + of two
-- strings concatenates them, anything else is NULL; errors such as a
-- division by zero stay errors. Dynamic typing keeps the operands' own
-- types (query-super.html, dynamic typing): with a float among them the
-- result is a FLOAT8 computed as one, a SUPER float; decimals and integers
-- compute as DECIMAL.
create or replace function redshift_local.super_arith(a json, b json, op text) returns json
language plpgsql immutable strict parallel safe as $$
declare
  ta text := pg_catalog.json_typeof(a);
  tb text := pg_catalog.json_typeof(b);
  x numeric;
  y numeric;
  f float8;
  g float8;
begin
  if op = '+' and ta = 'string' and tb = 'string' then
    return pg_catalog.to_json((a #>> '{}') || (b #>> '{}'));
  end if;
  if ta <> 'number' or tb <> 'number' then return null; end if;
  if redshift_local.super_is_float(a) or redshift_local.super_is_float(b) then
    f := (a::text)::float8;
    g := (b::text)::float8;
    return redshift_local.super_float((case op when '+' then f + g when '-' then f - g
      when '*' then f * g when '/' then f / g
      else f - g * pg_catalog.trunc(f / g) end)::text);
  end if;
  x := (a::text)::numeric;
  y := (b::text)::numeric;
  return pg_catalog.to_json(case op when '+' then x + y when '-' then x - y
    when '*' then x * y when '/' then x / y else x % y end);
end
$$;
create or replace function redshift_local.super_negate(a json) returns json
language sql immutable strict parallel safe as $$
  select case when redshift_local.super_is_float(a) then redshift_local.super_float((-((a::text)::float8))::text)
    when pg_catalog.json_typeof(a) = 'number' then pg_catalog.to_json(-((a::text)::numeric)) end $$;
create operator pg_catalog.- (rightarg = json, function = redshift_local.super_negate);
${SUPER_ARITHMETIC}

-- Equality and order, so SUPER values group, sort and join.
${SUPER_CMP}
${SUPER_COMPARISONS}
create operator class pg_catalog.super_ops default for type json using btree as
  operator 1 pg_catalog.< (json, json), operator 2 pg_catalog.<= (json, json),
  operator 3 pg_catalog.= (json, json), operator 4 pg_catalog.>= (json, json),
  operator 5 pg_catalog.> (json, json), function 1 redshift_local.super_cmp(json, json);
${NUMBER_TYPES.map((t) => scalarComparisons(t, 'number', '(a::text)::numeric')).join('')}
${scalarComparisons('text', 'string', "(a #>> '{}')")}
${scalarComparisons('bool', 'boolean', '(a::text)::bool')}
${[...NUMBER_TYPES, ...TEXT_TYPES, 'bool'].map(castToSuper).join('')}
${[...NUMBER_TYPES, 'varchar', 'bpchar', 'bool', ...TIME_TYPES].map(castFromSuper).join('')}
`

/** The functions above created in `pg_catalog`, for the catalog's list of its own objects. */
export const SUPER_FUNCTION_NAMES = [
  'json_parse',
  'json_serialize',
  'json_serialize_to_varbyte',
  'json_size',
  'is_array',
  'is_object',
  'is_scalar',
  'is_boolean',
  'is_number',
  'is_varchar',
  'is_char',
  'is_float',
  'is_decimal',
  'decimal_precision',
  'decimal_scale',
  'is_smallint',
  'is_integer',
  'is_bigint',
  'get_array_length',
  'array_concat',
  'subarray',
  'array_flatten',
  'split_to_array',
  'lower_attribute_names',
  'upper_attribute_names',
  'array_except',
  'array_intersection',
  'array_contains',
  'array_position',
  'array_positions',
  'array_distinct',
  'array_union',
  'array_sort',
] as const
