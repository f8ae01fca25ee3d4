import { expect, it } from 'vitest'

import {
  describeFidelityCases,
  fails,
  rows,
  run,
  type FidelityCase as Case,
} from './fidelity-steps.js'
import { DG } from './function-answers.js'
import { connect } from './local-test-helpers.js'

// The Spectrum chapter and the external-object command pages, rule by rule,
// where local-fidelity-spectrum*.test.ts and local-spectrum-*.test.ts leave
// a rule out: the ALTER TABLE forms external tables take and refuse, and
// the limits the pages state as numbers.

const ALTER_TABLE = `${DG}r_ALTER_TABLE.html`
const ALTER_EXAMPLES = `${DG}r_ALTER_TABLE_external-table.html`
const EXTERNAL_TABLES = `${DG}c-spectrum-external-tables.html`
const SHOW_EXTERNAL = `${DG}r_SHOW_EXTERNAL_TABLE.html`
const EXTERNAL_SCHEMAS = `${DG}c-spectrum-external-schemas.html`
const SVV_EXTERNAL_TABLES = `${DG}r_SVV_EXTERNAL_TABLES.html`
const NESTED_LIMITS = `${DG}nested-data-restrictions.html`

const DDL = 'Show External Table DDL statement'
const ROLE = 'arn:aws:iam::123456789012:role/mySpectrumRole'

/** An external schema of the case's own over a new data catalog database. */
const schema = (name: string) =>
  run(
    `create external schema ${name} from data catalog database '${name}db' iam_role '${ROLE}' create external database if not exists`,
  )

const columns = (schemaName: string, table: string) =>
  `select columnname, external_type, columnnum, part_key from svv_external_columns
   where schemaname = '${schemaName}' and tablename = '${table}' order by columnnum`
const col = (
  columnname: string,
  external_type: string,
  columnnum: number,
  part_key = 0,
) => ({ columnname, external_type, columnnum, part_key })

const inputFormat = (schemaName: string, table: string) =>
  `select input_format from svv_external_tables where schemaname = '${schemaName}' and tablename = '${table}'`

/** `n` partitions of `t (p int)`, p = 1 .. n, in one ADD. */
const addPartitions = (table: string, n: number) =>
  `alter table ${table} add ${Array.from(
    { length: n },
    (_, i) => `partition (p=${i + 1}) location 's3://b/t/p=${i + 1}/'`,
  ).join(' ')}`

/** A struct type `depth` levels deep, an int at its heart. */
const deepStruct = (depth: number) =>
  `${'struct<f:'.repeat(depth)}int${'>'.repeat(depth)}`

/** What each SVV_EXTERNAL_* view shows of the case's schema. */
const seen = (schemaName: string) =>
  `select (select count(*) from svv_external_schemas where schemaname = '${schemaName}')::int as schemas,
     (select count(*) from svv_external_tables where schemaname = '${schemaName}')::int as tables,
     (select count(*) from svv_external_columns where schemaname = '${schemaName}')::int as columns,
     (select count(*) from svv_external_partitions where schemaname = '${schemaName}')::int as partitions`

const CASES: readonly Case[] = [
  {
    title:
      'SET FILE FORMAT takes AVRO, PARQUET, RCFILE, SEQUENCEFILE and TEXTFILE; ORC and INPUTFORMAT ... OUTPUTFORMAT are refused',
    doc: ALTER_TABLE,
    steps: [
      schema('h2_fmt'),
      run(
        "create external table h2_fmt.t (a int) stored as textfile location 's3://b/t/'",
      ),
      run('alter table h2_fmt.t set file format avro'),
      rows(inputFormat('h2_fmt', 't'), [
        {
          input_format:
            'org.apache.hadoop.hive.ql.io.avro.AvroContainerInputFormat',
        },
      ]),
      run('alter table h2_fmt.t set file format rcfile'),
      rows(inputFormat('h2_fmt', 't'), [
        { input_format: 'org.apache.hadoop.hive.ql.io.RCFileInputFormat' },
      ]),
      run('alter table h2_fmt.t set file format sequencefile'),
      rows(inputFormat('h2_fmt', 't'), [
        { input_format: 'org.apache.hadoop.mapred.SequenceFileInputFormat' },
      ]),
      run('alter table h2_fmt.t set file format textfile'),
      rows(inputFormat('h2_fmt', 't'), [
        { input_format: 'org.apache.hadoop.mapred.TextInputFormat' },
      ]),
      run('alter table h2_fmt.t set file format parquet'),
      fails(
        'alter table h2_fmt.t set file format orc',
        '42601',
        'syntax error at or near "orc"',
      ),
      fails(
        "alter table h2_fmt.t set file format inputformat 'org.apache.hadoop.mapred.TextInputFormat' outputformat 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat'",
        '42601',
        'syntax error at or near "inputformat"',
      ),
      fails('alter table h2_fmt.t set file format json', '42601', '"json"'),
      // The refused statements changed nothing; CREATE takes ORC.
      rows(inputFormat('h2_fmt', 't'), [
        {
          input_format:
            'org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat',
        },
      ]),
      run(
        "create external table h2_fmt.o (a int) stored as orc location 's3://b/o/'",
      ),
    ],
  },
  {
    title:
      'DROP COLUMN of an external table drops it from the catalog; RESTRICT and CASCADE are ignored',
    doc: ALTER_TABLE,
    steps: [
      schema('h2_drop'),
      run(
        "create external table h2_drop.t (a int, b varchar(5), c bigint, d date) partitioned by (p int, q char(2)) stored as parquet location 's3://b/t/'",
      ),
      run(
        "alter table h2_drop.t add partition (p=1, q='x') location 's3://b/t/1/'",
      ),
      run('alter table h2_drop.t drop column b'),
      run('alter table h2_drop.t drop c restrict'),
      run('alter table h2_drop.t drop column a cascade'),
      rows(columns('h2_drop', 't'), [
        col('d', 'date', 1),
        col('p', 'int', 2, 1),
        col('q', 'char(2)', 3, 2),
      ]),
      // The partitions stay as they were.
      rows(
        "select values, location from svv_external_partitions where schemaname = 'h2_drop'",
        [{ values: '["1", "x"]', location: 's3://b/t/1/' }],
      ),
      // A column added after, and one renamed, drop too.
      run('alter table h2_drop.t add column e int'),
      run('alter table h2_drop.t rename column e to f'),
      run('alter table h2_drop.t drop column f'),
      rows(columns('h2_drop', 't'), [
        col('d', 'date', 1),
        col('p', 'int', 2, 1),
        col('q', 'char(2)', 3, 2),
      ]),
      fails(
        'alter table h2_drop.t drop column zz',
        '42703',
        'column "zz" of relation "t" does not exist',
      ),
    ],
  },
  {
    title:
      "DROP COLUMN refuses a partition column, any column of an AVRO table, the table's last column, and a transaction block",
    doc: ALTER_TABLE,
    steps: [
      schema('h2_nodrop'),
      run(
        "create external table h2_nodrop.t (a int, b int) partitioned by (p int, q int) stored as parquet location 's3://b/t/'",
      ),
      fails(
        'alter table h2_nodrop.t drop column p',
        '0A000',
        'cannot drop partition column "p" of external table "t"',
      ),
      fails(
        'alter table h2_nodrop.t drop column q',
        '0A000',
        'cannot drop partition column "q" of external table "t"',
      ),
      run('alter table h2_nodrop.t drop column a'),
      fails(
        'alter table h2_nodrop.t drop column b',
        '0A000',
        'cannot drop the last column of table "t"',
      ),
      run(
        "create external table h2_nodrop.av (a int, b int) stored as avro location 's3://b/av/'",
      ),
      fails(
        'alter table h2_nodrop.av drop column b',
        '0A000',
        'cannot drop column "b" of an external table of the AVRO file format',
      ),
      // SET FILE FORMAT AVRO makes a table one.
      run(
        "create external table h2_nodrop.tx (a int, b int, c int) stored as textfile location 's3://b/tx/'",
      ),
      run('alter table h2_nodrop.tx set file format avro'),
      fails(
        'alter table h2_nodrop.tx drop column c',
        '0A000',
        'AVRO file format',
      ),
      run('alter table h2_nodrop.tx set file format textfile'),
      run('begin'),
      fails(
        'alter table h2_nodrop.tx drop column c',
        '25001',
        'cannot run inside a transaction block',
      ),
      run('rollback'),
      run('alter table h2_nodrop.tx drop column c'),
      // The first column of a table without partition columns too.
      run('alter table h2_nodrop.tx drop column a'),
      rows(columns('h2_nodrop', 'tx'), [col('b', 'int', 1)]),
      fails(
        'alter table h2_nodrop.tx drop column b',
        '0A000',
        'cannot drop the last column of table "tx"',
      ),
      rows(columns('h2_nodrop', 't'), [
        col('b', 'int', 1),
        col('p', 'int', 2, 1),
        col('q', 'int', 3, 2),
      ]),
    ],
  },
  {
    title:
      'DROP COLUMN of the first column of a table without partition columns keeps its location, properties, format and late-binding views',
    doc: ALTER_TABLE,
    steps: [
      schema('h2_first'),
      run(
        "create external table h2_first.t (a int, b varchar(5), c date) row format delimited fields terminated by '|' stored as textfile location 's3://b/first/' table properties ('numRows'='5')",
      ),
      run(
        'create view h2_first_v as select b, c from h2_first.t with no schema binding',
      ),
      run('alter table h2_first.t drop column a restrict'),
      rows(columns('h2_first', 't'), [
        col('b', 'varchar(5)', 1),
        col('c', 'date', 2),
      ]),
      rows(
        "select location, input_format, json_extract_path_text(parameters, 'numRows') as num_rows, json_extract_path_text(serde_parameters, 'field.delim') as delim from svv_external_tables where schemaname = 'h2_first'",
        [
          {
            location: 's3://b/first/',
            input_format: 'org.apache.hadoop.mapred.TextInputFormat',
            num_rows: '5',
            delim: '|',
          },
        ],
      ),
      rows(
        "select viewname::text as viewname from pg_views where viewname = 'h2_first_v'",
        [{ viewname: 'h2_first_v' }],
      ),
      // Again: the table is keyed on its next column now.
      run('alter table h2_first.t drop column b cascade'),
      rows(columns('h2_first', 't'), [col('c', 'date', 1)]),
      run('alter table h2_first.t add column d int'),
      rows(columns('h2_first', 't'), [col('c', 'date', 1), col('d', 'int', 2)]),
      run('begin'),
      fails(
        'alter table h2_first.t drop column c',
        '25001',
        'cannot run inside a transaction block',
      ),
      run('rollback'),
      // Named without its schema, the key column stays the emulator's limit.
      run('set search_path to h2_first, public'),
      fails('alter table t drop column c', '0A000', 'an emulator limit'),
      run('reset search_path'),
      // A local table of a schema named like no external one is untouched.
      run('create table h2_first_local (a int, b int)'),
      run('alter table h2_first_local drop column a'),
    ],
  },
  {
    title: 'SHOW EXTERNAL TABLE shows the columns DROP COLUMN left',
    doc: SHOW_EXTERNAL,
    steps: [
      schema('h2_show'),
      run(
        "create external table h2_show.t (a int, b int) partitioned by (p int) stored as parquet location 's3://b/t/'",
      ),
      run('alter table h2_show.t drop column a'),
      rows('show external table h2_show.t', [
        {
          [DDL]: [
            'CREATE EXTERNAL TABLE h2_show.t (',
            '    b int',
            ')',
            'PARTITIONED BY (p int)',
            "ROW FORMAT SERDE 'org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe'",
            "STORED AS INPUTFORMAT 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat'",
            "OUTPUTFORMAT 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat'",
            "LOCATION 's3://b/t/';",
          ].join('\n'),
        },
      ]),
    ],
  },
  {
    title:
      'ADD COLUMN and RENAME COLUMN refuse the pseudocolumn names "$path" and "$size", as CREATE EXTERNAL TABLE does',
    doc: `${DG}r_CREATE_EXTERNAL_TABLE.html`,
    steps: [
      schema('h2_pseudo'),
      run(
        "create external table h2_pseudo.t (a int, b int) stored as textfile location 's3://b/t/'",
      ),
      fails(
        'alter table h2_pseudo.t add column "$path" int',
        '42701',
        'column name "$path" is reserved for a pseudocolumn of external tables',
      ),
      fails(
        'alter table h2_pseudo.t add column "$size" bigint',
        '42701',
        'column name "$size" is reserved',
      ),
      fails(
        'alter table h2_pseudo.t rename column b to "$path"',
        '42701',
        'column name "$path" is reserved',
      ),
      rows(columns('h2_pseudo', 't'), [col('a', 'int', 1), col('b', 'int', 2)]),
    ],
  },
  {
    title: "RENAME TO of an external table is refused: you can't rename one",
    doc: ALTER_TABLE,
    steps: [
      schema('h2_ren'),
      run(
        "create external table h2_ren.t (a int) stored as parquet location 's3://b/t/'",
      ),
      fails(
        'alter table h2_ren.t rename to u',
        '0A000',
        'cannot rename external table "t"',
      ),
      rows(
        "select tablename from svv_external_tables where schemaname = 'h2_ren'",
        [{ tablename: 't' }],
      ),
      // RENAME COLUMN stays allowed.
      run('alter table h2_ren.t rename column a to b'),
      rows(columns('h2_ren', 't'), [col('b', 'int', 1)]),
    ],
  },
  {
    title:
      'ADD PARTITION takes up to 100 partitions in one statement with the AWS Glue Data Catalog, any number with a Hive metastore',
    doc: EXTERNAL_TABLES,
    steps: [
      schema('h2_parts'),
      run(
        "create external table h2_parts.t (a int) partitioned by (p int) stored as parquet location 's3://b/t/'",
      ),
      fails(addPartitions('h2_parts.t', 101), '54000', 'at most 100'),
      rows(
        "select count(*)::int as n from svv_external_partitions where schemaname = 'h2_parts'",
        [{ n: 0 }],
      ),
      run(addPartitions('h2_parts.t', 100)),
      rows(
        "select count(*)::int as n from svv_external_partitions where schemaname = 'h2_parts'",
        [{ n: 100 }],
      ),
      run(
        `create external schema h2_hive from hive metastore database 'h2_hive_db' uri '172.10.10.10' iam_role '${ROLE}'`,
      ),
      run(
        "create external table h2_hive.t (a int) partitioned by (p int) stored as parquet location 's3://b/t/'",
      ),
      run(addPartitions('h2_hive.t', 101)),
      rows(
        "select count(*)::int as n from svv_external_partitions where schemaname = 'h2_hive'",
        [{ n: 101 }],
      ),
    ],
  },
  {
    title:
      'ADD COLUMN keeps an external table to 1,598 columns with the pseudocolumns on, 1,600 with them off',
    doc: ALTER_TABLE,
    steps: [
      schema('h2_wide'),
      run(
        `create external table h2_wide.t (${Array.from({ length: 1597 }, (_, i) => `c${i + 1} int`).join(', ')}) stored as parquet location 's3://b/w/'`,
      ),
      run('alter table h2_wide.t add column c1598 int'),
      fails(
        'alter table h2_wide.t add column c1599 int',
        '54011',
        'tables can have at most 1598 columns',
      ),
      run('set spectrum_enable_pseudo_columns to false'),
      run('alter table h2_wide.t add column c1599 int'),
      run('reset spectrum_enable_pseudo_columns'),
      rows(
        "select count(*)::int as n from svv_external_columns where schemaname = 'h2_wide'",
        [{ n: 1599 }],
      ),
    ],
  },
  {
    title: 'The ALTER EXTERNAL TABLE examples run as written',
    doc: ALTER_EXAMPLES,
    steps: [
      run(
        `create external schema h2_spectrum from data catalog database 'h2_spectrumdb' iam_role '${ROLE}' create external database if not exists`,
      ),
      run(
        "create external table h2_spectrum.sales (salesid integer) row format delimited fields terminated by '\\t' stored as textfile location 's3://b/sales/'",
      ),
      run(
        "create external table h2_spectrum.sales_part (salesid integer) partitioned by (saledate date) stored as parquet location 's3://b/part/'",
      ),
      run(
        "alter table h2_spectrum.sales set table properties ('numRows'='170000')",
      ),
      run(
        "alter table h2_spectrum.sales set location 's3://awssampledbuswest2/tickit/spectrum/sales/'",
      ),
      run('alter table h2_spectrum.sales set file format parquet'),
      run(
        "alter table h2_spectrum.sales_part add partition if not exists (saledate='2008-01-01') location 's3://awssampledbuswest2/tickit/spectrum/sales_partition/saledate=2008-01/'",
      ),
      run(
        "alter table h2_spectrum.sales_part partition(saledate='2008-01-01') set location 's3://awssampledbuswest2/tickit/spectrum/sales_partition/saledate=2008-01-01/'",
      ),
      rows(
        "select values, location from svv_external_partitions where schemaname = 'h2_spectrum'",
        [
          {
            values: '["2008-01-01"]',
            location:
              's3://awssampledbuswest2/tickit/spectrum/sales_partition/saledate=2008-01-01/',
          },
        ],
      ),
      run(
        "alter table h2_spectrum.sales_part drop partition(saledate='2008-01-01')",
      ),
      rows(
        "select count(*)::int as n from svv_external_partitions where schemaname = 'h2_spectrum'",
        [{ n: 0 }],
      ),
    ],
  },
  {
    title:
      'The external schema examples: an Athena catalog with REGION, a Hive metastore IF NOT EXISTS, PG_EXTERNAL_SCHEMA joined with PG_NAMESPACE',
    doc: EXTERNAL_SCHEMAS,
    steps: [
      run(
        `create external schema h2_athena_schema from data catalog database 'h2_sampledb' iam_role '${ROLE}' region 'us-east-2'`,
      ),
      run(
        `create external schema if not exists h2_hive_schema from hive metastore database 'h2_hive_database' uri 'ip-10-0-111-111.us-west-2.compute.internal' port 9083 iam_role '${ROLE}'`,
      ),
      run(
        `create external schema if not exists h2_hive_schema from hive metastore database 'h2_hive_database' uri 'ip-10-0-111-111.us-west-2.compute.internal' port 9083 iam_role '${ROLE}'`,
      ),
      rows(
        "select schemaname, eskind, databasename, esoptions from svv_external_schemas where schemaname in ('h2_athena_schema', 'h2_hive_schema') order by 1",
        [
          {
            schemaname: 'h2_athena_schema',
            eskind: 1,
            databasename: 'h2_sampledb',
            esoptions: `{"IAM_ROLE":"${ROLE}","REGION":"us-east-2"}`,
          },
          {
            schemaname: 'h2_hive_schema',
            eskind: 2,
            databasename: 'h2_hive_database',
            esoptions: `{"URI":"ip-10-0-111-111.us-west-2.compute.internal","PORT":"9083","IAM_ROLE":"${ROLE}"}`,
          },
        ],
      ),
      rows(
        "select n.nspname::text as nspname, e.esdbname, e.eskind from pg_external_schema e join pg_namespace n on n.oid = e.esoid where n.nspname in ('h2_athena_schema', 'h2_hive_schema') order by 1",
        [
          { nspname: 'h2_athena_schema', esdbname: 'h2_sampledb', eskind: 1 },
          {
            nspname: 'h2_hive_schema',
            esdbname: 'h2_hive_database',
            eskind: 2,
          },
        ],
      ),
      // "CREATE EXTERNAL DATABASE IF NOT EXISTS can't be used with HIVE METASTORE".
      fails(
        `create external schema h2_hive_db2 from hive metastore database 'h2_hive_database' uri 'x' iam_role '${ROLE}' create external database if not exists`,
        '22023',
        'CREATE EXTERNAL DATABASE IF NOT EXISTS cannot be used with HIVE METASTORE',
      ),
    ],
  },
  {
    title:
      'SVV_EXTERNAL_SCHEMAS, _TABLES, _COLUMNS and _PARTITIONS show a regular user only the schemas it has USAGE on',
    doc: SVV_EXTERNAL_TABLES,
    steps: [
      run('create user h2_reader password disable'),
      schema('h2_seen'),
      run(
        "create external table h2_seen.t (a int, b int) partitioned by (p int) stored as parquet location 's3://b/t/'",
      ),
      run("alter table h2_seen.t add partition (p=1) location 's3://b/t/1/'"),
      rows(seen('h2_seen'), [
        { schemas: 1, tables: 1, columns: 3, partitions: 1 },
      ]),
      run('set session authorization h2_reader'),
      rows(seen('h2_seen'), [
        { schemas: 0, tables: 0, columns: 0, partitions: 0 },
      ]),
      run('reset session authorization'),
      run('grant usage on schema h2_seen to h2_reader'),
      run('set session authorization h2_reader'),
      rows(seen('h2_seen'), [
        { schemas: 1, tables: 1, columns: 3, partitions: 1 },
      ]),
      run('reset session authorization'),
      run('revoke usage on schema h2_seen from h2_reader'),
      run('drop user h2_reader'),
    ],
  },
  {
    title:
      'information_schema.tables and .columns and PG_TABLES leave external tables out; SVV_EXTERNAL_TABLES and _COLUMNS show them',
    doc: `${DG}r_CREATE_EXTERNAL_TABLE_usage.html`,
    steps: [
      schema('h2_info'),
      run(
        "create external table h2_info.t (a int, b date) partitioned by (p int) stored as parquet location 's3://b/t/'",
      ),
      rows(
        "select count(*)::int as n from information_schema.tables where table_schema = 'h2_info'",
        [{ n: 0 }],
      ),
      rows(
        "select count(*)::int as n from information_schema.columns where table_schema = 'h2_info'",
        [{ n: 0 }],
      ),
      rows(
        "select count(*)::int as n from pg_tables where schemaname = 'h2_info'",
        [{ n: 0 }],
      ),
      rows(
        "select (select count(*) from svv_external_tables where schemaname = 'h2_info')::int as tables, (select count(*) from svv_external_columns where schemaname = 'h2_info')::int as columns",
        [{ tables: 1, columns: 3 }],
      ),
      // A local table of that name elsewhere is still listed.
      run('create table h2_info_t (a int)'),
      rows(
        "select table_name::text as table_name from information_schema.tables where table_name = 'h2_info_t'",
        [{ table_name: 'h2_info_t' }],
      ),
    ],
  },
  {
    title: 'Nested types nest at most 100 levels deep',
    doc: NESTED_LIMITS,
    steps: [
      schema('h2_deep'),
      run(
        `create external table h2_deep.t100 (c ${deepStruct(100)}) stored as parquet location 's3://b/d/'`,
      ),
      fails(
        `create external table h2_deep.t101 (c ${deepStruct(101)}) stored as parquet location 's3://b/d/'`,
        '0A000',
        'column "c" nests types deeper than 100 levels',
      ),
      fails(
        `create external table h2_deep.a101 (c array<${deepStruct(100)}>) stored as parquet location 's3://b/d/'`,
        '0A000',
        'deeper than 100 levels',
      ),
      rows(
        "select tablename from svv_external_tables where schemaname = 'h2_deep'",
        [{ tablename: 't100' }],
      ),
    ],
  },
]

/** The catalog rows of one external schema, to compare before and after. */
const CATALOG = (schemaName: string) => [
  `select tablename, location, input_format, output_format, serialization_lib from svv_external_tables where schemaname = '${schemaName}' order by 1`,
  `select tablename, columnname, external_type, columnnum, part_key from svv_external_columns where schemaname = '${schemaName}' order by 1, 4`,
  `select tablename, values, location from svv_external_partitions where schemaname = '${schemaName}' order by 1, 2`,
]

describeFidelityCases(
  'local emulator: the Spectrum chapter, rule by rule',
  'local_fidelity_spectrum_chapter',
  CASES,
  (url) => {
    // "You can use the output of the SHOW EXTERNAL TABLE statement to
    // recreate the table" (r_SHOW_EXTERNAL_TABLE.html), the page's table
    // with its two partition columns.
    it('SHOW EXTERNAL TABLE ... PARTITION gives statements that recreate the table and its partitions', async () => {
      const client = await connect(url())
      try {
        await client.query(
          `create external schema h2_my_schema from data catalog database 'h2_my_schemadb' iam_role '${ROLE}' create external database if not exists`,
        )
        await client.query(`CREATE EXTERNAL TABLE h2_my_schema.alldatatypes_parquet_test_partitioned (
          csmallint smallint, cint int, cbigint bigint, cfloat float4, cdouble float8, cchar char(10),
          cvarchar varchar(255), cdecimal_small decimal(18,9), cdecimal_big decimal(30,15),
          ctimestamp TIMESTAMP, cboolean boolean, cstring varchar(16383))
          PARTITIONED BY (cdate date, ctime TIMESTAMP)
          STORED AS PARQUET
          LOCATION 's3://mybucket-test-copy/alldatatypes_parquet_partitioned'`)
        for (const day of ['2021-01-01', '2021-01-02']) {
          await client.query(
            `alter table h2_my_schema.alldatatypes_parquet_test_partitioned add partition (cdate='${day}', ctime='${day} 10:00:00') location 's3://mybucket-test-copy/alldatatypes_parquet_partitioned2/cdate=${day}'`,
          )
        }
        const before = await Promise.all(
          CATALOG('h2_my_schema').map((q) => client.query(q)),
        )
        const shown = await client.query<Record<string, string>>(
          'show external table h2_my_schema.alldatatypes_parquet_test_partitioned partition',
        )
        const ddl = shown.rows[0]![DDL]!
        expect(ddl).toContain('PARTITIONED BY (cdate date, ctime timestamp)')
        await client.query(
          'drop table h2_my_schema.alldatatypes_parquet_test_partitioned',
        )
        for (const statement of ddl.split(';\n')) {
          await client.query(statement.replace(/;$/, ''))
        }
        const after = await Promise.all(
          CATALOG('h2_my_schema').map((q) => client.query(q)),
        )
        expect(after.map((r) => r.rows)).toEqual(before.map((r) => r.rows))
        expect(after[2]!.rows).toHaveLength(2)
      } finally {
        await client.end()
      }
    })
  },
)
