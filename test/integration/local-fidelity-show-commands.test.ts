import { expect } from 'vitest'
import {
  describeFidelityCases,
  fails,
  rows,
  run,
  type FidelityCase as Case,
} from './fidelity-steps.js'
import { DG } from './function-answers.js'

// The SHOW commands of the SQL reference, page by page: the lists (SHOW
// SCHEMAS / TABLES / COLUMNS / DATABASES) with their documented columns and
// what a user who is not a superuser sees, SHOW COLUMN GRANTS, and SHOW
// EXTERNAL TABLE's DDL text. SHOW TABLE / VIEW / PROCEDURE / FUNCTIONS and the emulator limits
// among the SHOW commands are in local-fidelity-mv-show-audit.test.ts.

const SHOW_SCHEMAS = `${DG}r_SHOW_SCHEMAS.html`
const SHOW_TABLES = `${DG}r_SHOW_TABLES.html`
const SHOW_COLUMNS = `${DG}r_SHOW_COLUMNS.html`
const SHOW_TABLE = `${DG}r_SHOW_TABLE.html`
const SHOW_DATABASES = `${DG}r_SHOW_DATABASES.html`
const SHOW_EXTERNAL_TABLE = `${DG}r_SHOW_EXTERNAL_TABLE.html`
const SHOW_PROCEDURES = `${DG}r_SHOW_PROCEDURES.html`
const SHOW_COLUMN_GRANTS = `${DG}r_SHOW_COLUMN_GRANTS.html`
const ROLE = 'arn:aws:iam::123456789012:role/mySpectrumRole'
const DDL = 'Show External Table DDL statement'

const schema = (name: string, owner: number, acl: string | null) => ({
  database_name: '{db}',
  schema_name: name,
  schema_owner: owner,
  schema_type: 'local',
  schema_acl: acl,
  source_database: null,
  schema_option: null,
})

const table = (schemaName: string, name: string, acl: string | null) => ({
  database_name: '{db}',
  schema_name: schemaName,
  table_name: name,
  table_type: 'TABLE',
  table_acl: acl === null ? null : `{${acl}}`,
  remarks: null,
})

const columnGrant = (
  column: string,
  privilege: string,
  name: string,
  type: string,
) => ({
  database_name: '{db}',
  schema_name: 'demo_schema',
  table_name: 't100',
  column_name: column,
  object_type: 'COLUMN',
  privilege_type: privilege,
  identity_id: type === 'public' ? 0 : expect.any(Number),
  identity_name: name,
  identity_type: type,
  admin_option: false,
  privilege_scope: 'COLUMN',
  grantor_name: 'awsuser',
})

/** The page's example table, as SHOW EXTERNAL TABLE prints it. */
const PARQUET_TABLE = [
  'CREATE EXTERNAL TABLE sh_spectrum.alldatatypes_parquet_test_partitioned (',
  '    csmallint smallint,',
  '    cint int,',
  '    cbigint bigint,',
  '    cfloat float4,',
  '    cdouble float8,',
  '    cchar char(10),',
  '    cvarchar varchar(255),',
  '    cdecimal_small decimal(18,9),',
  '    cdecimal_big decimal(30,15),',
  '    ctimestamp timestamp,',
  '    cboolean boolean,',
  '    cstring varchar(16383)',
  ')',
  'PARTITIONED BY (cdate date)',
  "ROW FORMAT SERDE 'org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe'",
  "STORED AS INPUTFORMAT 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat'",
  "OUTPUTFORMAT 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat'",
  "LOCATION 's3://mybucket-test-copy/alldatatypes_parquet_partitioned';",
].join('\n')

const partition = (day: string) =>
  `ALTER TABLE sh_spectrum.alldatatypes_parquet_test_partitioned ADD IF NOT EXISTS PARTITION (cdate='${day}') LOCATION 's3://mybucket-test-copy/alldatatypes_parquet_partitioned2/cdate=${day}';`

const CASES: readonly Case[] = [
  {
    title:
      'SHOW SCHEMAS: no emulator schema, no pg_database_owner, ACL items joined by ~, LIKE and LIMIT',
    doc: SHOW_SCHEMAS,
    steps: [
      run('create user sh_grantee password disable'),
      run('create schema sh_acl'),
      run('grant usage on schema sh_acl to public'),
      run('grant create on schema sh_acl to sh_grantee'),
      run('create schema sh_bare'),
      rows('show schemas from database {db}', [
        schema('information_schema', 10, 'rdsdb=UC/rdsdb~=U/rdsdb'),
        schema('pg_catalog', 10, 'rdsdb=UC/rdsdb~=U/rdsdb'),
        // PostgreSQL's public belongs to pg_database_owner: the database's owner here.
        schema('public', 10, 'rdsdb=UC/rdsdb~=UC/rdsdb'),
        schema(
          'sh_acl',
          16385,
          'awsuser=UC/awsuser~=U/awsuser~sh_grantee=C/awsuser',
        ),
        schema('sh_bare', 16385, null),
      ]),
      rows("show schemas from database {db} like 'sh%' limit 1", [
        schema(
          'sh_acl',
          16385,
          'awsuser=UC/awsuser~=U/awsuser~sh_grantee=C/awsuser',
        ),
      ]),
      rows("show schemas from database {db} like 'SH%'", []),
      rows(
        "select count(*)::int as n from svv_all_schemas where schema_acl like '%pg_database_owner%' or schema_owner = 6171",
        [{ n: 0 }],
      ),
    ],
  },
  {
    title:
      'SHOW SCHEMAS lists the external schemas with their database and options',
    doc: SHOW_SCHEMAS,
    steps: [
      run(
        `create external schema sh_ext from data catalog database 'sh_extdb' iam_role '${ROLE}' create external database if not exists`,
      ),
      rows("show schemas from database {db} like 'sh_ext'", [
        {
          database_name: '{db}',
          schema_name: 'sh_ext',
          schema_owner: 16385,
          schema_type: 'external',
          schema_acl: null,
          source_database: 'sh_extdb',
          schema_option: `{"IAM_ROLE":"${ROLE}","CREATE_EXTERNAL_DATABASE":"TRUE"}`,
        },
      ]),
    ],
  },
  {
    title:
      'SHOW SCHEMAS and TABLES for a user who is not a superuser: what USAGE and SELECT give',
    doc: SHOW_TABLES,
    steps: [
      run("create user sh_reader password 'Abcd1234'"),
      run('create schema sh_used'),
      run('create schema sh_unused'),
      run('grant usage on schema sh_used to sh_reader'),
      run('create table sh_used.t_none (a int)'),
      run('create table sh_used.t_all (a int, b int)'),
      run('create table sh_used.t_col (a int, b int)'),
      run('create table sh_unused.t_all (a int)'),
      run('grant select on sh_used.t_all to sh_reader'),
      run('grant select on sh_unused.t_all to sh_reader'),
      run('grant select (b) on sh_used.t_col to sh_reader'),
      run('set session authorization sh_reader'),
      rows("show schemas from database {db} like 'sh_u%'", [
        schema('sh_used', 16385, 'awsuser=UC/awsuser~sh_reader=U/awsuser'),
      ]),
      rows('show tables from schema {db}.sh_used', [
        table(
          'sh_used',
          't_all',
          'awsuser=arwdxtP/awsuser,sh_reader=r/awsuser',
        ),
        table('sh_used', 't_col', null),
      ]),
      // No USAGE on the schema: its tables do not show, SELECT or not.
      rows('show tables from schema {db}.sh_unused', []),
      run('reset session authorization'),
      rows('select current_user as u', [{ u: 'awsuser' }]),
    ],
  },
  {
    title:
      'SHOW COLUMNS for a user who is not a superuser: the columns SELECT on them or on the table gives',
    doc: SHOW_COLUMNS,
    steps: [
      run("create user sh_col_reader password 'Abcd1234'"),
      run('create schema sh_cols'),
      run('grant usage on schema sh_cols to sh_col_reader'),
      run('create table sh_cols.t_none (a int)'),
      run('create table sh_cols.t_col (a int, b int)'),
      run('grant select (b) on sh_cols.t_col to sh_col_reader'),
      run('set session authorization sh_col_reader'),
      rows('show columns from table {db}.sh_cols.t_col', [
        {
          database_name: '{db}',
          schema_name: 'sh_cols',
          table_name: 't_col',
          column_name: 'b',
          ordinal_position: 2,
          column_default: null,
          is_nullable: 'YES',
          data_type: 'integer',
          character_maximum_length: null,
          numeric_precision: 32,
          numeric_scale: 0,
          remarks: null,
        },
      ]),
      rows('show columns from table {db}.sh_cols.t_none', []),
      run('reset session authorization'),
    ],
  },
  {
    title:
      'SHOW TABLE for a user who is not a superuser: refused without a privilege, no internal frame',
    doc: SHOW_TABLE,
    steps: [
      run("create user sh_viewer password 'Abcd1234'"),
      run('create table sh_private (a int)'),
      run('create table sh_shared (a int)'),
      run('grant select on sh_shared to sh_viewer'),
      run('set session authorization sh_viewer'),
      fails(
        'show table sh_private',
        '42501',
        'permission denied for relation sh_private',
      ),
      rows('show table sh_shared', [
        {
          'Show Table DDL statement':
            'CREATE TABLE public.sh_shared (\n    a integer ENCODE az64\n)\nDISTSTYLE AUTO;',
        },
      ]),
      run('reset session authorization'),
    ],
  },
  {
    title:
      'SHOW COLUMN GRANTS: the page example, FOR a user, a role, PUBLIC, and LIMIT',
    doc: SHOW_COLUMN_GRANTS,
    steps: [
      run('create user sh_alice password disable'),
      run("create user sh_bob password 'Abcd1234'"),
      run('create role sh_r1'),
      run('create schema demo_schema'),
      run('grant usage on schema demo_schema to sh_bob'),
      run('create table demo_schema.t100 (a int, b int)'),
      run('grant select (a) on demo_schema.t100 to sh_alice'),
      run('grant update (b) on demo_schema.t100 to sh_bob'),
      run('grant select (a, b) on demo_schema.t100 to role sh_r1'),
      run('grant select (b) on demo_schema.t100 to public'),
      // Table privileges are not column grants (SELECT, held on a column, cannot
      // be granted on the table too: r_GRANT.html's usage notes).
      run('grant insert on demo_schema.t100 to sh_alice'),
      rows('show column grants on table {db}.demo_schema.t100', [
        columnGrant('a', 'SELECT', 'sh_alice', 'user'),
        columnGrant('a', 'SELECT', 'sh_r1', 'role'),
        columnGrant('b', 'SELECT', 'public', 'public'),
        columnGrant('b', 'SELECT', 'sh_r1', 'role'),
        columnGrant('b', 'UPDATE', 'sh_bob', 'user'),
      ]),
      rows('show column grants on table demo_schema.t100 for sh_bob', [
        columnGrant('b', 'UPDATE', 'sh_bob', 'user'),
      ]),
      rows(
        'show column grants on table demo_schema.t100 for role sh_r1 limit 1',
        [columnGrant('a', 'SELECT', 'sh_r1', 'role')],
      ),
      rows('show column grants on table demo_schema.t100 for public', [
        columnGrant('b', 'SELECT', 'public', 'public'),
      ]),
      // A user who is not a superuser sees its own grants and PUBLIC's.
      run('set session authorization sh_bob'),
      rows('show column grants on table demo_schema.t100', [
        columnGrant('b', 'SELECT', 'public', 'public'),
        columnGrant('b', 'UPDATE', 'sh_bob', 'user'),
      ]),
      run('reset session authorization'),
      fails(
        'show column grants on table demo_schema.no_such_table',
        '42P01',
        'relation "demo_schema.no_such_table" does not exist',
      ),
      fails('show column grants on table t100', '42601', 'syntax error'),
    ],
  },
  {
    title:
      'SHOW PROCEDURES: input types in argument_list, output types in return_type, LIKE and LIMIT',
    doc: SHOW_PROCEDURES,
    steps: [
      run('create schema demo_sp'),
      run(
        'create procedure demo_sp.f1 (a varchar, inout b numeric, out c timestamp, out d boolean) as $$ begin null; end; $$ language plpgsql',
      ),
      run(
        'create procedure demo_sp.p0 () as $$ begin null; end; $$ language plpgsql',
      ),
      rows('show procedures from schema {db}.demo_sp', [
        {
          database_name: '{db}',
          schema_name: 'demo_sp',
          procedure_name: 'f1',
          number_of_arguments: 2,
          argument_list: 'character varying, numeric',
          return_type: 'numeric, timestamp without time zone, boolean',
          remarks: null,
        },
        {
          database_name: '{db}',
          schema_name: 'demo_sp',
          procedure_name: 'p0',
          number_of_arguments: 0,
          argument_list: '',
          return_type: '',
          remarks: null,
        },
      ]),
      rows("show procedures from schema demo_sp like 'f%' limit 1", [
        {
          database_name: '{db}',
          schema_name: 'demo_sp',
          procedure_name: 'f1',
          number_of_arguments: 2,
          argument_list: 'character varying, numeric',
          return_type: 'numeric, timestamp without time zone, boolean',
          remarks: null,
        },
      ]),
      rows('show procedures from schema demo_sp limit 0', []),
    ],
  },
  {
    title: 'SHOW DATABASES: the warehouse databases, LIKE and LIMIT',
    doc: SHOW_DATABASES,
    steps: [
      rows("show databases like '{db}'", [
        {
          database_name: '{db}',
          database_owner: 10,
          database_type: 'local',
          database_acl: null,
          database_options: null,
          database_isolation_level: 'Serializable',
        },
      ]),
      rows("show databases like 'de_'", [
        {
          database_name: 'dev',
          database_owner: 10,
          database_type: 'local',
          database_acl: null,
          database_options: null,
          database_isolation_level: 'Serializable',
        },
      ]),
      rows('show databases limit 0', []),
      fails(
        "show databases from data catalog account '123456789012'",
        '0A000',
        'SHOW DATABASES FROM DATA CATALOG in the local emulator is not supported',
      ),
    ],
  },
  {
    title: 'SHOW EXTERNAL TABLE: the page example, and with PARTITION',
    doc: SHOW_EXTERNAL_TABLE,
    steps: [
      run(
        `create external schema sh_spectrum from data catalog database 'sh_spectrumdb' iam_role '${ROLE}' create external database if not exists`,
      ),
      run(
        "CREATE EXTERNAL TABLE sh_spectrum.alldatatypes_parquet_test_partitioned ( csmallint smallint, cint int, cbigint bigint, cfloat float4, cdouble float8, cchar char(10), cvarchar varchar(255), cdecimal_small decimal(18,9), cdecimal_big decimal(30,15), ctimestamp TIMESTAMP, cboolean boolean, cstring varchar(16383) ) PARTITIONED BY (cdate date) STORED AS PARQUET LOCATION 's3://mybucket-test-copy/alldatatypes_parquet_partitioned'",
      ),
      rows(
        'show external table sh_spectrum.alldatatypes_parquet_test_partitioned',
        [{ [DDL]: PARQUET_TABLE }],
      ),
      ...['2021-01-02', '2021-01-01'].map((day) =>
        run(
          `alter table sh_spectrum.alldatatypes_parquet_test_partitioned add partition (cdate='${day}') location 's3://mybucket-test-copy/alldatatypes_parquet_partitioned2/cdate=${day}'`,
        ),
      ),
      rows(
        'show external table sh_spectrum.alldatatypes_parquet_test_partitioned partition',
        [
          {
            [DDL]: [
              PARQUET_TABLE,
              partition('2021-01-01'),
              partition('2021-01-02'),
            ].join('\n'),
          },
        ],
      ),
    ],
  },
  {
    title:
      'SHOW EXTERNAL TABLE keeps SerDe and table properties, so the text recreates the table',
    doc: SHOW_EXTERNAL_TABLE,
    steps: [
      run(
        `create external schema sh_text from data catalog database 'sh_textdb' iam_role '${ROLE}' create external database if not exists`,
      ),
      run(
        "create external table sh_text.t (a int, b varchar) partitioned by (d date, h int) row format delimited fields terminated by '|' stored as textfile location 's3://mybucket/t/' table properties ('skip.header.line.count'='1')",
      ),
      run(
        "alter table sh_text.t add partition (d='2021-01-01', h=3) location 's3://mybucket/t/d=2021-01-01/h=3/'",
      ),
      rows('show external table sh_text.t partition', [
        {
          [DDL]: [
            'CREATE EXTERNAL TABLE sh_text.t (',
            '    a int,',
            '    b varchar(256)',
            ')',
            'PARTITIONED BY (d date, h int)',
            "ROW FORMAT SERDE 'org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe'",
            "WITH SERDEPROPERTIES ('field.delim'='|', 'serialization.format'='|')",
            "STORED AS INPUTFORMAT 'org.apache.hadoop.mapred.TextInputFormat'",
            "OUTPUTFORMAT 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat'",
            "LOCATION 's3://mybucket/t/'",
            "TABLE PROPERTIES ('skip.header.line.count'='1');",
            "ALTER TABLE sh_text.t ADD IF NOT EXISTS PARTITION (d='2021-01-01', h='3') LOCATION 's3://mybucket/t/d=2021-01-01/h=3/';",
          ].join('\n'),
        },
      ]),
    ],
  },
  {
    title:
      'SHOW EXTERNAL TABLE of a missing table, a local table, a name without its schema',
    doc: SHOW_EXTERNAL_TABLE,
    steps: [
      run(
        `create external schema sh_err from data catalog database 'sh_errdb' iam_role '${ROLE}' create external database if not exists`,
      ),
      fails(
        'show external table sh_err.no_such_table',
        '42P01',
        'relation "sh_err.no_such_table" does not exist',
      ),
      run('create table sh_local (a int)'),
      fails(
        'show external table public.sh_local',
        '42809',
        '"sh_local" is not an external table',
      ),
      fails('show external table sh_local', '42601', 'syntax error'),
    ],
  },
]

describeFidelityCases(
  'local emulator: SHOW commands',
  'local_fidelity_show_commands',
  CASES,
)
