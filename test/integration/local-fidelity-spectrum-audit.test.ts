import {
  fails,
  rows,
  run,
  describeFidelityCases,
  type FidelityCase as Case,
} from './fidelity-steps.js'

// The Developer Guide's Redshift Spectrum chapter and external-object
// commands, page by page: each page's examples and documented rules run
// through the emulator. local-fidelity-spectrum.test.ts and
// local-spectrum-add-column.test.ts hold the cases written before this
// audit; they are not repeated here. This file's emulator has no S3, so
// the pages' query results are checked only as far as the catalog goes;
// local-spectrum-reads.test.ts reads external tables' files.

const DG = 'https://docs.aws.amazon.com/redshift/latest/dg/'
const CREATE_SCHEMA = `${DG}r_CREATE_EXTERNAL_SCHEMA.html`
const CREATE_TABLE = `${DG}r_CREATE_EXTERNAL_TABLE.html`
const TABLE_EXAMPLES = `${DG}r_CREATE_EXTERNAL_TABLE_examples.html`
const TABLE_USAGE = `${DG}r_CREATE_EXTERNAL_TABLE_usage.html`
const EXTERNAL_TABLES = `${DG}c-spectrum-external-tables.html`
const NESTED_CREATE = `${DG}tutorial-nested-data-create-table.html`
const NESTED_QUERY = `${DG}tutorial-query-nested-data-sqlextensions.html`
const ALTER_EXTERNAL = `${DG}r_ALTER_TABLE_external-table.html`
const INSERT_EXTERNAL = `${DG}r_INSERT_external_table.html`
const CREATE_VIEW = `${DG}r_CREATE_VIEW.html`
const GRANT = `${DG}r_GRANT.html`
const PSEUDO_SETTING = `${DG}r_spectrum_enable_pseudo_columns.html`
const SPECTRUM_OID = `${DG}r_spectrum_enable_spectrum_oid.html`
const CREATE_FUNCTION = `${DG}r_CREATE_EXTERNAL_FUNCTION.html`
const SVL_S3QUERY = `${DG}r_SVL_S3QUERY.html`
const SVL_S3QUERY_SUMMARY = `${DG}r_SVL_S3QUERY_SUMMARY.html`
const SVL_S3PARTITION = `${DG}r_SVL_S3PARTITION.html`
const SVL_S3PARTITION_SUMMARY = `${DG}r_SVL_S3PARTITION_SUMMARY.html`
const SCAN_ERROR = `${DG}r_SVL_SPECTRUM_SCAN_ERROR.html`
const QUERY_DETAIL = `${DG}SYS_EXTERNAL_QUERY_DETAIL.html`
const QUERY_ERROR = `${DG}SYS_EXTERNAL_QUERY_ERROR.html`

const ROLE = 'arn:aws:iam::123456789012:role/mySpectrumRole'
const LIMIT = 'an emulator limit'

/** An external schema of the case's own over a new data catalog database. */
const schema = (name: string) =>
  run(
    `create external schema ${name} from data catalog database '${name}db' iam_role '${ROLE}' create external database if not exists`,
  )

const tableRow = (schemaName: string, table: string, columns: string) =>
  `select ${columns} from svv_external_tables where schemaname = '${schemaName}' and tablename = '${table}'`
const columnTypes = (schemaName: string, table: string) =>
  `select columnname, external_type, columnnum, part_key from svv_external_columns
   where schemaname = '${schemaName}' and tablename = '${table}' order by columnnum`
const col = (
  columnname: string,
  external_type: string,
  columnnum: number,
  part_key = 0,
) => ({ columnname, external_type, columnnum, part_key })

const TEXT_INPUT = 'org.apache.hadoop.mapred.TextInputFormat'
const TEXT_OUTPUT = 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat'

/** `n` columns `c1 int, c2 int, ...`. */
const manyColumns = (n: number) =>
  Array.from({ length: n }, (_, i) => `c${i + 1} int`).join(', ')

/** The documented columns of a view, all of them, reading no row. */
const viewColumns = (view: string, columns: string) =>
  rows(`select ${columns} from ${view}`, [])

const CASES: readonly Case[] = [
  // CREATE EXTERNAL SCHEMA.
  {
    title:
      "CREATE EXTERNAL SCHEMA examples: region, a new database, Hive's PORT, chained roles with CATALOG_ROLE",
    doc: CREATE_SCHEMA,
    steps: [
      run(
        "create external schema au_ex1 from data catalog database 'sampledb' region 'us-west-2' iam_role 'arn:aws:iam::123456789012:role/MySpectrumRole'",
      ),
      run(
        "create external schema au_ex2 from data catalog database 'spectrum_db' iam_role 'arn:aws:iam::123456789012:role/MySpectrumRole' create external database if not exists",
      ),
      run(
        "create external schema au_ex3 from hive metastore database 'hive_db' uri '172.10.10.10' port 99 iam_role 'arn:aws:iam::123456789012:role/MySpectrumRole'",
      ),
      run(
        "create external schema au_ex4 from data catalog database 'spectrum_db' iam_role 'arn:aws:iam::123456789012:role/myRedshiftRole,arn:aws:iam::123456789012:role/myS3Role' catalog_role 'arn:aws:iam::123456789012:role/myAthenaRole' create external database if not exists",
      ),
      rows(
        "select schemaname::text, eskind, databasename from svv_external_schemas where schemaname like 'au_ex%' order by 1",
        [
          { schemaname: 'au_ex1', eskind: 1, databasename: 'sampledb' },
          { schemaname: 'au_ex2', eskind: 1, databasename: 'spectrum_db' },
          { schemaname: 'au_ex3', eskind: 2, databasename: 'hive_db' },
          { schemaname: 'au_ex4', eskind: 1, databasename: 'spectrum_db' },
        ],
      ),
      rows(
        "select esoptions from svv_external_schemas where schemaname = 'au_ex3'",
        [
          {
            esoptions:
              '{"URI":"172.10.10.10","PORT":"99","IAM_ROLE":"arn:aws:iam::123456789012:role/MySpectrumRole"}',
          },
        ],
      ),
    ],
  },
  {
    title:
      'CREATE EXTERNAL SCHEMA FROM MYSQL, KINESIS and MSK are emulator limits; FROM REDSHIFT needs a database that exists',
    doc: CREATE_SCHEMA,
    steps: [
      fails(
        "create external schema au_my from mysql database 'mydb' uri 'endpoint' iam_role default secret_arn 'arn:aws:secretsmanager:us-east-2:123456789012:secret:s'",
        '0A000',
        LIMIT,
      ),
      fails(
        'create external schema au_kds from kinesis iam_role default',
        '0A000',
        LIMIT,
      ),
      fails(
        "create external schema au_msk from msk iam_role default authentication iam cluster_arn 'arn:aws:kafka:us-east-1:123456789012:cluster/c/abc'",
        '0A000',
        LIMIT,
      ),
      fails(
        "create external schema au_rs from redshift database 'sales_db' schema 'public'",
        '3D000',
        'database "sales_db" does not exist',
      ),
    ],
  },

  // CREATE EXTERNAL TABLE: the examples page.
  {
    title:
      'The tab-delimited SALES example: field delimiter, TEXTFILE and numRows in SVV_EXTERNAL_TABLES',
    doc: TABLE_EXAMPLES,
    steps: [
      schema('au_sales'),
      run(`create external table au_sales.sales(
        salesid integer, listid integer, sellerid integer, buyerid integer, eventid integer,
        saledate date, qtysold smallint, pricepaid decimal(8,2), commission decimal(8,2), saletime timestamp)
        row format delimited fields terminated by '\\t' stored as textfile
        location 's3://awssampledbuswest2/tickit/spectrum/sales/' table properties ('numRows'='170000')`),
      rows(
        tableRow(
          'au_sales',
          'sales',
          'location, input_format, output_format, serde_parameters, parameters',
        ),
        [
          {
            location: 's3://awssampledbuswest2/tickit/spectrum/sales/',
            input_format: TEXT_INPUT,
            output_format: TEXT_OUTPUT,
            serde_parameters:
              '{"field.delim":"\\t","serialization.format":"\\t"}',
            parameters: '{"EXTERNAL":"TRUE","numRows":"170000"}',
          },
        ],
      ),
      rows(
        "select columnname, external_type from svv_external_columns where schemaname = 'au_sales' and columnnum in (6, 8, 10) order by columnnum",
        [
          { columnname: 'saledate', external_type: 'date' },
          { columnname: 'pricepaid', external_type: 'decimal(8,2)' },
          { columnname: 'saletime', external_type: 'timestamp' },
        ],
      ),
    ],
  },
  {
    title:
      'The JsonSerDe example: no STORED AS (text files), VARCHAR(MAX), SERDEPROPERTIES kept',
    doc: TABLE_EXAMPLES,
    steps: [
      schema('au_json'),
      run(`create external table au_json.cloudtrail_json (
        event_version int, event_id bigint, event_time timestamp, event_type varchar(10),
        awsregion varchar(20), event_name varchar(max), event_source varchar(max),
        requesttime timestamp, useragent varchar(max), recipientaccountid bigint)
        row format serde 'org.openx.data.jsonserde.JsonSerDe'
        with serdeproperties ('dots.in.keys' = 'true', 'mapping.requesttime' = 'requesttimestamp')
        location 's3://mybucket/json/cloudtrail'`),
      rows(
        tableRow(
          'au_json',
          'cloudtrail_json',
          'input_format, serialization_lib, serde_parameters',
        ),
        [
          {
            input_format: TEXT_INPUT,
            serialization_lib: 'org.openx.data.jsonserde.JsonSerDe',
            serde_parameters:
              '{"dots.in.keys":"true","mapping.requesttime":"requesttimestamp"}',
          },
        ],
      ),
      rows(
        "select external_type from svv_external_columns where schemaname = 'au_json' and columnname = 'event_name'",
        [{ external_type: 'varchar(65535)' }],
      ),
      // Without a SerDe, STORED AS stays required.
      fails(
        "create external table au_json.nofmt (a int) location 's3://b/t/'",
        '42601',
        'syntax error at or near "location"',
      ),
    ],
  },
  {
    title:
      'The AVRO, RegexSerDe, GrokSerDe, S3 access log and ION examples are created',
    doc: TABLE_EXAMPLES,
    steps: [
      schema('au_serde'),
      run(`create external table au_serde.sales(salesid int, listid int, sellerid int, buyerid int, eventid int, dateid int, qtysold int, pricepaid decimal(8,2), comment VARCHAR(255))
        ROW FORMAT SERDE 'org.apache.hadoop.hive.serde2.avro.AvroSerDe'
        WITH SERDEPROPERTIES ('avro.schema.literal'='{\\"namespace\\": \\"dory.sample\\",\\"name\\": \\"dory_avro\\",\\"type\\": \\"record\\", \\"fields\\": [{\\"name\\":\\"salesid\\", \\"type\\":\\"int\\"}]}')
        STORED AS AVRO location 's3://mybucket/avro/sales'`),
      run(`create external table au_serde.types(cbigint bigint, cbigint_null bigint, cint int, cint_null int)
        row format serde 'org.apache.hadoop.hive.serde2.RegexSerDe'
        with serdeproperties ('input.regex'='([^\\\\x01]+)\\\\x01([^\\\\x01]+)\\\\x01([^\\\\x01]+)\\\\x01([^\\\\x01]+)')
        stored as textfile location 's3://mybucket/regex/types'`),
      run(`create external table au_serde.grok_log(timestamp varchar(255), pid varchar(255), loglevel varchar(255), progname varchar(255), message varchar(255))
        row format serde 'com.amazonaws.glue.serde.GrokSerDe'
        with serdeproperties ('input.format'='[DFEWI], \\\\[%{TIMESTAMP_ISO8601:timestamp} #%{POSINT:pid:int}\\\\] *(?<loglevel>:DEBUG|FATAL|ERROR|WARN|INFO) -- +%{DATA:progname}: %{GREEDYDATA:message}')
        stored as textfile location 's3://mybucket/grok/logs'`),
      run(`CREATE EXTERNAL TABLE au_serde.mybucket_s3_logs(bucketowner varchar(255), bucket varchar(255),
        requestdatetime varchar(2000), remoteip varchar(255), key varchar(255), bytessent bigint, objectsize bigint)
        ROW FORMAT SERDE 'org.apache.hadoop.hive.serde2.RegexSerDe'
        WITH SERDEPROPERTIES ('input.regex' = '([^ ]*) ([^ ]*) \\\\[(.*?)\\\\] ([^ ]*) ([^ ]*) ([^ ]*) ([^ ]*).*$')
        LOCATION 's3://mybucket/s3logs'`),
      run(`CREATE EXTERNAL TABLE au_serde.ion_t (a int)
        ROW FORMAT SERDE 'com.amazon.ionhiveserde.IonHiveSerDe'
        STORED AS INPUTFORMAT 'com.amazon.ionhiveserde.formats.IonInputFormat'
        OUTPUTFORMAT 'com.amazon.ionhiveserde.formats.IonOutputFormat'
        LOCATION 's3://s3-bucket/prefix'`),
      rows(
        "select tablename, serialization_lib from svv_external_tables where schemaname = 'au_serde' order by tablename",
        [
          {
            tablename: 'grok_log',
            serialization_lib: 'com.amazonaws.glue.serde.GrokSerDe',
          },
          {
            tablename: 'ion_t',
            serialization_lib: 'com.amazon.ionhiveserde.IonHiveSerDe',
          },
          {
            tablename: 'mybucket_s3_logs',
            serialization_lib: 'org.apache.hadoop.hive.serde2.RegexSerDe',
          },
          {
            tablename: 'sales',
            serialization_lib: 'org.apache.hadoop.hive.serde2.avro.AvroSerDe',
          },
          {
            tablename: 'types',
            serialization_lib: 'org.apache.hadoop.hive.serde2.RegexSerDe',
          },
        ],
      ),
      // Backslash escapes are read as Redshift reads them: '\\x01' is \x01.
      rows(tableRow('au_serde', 'types', 'serde_parameters'), [
        {
          serde_parameters:
            '{"input.regex":"([^\\\\x01]+)\\\\x01([^\\\\x01]+)\\\\x01([^\\\\x01]+)\\\\x01([^\\\\x01]+)"}',
        },
      ]),
      rows(tableRow('au_serde', 'ion_t', 'input_format, output_format'), [
        {
          input_format: 'com.amazon.ionhiveserde.formats.IonInputFormat',
          output_format: 'com.amazon.ionhiveserde.formats.IonOutputFormat',
        },
      ]),
    ],
  },
  {
    title:
      "The data handling example: LINES TERMINATED BY '\\n\\l', skip.header.line.count, then SET TABLE PROPERTIES",
    doc: TABLE_EXAMPLES,
    steps: [
      schema('au_uddh'),
      run(`CREATE EXTERNAL TABLE au_uddh.soccer_league (league_rank smallint, prev_rank smallint,
        club_name varchar(15), league_name varchar(20), league_off decimal(6,2), league_def decimal(6,2),
        league_spi decimal(6,2), league_nspi integer)
        ROW FORMAT DELIMITED FIELDS TERMINATED BY ',' LINES TERMINATED BY '\\n\\l'
        stored as textfile LOCATION 's3://spectrum-uddh/league/'
        table properties ('skip.header.line.count'='1')`),
      run(
        "alter table au_uddh.soccer_league set table properties ('invalid_char_handling'='REPLACE','replacement_char'='?','data_cleansing_enabled'='true')",
      ),
      rows(
        tableRow(
          'au_uddh',
          'soccer_league',
          `json_extract_path_text(parameters, 'skip.header.line.count') as skip,
           json_extract_path_text(parameters, 'invalid_char_handling') as handling,
           json_extract_path_text(parameters, 'replacement_char') as replacement,
           json_extract_path_text(parameters, 'data_cleansing_enabled') as cleansing`,
        ),
        [
          {
            skip: '1',
            handling: 'REPLACE',
            replacement: '?',
            cleansing: 'true',
          },
        ],
      ),
      // '\\l' is no escape: the backslash goes, as in any Redshift literal
      // (what Redshift's catalog records for it is not documented).
      rows(tableRow('au_uddh', 'soccer_league', 'serde_parameters'), [
        {
          serde_parameters:
            '{"field.delim":",","line.delim":"\\nl","serialization.format":","}',
        },
      ]),
      run(
        "alter table au_uddh.soccer_league set table properties ('invalid_char_handling'='DROP_ROW','data_cleansing_enabled'='true')",
      ),
      rows(
        "select json_extract_path_text(parameters, 'invalid_char_handling') as v from svv_external_tables where schemaname = 'au_uddh'",
        [{ v: 'DROP_ROW' }],
      ),
      // A field terminator stays one character.
      fails(
        "create external table au_uddh.t2 (a int) row format delimited fields terminated by ',,' stored as textfile location 's3://b/t/'",
        '22023',
        'FIELDS TERMINATED BY takes a single ASCII character',
      ),
    ],
  },
  {
    title:
      'A table name may be qualified by the database; names are truncated to 127 bytes',
    doc: CREATE_TABLE,
    steps: [
      schema('au_names'),
      run(
        "create external table {db}.au_names.test (c1 int) stored as parquet location 's3://mybucket/myfolder/'",
      ),
      run(
        `create external table au_names.${'n'.repeat(130)} (${'c'.repeat(130)} int) stored as parquet location 's3://mybucket/long/'`,
      ),
      rows(
        "select tablename, octet_length(tablename) as n from svv_external_tables where schemaname = 'au_names' order by 2",
        [
          { tablename: 'test', n: 4 },
          { tablename: 'n'.repeat(127), n: 127 },
        ],
      ),
      rows(
        `select columnname from svv_external_columns where schemaname = 'au_names' and tablename = '${'n'.repeat(127)}'`,
        [{ columnname: 'c'.repeat(127) }],
      ),
    ],
  },
  {
    title:
      "VARCHAR(MAX) and CHAR(MAX) are the largest lengths; an 'S3://' location is an S3 path",
    doc: CREATE_TABLE,
    steps: [
      schema('au_types'),
      run(
        "create external table au_types.t (v varchar(max), c char(max), n nvarchar(max)) stored as parquet location 'S3://mybucket/upper/'",
      ),
      rows(columnTypes('au_types', 't'), [
        col('v', 'varchar(65535)', 1),
        col('c', 'char(4096)', 2),
        col('n', 'varchar(65535)', 3),
      ]),
      rows(tableRow('au_types', 't', 'location'), [
        { location: 'S3://mybucket/upper/' },
      ]),
    ],
  },
  {
    title:
      'At most 1,598 columns with the pseudocolumns on, 1,600 with spectrum_enable_pseudo_columns off',
    doc: CREATE_TABLE,
    steps: [
      schema('au_wide'),
      fails(
        `create external table au_wide.t1599 (${manyColumns(1599)}) stored as parquet location 's3://b/w/'`,
        '54011',
        'tables can have at most 1598 columns',
      ),
      run('set spectrum_enable_pseudo_columns to false'),
      run(
        `create external table au_wide.t1600 (${manyColumns(1600)}) stored as parquet location 's3://b/w/'`,
      ),
      fails(
        `create external table au_wide.t1601 (${manyColumns(1601)}) stored as parquet location 's3://b/w/'`,
        '54011',
        'tables can have at most 1600 columns',
      ),
      run('reset spectrum_enable_pseudo_columns'),
      rows(
        "select count(*)::int as n from svv_external_columns where schemaname = 'au_wide'",
        [{ n: 1600 }],
      ),
    ],
  },

  // Pseudocolumns and their settings.
  {
    title:
      'Selecting "$path" and "$size" reads the files (none here: the table has no partitions); "$spectrum_oid" is an emulator limit',
    doc: TABLE_USAGE,
    steps: [
      schema('au_pseudo'),
      run(
        "create external table au_pseudo.sales_part (salesid int) partitioned by (saledate date) stored as parquet location 's3://b/p/'",
      ),
      rows(
        `select "$path", "$size" from au_pseudo.sales_part where saledate = '2008-12-01'`,
        [],
      ),
      rows('select distinct "$path", "$size" from au_pseudo.sales_part', []),
      fails(
        'select s."$spectrum_oid" from au_pseudo.sales_part s',
        '0A000',
        LIMIT,
      ),
      rows('select * from au_pseudo.sales_part', []),
    ],
  },
  {
    title: 'SET spectrum_enable_pseudo_columns to false, and SHOW it',
    doc: PSEUDO_SETTING,
    steps: [
      rows('show spectrum_enable_pseudo_columns', [
        { spectrum_enable_pseudo_columns: 'on' },
      ]),
      run('set spectrum_enable_pseudo_columns to false'),
      rows('show spectrum_enable_pseudo_columns', [
        { spectrum_enable_pseudo_columns: 'off' },
      ]),
    ],
  },
  {
    title: 'SET enable_spectrum_oid to false, and SHOW it',
    doc: SPECTRUM_OID,
    steps: [
      run('set enable_spectrum_oid to false'),
      rows('show enable_spectrum_oid', [{ enable_spectrum_oid: 'off' }]),
    ],
  },
  {
    title:
      "External tables' permissions: ALTER SCHEMA OWNER, GRANT USAGE to a group, GRANT TEMP on the database",
    doc: TABLE_USAGE,
    steps: [
      schema('au_perm'),
      run(
        "create external table au_perm.t (a int) stored as parquet location 's3://b/t/'",
      ),
      run('create user au_newowner password disable'),
      run('create group au_spectrumusers'),
      run('alter schema au_perm owner to au_newowner'),
      rows(
        "select u.usename::text from svv_external_schemas s join pg_user u on u.usesysid = s.esowner where s.schemaname = 'au_perm'",
        [{ usename: 'au_newowner' }],
      ),
      run('grant usage on schema au_perm to group au_spectrumusers'),
      run('grant temp on database {db} to group au_spectrumusers'),
      run('revoke usage on schema au_perm from group au_spectrumusers'),
      run('revoke temp on database {db} from group au_spectrumusers'),
      run('alter schema au_perm owner to current_user'),
      run('drop group au_spectrumusers'),
      run('drop user au_newowner'),
    ],
  },
  {
    title:
      "GRANT and REVOKE on an external table are refused: access goes through the schema's USAGE",
    doc: CREATE_TABLE,
    steps: [
      schema('au_grant'),
      run(
        "create external table au_grant.sales (a int) stored as parquet location 's3://b/t/'",
      ),
      fails(
        'grant select on au_grant.sales to public',
        '0A000',
        'GRANT on external table au_grant.sales is not supported',
      ),
      fails(
        'grant select on table au_grant.sales to public',
        '0A000',
        'is not supported',
      ),
      fails(
        'revoke select on au_grant.sales from public',
        '0A000',
        'REVOKE on external table au_grant.sales is not supported',
      ),
      run('grant usage on schema au_grant to public'),
      // Nothing of the refused statements stayed.
      rows(
        "select relacl is null as none from pg_class where oid = 'au_grant.sales'::regclass",
        [{ none: true }],
      ),
      // GRANT on local tables is untouched.
      run('create table au_grant_local (a int)'),
      run('grant select on au_grant_local to public'),
      run('drop table au_grant_local'),
    ],
  },
  {
    title:
      "Lake Formation's GRANT / REVOKE ON EXTERNAL TABLE | SCHEMA TO IAM_ROLE are an emulator limit",
    doc: GRANT,
    steps: [
      schema('au_lf'),
      run(
        "create external table au_lf.t (a int) stored as parquet location 's3://b/t/'",
      ),
      fails(
        "grant select on external table au_lf.t to iam_role 'arn:aws:iam::123456789012:role/r'",
        '0A000',
        LIMIT,
      ),
      fails(
        "grant alter, drop on external schema au_lf to iam_role 'arn:aws:iam::123456789012:role/r'",
        '0A000',
        LIMIT,
      ),
      fails(
        "revoke all on external table au_lf.t from iam_role 'arn:aws:iam::123456789012:role/r'",
        '0A000',
        LIMIT,
      ),
    ],
  },
  {
    title:
      'A view that reads an external table must be a late-binding view (WITH NO SCHEMA BINDING)',
    doc: CREATE_TABLE,
    steps: [
      schema('au_view'),
      run(
        "create external table au_view.sales (a int, d date) stored as parquet location 's3://b/t/'",
      ),
      fails(
        'create view au_v_sales as select * from au_view.sales',
        '0A000',
        'External tables are not supported in views',
      ),
      fails(
        'create view au_v_join as select l.a from au_view.sales l join pg_class c on true',
        '0A000',
        'External tables are not supported in views',
      ),
      run(
        'create view au_v_late as select * from au_view.sales with no schema binding',
      ),
      // The same columns: a replaced view keeps its columns (r_CREATE_VIEW.html).
      run(
        'create or replace view au_v_late as select a, d from au_view.sales where a > 0 with no schema binding',
      ),
      fails('select * from au_v_late', '0A000', LIMIT),
      // An ALTER elsewhere rebinds the late-binding view without trouble.
      run('alter schema au_view owner to current_user'),
      run('drop view au_v_late'),
    ],
  },
  {
    title:
      'A late-binding view of DATE and TIMESTAMP columns survives ALTER TABLE of what it reads',
    doc: CREATE_VIEW,
    steps: [
      run('create table au_lb (d date, t timestamp, n numeric(8,2))'),
      run(
        'create view au_lb_v as select * from public.au_lb with no schema binding',
      ),
      run('alter table au_lb add column e int'),
      run(
        "insert into au_lb values ('2008-01-01', '2008-01-01 10:00', 1.5, 2)",
      ),
      rows('select d::text, e from au_lb_v', [{ d: '2008-01-01', e: 2 }]),
      run('drop view au_lb_v'),
      run('drop table au_lb'),
    ],
  },

  // Partitions (c-spectrum-external-tables.html).
  {
    title:
      'Partitioning examples: CHAR(10) and two partition keys, several partitions in one ALTER TABLE',
    doc: EXTERNAL_TABLES,
    steps: [
      schema('au_part'),
      run(`create external table au_part.sales_part(salesid integer, listid integer, pricepaid decimal(8,2), saletime timestamp)
        partitioned by (saledate char(10)) row format delimited fields terminated by '|' stored as textfile
        location 's3://redshift-downloads/tickit/spectrum/sales_partition/' table properties ('numRows'='172000')`),
      run(`alter table au_part.sales_part add
        partition(saledate='2008-01') location 's3://redshift-downloads/tickit/spectrum/sales_partition/saledate=2008-01/'
        partition(saledate='2008-03') location 's3://redshift-downloads/tickit/spectrum/sales_partition/saledate=2008-03/'
        partition(saledate='2008-04') location 's3://redshift-downloads/tickit/spectrum/sales_partition/saledate=2008-04/'`),
      rows(
        "select values, location from svv_external_partitions where schemaname = 'au_part' and tablename = 'sales_part' order by 1",
        [
          {
            values: '["2008-01"]',
            location:
              's3://redshift-downloads/tickit/spectrum/sales_partition/saledate=2008-01/',
          },
          {
            values: '["2008-03"]',
            location:
              's3://redshift-downloads/tickit/spectrum/sales_partition/saledate=2008-03/',
          },
          {
            values: '["2008-04"]',
            location:
              's3://redshift-downloads/tickit/spectrum/sales_partition/saledate=2008-04/',
          },
        ],
      ),
      run(`create external table au_part.sales_event(salesid integer, eventid integer)
        partitioned by (salesmonth char(10), event integer) row format delimited fields terminated by '|'
        stored as textfile location 's3://redshift-downloads/tickit/spectrum/salesevent/'`),
      run(`alter table au_part.sales_event add
        partition(salesmonth='2008-01', event='101') location 's3://redshift-downloads/tickit/spectrum/salesevent/salesmonth=2008-01/event=101/'
        partition(salesmonth='2008-01', event='102') location 's3://redshift-downloads/tickit/spectrum/salesevent/salesmonth=2008-01/event=102/'`),
      rows(
        "select values from svv_external_partitions where tablename = 'sales_event' order by 1",
        [{ values: '["2008-01", "101"]' }, { values: '["2008-01", "102"]' }],
      ),
      rows(columnTypes('au_part', 'sales_event'), [
        col('salesid', 'int', 1),
        col('eventid', 'int', 2),
        col('salesmonth', 'char(10)', 3, 1),
        col('event', 'int', 4, 2),
      ]),
    ],
  },
  {
    title:
      'A partition column is a scalar: nested types are refused in PARTITIONED BY',
    doc: EXTERNAL_TABLES,
    steps: [
      schema('au_pnest'),
      fails(
        "create external table au_pnest.t (a int) partitioned by (p array<int>) stored as parquet location 's3://b/t/'",
        '0A000',
        'partition column "p" has type array<int>',
      ),
    ],
  },
  {
    title:
      'Hudi and Delta Lake tables: a Parquet SerDe with their INPUTFORMAT and OUTPUTFORMAT',
    doc: EXTERNAL_TABLES,
    steps: [
      schema('au_lake'),
      run(`CREATE EXTERNAL TABLE au_lake.hudi (a int) PARTITIONED BY (p date)
        ROW FORMAT SERDE 'org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe'
        STORED AS INPUTFORMAT 'org.apache.hudi.hadoop.HoodieParquetInputFormat'
        OUTPUTFORMAT 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat'
        LOCATION 's3://s3-bucket/prefix'`),
      run(
        "ALTER TABLE au_lake.hudi ADD IF NOT EXISTS PARTITION(p='2020-01-01') LOCATION 's3://s3-bucket/prefix/p=2020-01-01'",
      ),
      run(`CREATE EXTERNAL TABLE au_lake.delta (a int)
        ROW FORMAT SERDE 'org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe'
        STORED AS INPUTFORMAT 'org.apache.hadoop.hive.ql.io.SymlinkTextInputFormat'
        OUTPUTFORMAT 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat'
        LOCATION 's3://s3-bucket/prefix/_symlink_format_manifest'`),
      rows(
        "select tablename, input_format from svv_external_tables where schemaname = 'au_lake' order by 1",
        [
          {
            tablename: 'delta',
            input_format: 'org.apache.hadoop.hive.ql.io.SymlinkTextInputFormat',
          },
          {
            tablename: 'hudi',
            input_format: 'org.apache.hudi.hadoop.HoodieParquetInputFormat',
          },
        ],
      ),
    ],
  },
  {
    title:
      'The ORC example: struct fields may be quoted, a map holds an array; orc.schema.resolution',
    doc: EXTERNAL_TABLES,
    steps: [
      schema('au_orc'),
      run(`create external table au_orc.orc_example(
        int_col int,
        float_col float,
        nested_col struct<
          "int_col" : int,
          "map_col" : map<int, array<float >>
           >
        ) stored as orc
        location 's3://example/orc/files/'`),
      rows(columnTypes('au_orc', 'orc_example'), [
        col('int_col', 'int', 1),
        col('float_col', 'double', 2),
        col(
          'nested_col',
          'struct<int_col:int,map_col:map<int,array<double>>>',
          3,
        ),
      ]),
      run(
        "alter table au_orc.orc_example set table properties('orc.schema.resolution'='position')",
      ),
      run(
        "alter table au_orc.orc_example set table properties('orc.schema.resolution'='name')",
      ),
      rows(
        "select json_extract_path_text(parameters, 'orc.schema.resolution') as v from svv_external_tables where schemaname = 'au_orc'",
        [{ v: 'name' }],
      ),
    ],
  },

  // Nested data.
  {
    title:
      'The nested data tutorial table: struct and array columns in SVV_EXTERNAL_COLUMNS',
    doc: NESTED_CREATE,
    steps: [
      schema('au_nest'),
      run(`CREATE EXTERNAL TABLE au_nest.customers (
        id     int,
        name   struct<given:varchar(20), family:varchar(20)>,
        phones array<varchar(20)>,
        orders array<struct<shipdate:timestamp, price:double precision>>
        )
        STORED AS PARQUET
        LOCATION 's3://awssampledbuswest2/nested_example/customers/'`),
      rows(columnTypes('au_nest', 'customers'), [
        col('id', 'int', 1),
        col('name', 'struct<given:varchar(20),family:varchar(20)>', 2),
        col('phones', 'array<varchar(20)>', 3),
        col('orders', 'array<struct<shipdate:timestamp,price:double>>', 4),
      ]),
      run(`create external table au_nest.deep (
        toparray array<struct<nestedarray:
                 array<struct<morenestedarray:
                 array<string>>>>>,
        x struct<a: string,
                 b: struct<c: integer,
                           d: struct<e: string>
                          >
                >
        ) stored as parquet location 's3://b/deep/'`),
      rows(columnTypes('au_nest', 'deep'), [
        col(
          'toparray',
          'array<struct<nestedarray:array<struct<morenestedarray:array<string>>>>>',
          1,
        ),
        col('x', 'struct<a:string,b:struct<c:int,d:struct<e:string>>>', 2),
      ]),
    ],
  },
  {
    title:
      'A map column is created; querying nested data (dot paths, ranging over arrays) is an emulator limit',
    doc: NESTED_QUERY,
    steps: [
      schema('au_nq'),
      run(`CREATE EXTERNAL TABLE au_nq.customers (
        id     int,
        name   struct<given:varchar(20), family:varchar(20)>,
        phones map<varchar(20), varchar(20)>,
        orders array<struct<shipdate:timestamp, price:double precision>>
        ) stored as parquet location 's3://b/c/'`),
      rows(
        "select external_type from svv_external_columns where schemaname = 'au_nq' and columnname = 'phones'",
        [{ external_type: 'map<varchar(20),varchar(20)>' }],
      ),
      fails('SELECT c.id FROM au_nq.customers c', '0A000', LIMIT),
      fails(
        'SELECT c.id, o.shipdate FROM au_nq.customers c, c.orders o',
        '0A000',
        LIMIT,
      ),
      fails(
        'SELECT c.name.given, c.name.family FROM au_nq.customers c',
        '0A000',
        LIMIT,
      ),
    ],
  },
  {
    title:
      'Nested types are written struct<name:type>, array<type>, map<scalar, type> of the listed scalars',
    doc: NESTED_CREATE,
    steps: [
      schema('au_nbad'),
      fails(
        "create external table au_nbad.t (a array<>) stored as parquet location 's3://b/t/'",
        '42601',
        'syntax error',
      ),
      fails(
        "create external table au_nbad.t (a struct<b int>) stored as parquet location 's3://b/t/'",
        '42601',
        'syntax error',
      ),
      fails(
        "create external table au_nbad.t (a map<struct<k:int>, int>) stored as parquet location 's3://b/t/'",
        '0A000',
        'column "a" has a nested type of STRUCT',
      ),
      fails(
        "create external table au_nbad.t (a array<super>) stored as parquet location 's3://b/t/'",
        '0A000',
        'column "a" has a nested type of SUPER',
      ),
      fails(
        "create external table au_nbad.t (a array<varchar(70000)>) stored as parquet location 's3://b/t/'",
        '22023',
        'invalid VARCHAR(70000) for column "a"',
      ),
      fails(
        "create external table au_nbad.t (a array) stored as parquet location 's3://b/t/'",
        '42601',
        'syntax error',
      ),
    ],
  },

  // ALTER TABLE on external tables.
  {
    title:
      'ALTER EXTERNAL TABLE examples: properties, location, file format, partitions, RENAME COLUMN',
    doc: ALTER_EXTERNAL,
    steps: [
      schema('au_alter'),
      run(
        "create external table au_alter.sales (salesid int, sales_date date) row format delimited fields terminated by '|' stored as textfile location 's3://b/sales/'",
      ),
      run(
        "create external table au_alter.sales_part (salesid int) partitioned by (saledate date) stored as parquet location 's3://b/part/'",
      ),
      run(
        "alter table au_alter.sales set table properties ('numRows'='170000')",
      ),
      run(
        "alter table au_alter.sales set location 's3://redshift-downloads/tickit/spectrum/sales/'",
      ),
      run('alter table au_alter.sales set file format parquet'),
      rows(
        tableRow(
          'au_alter',
          'sales',
          "location, input_format, json_extract_path_text(parameters, 'numRows') as num_rows",
        ),
        [
          {
            location: 's3://redshift-downloads/tickit/spectrum/sales/',
            input_format:
              'org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat',
            num_rows: '170000',
          },
        ],
      ),
      run(
        "alter table au_alter.sales_part add if not exists partition(saledate='2008-01-01') location 's3://redshift-downloads/tickit/spectrum/sales_partition/saledate=2008-01/'",
      ),
      run(`alter table au_alter.sales_part add if not exists
        partition(saledate='2008-01-01') location 's3://redshift-downloads/tickit/spectrum/sales_partition/saledate=2008-01/'
        partition(saledate='2008-02-01') location 's3://redshift-downloads/tickit/spectrum/sales_partition/saledate=2008-02/'
        partition(saledate='2008-03-01') location 's3://redshift-downloads/tickit/spectrum/sales_partition/saledate=2008-03/'`),
      run(
        "alter table au_alter.sales_part drop partition(saledate='2008-01-01')",
      ),
      run(
        "alter table au_alter.sales_part partition(saledate='2008-02-01') set location 's3://redshift-downloads/tickit/spectrum/sales_partition/saledate=2008-02-01/'",
      ),
      rows(
        "select values, location from svv_external_partitions where schemaname = 'au_alter' order by 1",
        [
          {
            values: '["2008-02-01"]',
            location:
              's3://redshift-downloads/tickit/spectrum/sales_partition/saledate=2008-02-01/',
          },
          {
            values: '["2008-03-01"]',
            location:
              's3://redshift-downloads/tickit/spectrum/sales_partition/saledate=2008-03/',
          },
        ],
      ),
      run(
        'alter table au_alter.sales rename column sales_date to transaction_date',
      ),
      rows(columnTypes('au_alter', 'sales'), [
        col('salesid', 'int', 1),
        col('transaction_date', 'date', 2),
      ]),
    ],
  },
  {
    title:
      'RENAME COLUMN of a partition column, and of a column ADD COLUMN added, keeps the catalog in step',
    doc: ALTER_EXTERNAL,
    steps: [
      schema('au_rename'),
      run(
        "create external table au_rename.t (a int, b varchar(5)) partitioned by (p int) stored as parquet location 's3://b/t/'",
      ),
      run('alter table au_rename.t add column c bigint'),
      run('alter table au_rename.t rename column c to d'),
      run('alter table au_rename.t rename column p to q'),
      rows(columnTypes('au_rename', 't'), [
        col('a', 'int', 1),
        col('b', 'varchar(5)', 2),
        col('d', 'bigint', 3),
        col('q', 'int', 4, 1),
      ]),
      run(
        "alter table au_rename.t add partition (q=1) location 's3://b/t/q=1/'",
      ),
      rows(
        "select values from svv_external_partitions where schemaname = 'au_rename'",
        [{ values: '["1"]' }],
      ),
      fails(
        'alter table au_rename.t rename column a to b',
        '42701',
        'column "b" of relation "t" already exists',
      ),
      // A renamed partition column is still one (DROP COLUMN:
      // local-fidelity-spectrum-chapter); ALTER COLUMN is a limit.
      fails(
        'alter table au_rename.t drop column q',
        '0A000',
        'cannot drop partition column "q" of external table "t"',
      ),
      fails(
        'alter table au_rename.t alter column a type varchar(10)',
        '0A000',
        LIMIT,
      ),
      run('begin'),
      fails(
        'alter table au_rename.t rename column a to z',
        '25001',
        'cannot run inside a transaction block',
      ),
      run('rollback'),
    ],
  },

  // Writing external tables.
  {
    title:
      'INSERT INTO an external table (which writes files to S3) is an emulator limit',
    doc: INSERT_EXTERNAL,
    steps: [
      schema('au_ins'),
      run(
        "create external table au_ins.t (a int) partitioned by (p int) stored as parquet location 's3://b/t/'",
      ),
      fails('insert into au_ins.t select 1, 2', '0A000', LIMIT),
      fails('insert into au_ins.t values (1, 2)', '0A000', LIMIT),
    ],
  },
  {
    title: 'UPDATE and DELETE of an external table are refused',
    doc: CREATE_TABLE,
    steps: [
      schema('au_dml'),
      run(
        "create external table au_dml.t (a int) stored as parquet location 's3://b/t/'",
      ),
      fails('update au_dml.t set a = 1', '0A000', 'external table'),
      fails('delete from au_dml.t', '0A000', 'external table'),
    ],
  },
  {
    // The rest of CREATE EXTERNAL FUNCTION: local-fidelity-udf-crossdb.test.ts.
    title:
      'CREATE EXTERNAL FUNCTION (a Lambda UDF) runs; a call is an emulator limit',
    doc: CREATE_FUNCTION,
    steps: [
      run(
        "create external function au_exfunc(int) returns int volatile lambda 'f' iam_role default",
      ),
      fails('select au_exfunc(1)', '0A000', 'an emulator limit'),
      run('drop function au_exfunc(int)'),
    ],
  },

  // Spectrum's scan views: every documented column, no row.
  {
    title: 'SVL_S3QUERY has its documented columns',
    doc: SVL_S3QUERY,
    steps: [
      viewColumns(
        'svl_s3query',
        'userid, query, segment, step, node, slice, starttime, endtime, elapsed, external_table_name, is_partitioned, is_rrscan, s3_scanned_rows, s3_scanned_bytes, s3query_returned_rows, s3query_returned_bytes, files, splits, total_split_size, max_split_size, total_retries, max_retries, max_request_duration, avg_request_duration',
      ),
    ],
  },
  {
    title: 'SVL_S3QUERY_SUMMARY has its documented columns',
    doc: SVL_S3QUERY_SUMMARY,
    steps: [
      viewColumns(
        'svl_s3query_summary',
        'userid, query, xid, pid, segment, step, starttime, endtime, elapsed, aborted, external_table_name, file_format, is_partitioned, is_rrscan, is_nested, s3_scanned_rows, s3_scanned_bytes, s3query_returned_rows, s3query_returned_bytes, files, files_max, files_avg, splits',
      ),
      rows(
        `select query, segment, elapsed, s3_scanned_rows, s3query_returned_rows
         from svl_s3query_summary where query = pg_last_query_id() order by query, segment`,
        [],
      ),
    ],
  },
  {
    title:
      "SVL_S3PARTITION has its documented columns, and the page's sample query runs",
    doc: SVL_S3PARTITION,
    steps: [
      viewColumns(
        'svl_s3partition',
        'query, segment, node, slice, starttime, endtime, duration, total_partitions, qualified_partitions, assigned_partitions, assignment',
      ),
      rows(
        `SELECT query, segment, MIN(starttime) AS starttime, MAX(endtime) AS endtime,
           datediff(ms, MIN(starttime), MAX(endtime)) AS dur_ms, MAX(total_partitions) AS total_partitions,
           MAX(qualified_partitions) AS qualified_partitions, MAX(assignment) as assignment_type
         FROM svl_s3partition WHERE query = pg_last_query_id() GROUP BY query, segment`,
        [],
      ),
    ],
  },
  {
    title:
      "SVL_S3PARTITION_SUMMARY has its documented columns, and the page's sample query runs",
    doc: SVL_S3PARTITION_SUMMARY,
    steps: [
      rows(
        `select query, segment, assignment, min_starttime, max_endtime, min_duration, avg_duration,
           max_duration, total_partitions, qualified_partitions, min_assigned_partitions,
           max_assigned_partitions, avg_assigned_partitions
         from svl_s3partition_summary where query = pg_last_query_id() order by query, segment`,
        [],
      ),
    ],
  },
  {
    title: 'SVL_SPECTRUM_SCAN_ERROR has its documented columns and types',
    doc: SCAN_ERROR,
    steps: [
      rows('SELECT * FROM svl_spectrum_scan_error', []),
      rows(
        "select attname::text as name, format_type(atttypid, atttypmod) as type from pg_attribute where attrelid = 'svl_spectrum_scan_error'::regclass and attnum > 0 order by attnum",
        [
          { name: 'userid', type: 'integer' },
          { name: 'query', type: 'integer' },
          { name: 'location', type: 'character(128)' },
          { name: 'rowid', type: 'character(128)' },
          { name: 'colname', type: 'character(128)' },
          { name: 'original_value', type: 'character(128)' },
          { name: 'modified_value', type: 'character(128)' },
          { name: 'trigger', type: 'character(128)' },
          { name: 'action', type: 'character(128)' },
          { name: 'action_value', type: 'character(128)' },
          { name: 'error_code', type: 'integer' },
        ],
      ),
    ],
  },
  {
    title: 'SYS_EXTERNAL_QUERY_DETAIL and SYS_EXTERNAL_QUERY_ERROR exist',
    doc: QUERY_DETAIL,
    steps: [
      viewColumns(
        'sys_external_query_detail',
        'user_id, query_id, transaction_id, child_query_sequence, segment_id, source_type, start_time, end_time, total_partitions, qualified_partitions, scanned_files, returned_rows, returned_bytes, file_location, external_query_text',
      ),
      viewColumns(
        'sys_external_query_error',
        'user_id, query_id, file_location, rowid, column_name, original_value, modified_value, trigger, action, action_value, error_code',
      ),
    ],
  },
  {
    title: 'SYS_EXTERNAL_QUERY_ERROR has its documented types',
    doc: QUERY_ERROR,
    steps: [
      rows(
        "select attname::text as name, format_type(atttypid, atttypmod) as type from pg_attribute where attrelid = 'sys_external_query_error'::regclass and attnum in (2, 3, 4, 5, 6) order by attnum",
        [
          { name: 'query_id', type: 'bigint' },
          { name: 'file_location', type: 'character(256)' },
          { name: 'rowid', type: 'character(2100)' },
          { name: 'column_name', type: 'character(127)' },
          { name: 'original_value', type: 'character(1024)' },
        ],
      ),
    ],
  },
]

describeFidelityCases(
  'local emulator: the Redshift Spectrum pages, audited',
  'local_fidelity_spectrum_audit',
  CASES,
)
