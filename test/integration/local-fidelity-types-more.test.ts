/**
 * The Developer Guide's data-type, numeric-typing and UNLOAD pages, for the
 * differences earlier audits left: whole rows by a table's bare name,
 * datetime special values and ranges, VARBYTE(n) lengths and BOOLEAN
 * strings where a value is stored (INSERT, UPDATE, COPY), Redshift's interval
 * type OIDs, the POSIX operators, DECIMAL(p,s) in every DDL path, and UNLOAD's
 * JSON booleans and ADDQUOTES. Each case names its page.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import type pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { connectAsText, DG, BOOL, INT4, NUMERIC } from './function-answers.js'
import {
  errorOf,
  startOwnEmulator,
  type OwnEmulator,
} from './local-test-helpers.js'

const INT2 = 21
const INTERVAL = 1186
const INTERVAL_Y2M = 1188
const INTERVAL_D2S = 1190

/**
 * One step: a statement (with its rows, as text, and result types), a
 * refusal, a file. With `values` the statement goes through the extended
 * protocol with those bind parameters.
 */
type Step =
  | {
      readonly sql: string
      readonly rows?: readonly (readonly (string | null)[])[]
      readonly types?: readonly number[]
      readonly values?: readonly unknown[]
    }
  | {
      readonly sql: string
      readonly code: string
      readonly message: string
      readonly values?: readonly unknown[]
    }
  | { readonly put: string; readonly body: string }
  | { readonly file: string; readonly body: string }

interface Case {
  readonly title: string
  readonly doc: string
  readonly steps: readonly Step[]
}

const run = (sql: string): Step => ({ sql })
const answer = (
  sql: string,
  rows: readonly (readonly (string | null)[])[],
  types?: readonly number[],
): Step => ({ sql, rows, ...(types === undefined ? {} : { types }) })
const fails = (sql: string, code: string, message: string): Step => ({
  sql,
  code,
  message,
})
const put = (key: string, body: string): Step => ({ put: key, body })
const file = (key: string, body: string): Step => ({ file: key, body })

const ROLE = "iam_role 'arn:aws:iam::0123456789012:role/MyRedshiftRole'"
const copy = (table: string, key: string, rest = ''): string =>
  `copy ${table} from 's3://bucket/${key}' ${ROLE} ${rest}`
const unload = (query: string, key: string, rest = ''): string =>
  `unload ('${query.replaceAll("'", "''")}') to 's3://bucket/${key}' ${ROLE} ${rest}`

const page = (name: string): string => `${DG}${name}`

const CASES: readonly Case[] = [
  // 1. Whole rows by a table's bare name.
  {
    title:
      'a bare table name as a value is refused; a column of that name is not',
    doc: page('r_SELECT_list.html'),
    steps: [
      run('create table wr (a int, b varchar(10))'),
      run('create table wr_named (wr int, c int)'),
      run("insert into wr values (1, 'x')"),
      fails('select wr from wr', '0A000', 'a whole row as a value'),
      fails('select x from wr as x', '0A000', 'a whole row as a value'),
      fails('select count(wr) from wr', '0A000', 'a whole row as a value'),
      fails(
        'select a from wr where wr is not null',
        '0A000',
        'a whole row as a value',
      ),
      // A column, an output alias or a qualified column of the same name.
      answer('select wr from wr, wr_named', []),
      answer('select a as wr from wr order by wr', [['1']]),
      answer('select wr.a from wr', [['1']]),
    ],
  },
  // 2. Datetime ranges and special values.
  {
    title: 'casts and typed literals take no infinity or allballs',
    doc: page('r_Date_and_time_literals.html'),
    steps: [
      fails(
        "select date 'infinity'",
        '22007',
        'invalid input syntax for type date: "infinity"',
      ),
      fails(
        "select '-infinity'::timestamp",
        '22007',
        'invalid input syntax for type timestamp',
      ),
      fails(
        "select cast('infinity' as timestamptz)",
        '22007',
        'invalid input syntax for type timestamp with time zone',
      ),
      fails(
        "select 'allballs'::time",
        '22007',
        'invalid input syntax for type time',
      ),
      // The special values the page lists.
      answer(
        "select 'today'::date = current_date, 'tomorrow'::date - 'yesterday'::date, 'now'::timestamp is not null",
        [['t', '2', 't']],
      ),
    ],
  },
  {
    title: 'DATE runs to 294276 AD',
    doc: page('r_Datetime_types.html'),
    steps: [
      answer("select '294276-12-31'::date", [['294276-12-31']]),
      fails(
        "select '294277-01-01'::date",
        '22008',
        'date out of range: "294277-01-01"',
      ),
      fails(
        "select cast('5874897-01-01' as date)",
        '22008',
        'date out of range',
      ),
    ],
  },
  {
    title: 'INSERT and UPDATE store no infinity, allballs or date past 294276',
    doc: page('r_Datetime_types.html'),
    steps: [
      run('create table dts (d date, ts timestamp, tz timestamptz, tm time)'),
      fails(
        "insert into dts values ('infinity', null, null, null)",
        '22007',
        'invalid input syntax for type date: "infinity"',
      ),
      fails(
        "insert into dts (ts) values ('+infinity')",
        '22007',
        'invalid input syntax for type timestamp without time zone: "+infinity"',
      ),
      fails(
        "insert into dts (tz) values ('-infinity')",
        '22007',
        'invalid input syntax for type timestamp with time zone',
      ),
      fails(
        "insert into dts (tm) values ('allballs')",
        '22007',
        'invalid input syntax for type time without time zone',
      ),
      fails(
        "insert into dts (d) values ('294277-01-01')",
        '22008',
        'date out of range',
      ),
      run(
        "insert into dts (d, ts) values ('2008-06-01', '2008-06-01 09:00:00')",
      ),
      fails(
        "update dts set d = 'infinity'",
        '22007',
        'invalid input syntax for type date',
      ),
      // Bind parameters: as the literals; a VARCHAR parameter keeps the word.
      {
        sql: 'insert into dts (d) values ($1)',
        values: ['infinity'],
        code: '22007',
        message: 'invalid input syntax for type date: "infinity"',
      },
      {
        sql: 'insert into dts (ts) values ($1)',
        values: ['infinity'],
        code: '22007',
        message: 'invalid input syntax for type timestamp without time zone',
      },
      {
        sql: 'select count(*) from dts where tz < $1',
        values: ['-infinity'],
        code: '22007',
        message: 'invalid input syntax for type timestamp with time zone',
      },
      {
        sql: 'select $1::varchar as s',
        values: ['epoch'],
        rows: [['epoch']],
      },
      answer('select d, ts from dts', [['2008-06-01', '2008-06-01 09:00:00']]),
    ],
  },
  {
    title: 'COPY loads no infinity or epoch into datetime columns',
    doc: page('copy-parameters-data-conversion.html'),
    steps: [
      run('create table dts_copy (id int, d date, ts timestamp)'),
      put('dt/infinity.txt', '1|infinity|2008-01-01 00:00:00\n'),
      fails(copy('dts_copy', 'dt/infinity.txt'), 'XX000', 'Load into table'),
      put('dt/epoch.txt', '2|2008-01-01|epoch\n'),
      fails(copy('dts_copy', 'dt/epoch.txt'), 'XX000', 'Load into table'),
      answer('select count(*) from dts_copy', [['0']]),
    ],
  },
  // 3. VARBYTE(n).
  {
    title: 'VARBYTE(n) refuses a longer value on INSERT and UPDATE',
    doc: page('r_VARBYTE_type.html'),
    steps: [
      run('create table vbl (v varbyte(3), w varbyte)'),
      fails(
        "insert into vbl values ('abcdef', 'x')",
        '22001',
        'value too long for type varbyte(3)',
      ),
      run("insert into vbl values ('abc', 'abcdef')"),
      fails(
        "update vbl set v = 'abcd'",
        '22001',
        'value too long for type varbyte(3)',
      ),
      run("update vbl set v = 'ab'"),
      answer('select v, w from vbl', [['6162', '616263646566']]),
    ],
  },
  {
    title: 'COPY refuses a VARBYTE(n) field longer than n bytes',
    doc: page('r_VARBYTE_type.html'),
    steps: [
      run('create table vbl_copy (id int, v varbyte(2))'),
      put('vb/long.txt', '1|616263\n'),
      fails(copy('vbl_copy', 'vb/long.txt'), 'XX000', 'Load into table'),
      put('vb/fits.txt', '2|6162\n'),
      run(copy('vbl_copy', 'vb/fits.txt')),
      answer('select id, v from vbl_copy', [['2', '6162']]),
    ],
  },
  // 4. BOOLEAN strings.
  {
    title: "INSERT and UPDATE store only the page's BOOLEAN literals",
    doc: page('r_Boolean_type.html'),
    steps: [
      run('create table flags (id int, b boolean)'),
      fails(
        "insert into flags values (1, 'on')",
        '22P02',
        'invalid input syntax for type boolean: "on"',
      ),
      fails(
        "insert into flags (b, id) values ('off', 2)",
        '22P02',
        'invalid input syntax for type boolean: "off"',
      ),
      fails(
        "insert into flags select 3, 'tr'",
        '22P02',
        'invalid input syntax for type boolean: "tr"',
      ),
      run(
        "insert into flags values (1, 't'), (2, 'true'), (3, 'y'), (4, 'YES'), (5, '1'), (6, 'f'), (7, 'false'), (8, 'n'), (9, 'no'), (10, '0')",
      ),
      {
        sql: "insert into flags (id, b) values ($1, 'on')",
        values: [11],
        code: '22P02',
        message: 'invalid input syntax for type boolean: "on"',
      },
      // A bind parameter's value is read as its literal would be.
      {
        sql: 'insert into flags (id, b) values ($1, $2)',
        values: [12, 'on'],
        code: '22P02',
        message: 'invalid input syntax for type boolean: "on"',
      },
      {
        sql: 'select count(*) from flags where b = $1',
        values: ['tru'],
        code: '22P02',
        message: 'invalid input syntax for type boolean: "tru"',
      },
      {
        sql: 'select count(*) from flags where b = $1',
        values: ['yes'],
        rows: [['5']],
      },
      fails(
        "update flags set b = 'on' where id = 1",
        '22P02',
        'invalid input syntax for type boolean: "on"',
      ),
      answer(
        'select sum(case when b then 1 else 0 end), sum(case when b then 0 else 1 end) from flags',
        [['5', '5']],
      ),
      // A VARCHAR column keeps any string.
      run('create table flag_text (s varchar(10))'),
      run("insert into flag_text values ('on'), ('infinity')"),
      answer('select s from flag_text order by s', [['infinity'], ['on']]),
    ],
  },
  {
    title: "COPY reads only the page's BOOLEAN literals",
    doc: page('r_Boolean_type.html'),
    steps: [
      run('create table flags_copy (id int, b boolean)'),
      put('bool/on.txt', '1|on\n'),
      fails(copy('flags_copy', 'bool/on.txt'), 'XX000', 'Load into table'),
      put('bool/ok.txt', '1|yes\n2|n\n'),
      run(copy('flags_copy', 'bool/ok.txt')),
      answer('select id, b from flags_copy order by id', [
        ['1', 't'],
        ['2', 'f'],
      ]),
    ],
  },
  // 5. GEOMETRY, GEOGRAPHY and HLLSKETCH input.
  {
    title: 'GEOMETRY takes hexadecimal EWKB or WKT, not any text',
    doc: page('ST_GeomFromEWKB-function.html'),
    steps: [
      run('create table shapes (id int, g geometry, gg geography)'),
      fails(
        "insert into shapes values (1, 'not a geometry', null)",
        '22P02',
        'invalid input syntax for type geometry',
      ),
      fails(
        "update shapes set gg = 'zz'",
        '22P02',
        'invalid input syntax for type geography',
      ),
      // POINT(1 2) as ST_AsHexWKB prints it, and as EWKB with SRID 4326.
      run(
        "insert into shapes values (1, '0101000000000000000000F03F0000000000000040', '0101000020E6100000000000000000F03F0000000000000040')",
      ),
      run("insert into shapes (id, g) values (2, 'POINT(1 2)')"),
      answer('select count(*) from shapes', [['2']]),
      put('geo/bad.txt', '3|not a geometry|\n'),
      fails(copy('shapes', 'geo/bad.txt'), 'XX000', 'Load into table'),
    ],
  },
  {
    title: 'HLLSKETCH takes its JSON or Base64 form, not any text',
    doc: page('r_HLLSKTECH_type.html'),
    steps: [
      run('create table sketches (id int, h hllsketch)'),
      fails(
        "insert into sketches values (1, 'not a sketch')",
        '22P02',
        'invalid input syntax for type hllsketch',
      ),
      run(
        `insert into sketches values (1, '{"logm":15,"sparse":{"indices":[4878,9559,14523],"values":[1,2,1]}}')`,
      ),
      fails(
        `update sketches set h = '{"logm":15}'`,
        '22P02',
        'invalid input syntax for type hllsketch',
      ),
      answer('select count(*) from sketches', [['1']]),
    ],
  },
  // 6. Interval type OIDs.
  {
    title:
      'INTERVAL YEAR TO MONTH is 1188, DAY TO SECOND 1190, a bare INTERVAL 1186',
    doc: page('r_interval_data_types.html'),
    steps: [
      run(
        'create table spans (ym interval year to month, ds interval day to second)',
      ),
      run("insert into spans values ('1 year 2 months', '3 days 04:05:06')"),
      answer(
        'select ym, ds from spans',
        [['1 year 2 mons', '3 days 04:05:06']],
        [INTERVAL_Y2M, INTERVAL_D2S],
      ),
      // The same through the extended protocol (Parse, Describe, Execute).
      {
        sql: 'select ym, ds from spans where $1::int = 1',
        values: [1],
        rows: [['1 year 2 mons', '3 days 04:05:06']],
        types: [INTERVAL_Y2M, INTERVAL_D2S],
      },
      answer(
        "select interval '3' month, interval '2' hour, interval '1 day'",
        [['3 mons', '02:00:00', '1 day']],
        [INTERVAL_Y2M, INTERVAL_D2S, INTERVAL],
      ),
    ],
  },
  // 7. POSIX operators and DECIMAL(p,s).
  {
    title: 'the POSIX operators are ~ and !~ only',
    doc: page('pattern-matching-conditions-posix.html'),
    steps: [
      fails("select 'abc' ~* 'A'", '42883', 'operator does not exist: ~*'),
      fails("select 'abc' !~* 'A'", '42883', 'operator does not exist: !~*'),
      answer(
        "select 'abc' ~ 'b', 'abc' !~ 'B', 'abc' ~~ 'a%'",
        [['t', 't', 't']],
        [BOOL, BOOL, BOOL],
      ),
    ],
  },
  {
    title:
      'DECIMAL(10,11) is refused in ALTER TABLE ADD COLUMN and routine arguments',
    doc: page('r_Numeric_types201.html'),
    steps: [
      run('create table dec_ddl (a int)'),
      fails(
        'alter table dec_ddl add column d decimal(10,11)',
        '22023',
        'NUMERIC scale 11 must be between 0 and precision 10',
      ),
      fails(
        'create procedure dec_proc(x decimal(10,11)) as $$ begin null; end; $$ language plpgsql',
        '22023',
        'NUMERIC scale 11 must be between 0 and precision 10',
      ),
      fails(
        'create function dec_fn(x int) returns numeric(5,6) immutable as $$ select 1 $$ language sql',
        '22023',
        'NUMERIC scale 6 must be between 0 and precision 5',
      ),
      run('alter table dec_ddl add column d decimal(10,2)'),
      answer('select d from dec_ddl', [], [NUMERIC]),
    ],
  },
  // 8. Numeric result types.
  {
    title:
      'MOD of two DECIMALs of one type is that type; SMALLINT with BIGINT is refused',
    doc: page('r_MOD.html'),
    steps: [
      run(
        'create table mods (a decimal(8,2), b decimal(8,2), s smallint, g bigint)',
      ),
      run('insert into mods values (10.50, 4.00, 5, 2)'),
      answer(
        'select mod(a, b), a % b from mods',
        [['2.50', '2.50']],
        [NUMERIC, NUMERIC],
      ),
      answer(
        'select mod(10.5, 4), mod(5, 2::bigint), mod(s, s) from mods',
        [['2.5', '1', '0']],
        [NUMERIC, INT4, INT2],
      ),
      fails(
        'select mod(s, g) from mods',
        '42883',
        'function mod(smallint, bigint) does not exist',
      ),
      fails(
        'select g % s from mods',
        '42883',
        'operator does not exist: bigint % smallint',
      ),
      // The result column CREATE TABLE AS makes is the operands' DECIMAL(8,2).
      run('create table mods_ctas as select mod(a, b) as m from mods'),
      answer(
        "select format_type(atttypid, atttypmod) from pg_attribute where attrelid = 'mods_ctas'::regclass and attnum = 1",
        [['numeric(8,2)']],
      ),
    ],
  },
  {
    title:
      'columns renamed by t AS x(a, b) and (a JOIN b ON ...) AS j(x, y) keep their DECIMAL types',
    doc: page('r_numeric_computations201.html'),
    steps: [
      run('create table ren_a (id int, p decimal(6,2))'),
      run('create table ren_b (id2 int, q decimal(6,2))'),
      run('insert into ren_a values (1, 1.00)'),
      run('insert into ren_b values (1, 3.00)'),
      answer(
        'select x / y from ren_a as r(i, x), ren_b as s(i2, y)',
        [['0.3333333']],
        [NUMERIC],
      ),
      answer(
        'select u + v, u / v from (ren_a join ren_b on id = id2) as j(i, u, i2, v)',
        [['4.00', '0.3333333']],
        [NUMERIC, NUMERIC],
      ),
      run(
        'create table ren_ctas as select u / v as d from (ren_a join ren_b on id = id2) as j(i, u, i2, v)',
      ),
      answer(
        "select format_type(atttypid, atttypmod) from pg_attribute where attrelid = 'ren_ctas'::regclass and attnum = 1",
        [['numeric(13,7)']],
      ),
    ],
  },
  {
    title:
      "UNLOAD's query computes DECIMALs over columns with Redshift's types",
    doc: page('r_numeric_computations201.html'),
    steps: [
      run('create table unl_dec (p decimal(5,2), q decimal(5,2))'),
      run('insert into unl_dec values (1.00, 3.00)'),
      run(
        unload(
          'select p / q as d, p * q as m from unl_dec',
          'dec/q_',
          'parallel off',
        ),
      ),
      file('dec/q_000', '0.333333|3.0000\n'),
    ],
  },
  // 9. UNLOAD output.
  {
    title: 'UNLOAD FORMAT JSON writes BOOLEAN as JSON true and false',
    doc: page('r_UNLOAD.html'),
    steps: [
      run('create table unl_flags (id int, b boolean, s varchar(5))'),
      run("insert into unl_flags values (1, true, 'x'), (2, false, null)"),
      run(
        unload(
          'select id, b, s from unl_flags order by id',
          'json/flags_',
          'format json parallel off',
        ),
      ),
      file(
        'json/flags_000',
        '{"id":1,"b":true,"s":"x"}\n{"id":2,"b":false,"s":null}\n',
      ),
    ],
  },
  {
    title: 'ADDQUOTES prints the example\'s 1,"Phoenix, AZ"',
    doc: page('r_UNLOAD_command_examples.html'),
    steps: [
      run('create table location (id int, location char(64))'),
      run(
        "insert into location values (1, 'Phoenix, AZ'), (2, 'San Diego, CA'), (3, 'Chicago, IL')",
      ),
      run(
        unload(
          'select id, location from location order by id',
          'quotes/location_',
          "delimiter ',' addquotes parallel off",
        ),
      ),
      file(
        'quotes/location_000',
        '1,"Phoenix, AZ"\n2,"San Diego, CA"\n3,"Chicago, IL"\n',
      ),
    ],
  },
]

describe('local emulator: data types, numeric typing and UNLOAD, more', () => {
  let own: OwnEmulator
  let dir: string
  const bucket = (key: string) => path.join(dir, 'bucket', key)

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'types-more-'))
    fs.mkdirSync(path.join(dir, 'bucket'))
    own = await startOwnEmulator('local_fid_types_more', { s3Dir: dir })
  })
  afterAll(async () => {
    await own.stop()
    fs.rmSync(dir, { recursive: true, force: true })
  })

  it.each(CASES.map((c) => [c.title, c] as const))(
    '%s',
    async (_title, testCase) => {
      const client: pg.Client = await connectAsText(own.local.url)
      try {
        for (const step of testCase.steps) {
          const where = `${'sql' in step ? step.sql : ''} (${testCase.doc})`
          if ('put' in step) {
            fs.mkdirSync(path.dirname(bucket(step.put)), { recursive: true })
            fs.writeFileSync(bucket(step.put), step.body)
          } else if ('file' in step) {
            expect(fs.readFileSync(bucket(step.file), 'utf8'), where).toBe(
              step.body,
            )
          } else if ('code' in step) {
            const error = await errorOf(
              client.query({
                text: step.sql,
                values: [...(step.values ?? [])],
              }),
            )
            expect(error.code, where).toBe(step.code)
            expect(error.message, where).toContain(step.message)
          } else {
            const result = await client.query({
              text: step.sql,
              values: [...(step.values ?? [])],
              rowMode: 'array',
            })
            if (step.rows !== undefined)
              expect(result.rows, where).toEqual(step.rows)
            if (step.types !== undefined)
              expect(
                result.fields.map((f) => f.dataTypeID),
                where,
              ).toEqual(step.types)
          }
        }
      } finally {
        await client.end()
      }
    },
  )
})
