import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import {
  describeFidelityCases,
  fails,
  rows,
  run,
  runSteps,
  type FidelityCase as Case,
} from './fidelity-steps.js'
import { DG } from './function-answers.js'
import {
  connect,
  errorOf,
  eventually,
  startOwnEmulator,
  type OwnEmulator,
} from './local-test-helpers.js'

// The Developer Guide's loading and maintenance pages not covered by the
// COPY / UNLOAD audit: updating with a staging table (the merge examples,
// run as written), deep copies, ALTER TABLE APPEND's restrictions,
// analyzing tables (ANALYZE, analyze_threshold_percent, STL_ANALYZE and
// SYS_ANALYZE_HISTORY) and vacuuming them (VACUUM's forms, STL_VACUUM,
// SVV_VACUUM_SUMMARY, SVV_VACUUM_PROGRESS). Each case's tables carry its
// own prefix; users are the cluster's, so theirs carry the file's.

const page = (name: string) => `${DG}${name}`
const ANALYZE_HISTORY = page('c_check_last_analyze.html')
const ANALYZING = page('t_Analyzing_tables.html')
const THRESHOLD = page('r_analyze_threshold_percent.html')
const ANALYZE = page('r_ANALYZE.html')
const SYS_ANALYZE = page('SYS_ANALYZE_HISTORY.html')
const VACUUM = page('r_VACUUM_command.html')
const STL_VACUUM = page('r_STL_VACUUM.html')
const VACUUM_SUMMARY = page('r_SVV_VACUUM_SUMMARY.html')
const VACUUM_PROGRESS = page('r_SVV_VACUUM_PROGRESS.html')
const MERGE_EXAMPLES = page('merge-examples.html')
const DEEP_COPY = page('performing-a-deep-copy.html')
const APPEND = page('r_ALTER_TABLE_APPEND.html')
const COPY_LOAD = page('copy-parameters-data-load.html')
const FILE_SCAN = page('r_STL_FILE_SCAN.html')

/** STL_ANALYZE's rows for `table`, oldest first, without the times. */
const analyzed = (table: string) =>
  `select trim(a.status) as status, a.rows, a.modified_rows, a.threshold_percent
   from stl_analyze a join stv_tbl_perm t on t.id = a.table_id
   where t.name = '${table}' order by a.starttime`

/** STL_VACUUM's rows for `table`, oldest first, without the times. */
const vacuumed = (table: string) =>
  `select trim(v.status) as status, v.rows, v.sortedrows, v.reclaimable_rows, v.is_recluster
   from stl_vacuum v join stv_tbl_perm t on t.id = v.table_id
   where t.name = '${table}' order by v.xid, v.eventtime`

/** The TICKIT SALES table (its dist and sort keys) and four of its rows. */
const SALES = [
  run(
    'create table sales (salesid integer not null, listid integer not null distkey, sellerid integer not null, buyerid integer not null, eventid integer not null, dateid smallint not null sortkey, qtysold smallint not null, pricepaid decimal(8,2), commission decimal(8,2), saletime timestamp)',
  ),
  run(
    "insert into sales values (1, 1, 5, 1, 1, 1827, 2, 100.00, 15.00, '2008-12-05 10:00:00'), (2, 2, 4, 1, 1, 1828, 1, 50.00, 7.50, '2008-12-06 10:00:00'), (3, 3, 3, 1, 1, 1770, 1, 20.00, 3.00, '2008-10-06 10:00:00'), (4, 4, 8, 2, 1, 1829, 3, 30.00, 4.50, '2008-12-07 10:00:00')",
  ),
]

const CASES: readonly Case[] = [
  {
    title:
      'STL_ANALYZE: a full analyze counts every row; a table changed less than the threshold is skipped; deletes and updates count as changes',
    doc: ANALYZE_HISTORY,
    steps: [
      run('create table an_users (userid integer, username varchar(8))'),
      run("insert into an_users values (1, 'a'), (2, 'b'), (3, 'c'), (4, 'd')"),
      run('analyze an_users'),
      run('analyze an_users'),
      // 1 of 5 rows changed: 20% is over the default 10%.
      run("insert into an_users values (5, 'e')"),
      run('analyze an_users'),
      // An update is a delete and an insert, as the page's 74988 rows show.
      run('delete from an_users where userid = 1'),
      run("update an_users set username = 'z' where userid = 2"),
      run('analyze an_users'),
      // The page's query, as written.
      run(`select distinct a.xid, trim(t.name) as name, a.status, a.rows, a.modified_rows, a.starttime, a.endtime
from stl_analyze a 
join stv_tbl_perm t  on t.id=a.table_id
where name = 'an_users'
order by starttime`),
      rows(analyzed('an_users'), [
        { status: 'Full', rows: 4, modified_rows: 4, threshold_percent: 10 },
        { status: 'Skipped', rows: 4, modified_rows: 0, threshold_percent: 10 },
        { status: 'Full', rows: 5, modified_rows: 1, threshold_percent: 10 },
        { status: 'Full', rows: 4, modified_rows: 3, threshold_percent: 10 },
      ]),
    ],
  },
  {
    title:
      'analyze_threshold_percent: 0 analyzes a table with no change; a higher threshold skips a bigger change; SET_CONFIG sets it too',
    doc: THRESHOLD,
    steps: [
      run('create table an_th (id int)'),
      run('insert into an_th values (1), (2), (3), (4)'),
      run('analyze an_th'),
      run('set analyze_threshold_percent to 0'),
      run('analyze an_th'),
      run('set analyze_threshold_percent to 50'),
      run('insert into an_th values (5)'),
      run('analyze an_th'),
      rows(
        "select set_config('analyze_threshold_percent', '20', false) as set_config",
        [{ set_config: '20' }],
      ),
      run('analyze an_th'),
      run('reset analyze_threshold_percent'),
      rows(analyzed('an_th'), [
        { status: 'Full', rows: 4, modified_rows: 4, threshold_percent: 10 },
        { status: 'Full', rows: 4, modified_rows: 0, threshold_percent: 0 },
        { status: 'Skipped', rows: 5, modified_rows: 1, threshold_percent: 50 },
        { status: 'Full', rows: 5, modified_rows: 1, threshold_percent: 20 },
      ]),
    ],
  },
  {
    title:
      'ANALYZE forms: a column list, PREDICATE COLUMNS, VERBOSE; a missing table or column fails; two tables are refused',
    doc: ANALYZE,
    steps: [
      run(
        'create table an_listing (listid integer, totalprice decimal(8,2), listtime timestamp)',
      ),
      run("insert into an_listing values (1, 10.00, '2008-01-01 00:00:00')"),
      run('analyze an_listing(listid, totalprice, listtime)'),
      run('set analyze_threshold_percent to 0'),
      run('analyze an_listing predicate columns'),
      run('analyze verbose an_listing all columns'),
      fails(
        'analyze an_nosuch',
        '42P01',
        'relation "an_nosuch" does not exist',
      ),
      fails(
        'analyze an_listing (nosuch)',
        '42703',
        'column "nosuch" of relation "an_listing" does not exist',
      ),
      fails(
        'analyze an_listing, an_users',
        '42601',
        'syntax error at or near ","',
      ),
      rows(analyzed('an_listing'), [
        { status: 'Full', rows: 1, modified_rows: 1, threshold_percent: 10 },
        { status: 'Full', rows: 1, modified_rows: 0, threshold_percent: 0 },
        { status: 'Full', rows: 1, modified_rows: 0, threshold_percent: 0 },
      ]),
    ],
  },
  {
    title:
      'ANALYZE without a table analyzes every table of the database; a rolled back ANALYZE leaves no row',
    doc: ANALYZING,
    steps: [
      run('create table an_all1 (id int)'),
      run('create table an_all2 (id int)'),
      run('insert into an_all1 values (1)'),
      run('analyze'),
      rows(analyzed('an_all1'), [
        { status: 'Full', rows: 1, modified_rows: 1, threshold_percent: 10 },
      ]),
      rows(analyzed('an_all2'), [
        { status: 'Full', rows: 0, modified_rows: 0, threshold_percent: 10 },
      ]),
      run('begin'),
      // Rows this transaction inserted count as changed.
      run('insert into an_all2 values (1), (2)'),
      run('analyze an_all2'),
      rows(
        `select trim(status) as status, rows, modified_rows from stl_analyze
         where trim(table_name) = 'an_all2' order by starttime desc limit 1`,
        [{ status: 'Full', rows: 2, modified_rows: 2 }],
      ),
      run('rollback'),
      rows(analyzed('an_all2'), [
        { status: 'Full', rows: 0, modified_rows: 0, threshold_percent: 10 },
      ]),
    ],
  },
  {
    title:
      "STL_ANALYZE and SYS_ANALYZE_HISTORY: the documented columns, a first analyze's previous time 2000-01-01, superusers only",
    doc: SYS_ANALYZE,
    steps: [
      run('create table an_sys (id int)'),
      run('insert into an_sys values (1), (2)'),
      run('analyze an_sys'),
      rows(
        `select position(trim(database_name) in current_database()) = 1 as db, trim(schema_name) as schema_name,
           trim(table_name) as table_name, is_automatic, trim(status) as status, rows, modified_rows,
           analyze_threshold_percent, last_analyze_time, end_time >= start_time as timed,
           transaction_id > 0 as xid
         from sys_analyze_history where trim(table_name) = 'an_sys'`,
        [
          {
            db: true,
            schema_name: 'public',
            table_name: 'an_sys',
            is_automatic: 'f',
            status: 'Full',
            rows: 2,
            modified_rows: 2,
            analyze_threshold_percent: 10,
            last_analyze_time: new Date('2000-01-01T00:00:00'),
            timed: true,
            xid: true,
          },
        ],
      ),
      rows(
        `select a.xid = h.transaction_id as same_xid, a.is_auto, a.is_background, a.num_predicate_cols,
           position(trim(a.database) in current_database()) = 1 as db, a.prevtime = h.last_analyze_time as prev
         from stl_analyze a join sys_analyze_history h on h.table_id = a.table_id
         where trim(a.table_name) = 'an_sys'`,
        [
          {
            same_xid: true,
            is_auto: 'f',
            is_background: 'f',
            num_predicate_cols: 0,
            db: true,
            prev: true,
          },
        ],
      ),
      run("create user loadmaint_analyst password 'Abcdefg1'"),
      run('grant all on an_sys to loadmaint_analyst'),
      run('set session authorization loadmaint_analyst'),
      run('analyze an_sys'),
      rows('select count(*)::int as n from stl_analyze', [{ n: 0 }]),
      rows('select count(*)::int as n from sys_analyze_history', [{ n: 0 }]),
      run('reset session authorization'),
      run('drop table an_sys'),
      run('drop user loadmaint_analyst'),
    ],
  },
  {
    title:
      'VACUUM: a Started and a Finished row per table in STL_VACUUM, the status of each kind, an empty table skipped, RECLUSTER flagged',
    doc: STL_VACUUM,
    steps: [
      run('create table va_sales (id int, v int) sortkey(id)'),
      run('create table va_empty (id int)'),
      run('insert into va_sales values (1, 1), (2, 2), (3, 3), (4, 4)'),
      run('delete from va_sales where id = 1'),
      run('vacuum va_sales'),
      run('vacuum sort only va_sales'),
      run('vacuum delete only va_sales'),
      run('vacuum reindex va_sales'),
      run('vacuum recluster va_sales'),
      run('vacuum va_empty'),
      run('create table va_inter (a int, b int) interleaved sortkey (a, b)'),
      run('insert into va_inter values (1, 2)'),
      rows(
        "select count(i.last_reindex)::int as n from svv_interleaved_columns i join stv_tbl_perm t on t.id = i.tbl where t.name = 'va_inter'",
        [{ n: 0 }],
      ),
      run('vacuum reindex va_inter'),
      rows(
        `select count(*)::int as n from svv_interleaved_columns i
         join stl_vacuum v on v.table_id = i.tbl and trim(v.status) = 'Started Reindex'
         join stv_tbl_perm t on t.id = i.tbl
         where t.name = 'va_inter' and i.last_reindex = v.eventtime`,
        [{ n: 2 }],
      ),
      rows(vacuumed('va_sales'), [
        {
          status: 'Started',
          rows: '3',
          sortedrows: 3,
          reclaimable_rows: '0',
          is_recluster: 0,
        },
        {
          status: 'Finished',
          rows: '3',
          sortedrows: 3,
          reclaimable_rows: '0',
          is_recluster: 0,
        },
        {
          status: 'Started Sort Only',
          rows: '3',
          sortedrows: 3,
          reclaimable_rows: '0',
          is_recluster: 0,
        },
        {
          status: 'Finished',
          rows: '3',
          sortedrows: 3,
          reclaimable_rows: '0',
          is_recluster: 0,
        },
        {
          status: 'Started Delete Only',
          rows: '3',
          sortedrows: 3,
          reclaimable_rows: '0',
          is_recluster: 0,
        },
        {
          status: 'Finished',
          rows: '3',
          sortedrows: 3,
          reclaimable_rows: '0',
          is_recluster: 0,
        },
        {
          status: 'Started Reindex',
          rows: '3',
          sortedrows: 3,
          reclaimable_rows: '0',
          is_recluster: 0,
        },
        {
          status: 'Finished',
          rows: '3',
          sortedrows: 3,
          reclaimable_rows: '0',
          is_recluster: 0,
        },
        {
          status: 'Started',
          rows: '3',
          sortedrows: 3,
          reclaimable_rows: '0',
          is_recluster: 1,
        },
        {
          status: 'Finished',
          rows: '3',
          sortedrows: 3,
          reclaimable_rows: '0',
          is_recluster: 1,
        },
      ]),
      rows(vacuumed('va_empty'), [
        {
          status: 'Skipped (0 rows)',
          rows: '0',
          sortedrows: 0,
          reclaimable_rows: '0',
          is_recluster: 0,
        },
      ]),
      // The page's first query, as written (for a table id of this database).
      run(`select xid, table_id, status, rows, sortedrows, blocks, eventtime,
                reclaimable_rows, reclaimable_space_mb
from stl_vacuum where table_id=108313 order by eventtime`),
      rows(
        `select count(distinct xid)::int as vacuums, bool_and(blocks >= 0) as sized
         from stl_vacuum v join stv_tbl_perm t on t.id = v.table_id where t.name = 'va_sales'`,
        [{ vacuums: 5, sized: true }],
      ),
    ],
  },
  {
    title:
      'VACUUM forms: TO n PERCENT, every table, a block or another statement refused, REINDEX with a threshold refused; a failed VACUUM leaves no row',
    doc: VACUUM,
    steps: [
      run('create table va_forms (id int) sortkey(id)'),
      run('insert into va_forms values (1), (2)'),
      run('vacuum va_forms to 100 percent'),
      run('vacuum sort only va_forms to 75 percent'),
      run('vacuum delete only va_forms to 75 percent'),
      fails('vacuum reindex va_forms to 75 percent', '0A000', 'REINDEX'),
      fails('vacuum to 75 percent', '42601', 'syntax error at or near "TO"'),
      fails(
        'vacuum va_forms to 101 percent',
        '42601',
        'syntax error at or near "TO"',
      ),
      run('begin'),
      fails(
        'vacuum va_forms',
        '25001',
        'VACUUM cannot run inside a transaction block',
      ),
      run('rollback'),
      fails(
        'vacuum va_forms; select 1',
        '25001',
        'VACUUM cannot run inside a transaction block',
      ),
      fails('vacuum va_nosuch', '42P01', 'relation "va_nosuch" does not exist'),
      run('vacuum'),
      rows(
        `select trim(v.status) as status, count(*)::int as n
         from stl_vacuum v join stv_tbl_perm t on t.id = v.table_id
         where t.name = 'va_forms' group by 1 order by 1`,
        [
          { status: 'Finished', n: 4 },
          { status: 'Started', n: 2 },
          { status: 'Started Delete Only', n: 1 },
          { status: 'Started Sort Only', n: 1 },
        ],
      ),
    ],
  },
  {
    title:
      'SVV_VACUUM_SUMMARY: one row per table and VACUUM, with its deltas; SVV_VACUUM_PROGRESS: the last table vacuumed, Complete',
    doc: VACUUM_SUMMARY,
    steps: [
      run('create table va_sum (id int)'),
      run('insert into va_sum values (1), (2)'),
      run('vacuum va_sum'),
      run('vacuum va_sum'),
      run(`select table_name, xid, sort_partitions as parts, merge_increments as merges,
elapsed_time, row_delta, sortedrow_delta as sorted_delta, block_delta
from svv_vacuum_summary
order by xid`),
      rows(
        `select table_name, sort_partitions as parts, merge_increments as merges,
           elapsed_time >= 0 as timed, row_delta, sortedrow_delta as sorted_delta, block_delta
         from svv_vacuum_summary where table_name = 'va_sum' order by xid`,
        [
          {
            table_name: 'va_sum',
            parts: '0',
            merges: '0',
            timed: true,
            row_delta: '0',
            sorted_delta: '0',
            block_delta: 0,
          },
          {
            table_name: 'va_sum',
            parts: '0',
            merges: '0',
            timed: true,
            row_delta: '0',
            sorted_delta: '0',
            block_delta: 0,
          },
        ],
      ),
      rows('select * from svv_vacuum_progress', [
        {
          table_name: 'va_sum',
          status: 'Complete',
          time_remaining_estimate: null,
        },
      ]),
    ],
  },
  {
    title: 'VACUUM views are for superusers only',
    doc: VACUUM_PROGRESS,
    steps: [
      run('create table va_vis (id int)'),
      run('insert into va_vis values (1)'),
      run('vacuum va_vis'),
      rows(
        `select (select count(*) from stl_vacuum where table_id = (select id from stv_tbl_perm where name = 'va_vis'))::int as stl,
           (select count(*) from svv_vacuum_summary where table_name = 'va_vis')::int as summary,
           (select count(*) from svv_vacuum_progress where table_name = 'va_vis')::int as progress`,
        [{ stl: 2, summary: 1, progress: 1 }],
      ),
      run("create user loadmaint_vacuumer password 'Abcdefg1'"),
      run('set session authorization loadmaint_vacuumer'),
      rows('select count(*)::int as n from stl_vacuum', [{ n: 0 }]),
      rows('select count(*)::int as n from svv_vacuum_summary', [{ n: 0 }]),
      rows('select count(*)::int as n from svv_vacuum_progress', [{ n: 0 }]),
      run('reset session authorization'),
      run('drop user loadmaint_vacuumer'),
    ],
  },
  {
    title:
      'merge examples: replacing existing rows, then updating a column list, through a staging table',
    doc: MERGE_EXAMPLES,
    steps: [
      ...SALES,
      run(`create table sales_update as
select * from sales`),
      run(`update sales_update
set qtysold = qtysold*2,
pricepaid = pricepaid*0.8,
commission = commission*1.1
where saletime > '2008-11-30'
and mod(sellerid, 5) = 0`),
      run(`insert into sales_update
select (salesid + 172456) as salesid, listid, sellerid, buyerid, eventid, dateid, qtysold, pricepaid, commission, getdate() as saletime
from sales_update
where saletime > '2008-11-30'
and mod(sellerid, 4) = 0`),
      run(`create temp table stagesales as
select * from sales_update
where sales_update.saletime > '2008-11-30'
and sales_update.salesid = (select sales.salesid from sales
where sales.salesid = sales_update.salesid
and sales.listid = sales_update.listid
and (sales_update.qtysold != sales.qtysold 
or sales_update.pricepaid != sales.pricepaid))`),
      run('begin transaction'),
      run(`delete from sales
using stagesales
where sales.salesid = stagesales.salesid
and sales.listid = stagesales.listid
and sales.saletime > '2008-11-30'`),
      run(`insert into sales
select * from stagesales`),
      run('end transaction'),
      run('drop table stagesales'),
      rows(
        'select salesid, qtysold, pricepaid, commission from sales order by salesid',
        [
          { salesid: 1, qtysold: 4, pricepaid: '80.00', commission: '16.50' },
          { salesid: 2, qtysold: 1, pricepaid: '50.00', commission: '7.50' },
          { salesid: 3, qtysold: 1, pricepaid: '20.00', commission: '3.00' },
          { salesid: 4, qtysold: 3, pricepaid: '30.00', commission: '4.50' },
        ],
      ),
      run(`create temp table stagesales as select * from sales_update
where saletime > '2008-11-30'`),
      run('begin transaction'),
      run(`update sales
set qtysold = stagesales.qtysold,
pricepaid = stagesales.pricepaid
from stagesales
where sales.salesid = stagesales.salesid
and sales.listid = stagesales.listid
and stagesales.saletime > '2008-11-30'
and (sales.qtysold != stagesales.qtysold 
or sales.pricepaid != stagesales.pricepaid)`),
      run(`delete from stagesales
using sales
where sales.salesid = stagesales.salesid
and sales.listid = stagesales.listid`),
      run(`insert into sales
select * from stagesales`),
      run('end transaction'),
      run('drop table stagesales'),
      rows('select salesid, qtysold from sales order by salesid', [
        { salesid: 1, qtysold: 4 },
        { salesid: 2, qtysold: 1 },
        { salesid: 3, qtysold: 1 },
        { salesid: 4, qtysold: 3 },
        { salesid: 172458, qtysold: 1 },
        { salesid: 172460, qtysold: 3 },
      ]),
      run('drop table sales_update'),
      run('drop table sales'),
    ],
  },
  {
    title:
      'deep copy with CREATE TABLE LIKE keeps the keys, encodings and NOT NULL; through a temporary table and TRUNCATE keeps the rows',
    doc: DEEP_COPY,
    steps: [
      run('create schema dc_namespace'),
      run(
        'create table public.dc_sample (id int not null, v varchar(10) encode zstd) distkey(id) compound sortkey(v)',
      ),
      run("insert into dc_sample values (1, 'a'), (2, 'b')"),
      run('create table dc_namespace.dc_sample_copy (like public.dc_sample)'),
      run(
        'insert into dc_namespace.dc_sample_copy (select * from public.dc_sample)',
      ),
      run(
        "select * from svv_relation_privileges where namespace_name = 'public' and relation_name = 'dc_sample' order by identity_type, identity_id, privilege_type",
      ),
      run('drop table public.dc_sample'),
      run('alter table dc_namespace.dc_sample_copy rename to dc_sample'),
      run('set search_path to dc_namespace'),
      rows(
        `select "column", trim(encoding) as encoding, distkey, sortkey, "notnull" from pg_table_def where tablename = 'dc_sample'`,
        [
          {
            column: 'id',
            encoding: 'az64',
            distkey: true,
            sortkey: 0,
            notnull: true,
          },
          {
            column: 'v',
            encoding: 'zstd',
            distkey: false,
            sortkey: 1,
            notnull: false,
          },
        ],
      ),
      run('reset search_path'),
      rows('select count(*)::int as n from dc_namespace.dc_sample', [{ n: 2 }]),
      run('create table dc_sales (id int, v int)'),
      run('insert into dc_sales values (1, 1), (2, 2)'),
      run('create temp table dc_salestemp as select * from dc_sales'),
      run('truncate dc_sales'),
      run('insert into dc_sales (select * from dc_salestemp)'),
      run('drop table dc_salestemp'),
      rows('select count(*)::int as n from dc_sales', [{ n: 2 }]),
    ],
  },
  {
    title:
      'ALTER TABLE APPEND: both tables permanent, like-named columns with the same encoding, not in a transaction block, IGNOREEXTRA or FILLTARGET',
    doc: APPEND,
    steps: [
      run('create table ap_sales (a int, b varchar(5))'),
      run('create table ap_monthly (a int, b varchar(5))'),
      run("insert into ap_monthly values (1, 'x')"),
      run('create temp table ap_temp (a int, b varchar(5))'),
      fails(
        'alter table ap_sales append from ap_temp',
        '42P16',
        'needs a permanent source table',
      ),
      run('create table ap_zstd (a int encode zstd, b varchar(5))'),
      fails(
        'alter table ap_zstd append from ap_monthly',
        '42P16',
        "Target table and source table attributes don't match.",
      ),
      run('begin'),
      fails(
        'alter table ap_sales append from ap_monthly',
        '25001',
        'ALTER TABLE APPEND cannot run inside a transaction block',
      ),
      run('rollback'),
      fails(
        'alter table ap_sales append from ap_monthly ignoreextra filltarget',
        '42601',
        'syntax error',
      ),
      run('alter table ap_sales append from ap_monthly'),
      rows(
        'select (select count(*) from ap_sales)::int as sales, (select count(*) from ap_monthly)::int as monthly',
        [{ sales: 1, monthly: 0 }],
      ),
    ],
  },
]

describeFidelityCases(
  'local emulator: loading, updating, analyzing and vacuuming tables, as documented',
  'local_fidelity_loadmaint',
  CASES,
  (url) => {
    it(`one VACUUM at a time: a second one fails while the first runs (${VACUUM})`, async () => {
      const [locker, first, second] = await Promise.all([
        connect(url()),
        connect(url()),
        connect(url()),
      ])
      try {
        await locker.query('create table va_busy (id int)')
        await locker.query('create table va_other (id int)')
        await locker.query('insert into va_busy values (1)')
        // The first VACUUM waits for the lock, and so is still running.
        await locker.query('begin')
        await locker.query('lock va_busy')
        const pid = (await first.query('select pg_backend_pid() as pid'))
          .rows[0].pid as number
        const running = first.query('vacuum va_busy')
        await eventually(
          async () =>
            (
              await second.query(
                "select count(*)::int as n from pg_catalog.pg_stat_activity where pid = $1 and wait_event_type = 'Lock'",
                [pid],
              )
            ).rows[0].n === 1,
        )
        const error = await errorOf(second.query('vacuum va_other'))
        expect(error.code).toBe('XX000')
        expect(error.message).toContain('VACUUM is already running')
        await locker.query('commit')
        await running
        // Once it ended, the next one runs.
        await second.query('vacuum va_other')
      } finally {
        await Promise.all([locker.end(), first.end(), second.end()])
      }
    })
  },
)

/** A COPY of `s3://bucket/users.txt` into `table`, with `options`. */
const copyUsers = (table: string, options = '') =>
  `copy ${table} from 's3://bucket/users.txt' iam_role 'arn:aws:iam::0123456789012:role/MyRedshiftRole' delimiter '|' ${options}`

describe('local emulator: the analyze a COPY runs (STATUPDATE), and STL_FILE_SCAN', () => {
  let s3Dir: string
  let emulator: OwnEmulator

  beforeAll(async () => {
    s3Dir = await mkdtemp(join(tmpdir(), 'loadmaint-'))
    await mkdir(join(s3Dir, 'bucket'), { recursive: true })
    await writeFile(join(s3Dir, 'bucket', 'users.txt'), '1|a\n2|b\n')
    emulator = await startOwnEmulator('local_fidelity_loadmaint_copy', {
      s3Dir,
    })
  })
  afterAll(async () => {
    await emulator.stop()
    await rm(s3Dir, { recursive: true, force: true })
  })

  it('analyzes a table that was empty, always with STATUPDATE ON, never with OFF or NOLOAD', async () => {
    const client = await connect(emulator.local.url)
    try {
      await runSteps(
        client,
        {
          title: 'COPY STATUPDATE',
          doc: COPY_LOAD,
          steps: [
            run('create table cs_users (id int, name varchar(5))'),
            run(copyUsers('cs_users')),
            run(copyUsers('cs_users')),
            run(copyUsers('cs_users', 'statupdate on')),
            // The COPY analyzed the table: an explicit ANALYZE finds no change.
            run('analyze cs_users'),
            run(copyUsers('cs_users', 'statupdate off')),
            run('create table cs_off (id int, name varchar(5))'),
            run(copyUsers('cs_off', 'statupdate off')),
            run(copyUsers('cs_off', 'noload')),
            rows(
              `select trim(status) as status, rows, modified_rows, is_auto from stl_analyze
               where trim(table_name) = 'cs_users' order by starttime`,
              [
                { status: 'Full', rows: 2, modified_rows: 2, is_auto: 't' },
                { status: 'Full', rows: 6, modified_rows: 4, is_auto: 't' },
                { status: 'Skipped', rows: 6, modified_rows: 0, is_auto: 'f' },
              ],
            ),
            rows(
              "select count(*)::int as n from stl_analyze where trim(table_name) = 'cs_off'",
              [{ n: 0 }],
            ),
          ],
        },
        emulator.db.name,
      )
    } finally {
      await client.end()
    }
  })

  it('STL_FILE_SCAN lists each file a COPY read, with its lines and bytes', async () => {
    const client = await connect(emulator.local.url)
    try {
      await runSteps(
        client,
        {
          title: 'STL_FILE_SCAN',
          doc: FILE_SCAN,
          steps: [
            run('create table fs_users (id int, name varchar(5))'),
            run(copyUsers('fs_users')),
            // The page's query, as written.
            run(
              'select trim(name)as name, loadtime from stl_file_scan where loadtime > 1000000',
            ),
            rows(
              `select trim(f.name) as name, f.lines, f.bytes, f.loadtime >= 0 as timed, f.slice,
                 f.is_partial, f.start_offset, f.curtime <= c.curtime as began
               from stl_file_scan f join stl_load_commits c on c.query = f.query
               where f.query = pg_last_copy_id()`,
              [
                {
                  name: 's3://bucket/users.txt',
                  lines: '2',
                  bytes: '8',
                  timed: true,
                  slice: 0,
                  is_partial: 0,
                  start_offset: '0',
                  began: true,
                },
              ],
            ),
          ],
        },
        emulator.db.name,
      )
    } finally {
      await client.end()
    }
  })
})
