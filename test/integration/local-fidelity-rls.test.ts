import pg from 'pg'
import { afterAll, beforeAll, inject } from 'vitest'

import {
  describeFidelityCases,
  fails,
  rows,
  run,
  type FidelityCase,
  type Step,
} from './fidelity-steps.js'

// Row-level security (t_rls.html and the pages it links), run through the
// emulator as a superuser who creates the policies and as the users they
// filter. Users are cluster-wide: each case creates and drops its own.

const DG = 'https://docs.aws.amazon.com/redshift/latest/dg/'

const as = (user: string): Step => run(`set session authorization ${user}`)
const back = run('reset session authorization')

/** The tickit_category_redshift table of the pages' examples, with users analyst (a role) and the given users. */
function setup(prefix: string, users: readonly string[]): Step[] {
  for (const u of users) ROLES.add(`${prefix}_${u}`)
  ROLES.add(`${prefix}_analyst`)
  return [
    run(
      'create table tickit_category_redshift (catid int, catgroup varchar(10), catname varchar(10))',
    ),
    run(
      "insert into tickit_category_redshift values (1, 'Sports', 'MLB'), (2, 'Sports', 'NHL'), (9, 'Concerts', 'Pop'), (10, 'Concerts', 'Jazz'), (6, 'Shows', 'Musicals')",
    ),
    run(`create role ${prefix}_analyst`),
    ...users.map((u) => run(`create user ${prefix}_${u} password disable`)),
    run('grant all on table tickit_category_redshift to public'),
  ]
}

const teardown = [back, run('drop table tickit_category_redshift')]

/** The users and roles the cases create, dropped on the server before and after the file. */
const ROLES = new Set<string>()

async function dropRoles(): Promise<void> {
  const admin = new pg.Client({ connectionString: inject('databaseUrl') })
  await admin.connect()
  try {
    for (const role of ROLES)
      await admin
        .query(`drop role if exists ${admin.escapeIdentifier(role)}`)
        .catch(() => undefined)
  } finally {
    await admin.end()
  }
}

const count = (n: number): { n: number }[] => [{ n }]
const COUNT = 'select count(*)::int as n from tickit_category_redshift'

const CASES: readonly FidelityCase[] = [
  {
    title:
      'a policy attached to a role filters its members; others see no row; superusers see all',
    doc: `${DG}r_CREATE_RLS_POLICY.html`,
    steps: [
      ...setup('rls1', ['alice', 'joe']),
      run('grant role rls1_analyst to rls1_alice'),
      run(
        "create rls policy policy_concerts with (catgroup varchar(10)) using (catgroup = 'Concerts')",
      ),
      run(
        'attach rls policy policy_concerts on tickit_category_redshift to role rls1_analyst',
      ),
      // Attached but RLS off: nobody is filtered yet.
      as('rls1_joe'),
      rows(COUNT, count(5)),
      back,
      run('alter table tickit_category_redshift row level security on'),
      as('rls1_alice'),
      rows(
        'select catid, catname from tickit_category_redshift order by catid',
        [
          { catid: 9, catname: 'Pop' },
          { catid: 10, catname: 'Jazz' },
        ],
      ),
      back,
      as('rls1_joe'),
      rows(COUNT, count(0)),
      back,
      rows(COUNT, count(5)),
      run('alter table tickit_category_redshift row level security off'),
      as('rls1_joe'),
      rows(COUNT, count(5)),
      back,
      run('drop rls policy policy_concerts cascade'),
      ...teardown,
    ],
  },
  {
    title:
      'CONJUNCTION TYPE AND needs every applicable policy; OR needs one; UPDATE and DELETE reach visible rows, INSERT is not filtered',
    doc: `${DG}r_ALTER_TABLE.html`,
    steps: [
      ...setup('rls2', ['alice']),
      run('grant role rls2_analyst to rls2_alice'),
      run(
        'create rls policy rls2_low with (catid int) as t using (t.catid < 10)',
      ),
      run(
        "create rls policy rls2_sports with (catgroup varchar(10)) t using (catgroup <> 'Shows')",
      ),
      run(
        'attach rls policy rls2_low on table tickit_category_redshift to role rls2_analyst',
      ),
      run(
        'attach rls policy rls2_sports on tickit_category_redshift to rls2_alice',
      ),
      run(
        'alter table tickit_category_redshift row level security on conjunction type and',
      ),
      as('rls2_alice'),
      rows('select catid from tickit_category_redshift order by catid', [
        { catid: 1 },
        { catid: 2 },
        { catid: 9 },
      ]),
      back,
      run(
        'alter table tickit_category_redshift row level security on conjunction type or',
      ),
      as('rls2_alice'),
      rows(COUNT, count(5)),
      back,
      run(
        'alter table tickit_category_redshift row level security on conjunction type and',
      ),
      as('rls2_alice'),
      // t_rls_statements.html: UPDATE and DELETE reach only the visible rows.
      run(
        "update tickit_category_redshift set catname = 'x' where catid in (2, 6, 10)",
      ),
      run('delete from tickit_category_redshift where catid in (1, 6, 10)'),
      // t_rls_usage.html: INSERT is not filtered.
      run("insert into tickit_category_redshift values (20, 'Shows', 'Opera')"),
      back,
      rows(
        'select catid, catname from tickit_category_redshift order by catid',
        [
          { catid: 2, catname: 'x' },
          { catid: 6, catname: 'Musicals' },
          { catid: 9, catname: 'Pop' },
          { catid: 10, catname: 'Jazz' },
          { catid: 20, catname: 'Opera' },
        ],
      ),
      rows(
        "select relname, is_rls_on, rls_conjunction_type from svv_rls_relation where relname = 'tickit_category_redshift'",
        [
          {
            relname: 'tickit_category_redshift',
            is_rls_on: true,
            rls_conjunction_type: 'and',
          },
        ],
      ),
      rows(
        "select polname, grantee, granteekind, is_rls_on from svv_rls_attached_policy where relname = 'tickit_category_redshift' order by polname",
        [
          {
            polname: 'rls2_low',
            grantee: 'rls2_analyst',
            granteekind: 'role',
            is_rls_on: true,
          },
          {
            polname: 'rls2_sports',
            grantee: 'rls2_alice',
            granteekind: 'user',
            is_rls_on: true,
          },
        ],
      ),
      rows(
        "select polname, polalias, polatts, polqual from svv_rls_policy where polname = 'rls2_low'",
        [
          {
            polname: 'rls2_low',
            polalias: 't',
            polatts: '[{"colname":"catid","type":"integer"}]',
            polqual: 't.catid < 10',
          },
        ],
      ),
      // r_DROP_RLS_POLICY.html: RESTRICT (the default) keeps an attached policy.
      fails('drop rls policy rls2_low', '2BP01', 'attached'),
      run(
        'detach rls policy rls2_low on tickit_category_redshift from role rls2_analyst',
      ),
      run('drop rls policy rls2_low'),
      run('drop rls policy rls2_sports cascade'),
      run('drop rls policy if exists rls2_sports'),
      ...teardown,
    ],
  },
  {
    title:
      'IGNORE RLS and sys:secadmin see every row; only they and superusers manage policies',
    doc: `${DG}t_rls_ownership.html`,
    steps: [
      ...setup('rls3', ['alice', 'sec', 'ign']),
      run('grant role sys:secadmin to rls3_sec'),
      run('grant role rls3_analyst to rls3_ign'),
      run('alter table tickit_category_redshift row level security on'),
      as('rls3_alice'),
      rows(COUNT, count(0)),
      fails(
        'create rls policy rls3_p using (true)',
        '42501',
        'permission denied',
      ),
      fails(
        'alter table tickit_category_redshift row level security off',
        '42501',
        'permission denied',
      ),
      fails(
        'select * from svv_rls_attached_policy',
        '42501',
        'permission denied',
      ),
      back,
      as('rls3_sec'),
      rows(COUNT, count(5)),
      run('create rls policy rls3_p using (true)'),
      run('drop rls policy rls3_p'),
      back,
      as('rls3_ign'),
      rows(COUNT, count(0)),
      back,
      run('grant ignore rls to role rls3_analyst'),
      as('rls3_ign'),
      rows(COUNT, count(5)),
      back,
      // A policy attached to PUBLIC does not filter them either, with AND or OR.
      run('create rls policy rls3_q with (catid int) using (catid = 1)'),
      run('attach rls policy rls3_q on tickit_category_redshift to public'),
      as('rls3_ign'),
      rows(COUNT, count(5)),
      back,
      as('rls3_sec'),
      rows(COUNT, count(5)),
      back,
      as('rls3_alice'),
      rows(COUNT, count(1)),
      back,
      run(
        'alter table tickit_category_redshift row level security on conjunction type or',
      ),
      as('rls3_ign'),
      rows(COUNT, count(5)),
      back,
      as('rls3_alice'),
      rows(COUNT, count(1)),
      back,
      run('drop rls policy rls3_q cascade'),
      run('revoke ignore rls from role rls3_analyst'),
      as('rls3_ign'),
      rows(COUNT, count(0)),
      back,
      ...teardown,
    ],
  },
  {
    title:
      'what the emulator cannot protect exactly is refused: lookup subqueries, views, datashares',
    doc: `${DG}t_rls_usage.html`,
    steps: [
      run('create table rls4_t (a int)'),
      run('create table rls4_lookup (a int)'),
      run('create table rls4_other (b int)'),
      run('create view rls4_v as select a from rls4_t'),
      fails(
        'create rls policy rls4_p with (a int) using (a in (select a from rls4_lookup))',
        '0A000',
        'subqueries',
      ),
      run('create rls policy rls4_p with (a int) using (a > 0)'),
      fails('attach rls policy rls4_p on rls4_v to public', '0A000', 'views'),
      fails(
        'alter table rls4_t row level security on',
        '0A000',
        'which a view reads',
      ),
      fails(
        'alter table rls4_t row level security on for datashares',
        '0A000',
        'DATASHARES',
      ),
      // ATTACH RLS POLICY: the table must have the WITH clause's columns.
      fails('attach rls policy rls4_p on rls4_other to public', '42703', ''),
      fails('create rls policy rls4_p using (true)', '42710', 'already exists'),
      fails('create rls policy rls4_q with (b int) using (c > 0)', '42703', ''),
      run('drop view rls4_v'),
      run('drop rls policy rls4_p'),
    ],
  },
  {
    title:
      'ALTER RLS POLICY changes what the users see; EXPLAIN, views and APPEND cannot bypass the policies',
    doc: `${DG}r_ALTER_RLS_POLICY.html`,
    steps: [
      ...setup('rls5', ['alice']),
      run('create table rls5_src (like tickit_category_redshift)'),
      run('create table rls5_dst (like tickit_category_redshift)'),
      run('insert into rls5_src select * from tickit_category_redshift'),
      run('grant all on rls5_src, rls5_dst to public'),
      run(
        "create rls policy rls5_p with (catgroup varchar(10)) using (catgroup = 'Concerts')",
      ),
      run(
        'attach rls policy rls5_p on tickit_category_redshift, rls5_src to rls5_alice',
      ),
      run('alter table tickit_category_redshift row level security on'),
      run('alter table rls5_src row level security on'),
      as('rls5_alice'),
      rows(COUNT, count(2)),
      back,
      run("alter rls policy rls5_p using (catgroup = 'Shows')"),
      as('rls5_alice'),
      rows('select catname from tickit_category_redshift', [
        { catname: 'Musicals' },
      ]),
      fails(
        'explain select * from tickit_category_redshift',
        '0A000',
        'row-level security filters',
      ),
      fails('alter table rls5_dst append from rls5_src', '42501', 'IGNORE RLS'),
      back,
      run('explain select * from tickit_category_redshift'),
      fails(
        'create view rls5_v as select * from tickit_category_redshift',
        '0A000',
        'row-level security on',
      ),
      run('alter table rls5_dst append from rls5_src'),
      rows('select count(*)::int as n from rls5_dst', count(5)),
      run('drop table rls5_src'),
      run('drop table rls5_dst'),
      run('drop rls policy rls5_p cascade'),
      ...teardown,
    ],
  },
  {
    title: 'no policy on a materialized view or its base tables',
    doc: `${DG}r_ATTACH_RLS_POLICY.html`,
    steps: [
      run('create table rls6_t (a int)'),
      run('create materialized view rls6_mv as select a from rls6_t'),
      run('create rls policy rls6_p with (a int) using (a > 0)'),
      fails('attach rls policy rls6_p on rls6_mv to public', '0A000', 'views'),
      fails(
        'attach rls policy rls6_p on rls6_t to public',
        '0A000',
        'base table',
      ),
      fails(
        'alter materialized view rls6_mv row level security on',
        '0A000',
        'emulator',
      ),
      run('drop materialized view rls6_mv'),
      run('drop table rls6_t'),
      run('drop rls policy rls6_p'),
    ],
  },
  {
    title: "SVV_RLS_POLICY lists the policies as the page's example shows them",
    doc: `${DG}r_SVV_RLS_POLICY.html`,
    steps: [
      run('create rls policy pol1 with (a int) as t using ( t.a is not null )'),
      run(
        "create rls policy pol2 with (c varchar(10)) as t using ( c like '%public%')",
      ),
      rows(
        "select polname, polalias, polatts, polenabled, polmodifiedby = current_user as mine from svv_rls_policy where polname in ('pol1', 'pol2') order by polname",
        [
          {
            polname: 'pol1',
            polalias: 't',
            polatts: '[{"colname":"a","type":"integer"}]',
            polenabled: true,
            mine: true,
          },
          {
            polname: 'pol2',
            polalias: 't',
            polatts: '[{"colname":"c","type":"character varying(10)"}]',
            polenabled: true,
            mine: true,
          },
        ],
      ),
      run('drop rls policy pol1'),
      run('drop rls policy pol2'),
    ],
  },
  {
    title: 'a policy may read a session context variable set with SET_CONFIG',
    doc: `${DG}t_rls_usage.html`,
    steps: [
      ...setup('rls7', ['alice']),
      run(
        "create rls policy policy_categories with (catgroup varchar(10)) using (catgroup = current_setting('app.category', false))",
      ),
      run(
        'attach rls policy policy_categories on tickit_category_redshift to rls7_alice',
      ),
      run('alter table tickit_category_redshift row level security on'),
      as('rls7_alice'),
      run("select set_config('app.category', 'Concerts', false)"),
      rows(COUNT, count(2)),
      run("select set_config('app.category', 'Shows', false)"),
      rows(COUNT, count(1)),
      back,
      run('drop rls policy policy_categories cascade'),
      ...teardown,
    ],
  },
  {
    title:
      'TRUNCATE empties a protected table; CREATE TABLE LIKE does not copy its policies; CTAS reads the visible rows',
    doc: `${DG}t_rls_statements.html`,
    steps: [
      ...setup('rls8', ['alice']),
      run(
        "create rls policy rls8_p with (catgroup varchar(10)) using (catgroup = 'Sports')",
      ),
      run('attach rls policy rls8_p on tickit_category_redshift to public'),
      run('alter table tickit_category_redshift row level security on'),
      as('rls8_alice'),
      run('create table rls8_like (like tickit_category_redshift)'),
      run('insert into rls8_like values (1, null, null), (2, null, null)'),
      rows('select count(*)::int as n from rls8_like', count(2)),
      run('create table rls8_ctas as select * from tickit_category_redshift'),
      rows('select count(*)::int as n from rls8_ctas', count(2)),
      back,
      rows(
        "select count(*)::int as n from svv_rls_relation where relname in ('rls8_like', 'rls8_ctas')",
        count(0),
      ),
      // Only the owner or a superuser truncates (r_TRUNCATE.html).
      run('truncate tickit_category_redshift'),
      rows(COUNT, count(0)),
      run('drop table rls8_like'),
      run('drop table rls8_ctas'),
      run('drop rls policy rls8_p cascade'),
      ...teardown,
    ],
  },
]

beforeAll(dropRoles)
afterAll(dropRoles)

describeFidelityCases(
  'local emulator: row-level security (t_rls)',
  'local_fidelity_rls',
  CASES,
)
