import net from 'node:net'

import type pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { errorOf, openEmulatorDatabase } from './local-test-helpers.js'

// Results and shapes as Redshift gives them: each row is a query, the rows
// (column names included) Redshift answers, and the Developer Guide page
// that shows them.

const DG = 'https://docs.aws.amazon.com/redshift/latest/dg/'

interface Result {
  readonly sql: string
  readonly rows: readonly Record<string, unknown>[]
  readonly doc: string
}

const RESULTS: readonly Result[] = [
  // REGEXP_REPLACE replaces every occurrence.
  {
    sql: "select regexp_replace('a-b-c', '-', '+')",
    rows: [{ regexp_replace: 'a+b+c' }],
    doc: `${DG}REGEXP_REPLACE.html`,
  },
  {
    sql: "select regexp_replace('the fox', 'FOX', 'quick brown fox', 1, 'i')",
    rows: [{ regexp_replace: 'the quick brown fox' }],
    doc: `${DG}REGEXP_REPLACE.html`,
  },
  {
    sql: "select regexp_replace('Etiam.laoreet.libero@sodalesMaurisblandit.edu', '@.*\\\\.(org|gov|com|edu|ca)$')",
    rows: [{ regexp_replace: 'Etiam.laoreet.libero' }],
    doc: `${DG}REGEXP_REPLACE.html`,
  },
  {
    sql: "select regexp_replace('passwd7 plain A1234 a1234', '(?=[^ ]*[a-z])(?=[^ ]*[0-9])[^ ]+', '[hidden]', 1, 'p')",
    rows: [{ regexp_replace: '[hidden] plain A1234 [hidden]' }],
    doc: `${DG}REGEXP_REPLACE.html`,
  },
  {
    sql: "select regexp_replace('passwd7 plain A1234 a1234', '(?=[^ ]*[a-z])(?=[^ ]*[0-9])[^ ]+', '[hidden]', 1, 'ip')",
    rows: [{ regexp_replace: '[hidden] plain [hidden] [hidden]' }],
    doc: `${DG}REGEXP_REPLACE.html`,
  },
  {
    sql: "select regexp_replace('aaaa', 'a', 'b', 3) as r",
    rows: [{ r: 'aabb' }],
    doc: `${DG}REGEXP_REPLACE.html`,
  },
  {
    sql: "select regexp_replace('abc', 'b', 'x', 9) as r",
    rows: [{ r: 'abc' }],
    doc: `${DG}REGEXP_REPLACE.html`,
  },
  {
    sql: "select regexp_replace(name, '[aeiou]', '') as r from words order by id",
    rows: [{ r: 'bnn' }, { r: 'chrry' }],
    doc: `${DG}REGEXP_REPLACE.html`,
  },
  // EXTRACT gives integers from TIMESTAMP, TIME and TIMETZ, in a date_part column.
  {
    sql: "select extract(minute from timestamp '2009-09-09 12:08:43')",
    rows: [{ date_part: 8 }],
    doc: `${DG}r_EXTRACT_function.html`,
  },
  {
    sql: "select extract(second from timestamp '2009-09-09 12:08:43.101')",
    rows: [{ date_part: 43 }],
    doc: `${DG}r_EXTRACT_function.html`,
  },
  {
    sql: "select extract(ms from timestamp '2009-09-09 12:08:43.101')",
    rows: [{ date_part: 101 }],
    doc: `${DG}r_EXTRACT_function.html`,
  },
  {
    sql: "select extract(ms from time '18:25:33.123456')",
    rows: [{ date_part: 123 }],
    doc: `${DG}r_EXTRACT_function.html`,
  },
  {
    sql: "select extract(hour from timetz '04:00:00+00') as hours",
    rows: [{ hours: 4 }],
    doc: `${DG}r_EXTRACT_function.html`,
  },
  {
    sql: "select extract(year from timestamptz '1997-12-01 07:37:16 PST')",
    rows: [{ date_part: 1997 }],
    doc: `${DG}r_EXTRACT_function.html`,
  },
  {
    sql: 'select extract(week from d) as weeknum from days order by d',
    rows: [{ weeknum: 6 }, { weeknum: 26 }],
    doc: `${DG}r_EXTRACT_function.html`,
  },
  // SHOW search_path shows $user unquoted.
  {
    sql: 'show search_path',
    rows: [{ search_path: '$user, public' }],
    doc: `${DG}r_search_path.html`,
  },
  // SHOW of the other session parameters: lower-case column, Redshift's defaults.
  {
    sql: 'show timezone',
    rows: [{ timezone: 'UTC' }],
    doc: `${DG}r_timezone_config.html`,
  },
  {
    sql: 'show datestyle',
    rows: [{ datestyle: 'ISO, MDY' }],
    doc: `${DG}r_datestyle.html`,
  },
  {
    sql: 'show extra_float_digits',
    rows: [{ extra_float_digits: '0' }],
    doc: `${DG}r_extra_float_digits.html`,
  },
  // SHOW ALL lists Redshift's parameters, as name and setting.
  {
    sql: 'show all',
    rows: [
      { name: 'analyze_threshold_percent', setting: '10' },
      { name: 'datestyle', setting: 'ISO, MDY' },
      { name: 'extra_float_digits', setting: '0' },
      { name: 'query_group', setting: 'default' },
      { name: 'search_path', setting: '$user, public' },
      { name: 'statement_timeout', setting: '0' },
      { name: 'timezone', setting: 'UTC' },
      { name: 'wlm_query_slot_count', setting: '1' },
    ],
    doc: `${DG}r_extra_float_digits.html`,
  },
  // REAL prints 6 significant digits, DOUBLE PRECISION 15 (extra_float_digits 0).
  {
    sql: 'select 3.14159265::real as r, 1 / 3.0::float8 as d',
    rows: [{ r: 3.14159, d: 0.333333333333333 }],
    doc: `${DG}r_extra_float_digits.html`,
  },
  // AVG of an integer column is an integer (BIGINT), truncated.
  {
    sql: 'select avg(n) from nums',
    rows: [{ avg: '2' }],
    doc: `${DG}r_AVG.html`,
  },
  {
    sql: 'select avg(s) as a, avg(b) as b from nums',
    rows: [{ a: '2', b: '2' }],
    doc: `${DG}r_AVG.html`,
  },
  {
    sql: 'select avg(-n) as a from nums',
    rows: [{ a: '-2' }],
    doc: `${DG}r_AVG.html`,
  },
  {
    sql: 'select avg(f) as a from nums',
    rows: [{ a: 2.5 }],
    doc: `${DG}r_AVG.html`,
  },
  // SUM of integers is a BIGINT (of a BIGINT too); of a REAL a DOUBLE PRECISION.
  {
    sql: 'select sum(n) as i, sum(b) as b, sum(f) as f from nums',
    rows: [{ i: '10', b: '10', f: 10 }],
    doc: `${DG}r_SUM.html`,
  },
  {
    sql: 'select id, sum(n) over (order by id rows unbounded preceding) as running from nums order by id limit 2',
    rows: [
      { id: 1, running: '1' },
      { id: 2, running: '3' },
    ],
    doc: `${DG}r_WF_SUM.html`,
  },
  // Trailing blanks are insignificant when VARCHAR values are compared.
  {
    sql: "select count(*)::int as n from blanks where v = 'a'",
    rows: [{ n: 2 }],
    doc: `${DG}r_Character_types.html`,
  },
  {
    sql: "select count(*)::int as n from blanks where v <> 'a   ' and v >= 'a ' and v in ('b ', 'c')",
    rows: [{ n: 1 }],
    doc: `${DG}r_Character_types.html`,
  },
  {
    sql: "select count(distinct v)::int as d, count(*)::int as n from blanks where v < 'a  ' or v <= 'a'",
    rows: [{ d: 1, n: 2 }],
    doc: `${DG}r_Character_types.html`,
  },
  {
    sql: 'select rtrim(v) as v, count(*)::int as n from blanks group by v order by 1',
    rows: [
      { v: 'a', n: 2 },
      { v: 'b', n: 1 },
    ],
    doc: `${DG}r_Character_types.html`,
  },
  {
    sql: 'select count(*)::int as n from blanks x join blanks y on x.v = y.v',
    rows: [{ n: 5 }],
    doc: `${DG}r_Character_types.html`,
  },
  {
    sql: 'select count(*)::int as n from (select v from blanks union select v from blanks) u',
    rows: [{ n: 2 }],
    doc: `${DG}r_Character_types.html`,
  },
  // Unaliased DATEDIFF / DATE_PART columns are named as Redshift names them.
  {
    sql: "select datediff(hour, '2023-01-01', '2023-01-03 05:04:03')",
    rows: [{ date_diff: '53' }],
    doc: `${DG}r_DATEDIFF_function.html`,
  },
  {
    sql: "select date_part(minute, timestamp '2009-09-09 12:08:43')",
    rows: [{ pgdate_part: 8 }],
    doc: `${DG}r_DATE_PART_function.html`,
  },
]

interface Shape {
  readonly sql: string
  readonly params?: readonly unknown[]
  /** Column names, in order. */
  readonly names: readonly string[]
  /** Type OIDs, in order (when the case is about types). */
  readonly types?: readonly number[]
  readonly doc: string
}

// Result shapes: column names and types as Redshift describes them.
const SHAPES: readonly Shape[] = [
  {
    sql: "select dateadd(month, 18, '2008-02-28'::date), datediff(day, d, d), 1 as x from days",
    names: ['date_add', 'date_diff', 'x'],
    doc: `${DG}r_DATEADD_function.html`,
  },
  {
    sql: "select datediff(week, '2009-01-01', '2009-12-31') as numweeks",
    names: ['numweeks'],
    doc: `${DG}r_DATEDIFF_function.html`,
  },
  {
    sql: 'select datediff(day, d, d) from days union all select 1',
    names: ['date_diff'],
    doc: `${DG}r_DATEDIFF_function.html`,
  },
  // The extended protocol describes the same names.
  {
    sql: 'select datediff(day, $1::date, $2::date), date_part(dow, $1::date)',
    params: ['2008-02-08', '2008-02-10'],
    names: ['date_diff', 'pgdate_part'],
    doc: `${DG}r_DATEDIFF_function.html`,
  },
  {
    sql: 'select 1 + 1, case when true then 1 end, count(*) from days',
    names: ['?column?', 'case', 'count'],
    doc: `${DG}c_SQL_commands.html`,
  },
  {
    sql: 'select avg(n), sum(b), sum(f), avg(f), sum(x) from nums',
    names: ['avg', 'sum', 'sum', 'avg', 'sum'],
    types: [20, 20, 701, 701, 1700],
    doc: `${DG}r_SUM.html`,
  },
]

interface Failure {
  readonly sql: string
  readonly code: string
  readonly message: string
  readonly doc: string
}

// Errors Redshift words otherwise than PostgreSQL.
const FAILURES: readonly Failure[] = [
  {
    sql: "select 'abc'::int",
    code: '22P02',
    message: 'invalid input syntax for integer: "abc"',
    doc: `${DG}r_CAST_function.html`,
  },
  {
    sql: "select cast('' as smallint)",
    code: '22P02',
    message: 'invalid input syntax for integer: ""',
    doc: `${DG}r_CAST_function.html`,
  },
  {
    sql: "insert into nums (id) values ('x1')",
    code: '22P02',
    message: 'invalid input syntax for integer: "x1"',
    doc: `${DG}r_INSERT_30.html`,
  },
  {
    sql: 'select n / (n - n) from nums',
    code: '22012',
    message: 'Divide by zero',
    doc: `${DG}r_arithmetic_operators.html`,
  },
  {
    sql: 'set extra_float_digits to 3',
    code: '22023',
    message:
      '3 is outside the valid range for parameter "extra_float_digits" (-15 .. 2)',
    doc: `${DG}r_extra_float_digits.html`,
  },
  {
    sql: 'drop user fid_owner',
    code: '55006',
    message: `user "fid_owner" can't be dropped because the user owns some object`,
    doc: `${DG}r_DROP_USER.html`,
  },
  {
    sql: 'drop user fid_grantee',
    code: '55006',
    message: `user "fid_grantee" can't be dropped because the user has a privilege on some object`,
    doc: `${DG}r_DROP_USER.html`,
  },
]

/** Every ParameterStatus a new connection receives, in order. */
async function startupParameters(
  url: string,
  extra: Record<string, string> = {},
): Promise<[string, string][]> {
  const target = new URL(url)
  const socket = net.connect(Number(target.port), target.hostname)
  const parameters = {
    user: decodeURIComponent(target.username),
    database: target.pathname.slice(1),
    ...extra,
  }
  const body = Buffer.concat([
    ...Object.entries(parameters).flatMap(([k, v]) => [
      Buffer.from(`${k}\0${v}\0`),
    ]),
    Buffer.from([0]),
  ])
  const head = Buffer.alloc(8)
  head.writeInt32BE(8 + body.length, 0)
  head.writeInt32BE(196608, 4)
  socket.write(Buffer.concat([head, body]))
  const statuses: [string, string][] = []
  let buffered = Buffer.alloc(0)
  await new Promise<void>((resolve, reject) => {
    socket.on('error', reject)
    socket.on('data', (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk])
      while (buffered.length >= 5) {
        const length = buffered.readInt32BE(1)
        if (buffered.length < length + 1) return
        const type = String.fromCharCode(buffered[0]!)
        const message = buffered.subarray(5, length + 1)
        buffered = buffered.subarray(length + 1)
        if (type === 'S') {
          const [name, value] = message.toString('utf8').split('\0')
          statuses.push([name!, value!])
        } else if (type === 'E') {
          reject(new Error(message.toString('utf8')))
        } else if (type === 'Z') {
          resolve()
        }
      }
    })
  })
  socket.end()
  return statuses
}

describe('local emulator: results as Redshift gives them', () => {
  let client: pg.Client
  let url: string
  let close: () => Promise<void>

  beforeAll(async () => {
    ;({ client, url, close } = await openEmulatorDatabase('local_fid_results', [
      'create table words (id int, name varchar(20))',
      "insert into words values (1, 'banana'), (2, 'cherry')",
      'create table days (d date)',
      "insert into days values ('2008-02-08'), ('2008-06-24')",
      'create table nums (id int, n int, s smallint, b bigint, f real, x decimal(8,2))',
      'insert into nums values (1, 1, 1, 1, 1, 1), (2, 2, 2, 2, 2, 2), (3, 3, 3, 3, 3, 3), (4, 4, 4, 4, 4, 4)',
      'create table blanks (v varchar(10))',
      "insert into blanks values ('a'), ('a  '), ('b')",
      'drop user if exists fid_owner',
      'drop user if exists fid_grantee',
      'create user fid_owner password disable',
      'create user fid_grantee password disable',
      'create table fid_owned (id int)',
      'alter table fid_owned owner to fid_owner',
      'grant select on words to fid_grantee',
    ]))
  })
  afterAll(async () => {
    await client.query('drop table if exists fid_owned')
    await client.query('revoke all on words from fid_grantee')
    await client.query('drop user if exists fid_owner')
    await client.query('drop user if exists fid_grantee')
    await close()
  })

  it.each(RESULTS)('$sql ($doc)', async ({ sql, rows }) => {
    const result = await client.query(sql)
    expect(result.rows).toEqual(rows)
  })

  it.each(SHAPES)('$sql ($doc)', async ({ sql, params, names, types }) => {
    const result = await client.query(sql, params ? [...params] : undefined)
    expect(result.fields.map((f) => f.name)).toEqual(names)
    if (types) expect(result.fields.map((f) => f.dataTypeID)).toEqual(types)
  })

  it.each(FAILURES)('$sql fails as on Redshift ($doc)', async (failure) => {
    const error = await errorOf(client.query(failure.sql))
    expect({ code: error.code, message: error.message }).toEqual({
      code: failure.code,
      message: failure.message,
    })
  })

  it('sends the start-up ParameterStatus messages Redshift sends (aws/amazon-redshift-jdbc-driver#115)', async () => {
    const statuses = new Map(await startupParameters(url))
    expect(statuses.get('server_version')).toBe('8.0.2')
    expect(statuses.get('server_encoding')).toBe('UNICODE')
    expect(statuses.get('TimeZone')).toBe('UTC')
    expect(statuses.get('DateStyle')).toBe('ISO, MDY')
    expect(statuses.get('integer_datetimes')).toBe('on')
    expect(statuses.get('timezone_abbreviations')).toBe('Default')
    // PostgreSQL 8.1+ parameters Redshift neither reports nor accepts.
    for (const absent of [
      'in_hot_standby',
      'standard_conforming_strings',
      'IntervalStyle',
      'default_transaction_read_only',
      'scram_channel_binding',
      'server_protocol_version',
    ]) {
      expect(statuses.has(absent), absent).toBe(false)
    }
  })

  it('answers client_protocol_version with server_protocol_version (redshift_connector core.py)', async () => {
    const statuses = new Map(
      await startupParameters(url, {
        client_protocol_version: '2',
        driver_version: 'test',
      }),
    )
    // The highest version both speak: 1, extended result metadata
    // (local-driver-protocol.test.ts reads what it sends).
    expect(statuses.get('server_protocol_version')).toBe('1')
  })

  it('extra_float_digits 2 prints REAL with 8 significant digits, as SET shows (r_extra_float_digits.html)', async () => {
    await client.query('set extra_float_digits to 2')
    try {
      const { rows } = await client.query(
        "select 3.14159265::real::text as r, (show_value) from (select pg_catalog.current_setting('extra_float_digits') as show_value) s",
      )
      expect(rows).toEqual([{ r: '3.1415927', show_value: '2' }])
    } finally {
      await client.query('reset extra_float_digits')
    }
  })

  it('describe_field_name_in_uppercase returns column names in upper case (r_describe_field_name_in_uppercase.html)', async () => {
    await client.query('set describe_field_name_in_uppercase to on')
    try {
      const shown = await client.query('show describe_field_name_in_uppercase')
      expect(shown.rows).toEqual([{ DESCRIBE_FIELD_NAME_IN_UPPERCASE: 'on' }])
      const simple = await client.query(
        "select id, name as label, datediff(day, '2008-01-01', '2008-01-03') from words order by id limit 1",
      )
      expect(simple.fields.map((f) => f.name)).toEqual([
        'ID',
        'LABEL',
        'DATE_DIFF',
      ])
      const extended = await client.query('select $1::int as v', [7])
      expect(extended.rows).toEqual([{ V: 7 }])
    } finally {
      await client.query('reset describe_field_name_in_uppercase')
    }
    const after = await client.query('select 1 as v')
    expect(after.fields[0]!.name).toBe('v')
  })

  it('EXTRACT is INTEGER from TIMESTAMP, DOUBLE PRECISION from TIMESTAMPTZ (r_EXTRACT_function.html)', async () => {
    const result = await client.query(
      "select extract(second from timestamp '2009-09-09 12:08:43.5') as i, extract(hour from timestamptz '2009-09-09 12:08:43+00') as f",
    )
    expect(result.fields.map((f) => f.dataTypeID)).toEqual([23, 701])
    expect(result.rows).toEqual([{ i: 43, f: 12 }])
  })

  it('REGEXP_REPLACE returns VARCHAR', async () => {
    const result = await client.query(
      "select regexp_replace('a', 'a', 'b') as r",
    )
    expect(result.fields[0]!.dataTypeID).toBe(1043)
  })
})
