import type pg from 'pg'
import { afterAll, beforeAll, describe, it } from 'vitest'

import {
  describeFidelityCases,
  fails,
  rows,
  run,
  runSteps,
  type FidelityCase as Case,
} from './fidelity-steps.js'
import { DG } from './function-answers.js'
import {
  connect,
  startS3Emulator,
  type S3Emulator,
} from './local-test-helpers.js'

// Small gaps, page by page: SHOW's ACL column and LIMIT bound, what a user
// who is not a superuser sees in SVV_REDSHIFT_TABLES and
// SVV_REDSHIFT_COLUMNS, ADD_MONTHS with the page's (date, integer)
// arguments, the query text the query logs keep, and a FROM alias named
// like the external schema of the table it names.

const SHOW_TABLES = `${DG}r_SHOW_TABLES.html`
const SVV_REDSHIFT_TABLES = `${DG}r_SVV_REDSHIFT_TABLES.html`
const SVV_REDSHIFT_COLUMNS = `${DG}r_SVV_REDSHIFT_COLUMNS.html`
const PG_DEFAULT_ACL = `${DG}r_PG_DEFAULT_ACL.html`
const ADD_MONTHS = `${DG}r_ADD_MONTHS.html`
const STL_QUERY = `${DG}r_STL_QUERY.html`
const FROM_CLAUSE = `${DG}r_FROM_clause30.html`
const PG_GET_VIEWDEF = `${DG}PG_GET_VIEWDEF.html`
const RANGE = 'row_limit can be 0 to 10000'

const CASES: readonly Case[] = [
  {
    title:
      'SHOW TABLES and SVV_REDSHIFT_TABLES: table_acl in Redshift’s privilege letters (the owner’s TRUNCATE is P)',
    doc: PG_DEFAULT_ACL,
    steps: [
      run('create schema sg4_acl'),
      run("create user sg4_acl_user password 'Abcd1234'"),
      run('create table sg4_acl.t_plain (a int)'),
      run('create table sg4_acl.t_granted (a int)'),
      run('grant select on sg4_acl.t_granted to sg4_acl_user'),
      run(
        'grant insert, references on sg4_acl.t_granted to sg4_acl_user with grant option',
      ),
      rows(
        "select table_name, table_acl from svv_redshift_tables where schema_name = 'sg4_acl' order by 1",
        [
          {
            table_name: 't_granted',
            table_acl: '{awsuser=arwdxtP/awsuser,sg4_acl_user=a*rx*/awsuser}',
          },
          // No privilege granted explicitly: null, as the page says.
          { table_name: 't_plain', table_acl: null },
        ],
      ),
      rows("show tables from schema {db}.sg4_acl like 't_g%'", [
        {
          database_name: '{db}',
          schema_name: 'sg4_acl',
          table_name: 't_granted',
          table_type: 'TABLE',
          table_acl: '{awsuser=arwdxtP/awsuser,sg4_acl_user=a*rx*/awsuser}',
          remarks: null,
        },
      ]),
      run('drop schema sg4_acl cascade'),
      run('drop user sg4_acl_user'),
    ],
  },
  {
    title:
      'SHOW TABLES / COLUMNS / SCHEMAS / COLUMN GRANTS: LIMIT takes 0 to 10,000 rows',
    doc: SHOW_TABLES,
    steps: [
      run('create table sg4_limit (a int, b int)'),
      rows("show tables from schema {db}.public like 'sg4_limit' limit 10000", [
        {
          database_name: '{db}',
          schema_name: 'public',
          table_name: 'sg4_limit',
          table_type: 'TABLE',
          table_acl: null,
          remarks: null,
        },
      ]),
      rows('show columns from table {db}.public.sg4_limit limit 0', []),
      fails('show tables from schema {db}.public limit 10001', '22023', RANGE),
      fails(
        'show columns from table {db}.public.sg4_limit limit 10001',
        '22023',
        RANGE,
      ),
      fails('show schemas from database {db} limit 20000', '22023', RANGE),
      fails(
        'show column grants on table public.sg4_limit limit 10001',
        '22023',
        RANGE,
      ),
      run('drop table sg4_limit'),
    ],
  },
  {
    title:
      'SVV_REDSHIFT_TABLES for a user who is not a superuser: the tables they own or may SELECT (or a column of) in a schema they may use',
    doc: SVV_REDSHIFT_TABLES,
    steps: [
      run("create user sg4_reader password 'Abcd1234'"),
      run('create schema sg4_used'),
      run('create schema sg4_unused'),
      run('grant usage on schema sg4_used to sg4_reader'),
      run('create table sg4_used.t_none (a int)'),
      run('create table sg4_used.t_all (a int)'),
      run('create table sg4_used.t_col (a int, b int)'),
      run('create table sg4_unused.t_all (a int)'),
      run('grant select on sg4_used.t_all to sg4_reader'),
      run('grant select on sg4_unused.t_all to sg4_reader'),
      run('grant select (b) on sg4_used.t_col to sg4_reader'),
      run('grant create on schema sg4_used to sg4_reader'),
      run('set session authorization sg4_reader'),
      run('create table sg4_used.t_own (a int)'),
      rows(
        "select schema_name, table_name, table_owner from svv_redshift_tables where schema_name like 'sg4_%' order by 1, 2",
        [
          {
            schema_name: 'sg4_used',
            table_name: 't_all',
            table_owner: 'awsuser',
          },
          {
            schema_name: 'sg4_used',
            table_name: 't_col',
            table_owner: 'awsuser',
          },
          {
            schema_name: 'sg4_used',
            table_name: 't_own',
            table_owner: 'sg4_reader',
          },
        ],
      ),
      // SVV_ALL_TABLES is SVV_REDSHIFT_TABLES's rows plus the external tables.
      rows(
        "select table_name from svv_all_tables where schema_name like 'sg4_%' order by 1",
        [
          { table_name: 't_all' },
          { table_name: 't_col' },
          { table_name: 't_own' },
        ],
      ),
      run('drop table sg4_used.t_own'),
      run('reset session authorization'),
      rows(
        "select count(*)::int as n from svv_redshift_tables where schema_name like 'sg4_%'",
        [{ n: 4 }],
      ),
      run('drop schema sg4_used cascade'),
      run('drop schema sg4_unused cascade'),
    ],
  },
  {
    title:
      'SVV_REDSHIFT_COLUMNS for a user who is not a superuser: the columns SELECT on them or on their table gives',
    doc: SVV_REDSHIFT_COLUMNS,
    steps: [
      run("create user sg4_col_reader password 'Abcd1234'"),
      run('create schema sg4_cols'),
      run('grant usage on schema sg4_cols to sg4_col_reader'),
      run('create table sg4_cols.t_all (a int, b int)'),
      run('create table sg4_cols.t_col (a int, b int, c int)'),
      run('create table sg4_cols.t_none (a int)'),
      run('grant select on sg4_cols.t_all to sg4_col_reader'),
      run('grant select (b, c) on sg4_cols.t_col to sg4_col_reader'),
      run('set session authorization sg4_col_reader'),
      rows(
        "select table_name, column_name, ordinal_position from svv_redshift_columns where schema_name = 'sg4_cols' order by 1, 3",
        [
          { table_name: 't_all', column_name: 'a', ordinal_position: 1 },
          { table_name: 't_all', column_name: 'b', ordinal_position: 2 },
          { table_name: 't_col', column_name: 'b', ordinal_position: 2 },
          { table_name: 't_col', column_name: 'c', ordinal_position: 3 },
        ],
      ),
      run('reset session authorization'),
      rows(
        "select count(*)::int as n from svv_redshift_columns where schema_name = 'sg4_cols'",
        [{ n: 6 }],
      ),
      run('drop schema sg4_cols cascade'),
    ],
  },
  {
    title:
      'ADD_MONTHS ( {date | timestamp}, integer ): a TIMESTAMP, from DATE columns and typed values with an integer count',
    doc: ADD_MONTHS,
    steps: [
      run(
        'create table sg4_months (d date, n int, s smallint, b bigint, t timestamp)',
      ),
      run(
        "insert into sg4_months values ('2008-03-31', 1, 2, -1, '2008-02-29 10:30:00')",
      ),
      rows(
        `select add_months(d, n)::text as di, add_months(d, s)::text as ds, add_months(d, b)::text as db,
  add_months(t, n)::text as ti, add_months(date '2008-02-29', n)::text as typed,
  add_months('2008-03-31'::date, 12)::text as cast_value from sg4_months`,
        [
          {
            di: '2008-04-30 00:00:00',
            ds: '2008-05-31 00:00:00',
            db: '2008-02-29 00:00:00',
            ti: '2008-03-31 10:30:00',
            typed: '2008-03-31 00:00:00',
            cast_value: '2009-03-31 00:00:00',
          },
        ],
      ),
      run(
        'create table sg4_months_out as select add_months(d, n) as m from sg4_months',
      ),
      rows(
        "select data_type from svv_redshift_columns where table_name = 'sg4_months_out'",
        [{ data_type: 'timestamp without time zone' }],
      ),
      // A UDF with the page's signature outside pg_catalog: the built-in runs,
      // as pg_catalog comes first on the search path (udf-naming-udfs.html).
      run(
        "create function public.add_months (date, integer) returns timestamp stable as $$ select '1999-01-01'::timestamp $$ language sql",
      ),
      rows('select add_months(d, n)::text as m from sg4_months', [
        { m: '2008-04-30 00:00:00' },
      ]),
      run('drop function public.add_months(date, integer)'),
      run('drop table sg4_months_out'),
      run('drop table sg4_months'),
    ],
  },
  {
    title:
      'STL_QUERY, STL_QUERYTEXT, STV_RECENTS and SYS_QUERY_HISTORY keep a statement’s text as sent, its closing semicolon included',
    doc: STL_QUERY,
    steps: [
      run('select 1 as sg4_semicolon;'),
      run('select 2 as sg4_semicolon'),
      rows(
        "select rtrim(querytxt) as q from stl_query where querytxt like 'select _ as sg4_semicolon%' order by query",
        [
          { q: 'select 1 as sg4_semicolon;' },
          { q: 'select 2 as sg4_semicolon' },
        ],
      ),
      rows(
        "select rtrim(text) as q from stl_querytext where text like 'select _ as sg4_semicolon%' order by query",
        [
          { q: 'select 1 as sg4_semicolon;' },
          { q: 'select 2 as sg4_semicolon' },
        ],
      ),
      rows(
        "select rtrim(query) as q from stv_recents where query like 'select _ as sg4_semicolon%' order by starttime",
        [
          { q: 'select 1 as sg4_semicolon;' },
          { q: 'select 2 as sg4_semicolon' },
        ],
      ),
      rows(
        "select rtrim(query_text) as q from sys_query_history where query_text like 'select _ as sg4_semicolon%' order by query_id",
        [
          { q: 'select 1 as sg4_semicolon;' },
          { q: 'select 2 as sg4_semicolon' },
        ],
      ),
    ],
  },
]

describeFidelityCases(
  'local emulator: small gaps (SHOW, SVV_REDSHIFT_*, ADD_MONTHS, query text)',
  'local_fidelity_small_gaps',
  CASES,
)

/** Files of the external tables below: CSV text and JSON lines with nested data. */
const FILES = {
  'people/part-0.csv': '1,hello\n2,world\n',
  'nested/part-0.json':
    '{"id": 1, "tags": ["ab", "cde"], "s": {"n": "xy"}}\n{"id": 2, "tags": [], "s": null}\n',
}

const SPECTRUM_CASES: readonly Case[] = [
  {
    title:
      'a FROM alias named like the external schema of its table: schema.table is the table, alias.column its column',
    doc: FROM_CLAUSE,
    steps: [
      rows('select sg4ext.id from sg4ext.people as sg4ext order by 1', [
        { id: 1 },
        { id: 2 },
      ]),
      rows('select sg4ext.name from sg4ext.people sg4ext where sg4ext.id = 1', [
        { name: 'hello' },
      ]),
      rows(
        'select sg4ext.id, sg4ext.s.n from sg4ext.nested as sg4ext order by 1',
        [
          { id: 1, n: 'xy' },
          { id: 2, n: null },
        ],
      ),
      // The alias of a later FROM item does not make an earlier one a path.
      rows(
        'select t.name from sg4ext.people as t join sg4ext.nested as sg4ext on sg4ext.id = t.id order by 1',
        [{ name: 'hello' }, { name: 'world' }],
      ),
    ],
  },
]

const VIEW_TEXT =
  'create view sg4_ext_v as select id, name from sg4ext.people with no schema binding;'

const VIEW_CASES: readonly Case[] = [
  {
    title:
      'a late-binding view over an external table: PG_VIEWS, information_schema.views and PG_GET_VIEWDEF give its CREATE statement, for its readers too',
    doc: PG_GET_VIEWDEF,
    steps: [
      run(VIEW_TEXT),
      run("create user sg4_view_reader password 'Abcd1234'"),
      run('grant select on sg4_ext_v to sg4_view_reader'),
      rows("select definition from pg_views where viewname = 'sg4_ext_v'", [
        { definition: VIEW_TEXT },
      ]),
      rows(
        "select view_definition from information_schema.views where table_name = 'sg4_ext_v'",
        [{ view_definition: VIEW_TEXT }],
      ),
      rows("select pg_get_viewdef('sg4_ext_v') as d", [{ d: VIEW_TEXT }]),
      run('set session authorization sg4_view_reader'),
      rows("select definition from pg_views where viewname = 'sg4_ext_v'", [
        { definition: VIEW_TEXT },
      ]),
      rows("select pg_get_viewdef('sg4_ext_v') as d", [{ d: VIEW_TEXT }]),
      run('reset session authorization'),
      run('drop view sg4_ext_v'),
    ],
  },
]

describe('local emulator: small gaps of Spectrum reads', () => {
  let emulator: S3Emulator
  let client: pg.Client

  beforeAll(async () => {
    emulator = await startS3Emulator('local_fidelity_small_gaps_s3', FILES)
    client = await connect(emulator.local.url)
    for (const sql of [
      "create external schema sg4ext from data catalog database 'sg4extdb' iam_role default create external database if not exists",
      "create external table sg4ext.people (id int, name varchar(12)) row format delimited fields terminated by ',' stored as textfile location 's3://bucket/people/'",
      "create external table sg4ext.nested (id int, tags array<varchar(10)>, s struct<n:varchar(7)>) row format serde 'org.openx.data.jsonserde.JsonSerDe' location 's3://bucket/nested/'",
    ])
      await client.query(sql)
  })

  afterAll(async () => {
    await client?.end()
    await emulator?.stop()
  })

  for (const testCase of [...SPECTRUM_CASES, ...VIEW_CASES]) {
    it(testCase.title, async () => {
      await runSteps(client, testCase, emulator.db.name)
    })
  }
})
