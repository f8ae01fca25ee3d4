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
import { DG } from './function-answers.js'
import { connect, errorOf } from './local-test-helpers.js'

// Dynamic data masking and statements prepared before a policy was attached:
// Redshift applies a policy to every query run after ATTACH
// (r_ATTACH_MASKING_POLICY.html). The emulator plans a prepared statement
// again before it runs, and refuses one it cannot prepare again exactly.

const ATTACH = `${DG}r_ATTACH_MASKING_POLICY.html`
const CONSIDERATIONS = `${DG}t_ddm-considerations.html`
const HIERARCHY = `${DG}t_ddm-hierarchy.html`
const ALTER = `${DG}r_ALTER_MASKING_POLICY.html`
const DETACH = `${DG}r_DETACH_MASKING_POLICY.html`
const RLS_ATTACH = `${DG}r_ATTACH_RLS_POLICY.html`
const SUPER_PATHS = `${DG}t_ddm-super.html`

const STALE = 'prepared before a masking policy was first attached'

const as = (user: string): Step => run(`set session authorization ${user}`)
const back = run('reset session authorization')

/** The users the cases create, dropped on the server before and after the file. */
const ROLES = [
  'ddmp3_joe',
  'ddm3_vw_ann',
  'ddm3_vw_bob',
  'ddm3_vw_r',
  'ddm3_dm_ann',
  'ddm3_dm_bob',
  'ddm3_dm_cy',
  'ddm3_dm_role',
  'ddm3_pr_u',
  'ddm3_pr_w',
  'ddm3_pr_inner',
  'ddm3_pr_outer',
  'ddm3_pr_analytics',
  'ddm3_pr_auditor',
  'ddm3_ep_ann',
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

/** A table `name (id int, c varchar(20))` with two rows. */
const table = (name: string): Step[] => [
  run(`create table ${name} (id int, c varchar(20))`),
  run(`insert into ${name} values (1, 'secret1'), (2, 'secret2')`),
]

const CASES: readonly FidelityCase[] = [
  {
    title:
      'a view over a masked table masks for the user who reads it, not its owner; views over views, joins and late-binding views too',
    doc: CONSIDERATIONS,
    steps: [
      run('create user ddm3_vw_ann password disable'),
      run('create user ddm3_vw_bob password disable'),
      run('create role ddm3_vw_r'),
      run('grant role ddm3_vw_r to ddm3_vw_bob'),
      ...table('ddm3_vw_t'),
      run(
        "create masking policy ddm3_vw_full with (c varchar(20)) using ('***')",
      ),
      run(
        "create masking policy ddm3_vw_part with (c varchar(20)) using (substring(c, 1, 3) || '*')",
      ),
      // A view created before the table's first policy reads it as it is:
      // ATTACH is refused until the view is created again.
      run('create view ddm3_vw_before as select id, c from ddm3_vw_t'),
      fails(
        'attach masking policy ddm3_vw_full on ddm3_vw_t(c) to public',
        '0A000',
        'created before its first ATTACH MASKING POLICY',
      ),
      run(
        'create or replace view ddm3_vw_before as select id, c from ddm3_vw_t',
      ),
      run('attach masking policy ddm3_vw_full on ddm3_vw_t(c) to public'),
      run(
        'attach masking policy ddm3_vw_part on ddm3_vw_t(c) to role ddm3_vw_r priority 10',
      ),
      run('create view ddm3_vw_v as select id, c from ddm3_vw_t where id > 0'),
      run('create view ddm3_vw_vv as select c from ddm3_vw_v'),
      run(
        'create view ddm3_vw_j as select a.id, a.c as a, b.c as b from ddm3_vw_t a join public.ddm3_vw_t b on a.id = b.id',
      ),
      run(
        'create view ddm3_vw_lb as select id, c from public.ddm3_vw_t with no schema binding',
      ),
      run(
        'grant select on ddm3_vw_before, ddm3_vw_v, ddm3_vw_vv, ddm3_vw_j, ddm3_vw_lb to public',
      ),
      as('ddm3_vw_ann'),
      // No SELECT on the table itself: the view reads it with its owner's rights.
      fails('select c from ddm3_vw_t', '42501', 'permission denied'),
      rows('select id, c from ddm3_vw_v order by id', [
        { id: 1, c: '***' },
        { id: 2, c: '***' },
      ]),
      rows('select c from ddm3_vw_vv', [{ c: '***' }, { c: '***' }]),
      rows('select id, c from ddm3_vw_before order by id', [
        { id: 1, c: '***' },
        { id: 2, c: '***' },
      ]),
      rows('select a, b from ddm3_vw_j where id = 1', [{ a: '***', b: '***' }]),
      rows('select c from ddm3_vw_lb where id = 2', [{ c: '***' }]),
      // Filters on the view see the masked value.
      rows("select count(*)::int as n from ddm3_vw_v where c = 'secret1'", [
        { n: 0 },
      ]),
      back,
      as('ddm3_vw_bob'),
      rows('select id, c from ddm3_vw_v order by id', [
        { id: 1, c: 'sec*' },
        { id: 2, c: 'sec*' },
      ]),
      rows('select c from ddm3_vw_lb where id = 1', [{ c: 'sec*' }]),
      back,
      // PUBLIC is every user, the view's owner (a superuser) too.
      rows('select c from ddm3_vw_v where id = 1', [{ c: '***' }]),
      run(
        'detach masking policy ddm3_vw_part on ddm3_vw_t(c) from role ddm3_vw_r',
      ),
      as('ddm3_vw_bob'),
      rows('select c from ddm3_vw_vv', [{ c: '***' }, { c: '***' }]),
      back,
      run('detach masking policy ddm3_vw_full on ddm3_vw_t(c) from public'),
      as('ddm3_vw_ann'),
      rows('select id, c from ddm3_vw_v order by id', [
        { id: 1, c: 'secret1' },
        { id: 2, c: 'secret2' },
      ]),
      back,
      // The views' text shows the reads as written.
      rows("select pg_get_viewdef('ddm3_vw_j') as d", [
        {
          d: ' SELECT a.id,\n    a.c AS a,\n    b.c AS b\n   FROM (public.ddm3_vw_t a\n     JOIN public.ddm3_vw_t b ON ((a.id = b.id)));',
        },
      ]),
      rows(
        "select count(*)::int as n from pg_views where viewname like 'ddm3_vw%' and definition ~ '(redshift|mask)'",
        [{ n: 0 }],
      ),
      rows(
        "select count(*)::int as n from information_schema.views where table_name like 'ddm3_vw%' and view_definition ~ '(redshift|mask)'",
        [{ n: 0 }],
      ),
      // The view depends on the columns it reads, as one reading the table does.
      fails(
        'alter table ddm3_vw_t drop column c',
        '2BP01',
        'other objects depend on it',
      ),
      run('drop view ddm3_vw_vv'),
      run('drop view ddm3_vw_v'),
      run('drop view ddm3_vw_j'),
      run('drop view ddm3_vw_lb'),
      run('drop view ddm3_vw_before'),
      run('drop table ddm3_vw_t'),
      run('drop masking policy ddm3_vw_full'),
      run('drop masking policy ddm3_vw_part'),
      run('drop user ddm3_vw_ann'),
      run('drop user ddm3_vw_bob'),
      run('drop role ddm3_vw_r'),
    ],
  },
  {
    title:
      'a materialized view over a masked table, or one reading a table before its first policy, is refused as an emulator limit',
    doc: CONSIDERATIONS,
    steps: [
      ...table('ddm3_vw_m'),
      ...table('ddm3_vw_n'),
      run(
        "create masking policy ddm3_vw_mp with (c varchar(20)) using ('***')",
      ),
      run('create materialized view ddm3_vw_mv as select c from ddm3_vw_n'),
      fails(
        'attach masking policy ddm3_vw_mp on ddm3_vw_n(c) to public',
        '0A000',
        'which materialized view "ddm3_vw_mv" reads',
      ),
      run('attach masking policy ddm3_vw_mp on ddm3_vw_m(c) to public'),
      // Its rows would be computed once, as whoever refreshes it sees them.
      fails(
        'create materialized view ddm3_vw_mv2 as select c from ddm3_vw_m',
        '0A000',
        'a materialized view over "ddm3_vw_m"',
      ),
      // An alias of the emulator's own is no way round the check.
      run('create table ddm3_vw_s (id int, c varchar(20))'),
      run('create view ddm3_vw_sv as select c from ddm3_vw_s redshift_masked'),
      fails(
        'attach masking policy ddm3_vw_mp on ddm3_vw_s(c) to public',
        '0A000',
        'created before its first ATTACH MASKING POLICY',
      ),
      run('drop view ddm3_vw_sv'),
      run('create table ddm3_vw_l (id int, c varchar(20))'),
      // A late-binding view that cannot be bound yet reads the table once bound.
      run(
        'create view ddm3_vw_lb2 as select a.c from public.ddm3_vw_l a join public.ddm3_vw_later b on a.id = b.id with no schema binding',
      ),
      fails(
        'attach masking policy ddm3_vw_mp on ddm3_vw_l(c) to public',
        '0A000',
        'view "ddm3_vw_lb2" created before its first ATTACH MASKING POLICY',
      ),
      run(
        'create or replace view ddm3_vw_lb2 as select a.c from public.ddm3_vw_l a join public.ddm3_vw_later b on a.id = b.id with no schema binding',
      ),
      run('attach masking policy ddm3_vw_mp on ddm3_vw_l(c) to public'),
      run("insert into ddm3_vw_l values (1, 'secret1')"),
      run('create table ddm3_vw_later (id int)'),
      run('insert into ddm3_vw_later values (1)'),
      rows('select c from ddm3_vw_lb2', [{ c: '***' }]),
      run('drop view ddm3_vw_lb2'),
      run('drop table ddm3_vw_later'),
      run('detach masking policy ddm3_vw_mp on ddm3_vw_l(c) from public'),
      run('drop table ddm3_vw_l'),
      run('drop table ddm3_vw_s'),
      run('drop materialized view ddm3_vw_mv'),
      run('detach masking policy ddm3_vw_mp on ddm3_vw_m(c) from public'),
      run('drop masking policy ddm3_vw_mp'),
      run('drop table ddm3_vw_m'),
      run('drop table ddm3_vw_n'),
    ],
  },
  {
    title:
      'UPDATE, DELETE and MERGE that read a column masked for the user (or the whole row) are refused, not run over unmasked values',
    doc: CONSIDERATIONS,
    steps: [
      run('create user ddm3_dm_ann password disable'),
      run('create user ddm3_dm_bob password disable'),
      ...table('ddm3_dm_t'),
      run('create table ddm3_dm_s (id int, c varchar(20))'),
      run("insert into ddm3_dm_s values (1, 'secret1')"),
      run(
        'grant select, update, delete on ddm3_dm_t to ddm3_dm_ann, ddm3_dm_bob',
      ),
      run('grant select on ddm3_dm_s to ddm3_dm_ann, ddm3_dm_bob'),
      run("create masking policy ddm3_dm_p with (c varchar(20)) using ('***')"),
      run('attach masking policy ddm3_dm_p on ddm3_dm_t(c) to ddm3_dm_ann'),
      as('ddm3_dm_ann'),
      fails(
        "delete from ddm3_dm_t where c = 'secret1'",
        '0A000',
        'UPDATE, DELETE or MERGE that reads column "c"',
      ),
      fails(
        "update ddm3_dm_t set id = 9 where c like 'secret%'",
        '0A000',
        'UPDATE, DELETE or MERGE that reads column "c"',
      ),
      fails(
        "update ddm3_dm_t set c = c || 'x' where id = 1",
        '0A000',
        'UPDATE, DELETE or MERGE that reads column "c"',
      ),
      // The whole row reads the masked column too.
      fails(
        "delete from ddm3_dm_t where ddm3_dm_t::text like '%secret1%'",
        '0A000',
        'UPDATE, DELETE or MERGE that reads column "c"',
      ),
      fails(
        "delete from ddm3_dm_t x where x::text like '%secret1%'",
        '0A000',
        'UPDATE, DELETE or MERGE that reads column "c"',
      ),
      fails(
        'merge into ddm3_dm_t using ddm3_dm_s s on ddm3_dm_t.c = s.c when matched then delete',
        '0A000',
        'UPDATE, DELETE or MERGE that reads column "c"',
      ),
      // Writing the masked column, or reading only unmasked ones, runs.
      run("update ddm3_dm_t set c = 'new2' where id = 2"),
      run(
        'merge into ddm3_dm_t using ddm3_dm_s s on ddm3_dm_t.id = s.id when matched then update set id = 1',
      ),
      back,
      // A user no policy applies to reads the stored values.
      as('ddm3_dm_bob'),
      run("delete from ddm3_dm_t where c = 'new2'"),
      back,
      rows('select id, c from ddm3_dm_t order by id', [
        { id: 1, c: 'secret1' },
      ]),
      run('detach masking policy ddm3_dm_p on ddm3_dm_t(c) from ddm3_dm_ann'),
      run('drop masking policy ddm3_dm_p'),
      run('drop table ddm3_dm_t'),
      run('drop table ddm3_dm_s'),
      run('drop user ddm3_dm_ann'),
      run('drop user ddm3_dm_bob'),
    ],
  },
  {
    title:
      'a DELETE prepared while no policy masked the column it reads for the user is refused once one does',
    doc: ATTACH,
    steps: [
      run('create user ddm3_dm_cy password disable'),
      run('create role ddm3_dm_role'),
      ...table('ddm3_dm_q'),
      run('grant select, delete on ddm3_dm_q to ddm3_dm_cy'),
      run(
        "create masking policy ddm3_dm_qp with (c varchar(20)) using ('***')",
      ),
      // The table's first policy, for a role the user is not in.
      run(
        'attach masking policy ddm3_dm_qp on ddm3_dm_q(c) to role ddm3_dm_role',
      ),
      as('ddm3_dm_cy'),
      run('prepare ddm3_dm_del as delete from ddm3_dm_q where c = $1'),
      run("execute ddm3_dm_del('secret1')"),
      back,
      run(
        'attach masking policy ddm3_dm_qp on ddm3_dm_q(c) to ddm3_dm_cy priority 1',
      ),
      as('ddm3_dm_cy'),
      fails(
        "execute ddm3_dm_del('secret2')",
        '0A000',
        'UPDATE, DELETE or MERGE that reads column "c"',
      ),
      run('deallocate ddm3_dm_del'),
      back,
      rows('select id, c from ddm3_dm_q', [{ id: 2, c: 'secret2' }]),
      run('detach masking policy ddm3_dm_qp on ddm3_dm_q(c) from ddm3_dm_cy'),
      run(
        'detach masking policy ddm3_dm_qp on ddm3_dm_q(c) from role ddm3_dm_role',
      ),
      run('drop masking policy ddm3_dm_qp'),
      run('drop table ddm3_dm_q'),
      run('drop user ddm3_dm_cy'),
      run('drop role ddm3_dm_role'),
    ],
  },
  {
    title:
      "the hierarchy page's example: with both roles, each column shows the highest priority policy attached to it",
    doc: HIERARCHY,
    steps: [
      run('create role ddm3_pr_analytics'),
      run('create role ddm3_pr_auditor'),
      run('create user ddm3_pr_u password disable'),
      run('grant role ddm3_pr_analytics to ddm3_pr_u'),
      run('grant role ddm3_pr_auditor to ddm3_pr_u'),
      run(
        'create table ddm3_pr_cards (address varchar(40), credit_card varchar(40), ssn varchar(40))',
      ),
      run(
        "insert into ddm3_pr_cards values ('1 Main St', '4532993817514842', '123-45-6789')",
      ),
      run('grant select on ddm3_pr_cards to public'),
      run(
        "create masking policy ddm3_pr_partial with (v varchar(40)) using ('partial'::varchar)",
      ),
      run(
        "create masking policy ddm3_pr_full with (v varchar(40)) using ('full'::varchar)",
      ),
      // The page attaches each policy to two columns at once, which the
      // emulator refuses (more than one output column): one column each.
      run(
        'attach masking policy ddm3_pr_partial on ddm3_pr_cards(address) to role ddm3_pr_analytics priority 20',
      ),
      run(
        'attach masking policy ddm3_pr_partial on ddm3_pr_cards(credit_card) to role ddm3_pr_analytics priority 20',
      ),
      run(
        'attach masking policy ddm3_pr_full on ddm3_pr_cards(credit_card) to role ddm3_pr_auditor priority 30',
      ),
      run(
        'attach masking policy ddm3_pr_full on ddm3_pr_cards(ssn) to role ddm3_pr_auditor priority 30',
      ),
      as('ddm3_pr_u'),
      rows('select address, credit_card, ssn from ddm3_pr_cards', [
        { address: 'partial', credit_card: 'full', ssn: 'full' },
      ]),
      back,
      // A superuser is in neither role: no policy applies to them.
      rows('select address, credit_card, ssn from ddm3_pr_cards', [
        {
          address: '1 Main St',
          credit_card: '4532993817514842',
          ssn: '123-45-6789',
        },
      ]),
      run(
        'detach masking policy ddm3_pr_partial on ddm3_pr_cards(address) from role ddm3_pr_analytics',
      ),
      run(
        'detach masking policy ddm3_pr_partial on ddm3_pr_cards(credit_card) from role ddm3_pr_analytics',
      ),
      run(
        'detach masking policy ddm3_pr_full on ddm3_pr_cards(credit_card) from role ddm3_pr_auditor',
      ),
      run(
        'detach masking policy ddm3_pr_full on ddm3_pr_cards(ssn) from role ddm3_pr_auditor',
      ),
      run('drop masking policy ddm3_pr_partial'),
      run('drop masking policy ddm3_pr_full'),
      run('drop table ddm3_pr_cards'),
      run('drop user ddm3_pr_u'),
      run('drop role ddm3_pr_analytics'),
      run('drop role ddm3_pr_auditor'),
    ],
  },
  {
    title:
      'PUBLIC, a role (also through another role), a user: the highest priority applicable one wins, PUBLIC applies to superusers',
    doc: ATTACH,
    steps: [
      run('create role ddm3_pr_inner'),
      run('create role ddm3_pr_outer'),
      run('grant role ddm3_pr_inner to role ddm3_pr_outer'),
      run('create user ddm3_pr_w password disable'),
      run('grant role ddm3_pr_outer to ddm3_pr_w'),
      ...table('ddm3_pr_t'),
      run('grant select on ddm3_pr_t to public'),
      run(
        "create masking policy ddm3_pr_pub with (c varchar(20)) using ('pub')",
      ),
      run(
        "create masking policy ddm3_pr_role with (c varchar(20)) using ('role')",
      ),
      run(
        "create masking policy ddm3_pr_user with (c varchar(20)) using ('user')",
      ),
      run('attach masking policy ddm3_pr_pub on ddm3_pr_t(c) to public'),
      run(
        'attach masking policy ddm3_pr_role on ddm3_pr_t(c) to role ddm3_pr_inner priority 5',
      ),
      run(
        'attach masking policy ddm3_pr_user on ddm3_pr_t(c) to ddm3_pr_w priority 3',
      ),
      as('ddm3_pr_w'),
      rows('select c from ddm3_pr_t where id = 1', [{ c: 'role' }]),
      back,
      rows('select c from ddm3_pr_t where id = 1', [{ c: 'pub' }]),
      run(
        'detach masking policy ddm3_pr_role on ddm3_pr_t(c) from role ddm3_pr_inner',
      ),
      as('ddm3_pr_w'),
      rows('select c from ddm3_pr_t where id = 1', [{ c: 'user' }]),
      back,
      run('detach masking policy ddm3_pr_user on ddm3_pr_t(c) from ddm3_pr_w'),
      as('ddm3_pr_w'),
      rows('select c from ddm3_pr_t where id = 1', [{ c: 'pub' }]),
      back,
      // A PUBLIC policy of a higher priority wins over a user's.
      run('detach masking policy ddm3_pr_pub on ddm3_pr_t(c) from public'),
      run(
        'attach masking policy ddm3_pr_pub on ddm3_pr_t(c) to public priority 7',
      ),
      run(
        'attach masking policy ddm3_pr_user on ddm3_pr_t(c) to ddm3_pr_w priority 3',
      ),
      as('ddm3_pr_w'),
      rows('select c from ddm3_pr_t where id = 1', [{ c: 'pub' }]),
      back,
      run('detach masking policy ddm3_pr_user on ddm3_pr_t(c) from ddm3_pr_w'),
      run('detach masking policy ddm3_pr_pub on ddm3_pr_t(c) from public'),
      run('drop masking policy ddm3_pr_pub'),
      run('drop masking policy ddm3_pr_role'),
      run('drop masking policy ddm3_pr_user'),
      run('drop table ddm3_pr_t'),
      run('drop user ddm3_pr_w'),
      run('revoke role ddm3_pr_inner from role ddm3_pr_outer'),
      run('drop role ddm3_pr_outer'),
      run('drop role ddm3_pr_inner'),
    ],
  },
  {
    title:
      'a statement prepared before the first policy was attached to its table does not run unmasked: refused until prepared again',
    doc: ATTACH,
    steps: [
      ...table('ddmp1_t'),
      run('create table ddmp1_other (id int)'),
      run("create masking policy ddmp1_p with (c varchar(20)) using ('***')"),
      run('prepare ddmp1_q as select id, c from ddmp1_t order by id'),
      run('prepare ddmp1_o as select count(*)::int as n from ddmp1_other'),
      rows('execute ddmp1_q', [
        { id: 1, c: 'secret1' },
        { id: 2, c: 'secret2' },
      ]),
      run('attach masking policy ddmp1_p on ddmp1_t(c) to public'),
      fails('execute ddmp1_q', '0A000', STALE),
      // A PREPARE that fails leaves the statement PostgreSQL holds.
      fails(
        'prepare ddmp1_q as select 1',
        '42P05',
        'prepared statement "ddmp1_q" already exists',
      ),
      fails('execute ddmp1_q', '0A000', STALE),
      // One that reads no table masked since runs.
      rows('execute ddmp1_o', [{ n: 0 }]),
      run('deallocate ddmp1_q'),
      run('prepare ddmp1_q as select id, c from ddmp1_t order by id'),
      rows('execute ddmp1_q', [
        { id: 1, c: '***' },
        { id: 2, c: '***' },
      ]),
      run('deallocate ddmp1_q'),
      run('deallocate ddmp1_o'),
      run('detach masking policy ddmp1_p on ddmp1_t(c) from public'),
      run('drop masking policy ddmp1_p'),
      run('drop table ddmp1_t'),
      run('drop table ddmp1_other'),
    ],
  },
  {
    title:
      'a statement prepared after the first attach reads the policies as they are when it runs: ALTER and DETACH apply',
    doc: ALTER,
    steps: [
      ...table('ddmp2_t'),
      run("create masking policy ddmp2_p with (c varchar(20)) using ('***')"),
      run('attach masking policy ddmp2_p on ddmp2_t(c) to public'),
      run('prepare ddmp2_q as select c from ddmp2_t where id = $1'),
      rows('execute ddmp2_q(1)', [{ c: '***' }]),
      run("alter masking policy ddmp2_p using ('###')"),
      rows('execute ddmp2_q(1)', [{ c: '###' }]),
      run('detach masking policy ddmp2_p on ddmp2_t(c) from public'),
      rows('execute ddmp2_q(1)', [{ c: 'secret1' }]),
      run('attach masking policy ddmp2_p on ddmp2_t(c) to public'),
      rows('execute ddmp2_q(2)', [{ c: '###' }]),
      run('deallocate ddmp2_q'),
      run('detach masking policy ddmp2_p on ddmp2_t(c) from public'),
      run('drop masking policy ddmp2_p'),
      run('drop table ddmp2_t'),
    ],
  },
  {
    title:
      'a row-level security policy attached after PREPARE filters the prepared statement',
    doc: RLS_ATTACH,
    steps: [
      ...table('ddmp3_t'),
      run('create user ddmp3_joe password disable'),
      run('grant select on ddmp3_t to ddmp3_joe'),
      run('prepare ddmp3_q as select id from ddmp3_t order by id'),
      as('ddmp3_joe'),
      rows('execute ddmp3_q', [{ id: 1 }, { id: 2 }]),
      back,
      run('create rls policy ddmp3_r with (id int) using (id = 2)'),
      run('attach rls policy ddmp3_r on ddmp3_t to ddmp3_joe'),
      run('alter table ddmp3_t row level security on'),
      as('ddmp3_joe'),
      rows('execute ddmp3_q', [{ id: 2 }]),
      back,
      run('deallocate ddmp3_q'),
      run('alter table ddmp3_t row level security off'),
      run('drop rls policy ddmp3_r cascade'),
      run('drop table ddmp3_t'),
      run('drop user ddmp3_joe'),
    ],
  },
  {
    title:
      'a policy attached to a SUPER path is refused as an emulator limit (the value is not rebuilt with the path masked)',
    doc: SUPER_PATHS,
    steps: [
      run('create table ddmp5_t (col_person super)'),
      run(
        `insert into ddmp5_t values (json_parse('{"name": {"first": "John", "last": "Doe"}, "age": 25}'))`,
      ),
      run(
        "create masking policy ddmp5_p with (first varchar(20)) using ('XXX'::text)",
      ),
      fails(
        'attach masking policy ddmp5_p on ddmp5_t(col_person.name.first) to public',
        '0A000',
        'masking policies attached to SUPER paths',
      ),
      fails(
        'attach masking policy ddmp5_p on ddmp5_t(col_person.name.first) using (col_person.name.first) to public',
        '0A000',
        'masking policies attached to SUPER paths',
      ),
      fails(
        'detach masking policy ddmp5_p on ddmp5_t(col_person.name.first) from public',
        '0A000',
        'masking policies attached to SUPER paths',
      ),
      rows('select col_person.name.first::varchar as f from ddmp5_t', [
        { f: 'John' },
      ]),
      run('drop masking policy ddmp5_p'),
      run('drop table ddmp5_t'),
    ],
  },
]

beforeAll(dropRoles)
afterAll(dropRoles)

describeFidelityCases(
  'local emulator: masking and prepared statements',
  'local_fid_masking_more',
  CASES,
  (url) => {
    it(`a named protocol statement parsed before the first attach is refused at Bind, not run unmasked (${DETACH}, ${ATTACH})`, async () => {
      const client = await connect(url())
      try {
        await client.query('create table ddmp4_t (id int, c varchar(20))')
        await client.query("insert into ddmp4_t values (1, 'secret1')")
        await client.query(
          "create masking policy ddmp4_p with (c varchar(20)) using ('***')",
        )
        const q = { name: 'ddmp4_q', text: 'select c from ddmp4_t' }
        const other = { name: 'ddmp4_o', text: 'select 1 as n' }
        expect((await client.query(q)).rows).toEqual([{ c: 'secret1' }])
        expect((await client.query(other)).rows).toEqual([{ n: 1 }])
        await client.query(
          'attach masking policy ddmp4_p on ddmp4_t(c) to public',
        )
        // node-postgres sends only Bind and Execute for a statement it prepared.
        const error = await errorOf(client.query(q))
        expect(error.code).toBe('0A000')
        expect(error.message).toContain(STALE)
        expect((await client.query(other)).rows).toEqual([{ n: 1 }])
        const again = { name: 'ddmp4_q2', text: 'select c from ddmp4_t' }
        expect((await client.query(again)).rows).toEqual([{ c: '***' }])
        await client.query(
          'detach masking policy ddmp4_p on ddmp4_t(c) from public',
        )
        expect((await client.query(again)).rows).toEqual([{ c: 'secret1' }])
        await client.query('drop masking policy ddmp4_p')
        await client.query('drop table ddmp4_t')
      } finally {
        await client.end()
      }
    })

    it(`a protocol statement over a view reads the policies as they are at each Execute; one parsed before the first attach is refused at Bind (${ATTACH}, ${CONSIDERATIONS})`, async () => {
      const admin = await connect(url())
      const client = await connect(url())
      try {
        await admin.query('create table ddm3_ep_t (id int, c varchar(20))')
        await admin.query(
          "insert into ddm3_ep_t values (1, 'secret1'), (2, 'secret2')",
        )
        await admin.query('create user ddm3_ep_ann password disable')
        await admin.query('grant select on ddm3_ep_t to ddm3_ep_ann')
        await admin.query(
          "create masking policy ddm3_ep_p with (c varchar(20)) using ('***')",
        )
        await client.query('set session authorization ddm3_ep_ann')
        // Read in a subquery: the planner rewrites it once masked.
        const early = {
          name: 'ddm3_ep_early',
          text: 'select (select max(c) from ddm3_ep_t) as c',
        }
        expect((await client.query(early)).rows).toEqual([{ c: 'secret2' }])
        await admin.query(
          'attach masking policy ddm3_ep_p on ddm3_ep_t(c) to ddm3_ep_ann',
        )
        const error = await errorOf(client.query(early))
        expect(error.code).toBe('0A000')
        expect(error.message).toContain(STALE)
        await admin.query(
          'create view ddm3_ep_v as select id, c from ddm3_ep_t',
        )
        await admin.query('grant select on ddm3_ep_v to ddm3_ep_ann')
        const q = {
          name: 'ddm3_ep_q',
          text: 'select c from ddm3_ep_v where id = $1',
          values: [1],
        }
        expect((await client.query(q)).rows).toEqual([{ c: '***' }])
        await admin.query("alter masking policy ddm3_ep_p using ('###')")
        expect((await client.query(q)).rows).toEqual([{ c: '###' }])
        await admin.query(
          'detach masking policy ddm3_ep_p on ddm3_ep_t(c) from ddm3_ep_ann',
        )
        expect((await client.query(q)).rows).toEqual([{ c: 'secret1' }])
        await admin.query(
          "create masking policy ddm3_ep_p2 with (c varchar(20)) using ('p2')",
        )
        await admin.query(
          'attach masking policy ddm3_ep_p2 on ddm3_ep_t(c) to public priority 4',
        )
        expect((await client.query(q)).rows).toEqual([{ c: 'p2' }])
        await admin.query(
          'detach masking policy ddm3_ep_p2 on ddm3_ep_t(c) from public',
        )
        await client.query('reset session authorization')
      } finally {
        await client.end()
        await admin
          .query('drop view if exists ddm3_ep_v')
          .catch(() => undefined)
        await admin
          .query('drop table if exists ddm3_ep_t')
          .catch(() => undefined)
        await admin
          .query('drop masking policy ddm3_ep_p')
          .catch(() => undefined)
        await admin
          .query('drop masking policy ddm3_ep_p2')
          .catch(() => undefined)
        await admin.end()
      }
    })
  },
)
