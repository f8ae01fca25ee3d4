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
// the cases run on. Reading another database's tables by three-part name
// stays an emulator limit (see the README).

const page = (name: string) => `${DG}${name}`
const EXAMPLE = page('cross-database_example.html')
const OVERVIEW = page('cross-database-overview.html')
const LIMIT = 'an emulator limit'

/** As user1 on db1, the page's objects, and a function a regular user may not run. */
const OTHER_SETUP = [
  'CREATE TABLE table1 (c1 int, c2 int, c3 int)',
  'INSERT INTO table1 VALUES (1,2,3),(4,5,6),(7,8,9)',
  'CREATE VIEW regular_view AS SELECT c1 FROM table1',
  'CREATE VIEW late_bind_view AS SELECT c3 FROM public.table1 WITH NO SCHEMA BINDING',
  "create function xdb_open(int) returns int immutable as 'select $1' language sql",
  "create function xdb_closed(int) returns int immutable as 'select $1' language sql",
  'revoke execute on function xdb_closed(int) from public',
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
        ],
      ),
      rows(
        "select database_name, schema_name, table_name, table_type from svv_all_tables where database_name in ('{other}') and schema_name in ('public') order by table_name",
        [
          table('late_bind_view', 'VIEW'),
          table('regular_view', 'VIEW'),
          table('table1', 'TABLE'),
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
    await connected?.close()
    await other?.drop()
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
