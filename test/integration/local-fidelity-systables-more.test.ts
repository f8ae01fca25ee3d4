import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import type pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import {
  fails,
  rows,
  run,
  runSteps,
  type FidelityCase,
  type Step,
} from './fidelity-steps.js'
import { DG } from './function-answers.js'
import {
  connect,
  startOwnEmulator,
  type OwnEmulator,
} from './local-test-helpers.js'

// Three system views against their pages: STL_QUERY and the views built on it
// hold queries only (DDL and utility statements are in STL_DDLTEXT and
// STL_UTILITYTEXT), PG_DEFAULT_ACL has Redshift's columns, and
// STL_LOADERROR_DETAIL shows each column of a line a COPY could not parse.

const page = (name: string) => `${DG}${name}`
const ROLE = "iam_role 'arn:aws:iam::0123456789012:role/MyRedshiftRole'"

/** Files written into the emulator's bucket before the cases run. */
const FILES: Readonly<Record<string, string>> = {
  'sm/rows.txt': '1|a\n2|b\n',
  // The page's example: two integers parse, the third field does not.
  'sm/event.txt': '1201|126|aaa\n',
  'sm/multibyte.txt': '7|é|bad\n',
  'sm/many.txt': Array.from({ length: 25 }, (_, i) => `${i}|x\n`).join(''),
}

/** Statements of every kind, on tables named `<p>_...`, for a case to list. */
const mixed = (p: string): readonly Step[] => [
  run(`create table ${p}_a (id int, v varchar(10))`),
  ...queries(p)
    .slice(0, 5)
    .map((sql) => run(sql)),
  run(`set query_group to '${p}_group'`),
  run('reset query_group'),
  run(`grant select on ${p}_a to public`),
  run(`truncate ${p}_c`),
  run(`drop table ${p}_c`),
  ...queries(p)
    .slice(5)
    .map((sql) => run(sql)),
]

/** The queries of `mixed(p)`, in order: what STL_QUERY and its kin list. */
const queries = (p: string): readonly string[] => [
  `insert into ${p}_a values (1, 'one')`,
  `update ${p}_a set v = 'uno' where id = 1`,
  `delete from ${p}_a where id = 2`,
  `create table ${p}_b as select * from ${p}_a`,
  `select * into ${p}_c from ${p}_a`,
  `select count(*) from ${p}_a`,
  `merge into ${p}_a using ${p}_b on ${p}_a.id = ${p}_b.id when matched then update set v = ${p}_b.v when not matched then insert values (${p}_b.id, ${p}_b.v)`,
  `copy ${p}_a from 's3://bucket/sm/rows.txt' ${ROLE}`,
  `unload ('select * from ${p}_a') to 's3://bucket/sm/${p}/' ${ROLE} allowoverwrite`,
]

const CASES: readonly FidelityCase[] = [
  {
    title:
      'STL_QUERY holds queries (DML, MERGE, CTAS, SELECT INTO, COPY, UNLOAD), not DDL or utility statements',
    doc: page('r_STL_QUERY.html'),
    steps: [
      ...mixed('zqa'),
      rows(
        "select trim(querytxt) as text from stl_query where pid = pg_backend_pid() and querytxt like '%zqa%' order by query",
        queries('zqa').map((text) => ({ text })),
      ),
      // The page's example runs.
      run(
        'select query, trim(querytxt) as sqlquery from stl_query order by query desc limit 5',
      ),
      // DDL and utility statements are where the page sends them.
      rows(
        "select rtrim(text) as text from stl_ddltext where pid = pg_backend_pid() and text like '%zqa%' order by starttime",
        [
          { text: 'create table zqa_a (id int, v varchar(10))' },
          { text: 'drop table zqa_c' },
        ],
      ),
      rows(
        "select rtrim(text) as text from stl_utilitytext where pid = pg_backend_pid() and (text like '%zqa%' or text like '%query_group%') order by starttime",
        [
          { text: "set query_group to 'zqa_group'" },
          { text: 'reset query_group' },
          { text: 'grant select on zqa_a to public' },
          { text: 'truncate zqa_c' },
        ],
      ),
    ],
  },
  {
    title: 'STL_QUERYTEXT holds the same queries as STL_QUERY',
    doc: page('r_STL_QUERYTEXT.html'),
    steps: [
      ...mixed('zqb'),
      rows(
        "select rtrim(text) as text from stl_querytext where pid = pg_backend_pid() and sequence = 0 and text like '%zqb%' order by query",
        queries('zqb').map((text) => ({ text })),
      ),
    ],
  },
  {
    title:
      'SVL_QLOG, the readable subset of STL_QUERY, lists the same queries; SYS_QUERY_HISTORY keeps DDL and utility ones',
    doc: page('r_SVL_QLOG.html'),
    steps: [
      ...mixed('zqc'),
      rows(
        "select trim(substring) as text from svl_qlog where pid = pg_backend_pid() and substring like '%zqc%' order by query",
        queries('zqc').map((text) => ({ text: text.slice(0, 60).trimEnd() })),
      ),
      run(
        'select query, pid, elapsed, substring from svl_qlog where userid = 100 order by starttime desc limit 5',
      ),
      rows(
        "select trim(query_type) as type from sys_query_history where session_id = pg_backend_pid() and query_text in ('create table zqc_a (id int, v varchar(10))', 'reset query_group') order by query_id",
        [{ type: 'DDL' }, { type: 'UTILITY' }],
      ),
    ],
  },
  {
    title:
      'a statement after leading comments is filed by its command: the SELECT in STL_QUERY, the CREATE TABLE in STL_DDLTEXT',
    doc: page('r_STL_QUERY.html'),
    steps: [
      run('/* zqd app */ create table zqd_t (id int)'),
      run('-- zqd note\n(select count(*) from zqd_t)'),
      rows(
        "select trim(querytxt) as text from stl_query where pid = pg_backend_pid() and querytxt like '%zqd%' order by query",
        [{ text: '-- zqd note\n(select count(*) from zqd_t)' }],
      ),
      rows(
        "select rtrim(text) as text from stl_ddltext where pid = pg_backend_pid() and text like '%zqd%'",
        [{ text: '/* zqd app */ create table zqd_t (id int)' }],
      ),
      rows(
        "select trim(query_type) as type from sys_query_history where session_id = pg_backend_pid() and query_text like '%zqd%' and query_text not like '%pg_backend_pid%' order by query_id",
        [{ type: 'DDL' }, { type: 'SELECT' }],
      ),
    ],
  },
  {
    title:
      'PG_LAST_QUERY_ID names the last query: DDL and utility statements after it leave it alone',
    doc: page('PG_LAST_QUERY_ID.html'),
    steps: [
      run('create table sm_l (id int)'),
      run('select count(*) from sm_l'),
      run('create table sm_l2 (id int)'),
      run("set query_group to 'sm_after'"),
      rows(
        'select query = pg_last_query_id() as same, trim(querytxt) as sqlquery from stl_query where query = pg_last_query_id()',
        [{ same: true, sqlquery: 'select count(*) from sm_l' }],
      ),
    ],
  },
  {
    title:
      "PG_LAST_COPY_ID names the session's last COPY, found in STL_QUERY after later DDL",
    doc: page('PG_LAST_COPY_ID.html'),
    steps: [
      run('create table sm_k (id int, v varchar(10))'),
      run(`copy sm_k from 's3://bucket/sm/rows.txt' ${ROLE}`),
      run('create table sm_k2 (id int)'),
      rows(
        "select count(*)::int as n from stl_query where query = pg_last_copy_id() and querytxt like 'copy sm_k from%'",
        [{ n: 1 }],
      ),
    ],
  },
  {
    title:
      "PG_DEFAULT_ACL has defacluser; the page's example lists the default privileges",
    doc: page('r_PG_DEFAULT_ACL.html'),
    steps: [
      run('create schema sm_tickit'),
      run(
        'alter default privileges in schema sm_tickit grant select on tables to sm_user1',
      ),
      run(
        'alter default privileges in schema sm_tickit grant update on tables to sm_user2',
      ),
      rows(
        `select pg_get_userbyid(d.defacluser) as user,
n.nspname as schema,
case d.defaclobjtype when 'r' then 'tables' when 'f' then 'functions' end
as object_type,
array_to_string(d.defaclacl, ' + ')  as default_privileges
from pg_catalog.pg_default_acl d
left join pg_catalog.pg_namespace n on n.oid = d.defaclnamespace
where n.nspname = 'sm_tickit'`,
        [
          {
            user: 'awsuser',
            schema: 'sm_tickit',
            object_type: 'tables',
            default_privileges: 'sm_user1=r/awsuser + sm_user2=w/awsuser',
          },
        ],
      ),
      rows(
        "select pg_typeof(defacluser)::text as u, pg_typeof(defaclnamespace)::text as n, pg_typeof(defaclobjtype)::text as t, pg_typeof(defaclacl)::text as a from pg_default_acl where defaclnamespace = 'sm_tickit'::regnamespace",
        [{ u: 'integer', n: 'oid', t: 'character', a: 'aclitem[]' }],
      ),
      fails('select defaclrole from pg_default_acl', '42703', 'defaclrole'),
      // ARRAY_TO_STRING runs in a catalog query only (c_unsupported-postgresql-functions.html).
      run('create table sm_acl_t (id int)'),
      fails(
        "select array_to_string(d.defaclacl, ' + ') from pg_catalog.pg_default_acl d, sm_acl_t",
        '42883',
        'array_to_string',
      ),
    ],
  },
  {
    title:
      "STL_LOADERROR_DETAIL: every column up to the one that failed to parse, joined to STL_LOAD_ERRORS as the page's example does",
    doc: page('r_STL_LOADERROR_DETAIL.html'),
    steps: [
      run('create table sm_event (eventid int, venueid smallint, catid int)'),
      run(`copy sm_event from 's3://bucket/sm/event.txt' ${ROLE} maxerror 5`),
      rows(
        `select d.query = pg_last_copy_id() as this_copy, d.line_number, trim(d.value) as value,
trim(le.raw_line) as raw_line, trim(le.err_reason) like 'Invalid digit%' as invalid_digit
from stl_loaderror_detail d, stl_load_errors le
where
d.query = le.query
and tbl = (select c.oid::int from pg_class c where c.relname = 'sm_event')
order by d.field`,
        [
          {
            this_copy: true,
            line_number: '1',
            value: '1201',
            raw_line: '1201|126|aaa',
            invalid_digit: true,
          },
          {
            this_copy: true,
            line_number: '1',
            value: '126',
            raw_line: '1201|126|aaa',
            invalid_digit: true,
          },
          {
            this_copy: true,
            line_number: '1',
            value: '',
            raw_line: '1201|126|aaa',
            invalid_digit: true,
          },
        ],
      ),
      rows(
        `select field, trim(colname) as colname, is_null, trim(type) as type, trim(filename) as filename,
  slice, session = pg_backend_pid() as own_session
from stl_loaderror_detail where query = pg_last_copy_id() order by field`,
        [
          {
            field: 1,
            colname: 'eventid',
            is_null: 0,
            type: 'int4',
            filename: 's3://bucket/sm/event.txt',
            slice: 0,
            own_session: true,
          },
          {
            field: 2,
            colname: 'venueid',
            is_null: 0,
            type: 'int2',
            filename: 's3://bucket/sm/event.txt',
            slice: 0,
            own_session: true,
          },
          {
            field: 3,
            colname: 'catid',
            is_null: 1,
            type: 'int4',
            filename: 's3://bucket/sm/event.txt',
            slice: 0,
            own_session: true,
          },
        ],
      ),
    ],
  },
  {
    title:
      'STL_LOADERROR_DETAIL shows multibyte characters as periods and keeps at most 20 lines per load',
    doc: page('r_STL_LOADERROR_DETAIL.html'),
    steps: [
      run('create table sm_mb (a int, b varchar(10), c int)'),
      run(`copy sm_mb from 's3://bucket/sm/multibyte.txt' ${ROLE} maxerror 5`),
      rows(
        'select trim(value) as value, trim(col_length) as col_length from stl_loaderror_detail where query = pg_last_copy_id() order by field',
        [
          { value: '7', col_length: '' },
          { value: '.', col_length: '10' },
          { value: '', col_length: '' },
        ],
      ),
      run('create table sm_many (a int, b int)'),
      run(`copy sm_many from 's3://bucket/sm/many.txt' ${ROLE} maxerror 100`),
      rows(
        `select (select count(*)::int from stl_load_errors where query = pg_last_copy_id()) as errors,
  count(distinct line_number)::int as detailed, count(*)::int as n
from stl_loaderror_detail where query = pg_last_copy_id()`,
        [{ errors: 25, detailed: 20, n: 40 }],
      ),
    ],
  },
]

describe('local emulator: STL_QUERY, PG_DEFAULT_ACL and STL_LOADERROR_DETAIL against their pages', () => {
  let dir: string
  let own: OwnEmulator

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'systables-more-'))
    for (const [key, body] of Object.entries(FILES)) {
      const file = path.join(dir, 'bucket', key)
      fs.mkdirSync(path.dirname(file), { recursive: true })
      fs.writeFileSync(file, body)
    }
    own = await startOwnEmulator('local_fidelity_systables_more', {
      s3Dir: dir,
    })
    const client = await connect(own.local.url)
    try {
      for (const user of ['sm_user1', 'sm_user2'])
        await client.query(`create user ${user} password 'Abcdefg1'`)
    } finally {
      await client.end()
    }
  })
  afterAll(async () => {
    await own.stop()
    fs.rmSync(dir, { recursive: true, force: true })
  })

  it.each(CASES.map((c) => [c.title, c] as const))(
    '%s',
    async (_title, testCase) => {
      const client: pg.Client = await connect(own.local.url)
      try {
        await runSteps(client, testCase, own.db.name)
      } finally {
        await client.end()
      }
    },
  )

  it('a regular user sees only its own rows of PG_DEFAULT_ACL (r_PG_DEFAULT_ACL.html)', async () => {
    const target = new URL(own.local.url)
    target.username = 'sm_user1'
    target.password = 'Abcdefg1'
    const plain = await connect(target.toString())
    try {
      await plain.query(
        'alter default privileges grant select on tables to sm_user2',
      )
      const { rows: seen } = await plain.query(
        'select distinct pg_get_userbyid(defacluser) as owner from pg_default_acl',
      )
      expect(seen, page('r_PG_DEFAULT_ACL.html')).toEqual([
        { owner: 'sm_user1' },
      ])
    } finally {
      await plain.query(
        'alter default privileges revoke select on tables from sm_user2',
      )
      await plain.end()
    }
  })
})
