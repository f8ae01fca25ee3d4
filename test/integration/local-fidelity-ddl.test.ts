import { expect } from 'vitest'

import {
  fails,
  rows,
  run,
  describeFidelityCases,
  type FidelityCase as Case,
} from './fidelity-steps.js'

// Redshift DDL the emulator runs as Redshift does: each case is a list of
// steps on a connection of its own, and names the Developer Guide page its
// documented effect (what the system views show after, which writes succeed)
// or refusal comes from. The next case of a kind goes next to its page.

const DG = 'https://docs.aws.amazon.com/redshift/latest/dg/'
const ALTER_TABLE = `${DG}r_ALTER_TABLE.html`
const ALTER_EXAMPLES = `${DG}r_ALTER_TABLE_examples_basic.html`
const ALTER_MV = `${DG}r_ALTER_MATERIALIZED_VIEW.html`
const ENCODINGS = `${DG}c_Compression_encodings.html`
const CONSTRAINTS = `${DG}t_Defining_constraints.html`
const CREATE_TABLE = `${DG}r_CREATE_TABLE_NEW.html`
const DROP_TABLE = `${DG}r_DROP_TABLE.html`
const CREATE_VIEW = `${DG}r_CREATE_VIEW.html`
const LATE_BINDING_COLS = `${DG}PG_GET_LATE_BINDING_VIEW_COLS.html`

const lateBindingCols = (view: string) =>
  `select view_schema::text, view_name::text, col_name::text, col_type::text, col_num
   from pg_get_late_binding_view_cols()
     cols(view_schema name, view_name name, col_name name, col_type varchar, col_num int)
   where view_name = '${view}' order by col_num`

const tableInfo = (table: string) =>
  `select diststyle, sortkey1, sortkey_num, encoded from svv_table_info where "table" = '${table}'`
const tableDef = (table: string) =>
  `select "column", trim(encoding) as encoding, distkey, sortkey from pg_table_def where tablename = '${table}' order by "column"`

const CASES: readonly Case[] = [
  // ALTER TABLE: distribution.
  {
    title: 'ALTER DISTSTYLE ALL',
    doc: ALTER_TABLE,
    steps: [
      run('create table public.ad_all (a int, b int) diststyle even'),
      run('insert into public.ad_all values (1, 2)'),
      run('alter table public.ad_all alter diststyle all'),
      rows(tableInfo('ad_all'), [
        {
          diststyle: 'ALL',
          sortkey1: 'AUTO(SORTKEY)',
          sortkey_num: 0,
          encoded: 'Y, AUTO(ENCODE)',
        },
      ]),
    ],
  },
  {
    title: 'ALTER DISTSTYLE EVEN, then KEY DISTKEY, then ALTER DISTKEY',
    doc: ALTER_EXAMPLES,
    steps: [
      run('create table public.ad_key (a int, b int) diststyle all'),
      run('insert into public.ad_key values (1, 2)'),
      run('alter table public.ad_key alter diststyle even'),
      rows(`select diststyle from svv_table_info where "table" = 'ad_key'`, [
        { diststyle: 'EVEN' },
      ]),
      run('alter table public.ad_key alter diststyle key distkey a'),
      rows(`select diststyle from svv_table_info where "table" = 'ad_key'`, [
        { diststyle: 'KEY(a)' },
      ]),
      run('alter table public.ad_key alter distkey b'),
      rows(tableDef('ad_key'), [
        { column: 'a', encoding: 'az64', distkey: false, sortkey: 0 },
        { column: 'b', encoding: 'az64', distkey: true, sortkey: 0 },
      ]),
      run('alter table public.ad_key alter diststyle auto'),
      rows(`select diststyle from svv_table_info where "table" = 'ad_key'`, [
        { diststyle: 'AUTO(ALL)' },
      ]),
    ],
  },
  {
    title: 'ALTER DISTSTYLE KEY needs its DISTKEY',
    doc: ALTER_TABLE,
    steps: [
      run('create table public.ad_nokey (a int)'),
      fails(
        'alter table public.ad_nokey alter diststyle key',
        '42601',
        'syntax error',
      ),
    ],
  },
  {
    title: 'ALTER DISTKEY of a column the table lacks',
    doc: ALTER_TABLE,
    steps: [
      run('create table public.ad_missing (a int)'),
      fails(
        'alter table public.ad_missing alter distkey nope',
        '42703',
        'column "nope" does not exist',
      ),
    ],
  },
  {
    title: 'ALTER DISTSTYLE is refused on temporary tables',
    doc: ALTER_MV,
    steps: [
      run('create temp table ad_temp (a int)'),
      fails(
        'alter table ad_temp alter diststyle even',
        '0A000',
        'temporary tables',
      ),
      fails('alter table ad_temp alter distkey a', '0A000', 'temporary'),
    ],
  },
  {
    title: 'ALTER DISTSTYLE is refused on tables with interleaved sort keys',
    doc: ALTER_MV,
    steps: [
      run(
        'create table public.ad_il (a int, b int) interleaved sortkey (a, b)',
      ),
      fails(
        'alter table public.ad_il alter diststyle all',
        '0A000',
        'interleaved sort keys',
      ),
    ],
  },
  {
    title: 'ALTER TABLE of a table that does not exist',
    doc: ALTER_TABLE,
    steps: [
      fails(
        'alter table public.ad_nothing alter diststyle all',
        '42P01',
        'does not exist',
      ),
    ],
  },

  // ALTER TABLE: sort keys.
  {
    title: 'ALTER SORTKEY (cols): the key columns become RAW',
    doc: ALTER_TABLE,
    steps: [
      run('create table public.as_cols (a int, b varchar(10), c date)'),
      run("insert into public.as_cols values (1, 'x', null)"),
      run('alter table public.as_cols alter sortkey (b, a)'),
      rows(tableDef('as_cols'), [
        { column: 'a', encoding: 'none', distkey: false, sortkey: 2 },
        { column: 'b', encoding: 'none', distkey: false, sortkey: 1 },
        { column: 'c', encoding: 'az64', distkey: false, sortkey: 0 },
      ]),
      rows(
        `select sortkey1, sortkey_num from svv_table_info where "table" = 'as_cols'`,
        [{ sortkey1: 'b', sortkey_num: 2 }],
      ),
      run('alter table public.as_cols alter compound sortkey (c)'),
      rows(
        `select sortkey1, sortkey_num from svv_table_info where "table" = 'as_cols'`,
        [{ sortkey1: 'c', sortkey_num: 1 }],
      ),
    ],
  },
  {
    title: 'ALTER SORTKEY NONE and ALTER SORTKEY AUTO',
    doc: ALTER_TABLE,
    steps: [
      run('create table public.as_none (a int) sortkey (a)'),
      run('insert into public.as_none values (1)'),
      run('alter table public.as_none alter sortkey none'),
      rows(
        `select sortkey1, sortkey_num from svv_table_info where "table" = 'as_none'`,
        [{ sortkey1: null, sortkey_num: 0 }],
      ),
      rows(tableDef('as_none'), [
        { column: 'a', encoding: 'none', distkey: false, sortkey: 0 },
      ]),
      run('alter table public.as_none alter sortkey auto'),
      rows(
        `select sortkey1, sortkey_num from svv_table_info where "table" = 'as_none'`,
        [{ sortkey1: 'AUTO(SORTKEY)', sortkey_num: 0 }],
      ),
    ],
  },
  {
    title: 'an interleaved sort key can become compound, never the reverse',
    doc: ALTER_TABLE,
    steps: [
      run(
        'create table public.as_il (a int, b int) interleaved sortkey (a, b)',
      ),
      fails(
        'alter table public.as_il alter interleaved sortkey (a)',
        '0A000',
        'INTERLEAVED',
      ),
      run('alter table public.as_il alter sortkey (b)'),
      // A column that leaves the key keeps the RAW encoding it had.
      rows(tableDef('as_il'), [
        { column: 'a', encoding: 'none', distkey: false, sortkey: 0 },
        { column: 'b', encoding: 'none', distkey: false, sortkey: 1 },
      ]),
    ],
  },

  // ALTER TABLE: encodings.
  {
    title: 'ALTER COLUMN ENCODE, several in one statement; ENCODE AUTO is off',
    doc: ALTER_TABLE,
    steps: [
      run('create table public.ae_cols (a int, b varchar(10), c date)'),
      run("insert into public.ae_cols values (1, 'x', null)"),
      run(
        'alter table public.ae_cols alter column b encode zstd, alter column c encode delta',
      ),
      rows(tableDef('ae_cols'), [
        { column: 'a', encoding: 'az64', distkey: false, sortkey: 0 },
        { column: 'b', encoding: 'zstd', distkey: false, sortkey: 0 },
        { column: 'c', encoding: 'delta', distkey: false, sortkey: 0 },
      ]),
      rows(`select encoded from svv_table_info where "table" = 'ae_cols'`, [
        { encoded: 'Y' },
      ]),
      run('alter table public.ae_cols alter encode auto'),
      rows(`select encoded from svv_table_info where "table" = 'ae_cols'`, [
        { encoded: 'Y, AUTO(ENCODE)' },
      ]),
    ],
  },
  {
    title: 'ALTER COLUMN ENCODE to the encoding the column already has',
    doc: ALTER_TABLE,
    steps: [
      run('create table public.ae_same (a int encode zstd)'),
      fails(
        'alter table public.ae_same alter column a encode zstd',
        '0A000',
        'already has encoding',
      ),
    ],
  },
  {
    title: 'ALTER COLUMN ENCODE with an encoding the type cannot take',
    doc: ENCODINGS,
    steps: [
      run('create table public.ae_type (a int, b boolean)'),
      fails(
        'alter table public.ae_type alter column a encode text255',
        '0A000',
        'not supported for column "a"',
      ),
      fails(
        'alter table public.ae_type alter column b encode az64',
        '0A000',
        'not supported for column "b"',
      ),
      fails(
        'alter table public.ae_type alter column a encode nosuch',
        '42704',
        'invalid encoding type "nosuch"',
      ),
    ],
  },
  {
    title: 'ALTER COLUMN ENCODE on a table with an interleaved sort key',
    doc: ALTER_TABLE,
    steps: [
      run(
        'create table public.ae_il (a int, b int) interleaved sortkey (a, b)',
      ),
      fails(
        'alter table public.ae_il alter column a encode zstd',
        '0A000',
        'interleaved sort keys',
      ),
    ],
  },
  {
    title: 'ALTER MATERIALIZED VIEW ... ALTER DISTSTYLE',
    doc: ALTER_MV,
    steps: [
      run('create table public.amv_base (a int, b int)'),
      run(
        'create materialized view public.amv diststyle even as select a, b from public.amv_base',
      ),
      run('alter materialized view public.amv alter diststyle key distkey b'),
      rows(`select reldiststyle from pg_class_info where relname = 'amv'`, [
        { reldiststyle: 1 },
      ]),
      fails(
        'alter materialized view public.amv_base alter diststyle all',
        '42809',
        'not a materialized view',
      ),
    ],
  },

  // Informational constraints.
  {
    title: 'PRIMARY KEY and UNIQUE are recorded, duplicates insert fine',
    doc: CONSTRAINTS,
    steps: [
      run(
        'create table public.ic_pk (id int primary key, code int unique, name varchar(10))',
      ),
      run(
        "insert into public.ic_pk values (1, 7, 'a'), (1, 7, 'b'), (1, 8, 'c')",
      ),
      rows('select count(*)::int as n from public.ic_pk where id = 1', [
        { n: 3 },
      ]),
      rows(
        `select constraint_type from information_schema.table_constraints
         where table_name = 'ic_pk' and constraint_type in ('PRIMARY KEY', 'UNIQUE')
         order by constraint_type`,
        [{ constraint_type: 'PRIMARY KEY' }, { constraint_type: 'UNIQUE' }],
      ),
      rows(
        `select contype from pg_constraint where conrelid = 'public.ic_pk'::regclass
         and contype in ('p', 'u') order by contype`,
        [{ contype: 'p' }, { contype: 'u' }],
      ),
    ],
  },
  {
    title: 'NOT NULL stays enforced (a PRIMARY KEY column is NOT NULL)',
    doc: CREATE_TABLE,
    steps: [
      run('create table public.ic_nn (id int primary key, b int not null)'),
      fails('insert into public.ic_nn values (null, 1)', '23502', 'null'),
      fails('insert into public.ic_nn values (1, null)', '23502', 'null'),
    ],
  },
  {
    title: 'FOREIGN KEY and REFERENCES: dangling references insert fine',
    doc: CONSTRAINTS,
    steps: [
      run('create table public.ic_parent (id int primary key)'),
      run('insert into public.ic_parent values (1), (1)'),
      run(
        'create table public.ic_child (id int, parent_id int references public.ic_parent (id), constraint ic_fk foreign key (id) references public.ic_parent)',
      ),
      run('insert into public.ic_child values (99, 12345)'),
      run('delete from public.ic_parent'),
      rows('select count(*)::int as n from public.ic_child', [{ n: 1 }]),
      rows(
        `select conname from pg_constraint where conrelid = 'public.ic_child'::regclass
         and contype = 'f' order by conname`,
        [{ conname: 'ic_child_parent_id_fkey' }, { conname: 'ic_fk' }],
      ),
      rows(
        `select constraint_name, unique_constraint_name from information_schema.referential_constraints
         where constraint_name = 'ic_fk'`,
        [
          {
            constraint_name: 'ic_fk',
            unique_constraint_name: 'ic_parent_pkey',
          },
        ],
      ),
    ],
  },
  {
    // A FOREIGN KEY is added over rows that break it; PRIMARY KEY and UNIQUE
    // over duplicates are an emulator limit (see the README).
    title: 'ALTER TABLE ADD CONSTRAINT, then rows that break it',
    doc: ALTER_TABLE,
    steps: [
      run('create table public.ic_alter_p (id int not null)'),
      run('create table public.ic_alter_c (pid int)'),
      run('insert into public.ic_alter_c values (5)'),
      run(
        'alter table public.ic_alter_p add constraint ic_alter_pk primary key (id)',
      ),
      run(
        'alter table public.ic_alter_c add constraint ic_alter_fk foreign key (pid) references public.ic_alter_p (id)',
      ),
      run('alter table public.ic_alter_c add unique (pid)'),
      run('insert into public.ic_alter_c values (5), (6)'),
      run('insert into public.ic_alter_p values (1), (1)'),
      rows(
        `select conname, contype from pg_constraint
         where conrelid in ('public.ic_alter_p'::regclass, 'public.ic_alter_c'::regclass)
         and contype in ('p', 'u', 'f') order by conname`,
        [
          { conname: 'ic_alter_c_pid_key', contype: 'u' },
          { conname: 'ic_alter_fk', contype: 'f' },
          { conname: 'ic_alter_pk', contype: 'p' },
        ],
      ),
    ],
  },
  {
    title: 'a table a FOREIGN KEY references is dropped only with CASCADE',
    doc: DROP_TABLE,
    steps: [
      run('create table public.ic_drop_p (id int primary key)'),
      run(
        'create table public.ic_drop_c (pid int references public.ic_drop_p (id))',
      ),
      fails('drop table public.ic_drop_p', '2BP01', 'other objects depend'),
      run('drop table public.ic_drop_p cascade'),
      run('insert into public.ic_drop_c values (1)'),
    ],
  },
]

const LATE_BINDING: readonly Case[] = [
  {
    title: 'a late-binding view over a table that does not exist yet',
    doc: CREATE_VIEW,
    steps: [
      run(
        'create view public.lb_early as select id, name from public.lb_later with no schema binding',
      ),
      fails('select * from public.lb_early', '42P01', 'lb_later'),
      run('create table public.lb_later (id int, name varchar(10))'),
      run("insert into public.lb_later values (1, 'a')"),
      rows('select id, name from public.lb_early', [{ id: 1, name: 'a' }]),
    ],
  },
  {
    title: 'DROP TABLE under a late-binding view, then the table again',
    doc: CREATE_VIEW,
    steps: [
      run('create table public.lb_drop (id int)'),
      run(
        'create view public.lb_drop_v as select id from public.lb_drop with no schema binding',
      ),
      run('drop table public.lb_drop'),
      fails('select * from public.lb_drop_v', '42P01', 'lb_drop'),
      run('create table public.lb_drop (id int, extra int)'),
      run('insert into public.lb_drop values (7, 8)'),
      rows('select * from public.lb_drop_v', [{ id: 7 }]),
    ],
  },
  {
    title: 'SELECT * in a late-binding view sees the columns as they are now',
    doc: CREATE_VIEW,
    steps: [
      run('create table public.lb_star (a int, b varchar(5))'),
      run("insert into public.lb_star values (1, 'x')"),
      run(
        'create view public.lb_star_v as select * from public.lb_star with no schema binding',
      ),
      run('alter table public.lb_star add column c int'),
      rows('select * from public.lb_star_v', [{ a: 1, b: 'x', c: null }]),
      run('alter table public.lb_star drop column b'),
      rows('select * from public.lb_star_v', [{ a: 1, c: null }]),
    ],
  },
  {
    title: 'PG_GET_LATE_BINDING_VIEW_COLS lists the bound columns',
    doc: LATE_BINDING_COLS,
    steps: [
      run('create table public.lb_cols (id int, name varchar(20))'),
      run(
        'create view public.lb_cols_v as select * from public.lb_cols with no schema binding',
      ),
      rows(lateBindingCols('lb_cols_v'), [
        {
          view_schema: 'public',
          view_name: 'lb_cols_v',
          col_name: 'id',
          col_type: 'integer',
          col_num: 1,
        },
        {
          view_schema: 'public',
          view_name: 'lb_cols_v',
          col_name: 'name',
          col_type: 'character varying(20)',
          col_num: 2,
        },
      ]),
      run('alter table public.lb_cols add column extra bigint'),
      rows(
        `select col_name::text from pg_get_late_binding_view_cols()
           cols(view_schema name, view_name name, col_name name, col_type varchar, col_num int)
         where view_name = 'lb_cols_v' order by col_num`,
        [{ col_name: 'id' }, { col_name: 'name' }, { col_name: 'extra' }],
      ),
    ],
  },
  {
    title: 'a late-binding view keeps its owner, grants and Redshift functions',
    doc: CREATE_VIEW,
    steps: [
      run('create table public.lb_own (a int)'),
      run(
        "create view public.lb_own_v as select nvl(a, 0) as a, decode(a, 1, 'one', 'other') as d from public.lb_own with no schema binding",
      ),
      run('grant select on public.lb_own_v to public'),
      run('alter table public.lb_own add column b int'),
      run('insert into public.lb_own values (1, 2)'),
      rows('select * from public.lb_own_v', [{ a: 1, d: 'one' }]),
      rows(
        `select viewowner = current_user as own,
           has_table_privilege('public', 'public.lb_own_v', 'select') as granted
         from pg_views where viewname = 'lb_own_v'`,
        [{ own: true, granted: true }],
      ),
    ],
  },
  {
    title: 'every relation in a late-binding view is schema-qualified',
    doc: CREATE_VIEW,
    steps: [
      fails(
        'create view public.lb_bare as select * from lb_nowhere with no schema binding',
        '42601',
        'should be qualified',
      ),
    ],
  },
  {
    title: 'a late-binding view is still checked against what Redshift refuses',
    doc: `${DG}c_unsupported-postgresql-functions.html`,
    steps: [
      fails(
        "create view public.lb_bad as select string_agg(name, ',') as s from public.lb_nowhere with no schema binding",
        '42883',
        'string_agg',
      ),
    ],
  },
]

const STATEMENTS: readonly Case[] = [
  {
    title: 'ANALYZE PREDICATE COLUMNS and ALL COLUMNS',
    doc: `${DG}r_ANALYZE.html`,
    steps: [
      run('create table public.st_an (id int, name varchar(10))'),
      run('analyze public.st_an predicate columns'),
      run('analyze public.st_an (id) all columns'),
      run('analyze verbose public.st_an all columns'),
    ],
  },
  {
    title: 'ANALYZE COMPRESSION returns its documented columns',
    doc: `${DG}r_ANALYZE_COMPRESSION.html`,
    steps: [
      run(
        'create table public.st_ac (id int, name varchar(20), sold date) sortkey (id)',
      ),
      rows('analyze compression public.st_ac', [
        {
          table: 'st_ac',
          column: 'id',
          encoding: 'raw',
          est_reduction_pct: '0.00',
        },
        {
          table: 'st_ac',
          column: 'name',
          encoding: 'zstd',
          est_reduction_pct: '0.00',
        },
        {
          table: 'st_ac',
          column: 'sold',
          encoding: 'az64',
          est_reduction_pct: '0.00',
        },
      ]),
      // Columns left out of the list get N/A (the page's second example).
      rows('analyze compression public.st_ac (name) comprows 100000', [
        {
          table: 'st_ac',
          column: 'id',
          encoding: 'N/A',
          est_reduction_pct: '0.00',
        },
        {
          table: 'st_ac',
          column: 'name',
          encoding: 'zstd',
          est_reduction_pct: '0.00',
        },
        {
          table: 'st_ac',
          column: 'sold',
          encoding: 'N/A',
          est_reduction_pct: '0.00',
        },
      ]),
      fails('analyze compression public.st_nothing', '42P01', 'does not exist'),
    ],
  },
  {
    title:
      'GRANT ROLE and REVOKE ROLE, to users and to roles, with system roles',
    doc: `${DG}r_GRANT.html`,
    steps: [
      run('create role st_role_a'),
      run('create role st_role_b'),
      run('grant role st_role_a to role st_role_b'),
      run('grant role sys:monitor to role st_role_b'),
      rows(
        `select r.rolname from pg_auth_members m join pg_roles r on r.oid = m.roleid
         where m.member = (select oid from pg_roles where rolname = 'st_role_b') order by 1`,
        [{ rolname: 'st_role_a' }, { rolname: 'sys:monitor' }],
      ),
      run('revoke role st_role_a from role st_role_b'),
      run('create table public.st_granted (a int)'),
      run('grant select on public.st_granted to role st_role_a'),
      rows(
        `select has_table_privilege('st_role_a', 'public.st_granted', 'select') as can`,
        [{ can: true }],
      ),
      run('revoke role sys:monitor from role st_role_b'),
      run('drop table public.st_granted'),
      run('drop role st_role_a'),
      run('drop role st_role_b'),
    ],
  },
  {
    title:
      'SVV_ROLES, SVV_USER_GRANTS and SVV_ROLE_GRANTS list roles and their grants',
    doc: `${DG}r_SVV_USER_GRANTS.html`,
    steps: [
      run('create role rv_view_a'),
      run('create role rv_view_b'),
      run("create user rv_view_u password 'Passw0rdRv'"),
      run('grant role rv_view_a to rv_view_u'),
      run('grant role rv_view_a to role rv_view_b'),
      rows(
        `select role_name, role_owner = current_user as by_me, external_id,
           role_id = (select oid::int from pg_roles where rolname = role_name) as same_id
         from svv_roles where role_name like 'rv_view_%' order by role_name`,
        [
          {
            role_name: 'rv_view_a',
            by_me: true,
            external_id: null,
            same_id: true,
          },
          {
            role_name: 'rv_view_b',
            by_me: true,
            external_id: null,
            same_id: true,
          },
        ],
      ),
      rows(
        "select count(*)::int as n from svv_roles where role_name in ('sys:dba', 'rv_view_u')",
        [{ n: 1 }],
      ),
      rows(
        "select user_name, role_name, admin_option from svv_user_grants where user_name = 'rv_view_u'",
        [
          {
            user_name: 'rv_view_u',
            role_name: 'rv_view_a',
            admin_option: false,
          },
        ],
      ),
      run('grant role rv_view_b to rv_view_u with admin option'),
      rows(
        "select role_name, admin_option from svv_user_grants where user_name = 'rv_view_u' order by role_name",
        [
          { role_name: 'rv_view_a', admin_option: false },
          { role_name: 'rv_view_b', admin_option: true },
        ],
      ),
      rows(
        "select role_name, granted_role_name from svv_role_grants where role_name like 'rv_view_%'",
        [{ role_name: 'rv_view_b', granted_role_name: 'rv_view_a' }],
      ),
      run('drop role rv_view_b force'),
      run('drop role rv_view_a force'),
      rows(
        `select (select count(*) from svv_roles where role_name like 'rv_view_%')::int as roles,
           (select count(*) from svv_user_grants where user_name = 'rv_view_u')::int as grants`,
        [{ roles: 0, grants: 0 }],
      ),
      run('drop user rv_view_u'),
    ],
  },
  {
    title:
      'DROP ROLE: RESTRICT refuses a granted role or one that holds a role; FORCE drops it',
    doc: `${DG}r_DROP_ROLE.html`,
    steps: [
      run('create role rv_drop_1'),
      run('create role rv_drop_2'),
      run("create user rv_drop_u password 'Passw0rdRv'"),
      run('grant role rv_drop_1 to rv_drop_u'),
      run('grant role rv_drop_1 to role rv_drop_2'),
      fails(
        'drop role rv_drop_1',
        '2BP01',
        'cannot drop this role since it has been granted on a user',
      ),
      fails(
        'drop role rv_drop_2 restrict',
        '2BP01',
        'cannot drop this role since it depends on another role',
      ),
      run('revoke role rv_drop_1 from rv_drop_u'),
      fails(
        'drop role rv_drop_1',
        '2BP01',
        'cannot drop this role since it has been granted on a role',
      ),
      run('drop role rv_drop_2 force'),
      run('drop role rv_drop_1'),
      fails('drop role rv_drop_1', '42704', 'role "rv_drop_1" does not exist'),
      fails('drop role rv_drop_u', '42704', 'role "rv_drop_u" does not exist'),
      fails('drop role sys:dba', '42501', 'cannot drop system role "sys:dba"'),
      fails('drop role if exists rv_drop_1', '42601', 'syntax error'),
      fails('drop role rv_drop_1, rv_drop_2', '42601', 'syntax error'),
      run('drop user rv_drop_u'),
    ],
  },
  {
    title: 'SHOW TABLES, SHOW COLUMNS and SHOW SCHEMAS',
    doc: `${DG}r_SHOW_TABLES.html`,
    steps: [
      run('create schema st_show'),
      run('create table st_show.t1 (id int, label varchar(8))'),
      run('create table st_show.t2 (id int)'),
      run('create view st_show.v1 as select id from st_show.t1'),
      rows("show tables from schema {db}.st_show like 't%'", [
        {
          database_name: '{db}',
          schema_name: 'st_show',
          table_name: 't1',
          table_type: 'TABLE',
          table_acl: null,
          remarks: null,
        },
        {
          database_name: '{db}',
          schema_name: 'st_show',
          table_name: 't2',
          table_type: 'TABLE',
          table_acl: null,
          remarks: null,
        },
      ]),
      rows('show tables from schema {db}.st_show limit 1', [
        {
          database_name: '{db}',
          schema_name: 'st_show',
          table_name: 't1',
          table_type: 'TABLE',
          table_acl: null,
          remarks: null,
        },
      ]),
      rows('show columns from table {db}.st_show.t1', [
        {
          database_name: '{db}',
          schema_name: 'st_show',
          table_name: 't1',
          column_name: 'id',
          ordinal_position: 1,
          column_default: null,
          is_nullable: 'YES',
          data_type: 'integer',
          character_maximum_length: null,
          numeric_precision: 32,
          numeric_scale: 0,
          remarks: null,
        },
        {
          database_name: '{db}',
          schema_name: 'st_show',
          table_name: 't1',
          column_name: 'label',
          ordinal_position: 2,
          column_default: null,
          is_nullable: 'YES',
          data_type: 'character varying',
          character_maximum_length: 8,
          numeric_precision: null,
          numeric_scale: null,
          remarks: null,
        },
      ]),
      rows("show schemas from database {db} like 'st_sh%'", [
        {
          database_name: '{db}',
          schema_name: 'st_show',
          schema_owner: expect.any(Number),
          schema_type: 'local',
          schema_acl: null,
          source_database: null,
          schema_option: null,
        },
      ]),
      fails('show tables from schema st_show', '42601', 'syntax error'),
    ],
  },
  {
    title: 'schema QUOTA, recorded in SVV_SCHEMA_QUOTA_STATE',
    doc: `${DG}r_CREATE_SCHEMA.html`,
    steps: [
      run('create schema st_quota quota 10 gb'),
      rows(
        "select trim(schema_name) as schema_name, quota from svv_schema_quota_state where trim(schema_name) = 'st_quota'",
        [{ schema_name: 'st_quota', quota: 10240 }],
      ),
      run('alter schema st_quota quota 50 mb'),
      rows(
        "select quota from svv_schema_quota_state where trim(schema_name) = 'st_quota'",
        [{ quota: 50 }],
      ),
      run('alter schema st_quota quota unlimited'),
      rows(
        "select count(*)::int as n from svv_schema_quota_state where trim(schema_name) = 'st_quota'",
        [{ n: 0 }],
      ),
    ],
  },
  {
    title: 'MERGE ... REMOVE DUPLICATES',
    doc: `${DG}r_MERGE.html`,
    steps: [
      run('create table public.st_target (id int, v int)'),
      run('create table public.st_source (id int, v int)'),
      run('insert into public.st_target values (1, 1), (1, 5), (2, 2)'),
      run('insert into public.st_source values (1, 9), (3, 3)'),
      run(
        'merge into public.st_target using public.st_source s on st_target.id = s.id remove duplicates',
      ),
      rows('select id, v from public.st_target order by id', [
        { id: 1, v: 9 },
        { id: 2, v: 2 },
        { id: 3, v: 3 },
      ]),
      run('insert into public.st_source values (2, 7), (2, 8)'),
      fails(
        'merge into public.st_target using public.st_source on st_target.id = st_source.id remove duplicates',
        '21000',
        'Found multiple matches to update the same tuple',
      ),
    ],
  },
  {
    // NONATOMIC procedures run: local-fidelity-nonatomic.test.ts.
    // The producer side of datashares runs: local-fidelity-datashares.test.ts.
    title:
      'a database from a datashare (the consumer side) is an emulator limit',
    doc: `${DG}r_CREATE_DATABASE.html`,
    steps: [
      fails(
        "create database st_shared from datashare st_share of namespace '13b8833d-17c6-4f16-8fe4-1a018f5ed00d'",
        '0A000',
        'DATASHARE',
      ),
    ],
  },
]

describeFidelityCases(
  'local emulator: Redshift DDL, as documented',
  'local_fidelity_ddl',
  [...CASES, ...LATE_BINDING, ...STATEMENTS],
)
