import type pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { openEmulatorDatabase } from './local-test-helpers.js'

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
]

describe('local emulator: results as Redshift gives them', () => {
  let client: pg.Client
  let close: () => Promise<void>

  beforeAll(async () => {
    ;({ client, close } = await openEmulatorDatabase('local_fid_results', [
      'create table words (id int, name varchar(20))',
      "insert into words values (1, 'banana'), (2, 'cherry')",
      'create table days (d date)',
      "insert into days values ('2008-02-08'), ('2008-06-24')",
    ]))
  })
  afterAll(() => close())

  it.each(RESULTS)('$sql ($doc)', async ({ sql, rows }) => {
    const result = await client.query(sql)
    expect(result.rows).toEqual(rows)
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
