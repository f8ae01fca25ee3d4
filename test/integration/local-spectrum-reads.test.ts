import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'

import type pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import {
  fails,
  rows,
  run,
  runSteps,
  type FidelityCase as Case,
} from './fidelity-steps.js'
import {
  connect,
  errorOf,
  startS3Emulator,
  type S3Emulator,
} from './local-test-helpers.js'

// SELECT from Spectrum external tables, read from the emulator's S3 folder
// at statement time. Each case names the Developer Guide page its rule
// comes from; what the emulator cannot read exactly is refused as an
// emulator limit (0A000).

const DG = 'https://docs.aws.amazon.com/redshift/latest/dg/'
const CREATE_TABLE = `${DG}r_CREATE_EXTERNAL_TABLE.html`
const USAGE = `${DG}r_CREATE_EXTERNAL_TABLE_usage.html`
const EXTERNAL_TABLES = `${DG}c-spectrum-external-tables.html`
const LIMIT = 'an emulator limit'

const schema = (name: string) =>
  `create external schema ${name} from data catalog database '${name}db' iam_role default create external database if not exists`

/** Files the cases read, under s3://bucket/. */
const FILES: Readonly<Record<string, string | Buffer>> = {
  'sales/part-0.txt': '1|10|ann\n2|20|\\N\n',
  'sales/part-1.txt': '3|30|cat\n',
  'sales/_SUCCESS': '',
  'sales/.hidden': 'garbage',
  'sales/sub/part-2.txt': '4|40|dan\n',
  'hive/part-0': '1\u0001a b\n2\u0001\\N\n',
  'parts/d=2008-01-01/p0.txt': '1,5\n2,6\n',
  'parts/d=2008-02-01/p0.txt': '3,7\n',
  'gz/part-0.txt.gz': gzipSync('7|x\n8|y\n'),
  'csv/f.csv': 'id,name\n1,"a, b"\n2,"say ""hi"""\n3,\n',
  'json/f.json':
    '{"id": 1, "Name": "a"}\n{"id": 2}\n\n{"id": 3, "name": null}\n',
  'bad/f.txt': '1|x\n',
  'short/f.txt': '1\n',
  'trunc/f.txt': 'abcdef\n',
  'manifest/a.txt': '1\n',
  'manifest/b.txt': '2\n',
  'manifest/list': JSON.stringify({
    entries: [
      { url: 's3://bucket/manifest/b.txt', mandatory: true },
      { url: 's3://bucket/manifest/missing.txt', mandatory: false },
    ],
  }),
  'empty/.keep': '',
  'snappy/f.snappy': 'x',
}

const cases: Case[] = [
  {
    title:
      'ROW FORMAT DELIMITED text: every file under LOCATION and its subfolders, hidden files left out, \\N is NULL',
    doc: EXTERNAL_TABLES,
    steps: [
      run(schema('rd')),
      run(
        `create external table rd.sales (id int, qty smallint, name varchar(10)) row format delimited fields terminated by '|' stored as textfile location 's3://bucket/sales/'`,
      ),
      rows('select id, qty, name from rd.sales order by id', [
        { id: 1, qty: 10, name: 'ann' },
        { id: 2, qty: 20, name: null },
        { id: 3, qty: 30, name: 'cat' },
        { id: 4, qty: 40, name: 'dan' },
      ]),
      rows('select count(*)::int as n, sum(qty)::int as q from RD.Sales', [
        { n: 4, q: 100 },
      ]),
      // Joined with a local table.
      run('create table rd_names (id int, label varchar(5))'),
      run("insert into rd_names values (1, 'one'), (3, 'three')"),
      rows(
        'select s.id, l.label from rd.sales s join rd_names l on l.id = s.id order by 1',
        [
          { id: 1, label: 'one' },
          { id: 3, label: 'three' },
        ],
      ),
      rows('select rd.sales.name from rd.sales where rd.sales.id = 3', [
        { name: 'cat' },
      ]),
      // An alias with the name of an external schema is left alone.
      rows('select rd.id from rd_names rd where rd.id = 1', [{ id: 1 }]),
      rows(
        'select x.label, rd.sales.name from rd.sales join rd_names x on x.id = rd.sales.id where x.id = 1',
        [{ label: 'one', name: 'ann' }],
      ),
      // Quoted identifiers fold (enable_case_sensitive_identifier is off).
      rows('select count(*)::int as n from "RD"."SALES"', [{ n: 4 }]),
      rows(
        'with w as (select id from rd.sales where id > 2) select count(*)::int as n from w',
        [{ n: 2 }],
      ),
    ],
  },
  {
    title: "ROW FORMAT DELIMITED with no FIELDS TERMINATED BY: Hive's \\001",
    doc: CREATE_TABLE,
    steps: [
      run(schema('rh')),
      run(
        `create external table rh.t (id int, v varchar(5)) row format delimited stored as textfile location 's3://bucket/hive/'`,
      ),
      rows('select id, v from rh.t order by id', [
        { id: 1, v: 'a b' },
        { id: 2, v: null },
      ]),
    ],
  },
  {
    title:
      'A partitioned table reads each partition location with its values; "$path" and "$size" name the file, and SELECT * leaves them out',
    doc: USAGE,
    steps: [
      run(schema('rp')),
      run(
        `create external table rp.t (id int, v int) partitioned by (d date) row format delimited fields terminated by ',' stored as textfile location 's3://bucket/parts/'`,
      ),
      rows('select count(*)::int as n from rp.t', [{ n: 0 }]),
      run(
        `alter table rp.t add partition (d='2008-01-01') location 's3://bucket/parts/d=2008-01-01/' partition (d='2008-02-01') location 's3://bucket/parts/d=2008-02-01/'`,
      ),
      rows(
        `select id, v, to_char(d, 'YYYY-MM-DD') as d from rp.t order by id`,
        [
          { id: 1, v: 5, d: '2008-01-01' },
          { id: 2, v: 6, d: '2008-01-01' },
          { id: 3, v: 7, d: '2008-02-01' },
        ],
      ),
      rows(`select id from rp.t where d = '2008-02-01'`, [{ id: 3 }]),
      rows('select * from rp.t where id = 3', [
        { id: 3, v: 7, d: new Date('2008-02-01T00:00:00Z') },
      ]),
      rows('select "$path", "$size" from rp.t where id = 3', [
        { $path: 's3://bucket/parts/d=2008-02-01/p0.txt', $size: '4' },
      ]),
      rows(
        'select "$path", count(*)::int as n from rp.t group by 1 order by 1',
        [
          { $path: 's3://bucket/parts/d=2008-01-01/p0.txt', n: 2 },
          { $path: 's3://bucket/parts/d=2008-02-01/p0.txt', n: 1 },
        ],
      ),
      run('set spectrum_enable_pseudo_columns to false'),
      fails('select "$path" from rp.t', '42703', 'does not exist'),
      run('reset spectrum_enable_pseudo_columns'),
      fails('select *, "$path" from rp.t', '0A000', LIMIT),
    ],
  },
  {
    title:
      'A .gz file is read decompressed; a .snappy file is an emulator limit',
    doc: EXTERNAL_TABLES,
    steps: [
      run(schema('rz')),
      run(
        `create external table rz.t (id int, v char(1)) row format delimited fields terminated by '|' stored as textfile location 's3://bucket/gz/'`,
      ),
      rows('select id, v from rz.t order by id', [
        { id: 7, v: 'x' },
        { id: 8, v: 'y' },
      ]),
      run(
        `create external table rz.s (v varchar(1)) row format delimited stored as textfile location 's3://bucket/snappy/'`,
      ),
      fails('select v from rz.s', '0A000', LIMIT),
    ],
  },
  {
    title:
      "OpenCSVSerde: quoted fields and doubled quotes; 'skip.header.line.count' skips the header",
    doc: CREATE_TABLE,
    steps: [
      run(schema('rc')),
      run(
        `create external table rc.t (id int, name varchar(20)) row format serde 'org.apache.hadoop.hive.serde2.OpenCSVSerde' stored as textfile location 's3://bucket/csv/' table properties ('skip.header.line.count'='1')`,
      ),
      rows('select id, name from rc.t order by id', [
        { id: 1, name: 'a, b' },
        { id: 2, name: 'say "hi"' },
        { id: 3, name: '' },
      ]),
    ],
  },
  {
    title:
      'JsonSerDe: keys name columns without regard to case, a missing key is NULL',
    doc: CREATE_TABLE,
    steps: [
      run(schema('rj')),
      run(
        `create external table rj.t (id int, name varchar(5)) row format serde 'org.openx.data.jsonserde.JsonSerDe' location 's3://bucket/json/'`,
      ),
      rows('select id, name from rj.t order by id', [
        { id: 1, name: 'a' },
        { id: 2, name: null },
        { id: 3, name: null },
      ]),
    ],
  },
  {
    title:
      'Parquet files (written by UNLOAD) are read by column name; a LOCATION with no files has no rows',
    doc: CREATE_TABLE,
    steps: [
      run(
        'create table rq_src (id int, amount decimal(8,2), note varchar(10), day date)',
      ),
      run(
        "insert into rq_src values (1, 12.50, 'a', '2020-01-02'), (2, null, null, null)",
      ),
      run(
        "unload ('select * from rq_src') to 's3://bucket/pq/part_' iam_role default format parquet",
      ),
      run(schema('rq')),
      run(
        `create external table rq.t (id int, amount decimal(8,2), note varchar(10), day date) stored as parquet location 's3://bucket/pq/'`,
      ),
      rows(
        `select id, amount, note, to_char(day, 'YYYY-MM-DD') as day from rq.t order by id`,
        [
          { id: 1, amount: '12.50', note: 'a', day: '2020-01-02' },
          { id: 2, amount: null, note: null, day: null },
        ],
      ),
      run(
        `create external table rq.e (id int) stored as parquet location 's3://bucket/empty/'`,
      ),
      rows('select count(*)::int as n from rq.e', [{ n: 0 }]),
    ],
  },
  {
    title:
      'A LOCATION that names a manifest reads its entries; a missing entry that is not mandatory is skipped',
    doc: CREATE_TABLE,
    steps: [
      run(schema('rm')),
      run(
        `create external table rm.t (id int) row format delimited stored as textfile location 's3://bucket/manifest/list'`,
      ),
      rows('select id from rm.t', [{ id: 2 }]),
    ],
  },
  {
    title:
      'VARCHAR values longer than the column are cut to its length, silently',
    doc: CREATE_TABLE,
    steps: [
      run(schema('rt')),
      run(
        `create external table rt.t (v varchar(3)) row format delimited stored as textfile location 's3://bucket/trunc/'`,
      ),
      rows('select v from rt.t', [{ v: 'abc' }]),
    ],
  },
  {
    title:
      'Values, rows and properties the emulator cannot read as Spectrum does are emulator limits; writing stays one',
    doc: CREATE_TABLE,
    steps: [
      run(schema('rl')),
      run(
        `create external table rl.bad (id int, n int) row format delimited fields terminated by '|' stored as textfile location 's3://bucket/bad/'`,
      ),
      fails('select id from rl.bad', '0A000', LIMIT),
      run(
        `create external table rl.short (id int, n int) row format delimited fields terminated by '|' stored as textfile location 's3://bucket/short/'`,
      ),
      fails('select id from rl.short', '0A000', LIMIT),
      run(
        `create external table rl.clean (id int) row format delimited stored as textfile location 's3://bucket/short/' table properties ('data_cleansing_enabled'='true')`,
      ),
      fails('select id from rl.clean', '0A000', LIMIT),
      run(
        `create external table rl.ok (id int) row format delimited stored as textfile location 's3://bucket/short/'`,
      ),
      fails('insert into rl.ok values (2)', '0A000', LIMIT),
      rows('select id from rl.ok', [{ id: 1 }]),
    ],
  },
]

describe('SELECT from external tables on the emulator, from its S3 folder', () => {
  let s3Dir: string
  let emulator: S3Emulator
  let client: pg.Client

  beforeAll(async () => {
    emulator = await startS3Emulator('spectrum_reads', FILES)
    s3Dir = emulator.s3Dir
    client = await connect(emulator.local.url)
  })

  afterAll(async () => {
    await client?.end()
    await emulator?.stop()
  })

  for (const testCase of cases) {
    it(`${testCase.title} (${testCase.doc.replace(DG, '')})`, async () => {
      await runSteps(client, testCase, emulator.db.name)
    })
  }

  it('reads the files as they are when each statement runs', async () => {
    await client.query(schema('rf'))
    await client.query(
      `create external table rf.t (id int) row format delimited stored as textfile location 's3://bucket/fresh/'`,
    )
    const count = async () =>
      (await client.query('select count(*)::int as n from rf.t')).rows[0].n
    await mkdir(join(s3Dir, 'bucket', 'fresh'), { recursive: true })
    expect(await count()).toBe(0)
    await writeFile(join(s3Dir, 'bucket', 'fresh', 'a.txt'), '1\n2\n')
    expect(await count()).toBe(2)
    // The extended protocol (a bind parameter) reads them too.
    const bound = await client.query('select id from rf.t where id = $1', [2])
    expect(bound.rows).toEqual([{ id: 2 }])
    // A named prepared statement reads them at its Parse (and at each later
    // Bind: local-spectrum-reads-more.test.ts).
    const prepared = {
      name: 'rf_count',
      text: 'select count(*)::int as n from rf.t',
    }
    expect((await client.query(prepared)).rows).toEqual([{ n: 2 }])
  })

  it('reads inside a transaction block, and a failed read aborts the block', async () => {
    await client.query(schema('rb'))
    await client.query(
      `create external table rb.t (id int) row format delimited stored as textfile location 's3://bucket/short/'`,
    )
    await client.query(
      `create external table rb.bad (id int, n int) row format delimited fields terminated by '|' stored as textfile location 's3://bucket/bad/'`,
    )
    await client.query('begin')
    expect((await client.query('select id from rb.t')).rows).toEqual([
      { id: 1 },
    ])
    await client.query('create table rb_copy as select id from rb.t')
    await client.query('commit')
    expect((await client.query('select id from rb_copy')).rows).toEqual([
      { id: 1 },
    ])
    await client.query('begin')
    const error = await errorOf(client.query('select id from rb.bad'))
    expect(error.code).toBe('0A000')
    expect((await errorOf(client.query('select 1'))).code).toBe('25P02')
    await client.query('rollback')
    expect((await client.query('select id from rb.t')).rows).toEqual([
      { id: 1 },
    ])
  })

  it('reads for a user with USAGE on the external schema, and refuses one without it', async () => {
    await client.query(schema('ru'))
    await client.query(
      `create external table ru.t (id int) row format delimited stored as textfile location 's3://bucket/short/'`,
    )
    await client.query("create user ru_reader password 'Reader123'")
    await client.query("create user ru_other password 'Other1234'")
    await client.query('grant usage on schema ru to ru_reader')
    const url = new URL(emulator.local.url)
    const as = async (user: string, password: string) => {
      url.username = user
      url.password = password
      return connect(url.toString())
    }
    const reader = await as('ru_reader', 'Reader123')
    const other = await as('ru_other', 'Other1234')
    try {
      expect((await reader.query('select id from ru.t')).rows).toEqual([
        { id: 1 },
      ])
      const denied = await errorOf(other.query('select id from ru.t'))
      expect(denied.code).toBe('42501')
      expect(denied.message).toBe('permission denied for schema ru')
    } finally {
      await reader.end()
      await other.end()
    }
  })
})
