import pg from 'pg'
import { afterAll, beforeAll, expect, inject, it } from 'vitest'

import {
  describeFidelityCases,
  fails,
  rows,
  run,
  type FidelityCase,
  type Step,
} from './fidelity-steps.js'
import { connect } from './local-test-helpers.js'
import {
  answer,
  describeS3FidelityCases,
  fails as s3Fails,
  put,
  run as s3Run,
  type S3Case,
} from './s3-fidelity-steps.js'

// Row-level security beyond local-fidelity-rls.test.ts: EXPLAIN [VERBOSE]
// and the EXPLAIN RLS permission, SVV_RLS_APPLIED_POLICY, ATTACH's column
// checks and COPY into a protected table. Users are cluster-wide: each case
// creates its own, dropped before and after the file.

const DG = 'https://docs.aws.amazon.com/redshift/latest/dg/'

const as = (user: string): Step => run(`set session authorization ${user}`)
const back = run('reset session authorization')

/** The users and roles the cases create. */
const ROLES = new Set<string>()

/** Table t of the pages' tickit_category_redshift rows, role `<prefix>_analyst` and the given users. */
function setup(prefix: string, users: readonly string[]): Step[] {
  for (const u of users) ROLES.add(`${prefix}_${u}`)
  ROLES.add(`${prefix}_analyst`)
  return [
    run(
      `create table ${prefix}_t (catid int, catgroup varchar(10), catname varchar(10))`,
    ),
    run(
      `insert into ${prefix}_t values (1, 'Sports', 'MLB'), (2, 'Sports', 'NHL'), (9, 'Concerts', 'Pop'), (10, 'Concerts', 'Jazz'), (6, 'Shows', 'Musicals')`,
    ),
    run(`create role ${prefix}_analyst`),
    ...users.map((u) => run(`create user ${prefix}_${u} password disable`)),
    run(`grant all on table ${prefix}_t to public`),
  ]
}

/** A policy letting through the Concerts rows, attached to `to` on `<prefix>_t`, with RLS on. */
function concerts(prefix: string, to: string): Step[] {
  return [
    run(
      `create rls policy ${prefix}_p with (catgroup varchar(10)) using (catgroup = 'Concerts')`,
    ),
    run(`attach rls policy ${prefix}_p on ${prefix}_t to ${to}`),
    run(`alter table ${prefix}_t row level security on`),
  ]
}

const teardown = (prefix: string): Step[] => [
  back,
  run(`drop table ${prefix}_t`),
  run(`drop rls policy ${prefix}_p cascade`),
]

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

const FILTERED = 'row-level security filters'

const CASES: readonly FidelityCase[] = [
  {
    title:
      'EXPLAIN and EXPLAIN VERBOSE of a protected table need EXPLAIN RLS, granted to a user or a role',
    doc: `${DG}r_GRANT.html`,
    steps: [
      ...setup('rlsm1', ['alice']),
      ...concerts('rlsm1', 'rlsm1_alice'),
      as('rlsm1_alice'),
      fails('explain verbose select * from rlsm1_t', '0A000', FILTERED),
      fails('explain (verbose) select * from rlsm1_t', '0A000', FILTERED),
      fails('explain select catname from rlsm1_t', '0A000', FILTERED),
      fails('grant explain rls to rlsm1_alice', '42501', 'EXPLAIN RLS'),
      back,
      // Unfiltered, the superuser explains as before.
      run('explain verbose select * from rlsm1_t'),
      run('grant explain rls to rlsm1_alice'),
      as('rlsm1_alice'),
      run('explain verbose select * from rlsm1_t'),
      run('explain select * from rlsm1_t'),
      back,
      run('revoke explain rls from rlsm1_alice'),
      as('rlsm1_alice'),
      fails('explain verbose select * from rlsm1_t', '0A000', FILTERED),
      back,
      run('grant explain rls to role rlsm1_analyst'),
      run('grant role rlsm1_analyst to rlsm1_alice'),
      as('rlsm1_alice'),
      run('explain verbose delete from rlsm1_t where catid = 1'),
      back,
      run('revoke explain rls from role rlsm1_analyst'),
      as('rlsm1_alice'),
      fails('explain verbose select * from rlsm1_t', '0A000', FILTERED),
      back,
      fails('grant explain rls to public', '42601', 'PUBLIC'),
      ...teardown('rlsm1'),
    ],
  },
  {
    title:
      'SVV_RLS_APPLIED_POLICY shows the policies each statement applied, the default false one for a user with none',
    doc: `${DG}r_SVV_RLS_APPLIED_POLICY.html`,
    steps: [
      ...setup('rlsm2', ['alice', 'bob', 'carol']),
      ...concerts('rlsm2', 'rlsm2_alice'),
      as('rlsm2_alice'),
      rows('select count(*)::int as n from rlsm2_t', [{ n: 2 }]),
      run("update rlsm2_t set catname = 'Rock' where catid = 9"),
      // Only superusers, sys:operator and ACCESS SYSTEM TABLE see it.
      rows('select count(*)::int as n from svv_rls_applied_policy', [{ n: 0 }]),
      back,
      as('rlsm2_bob'),
      rows('select count(*)::int as n from rlsm2_t', [{ n: 0 }]),
      back,
      rows(
        `select a.username, a.command, a.datname = current_database() as here, a.relschema, a.relname,
           a.polname, a.poldefault, trim(q.querytxt) as querytxt, a.xid = q.xid as same_xid
         from svv_rls_applied_policy a join stl_query q on q.query = a.query
         where a.relname = 'rlsm2_t' order by a.query, a.polname`,
        [
          {
            username: 'rlsm2_alice',
            command: 's',
            here: true,
            relschema: 'public',
            relname: 'rlsm2_t',
            polname: 'rlsm2_p',
            poldefault: null,
            querytxt: 'select count(*)::int as n from rlsm2_t',
            same_xid: true,
          },
          {
            username: 'rlsm2_alice',
            command: 'u',
            here: true,
            relschema: 'public',
            relname: 'rlsm2_t',
            polname: 'rlsm2_p',
            poldefault: null,
            querytxt: "update rlsm2_t set catname = 'Rock' where catid = 9",
            same_xid: true,
          },
          {
            username: 'rlsm2_bob',
            command: 's',
            here: true,
            relschema: 'public',
            relname: 'rlsm2_t',
            polname: null,
            poldefault: 'f',
            querytxt: 'select count(*)::int as n from rlsm2_t',
            same_xid: true,
          },
        ],
      ),
      run('grant role sys:operator to rlsm2_carol'),
      as('rlsm2_carol'),
      rows(
        "select count(*)::int as n from svv_rls_applied_policy where relname = 'rlsm2_t'",
        [{ n: 3 }],
      ),
      ...teardown('rlsm2'),
    ],
  },
  {
    title:
      "ATTACH needs the policy's WITH columns with their types; a policy attached to a superuser is ignored",
    doc: `${DG}r_ATTACH_RLS_POLICY.html`,
    steps: [
      ...setup('rlsm3', ['alice', 'root']),
      run(
        'create rls policy rlsm3_int with (catgroup int) using (catgroup > 0)',
      ),
      fails(
        'attach rls policy rlsm3_int on rlsm3_t to rlsm3_alice',
        '42804',
        'column "catgroup" of relation "public.rlsm3_t" is character varying(10), policy "rlsm3_int" has integer',
      ),
      run(
        "create rls policy rlsm3_p with (catgroup varchar(20)) using (catgroup = 'Shows')",
      ),
      run('alter user rlsm3_root createuser'),
      run('attach rls policy rlsm3_p on rlsm3_t to rlsm3_alice, rlsm3_root'),
      run('alter table rlsm3_t row level security on'),
      as('rlsm3_alice'),
      rows('select catname from rlsm3_t', [{ catname: 'Musicals' }]),
      back,
      as('rlsm3_root'),
      rows('select count(*)::int as n from rlsm3_t', [{ n: 5 }]),
      back,
      run('drop table rlsm3_t'),
      run('drop rls policy rlsm3_int'),
      run('drop rls policy rlsm3_p cascade'),
    ],
  },
]

beforeAll(dropRoles)
afterAll(dropRoles)

describeFidelityCases(
  'local emulator: row-level security, EXPLAIN RLS and SVV_RLS_APPLIED_POLICY',
  'local_fidelity_rls_more',
  CASES,
  (url) => {
    it("a holder of EXPLAIN RLS sees the policy's predicate in the VERBOSE plan (r_GRANT.html)", async () => {
      ROLES.add('rlsm4_alice')
      const client = await connect(url())
      try {
        await client.query(
          "create table rlsm4_t (catid int, catgroup varchar(10)); create user rlsm4_alice password disable; grant all on rlsm4_t to public; create rls policy rlsm4_p with (catgroup varchar(10)) using (catgroup = 'Concerts'); attach rls policy rlsm4_p on rlsm4_t to rlsm4_alice; alter table rlsm4_t row level security on; grant explain rls to rlsm4_alice",
        )
        await client.query('set session authorization rlsm4_alice')
        const plan = await client.query(
          'explain verbose select catid from rlsm4_t',
        )
        const text = plan.rows
          .map((r: Record<string, string>) => r['QUERY PLAN'])
          .join('\n')
        expect(text).toContain("'Concerts'")
        await client.query('reset session authorization')
      } finally {
        await client
          .query(
            'reset session authorization; drop table if exists rlsm4_t; drop rls policy if exists rlsm4_p cascade',
          )
          .catch(() => undefined)
        await client.end()
      }
    })
  },
)

// COPY is not filtered (t_rls_usage.html), so a user the policies filter
// loads every row, though it then sees only those its policy lets through.
const ROLE = "iam_role 'arn:aws:iam::123456789012:role/MyRedshiftRole'"
const COPY_CASES: readonly S3Case[] = [
  {
    title:
      'COPY into a protected table by a user it filters loads every row, defaults and identity included',
    doc: `${DG}t_rls_usage.html`,
    steps: [
      put('cat/part1.txt', '1|Sports\n9|Concerts\n6|Shows\n'),
      s3Run(
        "create table rlsc_t (catid int, catgroup varchar(10), id int identity(1, 1), note varchar(5) default 'd')",
      ),
      s3Run('create user rlsc_alice password disable'),
      s3Run('grant insert on rlsc_t to rlsc_alice'),
      s3Run(
        "create rls policy rlsc_p with (catgroup varchar(10)) using (catgroup = 'Concerts')",
      ),
      s3Run('attach rls policy rlsc_p on rlsc_t to rlsc_alice'),
      s3Run('alter table rlsc_t row level security on'),
      s3Run('set session authorization rlsc_alice'),
      s3Run(
        `copy rlsc_t (catid, catgroup) from 's3://bucket/cat/' ${ROLE} delimiter '|'`,
      ),
      // In a block that rolls back, nothing stays.
      s3Run('begin'),
      s3Run(
        `copy rlsc_t (catid, catgroup) from 's3://bucket/cat/' ${ROLE} delimiter '|'`,
      ),
      s3Run('rollback'),
      s3Fails('select count(*) from rlsc_t', '42501', 'permission denied'),
      s3Run('reset session authorization'),
      answer('select catid, catgroup, id, note from rlsc_t order by id', [
        ['1', 'Sports', '1', 'd'],
        ['9', 'Concerts', '2', 'd'],
        ['6', 'Shows', '3', 'd'],
      ]),
      s3Run('grant select on rlsc_t to rlsc_alice'),
      s3Run('set session authorization rlsc_alice'),
      answer('select catid from rlsc_t', [['9']]),
      s3Run('reset session authorization'),
      s3Run('drop table rlsc_t'),
      s3Run('drop rls policy rlsc_p'),
      s3Run('drop user rlsc_alice'),
    ],
  },
]

describeS3FidelityCases(
  'local emulator: COPY into a table with row-level security',
  'local_fid_rls_copy',
  COPY_CASES,
)
