import type pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import {
  expectAnswer,
  row,
  rows,
  connectAsText,
  type Answer,
  BOOL,
  BPCHAR,
  INT4,
  INT8,
  FLOAT8,
  NUMERIC,
  VARCHAR,
  DATE,
  TIMESTAMP,
  SUPER,
} from './function-answers.js'
import { errorOf, openEmulatorDatabase } from './local-test-helpers.js'

// The Developer Guide's SQL functions reference, page by page: the examples
// each page gives (its documented output where it has one), run through the
// emulator. Each row is a query, the values as the server's text (one array
// per row), the result type OIDs where the page documents the type, and the
// page. Cases other files already hold (local-fidelity-functions-redshift,
// -syntax, -super, -numeric) are not repeated here.

/** Three rows of one INTEGER column v: 10, 20, 30. */
const TEN_TWENTY_THIRTY =
  '(select 10 as v union all select 20 union all select 30) as t'

/**
 * A join with a one-row user table: LISTAGG, MEDIAN and PERCENTILE_* fail in
 * a query that references no user table (c_SQL_functions_compute_node_only.html).
 */
const ON_A_TABLE = 'cross join one_t'

const ANSWERS: readonly Answer[] = [
  // String functions.
  row(
    "select btrim('xyzaxyzbxyzcxyz', 'xyz')",
    ['axyzbxyzc'],
    [VARCHAR],
    'r_BTRIM.html',
  ),
  row(
    "select charindex('dog', 'fish'), charindex('fish', 'dogfish')",
    ['0', '4'],
    [INT4, INT4],
    'r_CHARINDEX.html',
  ),
  row(
    "select strpos('dogfish', 'fist'), strpos('dogfish', 'fish')",
    ['0', '4'],
    [INT4, INT4],
    'r_STRPOS.html',
  ),
  row(
    "select position('fish' in 'dogfish'), position('dog' in 'fish')",
    ['4', '0'],
    [INT4, INT4],
    'r_POSITION.html',
  ),
  row(
    "select left('Redshift', 3), right('Redshift', 5)",
    ['Red', 'shift'],
    [VARCHAR, VARCHAR],
    'r_LEFT.html',
  ),
  row(
    "select len('français'), octet_length('français')",
    ['8', '9'],
    [INT4, INT4],
    'r_LEN.html',
  ),
  row(
    "select len(cast('Redshift   ' as char(20)))",
    ['8'],
    [INT4],
    'r_LEN.html',
  ),
  row(
    "select ltrim('xyzaxyzbxyzcxyz', 'xyz'), rtrim('xyzaxyzbxyzcxyz', 'xyz')",
    ['axyzbxyzcxyz', 'xyzaxyzbxyzc'],
    [VARCHAR, VARCHAR],
    'r_LTRIM.html',
  ),
  row(
    `select quote_ident('"CAT"'), quote_ident('cat')`,
    ['"""CAT"""', 'cat'],
    [VARCHAR, VARCHAR],
    'r_QUOTE_IDENT.html',
  ),
  row(
    "select regexp_replace('DonecFri@semperpretiumneque.com', '@.*\\\\.(org|gov|com|edu|ca)$')",
    ['DonecFri'],
    [VARCHAR],
    'REGEXP_REPLACE.html',
  ),
  row(
    "select regexp_replace('the fox', 'FOX', 'quick brown fox', 1, 'i')",
    ['the quick brown fox'],
    [VARCHAR],
    'REGEXP_REPLACE.html',
  ),
  row(
    "select translate('mint tea', 'inea', 'osin')",
    ['most tin'],
    [VARCHAR],
    'r_TRANSLATE.html',
  ),
  row(
    `select trim('"' from '"dog"'), trim(both 'xyz' from 'xyzaxyzbxyzcxyz')`,
    ['dog', 'axyzbxyzc'],
    [VARCHAR, VARCHAR],
    'r_TRIM.html',
  ),
  row(
    "select substring('caterpillar', 6, 4), substring('caterpillar', 4), substring('caterpillar', -2, 6), substring('caterpillar' from 6 for 4)",
    ['pill', 'erpillar', 'cat', 'pill'],
    [VARCHAR, VARCHAR, VARCHAR, VARCHAR],
    'r_SUBSTRING.html',
  ),
  row(
    "select lpad('redshift', 12, '!'), rpad('redshift', 12, '!'), lpad('redshift', 3)",
    ['!!!!redshift', 'redshift!!!!', 'red'],
    [VARCHAR, VARCHAR, VARCHAR],
    'r_LPAD.html',
  ),
  row(
    "select repeat('ab', 3), reverse('Redshift'), replace('Redshift Redshift', 'shift', 'Shift')",
    ['ababab', 'tfihsdeR', 'RedShift RedShift'],
    [VARCHAR, VARCHAR, VARCHAR],
    'r_REPEAT.html',
  ),
  row(
    "select initcap('this IS a TEST-case for INITCAP')",
    ['This Is A Test-Case For Initcap'],
    [VARCHAR],
    'r_INITCAP.html',
  ),
  // CHR "returns a CHAR string" (r_CHR.html).
  row(
    "select textlen('français'), ascii('amazon'), chr(65)",
    ['8', '97', 'A'],
    [INT4, INT4, BPCHAR],
    'r_TEXTLEN.html',
  ),
  // Math functions.
  row('select ln(2.718281828)', ['0.9999999998311267'], [NUMERIC], 'r_LN.html'),
  row(
    'select abs(-38), cbrt(27.0), pi(), power(2, 3)',
    ['38', '3', '3.14159265358979', '8'],
    [INT4, FLOAT8, FLOAT8, FLOAT8],
    'r_ABS.html',
  ),
  // CEILING / CEIL and FLOOR keep the argument's type.
  row(
    'select floor(5), ceil(5::smallint), ceiling(5::bigint), floor(1.5::real), ceiling(28.05), floor(28.05), floor(-1.5::float8)',
    ['5', '5', '5', '1', '29', '28', '-2'],
    [INT4, 21, INT8, 700, NUMERIC, NUMERIC, FLOAT8],
    'r_CEILING_FLOOR.html',
  ),
  // ROUND and TRUNC of one argument keep its type.
  row(
    'select round(5), trunc(5::bigint), round(1.5::real), trunc(1.5::real)',
    ['5', '5', '2', '1'],
    [INT4, INT8, 700, 700],
    'r_ROUND.html',
  ),
  // SQRT, EXP, POWER / POW: DOUBLE PRECISION, DECIMAL arguments included.
  row(
    "select sqrt(16), sqrt('16'), sqrt(round(16.4)), sqrt(16.0)",
    ['4', '4', '4', '4'],
    [FLOAT8, FLOAT8, FLOAT8, FLOAT8],
    'r_SQRT.html',
  ),
  row(
    'select exp(1.0), power(2.0, 3), pow(2, 3)',
    ['2.71828182845905', '8', '8'],
    [FLOAT8, FLOAT8, FLOAT8],
    'r_POWER.html',
  ),
  // Aggregates: STDDEV and VARIANCE are DOUBLE PRECISION whatever the
  // argument's type.
  row(
    `select stddev(v), stddev_samp(v), stddev_pop(v) from ${TEN_TWENTY_THIRTY}`,
    ['10', '10', '8.16496580927726'],
    [FLOAT8, FLOAT8, FLOAT8],
    'r_STDDEV_functions.html',
  ),
  row(
    `select variance(v), var_samp(v), var_pop(v) from ${TEN_TWENTY_THIRTY}`,
    ['100', '100', '66.6666666666667'],
    [FLOAT8, FLOAT8, FLOAT8],
    'r_VARIANCE_functions.html',
  ),
  row(
    'select stddev(v) from (select 1.5::decimal(8,2) as v union all select 2.5) as t',
    ['0.707106781186548'],
    [FLOAT8],
    'r_STDDEV_functions.html',
  ),
  row(
    'select stddev_samp(v) from (select 1 as v) as t',
    [null],
    [FLOAT8],
    'r_STDDEV_functions.html',
  ),
  rows(
    `select v, stddev_samp(v) over (), variance(v) over () from ${TEN_TWENTY_THIRTY} order by v`,
    [
      ['10', '10', '100'],
      ['20', '10', '100'],
      ['30', '10', '100'],
    ],
    [INT4, FLOAT8, FLOAT8],
    'r_WF_STDDEV.html',
  ),
  // PERCENTILE_CONT and MEDIAN: the result type follows the ORDER BY
  // expression's (DECIMAL for integers, DATE, TIMESTAMP), DESC counts from
  // the other end.
  row(
    `select percentile_cont(0.5) within group (order by v), percentile_cont(0.6) within group (order by v) from ${TEN_TWENTY_THIRTY} ${ON_A_TABLE}`,
    ['20', '22'],
    [NUMERIC, NUMERIC],
    'r_PERCENTILE_CONT.html',
  ),
  row(
    `select percentile_cont(0.6) within group (order by v desc) from ${TEN_TWENTY_THIRTY} ${ON_A_TABLE}`,
    ['18'],
    [NUMERIC],
    'r_PERCENTILE_CONT.html',
  ),
  row(
    `select percentile_cont(0.5) within group (order by d) from (select 1.50::decimal(8,2) as d union all select 2.25) as t ${ON_A_TABLE}`,
    ['1.875'],
    [NUMERIC],
    'r_PERCENTILE_CONT.html',
  ),
  row(
    `select percentile_cont(0.5) within group (order by v::float8) from ${TEN_TWENTY_THIRTY} ${ON_A_TABLE}`,
    ['20'],
    [FLOAT8],
    'r_PERCENTILE_CONT.html',
  ),
  row(
    `select percentile_cont(0.5) within group (order by d), median(d) from (select timestamp '2008-01-01' as d union all select timestamp '2008-01-04') as t ${ON_A_TABLE}`,
    ['2008-01-02 12:00:00', '2008-01-02 12:00:00'],
    [TIMESTAMP, TIMESTAMP],
    'r_MEDIAN.html',
  ),
  row(
    `select percentile_cont(0) within group (order by d), median(d) from (select date '2008-01-01' as d union all select date '2008-01-05') as t ${ON_A_TABLE}`,
    ['2008-01-01', '2008-01-03'],
    [DATE, DATE],
    'r_MEDIAN.html',
  ),
  rows(
    `select v, percentile_cont(0.5) within group (order by v) over () from ${TEN_TWENTY_THIRTY} ${ON_A_TABLE} order by v`,
    [
      ['10', '20'],
      ['20', '20'],
      ['30', '20'],
    ],
    [INT4, NUMERIC],
    'r_WF_PERCENTILE_CONT.html',
  ),
  row(
    `select json_serialize_to_varbyte(json_parse('[1,"a"]')) = to_varbyte('[1,"a"]', 'utf8')`,
    ['t'],
    [BOOL],
    'json_serialize_to_varbyte.html',
  ),
  // VARBYTE (and VARBINARY) as a cast's target: the UTF-8 bytes of the text.
  // Values go through TO_HEX: the emulator prints VARBYTE as PostgreSQL's
  // bytea (\x...), Redshift as bare hex.
  row(
    "select to_hex('abc'::varbyte), to_hex(cast('abc' as varbinary)), from_varbyte('abc'::varbyte, 'utf8')",
    ['616263', '616263', 'abc'],
    [VARCHAR, VARCHAR, VARCHAR],
    'r_TO_HEX.html',
  ),
  row(
    "select len('français'::varbyte), 'a'::varbyte || 'b'::varbyte = from_hex('6162')",
    ['9', 't'],
    [INT4, BOOL],
    'r_VARBYTE_type.html',
  ),
  // NTILE is a BIGINT, as ROW_NUMBER is; RANK an INTEGER (r_WF_RANK.html).
  rows(
    `select v, ntile(2) over (order by v), rank() over (order by v) from ${TEN_TWENTY_THIRTY} order by v`,
    [
      ['10', '1', '1'],
      ['20', '1', '2'],
      ['30', '2', '3'],
    ],
    [INT4, INT8, INT4],
    'r_WF_NTILE.html',
  ),
  row(
    "select getbit(from_hex('4d'), 7), getbit(from_hex('4d'), 6), getbit(from_hex('4d'), 5), getbit(from_hex('4d'), 4), getbit(from_hex('4d'), 3), getbit(from_hex('4d'), 2), getbit(from_hex('4d'), 1), getbit(from_hex('4d'), 0)",
    ['0', '1', '0', '0', '1', '1', '0', '1'],
    [INT4, INT4, INT4, INT4, INT4, INT4, INT4, INT4],
    'r_GETBIT.html',
  ),
  row(
    "select getbit(from_hex('0100'), 8), getbit(from_hex('0100'), 0)",
    ['1', '0'],
    [INT4, INT4],
    'r_GETBIT.html',
  ),
  // Date and time: EXTRACT of an INTERVAL is an INTEGER.
  row(
    "select extract(day from interval '3 days 2 hours'), extract(year from interval '2 years 3 months'), extract(month from interval '2 years 3 months')",
    ['3', '2', '3'],
    [INT4, INT4, INT4],
    'r_EXTRACT_function.html',
  ),
  // JSON functions with null_if_invalid.
  row(
    `select json_array_length('[11,12,13,{"f1":21,"f2":[25,26]},14]')`,
    ['5'],
    [INT4],
    'JSON_ARRAY_LENGTH.html',
  ),
  row(
    `select json_array_length('[11,12,13,{"f1":21,"f2":[25,26]},14', true)`,
    [null],
    [INT4],
    'JSON_ARRAY_LENGTH.html',
  ),
  row(
    `select json_extract_array_element_text('["a",["b",1,["c",2,3,null,]]]', 1, true)`,
    [null],
    [VARCHAR],
    'JSON_EXTRACT_ARRAY_ELEMENT_TEXT.html',
  ),
  row(
    "select json_extract_array_element_text('[111,112,113]', 2, false)",
    ['113'],
    [VARCHAR],
    'JSON_EXTRACT_ARRAY_ELEMENT_TEXT.html',
  ),
  // A negative or out-of-range position is NULL.
  row(
    "select json_extract_array_element_text('[111,112,113]', -1), json_extract_array_element_text('[111,112,113]', 3)",
    [null, null],
    [VARCHAR, VARCHAR],
    'JSON_EXTRACT_ARRAY_ELEMENT_TEXT.html',
  ),
  row(
    `select json_extract_path_text('{"f2":{"f3":1},"f4":{"f5":99,"f6":"star"}', 'f4', 'f6', true)`,
    [null],
    [VARCHAR],
    'JSON_EXTRACT_PATH_TEXT.html',
  ),
  row(
    `select can_json_parse('[10001,10002,"abc"]'), can_json_parse('"abc"'), can_json_parse('[10001,10002')`,
    ['t', 't', 'f'],
    [BOOL, BOOL, BOOL],
    'CAN_JSON_PARSE.html',
  ),
  // SUPER: DECIMAL_PRECISION and DECIMAL_SCALE of a SUPER decimal.
  row(
    'select decimal_precision(s), decimal_scale(s) from super_t',
    ['6', '5'],
    [INT4, INT4],
    'r_decimal_precision.html',
  ),
  // SUPER: LOWER_ATTRIBUTE_NAMES / UPPER_ATTRIBUTE_NAMES at every depth.
  row(
    'select x.s.attributename, x.s.AttributeName, json_serialize(x.s) from (select lower_attribute_names(s) as s from attr_t1) as x',
    ['"Value"', '"Value"', '{"attributename":"Value"}'],
    [SUPER, SUPER, VARCHAR],
    'r_lower_attribute_names.html',
  ),
  row(
    `select json_serialize(upper_attribute_names(json_parse('{"a":{"b":[{"c":1}]},"d":["x"]}')))`,
    ['{"A":{"B":[{"C":1}]},"D":["x"]}'],
    [VARCHAR],
    'r_upper_attribute_names.html',
  ),
  // SUPER: ARRAY_EXCEPT and ARRAY_INTERSECTION, multisets unless distinct,
  // NULL a known value.
  row(
    "select array_except(array('a','b','c'), array('b','c','d')), array_except(array('b','b','b','b'), array('b','b')), array_except(array('a','b','b'), array('b'), true), array_except(array('a',null), array(null))",
    ['["a"]', '["b","b"]', '["a"]', '["a"]'],
    [SUPER, SUPER, SUPER, SUPER],
    'array_except.html',
  ),
  row(
    "select array_intersection(array('a','b','c'), array('b','c','d')), array_intersection(array('a','b','b'), array('b','b','b')), array_intersection(array('a','b','b'), array('b','b','b'), true), array_intersection(array('a',null), array('b',null))",
    ['["b","c"]', '["b","b"]', '["b"]', '[null]'],
    [SUPER, SUPER, SUPER, SUPER],
    'array_intersection.html',
  ),
  // SUPER: SPLIT_TO_ARRAY, comma by default.
  row(
    "select split_to_array('12|345|6789', '|')",
    ['["12","345","6789"]'],
    [SUPER],
    'split_to_array.html',
  ),
  row(
    "select split_to_array('12,345,6789')",
    ['["12","345","6789"]'],
    [SUPER],
    'split_to_array.html',
  ),
  row(
    "select get_array_length(split_to_array('a,b,c'))",
    ['3'],
    [INT4],
    'split_to_array.html',
  ),
  // System information and leader-node functions in SELECTs without tables.
  row(
    'select current_schema(), current_schemas(false)',
    ['public', '{public}'],
    null,
    'r_CURRENT_SCHEMA.html',
  ),
  row(
    "select has_schema_privilege('public', 'usage'), isfinite(date '2008-01-01')",
    ['t', 't'],
    [BOOL, BOOL],
    'c_SQL_functions_leader_node_only.html',
  ),
  rows(
    "select * from pg_get_cols('sales_vw') cols(view_schema name, view_name name, col_name name, col_type varchar, col_num int)",
    [
      ['public', 'sales_vw', 'salesid', 'integer', '1'],
      ['public', 'sales_vw', 'note', 'character varying(30)', '2'],
    ],
    [19, 19, 19, VARCHAR, INT4],
    'PG_GET_COLS.html',
  ),
  rows(
    "select col_name, col_type from pg_get_cols('public.sales_t') cols(view_schema name, view_name name, col_name name, col_type varchar, col_num int) where col_num > 2",
    [
      ['price', 'numeric(8,2)'],
      ['note', 'character varying(30)'],
      ['doc', 'super'],
    ],
    null,
    'PG_GET_COLS.html',
  ),
  // No table: the leader node's slice number (r_SLICE_NUM.html).
  row(
    'select db_collation(), slice_num()',
    ['case_sensitive', '10000'],
    [VARCHAR, INT4],
    'r_DB_COLLATION.html',
  ),
  row(
    "select age(timestamp '2008-01-01', timestamp '2007-06-01')",
    ['7 mons'],
    null,
    'c_SQL_functions_leader_node_only.html',
  ),
]

/** Documented functions the emulator refuses as its own limit. */
const LIMITS: readonly { readonly sql: string; readonly doc: string }[] = [
  { sql: 'select hll_create_sketch(1)', doc: 'r_HLL_CREATE_SKETCH.html' },
  {
    sql: 'select hll_cardinality(hll_create_sketch(1))',
    doc: 'r_HLL_CARDINALITY.html',
  },
  { sql: 'select hll(1)', doc: 'r_HLL_function.html' },
  {
    sql: 'select hll_combine(hll_create_sketch(1))',
    doc: 'r_HLL_COMBINE.html',
  },
  { sql: 'select st_point(1, 2)', doc: 'ST_Point-function.html' },
  {
    sql: "select st_astext(st_geomfromtext('POINT(1 2)'))",
    doc: 'ST_AsText-function.html',
  },
  { sql: 'select h3_fromlatlng(1.0, 2.0, 1)', doc: 'H3_FromLatLng.html' },
  { sql: 'select geometrytype(null)', doc: 'GeometryType-function.html' },
  {
    sql: "select pg_get_iam_role_by_user('u')",
    doc: 'PG_GET_IAM_ROLE_BY_USER.html',
  },
  // Two names of one object that become the same: undocumented.
  {
    sql: `select lower_attribute_names(json_parse('{"A":1,"a":2}'))`,
    doc: 'r_lower_attribute_names.html',
  },
  { sql: "select text_to_int_alt('123-')", doc: 'r_TEXT_TO_INT_ALT.html' },
  {
    sql: "select text_to_numeric_alt('1.5-')",
    doc: 'r_TEXT_TO_NUMERIC_ALT.html',
  },
  { sql: 'select pg_get_session_roles()', doc: 'PG_GET_SESSION_ROLES.html' },
  { sql: 'select default_iam_role()', doc: 'r_DEFAULT_IAM_ROLE.html' },
  {
    sql: "select user_is_member_of('u', 'r')",
    doc: 'USER_IS_MEMBER_OF.html',
  },
]

describe('local emulator: the SQL functions reference, audited', () => {
  let client: pg.Client
  let close: () => Promise<void>
  let database: string

  beforeAll(async () => {
    const opened = await openEmulatorDatabase('local_fid_audit', [
      'create table sales_t (salesid int, qty smallint, price decimal(8,2), note varchar(30), doc super)',
      'create view sales_vw as select salesid, note from sales_t',
      'create table super_t (s super)',
      'insert into super_t values (3.14159)',
      'create table one_t (x int)',
      'insert into one_t values (1)',
      `create table attr_t1 as select json_parse('{"AttributeName": "Value"}') as s`,
    ])
    close = opened.close
    database = opened.db.name
    client = await connectAsText(opened.url)
  })
  afterAll(async () => {
    await client.end()
    await close()
  })

  it.each(ANSWERS)('$sql ($doc)', (answer) => expectAnswer(client, answer))

  it('CURRENT_DATABASE() names the database connected to (r_CURRENT_DATABASE.html)', async () => {
    const result = await client.query({
      text: 'select current_database()',
      rowMode: 'array',
    })
    expect(result.rows).toEqual([[database]])
  })

  it("LAST_USER_QUERY_ID() is the session's last query id, as PG_LAST_QUERY_ID() (LAST_USER_QUERY_ID.html)", async () => {
    // A query on a user table: leader-node queries have no query id.
    await client.query('select count(*) from sales_t')
    const result = await client.query({
      text: 'select last_user_query_id(), pg_last_query_id()',
      rowMode: 'array',
    })
    const [last, pgLast] = result.rows[0] as [string, string]
    expect(Number(last)).toBeGreaterThan(0)
    expect(last).toBe(pgLast)
    expect(result.fields.map((f) => f.dataTypeID)).toEqual([INT4, INT4])
  })

  it('invalid JSON without null_if_invalid is still an error (JSON_ARRAY_LENGTH.html, JSON_EXTRACT_ARRAY_ELEMENT_TEXT.html)', async () => {
    for (const sql of [
      `select json_array_length('[11,12,13,{"f1":21,"f2":[25,26]},14')`,
      `select json_extract_array_element_text('["a",["b",1,["c",2,3,null,]]]', 1)`,
      `select json_array_length('[1,', false)`,
    ]) {
      const error = await errorOf(client.query(sql))
      expect(error.code).toBe('22P02')
    }
  })

  it('the aggregates keep their documented column names (r_STDDEV_functions.html)', async () => {
    const result = await client.query(
      `select stddev(v), var_pop(v), split_to_array('a') from ${TEN_TWENTY_THIRTY}`,
    )
    expect(result.fields.map((f) => f.name)).toEqual([
      'stddev',
      'var_pop',
      'split_to_array',
    ])
  })

  it('Redshift ML: CREATE, SHOW and DROP MODEL are emulator limits (r_CREATE_MODEL.html)', async () => {
    for (const sql of [
      "create model m from (select 1 as a) target a function f_m iam_role default settings (s3_bucket 'b')",
      'show model m',
      'drop model m',
    ]) {
      const error = await errorOf(client.query(sql))
      expect(error.code).toBe('0A000')
      expect(error.message).toContain('MODEL (Amazon Redshift ML)')
      expect(error.hint).toContain('emulator limit')
    }
  })

  it.each(LIMITS)(
    'refuses $sql as an emulator limit ($doc)',
    async ({ sql }) => {
      const error = await errorOf(client.query(sql))
      expect(error.code).toBe('0A000')
      expect(error.message).toContain('not supported by the local emulator')
      expect(error.message).toContain('emulator limit')
    },
  )
})
