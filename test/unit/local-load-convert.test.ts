import { describe, expect, test } from 'vitest'

import { col, runLoad } from './local-load-helpers.js'

type Expected = string | null | { code: number; reason: string }

/** Loads one CSV field into one column of `type` and returns what PostgreSQL would get, or the load error. */
async function convert(
  type: string,
  field: string,
  options = '',
): Promise<Expected> {
  const out = await runLoad(
    `copy t from 's3://b/f' iam_role default csv ${options}`,
    { 's3://b/f': `${field}\n` },
    [col('v', type)],
    64,
  )
  if (out.error !== undefined) {
    const e = out.error.loadErrors[0]!
    return { code: e.err_code!, reason: e.err_reason! }
  }
  expect(out.rows).toHaveLength(1)
  return out.rows[0]![0]!
}
const err = (code: number, reason: string) => ({ code, reason })

describe.each<[string, string, string, Expected]>([
  ['smallint', '', '32767', '32767'],
  ['smallint', '', '-32768', '-32768'],
  [
    'smallint',
    '',
    '32768',
    err(1204, 'Overflow (Short valid range -32768 to 32767)'),
  ],
  [
    'smallint',
    '',
    '12a',
    err(1207, "Invalid digit, Value 'a', Pos 2, Type: Short"),
  ],
  ['integer', '', ' 7 ', '7'],
  ['integer', '', '', null],
  ['integer', '', '"   "', null],
  [
    'integer',
    '',
    '2147483648',
    err(1204, 'Overflow (Integer valid range -2147483648 to 2147483647)'),
  ],
  [
    'integer',
    '',
    '1.5',
    err(1207, "Invalid digit, Value '.', Pos 1, Type: Integer"),
  ],
  ['bigint', '', '9223372036854775807', '9223372036854775807'],
  ['bigint', '', '-9223372036854775808', '-9223372036854775808'],
  [
    'bigint',
    '',
    '9223372036854775808',
    err(
      1204,
      'Overflow (Long valid range -9223372036854775808 to 9223372036854775807)',
    ),
  ],
  ['numeric(5,2)', '', '123.456', '123.45'],
  ['numeric(5,2)', '', '-123.459', '-123.45'],
  ['numeric(5,2)', 'roundec', '123.455', '123.46'],
  ['numeric(5,2)', 'roundec', '-0.005', '-0.01'],
  [
    'numeric(5,2)',
    'roundec',
    '999.995',
    err(1204, 'Numeric data overflow (result precision)'),
  ],
  [
    'numeric(5,2)',
    '',
    '1234.5',
    err(1204, 'Numeric data overflow (result precision)'),
  ],
  ['numeric(5,2)', '', '-0.001', '0.00'],
  ['numeric(5,2)', '', '.5', '0.5'],
  ['numeric(5,2)', '', '007.10', '007.10'],
  [
    'numeric(5,2)',
    '',
    '1e3',
    err(1207, "Invalid digit, Value 'e', Pos 1, Type: Decimal"),
  ],
  [
    'numeric(38,0)',
    '',
    '12345678901234567890123456789012345678',
    '12345678901234567890123456789012345678',
  ],
  ['numeric', '', '123456789012345678.9', '123456789012345678'],
  ['double precision', '', '1e308', '1e308'],
  ['double precision', '', '-Infinity', '-Infinity'],
  [
    'double precision',
    '',
    '1e309',
    err(1204, "Overflow for Double, Value '1e309'"),
  ],
  [
    'double precision',
    '',
    'x1',
    err(1208, "Invalid digit, Value 'x', Pos 0, Type: Double"),
  ],
  ['real', '', '3.5e38', err(1204, "Overflow for Float, Value '3.5e38'")],
  ['real', '', '0.25', '0.25'],
  ['boolean', '', 'TRUE', 't'],
  ['boolean', '', 'yes', 't'],
  ['boolean', '', 'No', 'f'],
  ['boolean', '', '0', 'f'],
  ['boolean', '', 'maybe', err(1210, "Invalid boolean format: 'maybe'")],
  ['date', '', '2020-02-29', '2020-02-29'],
  ['date', '', '2020-1-5', '2020-01-05'],
  [
    'date',
    '',
    '2021-02-29',
    err(1205, 'Date value did not match format specified [YYYY-MM-DD]'),
  ],
  [
    'date',
    '',
    '20200101',
    err(1205, 'Invalid Date Format - length must be 10 or more'),
  ],
  ['date', "dateformat 'MM/DD/YYYY'", '03/31/2003', '2003-03-31'],
  ['date', "dateformat 'MON DD, YYYY'", '"March 31, 2003"', '2003-03-31'],
  ['date', "dateformat 'DD.MM.YY'", '31.03.69', '2069-03-31'],
  ['date', "dateformat 'DD.MM.YY'", '31.03.70', '1970-03-31'],
  [
    'date',
    "dateformat 'MM/DD/YYYY'",
    '2003-03-31',
    err(1205, 'Date value did not match format specified [MM/DD/YYYY]'),
  ],
  ['date', "dateformat 'auto'", '31-Mar-2003', '2003-03-31'],
  ['date', "dateformat 'auto'", '20030331', '2003-03-31'],
  ['date', "dateformat 'auto'", '03/31/2003', '2003-03-31'],
  ['date', "acceptanydate dateformat 'YYYY-MM-DD'", '00/00/00', null],
  [
    'timestamp without time zone',
    '',
    '2020-01-02 03:04:05.123456',
    '2020-01-02 03:04:05.123456',
  ],
  ['timestamp without time zone', '', '2020-01-02', '2020-01-02 00:00:00'],
  [
    'timestamp without time zone',
    '',
    '2020-01-02 24:00:00',
    err(1206, 'Invalid timestamp format or value [YYYY-MM-DD HH24:MI:SS]'),
  ],
  [
    'timestamp without time zone',
    '',
    '2019-02-29 00:00:00',
    err(1206, 'Invalid timestamp format or value [YYYY-MM-DD HH24:MI:SS]'),
  ],
  [
    'timestamp without time zone',
    "timeformat 'YYYY-MM-DD HH12:MI:SS AM'",
    '2020-01-02 01:02:03 PM',
    '2020-01-02 13:02:03',
  ],
  [
    'timestamp without time zone',
    "timeformat 'MM.DD.YYYY HH:MI:SS.SSSSSS'",
    '03.31.2003 18:45:05.123456',
    '2003-03-31 18:45:05.123456',
  ],
  [
    'timestamp without time zone',
    "timeformat 'epochsecs'",
    '1700000000',
    '2023-11-14 22:13:20',
  ],
  [
    'timestamp without time zone',
    "timeformat 'epochmillisecs'",
    '1700000000123',
    '2023-11-14 22:13:20.123',
  ],
  [
    'timestamp without time zone',
    "timeformat 'auto'",
    '2020-01-02T03:04:05.5',
    '2020-01-02 03:04:05.5',
  ],
  [
    'timestamp with time zone',
    '',
    '2020-01-02 03:04:05-8:00',
    '2020-01-02 03:04:05-08:00',
  ],
  [
    'timestamp with time zone',
    '',
    '2020-01-02 03:04:05',
    '2020-01-02 03:04:05+00:00',
  ],
  [
    'timestamp with time zone',
    "timeformat 'auto'",
    '2020-01-02T03:04:05Z',
    '2020-01-02 03:04:05+00:00',
  ],
  ['time without time zone', '', '13:45', '13:45:00'],
  [
    'time without time zone',
    '',
    '25:00',
    err(1206, 'Invalid time format or value [HH24:MI:SS]'),
  ],
  ['time with time zone', '', '13:45:00.5+05:30', '13:45:00.5+05:30'],
  ['character(3)', '', 'ab ', 'ab'],
  ['character(3)', '', 'abcd', err(1204, 'Char length exceeds DDL length')],
  ['character(3)', 'truncatecolumns', 'abcd', 'abc'],
  [
    'character(3)',
    '',
    'é',
    err(
      1220,
      'Multibyte character not supported for CHAR (Hint: Try using VARCHAR). Invalid char: c3a9',
    ),
  ],
  ['character varying(4)', '', 'éé', 'éé'],
  [
    'character varying(4)',
    '',
    'ééé',
    err(1204, 'String length exceeds DDL length'),
  ],
  ['character varying(4)', 'truncatecolumns', 'ééé', 'éé'],
  ['character varying(4)', 'truncatecolumns', '€€', '€'],
  ['character varying(5)', '', 'a😀', 'a😀'],
  ['character varying(8)', '', '💀𐂀', '💀𐂀'],
  ['character varying(4)', 'truncatecolumns', 'a😀', 'a'],
  ['character varying(4)', 'truncatecolumns', 'ab😀', 'ab'],
  ['text', '', 'x'.repeat(256), 'x'.repeat(256)],
  ['text', '', 'x'.repeat(257), err(1204, 'String length exceeds DDL length')],
  [
    'super',
    '',
    '"{""a"": 12345678901234567890, ""b"": [1.50, null]}"',
    // Stored compact, keys in order, numbers as written (JSON_SERIALIZE.html).
    '{"a":12345678901234567890,"b":[1.50,null]}',
  ],
  [
    'super',
    '',
    '{bad',
    err(1224, 'Input data is incorrect JSON format or super data type'),
  ],
  ['jsonb', '', '"""text"""', '"text"'],
  ['varbyte(64000)', '', 'CAFE00', '\\xcafe00'],
  [
    'bytea',
    '',
    'xyz',
    err(1207, "Invalid digit, Value 'x', Pos 0, Type: Varbyte"),
  ],
  ['varbyte(2)', '', 'aabbcc', err(1204, 'Varbyte length exceeds DDL length')],
  ['varbyte(2)', 'truncatecolumns', 'aabbcc', '\\xaabb'],
  [
    'geometry',
    '',
    '010100000000000000000000000000000000000000',
    '010100000000000000000000000000000000000000',
  ],
])('%s %s: %s', (type, options, field, expected) => {
  test('converts as Redshift does', async () => {
    expect(await convert(type, field, options)).toEqual(expected)
  })
})

test('a NULL into a NOT NULL column is load error 1213', async () => {
  const out = await runLoad(
    "copy t from 's3://b/f' iam_role default",
    { 's3://b/f': '\\N\n' },
    [col('v', 'integer', { notNull: true })],
  )
  expect(out.error?.loadErrors[0]).toMatchObject({
    err_code: 1213,
    err_reason: 'Missing data for not-null field',
    colname: 'v',
  })
})
