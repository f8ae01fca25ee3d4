import { expect, it } from 'vitest'

import {
  describeFidelityCases,
  fails,
  rows,
  run,
  type FidelityCase as Case,
} from './fidelity-steps.js'
import { DG } from './function-answers.js'
import { connect, errorOf } from './local-test-helpers.js'

// The table, view, schema and database commands' usage notes, limits and
// examples, one case a rule: what Redshift accepts, what it refuses, and
// what a statement leaves behind.

const CREATE_TABLE = `${DG}r_CREATE_TABLE_NEW.html`
const CTAS = `${DG}r_CREATE_TABLE_AS.html`
const CREATE_TABLE_EXAMPLES = `${DG}r_CREATE_TABLE_examples.html`
const CTAS_NOTES = `${DG}r_CTAS_usage_notes.html`
const CREATE_SCHEMA = `${DG}r_CREATE_SCHEMA.html`
const ALTER_SCHEMA = `${DG}r_ALTER_SCHEMA.html`
const CREATE_VIEW = `${DG}r_CREATE_VIEW.html`
const ALTER_TABLE = `${DG}r_ALTER_TABLE.html`
const TRUNCATE = `${DG}r_TRUNCATE.html`
const DROP_VIEW = `${DG}r_DROP_VIEW.html`
const ALTER_DATABASE = `${DG}r_ALTER_DATABASE.html`
const CREATE_DATABASE = `${DG}r_CREATE_DATABASE.html`
const COMMENT = `${DG}r_COMMENT.html`
const DROP_TABLE = `${DG}r_DROP_TABLE.html`
const UPDATE = `${DG}r_UPDATE.html`
const CREATE_GROUP = `${DG}r_CREATE_GROUP.html`

/** r_DROP_TABLE.html's FIND_DEPEND view, as the page prints it but for its name. */
const FIND_DEPEND = `create view q4_find_depend as
select distinct c_p.oid as tbloid,
n_p.nspname as schemaname, c_p.relname as name,
n_c.nspname as refbyschemaname, c_c.relname as refbyname,
c_c.oid as viewoid
from pg_catalog.pg_class c_p
join pg_catalog.pg_depend d_p
on c_p.relfilenode = d_p.refobjid
join pg_catalog.pg_depend d_c
on d_p.objid = d_c.objid
join pg_catalog.pg_class c_c
on d_c.refobjid = c_c.relfilenode
left outer join pg_namespace n_p
on c_p.relnamespace = n_p.oid
left outer join pg_namespace n_c
on c_c.relnamespace = n_c.oid
where d_c.deptype = 'i'::"char"
and c_c.relkind = 'v'::"char";`

/** The page's query of FIND_DEPEND, kept to this file's views; `same`: the row's own view. */
const DEPENDENCIES = `select name, refbyname, tbloid = viewoid as same from q4_find_depend
where refbyschemaname='public' and left(refbyname, 3) = 'q4_'
order by name`

/** A notice as pg hands it over. */
interface Notice {
  readonly severity?: string | undefined
  readonly code?: string | undefined
  readonly message?: string | undefined
  readonly where?: string | undefined
}

const QUOTA = (schema: string): string =>
  `select quota from svv_schema_quota_state where schema_name = '${schema}'`

const KEYS = (table: string): string =>
  `select "column", distkey, sortkey, "notnull" from pg_table_def where tablename = '${table}' order by "column"`

const CASES: readonly Case[] = [
  {
    title:
      'CREATE TABLE (LIKE parent): keys and BACKUP are inherited and cannot be set',
    doc: CREATE_TABLE,
    steps: [
      run(
        'create table h4_parent (a int not null distkey, b int sortkey, c int default 5) backup no',
      ),
      fails(
        'create table h4_like1 (like h4_parent) diststyle even',
        '0A000',
        'CREATE TABLE ... LIKE cannot set DISTSTYLE',
      ),
      fails(
        'create table h4_like1 (like h4_parent) distkey(b)',
        '0A000',
        'CREATE TABLE ... LIKE cannot set DISTKEY',
      ),
      fails(
        'create table h4_like1 (like h4_parent including defaults) compound sortkey(a, b)',
        '0A000',
        'CREATE TABLE ... LIKE cannot set SORTKEY',
      ),
      fails(
        'create table h4_like1 (like h4_parent, d int sortkey)',
        '0A000',
        'CREATE TABLE ... LIKE cannot set SORTKEY',
      ),
      fails(
        'create table h4_like1 (like h4_parent) backup yes',
        '0A000',
        'CREATE TABLE ... LIKE cannot set BACKUP',
      ),
      run('create table h4_like1 (like h4_parent)'),
      rows(KEYS('h4_like1'), [
        { column: 'a', distkey: true, sortkey: 0, notnull: true },
        { column: 'b', distkey: false, sortkey: 1, notnull: false },
        { column: 'c', distkey: false, sortkey: 0, notnull: false },
      ]),
    ],
  },
  {
    title:
      'CREATE TABLE AS: BACKUP and DISTSTYLE, but no ENCODE AUTO or IF NOT EXISTS (CREATE TABLE attributes)',
    doc: CTAS,
    steps: [
      run('create table h4_ctas_src (a int, b varchar(10))'),
      fails(
        'create table h4_ctas encode auto as select * from h4_ctas_src',
        '42601',
        'syntax error at or near "encode"',
      ),
      fails(
        'create table h4_ctas diststyle even encode auto as select * from h4_ctas_src',
        '42601',
        'syntax error at or near "encode"',
      ),
      // CREATE TABLE's IF NOT EXISTS is not CTAS's either.
      fails(
        'create table if not exists h4_ctas as select * from h4_ctas_src',
        '42601',
        'syntax error at or near "NOT"',
      ),
      run(
        'create table h4_ctas backup no diststyle even as select * from h4_ctas_src',
      ),
      run('create table h4_encoded (a int) encode auto'),
    ],
  },
  {
    title:
      'CTAS: no constraints, identity, defaults or primary key from the source; encodings by type, RAW for the sort key',
    doc: CTAS_NOTES,
    steps: [
      run(
        'create table h4_inherit_src (id int identity(1, 1) primary key, d int default 7, b boolean, s varchar(5), k varchar(5) sortkey, t timestamp)',
      ),
      run(
        "insert into h4_inherit_src (d, b, s, k, t) values (1, true, 'x', 'y', '2020-01-01')",
      ),
      run('create table h4_inherit as select * from h4_inherit_src'),
      rows(
        `select column_name, column_default, is_identity from information_schema.columns
         where table_name = 'h4_inherit' order by 1`,
        [
          { column_name: 'b', column_default: null, is_identity: 'NO' },
          { column_name: 'd', column_default: null, is_identity: 'NO' },
          { column_name: 'id', column_default: null, is_identity: 'NO' },
          { column_name: 'k', column_default: null, is_identity: 'NO' },
          { column_name: 's', column_default: null, is_identity: 'NO' },
          { column_name: 't', column_default: null, is_identity: 'NO' },
        ],
      ),
      rows(
        `select count(*)::int as n from information_schema.table_constraints
         where table_name = 'h4_inherit' and constraint_type in ('PRIMARY KEY', 'UNIQUE', 'FOREIGN KEY')`,
        [{ n: 0 }],
      ),
      // An IDENTITY no longer: a value goes in.
      run('insert into h4_inherit (id, d) values (5, 5)'),
      rows(
        `select "column", trim(encoding) as encoding, sortkey from pg_table_def
         where tablename = 'h4_inherit' order by 1`,
        [
          { column: 'b', encoding: 'none', sortkey: 0 },
          { column: 'd', encoding: 'az64', sortkey: 0 },
          { column: 'id', encoding: 'az64', sortkey: 0 },
          { column: 'k', encoding: 'none', sortkey: 1 },
          { column: 's', encoding: 'lzo', sortkey: 0 },
          { column: 't', encoding: 'az64', sortkey: 0 },
        ],
      ),
    ],
  },
  {
    title:
      'CTAS analyzes the table it creates: an automatic STL_ANALYZE row, and an ANALYZE right after is skipped',
    doc: CTAS_NOTES,
    steps: [
      run('create table h4_analyze_src (a int, b varchar(5))'),
      run("insert into h4_analyze_src values (1, 'a'), (2, 'b'), (3, 'c')"),
      run('create table h4_analyzed as select * from h4_analyze_src'),
      run('create table #h4_analyzed_temp as select a from h4_analyze_src'),
      rows(
        `select trim(table_name) as t, trim(status) as status, rows, modified_rows, is_auto
         from stl_analyze where trim(table_name) like '%h4_analyzed%' order by 1`,
        [
          {
            t: '#h4_analyzed_temp',
            status: 'Full',
            rows: 3,
            modified_rows: 3,
            is_auto: 't',
          },
          {
            t: 'h4_analyzed',
            status: 'Full',
            rows: 3,
            modified_rows: 3,
            is_auto: 't',
          },
        ],
      ),
      run('analyze h4_analyzed'),
      rows(
        `select trim(status) as status, modified_rows, is_auto from stl_analyze
         where trim(table_name) = 'h4_analyzed' order by starttime`,
        [
          { status: 'Full', modified_rows: 3, is_auto: 't' },
          { status: 'Skipped', modified_rows: 0, is_auto: 'f' },
        ],
      ),
      // A rolled back CTAS leaves no row.
      run('begin'),
      run('create table h4_rolled as select * from h4_analyze_src'),
      run('rollback'),
      rows(
        "select count(*)::int as n from stl_analyze where trim(table_name) = 'h4_rolled'",
        [{ n: 0 }],
      ),
    ],
  },
  {
    title:
      'CREATE / ALTER SCHEMA QUOTA: a decimal quota is converted to megabytes, gigabytes by default',
    doc: CREATE_SCHEMA,
    steps: [
      run('create schema h4_quota_a quota 1.5 gb'),
      rows(QUOTA('h4_quota_a'), [{ quota: 1536 }]),
      // IF NOT EXISTS of a schema that is there makes no change, its quota none.
      run('create schema if not exists h4_quota_a quota 5 gb'),
      rows(QUOTA('h4_quota_a'), [{ quota: 1536 }]),
      run('create schema if not exists h4_quota_c quota 1 gb'),
      rows(QUOTA('h4_quota_c'), [{ quota: 1024 }]),
      run('create schema h4_quota_b authorization awsuser quota 2.5'),
      rows(QUOTA('h4_quota_b'), [{ quota: 2560 }]),
      run('alter schema h4_quota_b quota 0.5 tb'),
      rows(QUOTA('h4_quota_b'), [{ quota: 524288 }]),
      run('alter schema h4_quota_b quota 300 gb'),
      rows(QUOTA('h4_quota_b'), [{ quota: 307200 }]),
      run('alter schema h4_quota_b quota unlimited'),
      rows(QUOTA('h4_quota_b'), []),
      // A fraction of a megabyte: how Redshift rounds it is not documented.
      fails(
        'alter schema h4_quota_a quota 0.0001 mb',
        '0A000',
        'not supported by the local emulator (an emulator limit)',
      ),
      fails(
        'alter schema h4_quota_a quota 1.5.5 gb',
        '42601',
        'syntax error at or near',
      ),
      rows(QUOTA('h4_quota_a'), [{ quota: 1536 }]),
    ],
  },
  {
    title:
      'ALTER SCHEMA: the examples, RENAME TO, OWNER TO and QUOTA, and QUOTA UNLIMITED',
    doc: ALTER_SCHEMA,
    steps: [
      run('create schema h4_sales'),
      run('alter schema h4_sales rename to h4_us_sales'),
      run('alter schema h4_us_sales owner to awsuser'),
      run('alter schema h4_us_sales quota 300 gb'),
      rows(QUOTA('h4_us_sales'), [{ quota: 307200 }]),
      run('alter schema h4_us_sales quota unlimited'),
      rows(
        `select nspname as schema, usename as owner from pg_namespace, pg_user
         where pg_namespace.nspowner = pg_user.usesysid and nspname like 'h4_%sales'`,
        [{ schema: 'h4_us_sales', owner: 'awsuser' }],
      ),
    ],
  },
  {
    title:
      'IDENTITY: a value for an IDENTITY column is refused in Redshift words; a default identity takes one',
    doc: CREATE_TABLE,
    steps: [
      run(
        'create table h4_ids (i int identity(1, 1), d bigint generated by default as identity(1, 1), v int)',
      ),
      fails(
        'insert into h4_ids values (5, 1, 2)',
        '428C9',
        'cannot set an identity column to a value',
      ),
      fails(
        'insert into h4_ids (i, v) select 7, 1',
        '428C9',
        'cannot set an identity column to a value',
      ),
      run('insert into h4_ids (d, v) values (100, 1)'),
      run('insert into h4_ids (d, v) values (default, 2)'),
      rows('select i, d, v from h4_ids order by v', [
        { i: 1, d: '100', v: 1 },
        { i: 2, d: '1', v: 2 },
      ]),
    ],
  },
  {
    title:
      'IDENTITY without (seed, step), as the example table t1 writes it, counts from 1 by 1 and is NOT NULL',
    doc: CREATE_TABLE_EXAMPLES,
    steps: [
      run(`CREATE TABLE h4_t1(
  hist_id BIGINT IDENTITY NOT NULL, /* Cannot be overridden */
  base_id BIGINT GENERATED BY DEFAULT AS IDENTITY NOT NULL, /* Can be overridden */
  business_key varchar(10) ,
  some_field varchar(10)
)`),
      run("INSERT INTO h4_T1 (business_key, some_field) values ('A','MM')"),
      run(
        "INSERT INTO h4_T1 (base_id, business_key, some_field) values (DEFAULT, 'B','MNOP')",
      ),
      run(
        "INSERT INTO h4_T1 (base_id, business_key, some_field) values (2,'B','MNNN')",
      ),
      rows('SELECT * FROM h4_t1 order by hist_id', [
        { hist_id: '1', base_id: '1', business_key: 'A', some_field: 'MM' },
        { hist_id: '2', base_id: '2', business_key: 'B', some_field: 'MNOP' },
        { hist_id: '3', base_id: '2', business_key: 'B', some_field: 'MNNN' },
      ]),
      fails(
        "insert into h4_t1 (hist_id, business_key) values (9, 'C')",
        '428C9',
        'cannot set an identity column to a value',
      ),
      run('create table h4_bare_identity (id int identity, v int)'),
      rows(
        `select "column", "notnull" from pg_table_def where tablename = 'h4_bare_identity' order by 1`,
        [
          { column: 'id', notnull: true },
          { column: 'v', notnull: false },
        ],
      ),
      fails(
        'alter table h4_bare_identity add column w bigint identity',
        '0A000',
        'ALTER TABLE ADD COLUMN cannot add an IDENTITY column',
      ),
      fails(
        'create table h4_bad_identity (a varchar(5) identity)',
        '0A000',
        'Identity column "a" must be of type INT or BIGINT',
      ),
    ],
  },
  {
    title:
      'ALTER TABLE ADD PRIMARY KEY on a #name temporary table: only on NOT NULL columns',
    doc: ALTER_TABLE,
    steps: [
      run('create table #h4_tmp (a int, b int not null)'),
      fails(
        'alter table #h4_tmp add primary key (a)',
        '0A000',
        'cannot add a primary key on nullable column "a"',
      ),
      fails(
        'alter table #h4_tmp add constraint h4_tmp_key primary key (b, a)',
        '0A000',
        'cannot add a primary key on nullable column "a"',
      ),
      run('alter table #h4_tmp add primary key (b)'),
      rows(
        `select constraint_type from information_schema.table_constraints
         where table_name = '#h4_tmp' and constraint_type = 'PRIMARY KEY'`,
        [{ constraint_type: 'PRIMARY KEY' }],
      ),
    ],
  },
  {
    title:
      'CREATE VIEW WITH NO SCHEMA BINDING: the schema must exist, the table need not',
    doc: CREATE_VIEW,
    steps: [
      fails(
        'create view h4_lbv as select a from h4_no_schema.t with no schema binding',
        '3F000',
        'schema "h4_no_schema" does not exist',
      ),
      fails(
        'create view h4_lbv as select a from public.h4_no_table join "H4_NO_SCHEMA".t using (a) with no schema binding',
        '3F000',
        'schema "h4_no_schema" does not exist',
      ),
      run(
        'create view h4_lbv as select a from public.h4_no_table with no schema binding',
      ),
      fails(
        'select * from h4_lbv',
        '42P01',
        'relation "public.h4_no_table" does not exist',
      ),
      // The page's example: a SELECT * view sees a renamed column.
      run('create table h4_event (eventid int, eventname varchar(20))'),
      run("insert into h4_event values (2, 'Boris Godunov')"),
      run(
        'create view h4_event_vw as select * from public.h4_event with no schema binding',
      ),
      run('alter table h4_event rename column eventname to title'),
      rows('select * from h4_event_vw', [
        { eventid: 2, title: 'Boris Godunov' },
      ]),
    ],
  },
  {
    title:
      'CREATE OR REPLACE VIEW ... WITH NO SCHEMA BINDING keeps the grants, bound or not',
    doc: CREATE_VIEW,
    steps: [
      run('drop user if exists h4_view_reader'),
      run("create user h4_view_reader password 'Abcdefg1'"),
      run('create table h4_lbv_base (a int)'),
      run(
        'create view h4_lbv_kept as select a from public.h4_lbv_missing with no schema binding',
      ),
      run('grant select on h4_lbv_kept to h4_view_reader'),
      run('grant select on h4_lbv_kept to public'),
      run(
        'create or replace view h4_lbv_kept as select a from public.h4_lbv_missing with no schema binding',
      ),
      run(
        'create view h4_lbv_bound as select a from public.h4_lbv_base with no schema binding',
      ),
      run('grant select, insert on h4_lbv_bound to h4_view_reader'),
      // Bound before, not after: the view is built again, with its grants.
      run(
        'create or replace view h4_lbv_bound as select a from public.h4_lbv_missing with no schema binding',
      ),
      rows(
        `select table_name, grantee, privilege_type from information_schema.table_privileges
         where table_name like 'h4_lbv_%' and grantee in ('h4_view_reader', 'PUBLIC') order by 1, 2, 3`,
        [
          {
            table_name: 'h4_lbv_bound',
            grantee: 'h4_view_reader',
            privilege_type: 'INSERT',
          },
          {
            table_name: 'h4_lbv_bound',
            grantee: 'h4_view_reader',
            privilege_type: 'SELECT',
          },
          {
            table_name: 'h4_lbv_kept',
            grantee: 'PUBLIC',
            privilege_type: 'SELECT',
          },
          {
            table_name: 'h4_lbv_kept',
            grantee: 'h4_view_reader',
            privilege_type: 'SELECT',
          },
        ],
      ),
      run('drop view h4_lbv_kept'),
      run('drop view h4_lbv_bound'),
      run('drop user h4_view_reader'),
    ],
  },
  {
    title:
      'CREATE TABLE / VIEW #name: a temporary table or view takes no schema name',
    doc: CREATE_TABLE,
    steps: [
      fails(
        'create table public.#h4_temp (a int)',
        '42P16',
        'cannot create temporary relation in non-temporary schema',
      ),
      fails(
        'create table public.#h4_temp as select 1 as a',
        '42P16',
        'cannot create temporary relation in non-temporary schema',
      ),
      fails(
        'create view public.#h4_temp_v as select 1 as a',
        '42P16',
        'cannot create temporary relation in non-temporary schema',
      ),
      run('create table #h4_temp (a int)'),
      rows('select count(*)::int as n from #h4_temp', [{ n: 0 }]),
    ],
  },
  {
    title:
      'TRUNCATE: a table referenced by a FOREIGN KEY is an emulator limit; the referencing one truncates',
    doc: TRUNCATE,
    steps: [
      run('create table h4_parent_key (id int primary key)'),
      run('create table h4_child_key (id int references h4_parent_key (id))'),
      run('insert into h4_parent_key values (1)'),
      run('insert into h4_child_key values (1), (2)'),
      fails(
        'truncate h4_parent_key',
        '0A000',
        'TRUNCATE of a table that a FOREIGN KEY references is not supported by the local emulator (an emulator limit)',
      ),
      run('truncate table h4_child_key'),
      rows('select count(*)::int as n from h4_child_key', [{ n: 0 }]),
      // The hint's way: DELETE empties it.
      run('delete from h4_parent_key'),
      rows('select count(*)::int as n from h4_parent_key', [{ n: 0 }]),
    ],
  },
  {
    title:
      "DROP VIEW of a view another depends on: Redshift's can't drop view, and its hint",
    doc: DROP_VIEW,
    steps: [
      run(
        'create table h4_dv_event (dateid int, eventname varchar(20), catid int)',
      ),
      run(
        'create view h4_eventview as select dateid, eventname, catid from h4_dv_event where catid = 1',
      ),
      run(
        "create view h4_myeventview as select eventname, catid from h4_eventview where eventname <> ' '",
      ),
      fails(
        'drop view h4_eventview',
        '2BP01',
        "can't drop view h4_eventview because other objects depend on it",
      ),
      // DROP TABLE's words stay as r_DROP_TABLE.html shows them.
      fails(
        'drop table h4_dv_event',
        '2BP01',
        'cannot drop table h4_dv_event because other objects depend on it',
      ),
      run('drop view h4_eventview cascade'),
    ],
  },
  {
    title:
      'ALTER DATABASE RENAME TO of the current database: "current database may not be renamed"',
    doc: ALTER_DATABASE,
    steps: [
      fails(
        'alter database {db} rename to h4_newtickit',
        '0A000',
        'current database may not be renamed',
      ),
    ],
  },
  {
    title:
      'CREATE DATABASE: a name over 63 bytes is an emulator limit, not a transaction-block error',
    doc: CREATE_DATABASE,
    steps: [
      fails(
        `create database h4_${'d'.repeat(80)}`,
        '0A000',
        'a name longer than 63 bytes in CREATE, ALTER or DROP DATABASE in the local emulator is not supported',
      ),
      fails(
        `drop database h4_${'d'.repeat(80)}`,
        '0A000',
        'a name longer than 63 bytes in CREATE, ALTER or DROP DATABASE in the local emulator is not supported',
      ),
    ],
  },
  {
    title:
      'DROP TABLE: the FIND_DEPEND view lists a view as depending on its table and on itself, after TRUNCATE too, and CASCADE drops the view',
    doc: DROP_TABLE,
    steps: [
      run('create table q4_sales (salesid integer, qtysold smallint)'),
      run(FIND_DEPEND),
      run('create view q4_sales_view as select * from q4_sales'),
      rows(DEPENDENCIES, [
        { name: 'q4_find_depend', refbyname: 'q4_find_depend', same: true },
        { name: 'q4_sales', refbyname: 'q4_sales_view', same: false },
        { name: 'q4_sales_view', refbyname: 'q4_sales_view', same: true },
      ]),
      // PG_CLASS's relfilenode is the relation's oid, for a view as for a
      // table, and stays so when TRUNCATE empties the table.
      run('truncate q4_sales'),
      rows(
        "select relname, relfilenode = oid as by_oid from pg_class where relname in ('q4_sales', 'q4_sales_view') order by relname",
        [
          { relname: 'q4_sales', by_oid: true },
          { relname: 'q4_sales_view', by_oid: true },
        ],
      ),
      rows(DEPENDENCIES, [
        { name: 'q4_find_depend', refbyname: 'q4_find_depend', same: true },
        { name: 'q4_sales', refbyname: 'q4_sales_view', same: false },
        { name: 'q4_sales_view', refbyname: 'q4_sales_view', same: true },
      ]),
      rows(
        "select relfilenode = reloid as by_oid from pg_class_info where relname = 'q4_sales'",
        [{ by_oid: true }],
      ),
      run('drop table q4_sales cascade'),
      rows(DEPENDENCIES, [
        { name: 'q4_find_depend', refbyname: 'q4_find_depend', same: true },
      ]),
      run('drop view q4_find_depend'),
    ],
  },
  {
    title:
      'UPDATE: an IDENTITY column is not set to a value, a GENERATED BY DEFAULT AS IDENTITY column is',
    doc: UPDATE,
    steps: [
      run(
        'create table q4_upd (i int identity(1, 1), d bigint generated by default as identity(1, 1), v int)',
      ),
      run('insert into q4_upd (v) values (1), (2)'),
      fails(
        'update q4_upd set i = 5',
        '428C9',
        'cannot set an identity column to a value',
      ),
      fails(
        'update q4_upd set v = 3, i = i + 1 where v = 1',
        '428C9',
        'cannot set an identity column to a value',
      ),
      run('update q4_upd set d = 100 where v = 1'),
      rows('select i, d, v from q4_upd order by v', [
        { i: 1, d: '100', v: 1 },
        { i: 2, d: '2', v: 2 },
      ]),
      run('drop table q4_upd'),
    ],
  },
]

describeFidelityCases(
  'local emulator: table, view, schema and database commands',
  'local_fidelity_ddl_chapter',
  CASES,
  (url) => {
    it(`QUOTA: a user who is no superuser creates a schema with a quota, but only a superuser changes it (${CREATE_SCHEMA})`, async () => {
      const admin = await connect(url())
      const user = 'h4_quota_user'
      try {
        const [{ db }] = (await admin.query('select current_database() as db'))
          .rows as [{ db: string }]
        await admin.query(`drop user if exists ${user}`)
        await admin.query(`create user ${user} password 'Abcdefg1'`)
        await admin.query(`grant create on database ${db} to ${user}`)
        // The URL's user would win over a `user` option.
        const asUser = new URL(url())
        asUser.username = user
        asUser.password = 'Abcdefg1'
        const client = await connect(asUser.toString())
        try {
          expect(
            (await client.query('select session_user::text as u')).rows,
          ).toEqual([{ u: user }])
          await client.query('create schema h4_user_quota quota 10 gb')
          const error = await errorOf(
            client.query('alter schema h4_user_quota quota 20 gb'),
          )
          expect(error.code).toBe('42501')
          expect(error.message).toBe(
            'permission denied: only a superuser can change the quota of schema h4_user_quota',
          )
          expect(
            (
              await errorOf(
                client.query('alter schema h4_user_quota quota unlimited'),
              )
            ).code,
          ).toBe('42501')
        } finally {
          await client.end()
        }
        await admin.query('alter schema h4_user_quota quota 30 gb')
        const { rows: quotas } = await admin.query(
          "select quota from svv_schema_quota_state where trim(schema_name) = 'h4_user_quota'",
        )
        expect(quotas).toEqual([{ quota: 30720 }])
        await admin.query('drop schema h4_user_quota')
        await admin.query(`revoke create on database ${db} from ${user}`)
        await admin.query(`drop user ${user}`)
      } finally {
        await admin.end()
      }
    })

    it(`CREATE GROUP: only a superuser creates a group (${CREATE_GROUP})`, async () => {
      const admin = await connect(url())
      const user = 'q4_group_user'
      try {
        await admin.query(`drop user if exists ${user}`)
        await admin.query(`create user ${user} password 'Abcdefg1'`)
        const asUser = new URL(url())
        asUser.username = user
        asUser.password = 'Abcdefg1'
        const client = await connect(asUser.toString())
        try {
          for (const sql of [
            'create group q4_group_a',
            `create group q4_group_a with user ${user}`,
          ]) {
            const error = await errorOf(client.query(sql))
            expect([error.code, error.message, error.detail]).toEqual([
              '42501',
              'must be superuser to create groups',
              undefined,
            ])
          }
        } finally {
          await client.end()
        }
        await admin.query(`create group q4_group_a with user ${user}`)
        const { rows: groups } = await admin.query(
          "select groname from pg_group where groname = 'q4_group_a'",
        )
        expect(groups).toEqual([{ groname: 'q4_group_a' }])
        await admin.query('drop group q4_group_a')
        await admin.query(`drop user ${user}`)
      } finally {
        await admin.end()
      }
    })

    it(`COMMENT ON DATABASE: only the current database; another one, or one that does not exist, gets a warning and no comment (${COMMENT})`, async () => {
      const client = await connect(url())
      const notices: Notice[] = []
      client.on('notice', (notice) => notices.push(notice))
      try {
        const [{ db }] = (await client.query('select current_database() as db'))
          .rows as [{ db: string }]
        const described = async (name: string): Promise<unknown[]> =>
          (
            await client.query(
              `select d.description from pg_shdescription d
               join pg_database b on b.oid = d.objoid where b.datname = $1`,
              [name],
            )
          ).rows
        await client.query(`comment on database ${db} is 'h4 current database'`)
        expect(await described(db)).toEqual([
          { description: 'h4 current database' },
        ])
        expect(notices).toEqual([])
        await client.query("comment on database dev is 'h4 another database'")
        await client.query("comment on database h4_no_database is 'h4 none'")
        expect(
          notices.map((n) => [
            n.severity,
            n.code,
            n.message,
            'where' in n && n.where,
          ]),
        ).toEqual([
          [
            'WARNING',
            '0A000',
            'database comments may only be applied to the current database',
            undefined,
          ],
          [
            'WARNING',
            '0A000',
            'database comments may only be applied to the current database',
            undefined,
          ],
        ])
        expect(await described('dev')).not.toContainEqual({
          description: 'h4 another database',
        })
        await client.query(`comment on database ${db} is null`)
        expect(await described(db)).toEqual([])
      } finally {
        await client.end()
      }
    })
  },
)
