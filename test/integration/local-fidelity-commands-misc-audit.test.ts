import {
  describeFidelityCases,
  fails,
  rows,
  run,
  type FidelityCase as Case,
} from './fidelity-steps.js'
import { DG } from './function-answers.js'

// The Developer Guide's remaining SQL command pages, page by page: schemas,
// views, DROP TABLE, COMMENT, databases, CREATE TABLE AS, INSERT, the
// transaction commands, cursors, PREPARE / EXECUTE / DEALLOCATE, RESET,
// EXPLAIN's accepted and refused forms and ALTER TABLE's column examples.
// Where Redshift's own error text is not documented, the cases check the
// SQLSTATE and the words the emulator names. Users and databases are the
// cluster's, so their names carry this file's prefix.

const page = (name: string) => `${DG}${name}`
const CREATE_SCHEMA = page('r_CREATE_SCHEMA.html')
const ALTER_SCHEMA = page('r_ALTER_SCHEMA.html')
const DROP_SCHEMA = page('r_DROP_SCHEMA.html')
const CREATE_VIEW = page('r_CREATE_VIEW.html')
const DROP_VIEW = page('r_DROP_VIEW.html')
const DROP_TABLE = page('r_DROP_TABLE.html')
const COMMENT = page('r_COMMENT.html')
const ALTER_DATABASE = page('r_ALTER_DATABASE.html')
const DROP_DATABASE = page('r_DROP_DATABASE.html')
const CTAS = page('r_CREATE_TABLE_AS.html')
const INSERT = page('r_INSERT_30.html')
const BEGIN = page('r_BEGIN.html')
const EXPLAIN = page('r_EXPLAIN.html')
const DEALLOCATE = page('r_DEALLOCATE.html')
const ALTER_TABLE = page('r_ALTER_TABLE.html')
const ALTER_TABLE_COLUMNS = page('r_ALTER_TABLE_COL_ex-add-drop.html')

/** The tickit EVENT table, with its dist and sort keys. */
const EVENT = [
  run('drop table if exists event cascade'),
  run(
    'create table event (eventid integer not null distkey, venueid smallint not null, catid smallint not null, dateid smallint not null sortkey, eventname varchar(200), starttime timestamp)',
  ),
  run(
    "insert into event values (2, 306, 8, 2114, 'Boris Godunov', '2008-10-15 20:00:00'), (3, 302, 8, 1935, 'LeAnn Rimes', '2008-04-19 14:30:00')",
  ),
]

/** A table's columns and keys from PG_TABLE_DEF. */
const keys = (table: string) =>
  `select "column", distkey, sortkey from pg_table_def where tablename = '${table}' order by 1`

/** EVENTDISTSORT as r_CTAS_examples.html shows it. */
const EVENTDISTSORT = [
  { column: 'dateid', distkey: false, sortkey: 2 },
  { column: 'eventid', distkey: true, sortkey: 1 },
  { column: 'eventname', distkey: false, sortkey: 0 },
  { column: 'venueid', distkey: false, sortkey: 0 },
]

const quota = (schema: string) =>
  `select quota from svv_schema_quota_state where trim(schema_name) = '${schema}'`

const CASES: readonly Case[] = [
  // CREATE / ALTER / DROP SCHEMA.
  {
    title: 'CREATE SCHEMA ... AUTHORIZATION ... QUOTA, and the owner it shows',
    doc: CREATE_SCHEMA,
    steps: [
      run('drop user if exists miscaudit_dw'),
      run("create user miscaudit_dw password 'abcD1234'"),
      run('create schema us_sales authorization miscaudit_dw'),
      run('create schema us_sales_q authorization miscaudit_dw QUOTA 50 GB'),
      rows(
        "select nspname::text as schema, usename::text as owner from pg_namespace, pg_user where pg_namespace.nspowner = pg_user.usesysid and pg_user.usename = 'miscaudit_dw' order by 1",
        [
          { schema: 'us_sales', owner: 'miscaudit_dw' },
          { schema: 'us_sales_q', owner: 'miscaudit_dw' },
        ],
      ),
      rows(quota('us_sales_q'), [{ quota: 51200 }]),
      run('create schema if not exists us_sales'),
      run('drop schema us_sales, us_sales_q'),
      run('drop user miscaudit_dw'),
    ],
  },
  {
    title: 'a QUOTA without a unit is in gigabytes (CREATE and ALTER SCHEMA)',
    doc: CREATE_SCHEMA,
    steps: [
      run('create schema q_bare quota 10'),
      rows(quota('q_bare'), [{ quota: 10240 }]),
      run('alter schema q_bare quota 300'),
      rows(quota('q_bare'), [{ quota: 307200 }]),
      run('alter schema q_bare quota 2 tb'),
      rows(quota('q_bare'), [{ quota: 2097152 }]),
    ],
  },
  {
    title: 'schema elements may follow the QUOTA',
    doc: CREATE_SCHEMA,
    steps: [
      run(
        'create schema q_elements quota 5 gb create table t1 (quota int) create view v1 as select quota from t1',
      ),
      rows(quota('q_elements'), [{ quota: 5120 }]),
      rows('select count(*)::int as n from q_elements.v1', [{ n: 0 }]),
      fails(
        'alter schema q_elements quota 1 gb create table t2 (a int)',
        '42601',
        '"create"',
      ),
    ],
  },
  {
    title: 'ALTER SCHEMA RENAME TO, OWNER TO, QUOTA ... | UNLIMITED',
    doc: ALTER_SCHEMA,
    steps: [
      run('create schema sales'),
      run('alter schema sales rename to us_sales2'),
      run('alter schema us_sales2 owner to current_user'),
      run('alter schema us_sales2 QUOTA 300 GB'),
      rows(quota('us_sales2'), [{ quota: 307200 }]),
      run('alter schema us_sales2 QUOTA UNLIMITED'),
      rows(quota('us_sales2'), []),
      fails('alter schema if exists us_sales2 rename to x', '42601', 'exists'),
    ],
  },
  {
    title:
      'DROP SCHEMA RESTRICT refuses a schema with objects; CASCADE drops them',
    doc: DROP_SCHEMA,
    steps: [
      run('create schema s_sales'),
      run('create table s_sales.t (a int)'),
      fails('drop schema s_sales restrict', '2BP01', 'other objects depend'),
      run('drop schema s_sales cascade'),
      run('drop schema if exists s_sales'),
      fails('drop schema s_sales', '3F000', 'does not exist'),
      run('create schema s_profit'),
      run('create schema s_revenue'),
      run('drop schema s_profit, s_revenue'),
    ],
  },
  // CREATE VIEW / DROP VIEW.
  {
    title: 'CREATE [OR REPLACE] VIEW, column lists, WITH NO SCHEMA BINDING',
    doc: CREATE_VIEW,
    steps: [
      ...EVENT,
      run('create table users (userid int, lastname varchar(30))'),
      run(
        "create view myevent as select eventname from event where eventname = 'LeAnn Rimes'",
      ),
      run('create view myuser as select lastname from users'),
      run('create or replace view myuser as select lastname from users'),
      fails(
        'create view myevent2 as select eventname from event with no schema binding',
        '42601',
        'qualified',
      ),
      run(
        'create view event_vw as select * from public.event with no schema binding',
      ),
      run('alter table event rename column eventname to title'),
      rows('select eventid, title from event_vw order by eventid limit 1', [
        { eventid: 2, title: 'Boris Godunov' },
      ]),
      run('create view v_cols (a, b) as select eventid, title from event'),
      rows('select a, b from v_cols order by a', [
        { a: 2, b: 'Boris Godunov' },
        { a: 3, b: 'LeAnn Rimes' },
      ]),
      fails(
        'create view v_cols3 (a, b, c) as select eventid, title from event',
        '42601',
        'more column names than columns',
      ),
    ],
  },
  {
    title: 'OR REPLACE keeps the columns: no column added, renamed or retyped',
    doc: CREATE_VIEW,
    steps: [
      run('create table t_replace (id int, name varchar(20))'),
      run('create view v_replace as select name from t_replace'),
      fails(
        'create or replace view v_replace as select name, id from t_replace',
        '42P16',
        'cannot change number of columns in view',
      ),
      fails(
        'create or replace view v_replace as select name as n from t_replace',
        '42P16',
        'cannot change name of view column',
      ),
      fails(
        'create or replace view v_replace as select name::varchar(40) as name from t_replace',
        '42P16',
        'cannot change data type of view column',
      ),
      run(
        'create or replace view v_replace as select name from t_replace where id > 0',
      ),
      rows(
        "select count(*)::int as n from pg_attribute where attrelid = 'v_replace'::regclass and attnum > 0",
        [{ n: 1 }],
      ),
    ],
  },
  {
    title: 'a view cannot be inserted into, updated or deleted from',
    doc: CREATE_VIEW,
    steps: [
      run('create table t_written (id int)'),
      run('insert into t_written values (1)'),
      run('create view v_written as select id from t_written'),
      fails(
        'insert into v_written values (5)',
        '55000',
        'cannot insert into view "v_written"',
      ),
      fails(
        'insert into v_written select 1 where false',
        '55000',
        'cannot insert into view',
      ),
      fails(
        'update v_written set id = 2',
        '55000',
        'cannot update view "v_written"',
      ),
      fails(
        'update v_written set id = 2 where false',
        '55000',
        'cannot update view',
      ),
      fails(
        'delete from v_written',
        '55000',
        'cannot delete from view "v_written"',
      ),
      run('alter table v_written rename to v_written2'),
      fails('delete from v_written2', '55000', 'cannot delete from view'),
      run(
        'create view v_late as select id from public.t_written with no schema binding',
      ),
      fails('insert into v_late values (1)', '55000', 'cannot insert'),
      rows('select id from t_written', [{ id: 1 }]),
    ],
  },
  {
    title: 'a view named #name is temporary; there is no TEMP VIEW',
    doc: CREATE_VIEW,
    steps: [
      run('create table t_hash (id int)'),
      run('create view #tv (n) as select id from t_hash'),
      rows('select * from #tv', []),
      rows(
        "select n.nspname like 'pg_temp%' as temporary from pg_class c join pg_namespace n on n.oid = c.relnamespace where c.relname = '#tv'",
        [{ temporary: true }],
      ),
      fails('create temp view v_temp as select 1 as x', '42601', 'TEMPORARY'),
      fails('insert into #tv values (1)', '55000', 'cannot insert'),
    ],
  },
  {
    title: 'DROP VIEW: dependent views need CASCADE; several views; IF EXISTS',
    doc: DROP_VIEW,
    steps: [
      ...EVENT,
      run(
        'create view eventview as select dateid, eventname, catid from event where catid = 1',
      ),
      run(
        "create view myeventview as select eventname, catid from eventview where eventname <> ' '",
      ),
      fails(
        'drop view eventview',
        '2BP01',
        'because other objects depend on it',
      ),
      run('drop view eventview cascade'),
      rows(
        "select count(*)::int as n from pg_views where viewname in ('eventview', 'myeventview')",
        [{ n: 0 }],
      ),
      run('drop view if exists eventview'),
      run('create view dv1 as select 1 as x'),
      run('create view dv2 as select 1 as x'),
      run('drop view dv1, dv2 restrict'),
      fails('drop view event', '42809', 'is not a view'),
    ],
  },
  // DROP TABLE.
  {
    title:
      'DROP TABLE: two at once, CASCADE drops the dependent view, IF EXISTS',
    doc: DROP_TABLE,
    steps: [
      run('create table feedback(a int)'),
      run('create table buyers(a int)'),
      run('drop table feedback, buyers'),
      run('create table feedback(a int)'),
      run('create view feedback_view as select * from feedback'),
      fails(
        'drop table feedback',
        '2BP01',
        'cannot drop table feedback because other objects depend on it',
      ),
      run('drop table feedback cascade'),
      rows(
        "select count(*)::int as n from pg_views where viewname = 'feedback_view'",
        [{ n: 0 }],
      ),
      run('drop table if exists feedback'),
      fails('drop table only buyers', '42601', '"only"'),
    ],
  },
  // COMMENT.
  {
    title: 'COMMENT ON TABLE, COLUMN, CONSTRAINT, VIEW and DATABASE',
    doc: COMMENT,
    steps: [
      ...EVENT,
      run("COMMENT ON TABLE event IS 'This table stores tickets sales data'"),
      rows("select obj_description('public.event'::regclass) as d", [
        { d: 'This table stores tickets sales data' },
      ]),
      run('COMMENT ON TABLE event IS NULL'),
      rows("select obj_description('public.event'::regclass) as d", [
        { d: null },
      ]),
      run(
        "COMMENT ON COLUMN event.eventid IS 'Foreign-key reference to the EVENT table.'",
      ),
      rows("select col_description('public.event'::regclass, 1) as d", [
        { d: 'Foreign-key reference to the EVENT table.' },
      ]),
      run(
        "comment on table event is 'Contains listings of individual events.'",
      ),
      rows(
        "select objsubid, description from pg_catalog.pg_description where objoid = (select oid from pg_class where relname = 'event' and relnamespace = (select oid from pg_catalog.pg_namespace where nspname = 'public')) order by objsubid",
        [
          {
            objsubid: 0,
            description: 'Contains listings of individual events.',
          },
          {
            objsubid: 1,
            description: 'Foreign-key reference to the EVENT table.',
          },
        ],
      ),
      run('create table tc (a int not null, constraint tc_pk primary key (a))'),
      run("comment on constraint tc_pk on tc is 'the key'"),
      run('create view vc as select 1 as a'),
      run("comment on view vc is 'a view'"),
      run("comment on database {db} is 'this database'"),
      fails("comment on index tc_pk is 'x'", '0A000', 'COMMENT ON INDEX'),
      // Objects Redshift has, but not among the ones COMMENT takes.
      run('create schema sc_comment'),
      fails(
        "comment on schema sc_comment is 'x'",
        '0A000',
        'COMMENT ON SCHEMA',
      ),
      run(
        "create function fc_comment(int) returns int immutable as 'select $1' language sql",
      ),
      fails(
        "comment on function fc_comment(int) is 'x'",
        '0A000',
        'COMMENT ON FUNCTION',
      ),
      run(
        'create procedure pc_comment() as $$ begin null; end $$ language plpgsql',
      ),
      fails(
        "comment on procedure pc_comment() is 'x'",
        '0A000',
        'COMMENT ON PROCEDURE',
      ),
      run('create materialized view mvc as select a from tc'),
      fails(
        "comment on materialized view mvc is 'x'",
        '0A000',
        'COMMENT ON MATERIALIZED VIEW',
      ),
      run('create role rc_comment'),
      fails("comment on role rc_comment is 'x'", '0A000', 'COMMENT ON ROLE'),
    ],
  },
  // ALTER / DROP DATABASE.
  {
    title:
      'ALTER DATABASE RENAME TO, OWNER TO, CONNECTION LIMIT; no SET or RESET',
    doc: ALTER_DATABASE,
    steps: [
      run('create database miscaudit_sandbox'),
      run('alter database miscaudit_sandbox rename to miscaudit_test'),
      run('alter database miscaudit_test owner to current_user'),
      run('alter database miscaudit_test connection limit 10'),
      fails(
        'alter database {db} rename to miscaudit_other',
        '0A000',
        'current database',
      ),
      fails(
        'alter database miscaudit_test set search_path to public',
        '42601',
        '"set"',
      ),
      fails('alter database miscaudit_test reset all', '42601', '"reset"'),
      fails(
        'alter database dev rename to miscaudit_dev',
        '42809',
        'cannot rename the system database "dev"',
      ),
      run('drop database miscaudit_test'),
    ],
  },
  {
    title:
      'DROP DATABASE: not dev, template0, template1 or padb_harvest; no IF EXISTS',
    doc: DROP_DATABASE,
    steps: [
      run('create database miscaudit_gone'),
      fails(
        'drop database if exists miscaudit_gone',
        '42601',
        'syntax error at or near "IF"',
      ),
      fails(
        'drop database dev',
        '42809',
        'cannot drop the system database "dev"',
      ),
      fails('drop database "dev" force', '42809', 'system database "dev"'),
      fails('drop database template0', '42809', 'system database'),
      fails('drop database template1', '42809', 'system database'),
      fails('drop database padb_harvest', '42809', 'system database'),
      fails('drop database {db}', '55006', 'currently open database'),
      run('begin'),
      fails(
        'drop database miscaudit_gone',
        '25001',
        'cannot run inside a transaction block',
      ),
      run('rollback'),
      run('drop database miscaudit_gone'),
    ],
  },
  // CREATE TABLE AS.
  {
    title:
      "CTAS of SELECT * keeps the source table's distribution and sort keys",
    doc: page('r_CTAS_examples.html'),
    steps: [
      ...EVENT,
      run('create table event_backup as select * from event'),
      rows(keys('event_backup'), [
        { column: 'catid', distkey: false, sortkey: 0 },
        { column: 'dateid', distkey: false, sortkey: 1 },
        { column: 'eventid', distkey: true, sortkey: 0 },
        { column: 'eventname', distkey: false, sortkey: 0 },
        { column: 'starttime', distkey: false, sortkey: 0 },
        { column: 'venueid', distkey: false, sortkey: 0 },
      ]),
    ],
  },
  {
    title: 'CTAS DISTKEY (1) SORTKEY (1,3) name the select list by position',
    doc: page('r_CTAS_examples.html'),
    steps: [
      ...EVENT,
      run(
        'create table eventdistsort distkey (1) sortkey (1,3) as select eventid, venueid, dateid, eventname from event',
      ),
      rows(keys('eventdistsort'), EVENTDISTSORT),
      // With no ORDER BY, in the table's column order, as the page shows.
      rows(
        'select "column", type, trim(encoding) as encoding, distkey, sortkey from pg_table_def where tablename = \'eventdistsort\'',
        [
          {
            column: 'eventid',
            type: 'integer',
            encoding: 'none',
            distkey: true,
            sortkey: 1,
          },
          {
            column: 'venueid',
            type: 'smallint',
            encoding: 'az64',
            distkey: false,
            sortkey: 0,
          },
          {
            column: 'dateid',
            type: 'smallint',
            encoding: 'none',
            distkey: false,
            sortkey: 2,
          },
          {
            column: 'eventname',
            type: 'character varying(200)',
            encoding: 'lzo',
            distkey: false,
            sortkey: 0,
          },
        ],
      ),
      run(
        'create table eventdistsort1 distkey (eventid) sortkey (eventid, dateid) as select eventid, venueid, dateid, eventname from event',
      ),
      rows(keys('eventdistsort1'), EVENTDISTSORT),
      fails(
        'create table ctas_far distkey (3) as select eventid from event',
        '42703',
        'does not exist',
      ),
      fails(
        'create table ctas_nosuch sortkey (nosuch) as select eventid from event',
        '42703',
        'column "nosuch" does not exist',
      ),
      fails('create table t_position (a int) distkey (1)', '42601', '"1"'),
    ],
  },
  {
    title: 'CTAS with DISTSTYLE EVEN or a DISTKEY of its own takes no sort key',
    doc: page('r_CTAS_examples.html'),
    steps: [
      ...EVENT,
      run(
        'create table eventdisteven diststyle even as select eventid, venueid, dateid, eventname from event',
      ),
      rows(keys('eventdisteven'), [
        { column: 'dateid', distkey: false, sortkey: 0 },
        { column: 'eventid', distkey: false, sortkey: 0 },
        { column: 'eventname', distkey: false, sortkey: 0 },
        { column: 'venueid', distkey: false, sortkey: 0 },
      ]),
      run(
        'create table eventdistevensort diststyle even sortkey (venueid) as select eventid, venueid, dateid, eventname from event',
      ),
      rows(keys('eventdistevensort'), [
        { column: 'dateid', distkey: false, sortkey: 0 },
        { column: 'eventid', distkey: false, sortkey: 0 },
        { column: 'eventname', distkey: false, sortkey: 0 },
        { column: 'venueid', distkey: false, sortkey: 1 },
      ]),
      run(
        'create table venuedistevent distkey(venueid) as select * from event',
      ),
      rows(keys('venuedistevent'), [
        { column: 'catid', distkey: false, sortkey: 0 },
        { column: 'dateid', distkey: false, sortkey: 0 },
        { column: 'eventid', distkey: false, sortkey: 0 },
        { column: 'eventname', distkey: false, sortkey: 0 },
        { column: 'starttime', distkey: false, sortkey: 0 },
        { column: 'venueid', distkey: true, sortkey: 0 },
      ]),
    ],
  },
  {
    title:
      'CTAS keys by query: a scan and ORDER BY keep the distribution, LIMIT and GROUP BY do not',
    doc: page('r_CTAS_usage_notes.html'),
    steps: [
      ...EVENT,
      run(
        'create table sales2_limit as select eventid, dateid, catid from event limit 100',
      ),
      rows(keys('sales2_limit'), [
        { column: 'catid', distkey: false, sortkey: 0 },
        { column: 'dateid', distkey: false, sortkey: 0 },
        { column: 'eventid', distkey: false, sortkey: 0 },
      ]),
      run(
        'create table sales3_orderbyid as select eventid, dateid, catid from event order by eventid',
      ),
      rows(keys('sales3_orderbyid'), [
        { column: 'catid', distkey: false, sortkey: 0 },
        { column: 'dateid', distkey: false, sortkey: 0 },
        { column: 'eventid', distkey: true, sortkey: 1 },
      ]),
      run(
        'create table sales4_orderbycat as select eventid, dateid, catid from event order by catid',
      ),
      rows(keys('sales4_orderbycat'), [
        { column: 'catid', distkey: false, sortkey: 1 },
        { column: 'dateid', distkey: false, sortkey: 0 },
        { column: 'eventid', distkey: true, sortkey: 0 },
      ]),
      run(
        'create table sales5_groupby as select eventid, dateid, sum(catid) from event group by eventid, dateid',
      ),
      rows(keys('sales5_groupby'), [
        { column: 'dateid', distkey: false, sortkey: 0 },
        { column: 'eventid', distkey: false, sortkey: 0 },
        { column: 'sum', distkey: false, sortkey: 0 },
      ]),
      run('create table renamed (a, b) as select eventid, dateid from event'),
      rows(keys('renamed'), [
        { column: 'a', distkey: true, sortkey: 0 },
        { column: 'b', distkey: false, sortkey: 1 },
      ]),
    ],
  },
  {
    title: 'CTAS takes no WITH NO DATA',
    doc: CTAS,
    steps: [
      fails(
        'create table ctas_nodata as select 1 as a with no data',
        '42601',
        '"WITH"',
      ),
    ],
  },
  // INSERT.
  {
    title: 'INSERT DEFAULT VALUES, DEFAULT in a row, several rows',
    doc: INSERT,
    steps: [
      run(
        "create table category_stage (catid smallint default 0, catgroup varchar(10) default 'General', catname varchar(10) default 'General', catdesc varchar(50) default 'General')",
      ),
      run(
        "insert into category_stage values (12, 'Concerts', 'Comedy', 'All stand-up comedy performances')",
      ),
      run('insert into category_stage default values'),
      run('insert into category_stage values (13, default, default, default)'),
      run(
        "insert into category_stage values (14, 'Concerts', 'Comedy', 'a'), (15, default, 'Opera', default)",
      ),
      run('insert into category_stage (catid) values (16)'),
      rows('select catid, catgroup, catname from category_stage order by 1', [
        { catid: 0, catgroup: 'General', catname: 'General' },
        { catid: 12, catgroup: 'Concerts', catname: 'Comedy' },
        { catid: 13, catgroup: 'General', catname: 'General' },
        { catid: 14, catgroup: 'Concerts', catname: 'Comedy' },
        { catid: 15, catgroup: 'General', catname: 'Opera' },
        { catid: 16, catgroup: 'General', catname: 'General' },
      ]),
      fails('insert into category_stage as c values (1)', '42601', '"AS"'),
    ],
  },
  // Transactions.
  {
    title:
      'BEGIN / START TRANSACTION forms, ABORT, END, COMMIT and ROLLBACK [WORK | TRANSACTION]',
    doc: BEGIN,
    steps: [
      run('create table t_tx (a int)'),
      run('start transaction'),
      run('insert into t_tx values (1)'),
      run('abort'),
      run('begin transaction isolation level read committed read write'),
      rows('show transaction isolation level', [
        { transaction_isolation: 'serializable' },
      ]),
      run('insert into t_tx values (2)'),
      run('end transaction'),
      run('begin work read only'),
      run('commit work'),
      run('start transaction isolation level repeatable read'),
      run('rollback transaction'),
      run('begin'),
      run('abort work'),
      rows('select a from t_tx', [{ a: 2 }]),
      fails('begin deferrable', '42601', 'DEFERRABLE'),
      fails('commit and chain', '42601', 'AND'),
    ],
  },
  // EXPLAIN.
  {
    title:
      'EXPLAIN takes SELECT, SELECT INTO, CTAS, INSERT, UPDATE and DELETE only',
    doc: EXPLAIN,
    steps: [
      run(
        'create table venue (venueid int, venuename varchar(100), venueseats int)',
      ),
      run('explain select venueid from venue'),
      run('explain verbose select venueid from venue'),
      run(
        'explain create table venue_nonulls as select * from venue where venueseats is not null',
      ),
      run('explain select * into venue_copy from venue'),
      run("explain insert into venue values (1, 'a', 1)"),
      run('explain update venue set venueseats = 1'),
      run('explain delete from venue'),
      fails(
        'explain merge into venue using venue v2 on venue.venueid = v2.venueid when matched then delete',
        '42601',
        '"MERGE"',
      ),
      fails(
        'explain create materialized view mv_venue as select venueid from venue',
        '42601',
        '"MATERIALIZED"',
      ),
      run('prepare venue_plan as select venueid from venue'),
      fails('explain execute venue_plan', '42601', '"EXECUTE"'),
      run('deallocate venue_plan'),
      run('begin'),
      fails(
        'explain declare venue_cursor cursor for select venueid from venue',
        '42601',
        '"DECLARE"',
      ),
      run('rollback'),
      fails('explain drop table venue', '42601', 'drop'),
      fails('explain analyze select 1', '42601', 'ANALYZE'),
    ],
  },
  // Cursors.
  {
    title: 'DECLARE cursor_name CURSOR FOR query, with no WITHOUT HOLD',
    doc: page('declare.html'),
    steps: [
      run('create table t_cursor (id int)'),
      run('insert into t_cursor values (1), (2)'),
      run('begin'),
      fails(
        'declare c_hold cursor without hold for select id from t_cursor',
        '42601',
        '"without"',
      ),
      run('rollback'),
      run('begin'),
      run('declare c_plain cursor for select id from t_cursor order by id'),
      rows('fetch all from c_plain', [{ id: 1 }, { id: 2 }]),
      run('close c_plain'),
      run('rollback'),
    ],
  },
  // PREPARE / EXECUTE / DEALLOCATE.
  {
    title: 'DEALLOCATE [PREPARE] plan_name, not ALL',
    doc: DEALLOCATE,
    steps: [
      run('prepare p_one (int) as select $1 + 1 as x'),
      rows('execute p_one (1)', [{ x: 2 }]),
      fails('execute p_one (1, 2)', '42601', 'wrong number of parameters'),
      run('deallocate prepare p_one'),
      run('prepare p_two as select 1 as x'),
      fails('deallocate all', '42601', 'syntax error at or near "ALL"'),
      run('deallocate p_two'),
      fails('execute p_two', '26000', 'does not exist'),
    ],
  },
  // ALTER TABLE columns.
  {
    title: 'ADD then DROP a column; a dependent view needs CASCADE',
    doc: ALTER_TABLE_COLUMNS,
    steps: [
      run(
        'create table users_alter (userid integer not null distkey sortkey, username char(8), firstname varchar(30))',
      ),
      run("insert into users_alter values (1, 'a', 'b')"),
      run('alter table users_alter add column feedback_score int default NULL'),
      rows('select feedback_score from users_alter limit 5', [
        { feedback_score: null },
      ]),
      run('alter table users_alter drop column feedback_score'),
      run('alter table users_alter add column feedback_score int default NULL'),
      run('create view users_view as select * from users_alter'),
      fails(
        'alter table users_alter drop column feedback_score',
        '2BP01',
        'other objects depend on it',
      ),
      run('alter table users_alter drop column feedback_score cascade'),
      rows(
        "select count(*)::int as n from pg_views where viewname = 'users_view'",
        [{ n: 0 }],
      ),
    ],
  },
  {
    title:
      'ADD / DROP COLUMN take no IF [NOT] EXISTS; ALTER COLUMN TYPE no USING',
    doc: ALTER_TABLE,
    steps: [
      run('create table t_cols (a int, v varchar(10))'),
      fails(
        'alter table t_cols add column if not exists b int',
        '42601',
        '"NOT"',
      ),
      fails('alter table t_cols drop column if exists a', '42601', '"EXISTS"'),
      fails(
        'alter table t_cols alter column v type varchar(20) using v',
        '42601',
        '"USING"',
      ),
      run('alter table t_cols alter column v type varchar(max)'),
      rows(
        "select type from pg_table_def where tablename = 't_cols' and \"column\" = 'v'",
        [{ type: 'character varying(65535)' }],
      ),
      run('alter table t_cols alter column v type varchar(20)'),
      fails('alter table t_cols rename v to w', '42601', '"v"'),
      run('alter table t_cols rename column v to w'),
      fails(
        'alter table t_cols alter column a type bigint',
        '0A000',
        'not supported',
      ),
      rows(
        'select "column", type from pg_table_def where tablename = \'t_cols\' order by 1',
        [
          { column: 'a', type: 'integer' },
          { column: 'w', type: 'character varying(20)' },
        ],
      ),
    ],
  },
]

describeFidelityCases(
  'local emulator: the remaining SQL commands, as documented',
  'local_fidelity_misc',
  CASES,
)
