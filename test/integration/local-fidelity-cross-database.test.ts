import type pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import {
  fails,
  rows,
  run,
  runSteps,
  type FidelityCase as Case,
  type Row,
  type Step,
} from './fidelity-steps.js'
import { DG } from './function-answers.js'
import {
  connect,
  emulatorUrl,
  openEmulatorDatabase,
  type EmulatorDatabase,
} from './local-test-helpers.js'
import {
  createTestDatabase,
  type TestDatabase,
} from '../setup/test-database.js'

// Querying data across databases (cross-database-overview.html and its
// pages): the SVV_REDSHIFT_* and SVV_ALL_* views list the objects of every
// database, as the user sees them in each. `{other}` is a second database
// of the emulator, set up below as the example page's db1; `{db}` the one
// the cases run on. Its tables and views are read by three-part name
// (through postgres_fdw, as the session's user), never written.

const page = (name: string) => `${DG}${name}`
const EXAMPLE = page('cross-database_example.html')
const OVERVIEW = page('cross-database-overview.html')
const LIMIT = 'an emulator limit'
const USAGE = page('cross-database_usage.html')
const LIMITATIONS = page('cross-database_limitation.html')
const READ_ONLY = 'can only be read'
const EXPLAIN = page('r_EXPLAIN.html')
/** EXPLAIN of a query part postgres_fdw runs in the other database. */
const PUSHED = `runs in that database is not supported by the local emulator (${LIMIT})`

/** As user1 on db1, the page's objects, and a function a regular user may not run. */
const OTHER_SETUP = [
  "CREATE USER xdb3_reader PASSWORD 'Redshift01'",
  "CREATE USER xdb3_outsider PASSWORD 'Redshift01'",
  'CREATE TABLE table1 (c1 int, c2 int, c3 int)',
  'GRANT SELECT ON table1 TO xdb3_reader',
  'INSERT INTO table1 VALUES (1,2,3),(4,5,6),(7,8,9)',
  'CREATE VIEW regular_view AS SELECT c1 FROM table1',
  'GRANT SELECT ON regular_view TO xdb3_reader',
  'CREATE VIEW late_bind_view AS SELECT c3 FROM public.table1 WITH NO SCHEMA BINDING',
  'CREATE TABLE xdb3_typed (id int, name varchar(20), price decimal(8,2), at timestamp)',
  "INSERT INTO xdb3_typed VALUES (1, 'pen', 1.50, '2024-01-02 03:04:05')",
  "create function xdb_open(int) returns int immutable as 'select $1' language sql",
  "create function xdb_closed(int) returns int immutable as 'select $1' language sql",
  'revoke execute on function xdb_closed(int) from public',
  'CREATE TABLE xdb_q2_shared (c1 int, c2 int)',
]

const CASES: readonly Case[] = [
  {
    title:
      'SVV_REDSHIFT_TABLES and SVV_ALL_TABLES list the tables and views of another database',
    doc: EXAMPLE,
    steps: [
      rows(
        "select database_name, schema_name, table_name, table_type from svv_redshift_tables where database_name in ('{other}') and schema_name in ('public') order by table_name",
        [
          table('late_bind_view', 'VIEW'),
          table('regular_view', 'VIEW'),
          table('table1', 'TABLE'),
          table('xdb3_typed', 'TABLE'),
          table('xdb_q2_shared', 'TABLE'),
        ],
      ),
      rows(
        "select database_name, schema_name, table_name, table_type from svv_all_tables where database_name in ('{other}') and schema_name in ('public') order by table_name",
        [
          table('late_bind_view', 'VIEW'),
          table('regular_view', 'VIEW'),
          table('table1', 'TABLE'),
          table('xdb3_typed', 'TABLE'),
          table('xdb_q2_shared', 'TABLE'),
        ],
      ),
    ],
  },
  {
    title:
      'SVV_REDSHIFT_SCHEMAS and SVV_ALL_SCHEMAS list every database, the connected one too',
    doc: EXAMPLE,
    steps: [
      rows(
        "select database_name, schema_name, schema_type from svv_redshift_schemas where database_name in ('{db}', '{other}') order by 1, 2",
        [
          schema('{db}', 'information_schema'),
          schema('{db}', 'pg_catalog'),
          schema('{db}', 'public'),
          schema('{other}', 'information_schema'),
          schema('{other}', 'pg_catalog'),
          schema('{other}', 'public'),
        ],
      ),
      rows(
        "select database_name, schema_name, schema_type from svv_all_schemas where database_name = '{other}' order by 2",
        [
          schema('{other}', 'information_schema'),
          schema('{other}', 'pg_catalog'),
          schema('{other}', 'public'),
        ],
      ),
    ],
  },
  {
    title:
      "SVV_REDSHIFT_COLUMNS and SVV_ALL_COLUMNS list another database's columns",
    doc: OVERVIEW,
    steps: [
      rows(
        "select column_name, data_type from svv_redshift_columns where database_name = '{other}' and table_name = 'table1' order by ordinal_position",
        ['c1', 'c2', 'c3'].map((c) => ({
          column_name: c,
          data_type: 'integer',
        })),
      ),
      rows(
        "select column_name from svv_all_columns where database_name = '{other}' and table_name = 'regular_view'",
        [{ column_name: 'c1' }],
      ),
    ],
  },
  {
    title:
      'SVV_REDSHIFT_FUNCTIONS lists the functions of another database that the user may run there',
    doc: page('r_SVV_REDSHIFT_FUNCTIONS.html'),
    steps: [
      run("create user xdb_reader password 'Redshift01'"),
      rows(
        "select function_name from svv_redshift_functions where database_name = '{other}' and function_name like 'xdb_%' order by 1",
        [{ function_name: 'xdb_closed' }, { function_name: 'xdb_open' }],
      ),
      run("set session authorization 'xdb_reader'"),
      rows(
        "select function_name from svv_redshift_functions where database_name = '{other}' and function_name like 'xdb_%' order by 1",
        [{ function_name: 'xdb_open' }],
      ),
      run('reset session authorization'),
      run('drop user xdb_reader'),
    ],
  },
  {
    title:
      'the views list every database under an alias, with pg_catalog, in joins and in a transaction block',
    doc: OVERVIEW,
    steps: [
      rows(
        "select t.table_name from pg_catalog.svv_redshift_tables t where t.database_name = '{other}' and t.table_name = 'table1'",
        [{ table_name: 'table1' }],
      ),
      rows(
        "select pg_catalog.svv_redshift_tables.table_name from pg_catalog.svv_redshift_tables where database_name = '{other}' and table_name = 'table1'",
        [{ table_name: 'table1' }],
      ),
      rows(
        "select svv_redshift_tables.table_name, count(*)::int as n from svv_redshift_tables join svv_redshift_columns c using (database_name, schema_name, table_name) where database_name = '{other}' and table_name = 'table1' group by 1",
        [{ table_name: 'table1', n: 3 }],
      ),
      run('begin'),
      rows(
        "select count(*)::int as n from svv_all_tables where database_name = '{other}' and table_name = 'table1'",
        [{ n: 1 }],
      ),
      run('commit'),
    ],
  },
  {
    title:
      "a query reads another database's table by three-part name, and joins it with the connected database's",
    doc: EXAMPLE,
    steps: [
      rows('SELECT * from {other}.public.table1 ORDER BY c1', [
        { c1: 1, c2: 2, c3: 3 },
        { c1: 4, c2: 5, c3: 6 },
        { c1: 7, c2: 8, c3: 9 },
      ]),
      run('CREATE TABLE table1 (a int, b int, c int)'),
      run('INSERT INTO table1 VALUES (1,2,3), (4,5,6), (7,8,9)'),
      rows(
        'SELECT a AS col_1, ({other}.public.table1.c2 + b) AS sum_col2, ({other}.public.table1.c3 + c) AS sum_col3 FROM {other}.public.table1, table1 WHERE {other}.public.table1.c1 = a ORDER BY 1',
        [
          { col_1: 1, sum_col2: 4, sum_col3: 6 },
          { col_1: 4, sum_col2: 10, sum_col3: 12 },
          { col_1: 7, sum_col2: 16, sum_col3: 18 },
        ],
      ),
      rows(
        'select t.c1, x.b from {other}.public.table1 t join table1 x on x.a = t.c1 where t.c1 > 3 order by 1',
        [
          { c1: 4, b: 5 },
          { c1: 7, b: 8 },
        ],
      ),
      run('drop table table1'),
    ],
  },
  {
    title:
      "another database's regular and late-binding views are read by three-part name",
    doc: EXAMPLE,
    steps: [
      rows('SELECT * FROM {other}.public.regular_view ORDER BY 1', [
        { c1: 1 },
        { c1: 4 },
        { c1: 7 },
      ]),
      rows('SELECT * FROM {other}.public.late_bind_view ORDER BY 1', [
        { c3: 3 },
        { c3: 6 },
        { c3: 9 },
      ]),
      rows(
        'select name, price, at::text as at from {other}.public.xdb3_typed where id = 1',
        [{ name: 'pen', price: '1.50', at: '2024-01-02 03:04:05' }],
      ),
      fails(
        'select * from {other}.public.xdb3_missing',
        '42P01',
        'does not exist',
      ),
      fails(
        'select * from postgres.public.xdb3_missing',
        '3D000',
        'database "postgres" does not exist',
      ),
      fails(
        'select * from template1.public.xdb3_missing',
        '3D000',
        'does not exist',
      ),
    ],
  },
  {
    title:
      "the other database's privileges apply: a user without SELECT there is refused",
    doc: OVERVIEW,
    steps: [
      run("set session authorization 'xdb3_reader'"),
      rows('select count(*)::int as n from {other}.public.table1', [{ n: 3 }]),
      rows('select count(*)::int as n from {other}.public.regular_view', [
        { n: 3 },
      ]),
      reset(),
      run("set session authorization 'xdb3_outsider'"),
      fails(
        'select count(*) from {other}.public.table1',
        '42501',
        'permission denied for relation table1',
      ),
      reset(),
    ],
  },
  {
    title:
      'reads of another database feed INSERT ... SELECT and CREATE TABLE AS in the connected one',
    doc: OVERVIEW,
    steps: [
      run('create table xdb3_copy (c1 int, c2 int)'),
      run(
        'insert into xdb3_copy select c1, c2 from {other}.public.table1 where c1 < 5',
      ),
      run('create table xdb3_ctas as select c3 from {other}.public.table1'),
      rows(
        'select (select count(*) from xdb3_copy)::int as copied, (select sum(c3) from xdb3_ctas)::int as summed',
        [{ copied: 2, summed: 18 }],
      ),
      run('drop table xdb3_copy'),
      run('drop table xdb3_ctas'),
    ],
  },
  {
    title:
      "another database's objects are read only: writes and DDL there are refused",
    doc: LIMITATIONS,
    steps: [
      fails(
        'insert into {other}.public.table1 values (1,2,3)',
        '0A000',
        READ_ONLY,
      ),
      fails('update {other}.public.table1 set c2 = 0', '0A000', READ_ONLY),
      fails(
        'delete from {other}.public.table1 where c1 = 1',
        '0A000',
        READ_ONLY,
      ),
      fails('create table {other}.public.xdb3_t (a int)', '0A000', LIMIT),
      fails(
        'create view xdb3_v as select * from {other}.public.table1',
        '0A000',
        LIMIT,
      ),
      rows('select count(*)::int as n from {other}.public.table1', [{ n: 3 }]),
    ],
  },
  {
    title:
      'a transaction block reads another database in its first statement; a first read there later is an emulator limit',
    doc: USAGE,
    steps: [
      run('begin'),
      rows('select count(*)::int as n from {other}.public.table1', [{ n: 3 }]),
      rows('select count(*)::int as n from {other}.public.regular_view', [
        { n: 3 },
      ]),
      run('commit'),
      run('begin'),
      run('select 1'),
      fails('select count(*) from {other}.public.table1', '0A000', LIMIT),
      run('rollback'),
      rows('select count(*)::int as n from {other}.public.table1', [{ n: 3 }]),
    ],
  },
  {
    title:
      "CREATE EXTERNAL SCHEMA ... FROM REDSHIFT names another database's schema: alias.object reads it",
    doc: EXAMPLE,
    steps: [
      run(
        "CREATE EXTERNAL SCHEMA xdb_alias FROM REDSHIFT DATABASE '{other}' SCHEMA 'public'",
      ),
      rows('SELECT * FROM xdb_alias.table1 ORDER BY c1', [
        { c1: 1, c2: 2, c3: 3 },
        { c1: 4, c2: 5, c3: 6 },
        { c1: 7, c2: 8, c3: 9 },
      ]),
      rows('SELECT * FROM xdb_alias.late_bind_view ORDER BY c3', [
        { c3: 3 },
        { c3: 6 },
        { c3: 9 },
      ]),
      rows(
        'select xdb_alias.table1.c2, t.c1 from xdb_alias.table1 join xdb_alias.regular_view t using (c1) order by 1',
        [
          { c2: 2, c1: 1 },
          { c2: 5, c1: 4 },
          { c2: 8, c1: 7 },
        ],
      ),
      rows(
        "select eskind, databasename, esoptions from svv_external_schemas where schemaname = 'xdb_alias'",
        [
          {
            eskind: 4,
            databasename: '{other}',
            esoptions: '{"SCHEMA" : "public"}',
          },
        ],
      ),
      rows(
        "select database_name, schema_name, schema_type from svv_all_schemas where schema_name = 'xdb_alias'",
        [
          {
            database_name: '{db}',
            schema_name: 'xdb_alias',
            schema_type: 'external',
          },
        ],
      ),
      fails(
        'insert into xdb_alias.table1 values (1, 1, 1)',
        '0A000',
        READ_ONLY,
      ),
      fails(
        'create table xdb_alias.local_t (a int)',
        '0A000',
        'cannot create a local object in external schema',
      ),
      run("set session authorization 'xdb3_reader'"),
      rows('select count(*)::int as n from xdb_alias.table1', [{ n: 3 }]),
      reset(),
      run("set session authorization 'xdb3_outsider'"),
      fails(
        'select count(*) from xdb_alias.table1',
        '42501',
        'permission denied for relation table1',
      ),
      reset(),
      run('alter schema xdb_alias rename to xdb_alias2'),
      rows('select count(*)::int as n from xdb_alias2.table1', [{ n: 3 }]),
      fails('select * from xdb_alias.table1', '42P01', 'does not exist'),
      run('drop schema xdb_alias2'),
      fails('select * from xdb_alias2.table1', '42P01', 'does not exist'),
    ],
  },
  {
    title:
      'CREATE EXTERNAL SCHEMA ... FROM REDSHIFT needs DATABASE and SCHEMA, and a database that exists',
    doc: page('r_CREATE_EXTERNAL_SCHEMA.html'),
    steps: [
      fails(
        "create external schema xdb_alias3 from redshift database '{other}'",
        '22023',
        'SCHEMA is required',
      ),
      fails(
        "create external schema xdb_alias3 from redshift schema 'public'",
        '22023',
        'DATABASE is required',
      ),
      fails(
        "create external schema xdb_alias3 from redshift database 'xdb_no_such_db' schema 'public'",
        '3D000',
        'database "xdb_no_such_db" does not exist',
      ),
      run(
        "create external schema xdb_alias3 from redshift database '{other}' schema 'public'",
      ),
      run(
        "create external schema if not exists xdb_alias3 from redshift database '{other}' schema 'public'",
      ),
      fails(
        "create external schema xdb_alias3 from redshift database '{other}' schema 'public'",
        '42P06',
        'already exists',
      ),
      rows('select count(*)::int as n from xdb_alias3.table1', [{ n: 3 }]),
      run('drop schema xdb_alias3'),
    ],
  },
  {
    title:
      "SVV_EXTERNAL_TABLES lists the tables and views of another database's schema under its alias",
    doc: OVERVIEW,
    steps: [
      run(
        "create external schema q1_alias from redshift database '{other}' schema 'public'",
      ),
      rows(
        "select redshift_database_name, schemaname, tablename, tabletype, location, input_format, compressed, parameters from svv_external_tables where schemaname = 'q1_alias' order by tablename",
        [
          ['late_bind_view', 'VIEW'],
          ['regular_view', 'VIEW'],
          ['table1', 'TABLE'],
          ['xdb3_typed', 'TABLE'],
          ['xdb_q2_shared', 'TABLE'],
        ].map(([name, type]) => ({
          redshift_database_name: '{db}',
          schemaname: 'q1_alias',
          tablename: name,
          tabletype: type,
          location: null,
          input_format: null,
          compressed: 0,
          parameters: null,
        })),
      ),
      // The other database's own schema is not listed there.
      rows(
        "select count(*)::int as n from svv_external_tables where schemaname = 'public'",
        [{ n: 0 }],
      ),
      run('drop schema q1_alias'),
      rows(
        "select count(*)::int as n from svv_external_tables where schemaname = 'q1_alias'",
        [{ n: 0 }],
      ),
    ],
  },
  {
    title:
      "SVV_EXTERNAL_COLUMNS lists the columns of another database's tables under the alias, numbered from 1",
    doc: OVERVIEW,
    steps: [
      run(
        "create external schema q1_alias_cols from redshift database '{other}' schema 'public'",
      ),
      rows(
        "select redshift_database_name, schemaname, tablename, columnname, external_type, columnnum, part_key, is_nullable from svv_external_columns where schemaname = 'q1_alias_cols' and tablename = 'xdb3_typed' order by columnnum",
        [
          ['id', 'integer'],
          ['name', 'character varying(20)'],
          ['price', 'numeric(8,2)'],
          ['at', 'timestamp without time zone'],
        ].map(([name, type], i) => ({
          redshift_database_name: '{db}',
          schemaname: 'q1_alias_cols',
          tablename: 'xdb3_typed',
          columnname: name,
          external_type: type,
          columnnum: i + 1,
          part_key: 0,
          is_nullable: 'true',
        })),
      ),
      // Joined with SVV_EXTERNAL_TABLES, as a tool exploring the metadata does.
      rows(
        "select t.tablename, count(*)::int as n from svv_external_tables t join svv_external_columns c using (schemaname, tablename) where t.schemaname = 'q1_alias_cols' group by 1 order by 1",
        [
          { tablename: 'regular_view', n: 1 },
          { tablename: 'table1', n: 3 },
          { tablename: 'xdb3_typed', n: 4 },
          { tablename: 'xdb_q2_shared', n: 2 },
        ],
      ),
      run('alter schema q1_alias_cols rename to q1_alias_cols2'),
      rows(
        "select schemaname, count(*)::int as n from svv_external_columns where schemaname like 'q1_alias_cols%' and tablename = 'table1' group by 1",
        [{ schemaname: 'q1_alias_cols2', n: 3 }],
      ),
      run('drop schema q1_alias_cols2'),
    ],
  },
  {
    title:
      'SVV_EXTERNAL_TABLES and SVV_EXTERNAL_COLUMNS list what the user may read in the other database',
    doc: page('r_SVV_EXTERNAL_TABLES.html'),
    steps: [
      run(
        "create external schema q1_alias_priv from redshift database '{other}' schema 'public'",
      ),
      run('grant usage on schema q1_alias_priv to xdb3_reader, xdb3_outsider'),
      run("set session authorization 'xdb3_reader'"),
      rows(
        "select tablename from svv_external_tables where schemaname = 'q1_alias_priv' order by 1",
        [{ tablename: 'regular_view' }, { tablename: 'table1' }],
      ),
      rows(
        "select tablename, columnname from svv_external_columns where schemaname = 'q1_alias_priv' order by 1, columnnum",
        [
          { tablename: 'regular_view', columnname: 'c1' },
          { tablename: 'table1', columnname: 'c1' },
          { tablename: 'table1', columnname: 'c2' },
          { tablename: 'table1', columnname: 'c3' },
        ],
      ),
      reset(),
      run("set session authorization 'xdb3_outsider'"),
      rows(
        "select count(*)::int as n from svv_external_tables where schemaname = 'q1_alias_priv'",
        [{ n: 0 }],
      ),
      reset(),
      run('drop schema q1_alias_priv'),
    ],
  },
  {
    title:
      "an alias of the connected database's own schema lists its tables, read in the statement's transaction",
    doc: OVERVIEW,
    steps: [
      run('create table q1_own (a int not null, b varchar(5))'),
      run(
        "create external schema q1_alias_self from redshift database '{db}' schema 'public'",
      ),
      run('begin'),
      run('create table q1_own_later (c int)'),
      rows(
        "select tablename, columnname, is_nullable from svv_external_columns where schemaname = 'q1_alias_self' and tablename like 'q1_own%' order by 1, columnnum",
        [
          { tablename: 'q1_own', columnname: 'a', is_nullable: 'false' },
          { tablename: 'q1_own', columnname: 'b', is_nullable: 'true' },
          { tablename: 'q1_own_later', columnname: 'c', is_nullable: 'true' },
        ],
      ),
      run('rollback'),
      rows(
        "select tablename from svv_external_tables where schemaname = 'q1_alias_self' and tablename like 'q1_own%'",
        [{ tablename: 'q1_own' }],
      ),
      run('drop schema q1_alias_self'),
      run('drop table q1_own'),
    ],
  },
  {
    title:
      'while an alias schema exists, a view over SVV_EXTERNAL_TABLES is an emulator limit',
    doc: OVERVIEW,
    steps: [
      run(
        "create external schema q1_alias_view from redshift database '{other}' schema 'public'",
      ),
      fails(
        'create view q1_v as select * from svv_external_tables',
        '0A000',
        LIMIT,
      ),
      run('drop schema q1_alias_view'),
    ],
  },
  {
    title:
      "another database's pg_catalog and information_schema are not read by three-part name",
    doc: USAGE,
    steps: [
      fails(
        'select count(*) from {other}.pg_catalog.pg_class',
        '0A000',
        'metadata of another database',
      ),
      fails(
        'select count(*) from {other}.information_schema.tables',
        '0A000',
        'metadata of another database',
      ),
    ],
  },
  {
    title:
      "EXPLAIN of a query reading another database names that database's relations, as the plan of a local one",
    doc: EXPLAIN,
    steps: [
      run('create table xdb_q2_local (c1 int, c9 int)'),
      run(
        "CREATE EXTERNAL SCHEMA xdb_q2_alias FROM REDSHIFT DATABASE '{other}' SCHEMA 'public'",
      ),
      rows('explain select * from {other}.public.table1', [
        plan('XN Seq Scan on table1  (cost=100.00..610.50 rows=2275 width=12)'),
      ]),
      rows('explain select * from xdb_q2_alias.table1', [
        plan('XN Seq Scan on table1  (cost=100.00..610.50 rows=2275 width=12)'),
      ]),
      rows(
        'explain select t.c2, l.c9 from {other}.public.table1 t join xdb_q2_local l on t.c1 = l.c1',
        [
          plan(
            'XN Hash Join DS_DIST_ALL_NONE  (cost=160.85..1752.93 rows=28928 width=8)',
          ),
          plan('  Hash Cond: ("outer".c1 = "inner".c1)'),
          plan(
            '  ->  XN Seq Scan on table1 t  (cost=100.00..673.20 rows=2560 width=8)',
          ),
          plan('  ->  XN Hash  (cost=32.60..32.60 rows=2260 width=8)'),
          plan(
            '        ->  XN Seq Scan on xdb_q2_local l  (cost=0.00..32.60 rows=2260 width=8)',
          ),
          // The other database's statistics are not its foreign table's.
          plan('----- Tables missing statistics: xdb_q2_local -----'),
          plan(
            '----- Update statistics by running the ANALYZE command on these tables -----',
          ),
        ],
      ),
      // A local table of the same name: both scans show that name.
      run('create table xdb_q2_shared (c1 int, c5 int)'),
      rows(
        'explain select * from {other}.public.xdb_q2_shared join xdb_q2_shared on {other}.public.xdb_q2_shared.c1 = xdb_q2_shared.c1',
        [
          plan(
            'XN Hash Join DS_DIST_ALL_NONE  (cost=160.85..1752.93 rows=28928 width=16)',
          ),
          plan('  Hash Cond: ("outer".c1 = "inner".c1)'),
          plan(
            '  ->  XN Seq Scan on xdb_q2_shared  (cost=100.00..673.20 rows=2560 width=8)',
          ),
          plan('  ->  XN Hash  (cost=32.60..32.60 rows=2260 width=8)'),
          plan(
            '        ->  XN Seq Scan on xdb_q2_shared  (cost=0.00..32.60 rows=2260 width=8)',
          ),
          plan('----- Tables missing statistics: xdb_q2_shared -----'),
          plan(
            '----- Update statistics by running the ANALYZE command on these tables -----',
          ),
        ],
      ),
      run('drop table xdb_q2_shared'),
      run('drop schema xdb_q2_alias'),
      run('drop table xdb_q2_local'),
    ],
  },
  {
    title:
      'EXPLAIN VERBOSE of it, and EXPLAIN of a condition, sort or aggregate run in the other database, are emulator limits',
    doc: EXPLAIN,
    steps: [
      fails(
        'explain verbose select * from {other}.public.table1',
        '0A000',
        `VERBOSE of a query that reads another database is not supported by the local emulator (${LIMIT})`,
      ),
      fails(
        'explain select * from {other}.public.table1 where c1 > 1',
        '0A000',
        PUSHED,
      ),
      fails(
        'explain select * from {other}.public.table1 order by c1',
        '0A000',
        PUSHED,
      ),
      fails(
        'explain select count(*) from {other}.public.table1',
        '0A000',
        PUSHED,
      ),
      fails(
        'explain insert into {other}.public.table1 values (1, 2, 3)',
        '0A000',
        READ_ONLY,
      ),
    ],
  },
  {
    title:
      'a view over them, or a WITH query of their name, is an emulator limit',
    doc: OVERVIEW,
    steps: [
      fails(
        'create view xdb_v as select * from svv_redshift_tables',
        '0A000',
        LIMIT,
      ),
      fails(
        'with svv_redshift_tables as (select 1 as a) select a from svv_redshift_tables',
        '0A000',
        LIMIT,
      ),
    ],
  },
]

/** A row of EXPLAIN's output. */
function plan(line: string): Row {
  return { 'QUERY PLAN': line }
}

/** Back to the session's own user. */
function reset(): Step {
  return run('reset session authorization')
}

function table(name: string, type: string): Row {
  return {
    database_name: '{other}',
    schema_name: 'public',
    table_name: name,
    table_type: type,
  }
}

function schema(database: string, name: string): Row {
  return { database_name: database, schema_name: name, schema_type: 'local' }
}

/** `{other}` replaced in a step's text and expected values. */
function withOther(testCase: Case, other: string): Case {
  const replace = (value: unknown) =>
    typeof value === 'string' ? value.replaceAll('{other}', other) : value
  const step = (s: Step): Step => ({
    ...s,
    sql: s.sql.replaceAll('{other}', other),
    ...(s.rows === undefined
      ? {}
      : {
          rows: s.rows.map((row) =>
            Object.fromEntries(
              Object.entries(row).map(([k, v]) => [k, replace(v)]),
            ),
          ),
        }),
  })
  return { ...testCase, steps: testCase.steps.map(step) }
}

describe('local emulator: querying data across databases', () => {
  let connected: EmulatorDatabase
  let other: TestDatabase

  beforeAll(async () => {
    connected = await openEmulatorDatabase('local_fidelity_xdb')
    other = await createTestDatabase('local_fidelity_xdb_other')
    const client = await connect(emulatorUrl(other.name))
    try {
      for (const statement of OTHER_SETUP) await client.query(statement)
    } finally {
      await client.end()
    }
  })
  afterAll(async () => {
    await other?.drop()
    // Their privileges went with the other database.
    const client = await connect(connected.url)
    try {
      await client.query('drop user if exists xdb3_reader')
      await client.query('drop user if exists xdb3_outsider')
    } finally {
      await client.end()
    }
    await connected?.close()
  })

  it.each(CASES.map((c) => [c.title, c] as const))(
    '%s',
    async (_title, testCase) => {
      const client: pg.Client = await connect(connected.url)
      try {
        await runSteps(
          client,
          withOther(testCase, other.name),
          connected.db.name,
        )
      } finally {
        await client.end()
      }
    },
  )

  it("a block reads another database as it was at the block's first statement", async () => {
    const client = await connect(connected.url)
    const writer = await connect(emulatorUrl(other.name))
    const count = async () =>
      (
        await client.query(
          `select count(*)::int as n from ${other.name}.public.table1`,
        )
      ).rows[0].n
    try {
      await client.query('begin')
      expect(await count()).toBe(3)
      await writer.query('insert into table1 values (10, 11, 12)')
      expect(await count()).toBe(3)
      await client.query('commit')
      expect(await count()).toBe(4)
    } finally {
      await writer.query('delete from table1 where c1 = 10').catch(() => {})
      await writer.end()
      await client.end()
    }
  })

  it('the extended protocol explains a query reading another database (r_EXPLAIN.html)', async () => {
    const client = await connect(connected.url)
    try {
      const text = `explain select * from ${other.name}.public.table1 t`
      for (let i = 0; i < 2; i++) {
        // Named: parsed once, bound twice.
        const result = await client.query({ name: 'xdb_q2_explain', text })
        expect(result.rows).toEqual([
          plan(
            'XN Seq Scan on table1 t  (cost=100.00..610.50 rows=2275 width=12)',
          ),
        ])
      }
    } finally {
      await client.end()
    }
  })

  it("the extended protocol reads another database's table, fields described as a table's", async () => {
    const client = await connect(connected.url)
    try {
      await client.query(
        'create table xdb3_local_typed (id int, name varchar(20), price decimal(8,2), at timestamp)',
      )
      const remote = await client.query(
        `select id, name, price, at from ${other.name}.public.xdb3_typed where id = $1`,
        [1],
      )
      expect(remote.rows).toEqual([
        {
          id: 1,
          name: 'pen',
          price: '1.50',
          at: new Date('2024-01-02T03:04:05'),
        },
      ])
      const local = await client.query(
        'select id, name, price, at from xdb3_local_typed where id = $1',
        [1],
      )
      const shape = (fields: readonly pg.FieldDef[]) =>
        fields.map((f) => [
          f.name,
          f.dataTypeID,
          f.dataTypeSize,
          f.dataTypeModifier,
          f.format,
          f.tableID !== 0,
        ])
      expect(shape(remote.fields)).toEqual(shape(local.fields))
    } finally {
      await client.query('drop table if exists xdb3_local_typed')
      await client.end()
    }
  })

  it('a table created in another database is listed at the next query', async () => {
    const client = await connect(connected.url)
    const writer = await connect(emulatorUrl(other.name))
    try {
      const listed = async () =>
        (
          await client.query(
            "select count(*)::int as n from svv_redshift_tables where database_name = $1 and table_name = 'xdb_later'",
            [other.name],
          )
        ).rows[0].n
      expect(await listed()).toBe(0)
      await writer.query('create table xdb_later (a int)')
      // Bound again: the extended protocol reads the other databases at each Bind.
      expect(await listed()).toBe(1)
    } finally {
      await writer.end()
      await client.end()
    }
  })
})
