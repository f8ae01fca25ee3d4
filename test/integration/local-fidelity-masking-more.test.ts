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
const ALTER = `${DG}r_ALTER_MASKING_POLICY.html`
const DETACH = `${DG}r_DETACH_MASKING_POLICY.html`
const RLS_ATTACH = `${DG}r_ATTACH_RLS_POLICY.html`
const SUPER_PATHS = `${DG}t_ddm-super.html`

const STALE = 'prepared before a masking policy was first attached'

const as = (user: string): Step => run(`set session authorization ${user}`)
const back = run('reset session authorization')

/** The users the cases create, dropped on the server before and after the file. */
const ROLES = ['ddmp3_joe']

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
  },
)
