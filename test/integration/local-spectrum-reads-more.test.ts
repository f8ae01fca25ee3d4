import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'

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

// Reads of external tables through late-binding views, by names resolved
// through search_path, and at each execution of a prepared statement.

const DG = 'https://docs.aws.amazon.com/redshift/latest/dg/'
const CREATE_VIEW = `${DG}r_CREATE_VIEW.html`
const CREATE_TABLE = `${DG}r_CREATE_EXTERNAL_TABLE.html`
const SEARCH_PATH = `${DG}r_search_path.html`
const LIMIT = 'an emulator limit'

const schema = (name: string) =>
  `create external schema ${name} from data catalog database '${name}db' iam_role default create external database if not exists`
const sales = (name: string) =>
  `create external table ${name}.sales (id int, qty smallint, name varchar(10)) row format delimited fields terminated by '|' stored as textfile location 's3://bucket/sales/'`

/** Files the cases read, under s3://bucket/. */
const FILES: Readonly<Record<string, string>> = {
  'sales/part-0.txt': '1|10|ann\n2|20|\\N\n',
  'sales/part-1.txt': '3|30|cat\n',
  'parts/d=2008-01-01/p0.txt': '1,5\n2,6\n',
  'parts/d=2008-02-01/p0.txt': '3,7\n',
}

const cases: Case[] = [
  {
    title:
      'a late-binding view reads the files, alone, joined, in a CTE and under other views',
    doc: CREATE_VIEW,
    steps: [
      run(schema('lv')),
      run(sales('lv')),
      run('create table lv_names (id int, label varchar(5))'),
      run("insert into lv_names values (1, 'one'), (3, 'three')"),
      run(
        'create view lv_v as select id, qty, name from lv.sales with no schema binding',
      ),
      rows('select id, qty, name from lv_v order by id', [
        { id: 1, qty: 10, name: 'ann' },
        { id: 2, qty: 20, name: null },
        { id: 3, qty: 30, name: 'cat' },
      ]),
      rows(
        'select v.id, n.label from lv_v v join lv_names n on n.id = v.id order by 1',
        [
          { id: 1, label: 'one' },
          { id: 3, label: 'three' },
        ],
      ),
      rows(
        'with big as (select id from public.lv_v where qty > 10) select count(*)::int as n from big',
        [{ n: 2 }],
      ),
      // The table's name qualifies its columns, with an alias or without.
      run(
        'create view lv_pairs as select sales.id, s.qty from lv.sales join lv.sales s on s.id = sales.id + 1 with no schema binding',
      ),
      rows('select id, qty from lv_pairs order by id', [
        { id: 1, qty: 20 },
        { id: 2, qty: 30 },
      ]),
      // A late-binding view over one, and a view bound to that.
      run(
        'create view lv_top as select id from public.lv_v where qty >= 20 with no schema binding',
      ),
      rows('select id from lv_top order by id', [{ id: 2 }, { id: 3 }]),
      run('create view lv_bound as select id from lv_top'),
      rows('select count(*)::int as n from lv_bound', [{ n: 2 }]),
      // r_CREATE_VIEW.html's example: a local table and an external one.
      run('create table lv_local (id int, qty smallint, name varchar(10))'),
      run("insert into lv_local values (9, 90, 'old')"),
      run(
        'create view lv_all as select * from public.lv_local union all select * from lv.sales with no schema binding',
      ),
      rows('select count(*)::int as n, max(id) as top from lv_all', [
        { n: 4, top: 9 },
      ]),
      // EXPLAIN plans the query over the table read, named or through the view.
      run('explain select id from lv.sales where id > 1'),
      run('explain select id from lv_v'),
      // A CREATE TABLE AS and an INSERT ... SELECT read through it too.
      run('create table lv_copy as select id from lv_v'),
      run('insert into lv_copy select id + 10 from lv_top'),
      rows('select count(*)::int as n, sum(id)::int as s from lv_copy', [
        { n: 5, s: 31 },
      ]),
    ],
  },
  {
    title:
      'a late-binding view made before its external table reads it once the table exists',
    doc: CREATE_VIEW,
    steps: [
      run(schema('lb')),
      run(
        'create view lb_v as select count(*)::int as n from lb.sales with no schema binding',
      ),
      fails(
        'select * from lb_v',
        '42P01',
        'relation "lb.sales" does not exist',
      ),
      run(sales('lb')),
      rows('select n from lb_v', [{ n: 3 }]),
      run('drop table lb.sales'),
      fails(
        'select n from lb_v',
        '42P01',
        'relation "lb.sales" does not exist',
      ),
    ],
  },
  {
    title:
      'a partitioned external table through a late-binding view, with its partition column',
    doc: CREATE_TABLE,
    steps: [
      run(schema('lp')),
      run(
        `create external table lp.t (a int, b int) partitioned by (d date) row format delimited fields terminated by ',' stored as textfile location 's3://bucket/parts/'`,
      ),
      run(
        "alter table lp.t add partition (d='2008-01-01') location 's3://bucket/parts/d=2008-01-01/' partition (d='2008-02-01') location 's3://bucket/parts/d=2008-02-01/'",
      ),
      run(
        'create view lp_v as select a, b, d from lp.t with no schema binding',
      ),
      rows(
        "select a, b, to_char(d, 'YYYY-MM-DD') as d from lp_v where d > '2008-01-15'",
        [{ a: 3, b: 7, d: '2008-02-01' }],
      ),
    ],
  },
  {
    title:
      'views that Redshift refuses, or that the emulator cannot read, are refused',
    doc: CREATE_VIEW,
    steps: [
      run(schema('lr')),
      run(sales('lr')),
      fails(
        'create view lr_bound as select id from lr.sales',
        '0A000',
        'External tables are not supported in views',
      ),
      fails(
        'create view lr_path as select id, "$path" from lr.sales with no schema binding',
        '0A000',
        LIMIT,
      ),
      // A procedure reads the view outside any statement the emulator reads
      // for: refused, never the rows an earlier statement read.
      run('create view lr_v as select id from lr.sales with no schema binding'),
      rows('select count(*)::int as n from lr_v', [{ n: 3 }]),
      run(
        "create procedure lr_count() language plpgsql as $$ declare n int; begin select count(*) into n from public.lr_v; raise info 'n %', n; end $$",
      ),
      fails('call lr_count()', '0A000', LIMIT),
      // Nor when the statement's text holds the earlier statement's, in a
      // comment or a string literal.
      fails(
        'call lr_count() /* select count(*)::int as n from lr_v */',
        '0A000',
        LIMIT,
      ),
      run(
        "create procedure lr_count_named(label varchar) language plpgsql as $$ declare n int; begin select count(*) into n from public.lr_v; raise info '% %', label, n; end $$",
      ),
      fails(
        "call lr_count_named('select count(*)::int as n from lr_v')",
        '0A000',
        LIMIT,
      ),
      // PG_GET_VIEWDEF gives the late-binding view as written, never the
      // emulator's reading of the external table.
      rows("select pg_get_viewdef('public.lr_v'::regclass) as d", [
        {
          d: 'create view lr_v as select id from lr.sales with no schema binding;',
        },
      ]),
    ],
  },
  {
    title:
      'an external table is not found through search_path: it must be named with its schema',
    doc: SEARCH_PATH,
    steps: [
      run(schema('ls')),
      run(sales('ls')),
      run('set search_path to ls, public'),
      fails('select count(*) from sales', '0A000', LIMIT),
      run('reset search_path'),
    ],
  },
]

describe('external tables read through views and prepared statements', () => {
  let s3Dir: string
  let emulator: S3Emulator
  let client: pg.Client

  beforeAll(async () => {
    emulator = await startS3Emulator('spectrum_more', FILES)
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

  it('a view reads the files as they are when each statement runs, in both protocols', async () => {
    await client.query(schema('vf'))
    await client.query(
      `create external table vf.t (id int) row format delimited stored as textfile location 's3://bucket/vfresh/'`,
    )
    await client.query(
      'create view vf_v as select id from vf.t with no schema binding',
    )
    await mkdir(join(s3Dir, 'bucket', 'vfresh'), { recursive: true })
    const count = async () =>
      (await client.query('select count(*)::int as n from vf_v')).rows[0].n
    expect(await count()).toBe(0)
    await writeFile(join(s3Dir, 'bucket', 'vfresh', 'a.txt'), '1\n2\n')
    expect(await count()).toBe(2)
    const bound = await client.query('select id from vf_v where id = $1', [2])
    expect(bound.rows).toEqual([{ id: 2 }])
  })

  it('a prepared statement reads the files again at each execution, named or through a view', async () => {
    await client.query(schema('pf'))
    await client.query(
      `create external table pf.t (id int) row format delimited stored as textfile location 's3://bucket/pfresh/'`,
    )
    await client.query(
      'create view pf_v as select id from pf.t with no schema binding',
    )
    await mkdir(join(s3Dir, 'bucket', 'pfresh'), { recursive: true })
    await writeFile(join(s3Dir, 'bucket', 'pfresh', 'a.txt'), '1\n')
    const direct = {
      name: 'pf_direct',
      text: 'select count(*)::int as n from pf.t',
    }
    const viewed = {
      name: 'pf_viewed',
      text: 'select count(*)::int as n from pf_v where id > $1',
      values: [0],
    }
    expect((await client.query(direct)).rows).toEqual([{ n: 1 }])
    expect((await client.query(viewed)).rows).toEqual([{ n: 1 }])
    await writeFile(join(s3Dir, 'bucket', 'pfresh', 'b.txt'), '2\n3\n')
    // Bound again, without a Parse: the files as they are now.
    expect((await client.query(direct)).rows).toEqual([{ n: 3 }])
    expect((await client.query(viewed)).rows).toEqual([{ n: 3 }])
    // Another statement in between reads the same table: each reads its own.
    expect(
      (await client.query('select count(*)::int as n from pf.t')).rows,
    ).toEqual([{ n: 3 }])
    await writeFile(join(s3Dir, 'bucket', 'pfresh', 'c.txt'), '4\n')
    expect((await client.query(viewed)).rows).toEqual([{ n: 4 }])
    expect((await client.query(direct)).rows).toEqual([{ n: 4 }])
    // In a transaction block too.
    await client.query('begin')
    try {
      await writeFile(join(s3Dir, 'bucket', 'pfresh', 'd.txt'), '5\n')
      expect((await client.query(direct)).rows).toEqual([{ n: 5 }])
    } finally {
      await client.query('commit')
    }
  })

  it("a view reads with its owner's USAGE on the external schema, not its reader's", async () => {
    await client.query(schema('vo'))
    await client.query(sales('vo'))
    await client.query(
      'create view vo_v as select count(*)::int as n from vo.sales with no schema binding',
    )
    await client.query("create user vo_reader password 'Reader123'")
    await client.query("create user vo_owner password 'Owner1234'")
    await client.query('grant select on vo_v to vo_reader')
    const url = new URL(emulator.local.url)
    url.username = 'vo_reader'
    url.password = 'Reader123'
    const reader = await connect(url.toString())
    try {
      expect((await reader.query('select n from vo_v')).rows).toEqual([
        { n: 3 },
      ])
      // Its own query of the table needs USAGE, which it lacks.
      const direct = await errorOf(
        reader.query('select count(*) from vo.sales'),
      )
      expect(direct.code).toBe('42501')
      // Owned by a user without USAGE, the view reads nothing.
      await client.query('alter table vo_v owner to vo_owner')
      const denied = await errorOf(reader.query('select n from vo_v'))
      expect(denied.code).toBe('42501')
      expect(denied.message).toBe('permission denied for schema vo')
      await client.query('grant usage on schema vo to vo_owner')
      expect((await reader.query('select n from vo_v')).rows).toEqual([
        { n: 3 },
      ])
    } finally {
      await reader.end()
    }
  })
})
