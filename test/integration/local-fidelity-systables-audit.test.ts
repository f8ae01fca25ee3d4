import type pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import {
  fails,
  rows,
  run,
  runSteps,
  type FidelityCase,
} from './fidelity-steps.js'
import { DG } from './function-answers.js'
import { connect, errorOf, openEmulatorDatabase } from './local-test-helpers.js'

// The system tables and views reference (cm_chap_system-tables.html) audited
// against the emulator: the documented columns and types of the views it
// builds, the pages' example queries after the matching work, who sees which
// rows, and the views the emulator refuses as a limit.

const page = (name: string) => `${DG}${name}`
const ROLE = 'arn:aws:iam::123456789012:role/mySpectrumRole'

/** Documented columns in order, as PostgreSQL's format_type() names the types. */
const COLUMNS: Readonly<Record<string, readonly [string, string][]>> = {
  stl_querytext: [
    ['userid', 'integer'],
    ['xid', 'bigint'],
    ['pid', 'integer'],
    ['query', 'integer'],
    ['sequence', 'integer'],
    ['text', 'character(200)'],
  ],
  stl_ddltext: [
    ['userid', 'integer'],
    ['xid', 'bigint'],
    ['pid', 'integer'],
    ['label', 'character(320)'],
    ['starttime', 'timestamp without time zone'],
    ['endtime', 'timestamp without time zone'],
    ['sequence', 'integer'],
    ['text', 'character(200)'],
  ],
  stl_utilitytext: [
    ['userid', 'integer'],
    ['xid', 'bigint'],
    ['pid', 'integer'],
    ['label', 'character(320)'],
    ['starttime', 'timestamp without time zone'],
    ['endtime', 'timestamp without time zone'],
    ['sequence', 'integer'],
    ['text', 'character(200)'],
  ],
  svl_statementtext: [
    ['userid', 'integer'],
    ['xid', 'bigint'],
    ['pid', 'integer'],
    ['label', 'character(320)'],
    ['starttime', 'timestamp without time zone'],
    ['endtime', 'timestamp without time zone'],
    ['sequence', 'integer'],
    ['type', 'character varying(10)'],
    ['text', 'character(200)'],
  ],
  stl_error: [
    ['userid', 'integer'],
    ['process', 'character(12)'],
    ['recordtime', 'timestamp without time zone'],
    ['pid', 'integer'],
    ['errcode', 'integer'],
    ['file', 'character(90)'],
    ['linenum', 'integer'],
    ['context', 'character(100)'],
    ['error', 'character(512)'],
  ],
  stl_wlm_query: [
    ['userid', 'integer'],
    ['xid', 'integer'],
    ['task', 'integer'],
    ['query', 'integer'],
    ['service_class', 'integer'],
    ['slot_count', 'integer'],
    ['service_class_start_time', 'timestamp without time zone'],
    ['queue_start_time', 'timestamp without time zone'],
    ['queue_end_time', 'timestamp without time zone'],
    ['total_queue_time', 'bigint'],
    ['exec_start_time', 'timestamp without time zone'],
    ['exec_end_time', 'timestamp without time zone'],
    ['total_exec_time', 'bigint'],
    ['service_class_end_time', 'timestamp without time zone'],
    ['final_state', 'character(16)'],
    ['est_peak_mem', 'bigint'],
    ['query_priority', 'character(20)'],
    ['service_class_name', 'character(64)'],
  ],
  stv_sessions: [
    ['starttime', 'timestamp without time zone'],
    ['process', 'integer'],
    ['user_name', 'character(50)'],
    ['db_name', 'character(50)'],
    ['timeout_sec', 'integer'],
  ],
  stv_locks: [
    ['table_id', 'bigint'],
    ['last_commit', 'timestamp without time zone'],
    ['last_update', 'timestamp without time zone'],
    ['lock_owner', 'bigint'],
    ['lock_owner_pid', 'bigint'],
    ['lock_owner_start_ts', 'timestamp without time zone'],
    ['lock_owner_end_ts', 'timestamp without time zone'],
    ['lock_status', 'character(22)'],
  ],
  svv_transactions: [
    ['txn_owner', 'text'],
    ['txn_db', 'text'],
    ['xid', 'bigint'],
    ['pid', 'integer'],
    ['txn_start', 'timestamp without time zone'],
    ['lock_mode', 'text'],
    ['lockable_object_type', 'text'],
    ['relation', 'integer'],
    ['granted', 'boolean'],
  ],
  svv_tables: [
    ['table_catalog', 'text'],
    ['table_schema', 'text'],
    ['table_name', 'text'],
    ['table_type', 'text'],
    ['remarks', 'text'],
  ],
  svv_all_tables: [
    ['database_name', 'character varying(128)'],
    ['schema_name', 'character varying(128)'],
    ['table_name', 'character varying(128)'],
    ['table_type', 'character varying(128)'],
    ['table_acl', 'character varying(128)'],
    ['remarks', 'character varying(256)'],
  ],
  svv_all_schemas: [
    ['database_name', 'character varying(128)'],
    ['schema_name', 'character varying(128)'],
    ['schema_owner', 'integer'],
    ['schema_type', 'character varying(128)'],
    ['schema_acl', 'character varying(128)'],
    ['source_database', 'character varying(128)'],
    ['schema_option', 'character varying(256)'],
  ],
  svv_redshift_schemas: [
    ['database_name', 'character varying(128)'],
    ['schema_name', 'character varying(128)'],
    ['schema_owner', 'integer'],
    ['schema_type', 'character varying(16)'],
    ['schema_acl', 'character varying(128)'],
    ['schema_option', 'character varying(128)'],
  ],
  pg_external_schema: [
    ['esoid', 'oid'],
    ['eskind', 'integer'],
    ['esdbname', 'text'],
    ['esoptions', 'text'],
  ],
  pg_user_info: [
    ['usename', 'name'],
    ['usesysid', 'integer'],
    ['usecreatedb', 'boolean'],
    ['usesuper', 'boolean'],
    ['usecatupd', 'boolean'],
    ['passwd', 'text'],
    // abstime on Redshift; PostgreSQL has none.
    ['valuntil', 'timestamp with time zone'],
    ['useconfig', 'text[]'],
    ['useconnlimit', 'text'],
  ],
  svv_datashares: [
    ['share_name', 'character varying(128)'],
    ['share_id', 'integer'],
    ['share_owner', 'integer'],
    ['source_database', 'character varying(128)'],
    ['consumer_database', 'character varying(128)'],
    ['share_type', 'character varying(8)'],
    ['createdate', 'timestamp without time zone'],
    ['is_publicaccessible', 'boolean'],
    ['share_acl', 'character varying(256)'],
    ['producer_account', 'character varying(16)'],
    ['producer_namespace', 'character varying(64)'],
    ['managed_by', 'character varying(64)'],
  ],
  svv_datashare_objects: [
    ['share_type', 'character varying(8)'],
    ['share_name', 'character varying(128)'],
    ['object_type', 'character varying(64)'],
    ['object_name', 'character varying(512)'],
    ['producer_account', 'character varying(16)'],
    ['producer_namespace', 'character varying(64)'],
    ['include_new', 'boolean'],
  ],
  svv_datashare_consumers: [
    ['share_name', 'character varying(128)'],
    ['consumer_account', 'character varying(16)'],
    ['consumer_namespace', 'character varying(64)'],
    ['share_date', 'timestamp without time zone'],
  ],
  stv_tbl_perm: [
    ['slice', 'integer'],
    ['id', 'integer'],
    ['name', 'character(72)'],
    ['rows', 'bigint'],
    ['sorted_rows', 'bigint'],
    ['temp', 'integer'],
    ['db_id', 'integer'],
    ['insert_pristine', 'integer'],
    ['delete_pristine', 'integer'],
    ['backup', 'integer'],
    ['dist_style', 'integer'],
    ['block_count', 'integer'],
  ],
  svv_identity_providers: [
    ['uid', 'integer'],
    ['name', 'text'],
    ['type', 'text'],
    ['instanceid', 'text'],
    ['namespc', 'text'],
    ['params', 'text'],
    ['enabled', 'boolean'],
  ],
}

const PAGE_OF: Readonly<Record<string, string>> = {
  stl_querytext: 'r_STL_QUERYTEXT.html',
  stl_ddltext: 'r_STL_DDLTEXT.html',
  stl_utilitytext: 'r_STL_UTILITYTEXT.html',
  svl_statementtext: 'r_SVL_STATEMENTTEXT.html',
  stl_error: 'r_STL_ERROR.html',
  stl_wlm_query: 'r_STL_WLM_QUERY.html',
  stv_sessions: 'r_STV_SESSIONS.html',
  stv_locks: 'r_STV_LOCKS.html',
  svv_transactions: 'r_SVV_TRANSACTIONS.html',
  svv_tables: 'r_SVV_TABLES.html',
  svv_all_tables: 'r_SVV_ALL_TABLES.html',
  svv_all_schemas: 'r_SVV_ALL_SCHEMAS.html',
  svv_redshift_schemas: 'r_SVV_REDSHIFT_SCHEMAS.html',
  pg_external_schema: 'r_PG_EXTERNAL_SCHEMA.html',
  pg_user_info: 'pg_user_info.html',
  svv_datashares: 'r_SVV_DATASHARES.html',
  svv_datashare_objects: 'r_SVV_DATASHARE_OBJECTS.html',
  svv_datashare_consumers: 'r_SVV_DATASHARE_CONSUMERS.html',
  svv_identity_providers: 'r_SVV_IDENTITY_PROVIDERS.html',
  stv_tbl_perm: 'r_STV_TBL_PERM.html',
}

/** PG_DATABASE_INFO adds these to PG_DATABASE's columns (r_PG_DATABASE_INFO.html). */
const DATABASE_INFO_EXTRA = [
  ['datid', 'oid'],
  ['datconnlimit', 'text'],
] as const

const LONG_SELECT = `select ${Array.from({ length: 40 }, (_, i) => `${i} as column_number_${i}`).join(', ')}`

const CASES: readonly FidelityCase[] = [
  {
    title:
      'STL_DDLTEXT holds CREATE / ALTER / DROP of schemas, tables and views; the example runs',
    doc: page('r_STL_DDLTEXT.html'),
    steps: [
      run('create schema st_ddl'),
      run('create table st_ddl.t (a int)'),
      run('alter table st_ddl.t add column b int'),
      run('create view st_ddl.v as select a from st_ddl.t'),
      run('drop view st_ddl.v'),
      rows(
        "select rtrim(text) as text, sequence, trim(label) as label from stl_ddltext where text like '%st_ddl%' order by starttime",
        [
          { text: 'create schema st_ddl', sequence: 0, label: '' },
          { text: 'create table st_ddl.t (a int)', sequence: 0, label: '' },
          {
            text: 'alter table st_ddl.t add column b int',
            sequence: 0,
            label: '',
          },
          {
            text: 'create view st_ddl.v as select a from st_ddl.t',
            sequence: 0,
            label: '',
          },
          { text: 'drop view st_ddl.v', sequence: 0, label: '' },
        ],
      ),
      rows(
        "select count(*)::int as n from (select xid, starttime, sequence, substring(text,1,40) as text from stl_ddltext order by xid desc, sequence) d where d.text like '%st_ddl%'",
        [{ n: 5 }],
      ),
    ],
  },
  {
    title:
      'STL_QUERYTEXT holds queries only, in 200-character pieces that LISTAGG puts back together',
    doc: page('r_STL_QUERYTEXT.html'),
    steps: [
      run('create table st_q (a int)'),
      run('insert into st_q values (1)'),
      run(LONG_SELECT),
      rows(
        "select count(*)::int as n from stl_querytext where text like 'create table st_q%'",
        [{ n: 0 }],
      ),
      rows(
        "select rtrim(text) as text from stl_querytext where text like 'insert into st_q%'",
        [{ text: 'insert into st_q values (1)' }],
      ),
      rows(
        `select count(*)::int as pieces, max(sequence) as last,
           sum(length(rtrim(text)))::int >= ${LONG_SELECT.length - 10} as complete
         from stl_querytext where query = (select max(query) from stl_querytext where sequence = 0 and text like 'select 0 as column_number_0,%')`,
        [
          {
            pieces: Math.ceil(LONG_SELECT.length / 200),
            last: Math.ceil(LONG_SELECT.length / 200) - 1,
            complete: true,
          },
        ],
      ),
      rows(
        // rtrim drops a blank that ends a piece, on Redshift too: compare without blanks.
        `select replace(listagg(case when len(rtrim(text)) = 0 then text else rtrim(text) end, '')
           within group (order by sequence), ' ', '') = replace('${LONG_SELECT}', ' ', '') as same
         from stl_querytext where query = (select max(query) from stl_querytext where sequence = 0 and text like 'select 0 as column_number_0,%')`,
        [{ same: true }],
      ),
    ],
  },
  {
    title:
      'STL_UTILITYTEXT holds SET, SHOW, GRANT, TRUNCATE, transaction control and CREATE USER',
    doc: page('r_STL_UTILITYTEXT.html'),
    steps: [
      run('create table st_u (a int)'),
      run("set query_group to 'st_u_group'"),
      run('show query_group'),
      run('truncate st_u'),
      run('begin'),
      run('commit'),
      run('create user st_u_user password disable'),
      run('grant select on st_u to st_u_user'),
      run('reset query_group'),
      rows(
        `select rtrim(text) as text, trim(label) as label from stl_utilitytext
         where (text like '%st_u%' or text in ('show query_group', 'begin', 'commit'))
           and text not like 'set %' order by starttime`,
        [
          { text: 'show query_group', label: 'st_u_group' },
          { text: 'truncate st_u', label: 'st_u_group' },
          { text: 'begin', label: 'st_u_group' },
          { text: 'commit', label: 'st_u_group' },
          {
            text: 'create user st_u_user password disable',
            label: 'st_u_group',
          },
          { text: 'grant select on st_u to st_u_user', label: 'st_u_group' },
        ],
      ),
    ],
  },
  {
    title:
      'SVL_STATEMENTTEXT unites the three with their type; its example filters starttime with LIKE',
    doc: page('r_SVL_STATEMENTTEXT.html'),
    steps: [
      run('create table st_all (a int)'),
      run('select * from st_all'),
      run('analyze st_all'),
      rows(
        "select type, rtrim(text) as text from svl_statementtext where text like '%st_all%' order by starttime",
        [
          { type: 'DDL', text: 'create table st_all (a int)' },
          { type: 'QUERY', text: 'select * from st_all' },
          { type: 'UTILITY', text: 'analyze st_all' },
        ],
      ),
      rows(
        `select type, rtrim(text) as text from svl_statementtext
         where starttime like to_char(getdate(), 'YYYY-MM-DD') || '%' and type = 'DDL'
           and text like '%st_all%' order by starttime asc`,
        [{ type: 'DDL', text: 'create table st_all (a int)' }],
      ),
      rows(
        "select count(*)::int as n from svl_statementtext where starttime not like '1999%' and text in ('create table st_all (a int)', 'select * from st_all', 'analyze st_all')",
        [{ n: 3 }],
      ),
    ],
  },
  {
    title:
      'a statement reading STV_RECENTS, STV_INFLIGHT or SYS_QUERY_HISTORY sees itself running',
    doc: page('r_STV_RECENTS.html'),
    steps: [
      rows(
        "select trim(user_name) as user_name, pid = pg_backend_pid() as mine, substring(query, 1, 25) as query from stv_recents where status = 'Running' and pid = pg_backend_pid()",
        [
          {
            user_name: 'awsuser',
            mine: true,
            query: 'select trim(user_name) as',
          },
        ],
      ),
      rows(
        'select slice, trim(label) as querylabel, substring(text, 1, 20) as querytext from stv_inflight where pid = pg_backend_pid()',
        [
          {
            slice: 0,
            querylabel: 'default',
            querytext: 'select slice, trim(l',
          },
        ],
      ),
      rows(
        "select trim(status) as status, end_time from sys_query_history where status = 'running' and session_id = pg_backend_pid()",
        [{ status: 'running', end_time: null }],
      ),
    ],
  },
  {
    title: 'STL_QUERY userid joins PG_USER.usesysid, as the pages join them',
    doc: page('r_STL_QUERY.html'),
    steps: [
      run('select 42 as st_join_marker'),
      rows(
        `select trim(u.usename) as usename from stl_query q join pg_user u on q.userid = u.usesysid
         where q.querytxt like 'select 42 as st_join_marker%'`,
        [{ usename: 'awsuser' }],
      ),
      rows("select user_name from svv_user_info where user_name = 'awsuser'", [
        { user_name: 'awsuser' },
      ]),
      rows(
        "select count(*)::int as n from svv_roles where role_name = 'awsuser'",
        [{ n: 0 }],
      ),
    ],
  },
  {
    title:
      'STL_ERROR records engine errors, not SQL errors: a failed statement adds no row',
    doc: page('r_STL_ERROR.html'),
    steps: [
      fails('select * from st_no_such_table', '42P01', 'does not exist'),
      rows(
        'select process, errcode, linenum as line, trim(error) as err from stl_error',
        [],
      ),
    ],
  },
  {
    title: 'STL_WLM_QUERY has one row per query WLM ran, in its service class',
    doc: page('r_STL_WLM_QUERY.html'),
    steps: [
      run('select 7 as st_wlm_marker'),
      rows(
        `select w.service_class, w.slot_count, trim(w.service_class_name) as name,
           w.total_queue_time >= 0 and w.total_exec_time >= 0 as timed,
           w.exec_end_time >= w.exec_start_time as ordered
         from stl_wlm_query w join stl_query q on q.query = w.query
         where q.querytxt like 'select 7 as st_wlm_marker%'`,
        [
          {
            service_class: 6,
            slot_count: 1,
            name: 'Default queue',
            timed: true,
            ordered: true,
          },
        ],
      ),
      run('create table st_wlm_ddl (a int)'),
      rows(
        `select count(*)::int as n from stl_wlm_query w join sys_query_history h on h.query_id = w.query
         where h.query_text like 'create table st_wlm_ddl%'`,
        [{ n: 0 }],
      ),
    ],
  },
  {
    title: 'STV_SESSIONS lists the live session with its user and database',
    doc: page('r_STV_SESSIONS.html'),
    steps: [
      rows(
        `select trim(user_name) as user_name, trim(db_name) = current_database() as here, timeout_sec
         from stv_sessions where process = pg_backend_pid()`,
        [{ user_name: 'awsuser', here: true, timeout_sec: 0 }],
      ),
      rows('select count(*) >= 1 as some from stv_sessions', [{ some: true }]),
    ],
  },
  {
    title:
      'SVV_TRANSACTIONS shows an open transaction and its table lock; STV_LOCKS the write lock',
    doc: page('r_SVV_TRANSACTIONS.html'),
    steps: [
      run('create table st_lock (a int)'),
      run('begin'),
      run('lock st_lock'),
      rows(
        `select txn_owner, txn_db = current_database() as here, lock_mode, lockable_object_type,
           relation = (select c.oid::int from pg_class c where c.relname = 'st_lock') as on_table, granted,
           xid = (select q.xid from stl_utilitytext q where q.pid = pg_backend_pid() and q.text like 'lock st_lock%') as same_xid
         from svv_transactions where pid = pg_backend_pid() order by lockable_object_type desc`,
        [
          {
            txn_owner: 'awsuser',
            here: true,
            lock_mode: 'ExclusiveLock',
            lockable_object_type: 'transactionid',
            on_table: null,
            granted: true,
            same_xid: true,
          },
          {
            txn_owner: 'awsuser',
            here: true,
            lock_mode: 'AccessExclusiveLock',
            lockable_object_type: 'relation',
            on_table: true,
            granted: true,
            same_xid: true,
          },
        ],
      ),
      rows(
        `select table_id = (select c.oid::bigint from pg_class c where c.relname = 'st_lock') as on_table,
           lock_owner_pid = pg_backend_pid() as mine,
           last_update, rtrim(lock_status) as lock_status
         from stv_locks where lock_owner_pid = pg_backend_pid()`,
        [
          {
            on_table: true,
            mine: true,
            last_update: null,
            lock_status: 'Holding lock',
          },
        ],
      ),
      run('commit'),
      rows(
        'select count(*)::int as n from stv_locks where lock_owner_pid = pg_backend_pid()',
        [{ n: 0 }],
      ),
    ],
  },
  {
    title:
      'SVV_ALL_TABLES, SVV_TABLES: local tables, views and external tables; the examples run',
    doc: page('r_SVV_ALL_TABLES.html'),
    steps: [
      run('create table st_tab (a int)'),
      run('create view st_tab_v as select a from st_tab'),
      run(
        `create external schema st_ext from data catalog database 'st_ext_db' iam_role '${ROLE}' create external database if not exists`,
      ),
      run(
        "create external table st_ext.st_tab_x (a int) stored as textfile location 's3://st-bucket/x/'",
      ),
      rows(
        `SELECT schema_name, table_name, table_type, table_acl, remarks FROM svv_all_tables
         WHERE database_name = current_database() and table_name like 'st_tab%' ORDER BY TABLE_NAME, SCHEMA_NAME LIMIT 5`,
        [
          {
            schema_name: 'public',
            table_name: 'st_tab',
            table_type: 'TABLE',
            table_acl: null,
            remarks: null,
          },
          {
            schema_name: 'public',
            table_name: 'st_tab_v',
            table_type: 'VIEW',
            table_acl: null,
            remarks: null,
          },
          {
            schema_name: 'st_ext',
            table_name: 'st_tab_x',
            table_type: 'EXTERNAL TABLE',
            table_acl: null,
            remarks: null,
          },
        ],
      ),
      rows(
        `select table_schema, table_name, table_type from svv_tables
         where table_catalog = current_database() and table_name like 'st_tab%' order by table_name`,
        [
          {
            table_schema: 'public',
            table_name: 'st_tab',
            table_type: 'BASE TABLE',
          },
          {
            table_schema: 'public',
            table_name: 'st_tab_v',
            table_type: 'VIEW',
          },
          {
            table_schema: 'st_ext',
            table_name: 'st_tab_x',
            table_type: 'EXTERNAL TABLE',
          },
        ],
      ),
    ],
  },
  {
    title:
      'SVV_ALL_SCHEMAS and SVV_REDSHIFT_SCHEMAS: local schemas, plus external ones in the first',
    doc: page('r_SVV_ALL_SCHEMAS.html'),
    steps: [
      run('create schema st_sch'),
      run(
        `create external schema st_sch_x from data catalog database 'st_sch_db' iam_role '${ROLE}' create external database if not exists`,
      ),
      rows(
        `SELECT schema_name, schema_type, source_database,
           schema_owner = (select usesysid from pg_user where usename = current_user) as mine
         FROM svv_all_schemas WHERE database_name = current_database() and schema_name like 'st_sch%'
         ORDER BY database_name, SCHEMA_NAME`,
        [
          {
            schema_name: 'st_sch',
            schema_type: 'local',
            source_database: null,
            mine: true,
          },
          {
            schema_name: 'st_sch_x',
            schema_type: 'external',
            source_database: 'st_sch_db',
            mine: true,
          },
        ],
      ),
      rows(
        `SELECT schema_name, schema_type FROM svv_redshift_schemas
         WHERE database_name = current_database() and (schema_name like 'st_sch%' or schema_name like 'redshift_local%')
         ORDER BY database_name, SCHEMA_NAME`,
        [{ schema_name: 'st_sch', schema_type: 'local' }],
      ),
    ],
  },
  {
    title:
      "PG_EXTERNAL_SCHEMA holds the external schemas; the page's join runs",
    doc: page('r_PG_EXTERNAL_SCHEMA.html'),
    steps: [
      run(
        `create external schema st_pgx from data catalog database 'st_pgx_db' iam_role '${ROLE}' create external database if not exists`,
      ),
      rows(
        `select nspname as schemaname, esdbname as external_db, esoptions like '%"IAM_ROLE":"${ROLE}"%' as has_role
         from pg_namespace a, pg_external_schema b where a.oid = b.esoid and nspname = 'st_pgx'`,
        [{ schemaname: 'st_pgx', external_db: 'st_pgx_db', has_role: true }],
      ),
    ],
  },
  {
    title:
      'PG_USER_INFO lists the users to a superuser, without password hashes',
    doc: page('pg_user_info.html'),
    steps: [
      run('create user st_info_user password disable connection limit 3'),
      rows(
        "select usename, usesuper, usecatupd, passwd, useconnlimit from pg_user_info where usename in ('awsuser', 'st_info_user') order by usename",
        [
          {
            usename: 'awsuser',
            usesuper: true,
            usecatupd: true,
            passwd: '********',
            useconnlimit: 'UNLIMITED',
          },
          {
            usename: 'st_info_user',
            usesuper: false,
            usecatupd: false,
            passwd: '********',
            useconnlimit: '3',
          },
        ],
      ),
    ],
  },
  {
    title:
      'STV_TBL_PERM lists the tables with their rows; the catalog-query examples run on it',
    doc: page('c_join_PG_examples.html'),
    steps: [
      run(
        'create table st_perm (a int, b varchar(5)) diststyle even sortkey (a)',
      ),
      run("insert into st_perm values (1, 'x'), (2, 'y'), (3, 'z')"),
      run('create table st_perm_nb (a int) backup no'),
      run('create temp table st_perm_tmp (a int)'),
      rows(
        `select distinct id > 0 as has_id, rtrim(name) as name, rows, sorted_rows, temp,
           case when temp = 0 then "backup" end as "backup", block_count, slice
         from stv_tbl_perm where name like 'st_perm%' order by name`,
        [
          {
            has_id: true,
            name: 'st_perm',
            rows: '3',
            sorted_rows: '3',
            temp: 0,
            backup: 1,
            block_count: -1,
            slice: 0,
          },
          {
            has_id: true,
            name: 'st_perm_nb',
            rows: '0',
            sorted_rows: '0',
            temp: 0,
            backup: 0,
            block_count: -1,
            slice: 0,
          },
          {
            has_id: true,
            name: 'st_perm_tmp',
            rows: '0',
            sorted_rows: '0',
            temp: 1,
            backup: null,
            block_count: -1,
            slice: 0,
          },
        ],
      ),
      rows(
        "select dist_style = (select reldiststyle from pg_class_info where reloid = id) as same from stv_tbl_perm where name = 'st_perm'",
        [{ same: true }],
      ),
      run(`create view st_tables_vw as
        select distinct(id) table_id, trim(datname) db_name, trim(nspname) schema_name, trim(relname) table_name
        from stv_tbl_perm
        join pg_class on pg_class.oid = stv_tbl_perm.id
        join pg_namespace on pg_namespace.oid = relnamespace
        join pg_database on pg_database.oid = stv_tbl_perm.db_id`),
      rows(
        "select db_name, schema_name, table_name from st_tables_vw where table_id = (select oid from pg_class where relname = 'st_perm')",
        [{ db_name: '{db}', schema_name: 'public', table_name: 'st_perm' }],
      ),
      rows(
        `select datname, nspname, relname, sum(rows) as rows
         from pg_class, pg_namespace, pg_database, stv_tbl_perm
         where pg_namespace.oid = relnamespace and pg_class.oid = stv_tbl_perm.id
           and pg_database.oid = stv_tbl_perm.db_id and datname = current_database() and relname = 'st_perm'
         group by datname, nspname, relname order by datname, nspname, relname`,
        [{ datname: '{db}', nspname: 'public', relname: 'st_perm', rows: '3' }],
      ),
      rows(
        `select distinct rtrim(name) as name, attname, typname
         from pg_attribute a, pg_type t, stv_tbl_perm p
         where t.oid = a.atttypid and a.attrelid = p.id and p.name = 'st_perm'
           and typname not in ('oid', 'xid', 'tid', 'cid')
         order by name, typname, attname`,
        [
          { name: 'st_perm', attname: 'a', typname: 'int4' },
          { name: 'st_perm', attname: 'b', typname: 'varchar' },
        ],
      ),
      rows(
        `select nspname, relname, max(attnum) as num_cols
         from pg_attribute a, pg_namespace n, pg_class c
         where n.oid = c.relnamespace and a.attrelid = c.oid and c.relname not like '%pkey'
           and n.nspname not like 'pg%' and n.nspname not like 'information%' and c.relname = 'st_perm'
         group by 1, 2 order by 1, 2`,
        [{ nspname: 'public', relname: 'st_perm', num_cols: 2 }],
      ),
    ],
  },
  {
    title: 'PG_DATABASE_INFO shows the connection limit as text, -1 for none',
    doc: page('r_PG_DATABASE_INFO.html'),
    steps: [
      run('create database st_dbinfo connection limit 7'),
      rows(
        "select datname, datconnlimit, datid > 0 as has_id from pg_database_info where datname in ('st_dbinfo', current_database()) order by datname = 'st_dbinfo'",
        [
          { datname: '{db}', datconnlimit: '-1', has_id: true },
          { datname: 'st_dbinfo', datconnlimit: '7', has_id: true },
        ],
      ),
      run('drop database st_dbinfo'),
    ],
  },
  {
    title:
      'no datashare created yet and no identity provider: their views are empty',
    doc: page('r_SVV_DATASHARES.html'),
    steps: [
      rows(
        "SELECT share_owner, source_database, share_type, is_publicaccessible FROM svv_datashares WHERE share_name LIKE 'tickit_datashare%' AND source_database = 'dev'",
        [],
      ),
      rows(
        "SELECT count(*)::int as n FROM svv_datashare_consumers WHERE share_name LIKE 'tickit_datashare%'",
        [{ n: 0 }],
      ),
      rows(
        'SELECT name, type, instanceid, namespc, params, enabled FROM svv_identity_providers ORDER BY 1',
        [],
      ),
    ],
  },
  ...(
    [
      ['svv_diskusage', 'r_SVV_DISKUSAGE.html'],
      ['stv_blocklist', 'r_STV_BLOCKLIST.html'],
      ['pg_statistic_indicator', 'r_PG_STATISTIC_INDICATOR.html'],
      ['sys_serverless_usage', 'SYS_SERVERLESS_USAGE.html'],
    ] as const
  ).map(([view, doc]): FidelityCase => ({
    title: `${view.toUpperCase()} is refused as an emulator limit`,
    doc: page(doc),
    steps: [
      fails(
        `select count(*) from ${view}`,
        '0A000',
        `${view.toUpperCase()} is not supported by the local emulator`,
      ),
      fails(
        `select * from pg_catalog.${view} limit 1`,
        '0A000',
        'an emulator limit',
      ),
    ],
  })),
]

describe('local emulator: the system tables and views reference', () => {
  let url: string
  let close: () => Promise<void>
  let database: string
  let admin: pg.Client

  beforeAll(async () => {
    let db: { readonly name: string }
    ;({
      url,
      close,
      db,
      client: admin,
    } = await openEmulatorDatabase('local_fidelity_systables', [
      "create user st_plain password 'Abcdefg1'",
      "create user st_other password 'Abcdefg1'",
    ]))
    database = db.name
  })
  afterAll(() => close())

  const as = async (user: string): Promise<pg.Client> => {
    const target = new URL(url)
    target.username = user
    target.password = 'Abcdefg1'
    return connect(target.toString())
  }

  it.each(Object.entries(COLUMNS))(
    '%s has the documented columns and types',
    async (view, expected) => {
      const { rows: found } = await admin.query<{
        attname: string
        type: string
      }>(
        `select attname, format_type(atttypid, atttypmod) as type from pg_attribute
         where attrelid = $1::regclass and attnum > 0 order by attnum`,
        [`pg_catalog.${view}`],
      )
      expect(
        found.map((c) => [c.attname, c.type]),
        `${view} (${page(PAGE_OF[view]!)})`,
      ).toEqual(expected)
    },
  )

  it('PG_DATABASE_INFO has PG_DATABASE datid and datconnlimit columns', async () => {
    const { rows: found } = await admin.query<{
      attname: string
      type: string
    }>(
      `select attname, format_type(atttypid, atttypmod) as type from pg_attribute
       where attrelid = 'pg_catalog.pg_database_info'::regclass and attname in ('datid', 'datconnlimit')
       order by attnum`,
    )
    expect(
      found.map((c) => [c.attname, c.type]),
      page('r_PG_DATABASE_INFO.html'),
    ).toEqual(DATABASE_INFO_EXTRA.map((c) => [...c]))
  })

  it.each(CASES.map((c) => [c.title, c] as const))(
    '%s',
    async (_title, testCase) => {
      const client = await connect(url)
      try {
        await runSteps(client, testCase, database)
      } finally {
        await client.end()
      }
    },
  )

  it('a regular user sees only its own statements in the STL, SVL, STV and SYS views', async () => {
    const where = page('cm_chap_system-tables.html#c_visibility-of-data')
    const plain = await as('st_plain')
    const other = await as('st_other')
    try {
      await other.query('select 1 as st_other_marker')
      await plain.query('select 1 as st_plain_marker')
      for (const [sql, column] of [
        ['select querytxt as t from stl_query', 't'],
        ['select query_text as t from sys_query_history', 't'],
        ['select text as t from svl_statementtext', 't'],
        ['select text as t from stl_querytext', 't'],
        ['select substring as t from svl_qlog', 't'],
        ['select query as t from stv_recents', 't'],
      ] as const) {
        const { rows: seen } = await plain.query<Record<string, string>>(sql)
        const texts = seen.map((r) => r[column]!)
        expect(
          texts.some((t) => t.includes('st_plain_marker')),
          `${sql} (${where})`,
        ).toBe(true)
        expect(
          texts.some((t) => t.includes('st_other_marker')),
          `${sql} (${where})`,
        ).toBe(false)
      }
      const { rows: users } = await plain.query<{ n: number }>(
        "select count(distinct userid)::int as n from stl_query where userid = (select usesysid from pg_user where usename = 'st_plain')",
      )
      expect(users, `STL_QUERY userid (${where})`).toEqual([{ n: 1 }])
      const { rows: sessions } = await plain.query<{ n: number }>(
        'select count(*)::int as n from stv_sessions where process <> pg_backend_pid()',
      )
      expect(sessions, `STV_SESSIONS (${page('r_STV_SESSIONS.html')})`).toEqual(
        [{ n: 0 }],
      )
    } finally {
      await plain.end()
      await other.end()
    }
  })

  it('a regular user sees only its own CALLs and RAISE messages', async () => {
    const where = page('r_SVL_STORED_PROC_CALL.html')
    await admin.query(`create or replace procedure st_sp(tag varchar) as $$
      begin raise info 'st_sp %', tag; end; $$ language plpgsql`)
    await admin.query('grant execute on procedure st_sp(varchar) to public')
    const plain = await as('st_plain')
    const other = await as('st_other')
    try {
      await other.query("call st_sp('other')")
      await plain.query("call st_sp('plain')")
      const { rows: calls } = await plain.query<{ t: string }>(
        "select trim(querytxt) as t from svl_stored_proc_call where querytxt like 'call st_sp(%' order by query",
      )
      expect(calls, where).toEqual([{ t: "call st_sp('plain')" }])
      const { rows: messages } = await plain.query<{ m: string }>(
        "select trim(message) as m from svl_stored_proc_messages where message like 'st_sp %' order by recordtime",
      )
      expect(messages, page('r_SVL_STORED_PROC_MESSAGES.html')).toEqual([
        { m: 'st_sp plain' },
      ])
      const { rows: all } = await admin.query<{ n: number }>(
        "select count(*)::int as n from svl_stored_proc_call where querytxt like 'call st_sp(%'",
      )
      expect(all, where).toEqual([{ n: 2 }])
    } finally {
      await plain.end()
      await other.end()
    }
  })

  it('superuser-only views show a regular user nothing, even with SYSLOG ACCESS UNRESTRICTED', async () => {
    await admin.query('alter user st_other syslog access unrestricted')
    const other = await as('st_other')
    try {
      for (const [sql, doc] of [
        ['select count(*)::int as n from stv_locks', 'r_STV_LOCKS.html'],
        ['select count(*)::int as n from pg_user_info', 'pg_user_info.html'],
        ['select count(*)::int as n from stv_tbl_perm', 'r_STV_TBL_PERM.html'],
      ] as const) {
        const { rows: found } = await other.query(sql)
        expect(found, `${sql} (${page(doc)})`).toEqual([{ n: 0 }])
      }
    } finally {
      await other.end()
      await admin.query('alter user st_other syslog access restricted')
    }
  })

  it('SYSLOG ACCESS UNRESTRICTED shows a regular user every row of the views visible to all', async () => {
    const where = page('r_ALTER_USER.html')
    const plain = await as('st_plain')
    const other = await as('st_other')
    try {
      await plain.query('select 2 as st_plain_unrestricted')
      await admin.query('alter user st_other syslog access unrestricted')
      const seen = async () =>
        (
          await other.query<{ n: number }>(
            "select count(*)::int as n from stl_query where querytxt like 'select 2 as st_plain_unrestricted%'",
          )
        ).rows
      expect(await seen(), `UNRESTRICTED (${where})`).toEqual([{ n: 1 }])
      await admin.query('alter user st_other syslog access restricted')
      expect(await seen(), `RESTRICTED (${where})`).toEqual([{ n: 0 }])
    } finally {
      await plain.end()
      await other.end()
    }
  })

  it('reading a refused view names the limit before anything runs', async () => {
    const error = await errorOf(admin.query('select * from svv_diskusage'))
    expect(error.code, page('r_SVV_DISKUSAGE.html')).toBe('0A000')
    expect(error.hint, page('r_SVV_DISKUSAGE.html')).toContain('blocks')
  })
})
