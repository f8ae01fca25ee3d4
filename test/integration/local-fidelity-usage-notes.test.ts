import { expect, it } from 'vitest'

import {
  describeFidelityCases,
  fails,
  rows,
  run,
  type FidelityCase as Case,
} from './fidelity-steps.js'
import { DG } from './function-answers.js'
import { connect, errorOf } from './local-test-helpers.js'

// The usage notes, limitations and parameter descriptions of the SQL command
// pages, one case a rule: what Redshift accepts, what it refuses, and what
// a statement leaves behind.

const ALTER_TABLE = `${DG}r_ALTER_TABLE.html`
const ANALYZE = `${DG}r_ANALYZE.html`
const CREATE_MV = `${DG}materialized-view-create-sql-command.html`
const ALTER_USER = `${DG}r_ALTER_USER.html`
const CREATE_TABLE = `${DG}r_CREATE_TABLE_NEW.html`

const KEYS = (table: string): string =>
  `select "column", distkey, sortkey from pg_table_def where tablename = '${table}' order by "column"`

const CASES: readonly Case[] = [
  {
    title:
      'ALTER TABLE: ALTER SORTKEY and ALTER DISTKEY / DISTSTYLE ALL run together, in either order',
    doc: ALTER_TABLE,
    steps: [
      run('create table un_combo (a int not null, b int)'),
      run('alter table un_combo alter sortkey (a), alter distkey b'),
      rows(KEYS('un_combo'), [
        { column: 'a', distkey: false, sortkey: 1 },
        { column: 'b', distkey: true, sortkey: 0 },
      ]),
      run('alter table un_combo alter distkey a, alter sortkey (b)'),
      rows(KEYS('un_combo'), [
        { column: 'a', distkey: true, sortkey: 0 },
        { column: 'b', distkey: false, sortkey: 1 },
      ]),
      run('alter table un_combo alter sortkey (a), alter diststyle all'),
      run('alter table un_combo alter diststyle all, alter sortkey (b)'),
      rows(KEYS('un_combo'), [
        { column: 'a', distkey: false, sortkey: 0 },
        { column: 'b', distkey: false, sortkey: 1 },
      ]),
      // Only those four combinations.
      fails(
        'alter table un_combo alter sortkey (a), alter diststyle even',
        '42601',
        'syntax error at or near "alter"',
      ),
      fails(
        'alter table un_combo alter sortkey (a), alter sortkey (b)',
        '42601',
        'syntax error at or near "alter"',
      ),
      fails(
        'alter table un_combo alter distkey a, alter distkey b',
        '42601',
        'syntax error at or near "alter"',
      ),
      fails(
        'alter table un_combo alter sortkey none, alter distkey b',
        '42601',
        'syntax error at or near ","',
      ),
      // A failed half leaves the table as it was.
      fails(
        'alter table un_combo alter sortkey (a), alter distkey zz',
        '42703',
        'column "zz" does not exist',
      ),
      rows(KEYS('un_combo'), [
        { column: 'a', distkey: false, sortkey: 0 },
        { column: 'b', distkey: false, sortkey: 1 },
      ]),
    ],
  },
  {
    title:
      'ALTER TABLE ALTER COLUMN TYPE: only a VARCHAR column changes its size',
    doc: ALTER_TABLE,
    steps: [
      run(
        'create table un_resize (i int, c char(5), v varchar(10), "Q" varchar(4))',
      ),
      run("insert into un_resize values (1, 'a', 'abcdefghij', 'q')"),
      fails(
        'alter table un_resize alter column i type varchar(20)',
        '0A000',
        'ALTER COLUMN ... TYPE is not supported for column "i" of type integer',
      ),
      fails(
        'alter table un_resize alter column c type varchar(20)',
        '0A000',
        'ALTER COLUMN ... TYPE is not supported for column "c" of type character(5)',
      ),
      // "You can't decrease the size less than maximum size of existing data."
      fails(
        'alter table un_resize alter column v type varchar(5)',
        '22001',
        'value too long for type character varying(5)',
      ),
      run('alter table un_resize alter column v type varchar(12)'),
      run('alter table public.un_resize alter column "Q" type varchar(max)'),
      fails(
        'alter table un_resize alter column zz type varchar(5)',
        '42703',
        'column "zz" of relation "un_resize" does not exist',
      ),
      fails(
        'begin; alter table un_resize alter column v type varchar(30)',
        '25001',
        'ALTER TABLE ALTER COLUMN cannot run inside a transaction block',
      ),
      run('rollback'),
      rows(
        `select "column", type from pg_table_def where tablename = 'un_resize' order by 1`,
        [
          { column: 'c', type: 'character(5)' },
          { column: 'i', type: 'integer' },
          { column: 'q', type: 'character varying(65535)' },
          { column: 'v', type: 'character varying(12)' },
        ],
      ),
    ],
  },
  {
    title: 'ALTER TABLE ADD PRIMARY KEY: only on columns created NOT NULL',
    doc: ALTER_TABLE,
    steps: [
      run('create table un_pk (n int not null, m int not null, f int)'),
      fails(
        'alter table un_pk add primary key (f)',
        '0A000',
        'cannot add a primary key on nullable column "f"',
      ),
      fails(
        'alter table un_pk add constraint un_pk_key primary key (n, f)',
        '0A000',
        'cannot add a primary key on nullable column "f"',
      ),
      run('begin'),
      run('alter table un_pk add constraint un_pk_key primary key (n, m)'),
      run('commit'),
      rows(
        `select constraint_name, constraint_type from information_schema.table_constraints
         where table_name = 'un_pk' and constraint_type <> 'CHECK'`,
        [{ constraint_name: 'un_pk_key', constraint_type: 'PRIMARY KEY' }],
      ),
    ],
  },
  {
    title:
      'ALTER TABLE ADD COLUMN: no IDENTITY, default identity, DISTKEY or SORTKEY column',
    doc: ALTER_TABLE,
    steps: [
      run('create table un_add (a int)'),
      fails(
        'alter table un_add add column b int identity(1,1)',
        '0A000',
        'ALTER TABLE ADD COLUMN cannot add an IDENTITY column',
      ),
      fails(
        'alter table un_add add column b bigint generated by default as identity(1,1)',
        '0A000',
        'ALTER TABLE ADD COLUMN cannot add a GENERATED BY DEFAULT AS IDENTITY column',
      ),
      fails(
        'alter table un_add add column b int distkey',
        '0A000',
        'ALTER TABLE ADD COLUMN cannot add a DISTKEY column',
      ),
      fails(
        'alter table un_add add b int sortkey',
        '0A000',
        'ALTER TABLE ADD COLUMN cannot add a SORTKEY column',
      ),
      run('alter table un_add add column b int default 0 encode zstd not null'),
      rows(
        `select "column", trim(encoding) as encoding from pg_table_def where tablename = 'un_add' order by 1`,
        [
          { column: 'a', encoding: 'az64' },
          { column: 'b', encoding: 'zstd' },
        ],
      ),
    ],
  },
  {
    title:
      'ALTER USER SET of a parameter only Redshift has: an emulator limit, not an unknown parameter',
    doc: ALTER_USER,
    steps: [
      fails(
        "alter user awsuser set query_group to 'reports'",
        '0A000',
        'ALTER USER ... SET query_group is not supported by the local emulator',
      ),
      fails(
        'alter user awsuser set wlm_query_slot_count to 2',
        '0A000',
        'ALTER USER ... SET wlm_query_slot_count is not supported by the local emulator',
      ),
      fails(
        'alter user awsuser set no_such_parameter to 1',
        '42704',
        'unrecognized configuration parameter "no_such_parameter"',
      ),
    ],
  },
  {
    title:
      'CREATE TABLE and ADD COLUMN: no user-defined function in a DEFAULT expression',
    doc: CREATE_TABLE,
    steps: [
      run(
        'create function un_f(int) returns int immutable as $$ select $1 $$ language sql',
      ),
      fails(
        'create table un_default (a int default un_f(1))',
        '0A000',
        'user-defined function "un_f" is not allowed in the DEFAULT expression of column "a"',
      ),
      run(
        "create table un_default (a int default 1, b timestamp default getdate(), c varchar(10) default upper('x'), d int identity(1,1), e bigint generated by default as identity(1,1))",
      ),
      fails(
        'alter table un_default add column f int default un_f(2)',
        '0A000',
        'user-defined function "un_f" is not allowed in the DEFAULT expression of column "f"',
      ),
      run('alter table un_default add column f int default 2'),
      run('create table un_default_copy (like un_default including defaults)'),
      rows(
        `select count(*)::int as n from pg_table_def where tablename = 'un_default'`,
        [{ n: 6 }],
      ),
    ],
  },
  {
    title:
      'ANALYZE: a column list names columns of the table, even when the threshold skips it',
    doc: ANALYZE,
    steps: [
      run('create table un_analyze (a int, b int)'),
      run('analyze un_analyze (a)'),
      fails(
        'analyze un_analyze (zz)',
        '42703',
        'column "zz" of relation "un_analyze" does not exist',
      ),
      fails(
        'analyze un_analyze (a, zz) predicate columns',
        '42703',
        'column "zz" of relation "un_analyze" does not exist',
      ),
      run('analyze un_analyze (a, b)'),
    ],
  },
]

describeFidelityCases(
  'local emulator: SQL command usage notes',
  'local_fidelity_usage_notes',
  CASES,
  (url) => {
    it(`ALTER TABLE ALTER COLUMN TYPE and ADD PRIMARY KEY by a user who is no superuser, on the user's own table (${ALTER_TABLE})`, async () => {
      const admin = await connect(url())
      const user = 'h7_usage_owner'
      try {
        await admin.query(`drop user if exists ${user}`)
        await admin.query(`create user ${user} password 'Abcdefg1'`)
        await admin.query(`grant create on schema public to ${user}`)
        // The login goes in the URL: pg lets a connection string's user win.
        const login = new URL(url())
        login.username = user
        login.password = 'Abcdefg1'
        const client = await connect(login.toString())
        try {
          const { rows: who } = await client.query('select current_user as u')
          expect(who).toEqual([{ u: user }])
          await client.query(
            'create table un_owned (v varchar(5), n int not null, i int)',
          )
          await client.query(
            'alter table un_owned alter column v type varchar(9)',
          )
          await client.query('alter table un_owned add primary key (n)')
          const error = await errorOf(
            client.query('alter table un_owned alter column i type varchar(9)'),
          )
          expect(error.code).toBe('0A000')
          expect(error.message).toBe(
            'ALTER COLUMN ... TYPE is not supported for column "i" of type integer',
          )
          const { rows: types } = await client.query(
            `select "column", type from pg_table_def where tablename = 'un_owned' order by 1`,
          )
          expect(types).toEqual([
            { column: 'i', type: 'integer' },
            { column: 'n', type: 'integer' },
            { column: 'v', type: 'character varying(9)' },
          ])
          await client.query('drop table un_owned')
        } finally {
          await client.end()
        }
        await admin.query(`revoke create on schema public from ${user}`)
        await admin.query(`drop user ${user}`)
      } finally {
        await admin.end()
      }
    })

    it(`CREATE MATERIALIZED VIEW ... AUTO REFRESH YES of a mutable function: the refusal names no emulator frame (${CREATE_MV})`, async () => {
      const client = await connect(url())
      try {
        await client.query('create table un_mv_base (a int)')
        const error = await errorOf(
          client.query(
            'create materialized view un_mv auto refresh yes as select a, getdate() as t from un_mv_base',
          ),
        )
        expect(error.code).toBe('0A000')
        expect(error.message).toBe(
          'AUTO REFRESH YES is not supported for a materialized view that calls a mutable function',
        )
        expect(error.where).toBeUndefined()
      } finally {
        await client.end()
      }
    })
  },
)
