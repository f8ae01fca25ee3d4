import { describe, expect, it } from 'vitest'

import {
  expectAnswer,
  row,
  rows,
  expectRefusal,
  refused,
  useTextDatabase,
  type Answer,
  type Refusal,
  BOOL,
  INT4,
  INT8,
  NUMERIC,
  VARCHAR,
  DATE,
  TIMESTAMP,
} from './function-answers.js'

// The Developer Guide's SQL reference, "Basic elements", "Data types",
// "Expressions" and "Conditions", page by page: each documented rule and
// example run through the emulator. ANSWERS are queries with their values
// (as the server's text) and, where the page documents them, result type
// OIDs; REFUSALS are statements Redshift refuses (or the emulator refuses as
// a limit), with the SQLSTATE and a part of the message.

const INT2 = 21
const BPCHAR = 1042
const VARBYTE = 6551

const SETUP = [
  'create table film (film_id integer, language_id smallint, rental_rate numeric(4,2) default 4.99, replacement_cost real default 25.00)',
  'create table address (address_id integer, address1 varchar(100), city_name char(20), state char(2))',
  "insert into address values (1, '9516 Magnolia Boulevard', 'Augusta', 'GA'), (2, '9516 Magnolia Boulevard  ', 'Augusta', 'GA')",
  'create table dec19 (d decimal(19,0))',
  'create table dec1918 (d decimal(19,18))',
  'create table t3 (x int, y varchar(10))',
  'create table tc (c char(10))',
  'create table customer (custid int, active_flag boolean default true)',
  'insert into customer values (100, default), (101, false), (102, null)',
  "insert into tc values ('aa'), ('abc')",
  "insert into t3 values (1, 'a'), (2, 'b'), (3, null)",
]

const ANSWERS: readonly Answer[] = [
  // Literals and numeric literals.
  row(
    'select 23, -555, +17',
    ['23', '-555', '17'],
    [INT4, INT4, INT4],
    'r_numeric_literals201.html',
  ),
  row(
    'select 2147483648, 9223372036854775807',
    ['2147483648', '9223372036854775807'],
    [INT8, INT8],
    'r_numeric_literals201.html',
  ),
  row(
    'select 3.14159, -37., -2E-19',
    ['3.14159', '-37', '-0.0000000000000000002'],
    [NUMERIC, NUMERIC, NUMERIC],
    'r_numeric_literals201.html',
  ),
  // Numeric types.
  row(
    'select 32767::smallint, (-32768)::int2',
    ['32767', '-32768'],
    [INT2, INT2],
    'r_Numeric_types201.html',
  ),
  row('select 1.5::decimal', ['2'], [NUMERIC], 'r_Numeric_types201.html'),
  rows(
    'select "column", type from pg_table_def where tablename = \'film\' order by "column"',
    [
      ['film_id', 'integer'],
      ['language_id', 'smallint'],
      ['rental_rate', 'numeric(4,2)'],
      ['replacement_cost', 'real'],
    ],
    null,
    'r_Examples_with_numeric_types201.html',
  ),
  // Character types.
  row(
    "select count(*) from address where address1 = '9516 Magnolia Boulevard'",
    ['2'],
    [INT8],
    'r_Examples_with_character_types.html',
  ),
  rows(
    'select length(address1) from address order by 1',
    [['23'], ['25']],
    [INT4],
    'r_Examples_with_character_types.html',
  ),
  row(
    'select length(city_name) from address where address_id = 1',
    ['7'],
    [INT4],
    'r_Examples_with_character_types.html',
  ),
  // CHAR against VARCHAR: trailing blanks are insignificant both ways.
  row(
    "select 'a'::char(3) = 'a  '::varchar, 'a  '::varchar = 'a'::char(3), 'a'::char(2) < 'b'::varchar",
    ['t', 't', 't'],
    [BOOL, BOOL, BOOL],
    'r_Character_types.html',
  ),
  row(
    'select count(*) from address a join address b on a.city_name = b.address1 or b.address1 = a.state',
    ['0'],
    [INT8],
    'r_Character_types.html',
  ),
  // Expressions and conditions that work as documented.
  row(
    'select (select max(x) from t3), (select y from t3 where x = 1)',
    ['3', 'a'],
    [INT4, VARCHAR],
    'r_scalar_subqueries.html',
  ),
  rows(
    'select x from t3 where x between 1 and 2 order by x',
    [['1'], ['2']],
    [INT4],
    'r_range_condition.html',
  ),
  rows(
    'select x from t3 where y is null',
    [['3']],
    [INT4],
    'r_null_condition.html',
  ),
  rows(
    "select x from t3 where x in (1, 2) and y not in ('z') order by x",
    [['1'], ['2']],
    [INT4],
    'r_in_condition.html',
  ),
  rows(
    'select rank() over (order by x), cume_dist() over (order by x) from t3 order by 1',
    [
      ['1', '0.333333333333333'],
      ['2', '0.666666666666667'],
      ['3', '1'],
    ],
    null,
    'r_WF_RANK.html',
  ),
  // Datetime.
  row(
    "select date '2023-02-15' - interval '4 months', date '2023-03-31' - interval '4 months'",
    ['2022-10-15 00:00:00', '2022-11-30 00:00:00'],
    [TIMESTAMP, TIMESTAMP],
    'r_interval_literals.html',
  ),
  row(
    "select '2008.366'::date, '080215'::date",
    ['2008-12-31', '2008-02-15'],
    [DATE, DATE],
    'r_Date_and_time_literals.html',
  ),
  // VARBYTE prints as hex digits, type 6551 (r_VARBYTE_type.html).
  row("select 'abc'::varbyte", ['616263'], [VARBYTE], 'r_VARBYTE_type.html'),
  row("select from_hex('6162')", ['6162'], [VARBYTE], 'r_VARBYTE_type.html'),
  rows(
    'select c::varbyte from tc order by 1',
    [['61612020202020202020'], ['61626320202020202020']],
    [VARBYTE],
    'r_VARBYTE_type.html',
  ),
  row(
    'select 5::smallint::varbyte',
    ['0005'],
    [VARBYTE],
    'r_VARBYTE_type.html',
  ),
  row('select 5::int::varbyte', ['00000005'], [VARBYTE], 'r_VARBYTE_type.html'),
  row(
    'select 5::bigint::varbyte',
    ['0000000000000005'],
    [VARBYTE],
    'r_VARBYTE_type.html',
  ),
  row(
    "select to_varbyte('6162', 'hex')::varchar, from_hex('fffb')::smallint, from_hex('00000005')::int",
    ['ab', '-5', '5'],
    [VARCHAR, INT2, INT4],
    'r_VARBYTE_type.html',
  ),
  row(
    "select 'abc'::varbyte(10), cast('abc' as varbinary(5)), cast('ab' as binary varying)",
    ['616263', '616263', '6162'],
    [VARBYTE, VARBYTE, VARBYTE],
    'r_VARBYTE_type.html',
  ),
  row(
    "select 'a'::varbyte || 'b'::varbyte as concat",
    ['6162'],
    [VARBYTE],
    'r_VARBYTE_OPERATORS.html',
  ),
  row(
    "select 'a'::varbyte + 'b'::varbyte as concat",
    ['6162'],
    [VARBYTE],
    'r_VARBYTE_OPERATORS.html',
  ),
  row(
    "select 'a'::varbyte < 'b'::varbyte as less_than, 'a'::varbyte = 'b'::varbyte as equal",
    ['t', 'f'],
    [BOOL, BOOL],
    'r_VARBYTE_OPERATORS.html',
  ),
  row(
    "select from_varbyte(~'a'::varbyte, 'binary')",
    ['10011110'],
    [VARCHAR],
    'r_VARBYTE_OPERATORS.html',
  ),
  row(
    "select from_varbyte('a'::varbyte & 'b'::varbyte, 'binary'), from_varbyte('a'::varbyte | 'b'::varbyte, 'binary')",
    ['01100000', '01100011'],
    [VARCHAR, VARCHAR],
    'r_VARBYTE_OPERATORS.html',
  ),
  // Cast types as Redshift spells them.
  row(
    "select cast('abc' as varchar(max)), 'abc'::varchar(max), cast('x' as nvarchar(10)), 'y'::nvarchar, 'z'::nchar(2)",
    ['abc', 'abc', 'x', 'y', 'z '],
    [VARCHAR, VARCHAR, VARCHAR, VARCHAR, BPCHAR],
    'r_Character_types.html',
  ),
  // UPPER and LOWER of a CHAR are a CHAR (r_UPPER.html, r_LOWER.html).
  row(
    "select upper('ab'::char(4)), lower('AB'::char(3)), upper('ab'::varchar(4)), upper('abc')",
    ['AB  ', 'ab ', 'AB', 'ABC'],
    [BPCHAR, BPCHAR, VARCHAR, VARCHAR],
    'r_UPPER.html',
  ),
  // Boolean literals (r_Boolean_type.html).
  row(
    "select true, 't'::boolean, 'true'::boolean, 'y'::boolean, 'yes'::boolean, '1'::boolean, false, 'f'::boolean, 'false'::boolean, 'n'::boolean, 'no'::boolean, '0'::boolean",
    ['t', 't', 't', 't', 't', 't', 'f', 'f', 'f', 'f', 'f', 'f'],
    null,
    'r_Boolean_type.html',
  ),
  rows(
    'select custid from customer where active_flag is true or active_flag is unknown order by 1',
    [['100'], ['102']],
    [INT4],
    'r_Boolean_type.html',
  ),
  rows(
    'select case when active_flag is not false then 1 else 0 end from customer order by custid',
    [['1'], ['0'], ['1']],
    [INT4],
    'r_Boolean_type.html',
  ),
  // Pattern matching (pattern-matching-conditions-*.html).
  row(
    "select 'a_b' similar to 'a\\\\_b', 'axb' similar to 'a\\\\_b', 'a_b' similar to 'a^_b' escape '^', 'Chicago Heights' similar to '%E%|%H%'",
    ['t', 'f', 't', 't'],
    [BOOL, BOOL, BOOL, BOOL],
    'pattern-matching-conditions-similar-to.html',
  ),
  row(
    "select 'E.J. Nutter' ~ '.*\\\\..*', 'abc' !~ 'z', 'abc' ~~ 'a%', 'abc' ilike 'A%'",
    ['t', 't', 't', 't'],
    [BOOL, BOOL, BOOL, BOOL],
    'pattern-matching-conditions-posix.html',
  ),
  // POSIX classes take ASCII characters only.
  row(
    "select 'é' ~ '^[[:alpha:]]$', 'e' ~ '^[[:alpha:]]$', 'É' similar to '[[:upper:]]', 'x9' ~ '^[[:alnum:]]+$'",
    ['f', 't', 'f', 't'],
    [BOOL, BOOL, BOOL, BOOL],
    'pattern-matching-conditions-posix.html',
  ),
  // NULLs (r_Nulls.html) and IN with a NULL in its list (r_in_condition.html).
  row(
    'select 1 in (1, null), 2 in (1, null), 2 not in (1, null), null::int + 1',
    ['t', null, null, null],
    null,
    'r_Nulls.html',
  ),
  rows(
    'select x from t3 where exists (select 1 from t3 where x > 2) order by x',
    [['1'], ['2'], ['3']],
    [INT4],
    'r_exists_condition.html',
  ),
]

const REFUSALS: readonly Refusal[] = [
  // Numeric types: precision 1-38, scale 0-37 and at most the precision.
  refused(
    'create table t_dec (b numeric(38,38))',
    '22023',
    'NUMERIC scale 38 must be between 0 and 37',
    'r_Numeric_types201.html',
  ),
  refused(
    'create table t_dec (b numeric(5,6))',
    '22023',
    'NUMERIC scale 6 must be between 0 and precision 5',
    'r_Numeric_types201.html',
  ),
  refused(
    'create table t_dec (b numeric(39,0))',
    '22023',
    'NUMERIC precision 39 must be between 1 and 38',
    'r_Numeric_types201.html',
  ),
  refused(
    'select 1.5::numeric(5,6)',
    '22023',
    'NUMERIC scale 6 must be between 0 and precision 5',
    'r_Numeric_types201.html',
  ),
  refused(
    'select cast(1.5 as decimal(5,-1))',
    '22023',
    'NUMERIC scale -1 must be between 0 and precision 5',
    'r_Numeric_types201.html',
  ),
  refused(
    'select 1.5::numeric(38,38)',
    '22023',
    'NUMERIC scale 38 must be between 0 and 37',
    'r_Numeric_types201.html',
  ),
  refused(
    'insert into film (language_id) values (33000)',
    '22003',
    'smallint out of range',
    'r_Examples_with_numeric_types201.html',
  ),
  // A DECIMAL of 19 digits is stored in 64 bits.
  refused(
    'insert into dec19 values (9999999999999999999)',
    '22003',
    'Numeric data overflow',
    'r_Numeric_types201.html',
  ),
  refused(
    'insert into dec19 values (-9223372036854775809)',
    '22003',
    'Numeric data overflow',
    'r_Numeric_types201.html',
  ),
  refused(
    'insert into dec1918 values (9.999999999999999999)',
    '22003',
    'Numeric data overflow',
    'r_Numeric_types201.html',
  ),
  refused(
    'select 9999999999999999999::decimal(19,0)',
    '22003',
    'Numeric data overflow',
    'r_Numeric_types201.html',
  ),
  // Expressions PostgreSQL has and Redshift's reference does not.
  refused(
    'select rank(2) within group (order by x) from t3',
    '0A000',
    'RANK(...) WITHIN GROUP is not supported',
    'r_WF_RANK.html',
  ),
  refused(
    'select percent_rank(2) within group (order by x), cume_dist(2) within group (order by x) from t3',
    '0A000',
    'WITHIN GROUP is not supported',
    'r_WF_PERCENT_RANK.html',
  ),
  refused(
    'select dense_rank(2) within group (order by x) from t3',
    '0A000',
    'DENSE_RANK(...) WITHIN GROUP is not supported',
    'r_WF_DENSE_RANK.html',
  ),
  refused(
    "select (date '2001-02-16', date '2001-12-21') overlaps (date '2001-10-30', date '2002-10-30')",
    '0A000',
    'OVERLAPS is not supported',
    'r_conditions.html',
  ),
  refused(
    "select '(1,a)'::t3",
    '42704',
    'type "t3" does not exist',
    'r_Type_conversion.html',
  ),
  refused(
    'select cast(null as public.t3)',
    '42704',
    'type "public.t3" does not exist',
    'r_Type_conversion.html',
  ),
  refused(
    'select active_flag is true from customer',
    '0A000',
    'in the select list is not supported',
    'r_Boolean_type.html',
  ),
  refused(
    "select 'on'::boolean",
    '22P02',
    'invalid input syntax for type boolean: "on"',
    'r_Boolean_type.html',
  ),
  refused(
    "select cast('tr' as boolean)",
    '22P02',
    'invalid input syntax for type boolean',
    'r_Boolean_type.html',
  ),
  // TO_ASCII is a leader-node function that, under UTF-8, has no conversion.
  refused(
    "select to_ascii('abc')",
    '0A000',
    'to ASCII not supported',
    'c_SQL_functions_leader_node_only.html',
  ),
  refused(
    "select 'abcdef'::varbyte(3)",
    '0A000',
    'not supported by the local emulator',
    'r_VARBYTE_type.html',
  ),
  refused(
    'select count(t3.*) from t3',
    '0A000',
    'a whole row as a value is not supported',
    'r_expression_lists.html',
  ),
  refused(
    'select (t3.*)::varchar from t3',
    '0A000',
    'a whole row as a value is not supported',
    'r_expression_lists.html',
  ),
]

describe('local emulator: data types, expressions and conditions, audited', () => {
  const client = useTextDatabase('local_fid_types', SETUP)

  it.each(ANSWERS)('$sql ($doc)', (answer) => expectAnswer(client(), answer))

  it.each(REFUSALS)('refuses $sql ($doc)', (refusal) =>
    expectRefusal(client(), refusal),
  )

  it('DECIMAL(19,s) holds exactly the 64-bit range (r_Numeric_types201.html)', async () => {
    await client().query(
      'insert into dec19 values (9223372036854775807), (-9223372036854775808)',
    )
    await client().query('insert into dec1918 values (9.223372036854775807)')
    const result = await client().query({
      text: 'select (select max(d) from dec19), (select min(d) from dec19), (select max(d) from dec1918)',
      rowMode: 'array',
    })
    expect(result.rows).toEqual([
      ['9223372036854775807', '-9223372036854775808', '9.223372036854775807'],
    ])
  })

  it('rounds a DECIMAL insert to the column scale and an INTEGER to the nearest (r_Examples_with_numeric_types201.html)', async () => {
    await client().query(
      'insert into film (film_id, language_id, rental_rate) values (1, 1.5, 35.512)',
    )
    const result = await client().query({
      text: 'select language_id, rental_rate from film where film_id = 1',
      rowMode: 'array',
    })
    expect(result.rows).toEqual([['2', '35.51']])
    expect(result.fields.map((f) => f.dataTypeID)).toEqual([INT2, NUMERIC])
  })

  it('names: up to 127 bytes, quoted names fold to lower case by default (r_names.html)', async () => {
    const long = 'n'.repeat(127)
    await client().query(`create table ${long} ("MixedCase" int)`)
    await client().query(`insert into ${long} values (1)`)
    const result = await client().query({
      text: `select mixedcase from "${long.toUpperCase()}"`,
      rowMode: 'array',
    })
    expect(result.rows).toEqual([['1']])
    expect(result.fields.map((f) => f.name)).toEqual(['mixedcase'])
  })

  it('VARBYTE prints as hex also through the extended protocol (r_VARBYTE_type.html)', async () => {
    const result = await client().query({
      text: 'select to_varbyte($1, $2) as v, $3::int as n',
      values: ['6162', 'hex', 7],
      rowMode: 'array',
    })
    expect(result.rows).toEqual([['6162', '7']])
    expect(result.fields.map((f) => f.dataTypeID)).toEqual([VARBYTE, INT4])
  })
})
