import {
  fails,
  rows,
  run,
  describeFidelityCases,
  type FidelityCase as Case,
} from './fidelity-steps.js'

// Redshift Spectrum DDL as the emulator runs it: external schemas, tables
// and partitions are kept in its catalog and shown by the SVV_EXTERNAL_*
// views; reading their rows is an emulator limit. Each case is a list of
// steps on a connection of its own and names the Developer Guide page its
// rule comes from. The next case of a kind goes next to its page.

const DG = 'https://docs.aws.amazon.com/redshift/latest/dg/'
const CREATE_SCHEMA = `${DG}r_CREATE_EXTERNAL_SCHEMA.html`
const CREATE_TABLE = `${DG}r_CREATE_EXTERNAL_TABLE.html`
const ALTER_TABLE = `${DG}r_ALTER_TABLE.html`
const DROP_SCHEMA = `${DG}r_DROP_SCHEMA.html`
const DROP_TABLE = `${DG}r_DROP_TABLE.html`
const SVV_SCHEMAS = `${DG}r_SVV_EXTERNAL_SCHEMAS.html`
const SVV_TABLES = `${DG}r_SVV_EXTERNAL_TABLES.html`
const SVV_COLUMNS = `${DG}r_SVV_EXTERNAL_COLUMNS.html`
const SVV_PARTITIONS = `${DG}r_SVV_EXTERNAL_PARTITIONS.html`
const PG_TABLE_DEF = `${DG}r_PG_TABLE_DEF.html`

const ROLE = 'arn:aws:iam::123456789012:role/mySpectrumRole'

/** An external schema over the data catalog database `db`. */
const schema = (name: string, db = `${name}db`) =>
  run(
    `create external schema ${name} from data catalog database '${db}' iam_role '${ROLE}' create external database if not exists`,
  )

const PARQUET = {
  input_format: 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat',
  output_format:
    'org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat',
  serialization_lib:
    'org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe',
}

const externalColumns = (schemaName: string, table: string) =>
  `select columnname, external_type, columnnum, part_key from svv_external_columns
   where schemaname = '${schemaName}' and tablename = '${table}' order by columnnum`
const partitions = (schemaName: string, table: string) =>
  `select "values", location from svv_external_partitions
   where schemaname = '${schemaName}' and tablename = '${table}' order by "values"`

const CASES: readonly Case[] = [
  // CREATE EXTERNAL SCHEMA and SVV_EXTERNAL_SCHEMAS.
  {
    title:
      'CREATE EXTERNAL SCHEMA FROM DATA CATALOG is listed in SVV_EXTERNAL_SCHEMAS',
    doc: SVV_SCHEMAS,
    steps: [
      run(
        `create external schema sp_cat from data catalog database 'spectrumdb' region 'us-west-2' iam_role '${ROLE}'`,
      ),
      rows(
        "select eskind, schemaname::text, databasename, esoptions from svv_external_schemas where schemaname = 'sp_cat'",
        [
          {
            eskind: 1,
            schemaname: 'sp_cat',
            databasename: 'spectrumdb',
            esoptions: `{"REGION":"us-west-2","IAM_ROLE":"${ROLE}"}`,
          },
        ],
      ),
      rows(
        "select count(*)::int as n from svv_external_schemas s join pg_namespace n on n.oid = s.esoid and n.nspowner = s.esowner where s.schemaname = 'sp_cat'",
        [{ n: 1 }],
      ),
    ],
  },
  {
    title: 'CREATE EXTERNAL SCHEMA FROM HIVE METASTORE defaults PORT to 9083',
    doc: CREATE_SCHEMA,
    steps: [
      run(
        `create external schema sp_hive from hive metastore database 'hive_db' uri '172.10.10.10' iam_role '${ROLE}'`,
      ),
      rows(
        "select eskind, esoptions from svv_external_schemas where schemaname = 'sp_hive'",
        [
          {
            eskind: 2,
            esoptions: `{"URI":"172.10.10.10","IAM_ROLE":"${ROLE}","PORT":"9083"}`,
          },
        ],
      ),
    ],
  },
  {
    title:
      'CREATE EXTERNAL SCHEMA IF NOT EXISTS leaves an existing schema alone',
    doc: CREATE_SCHEMA,
    steps: [
      schema('sp_twice'),
      run(
        `create external schema if not exists sp_twice from data catalog database 'other' iam_role default`,
      ),
      rows(
        "select databasename from svv_external_schemas where schemaname = 'sp_twice'",
        [{ databasename: 'sp_twicedb' }],
      ),
      fails(
        `create external schema sp_twice from data catalog database 'other' iam_role default`,
        '42P06',
        'schema "sp_twice" already exists',
      ),
    ],
  },
  {
    title:
      'CREATE EXTERNAL SCHEMA: DATABASE and IAM_ROLE are required, options come once',
    doc: CREATE_SCHEMA,
    steps: [
      fails(
        'create external schema sp_nodb from data catalog iam_role default',
        '22023',
        'DATABASE is required',
      ),
      fails(
        "create external schema sp_norole from data catalog database 'db'",
        '22023',
        'IAM_ROLE is required',
      ),
      fails(
        "create external schema sp_dup from data catalog database 'a' database 'b' iam_role default",
        '22023',
        'DATABASE is given more than once',
      ),
      fails(
        "create external schema sp_uri from data catalog database 'a' uri 'h' iam_role default",
        '42601',
        'syntax error at or near "uri"',
      ),
    ],
  },
  {
    title:
      'CREATE EXTERNAL SCHEMA: role ARNs, chains of at most 10 without spaces, SESSION only for the data catalog',
    doc: CREATE_SCHEMA,
    steps: [
      fails(
        "create external schema sp_arn from data catalog database 'a' iam_role 'myrole'",
        '22023',
        'invalid IAM role ARN "myrole"',
      ),
      fails(
        `create external schema sp_space from data catalog database 'a' iam_role '${ROLE}, ${ROLE}'`,
        '22023',
        'invalid IAM role ARN',
      ),
      fails(
        `create external schema sp_chain from data catalog database 'a' iam_role '${Array(11).fill(ROLE).join(',')}'`,
        '22023',
        'at most 10 roles',
      ),
      run(
        `create external schema sp_chain2 from data catalog database 'a' iam_role '${ROLE},${ROLE}'`,
      ),
      run(
        "create external schema sp_session from data catalog database 'a' iam_role 'SESSION'",
      ),
      fails(
        "create external schema sp_hsession from hive metastore database 'a' uri 'h' iam_role 'SESSION'",
        '22023',
        "IAM_ROLE 'SESSION' is allowed only with DATA CATALOG",
      ),
    ],
  },
  {
    title:
      'CREATE EXTERNAL SCHEMA FROM HIVE METASTORE: URI required, no CREATE EXTERNAL DATABASE',
    doc: CREATE_SCHEMA,
    steps: [
      fails(
        "create external schema sp_h1 from hive metastore database 'a' iam_role default",
        '22023',
        'URI is required with HIVE METASTORE',
      ),
      fails(
        "create external schema sp_h2 from hive metastore database 'a' uri 'h' iam_role default create external database if not exists",
        '22023',
        'CREATE EXTERNAL DATABASE IF NOT EXISTS cannot be used with HIVE METASTORE',
      ),
    ],
  },
  {
    title:
      'CREATE EXTERNAL SCHEMA FROM POSTGRES (federated) is an emulator limit',
    doc: CREATE_SCHEMA,
    steps: [
      fails(
        "create external schema sp_pg from postgres database 'db' uri 'h' iam_role default secret_arn 'x'",
        '0A000',
        'an emulator limit',
      ),
    ],
  },
  {
    title:
      'CREATE EXTERNAL SCHEMA runs inside a transaction block and rolls back with it',
    doc: CREATE_SCHEMA,
    steps: [
      run('begin'),
      schema('sp_block'),
      run('rollback'),
      rows(
        "select count(*)::int as n from svv_external_schemas where schemaname = 'sp_block'",
        [{ n: 0 }],
      ),
    ],
  },

  // CREATE EXTERNAL TABLE, SVV_EXTERNAL_TABLES and SVV_EXTERNAL_COLUMNS.
  {
    title:
      'CREATE EXTERNAL TABLE STORED AS PARQUET is listed in SVV_EXTERNAL_TABLES and _COLUMNS',
    doc: SVV_TABLES,
    steps: [
      schema('sp_pq'),
      run(
        `create external table sp_pq.sales (salesid integer, pricepaid decimal(8,2), saletime timestamp, note varchar, flag char, qty smallint, total bigint, ratio real, score double precision, ok boolean, day date)
         stored as parquet location 's3://awssampledbuswest2/tickit/spectrum/sales/' table properties ('numRows'='172000')`,
      ),
      rows(
        "select tabletype, location, input_format, output_format, serialization_lib, serde_parameters, compressed, parameters from svv_external_tables where schemaname = 'sp_pq'",
        [
          {
            tabletype: 'EXTERNAL_TABLE',
            location: 's3://awssampledbuswest2/tickit/spectrum/sales/',
            ...PARQUET,
            serde_parameters: '{"serialization.format":"1"}',
            compressed: 0,
            parameters: '{"EXTERNAL":"TRUE","numRows":"172000"}',
          },
        ],
      ),
      rows(externalColumns('sp_pq', 'sales'), [
        {
          columnname: 'salesid',
          external_type: 'int',
          columnnum: 1,
          part_key: 0,
        },
        {
          columnname: 'pricepaid',
          external_type: 'decimal(8,2)',
          columnnum: 2,
          part_key: 0,
        },
        {
          columnname: 'saletime',
          external_type: 'timestamp',
          columnnum: 3,
          part_key: 0,
        },
        {
          columnname: 'note',
          external_type: 'varchar(256)',
          columnnum: 4,
          part_key: 0,
        },
        {
          columnname: 'flag',
          external_type: 'char(1)',
          columnnum: 5,
          part_key: 0,
        },
        {
          columnname: 'qty',
          external_type: 'smallint',
          columnnum: 6,
          part_key: 0,
        },
        {
          columnname: 'total',
          external_type: 'bigint',
          columnnum: 7,
          part_key: 0,
        },
        {
          columnname: 'ratio',
          external_type: 'float',
          columnnum: 8,
          part_key: 0,
        },
        {
          columnname: 'score',
          external_type: 'double',
          columnnum: 9,
          part_key: 0,
        },
        {
          columnname: 'ok',
          external_type: 'boolean',
          columnnum: 10,
          part_key: 0,
        },
        {
          columnname: 'day',
          external_type: 'date',
          columnnum: 11,
          part_key: 0,
        },
      ]),
    ],
  },
  {
    title:
      'CREATE EXTERNAL TABLE with ROW FORMAT DELIMITED and PARTITIONED BY (TEXTFILE)',
    doc: SVV_COLUMNS,
    steps: [
      schema('sp_txt'),
      run(
        `create external table sp_txt.events (eventid int, name varchar(200))
         partitioned by (saledate date, region char(2))
         row format delimited fields terminated by '|' lines terminated by '\\n'
         stored as textfile location 's3://bucket/events/'`,
      ),
      rows(
        "select input_format, serialization_lib, serde_parameters from svv_external_tables where schemaname = 'sp_txt'",
        [
          {
            input_format: 'org.apache.hadoop.mapred.TextInputFormat',
            serialization_lib:
              'org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe',
            serde_parameters:
              '{"field.delim":"|","line.delim":"\\n","serialization.format":"|"}',
          },
        ],
      ),
      rows(externalColumns('sp_txt', 'events'), [
        {
          columnname: 'eventid',
          external_type: 'int',
          columnnum: 1,
          part_key: 0,
        },
        {
          columnname: 'name',
          external_type: 'varchar(200)',
          columnnum: 2,
          part_key: 0,
        },
        {
          columnname: 'saledate',
          external_type: 'date',
          columnnum: 3,
          part_key: 1,
        },
        {
          columnname: 'region',
          external_type: 'char(2)',
          columnnum: 4,
          part_key: 2,
        },
      ]),
    ],
  },
  {
    title:
      "ROW FORMAT's default field terminator is \\A; SERDE and SERDEPROPERTIES are kept",
    doc: CREATE_TABLE,
    steps: [
      schema('sp_serde'),
      run(
        "create external table sp_serde.plain (a int) stored as textfile location 's3://b/plain/'",
      ),
      run(
        `create external table sp_serde.csv (a int) row format serde 'org.apache.hadoop.hive.serde2.OpenCSVSerde' with serdeproperties ('wholeFile'='true')
         stored as inputformat 'org.apache.hadoop.mapred.TextInputFormat' outputformat 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat'
         location 's3://b/csv/'`,
      ),
      rows(
        "select tablename, serialization_lib, serde_parameters from svv_external_tables where schemaname = 'sp_serde' order by tablename",
        [
          {
            tablename: 'csv',
            serialization_lib: 'org.apache.hadoop.hive.serde2.OpenCSVSerde',
            serde_parameters: '{"wholeFile":"true"}',
          },
          {
            tablename: 'plain',
            serialization_lib:
              'org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe',
            serde_parameters:
              '{"field.delim":"\\u0001","serialization.format":"\\u0001"}',
          },
        ],
      ),
    ],
  },
  {
    title:
      'CREATE EXTERNAL TABLE: STORED AS and LOCATION are required; formats and locations are checked',
    doc: CREATE_TABLE,
    steps: [
      schema('sp_bad'),
      fails(
        "create external table sp_bad.t (a int) location 's3://b/t/'",
        '42601',
        'syntax error at or near "location"',
      ),
      fails(
        'create external table sp_bad.t (a int) stored as parquet',
        '42601',
        'syntax error at end of input',
      ),
      fails(
        "create external table sp_bad.t (a int) stored as json location 's3://b/t/'",
        '42601',
        'syntax error at or near "json"',
      ),
      fails(
        "create external table sp_bad.t (a int) stored as parquet location '/tmp/t/'",
        '22023',
        "invalid LOCATION '/tmp/t/'",
      ),
      fails(
        "create external table sp_bad.t (a int) row format delimited fields terminated by '||' stored as textfile location 's3://b/t/'",
        '22023',
        'FIELDS TERMINATED BY takes a single ASCII character',
      ),
      run(
        "create external table sp_bad.bel (a int) row format delimited fields terminated by '\\007' stored as textfile location 's3://b/t/'",
      ),
    ],
  },
  {
    title:
      'CREATE EXTERNAL TABLE: column types are the listed ones; $path and $size are reserved',
    doc: CREATE_TABLE,
    steps: [
      schema('sp_types'),
      fails(
        "create external table sp_types.t (a timestamptz) stored as parquet location 's3://b/t/'",
        '0A000',
        'column "a" has type TIMESTAMPTZ',
      ),
      fails(
        "create external table sp_types.t (a super) stored as parquet location 's3://b/t/'",
        '0A000',
        'column "a" has type SUPER',
      ),
      fails(
        `create external table sp_types.t ("$path" varchar(10)) stored as parquet location 's3://b/t/'`,
        '42701',
        'reserved for a pseudocolumn',
      ),
      fails(
        "create external table sp_types.t (a int, a int) stored as parquet location 's3://b/t/'",
        '42701',
        'column "a" specified more than once',
      ),
      fails(
        "create external table sp_types.t (a decimal(39,2)) stored as parquet location 's3://b/t/'",
        '22023',
        'invalid DECIMAL(39,2)',
      ),
    ],
  },
  {
    title: 'A partition column may not also be a table column',
    doc: CREATE_TABLE,
    steps: [
      schema('sp_part'),
      fails(
        "create external table sp_part.t (a int, d date) partitioned by (d date) stored as parquet location 's3://b/t/'",
        '42701',
        'partition column "d" is also a column of the table',
      ),
    ],
  },
  {
    title: 'TABLE PROPERTIES are the documented names, with their values',
    doc: CREATE_TABLE,
    steps: [
      schema('sp_props'),
      fails(
        "create external table sp_props.t (a int) stored as parquet location 's3://b/t/' table properties ('colour'='red')",
        '22023',
        "unknown table property 'colour'",
      ),
      fails(
        "create external table sp_props.t (a int) stored as parquet location 's3://b/t/' table properties ('compression_type'='lzo')",
        '22023',
        "invalid value 'lzo' for table property 'compression_type'",
      ),
      fails(
        "create external table sp_props.t (a int) stored as parquet location 's3://b/t/' table properties ('NUMROWS'='1')",
        '22023',
        "unknown table property 'NUMROWS'",
      ),
      fails(
        "create external table sp_props.t (a int) stored as parquet location 's3://b/t/' table properties ('write.maxfilesize.mb'='4')",
        '22023',
        "invalid value '4' for table property 'write.maxfilesize.mb'",
      ),
      run(
        "create external table sp_props.t (a int) stored as textfile location 's3://b/t/' table properties ('skip.header.line.count'='1', 'compression_type'='gzip')",
      ),
    ],
  },
  {
    title: 'An external table goes in an external schema, named with it',
    doc: CREATE_TABLE,
    steps: [
      fails(
        "create external table loose (a int) stored as parquet location 's3://b/t/'",
        '42601',
        'must be qualified by its external schema',
      ),
      fails(
        "create external table public.t (a int) stored as parquet location 's3://b/t/'",
        '0A000',
        'schema "public" is not an external schema',
      ),
      fails(
        "create external table sp_nowhere.t (a int) stored as parquet location 's3://b/t/'",
        '3F000',
        'schema "sp_nowhere" does not exist',
      ),
      schema('sp_dbname'),
      run(
        "create external table {db}.sp_dbname.t (a int) stored as parquet location 's3://b/t/'",
      ),
      fails(
        "create external table nodb.sp_dbname.u (a int) stored as parquet location 's3://b/t/'",
        '3D000',
        'database "nodb" does not exist',
      ),
      fails(
        "create external table sp_dbname.t (a int) stored as parquet location 's3://b/t/'",
        '42P07',
        'relation "t" already exists',
      ),
    ],
  },
  {
    title:
      'CREATE EXTERNAL TABLE and ALTER of an external table cannot run inside a transaction block (25001)',
    doc: CREATE_TABLE,
    steps: [
      schema('sp_tx'),
      run(
        "create external table sp_tx.t (a int) partitioned by (d date) stored as parquet location 's3://b/t/'",
      ),
      run('begin'),
      fails(
        "create external table sp_tx.u (a int) stored as parquet location 's3://b/u/'",
        '25001',
        'CREATE EXTERNAL TABLE cannot run inside a transaction block',
      ),
      run('rollback'),
      run('begin'),
      fails(
        "alter table sp_tx.t add partition (d='2008-01-01') location 's3://b/t/d=2008-01-01/'",
        '25001',
        'ALTER EXTERNAL TABLE cannot run inside a transaction block',
      ),
      run('rollback'),
      // ADD COLUMN is run by PostgreSQL; the catalog's trigger refuses it.
      run('begin'),
      fails(
        'alter table sp_tx.t add column b varchar(10)',
        '25001',
        'ALTER EXTERNAL TABLE cannot run inside a transaction block',
      ),
      run('rollback'),
      rows(
        "select columnname from svv_external_columns where schemaname = 'sp_tx' and tablename = 't' order by columnnum",
        [{ columnname: 'a' }, { columnname: 'd' }],
      ),
    ],
  },
  {
    title:
      'DROP TABLE of an external table cannot run inside a transaction block; of a local table it can',
    doc: DROP_TABLE,
    steps: [
      schema('sp_txdrop'),
      run(
        "create external table sp_txdrop.t (a int) stored as parquet location 's3://b/t/'",
      ),
      run('create table sp_txdrop_local (a int)'),
      run('begin'),
      fails(
        'drop table sp_txdrop_local, sp_txdrop.t',
        '25001',
        'DROP EXTERNAL TABLE cannot run inside a transaction block',
      ),
      run('rollback'),
      run('begin'),
      run('drop table sp_txdrop_local'),
      run('commit'),
      rows(
        "select tablename from svv_external_tables where schemaname = 'sp_txdrop'",
        [{ tablename: 't' }],
      ),
      run('drop table sp_txdrop.t'),
      rows(
        "select tablename from svv_external_tables where schemaname = 'sp_txdrop'",
        [],
      ),
    ],
  },
  {
    title: 'CREATE EXTERNAL TABLE AS is an emulator limit',
    doc: CREATE_TABLE,
    steps: [
      schema('sp_ctas'),
      fails(
        "create external table sp_ctas.t stored as parquet location 's3://b/t/' as select 1 as a",
        '0A000',
        'an emulator limit',
      ),
    ],
  },

  // ALTER TABLE ... PARTITION and SVV_EXTERNAL_PARTITIONS.
  {
    title:
      'ADD [IF NOT EXISTS] PARTITION, PARTITION SET LOCATION and DROP PARTITION',
    doc: SVV_PARTITIONS,
    steps: [
      schema('sp_parts'),
      run(
        "create external table sp_parts.sales (id int) partitioned by (saledate date) stored as parquet location 's3://b/sales/'",
      ),
      run(
        `alter table sp_parts.sales add partition (saledate='2008-01-01') location 's3://b/sales/saledate=2008-01/'
         partition (saledate='2008-02-01') location 's3://b/sales/saledate=2008-02/'`,
      ),
      rows(partitions('sp_parts', 'sales'), [
        {
          values: '["2008-01-01"]',
          location: 's3://b/sales/saledate=2008-01/',
        },
        {
          values: '["2008-02-01"]',
          location: 's3://b/sales/saledate=2008-02/',
        },
      ]),
      run(
        "alter table sp_parts.sales add if not exists partition (saledate='2008-01-01') location 's3://b/other/'",
      ),
      fails(
        "alter table sp_parts.sales add partition (saledate='2008-01-01') location 's3://b/other/'",
        '42710',
        'already exists',
      ),
      run(
        "alter table sp_parts.sales partition (saledate='2008-02-01') set location 's3://b/moved/'",
      ),
      run("alter table sp_parts.sales drop partition (saledate='2008-01-01')"),
      rows(partitions('sp_parts', 'sales'), [
        { values: '["2008-02-01"]', location: 's3://b/moved/' },
      ]),
      fails(
        "alter table sp_parts.sales drop partition (saledate='2008-01-01')",
        '42704',
        'does not exist',
      ),
      rows(
        "select input_format, compressed, parameters from svv_external_partitions where schemaname = 'sp_parts'",
        [
          {
            input_format: PARQUET.input_format,
            compressed: 0,
            parameters: '{}',
          },
        ],
      ),
    ],
  },
  {
    title: 'A partition names every partition column, with a value of its type',
    doc: ALTER_TABLE,
    steps: [
      schema('sp_spec'),
      run(
        "create external table sp_spec.t (id int) partitioned by (year int, month int) stored as parquet location 's3://b/t/'",
      ),
      fails(
        "alter table sp_spec.t add partition (year=2008, day=1) location 's3://b/t/x/'",
        '42703',
        'column "day" is not a partition column',
      ),
      fails(
        "alter table sp_spec.t add partition (year=2008) location 's3://b/t/x/'",
        '42601',
        'partition column "month" of',
      ),
      fails(
        "alter table sp_spec.t add partition (year='two', month=1) location 's3://b/t/x/'",
        '22P02',
        'invalid input syntax for integer',
      ),
      run(
        "alter table sp_spec.t add partition (month=1, year=2008) location 's3://b/t/2008/1/'",
      ),
      rows(partitions('sp_spec', 't'), [
        { values: '["2008", "1"]', location: 's3://b/t/2008/1/' },
      ]),
      fails(
        "alter table sp_spec.t add partition (year=2008, month=2) location '/local/'",
        '22023',
        "invalid LOCATION '/local/'",
      ),
    ],
  },
  {
    title:
      'SET LOCATION, SET FILE FORMAT and SET TABLE PROPERTIES change SVV_EXTERNAL_TABLES',
    doc: ALTER_TABLE,
    steps: [
      schema('sp_set'),
      run(
        "create external table sp_set.t (a int) stored as textfile location 's3://b/t/'",
      ),
      run("alter table sp_set.t set location 's3://b/new/'"),
      run('alter table sp_set.t set file format parquet'),
      run("alter table sp_set.t set table properties ('numRows'='100')"),
      rows(
        "select location, input_format, serialization_lib, parameters from svv_external_tables where schemaname = 'sp_set'",
        [
          {
            location: 's3://b/new/',
            input_format: PARQUET.input_format,
            serialization_lib: PARQUET.serialization_lib,
            parameters: '{"numRows": "100", "EXTERNAL": "TRUE"}',
          },
        ],
      ),
      fails(
        "alter table sp_set.t set table properties ('numRows'='many')",
        '22023',
        "invalid value 'many' for table property 'numRows'",
      ),
      fails(
        "alter table sp_set.t add partition (d='x') location 's3://b/t/'",
        '0A000',
        'is not partitioned',
      ),
    ],
  },
  {
    title:
      "RENAME TO of an external table is refused (you can't rename one); other ALTER TABLE actions are an emulator limit",
    doc: ALTER_TABLE,
    steps: [
      schema('sp_other'),
      run(
        "create external table sp_other.t (a varchar(5), b varchar(5)) stored as parquet location 's3://b/t/'",
      ),
      fails(
        'alter table sp_other.t rename to u',
        '0A000',
        'cannot rename external table "t"',
      ),
      fails(
        'alter table sp_other.t alter column a type varchar(10)',
        '0A000',
        'an emulator limit',
      ),
      fails(
        'alter table sp_other.t alter column b type varchar(10)',
        '0A000',
        'an emulator limit',
      ),
    ],
  },

  // Reading, local objects, catalogs that leave external tables out.
  {
    title: 'Reading or writing an external table is an emulator limit (0A000)',
    doc: CREATE_TABLE,
    steps: [
      schema('sp_read'),
      run(
        "create external table sp_read.t (a int) stored as parquet location 's3://b/t/'",
      ),
      fails('select * from sp_read.t', '0A000', 'an emulator limit'),
      fails(
        'select count(*) from sp_read.t where a = 1',
        '0A000',
        'an emulator limit',
      ),
      fails('insert into sp_read.t values (1)', '0A000', 'an emulator limit'),
    ],
  },
  {
    title: 'An external schema holds no local tables or views',
    doc: CREATE_SCHEMA,
    steps: [
      schema('sp_local'),
      fails(
        'create table sp_local.t (a int)',
        '0A000',
        'cannot create a local object in external schema "sp_local"',
      ),
      fails(
        'create view sp_local.v as select 1 as a',
        '0A000',
        'cannot create a local object in external schema "sp_local"',
      ),
    ],
  },
  {
    title: 'PG_TABLE_DEF and SVV_REDSHIFT_TABLES leave external tables out',
    doc: PG_TABLE_DEF,
    steps: [
      schema('sp_hidden'),
      run(
        "create external table sp_hidden.t (a int) stored as parquet location 's3://b/t/'",
      ),
      run('set search_path to sp_hidden, public'),
      rows(
        "select count(*)::int as n from pg_table_def where schemaname = 'sp_hidden'",
        [{ n: 0 }],
      ),
      rows(
        "select count(*)::int as n from svv_redshift_tables where schema_name = 'sp_hidden'",
        [{ n: 0 }],
      ),
      rows(
        "select count(*)::int as n from svv_redshift_columns where schema_name = 'sp_hidden'",
        [{ n: 0 }],
      ),
    ],
  },

  // DROP TABLE and DROP SCHEMA.
  {
    title:
      'DROP TABLE of an external table removes it and its partitions from the catalog',
    doc: DROP_TABLE,
    steps: [
      schema('sp_drop'),
      run(
        "create external table sp_drop.t (a int) partitioned by (d int) stored as parquet location 's3://b/t/'",
      ),
      run("alter table sp_drop.t add partition (d=1) location 's3://b/t/1/'"),
      run('drop table sp_drop.t'),
      rows(
        `select (select count(*) from svv_external_tables where schemaname = 'sp_drop')::int as tables,
          (select count(*) from svv_external_columns where schemaname = 'sp_drop')::int as columns,
          (select count(*) from svv_external_partitions where schemaname = 'sp_drop')::int as partitions`,
        [{ tables: 0, columns: 0, partitions: 0 }],
      ),
      run(
        "create external table sp_drop.t (b varchar(5)) stored as parquet location 's3://b/t2/'",
      ),
      rows(externalColumns('sp_drop', 't'), [
        {
          columnname: 'b',
          external_type: 'varchar(5)',
          columnnum: 1,
          part_key: 0,
        },
      ]),
    ],
  },
  {
    title:
      'DROP SCHEMA: RESTRICT by default, CASCADE and DROP EXTERNAL DATABASE drop its tables',
    doc: DROP_SCHEMA,
    steps: [
      schema('sp_ds1'),
      schema('sp_ds2'),
      run(
        "create external table sp_ds1.t (a int) stored as parquet location 's3://b/t/'",
      ),
      run(
        "create external table sp_ds2.t (a int) stored as parquet location 's3://b/t/'",
      ),
      fails('drop schema sp_ds1', '2BP01', 'cannot drop schema sp_ds1'),
      run('drop schema sp_ds1 cascade'),
      run('drop schema sp_ds2 drop external database cascade'),
      run('drop schema if exists sp_ds2 drop external database'),
      rows(
        `select (select count(*) from svv_external_schemas where schemaname in ('sp_ds1', 'sp_ds2'))::int as schemas,
          (select count(*) from svv_external_tables where schemaname in ('sp_ds1', 'sp_ds2'))::int as tables`,
        [{ schemas: 0, tables: 0 }],
      ),
    ],
  },
]

describeFidelityCases(
  'local emulator: Redshift Spectrum DDL, as documented',
  'local_fidelity_spectrum',
  CASES,
)
