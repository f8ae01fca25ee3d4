import { expect, it } from 'vitest'

import {
  describeFidelityCases,
  fails,
  rows,
  run,
  type FidelityCase as Case,
} from './fidelity-steps.js'
import { DG } from './function-answers.js'
import { connect, psqlAvailable, runPsql } from './local-test-helpers.js'

// What a client introspecting the catalog sees: Redshift's catalog tables
// are PostgreSQL 8.0's (c_intro_catalog_views.html), with no schema, table,
// function, type or trigger of the emulator's own and no role PostgreSQL
// added later. Users are the cluster's, so their names carry this file's
// prefix.

const page = (name: string) => `${DG}${name}`
const CATALOG = page('c_intro_catalog_views.html')
const CATALOG_EXAMPLES = page('c_join_PG_examples.html')
const UNSUPPORTED = page('c_unsupported-postgresql-features.html')
const UDF_NAMING = page('udf-naming-udfs.html')
const PASSWORD = "password 'abcD1234'"
const USER = 'cl_plain'

/** The emulator's own schemas, which Redshift does not have. */
const INTERNAL = /redshift_local/

/** Runs `steps` as the plain user, then returns to the superuser. */
const asPlainUser = (steps: Case['steps']): Case['steps'] => [
  run(`set session authorization ${USER}`),
  ...steps,
  run('reset session authorization'),
]

/** Counts of the emulator's objects in the relation, function, type and column catalogs. */
const NO_INTERNAL_RELATIONS: Case['steps'] = [
  rows(
    `select count(*)::int as n from pg_class c join pg_namespace n on n.oid = c.relnamespace
     where n.nspname like 'redshift%'`,
    [{ n: 0 }],
  ),
  rows(
    "select count(*)::int as n from pg_tables where schemaname like 'redshift%'",
    [{ n: 0 }],
  ),
  rows(
    "select count(*)::int as n from pg_views where schemaname like 'redshift%'",
    [{ n: 0 }],
  ),
  // Every function, type and column belongs to a schema or relation the client sees.
  rows(
    `select count(*)::int as n from pg_proc p
     where p.pronamespace not in (select oid from pg_namespace)`,
    [{ n: 0 }],
  ),
  rows(
    `select count(*)::int as n from pg_type t
     where t.typnamespace not in (select oid from pg_namespace)`,
    [{ n: 0 }],
  ),
  rows(
    `select count(*)::int as n from pg_attribute a
     where a.attrelid not in (select oid from pg_class)`,
    [{ n: 0 }],
  ),
]

/** PostgreSQL's statistics, index and information_schema views: no row of the emulator's schemas. */
const NO_INTERNAL_ROWS: Case['steps'] = [
  ...[
    'pg_indexes',
    'pg_stat_all_tables',
    'pg_stat_user_tables',
    'pg_catalog.pg_statio_user_tables',
    'pg_stat_user_indexes',
    'pg_statio_all_indexes',
    'pg_stats',
    'pg_sequences',
    'pg_statio_user_sequences',
    'pg_stat_xact_user_tables',
  ].map((view) =>
    rows(
      `select count(*)::int as n from ${view} where schemaname like 'redshift%'`,
      [{ n: 0 }],
    ),
  ),
  ...(
    [
      ['pg_index', 'indrelid'],
      ['pg_attrdef', 'adrelid'],
      ['pg_rewrite', 'ev_class'],
    ] as const
  ).map(([table, column]) =>
    rows(
      `select count(*)::int as n from ${table} where ${column} not in (select oid from pg_class)`,
      [{ n: 0 }],
    ),
  ),
  ...(
    [
      ['table_constraints', 'constraint_schema', 'table_schema'],
      ['check_constraints', 'constraint_schema'],
      ['key_column_usage', 'constraint_schema', 'table_schema'],
      ['constraint_column_usage', 'constraint_schema', 'table_schema'],
      ['referential_constraints', 'constraint_schema'],
      ['column_privileges', 'table_schema'],
      ['table_privileges', 'table_schema'],
      ['role_table_grants', 'table_schema'],
      ['routine_privileges', 'routine_schema', 'specific_schema'],
      ['view_table_usage', 'view_schema', 'table_schema'],
      ['view_column_usage', 'view_schema', 'table_schema'],
      ['column_udt_usage', 'table_schema'],
      ['sequences', 'sequence_schema'],
      ['element_types', 'object_schema'],
      ['udt_privileges', 'udt_schema'],
    ] as const
  ).map(([view, ...columns]) =>
    rows(
      `select count(*)::int as n from information_schema.${view}
       where ${columns.map((c) => `${c} like 'redshift%'`).join(' or ')}`,
      [{ n: 0 }],
    ),
  ),
]

const CASES: readonly Case[] = [
  {
    title:
      'the columns-per-table example lists the user tables only, none of the emulator',
    doc: CATALOG_EXAMPLES,
    steps: [
      run(
        'create table category (catid smallint, catgroup varchar(10), catname varchar(10), catdesc varchar(50))',
      ),
      run(
        'create table venue (venueid smallint, venuename varchar(100), venuecity varchar(30), venuestate char(2), venueseats integer)',
      ),
      rows(
        `select nspname, relname, max(attnum) as num_cols
         from pg_attribute a, pg_namespace n, pg_class c
         where n.oid = c.relnamespace and  a.attrelid = c.oid
         and c.relname not like '%pkey'
         and n.nspname not like 'pg%'
         and n.nspname not like 'information%'
         group by 1, 2
         order by 1, 2`,
        [
          { nspname: 'public', relname: 'category', num_cols: 4 },
          { nspname: 'public', relname: 'venue', num_cols: 5 },
        ],
      ),
      run('drop table category'),
      run('drop table venue'),
    ],
  },
  {
    title:
      'PG_NAMESPACE and information_schema.schemata have no emulator schema',
    doc: CATALOG,
    steps: [
      rows(
        `select nspname from pg_catalog.pg_namespace
         where nspname !~ '^pg_(toast|temp)' order by 1`,
        [
          { nspname: 'information_schema' },
          { nspname: 'pg_catalog' },
          { nspname: 'public' },
        ],
      ),
      rows(
        `select schema_name::text as s from information_schema.schemata
         where schema_name !~ '^pg_(toast|temp)' order by 1`,
        [{ s: 'information_schema' }, { s: 'pg_catalog' }, { s: 'public' }],
      ),
    ],
  },
  {
    title:
      'PG_CLASS, PG_TABLES, PG_VIEWS, PG_PROC and PG_TYPE show nothing of the emulator, as a plain user too',
    doc: CATALOG,
    steps: [...NO_INTERNAL_RELATIONS, ...asPlainUser(NO_INTERNAL_RELATIONS)],
  },
  {
    title:
      'the statistics, index and information_schema views have no row of the emulator’s schemas, as a plain user too',
    doc: CATALOG,
    steps: [
      run('create table cl_keyed (a int primary key, b int default 3)'),
      run('insert into cl_keyed values (1, 2)'),
      rows(
        "select relname from pg_stat_user_tables where relname = 'cl_keyed'",
        [{ relname: 'cl_keyed' }],
      ),
      rows(
        "select constraint_type from information_schema.table_constraints where table_name = 'cl_keyed' and constraint_type = 'PRIMARY KEY'",
        [{ constraint_type: 'PRIMARY KEY' }],
      ),
      ...NO_INTERNAL_ROWS,
      ...asPlainUser(NO_INTERNAL_ROWS),
      run('drop table cl_keyed'),
    ],
  },
  {
    title:
      'the work tables a statement over SVV_REDSHIFT_TABLES fills are in no listing; a temporary table of the user is',
    doc: CATALOG,
    steps: [
      run('create temp table cl_own_temp (a int)'),
      run('select count(*) from svv_redshift_tables'),
      rows(
        `select relname::text as r from pg_catalog.pg_class c
         join pg_catalog.pg_namespace n on n.oid = c.relnamespace
         where n.nspname ~ '^pg_temp_' and c.relkind = 'r' order by 1`,
        [{ r: 'cl_own_temp' }],
      ),
      rows(
        "select tablename::text as t from pg_tables where schemaname ~ '^pg_temp_' order by 1",
        [{ t: 'cl_own_temp' }],
      ),
      rows(
        "select table_name::text as t from information_schema.tables where table_schema::text ~ '^pg_temp_' order by 1",
        [{ t: 'cl_own_temp' }],
      ),
    ],
  },
  {
    title:
      'information_schema tables, views, columns, routines and parameters name no emulator schema',
    doc: CATALOG,
    steps: asPlainUser([
      rows(
        `select (select count(*) from information_schema.tables where table_schema like 'redshift%')
           + (select count(*) from information_schema.views where table_schema like 'redshift%')
           + (select count(*) from information_schema.columns where table_schema like 'redshift%')
           + (select count(*) from information_schema.routines where specific_schema like 'redshift%')
           + (select count(*) from information_schema.parameters where specific_schema like 'redshift%')
           as n`,
        [{ n: '0' }],
      ),
    ]),
  },
  {
    title: 'the system views SVV_* and PG_TABLE_DEF name no emulator schema',
    doc: page('r_SVV_ALL_SCHEMAS.html'),
    steps: asPlainUser([
      rows(
        `select (select count(*) from svv_all_schemas where schema_name like 'redshift%')
           + (select count(*) from svv_redshift_schemas where schema_name like 'redshift%')
           + (select count(*) from svv_all_tables where schema_name like 'redshift%')
           + (select count(*) from svv_redshift_tables where schema_name like 'redshift%')
           + (select count(*) from svv_all_columns where schema_name like 'redshift%')
           + (select count(*) from svv_redshift_columns where schema_name like 'redshift%')
           + (select count(*) from svv_redshift_functions where schema_name like 'redshift%')
           + (select count(*) from svv_tables where table_schema like 'redshift%')
           + (select count(*) from svv_columns where table_schema like 'redshift%')
           + (select count(*) from pg_table_def where schemaname like 'redshift%')
           as n`,
        [{ n: '0' }],
      ),
    ]),
  },
  {
    title:
      "PG_ROLES has no PostgreSQL pg_* role, and PUBLIC's owner is no pg_database_owner",
    doc: CATALOG,
    steps: asPlainUser([
      rows("select count(*)::int as n from pg_roles where rolname like 'pg%'", [
        { n: 0 },
      ]),
      rows(
        "select pg_get_userbyid(nspowner)::text <> 'pg_database_owner' as ok from pg_namespace where nspname = 'public'",
        [{ ok: true }],
      ),
    ]),
  },
  {
    title:
      "PG_PROC has PostgreSQL 8.0's proisagg and proiswindow, as psql's \\df reads them",
    doc: CATALOG,
    steps: [
      run(
        'create function f_cl_one (int) returns int immutable as $$ select 1 $$ language sql',
      ),
      rows(
        "select distinct proname::text as p, proisagg, proiswindow from pg_proc where proname in ('f_cl_one', 'median') order by 1",
        [
          { p: 'f_cl_one', proisagg: false, proiswindow: false },
          { p: 'median', proisagg: true, proiswindow: false },
        ],
      ),
      rows(
        `select r.routine_name::text as r, p.data_type::text as t
         from information_schema.routines r
         join information_schema.parameters p on p.specific_name = r.specific_name
         where r.routine_schema = 'public' and r.routine_name = 'f_cl_one'`,
        [{ r: 'f_cl_one', t: 'integer' }],
      ),
      run('drop function f_cl_one(int)'),
    ],
  },
  {
    title:
      'no triggers: a view shows none in PG_TRIGGER, and PG_EVENT_TRIGGER is empty',
    doc: UNSUPPORTED,
    steps: [
      run('create table cl_t (a int)'),
      run('create view cl_v as select a from cl_t'),
      rows(
        `select count(*)::int as n from pg_trigger t
         where t.tgrelid in (select c.oid from pg_class c where c.relname in ('cl_t', 'cl_v'))`,
        [{ n: 0 }],
      ),
      rows('select count(*)::int as n from pg_trigger', [{ n: 0 }]),
      rows(
        "select count(*)::int as n from information_schema.triggers where event_object_table = 'cl_v'",
        [{ n: 0 }],
      ),
      rows('select count(*)::int as n from pg_event_trigger', [{ n: 0 }]),
      run('drop view cl_v'),
      run('drop table cl_t'),
    ],
  },
  {
    title:
      'HAS_SCHEMA_PRIVILEGE, HAS_TABLE_PRIVILEGE and HAS_FUNCTION_PRIVILEGE do not know the emulator schemas',
    doc: page('r_HAS_SCHEMA_PRIVILEGE.html'),
    steps: asPlainUser([
      fails(
        "select has_schema_privilege('redshift_local', 'usage')",
        '3F000',
        'schema "redshift_local" does not exist',
      ),
      fails(
        `select has_schema_privilege('${USER}', 'redshift_local_types', 'usage')`,
        '3F000',
        'schema "redshift_local_types" does not exist',
      ),
      fails(
        "select has_table_privilege('redshift_local.settings', 'select')",
        '3F000',
        'schema "redshift_local" does not exist',
      ),
      fails(
        "select has_function_privilege('Redshift_Local.is_superuser()', 'execute')",
        '3F000',
        'schema "redshift_local" does not exist',
      ),
      fails(
        "select 'redshift_local.settings'::regclass",
        '3F000',
        'schema "redshift_local" does not exist',
      ),
      // A schema's name is read as written (not folded), as for any schema.
      fails(
        "select has_schema_privilege('REDSHIFT_LOCAL', 'usage')",
        '3F000',
        'schema "REDSHIFT_LOCAL" does not exist',
      ),
      rows("select has_schema_privilege('public', 'usage') as ok", [
        { ok: true },
      ]),
      rows("select 'redshift_local.settings' as s", [
        { s: 'redshift_local.settings' },
      ]),
    ]),
  },
  {
    title:
      "a UDF with a built-in's name and signature: the built-in runs unless pg_catalog comes last",
    doc: UDF_NAMING,
    steps: [
      run(
        "create function public.add_months (date, integer) returns date stable as $$ select '1999-01-01'::date $$ language sql",
      ),
      rows(
        "select add_months('2020-01-31'::date, 1)::date::text as builtin, public.add_months('2020-01-31'::date, 1)::text as udf",
        [{ builtin: '2020-02-29', udf: '1999-01-01' }],
      ),
      run('set search_path to public, pg_catalog'),
      rows("select add_months('2020-01-31'::date, 1)::date::text as d", [
        { d: '1999-01-01' },
      ]),
      run('reset search_path'),
      run('drop function public.add_months(date, integer)'),
    ],
  },
  {
    title:
      "a UDF with a built-in's name and other argument types than the emulator's is an emulator limit; f_ names are free",
    doc: UDF_NAMING,
    steps: [
      fails(
        "create function public.add_months (date, numeric) returns date stable as $$ select '1999-01-01'::date $$ language sql",
        '0A000',
        'an emulator limit',
      ),
      run(
        "create function f_add_months (date, numeric) returns date stable as $$ select '1999-01-01'::date $$ language sql",
      ),
      fails(
        'alter function f_add_months (date, numeric) rename to add_months',
        '0A000',
        'ADD_MONTHS',
      ),
      rows("select f_add_months('2020-01-31'::date, 1)::text as d", [
        { d: '1999-01-01' },
      ]),
      rows(
        "select count(*)::int as n from pg_proc where proname = 'add_months' and pronamespace <> 'pg_catalog'::regnamespace",
        [{ n: 0 }],
      ),
      run('drop function f_add_months(date, numeric)'),
    ],
  },
]

describeFidelityCases(
  'local emulator: no emulator internals in the catalog',
  'local_fidelity_catalog_leaks',
  [
    {
      title: 'the plain user exists',
      doc: page('r_CREATE_USER.html'),
      steps: [run(`create user ${USER} ${PASSWORD}`)],
    },
    ...CASES,
    {
      title: 'the plain user is dropped',
      doc: page('r_DROP_USER.html'),
      steps: [run(`drop user ${USER}`)],
    },
  ],
  (url) => {
    it('a plain user sees no internal name in PG_NAMESPACE, PG_CLASS, PG_PROC, PG_TYPE or PG_ROLES', async () => {
      const admin = await connect(url())
      const sweepUser = 'cl_sweep'
      try {
        await admin.query(`create user ${sweepUser} ${PASSWORD}`)
        await admin.query('create table cl_sweep_t (a int, b varchar(10))')
        const plainUrl = new URL(url())
        plainUrl.username = sweepUser
        plainUrl.password = 'abcD1234'
        const plain = await connect(plainUrl.toString())
        try {
          const { rows: names } = await plain.query<{
            kind: string
            schema: string
            name: string
          }>(
            `select 'schema' as kind, nspname::text as schema, nspname::text as name from pg_namespace
             union all select 'relation', n.nspname, c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
             union all select 'function', n.nspname, p.proname from pg_proc p join pg_namespace n on n.oid = p.pronamespace
             union all select 'type', n.nspname, t.typname from pg_type t join pg_namespace n on n.oid = t.typnamespace
             union all select 'role', '', rolname from pg_roles
             union all select 'user', '', usename from pg_user`,
          )
          // The sweep reads enough to mean something.
          expect(
            names.filter(
              (r) => r.kind === 'relation' && r.name === 'cl_sweep_t',
            ),
          ).toHaveLength(1)
          expect(names.length).toBeGreaterThan(1000)
          const internal = names.filter(
            (r) =>
              INTERNAL.test(r.schema) ||
              INTERNAL.test(r.name) ||
              (r.kind === 'role' && /^pg_/.test(r.name)),
          )
          // pg_catalog.redshift_local_version() is the one name kept on
          // purpose: how a client tells the emulator from Redshift.
          expect(
            internal.map((r) => `${r.kind} ${r.schema}.${r.name}`),
          ).toEqual(['function pg_catalog.redshift_local_version'])
        } finally {
          await plain.end()
        }
      } finally {
        await admin.query('drop table cl_sweep_t')
        await admin.query(`drop user ${sweepUser}`)
        await admin.end()
      }
    })

    it.skipIf(!psqlAvailable)(
      "psql's \\dn, \\dt and \\df list the user's objects only",
      async () => {
        const admin = await connect(url())
        try {
          await admin.query('create table cl_psql_t (a int)')
          await admin.query(
            'create function f_cl_psql (int) returns int immutable as $$ select 1 $$ language sql',
          )
          const out = await runPsql(url(), [
            '-A',
            '-t',
            '-c',
            '\\dn',
            '-c',
            '\\dt',
            '-c',
            '\\df',
          ])
          expect(out.stderr).toBe('')
          expect(out.code).toBe(0)
          expect(out.stdout).not.toMatch(INTERNAL)
          const lines = out.stdout.trim().split('\n')
          expect(lines, out.stdout).toHaveLength(3)
          expect(lines[0]).toMatch(/^public\|/)
          expect(lines[1]).toMatch(/^public\|cl_psql_t\|table\|/)
          expect(lines[2]).toMatch(
            /^public\|f_cl_psql\|integer\|integer\|func$/,
          )
        } finally {
          await admin.query('drop function f_cl_psql(int)')
          await admin.query('drop table cl_psql_t')
          await admin.end()
        }
      },
    )
  },
)
