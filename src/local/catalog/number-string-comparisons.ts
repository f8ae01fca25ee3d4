import { COMPARISONS } from './varchar-blanks.js'

/**
 * A number compared with a character string is compared as a string: "If you
 * compare numeric values with character strings, the numeric values are
 * converted to character strings"
 * (https://docs.aws.amazon.com/redshift/latest/dg/r_Type_conversion.html).
 * PostgreSQL has no such operator and refuses `int_col = varchar_col` (42883).
 *
 * `=`, `<>`, `<`, `<=`, `>`, `>=` between SMALLINT, INTEGER, BIGINT, DECIMAL,
 * REAL or DOUBLE PRECISION and VARCHAR, in both argument orders (a CHAR or
 * TEXT value reaches them through its implicit cast to VARCHAR). The number
 * becomes its text and is compared by the VARCHAR operators of
 * `varchar-blanks.ts`, trailing blanks insignificant. An untyped literal
 * (`int_col = '10'`) still takes the number's type, as PostgreSQL resolves an
 * unknown argument to its partner's type before it looks further.
 *
 * The operators live in `pg_catalog` beside the VARCHAR ones and are created
 * once; later installs only replace the function bodies.
 */
/** The numeric types, as PostgreSQL names them. */
const NUMBERS = ['int2', 'int4', 'int8', 'numeric', 'float4', 'float8'] as const

const FUNCTIONS = NUMBERS.flatMap((type) =>
  COMPARISONS.map(
    ([
      name,
      op,
    ]) => `create or replace function redshift_local_types.${type}_varchar_${name}(a ${type}, b varchar) returns bool
language sql immutable strict parallel safe as $$ select a::varchar operator(pg_catalog.${op}) b $$;
create or replace function redshift_local_types.varchar_${type}_${name}(a varchar, b ${type}) returns bool
language sql immutable strict parallel safe as $$ select a operator(pg_catalog.${op}) b::varchar $$;`,
  ),
).join('\n')

const OPERATORS = NUMBERS.flatMap((type) =>
  COMPARISONS.map(
    ([
      name,
      op,
      negator,
      commutator,
      restrict,
      join,
    ]) => `  create operator pg_catalog.${op} (leftarg = ${type}, rightarg = varchar,
    function = redshift_local_types.${type}_varchar_${name}, commutator = operator(pg_catalog.${commutator}),
    negator = operator(pg_catalog.${negator}), restrict = ${restrict}, join = ${join});
  create operator pg_catalog.${op} (leftarg = varchar, rightarg = ${type},
    function = redshift_local_types.varchar_${type}_${name}, commutator = operator(pg_catalog.${commutator}),
    negator = operator(pg_catalog.${negator}), restrict = ${restrict}, join = ${join});`,
  ),
).join('\n')

/**
 * The script creating the operators; it runs after `VARCHAR_BLANKS_SQL`,
 * whose schema and VARCHAR operators it uses.
 *
 * @example
 * ```ts
 * await client.query(NUMBER_STRING_COMPARISONS_SQL)
 * // select 10 = '10.0'::varchar  -> false ('10' and '10.0' differ as strings)
 * ```
 */
export const NUMBER_STRING_COMPARISONS_SQL = `
${FUNCTIONS}
do $number_string$
begin
  if exists (select 1 from pg_catalog.pg_operator
             where oprname = '=' and oprleft = 'pg_catalog.int4'::regtype
               and oprright = 'pg_catalog.varchar'::regtype) then
    return;
  end if;
${OPERATORS}
end
$number_string$;
`
