import { expect, it } from 'vitest'

import {
  describeFidelityCases,
  fails,
  rows,
  run,
  type FidelityCase,
} from './fidelity-steps.js'
import { DG } from './function-answers.js'
import { connect } from './local-test-helpers.js'

// The Guide's chapters on designing tables: automatic table optimization
// (t_Creating_tables.html), column compression (c_Compression_encodings.html
// and its examples), distribution styles (viewing-distribution-styles.html)
// and sort keys, with the system views they point to.

const ENCODINGS = `${DG}c_Compression_encodings.html`
const ATO = `${DG}t_Creating_tables.html`
const ALTER_TABLE = `${DG}r_ALTER_TABLE.html`
const ANALYZE_COMPRESSION = `${DG}r_ANALYZE_COMPRESSION.html`

/** A view's columns as `name type`, in order. */
const columnsOf = (view: string): string =>
  `select a.attname || ' ' || format_type(a.atttypid, a.atttypmod) as c
   from pg_attribute a where a.attrelid = 'pg_catalog.${view}'::regclass and a.attnum > 0
   order by a.attnum`

const columns = (...names: string[]) => names.map((c) => ({ c }))

/** PG_TABLE_DEF's encodings of a table, in column order. */
const encodings = (table: string): string =>
  `select "column", trim(encoding) as encoding from pg_table_def where tablename = '${table}'`

const CASES: readonly FidelityCase[] = [
  // Which encodings each data type takes.
  {
    title: 'CREATE TABLE refuses an encoding the column type does not take',
    doc: ENCODINGS,
    steps: [
      fails(
        'create table td_e1 (a varchar(10) encode az64)',
        '0A000',
        'encoding "az64" is not supported for column "a" of type character varying',
      ),
      fails(
        'create table td_e2 (a int encode text255)',
        '0A000',
        'encoding "text255" is not supported for column "a" of type integer',
      ),
      fails(
        'create table td_e3 (b boolean encode bytedict)',
        '0A000',
        'encoding "bytedict" is not supported for column "b" of type boolean',
      ),
      fails(
        'create table td_e4 (a int2 encode mostly16)',
        '0A000',
        'of type smallint',
      ),
      fails(
        'create table td_e5 (a char(3) encode text32k)',
        '0A000',
        'of type character',
      ),
      fails('create table td_e6 (a real encode az64)', '0A000', 'of type real'),
      fails(
        'create table td_e7 (a int encode constructor)',
        '42704',
        'invalid encoding type "constructor" specified for column "a"',
      ),
      run(
        `create table td_e_ok (a text encode text32k, b bpchar encode lzo, c float encode bytedict,
           d timestamptz encode az64, e numeric encode mostly32, f bool encode runlength,
           g int2 encode mostly8, h date encode delta32k, i super encode zstd, j boolean encode raw)`,
      ),
    ],
  },
  {
    title: 'ADD COLUMN refuses an encoding the column type does not take',
    doc: ALTER_TABLE,
    steps: [
      run('create table td_add (a int)'),
      fails(
        'alter table td_add add column b boolean encode lzo',
        '0A000',
        'encoding "lzo" is not supported for column "b" of type boolean',
      ),
      fails(
        'alter table td_add add column c char(3) encode text255',
        '0A000',
        'of type character',
      ),
      fails(
        'alter table td_add add column d int encode constructor',
        '42704',
        'invalid encoding type "constructor"',
      ),
      run('alter table td_add add column e varchar(3) encode text255'),
      rows(encodings('td_add'), [
        { column: 'a', encoding: 'az64' },
        { column: 'e', encoding: 'text255' },
      ]),
    ],
  },
  {
    title:
      'ALTER COLUMN ENCODE refuses an encoding the column type does not take',
    doc: ALTER_TABLE,
    steps: [
      run('create table td_alter (a int, b varchar(5))'),
      fails(
        'alter table td_alter alter column b encode az64',
        '0A000',
        'encoding "az64" is not supported for column "b" of type character varying',
      ),
      fails(
        'alter table td_alter alter column a encode constructor',
        '42704',
        'invalid encoding type "constructor"',
      ),
      run('alter table td_alter alter column b encode text255'),
    ],
  },
  {
    title: 'a CREATE TABLE AS column list names columns only: no ENCODE',
    doc: `${DG}r_CREATE_TABLE_AS.html`,
    steps: [
      fails(
        'create table td_ctas (a int encode zstd) as select 1',
        '42601',
        'syntax error',
      ),
      run('create table td_ctas (a) as select 1'),
    ],
  },
  {
    title: "the CUSTOMER table's encodings, as chosen",
    doc: `${DG}Examples__compression_encodings_in_CREATE_TABLE_statements.html`,
    steps: [
      run(`create table customer(
        custkey int encode delta,
        custname varchar(30) encode raw,
        gender varchar(7) encode text255,
        address varchar(200) encode text255,
        city varchar(30) encode text255,
        state char(2) encode raw,
        zipcode char(5) encode bytedict,
        start_date date encode delta32k)`),
      rows(encodings('customer'), [
        { column: 'custkey', encoding: 'delta' },
        { column: 'custname', encoding: 'none' },
        { column: 'gender', encoding: 'text255' },
        { column: 'address', encoding: 'text255' },
        { column: 'city', encoding: 'text255' },
        { column: 'state', encoding: 'none' },
        { column: 'zipcode', encoding: 'bytedict' },
        { column: 'start_date', encoding: 'delta32k' },
      ]),
    ],
  },
  {
    title:
      'with ENCODE AUTO off, columns without ENCODE get RAW, AZ64 or LZO by type and sort key',
    doc: ENCODINGS,
    steps: [
      run(
        `create table td_defaults (a int, b varchar(10), c boolean, d real, e date,
           f int encode zstd, g timestamptz) sortkey (e)`,
      ),
      rows(encodings('td_defaults'), [
        { column: 'a', encoding: 'az64' },
        { column: 'b', encoding: 'lzo' },
        { column: 'c', encoding: 'none' },
        { column: 'd', encoding: 'none' },
        { column: 'e', encoding: 'none' },
        { column: 'f', encoding: 'zstd' },
        { column: 'g', encoding: 'az64' },
      ]),
      run('insert into td_defaults (a) values (1)'),
      rows(`select encoded from svv_table_info where "table" = 'td_defaults'`, [
        { encoded: 'Y' },
      ]),
      run('alter table td_defaults alter encode auto'),
      rows(`select encoded from svv_table_info where "table" = 'td_defaults'`, [
        { encoded: 'Y, AUTO(ENCODE)' },
      ]),
    ],
  },
  {
    title: 'every column of a temporary table is RAW by default',
    doc: `${DG}r_CREATE_TABLE_NEW.html`,
    steps: [
      run(
        'create temp table td_temp (a int, b varchar(10), c int encode zstd)',
      ),
      run('alter table td_temp add column d date'),
      rows(encodings('td_temp'), [
        { column: 'a', encoding: 'none' },
        { column: 'b', encoding: 'none' },
        { column: 'c', encoding: 'zstd' },
        { column: 'd', encoding: 'none' },
      ]),
      fails(
        'alter table td_temp alter column a encode raw',
        '0A000',
        'already has encoding "raw"',
      ),
    ],
  },

  // ANALYZE COMPRESSION.
  {
    title:
      'ANALYZE COMPRESSION of a column list lists every column, N/A for the others',
    doc: ANALYZE_COMPRESSION,
    steps: [
      run(
        'create table td_sales (salesid int, qtysold int, commission decimal(8,2), saletime timestamp)',
      ),
      run(`insert into td_sales values (1, 2, 3.5, '2024-01-01 10:00:00')`),
      rows('analyze compression td_sales (qtysold, commission, saletime)', [
        {
          table: 'td_sales',
          column: 'salesid',
          encoding: 'N/A',
          est_reduction_pct: '0.00',
        },
        {
          table: 'td_sales',
          column: 'qtysold',
          encoding: 'az64',
          est_reduction_pct: '0.00',
        },
        {
          table: 'td_sales',
          column: 'commission',
          encoding: 'az64',
          est_reduction_pct: '0.00',
        },
        {
          table: 'td_sales',
          column: 'saletime',
          encoding: 'az64',
          est_reduction_pct: '0.00',
        },
      ]),
    ],
  },
  {
    title:
      'ANALYZE COMPRESSION returns a sort key column its own encoding, names only existing columns; COMPROWS is 1000 to 1000000000',
    doc: ANALYZE_COMPRESSION,
    steps: [
      run(
        'create table td_listing (listid int encode delta, price decimal(8,2)) sortkey (listid)',
      ),
      rows('analyze compression td_listing comprows 1000', [
        {
          table: 'td_listing',
          column: 'listid',
          encoding: 'delta',
          est_reduction_pct: '0.00',
        },
        {
          table: 'td_listing',
          column: 'price',
          encoding: 'az64',
          est_reduction_pct: '0.00',
        },
      ]),
      run('analyze compression td_listing comprows 1000000000'),
      fails(
        'analyze compression td_listing (listid, nope)',
        '42703',
        'column "nope" of relation "td_listing" does not exist',
      ),
      fails('analyze compression td_listing comprows 999', '22023', 'COMPROWS'),
      fails(
        'analyze compression td_listing comprows 1000000001',
        '22023',
        'COMPROWS',
      ),
    ],
  },

  // Distribution styles.
  {
    title: 'the four distribution styles in SVV_TABLE_INFO and PG_CLASS_INFO',
    doc: `${DG}viewing-distribution-styles.html`,
    steps: [
      run(
        'create table public.dist_key (col1 int) diststyle key distkey (col1)',
      ),
      run('insert into public.dist_key values (1)'),
      run('create table public.dist_even (col1 int) diststyle even'),
      run('insert into public.dist_even values (1)'),
      run('create table public.dist_all (col1 int) diststyle all'),
      run('insert into public.dist_all values (1)'),
      run('create table public.dist_auto (col1 int)'),
      run('insert into public.dist_auto values (1)'),
      rows(
        `select "schema", "table", diststyle from SVV_TABLE_INFO
         where "table" like 'dist%' order by "table"`,
        [
          { schema: 'public', table: 'dist_all', diststyle: 'ALL' },
          { schema: 'public', table: 'dist_auto', diststyle: 'AUTO(ALL)' },
          { schema: 'public', table: 'dist_even', diststyle: 'EVEN' },
          { schema: 'public', table: 'dist_key', diststyle: 'KEY(col1)' },
        ],
      ),
      rows(
        `select c.relname, i.releffectivediststyle from pg_class_info i
         join pg_class c on c.oid = i.reloid where c.relname like 'dist%' order by 1`,
        [
          { relname: 'dist_all', releffectivediststyle: 8 },
          { relname: 'dist_auto', releffectivediststyle: 10 },
          { relname: 'dist_even', releffectivediststyle: 0 },
          { relname: 'dist_key', releffectivediststyle: 1 },
        ],
      ),
    ],
  },

  // Automatic table optimization.
  {
    title:
      'ALTER SORTKEY AUTO keeps the sort key, shown as AUTO(SORTKEY(column))',
    doc: ATO,
    steps: [
      run(
        'create table td_ato (c1 int, c2 int) diststyle key distkey (c1) sortkey (c1, c2)',
      ),
      run('insert into td_ato values (1, 2)'),
      run('alter table td_ato alter sortkey auto'),
      rows(
        `select sortkey1, sortkey_num, trim(sortkey1_enc) as enc from svv_table_info where "table" = 'td_ato'`,
        [{ sortkey1: 'AUTO(SORTKEY(c1))', sortkey_num: 2, enc: 'none' }],
      ),
      rows(
        `select "column", sortkey from pg_table_def where tablename = 'td_ato'`,
        [
          { column: 'c1', sortkey: 1 },
          { column: 'c2', sortkey: 2 },
        ],
      ),
      // A small table with DISTSTYLE KEY becomes AUTO(ALL) (r_ALTER_TABLE.html).
      run('alter table td_ato alter diststyle auto'),
      rows(`select diststyle from svv_table_info where "table" = 'td_ato'`, [
        { diststyle: 'AUTO(ALL)' },
      ]),
    ],
  },
  {
    title:
      'a table leaves automatic optimization by naming a distribution style or sort key',
    doc: ATO,
    steps: [
      run('create table td_manual (c1 int, c2 int)'),
      run('insert into td_manual values (1, 2)'),
      rows(
        `select diststyle, sortkey1 from svv_table_info where "table" = 'td_manual'`,
        [{ diststyle: 'AUTO(ALL)', sortkey1: 'AUTO(SORTKEY)' }],
      ),
      run('alter table td_manual alter diststyle even'),
      run('alter table td_manual alter diststyle all'),
      run('alter table td_manual alter diststyle key distkey c1'),
      run('alter table td_manual alter sortkey (c1, c2)'),
      rows(
        `select diststyle, sortkey1, sortkey_num from svv_table_info where "table" = 'td_manual'`,
        [{ diststyle: 'KEY(c1)', sortkey1: 'c1', sortkey_num: 2 }],
      ),
      run('alter table td_manual alter sortkey none'),
      rows(
        `select sortkey1, sortkey_num from svv_table_info where "table" = 'td_manual'`,
        [{ sortkey1: null, sortkey_num: 0 }],
      ),
    ],
  },
  {
    title:
      'ALTER SORTKEY AUTO of an interleaved key is refused as an emulator limit',
    doc: ALTER_TABLE,
    steps: [
      run('create table td_il_auto (a int, b int) interleaved sortkey (a, b)'),
      fails(
        'alter table td_il_auto alter sortkey auto',
        '0A000',
        'in the local emulator is not supported',
      ),
    ],
  },
  {
    title:
      'SVV_ALTER_TABLE_RECOMMENDATIONS: its columns, and no recommendation from the emulator',
    doc: `${DG}r_SVV_ALTER_TABLE_RECOMMENDATIONS.html`,
    steps: [
      rows(
        columnsOf('svv_alter_table_recommendations'),
        columns(
          'type character(30)',
          'database character(128)',
          'table_id integer',
          'group_id integer',
          'ddl character(1024)',
          'auto_eligible character(1)',
        ),
      ),
      run('create table td_rec (c0 int)'),
      run('insert into td_rec values (1)'),
      rows(
        'select type, database, table_id, group_id, ddl, auto_eligible from svv_alter_table_recommendations',
        [],
      ),
    ],
  },
  {
    title:
      'SVL_AUTO_WORKER_ACTION: its columns, and no automatic action by the emulator',
    doc: `${DG}r_SVL_AUTO_WORKER_ACTION.html`,
    steps: [
      rows(
        columnsOf('svl_auto_worker_action'),
        columns(
          'table_id integer',
          'type character(32)',
          'status character(128)',
          'eventtime timestamp without time zone',
          'sequence integer',
          'previous_state character(200)',
        ),
      ),
      rows(
        'select table_id, type, status, eventtime, sequence, previous_state from SVL_AUTO_WORKER_ACTION',
        [],
      ),
    ],
  },

  {
    title:
      'RENAME COLUMN keeps the column a distribution key, sort key column, encoding and type',
    doc: ALTER_TABLE,
    steps: [
      run(
        `create table td_rename (a int distkey, b int encode zstd, c super, d int identity(1, 1))
         sortkey (a, b)`,
      ),
      run('alter table td_rename rename column a to a2'),
      run('alter table td_rename rename column b to b2'),
      run('alter table td_rename rename column c to c2'),
      run('alter table td_rename rename column d to d2'),
      rows(
        `select "column", type, trim(encoding) as encoding, distkey, sortkey
         from pg_table_def where tablename = 'td_rename'`,
        [
          {
            column: 'a2',
            type: 'integer',
            encoding: 'none',
            distkey: true,
            sortkey: 1,
          },
          {
            column: 'b2',
            type: 'integer',
            encoding: 'zstd',
            distkey: false,
            sortkey: 2,
          },
          {
            column: 'c2',
            type: 'super',
            encoding: 'none',
            distkey: false,
            sortkey: 0,
          },
          {
            column: 'd2',
            type: 'integer',
            encoding: 'az64',
            distkey: false,
            sortkey: 0,
          },
        ],
      ),
      rows(
        `select column_name from svv_columns where table_name = 'td_rename'
         and column_default like '"identity"(%'`,
        [{ column_name: 'd2' }],
      ),
      run('insert into td_rename values (1, 2, json_parse(\'{"x": 1}\'))'),
    ],
  },

  {
    title:
      'no SUPER, VARBYTE, GEOMETRY, GEOGRAPHY or HLLSKETCH column is a distribution or sort key',
    doc: `${DG}spatial-limitations.html`,
    steps: [
      fails(
        'create table td_k1 (g geometry) sortkey (g)',
        '0A000',
        'column "g" of type GEOMETRY cannot be a sort key',
      ),
      fails(
        'create table td_k2 (g geography distkey)',
        '0A000',
        'column "g" of type GEOGRAPHY cannot be a distribution key',
      ),
      fails(
        'create table td_k3 (v varbyte(10)) sortkey (v)',
        '0A000',
        'column "v" of type VARBYTE cannot be a sort key',
      ),
      fails(
        'create table td_k4 (h hllsketch) sortkey (h)',
        '0A000',
        'column "h" of type HLLSKETCH cannot be a sort key',
      ),
      run(
        'create table td_keys (a int, s super, v varbyte(10), g geometry, h hllsketch)',
      ),
      fails(
        'alter table td_keys alter distkey s',
        '0A000',
        'column "s" of type SUPER cannot be a distribution key',
      ),
      fails(
        'alter table td_keys alter sortkey (a, v)',
        '0A000',
        'column "v" of type VARBYTE cannot be a sort key',
      ),
      fails(
        'alter table td_keys alter diststyle key distkey g',
        '0A000',
        'column "g" of type GEOMETRY cannot be a distribution key',
      ),
      fails(
        'alter table td_keys alter compound sortkey (h)',
        '0A000',
        'column "h" of type HLLSKETCH cannot be a sort key',
      ),
      fails(
        'create table td_k5 sortkey (s) as select s from td_keys',
        '0A000',
        'column "s" of type SUPER cannot be a sort key',
      ),
      fails(
        'create table td_k6 distkey (1) as select v from td_keys',
        '0A000',
        'column "v" of type VARBYTE cannot be a distribution key',
      ),
      fails(
        'create materialized view td_k7 sortkey (s) as select s from td_keys',
        '0A000',
        'column "s" of type SUPER cannot be a sort key',
      ),
      fails(
        'create materialized view td_k8 distkey (v) as select v from td_keys',
        '0A000',
        'column "v" of type VARBYTE cannot be a distribution key',
      ),
      run('alter table td_keys alter sortkey (a)'),
    ],
  },
  {
    title:
      'GEOMETRY and GEOGRAPHY columns are RAW by default and take RAW only',
    doc: `${DG}spatial-limitations.html`,
    steps: [
      run(
        'create table td_geo (g geometry encode raw, h geography encode raw)',
      ),
      fails(
        'create table td_geo2 (g geometry encode zstd)',
        '0A000',
        'encoding "zstd" is not supported for column "g" of type geometry',
      ),
      fails(
        'alter table td_geo add column g2 geography encode lzo',
        '0A000',
        'of type geography',
      ),
      run('create table td_geo3 (g geometry, a int, b varchar(3) encode zstd)'),
      // "The default encoding for GEOMETRY and GEOGRAPHY is RAW."
      rows(encodings('td_geo3'), [
        { column: 'g', encoding: 'none' },
        { column: 'a', encoding: 'az64' },
        { column: 'b', encoding: 'zstd' },
      ]),
      fails(
        'alter table td_geo3 alter column g encode raw',
        '0A000',
        'already has encoding "raw"',
      ),
      fails(
        'alter table td_geo3 alter column g encode az64',
        '0A000',
        'encoding "az64" is not supported for column "g" of type geometry',
      ),
    ],
  },

  // Sort keys.
  {
    title:
      "SVV_INTERLEAVED_COLUMNS: one row per interleaved sort key column, the page's query",
    doc: `${DG}r_SVV_INTERLEAVED_COLUMNS.html`,
    steps: [
      rows(
        columnsOf('svv_interleaved_columns'),
        columns(
          'tbl integer',
          'col integer',
          'interleaved_skew numeric(19,2)',
          'last_reindex timestamp without time zone',
        ),
      ),
      run(
        'create table td_lineorder (lo_orderkey int, lo_custkey int, lo_orderdate date) interleaved sortkey (lo_orderdate, lo_custkey)',
      ),
      run('create table td_compound (a int) sortkey (a)'),
      // No skew to speak of while the table is empty.
      rows(
        `select col, interleaved_skew, last_reindex from svv_interleaved_columns
         where tbl = (select oid from pg_class where relname = 'td_lineorder') order by col`,
        [
          { col: 1, interleaved_skew: null, last_reindex: null },
          { col: 2, interleaved_skew: null, last_reindex: null },
        ],
      ),
      run("insert into td_lineorder values (1, 2, '2024-01-01')"),
      rows(
        `select stv_tbl_perm.name::text as table_name, col, interleaved_skew, last_reindex
         from svv_interleaved_columns, stv_tbl_perm
         where svv_interleaved_columns.tbl = stv_tbl_perm.id
         and interleaved_skew is not null order by col`,
        [
          {
            table_name: 'td_lineorder',
            col: 1,
            interleaved_skew: '1.00',
            last_reindex: null,
          },
          {
            table_name: 'td_lineorder',
            col: 2,
            interleaved_skew: '1.00',
            last_reindex: null,
          },
        ],
      ),
    ],
  },
  {
    title:
      'the sort styles compared: CREATE TABLE AS with a single, compound and interleaved sort key',
    doc: `${DG}t_Sorting_data-compare-sort-styles.html`,
    steps: [
      run(
        `create table td_cust_sales (c_custkey int, c_region varchar(12), c_mktsegment varchar(10),
           d_date date, lo_revenue int)`,
      ),
      run(
        `insert into td_cust_sales values (1, 'AFRICA', 'BUILDING', '1994-10-28', 1924330),
           (2, 'ASIA', 'FURNITURE', '1996-01-05', 500)`,
      ),
      run(
        'create table td_cs_single sortkey (c_custkey) as select * from td_cust_sales',
      ),
      run(
        `create table td_cs_compound compound sortkey (c_custkey, c_region, c_mktsegment, d_date)
         as select * from td_cust_sales`,
      ),
      run(
        `create table td_cs_interleaved interleaved sortkey (c_custkey, c_region, c_mktsegment, d_date)
         as select * from td_cust_sales`,
      ),
      rows(
        `select max(lo_revenue), min(lo_revenue) from td_cs_interleaved
         where d_date between '01/01/1996' and '01/14/1996'
         and c_mktsegment = 'FURNITURE' and c_region = 'ASIA'`,
        [{ max: 500, min: 500 }],
      ),
      rows(
        `select "table", sortkey1, sortkey_num from svv_table_info
         where "table" like 'td_cs_%' order by 1`,
        [
          { table: 'td_cs_compound', sortkey1: 'c_custkey', sortkey_num: 4 },
          { table: 'td_cs_interleaved', sortkey1: 'c_custkey', sortkey_num: 4 },
          { table: 'td_cs_single', sortkey1: 'c_custkey', sortkey_num: 1 },
        ],
      ),
      rows(
        `select col from svv_interleaved_columns
         where tbl = (select oid from pg_class where relname = 'td_cs_interleaved') order by col`,
        [{ col: 0 }, { col: 1 }, { col: 2 }, { col: 3 }],
      ),
    ],
  },
  {
    title:
      'an interleaved sort key takes at most 8 columns, and no SUPER column',
    doc: `${DG}t_Sorting_data.html`,
    steps: [
      fails(
        `create table td_il9 (a1 int, a2 int, a3 int, a4 int, a5 int, a6 int, a7 int, a8 int, a9 int)
         interleaved sortkey (a1, a2, a3, a4, a5, a6, a7, a8, a9)`,
        '0A000',
        'at most 8 columns',
      ),
      run(
        `create table td_il8 (a1 int, a2 int, a3 int, a4 int, a5 int, a6 int, a7 int, a8 int)
         interleaved sortkey (a1, a2, a3, a4, a5, a6, a7, a8)`,
      ),
      fails(
        'create table td_il_super (a super) interleaved sortkey (a)',
        '0A000',
        'cannot be a sort key',
      ),
    ],
  },
]

describeFidelityCases(
  'local emulator: designing tables (encodings, distribution, sort keys, automatic optimization)',
  'local_fidelity_table_design',
  CASES,
  (url) => {
    it("a table's owner who is not a superuser records ADD COLUMN ... ENCODE and RENAME COLUMN", async () => {
      const admin = await connect(url())
      const ownerUrl = new URL(url())
      ownerUrl.username = 'td_owner'
      ownerUrl.password = 'Abcdefg1'
      try {
        await admin.query('drop user if exists td_owner')
        await admin.query("create user td_owner password 'Abcdefg1'")
        const owner = await connect(ownerUrl.toString())
        try {
          await owner.query('create table td_owned (a int, b int) sortkey (a)')
          await owner.query('alter table td_owned rename column a to a2')
          await owner.query('alter table td_owned add column c int encode zstd')
          const { rows } = await owner.query(
            `select "column", trim(encoding) as encoding, sortkey from pg_table_def where tablename = 'td_owned'`,
          )
          expect(rows, ALTER_TABLE).toEqual([
            { column: 'a2', encoding: 'none', sortkey: 1 },
            { column: 'b', encoding: 'az64', sortkey: 0 },
            { column: 'c', encoding: 'zstd', sortkey: 0 },
          ])
        } finally {
          await owner.query('drop table if exists td_owned')
          await owner.end()
        }
      } finally {
        await admin.query('drop user if exists td_owner')
        await admin.end()
      }
    })

    it('SVV_INTERLEAVED_COLUMNS and SVV_ALTER_TABLE_RECOMMENDATIONS are for superusers only', async () => {
      const admin = await connect(url())
      try {
        await admin.query(
          'create table td_il_seen (a int, b int) interleaved sortkey (a, b)',
        )
        await admin.query('drop user if exists td_plain')
        await admin.query("create user td_plain password 'Abcdefg1'")
        await admin.query('grant select on td_il_seen to td_plain')
        const seen = await admin.query(
          `select count(*)::int as n from svv_interleaved_columns where tbl = (select oid from pg_class where relname = 'td_il_seen')`,
        )
        expect(seen.rows, `${DG}r_SVV_INTERLEAVED_COLUMNS.html`).toEqual([
          { n: 2 },
        ])
        const plainUrl = new URL(url())
        plainUrl.username = 'td_plain'
        plainUrl.password = 'Abcdefg1'
        const plain = await connect(plainUrl.toString())
        try {
          const hidden = await plain.query(
            'select count(*)::int as n from svv_interleaved_columns',
          )
          expect(hidden.rows, `${DG}r_SVV_INTERLEAVED_COLUMNS.html`).toEqual([
            { n: 0 },
          ])
        } finally {
          await plain.end()
        }
      } finally {
        await admin.query('drop table if exists td_il_seen')
        await admin.query('drop user if exists td_plain')
        await admin.end()
      }
    })
  },
)
