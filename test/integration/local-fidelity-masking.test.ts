import pg from 'pg'
import { afterAll, beforeAll, expect, inject, it } from 'vitest'

import {
  describeFidelityCases,
  fails,
  rows,
  run,
  viewColumns,
  type FidelityCase,
  type Step,
} from './fidelity-steps.js'
import { DG } from './function-answers.js'
import { connect } from './local-test-helpers.js'
import {
  describeS3FidelityCases,
  file,
  run as s3Run,
  type S3Case,
} from './s3-fidelity-steps.js'

// Dynamic data masking (t_ddm.html and the pages it links), run as a
// superuser who creates the policies and as the users they mask. Users are
// cluster-wide: each case creates its own, dropped before and after the
// file. The pages' REDACT_CREDIT_CARD is a Python UDF, which the emulator
// cannot run: the cases use a SQL UDF that gives the same values.

const DDM = `${DG}t_ddm.html`
const CONDITIONAL = `${DG}t_ddm-conditional.html`
const CONSIDERATIONS = `${DG}t_ddm-considerations.html`
const CREATE = `${DG}r_CREATE_MASKING_POLICY.html`
const ALTER = `${DG}r_ALTER_MASKING_POLICY.html`
const ATTACH = `${DG}r_ATTACH_MASKING_POLICY.html`
const DETACH = `${DG}r_DETACH_MASKING_POLICY.html`
const SVV_POLICY = `${DG}r_SVV_MASKING_POLICY.html`
const SVV_ATTACHED = `${DG}r_SVV_ATTACHED_MASKING_POLICY.html`

const as = (user: string): Step => run(`set session authorization ${user}`)
const back = run('reset session authorization')

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

/** Users `<prefix>_<name>` (ROLES keeps them for the cleanup). */
function users(prefix: string, names: readonly string[]): Step[] {
  return names.map((n) => {
    ROLES.add(`${prefix}_${n}`)
    return run(`create user ${prefix}_${n} password disable`)
  })
}

function role(name: string): Step {
  ROLES.add(name)
  return run(`create role ${name}`)
}

/** t_ddm.html's credit_cards table as `name`, readable by everyone. */
const cards = (name: string): Step[] => [
  run(`create table ${name} (customer_id int, credit_card text)`),
  run(
    `insert into ${name} values (100, '4532993817514842'), (100, '4716002041425888'), (102, '5243112427642649'), (102, '6011720771834675'), (102, '6011378662059710'), (103, '373611968625635')`,
  ),
  run(`grant select on ${name} to public`),
]

/** The pages' partial redaction: the first six and last four digits. */
const REDACT = (name: string) =>
  `create function ${name}(varchar) returns varchar immutable as $$ select case when $1 ~ '^[0-9]{6}[0-9]{5,6}[0-9]{4}$' then substring($1, 1, 6) || 'XXXXX' || right($1, 4) else '000000XXXXX0000' end $$ language sql`

const FULL = '000000XXXX0000'
const ALL_FULL = [100, 100, 102, 102, 102, 103].map((id) => ({
  customer_id: id,
  credit_card: FULL,
}))
const PARTIAL = [
  { customer_id: 100, credit_card: '453299XXXXX4842' },
  { customer_id: 100, credit_card: '471600XXXXX5888' },
  { customer_id: 102, credit_card: '524311XXXXX2649' },
  { customer_id: 102, credit_card: '601137XXXXX9710' },
  { customer_id: 102, credit_card: '601172XXXXX4675' },
  { customer_id: 103, credit_card: '373611XXXXX5635' },
]
const RAW = [
  { customer_id: 100, credit_card: '4532993817514842' },
  { customer_id: 100, credit_card: '4716002041425888' },
  { customer_id: 102, credit_card: '5243112427642649' },
  { customer_id: 102, credit_card: '6011378662059710' },
  { customer_id: 102, credit_card: '6011720771834675' },
  { customer_id: 103, credit_card: '373611968625635' },
]
const ORDERED = (t: string) =>
  `select customer_id, credit_card from ${t} order by customer_id, credit_card`

/** The end-to-end example's two policies, attached as the page does. */
const attachBoth = (table: string, analytics: string): Step[] => [
  run(
    `create masking policy ${table}_full with (credit_card varchar(256)) using ('${FULL}')`,
  ),
  run(
    `create masking policy ${table}_partial with (credit_card varchar(256)) using (ddm1_redact(credit_card))`,
  ),
  run(`attach masking policy ${table}_full on ${table}(credit_card) to public`),
  run(
    `attach masking policy ${table}_partial on ${table}(credit_card) to role ${analytics} priority 10`,
  ),
]

const CASES: readonly FidelityCase[] = [
  {
    title:
      'the end-to-end example: PUBLIC sees the full mask, the analytics role the partial one; detached, the values show again',
    doc: DDM,
    steps: [
      ...cards('ddm1_cards'),
      ...users('ddm1', ['regular_user', 'analytics_user']),
      role('ddm1_analytics_role'),
      run('grant role ddm1_analytics_role to ddm1_analytics_user'),
      run(REDACT('ddm1_redact')),
      ...attachBoth('ddm1_cards', 'ddm1_analytics_role'),
      rows(
        "select policy_name, schema_name, table_name, table_type, grantor, grantee, grantee_type, priority, input_columns, output_columns, is_masking_datashare_on from svv_attached_masking_policy where table_name = 'ddm1_cards' order by priority",
        [
          {
            policy_name: 'ddm1_cards_full',
            schema_name: 'public',
            table_name: 'ddm1_cards',
            table_type: 'table',
            grantor: 'awsuser',
            grantee: 'public',
            grantee_type: 'public',
            priority: 0,
            input_columns: '["credit_card"]',
            output_columns: '["credit_card"]',
            is_masking_datashare_on: false,
          },
          {
            policy_name: 'ddm1_cards_partial',
            schema_name: 'public',
            table_name: 'ddm1_cards',
            table_type: 'table',
            grantor: 'awsuser',
            grantee: 'ddm1_analytics_role',
            grantee_type: 'role',
            priority: 10,
            input_columns: '["credit_card"]',
            output_columns: '["credit_card"]',
            is_masking_datashare_on: false,
          },
        ],
      ),
      as('ddm1_regular_user'),
      rows(ORDERED('ddm1_cards'), ALL_FULL),
      back,
      as('ddm1_analytics_user'),
      rows(ORDERED('ddm1_cards'), PARTIAL),
      back,
      // PUBLIC is every user, the superuser too.
      rows(ORDERED('ddm1_cards'), ALL_FULL),
      run(
        'detach masking policy ddm1_cards_full on ddm1_cards(credit_card) from public',
      ),
      run(
        'detach masking policy ddm1_cards_partial on ddm1_cards(credit_card) from role ddm1_analytics_role',
      ),
      as('ddm1_regular_user'),
      rows(ORDERED('ddm1_cards'), RAW),
      back,
      run('drop masking policy ddm1_cards_full'),
      run('drop masking policy ddm1_cards_partial'),
      rows(
        "select count(*)::int as n from svv_masking_policy where policy_name like 'ddm1%'",
        [{ n: 0 }],
      ),
      run('drop table ddm1_cards'),
      run('drop function ddm1_redact(varchar)'),
    ],
  },
  {
    title:
      'conditional masking: the policy reads another column of the row (USING (is_fraud, credit_card_number))',
    doc: CONDITIONAL,
    steps: [
      role('ddm2_analyst'),
      ...users('ddm2', ['ann', 'bob']),
      run('grant role ddm2_analyst to ddm2_ann'),
      run(
        'create table ddm2_cards (id int, is_fraud boolean, credit_card_number varchar(16))',
      ),
      run(
        "insert into ddm2_cards values (1, true, '4532993817514842'), (2, false, '4716002041425888'), (3, true, '373611968625635')",
      ),
      run('grant select on ddm2_cards to public'),
      run(REDACT('ddm2_redact')),
      run(
        'create masking policy ddm2_conditional with (fraudulent boolean, pan varchar(16)) using (case when fraudulent then ddm2_redact(pan) else null end)',
      ),
      run(
        'attach masking policy ddm2_conditional on ddm2_cards (credit_card_number) using (is_fraud, credit_card_number) to role ddm2_analyst priority 100',
      ),
      as('ddm2_ann'),
      rows(
        'select id, is_fraud, credit_card_number from ddm2_cards order by id',
        [
          { id: 1, is_fraud: true, credit_card_number: '453299XXXXX4842' },
          { id: 2, is_fraud: false, credit_card_number: null },
          { id: 3, is_fraud: true, credit_card_number: '373611XXXXX5635' },
        ],
      ),
      back,
      // No policy applies to bob.
      as('ddm2_bob'),
      rows('select credit_card_number from ddm2_cards where id = 2', [
        { credit_card_number: '4716002041425888' },
      ]),
      back,
      rows(
        "select input_columns, output_columns, priority from svv_attached_masking_policy where policy_name = 'ddm2_conditional'",
        [
          {
            input_columns: '["is_fraud","credit_card_number"]',
            output_columns: '["credit_card_number"]',
            priority: 100,
          },
        ],
      ),
      run(
        'detach masking policy ddm2_conditional on ddm2_cards (credit_card_number) from role ddm2_analyst',
      ),
      run('drop masking policy ddm2_conditional'),
      run('drop table ddm2_cards'),
      run('drop function ddm2_redact(varchar)'),
    ],
  },
  {
    title:
      'priorities: the highest applicable one wins; no two on a column with one priority, nor two for one column and grantee',
    doc: ATTACH,
    steps: [
      role('ddm3_r'),
      ...users('ddm3', ['u', 'v']),
      run('grant role ddm3_r to ddm3_u'),
      ...cards('ddm3_cards'),
      run(
        "create masking policy ddm3_a with (c varchar(256)) using ('A'::varchar)",
      ),
      run(
        "create masking policy ddm3_b with (c varchar(256)) using ('B'::varchar)",
      ),
      run(
        "create masking policy ddm3_c with (c varchar(256)) using ('C'::varchar)",
      ),
      // Priority 0 when none is given.
      run('attach masking policy ddm3_a on ddm3_cards(credit_card) to public'),
      fails(
        'attach masking policy ddm3_b on ddm3_cards(credit_card) to role ddm3_r',
        '42710',
        'priority 0',
      ),
      fails(
        'attach masking policy ddm3_b on ddm3_cards(credit_card) to public priority 5',
        '42710',
        'already attached',
      ),
      run(
        'attach masking policy ddm3_b on ddm3_cards(credit_card) to role ddm3_r priority 5',
      ),
      run(
        'attach masking policy ddm3_c on ddm3_cards(credit_card) to ddm3_u priority 3',
      ),
      as('ddm3_u'),
      rows('select distinct credit_card from ddm3_cards', [
        { credit_card: 'B' },
      ]),
      back,
      as('ddm3_v'),
      rows('select distinct credit_card from ddm3_cards', [
        { credit_card: 'A' },
      ]),
      back,
      rows(
        "select mask_get_policy_for_role_on_column('public', 'ddm3_cards', 'credit_card', 'ddm3_r') as r, mask_get_policy_for_user_on_column('public', 'ddm3_cards', 'credit_card', 'ddm3_u') as u, mask_get_policy_for_user_on_column('public', 'ddm3_cards', 'credit_card', 'ddm3_v') as v, mask_get_policy_for_user_on_column('public', 'ddm3_cards', 'customer_id', 'ddm3_v') as none",
        [{ r: 'ddm3_b', u: 'ddm3_b', v: 'ddm3_a', none: null }],
      ),
      run(
        'detach masking policy ddm3_b on ddm3_cards(credit_card) from role ddm3_r',
      ),
      as('ddm3_u'),
      rows('select distinct credit_card from ddm3_cards', [
        { credit_card: 'C' },
      ]),
      back,
      fails(
        'detach masking policy ddm3_b on ddm3_cards(credit_card) from role ddm3_r',
        '42704',
        'is not attached',
      ),
      // Dropping the table takes its attachments with it.
      run('drop table ddm3_cards'),
      rows(
        "select count(*)::int as n from svv_attached_masking_policy where table_name = 'ddm3_cards'",
        [{ n: 0 }],
      ),
      run('drop masking policy ddm3_a'),
      run('drop masking policy ddm3_b'),
      run('drop masking policy ddm3_c'),
    ],
  },
  {
    title:
      'ATTACH checks the columns, the input types and the output size; one grantee per statement',
    doc: ATTACH,
    steps: [
      run(
        'create table ddm4_t (id int, small smallint, name varchar(10), amount float8, long_name varchar(300))',
      ),
      run(
        "create masking policy ddm4_text with (v varchar(256)) using ('000000XXXX0000')",
      ),
      run('create masking policy ddm4_big with (v bigint) using (v * 0)'),
      run('create masking policy ddm4_num with (v numeric(10, 2)) using (0.0)'),
      run(
        'create masking policy ddm4_two with (a int, b varchar(256)) using (b)',
      ),
      fails(
        'attach masking policy ddm4_text on ddm4_t(missing) to public',
        '42703',
        'column "missing" of relation "ddm4_t" does not exist',
      ),
      fails(
        'attach masking policy ddm4_text on ddm4_t(id) to public',
        '42804',
        'column "id" of relation "ddm4_t" is integer, masking policy "ddm4_text" takes character varying(256)',
      ),
      // A 14-character mask on a VARCHAR(10) column.
      fails(
        'attach masking policy ddm4_text on ddm4_t(name) to public',
        '22001',
        'longer than column "name"',
      ),
      // A VARCHAR(256) input cannot hold a VARCHAR(300) column.
      fails(
        'attach masking policy ddm4_text on ddm4_t(long_name) to public',
        '42804',
        'character varying(300)',
      ),
      // A BIGINT policy on a SMALLINT column; a NUMERIC one on a FLOAT column.
      run('attach masking policy ddm4_big on ddm4_t(small) to public'),
      run('attach masking policy ddm4_num on ddm4_t(amount) to public'),
      fails(
        'attach masking policy ddm4_two on ddm4_t(name) to public',
        '42601',
        'takes 2 input columns, 1 given',
      ),
      fails(
        'attach masking policy ddm4_text on ddm4_t(name) to public, role x',
        '42601',
        'syntax error',
      ),
      fails(
        'attach masking policy ddm4_big on ddm4_t(id) to no_such_user',
        '42704',
        'user "no_such_user" does not exist',
      ),
      fails(
        'attach masking policy ddm4_none on ddm4_t(name) to public',
        '42704',
        'masking policy "ddm4_none" does not exist',
      ),
      run("insert into ddm4_t values (1, 7, 'n', 2.5, 'l')"),
      rows('select small, amount from ddm4_t', [{ small: 0, amount: 0 }]),
      fails(
        'drop masking policy ddm4_big',
        '2BP01',
        'cannot drop masking policy "ddm4_big" because it is attached to a relation',
      ),
      run('drop table ddm4_t'),
      ...['ddm4_text', 'ddm4_big', 'ddm4_num', 'ddm4_two'].map((p) =>
        run(`drop masking policy ${p}`),
      ),
    ],
  },
  {
    title:
      'CREATE and ALTER MASKING POLICY: IF NOT EXISTS, duplicates, the WITH columns, a checked expression; SVV_MASKING_POLICY',
    doc: CREATE,
    steps: [
      run(
        "create masking policy ddm5_p with (credit_card varchar(256)) using ('XXXX')",
      ),
      run(
        "create masking policy if not exists ddm5_p with (credit_card varchar(256)) using ('YYYY')",
      ),
      fails(
        "create masking policy ddm5_p with (credit_card varchar(256)) using ('YYYY')",
        '42710',
        'masking policy "ddm5_p" already exists',
      ),
      fails(
        "create masking policy ddm5_q using ('YYYY')",
        '42601',
        'syntax error',
      ),
      fails(
        'create masking policy ddm5_q with (a int) using (no_such_column)',
        '42703',
        'no_such_column',
      ),
      fails(
        'create masking policy ddm5_q with (a int) using ((select 1))',
        '0A000',
        'local emulator',
      ),
      rows(
        "select policy_database, policy_name, input_columns, policy_expression, policy_modified_by from svv_masking_policy where policy_name = 'ddm5_p'",
        [
          {
            policy_database: '{db}',
            policy_name: 'ddm5_p',
            input_columns:
              '[{"colname":"credit_card","type":"character varying(256)"}]',
            policy_expression: "'XXXX'",
            policy_modified_by: 'awsuser',
          },
        ],
      ),
      run('drop masking policy ddm5_p'),
    ],
  },
  {
    title:
      'ALTER MASKING POLICY: a new expression over the same columns, applied to the tables it is attached to',
    doc: ALTER,
    steps: [
      run(
        "create masking policy ddm5_p with (credit_card varchar(256)) using ('XXXX')",
      ),
      run('alter masking policy ddm5_p using (substring(credit_card, 1, 4))'),
      rows(
        "select policy_expression from svv_masking_policy where policy_name = 'ddm5_p'",
        [{ policy_expression: 'substring(credit_card, 1, 4)' }],
      ),
      run('create table ddm5_t (c varchar(20))'),
      run("insert into ddm5_t values ('1234567890')"),
      run('attach masking policy ddm5_p on ddm5_t(c) to public'),
      rows('select c from ddm5_t', [{ c: '1234' }]),
      run("alter masking policy ddm5_p using ('ab' || credit_card)"),
      rows('select c from ddm5_t', [{ c: 'ab1234567890' }]),
      fails(
        "alter masking policy ddm5_none using ('x')",
        '42704',
        'masking policy "ddm5_none" does not exist',
      ),
      fails(
        'drop masking policy ddm5_none',
        '42704',
        'masking policy "ddm5_none" does not exist',
      ),
      run('drop table ddm5_t'),
      run('drop masking policy ddm5_p'),
    ],
  },
  {
    title:
      'only superusers and sys:secadmin manage policies; other users see no row in the two views',
    doc: SVV_POLICY,
    steps: [
      ...users('ddm6', ['sec', 'joe']),
      run('grant role sys:secadmin to ddm6_sec'),
      run('create table ddm6_t (c varchar(20))'),
      run('grant select on ddm6_t to public'),
      as('ddm6_sec'),
      run("create masking policy ddm6_p with (c varchar(20)) using ('*')"),
      run('attach masking policy ddm6_p on ddm6_t(c) to ddm6_joe'),
      rows(
        "select count(*)::int as n from svv_attached_masking_policy where policy_name = 'ddm6_p'",
        [{ n: 1 }],
      ),
      back,
      as('ddm6_joe'),
      fails(
        "create masking policy ddm6_q with (c varchar(20)) using ('*')",
        '42501',
        'permission denied',
      ),
      fails(
        'detach masking policy ddm6_p on ddm6_t(c) from ddm6_joe',
        '42501',
        'permission denied',
      ),
      fails('drop masking policy ddm6_p', '42501', 'permission denied'),
      rows(
        "select (select count(*)::int from svv_masking_policy) as p, (select count(*)::int from svv_attached_masking_policy) as a, mask_get_policy_for_user_on_column('public', 'ddm6_t', 'c', 'ddm6_joe') as f",
        [{ p: 0, a: 0, f: null }],
      ),
      // The emulator's own tables are no way round the views.
      fails(
        'select * from redshift_local.mask_attachments',
        '42P01',
        'does not exist',
      ),
      back,
      as('ddm6_sec'),
      run('detach masking policy ddm6_p on ddm6_t(c) from ddm6_joe'),
      run('drop masking policy ddm6_p'),
      back,
      run('drop table ddm6_t'),
    ],
  },
  {
    title:
      'the masks hold wherever the column is read: filters, joins, subqueries, CTEs, CTAS and INSERT ... SELECT',
    doc: CONSIDERATIONS,
    steps: [
      ...users('ddm7', ['joe']),
      ...cards('ddm7_cards'),
      run('grant create on schema public to ddm7_joe'),
      run(
        "create masking policy ddm7_p with (credit_card varchar(256)) using ('000000XXXX0000')",
      ),
      run(
        'attach masking policy ddm7_p on ddm7_cards(credit_card) to ddm7_joe',
      ),
      as('ddm7_joe'),
      // A filter on a masked value sees the mask (t_ddm-considerations.html).
      rows(
        "select count(*)::int as n from ddm7_cards where credit_card = '4532993817514842'",
        [{ n: 0 }],
      ),
      rows(
        "select count(*)::int as n from ddm7_cards where credit_card = '000000XXXX0000'",
        [{ n: 6 }],
      ),
      rows(
        'select distinct a.credit_card from ddm7_cards a join public.ddm7_cards b on a.customer_id = b.customer_id',
        [{ credit_card: FULL }],
      ),
      rows(
        'with x as (select credit_card from ddm7_cards) select distinct credit_card from x',
        [{ credit_card: FULL }],
      ),
      rows(
        'select (select max(credit_card) from ddm7_cards) as m, count(*)::int as n from (select * from ddm7_cards where customer_id = 102) s',
        [{ m: FULL, n: 3 }],
      ),
      run(
        'prepare ddm7_q as select credit_card from ddm7_cards where customer_id = $1',
      ),
      rows('execute ddm7_q(103)', [{ credit_card: FULL }]),
      run('deallocate ddm7_q'),
      run('select * into ddm7_into from ddm7_cards'),
      rows('select distinct credit_card from ddm7_into', [
        { credit_card: FULL },
      ]),
      run('drop table ddm7_into'),
      run('create table ddm7_copy as select * from ddm7_cards'),
      run('insert into ddm7_copy select * from ddm7_cards'),
      back,
      // What the user copied holds the masked values, whoever reads it.
      rows(
        'select count(*)::int as n, min(credit_card) as lo, max(credit_card) as hi from ddm7_copy',
        [{ n: 12, lo: FULL, hi: FULL }],
      ),
      rows(
        "select count(*)::int as n from ddm7_cards where credit_card = '4532993817514842'",
        [{ n: 1 }],
      ),
      run('drop table ddm7_copy'),
      run('drop table ddm7_cards'),
      run('drop masking policy ddm7_p'),
      run('revoke create on schema public from ddm7_joe'),
    ],
  },
  {
    title:
      'RLS applies before DDM; EXPLAIN shows no mask; views, renames, masked UPDATE reads and procedures are emulator limits',
    doc: CONSIDERATIONS,
    steps: [
      ...users('ddm8', ['joe']),
      ...cards('ddm8_cards'),
      run('grant update, delete on ddm8_cards to ddm8_joe'),
      run(
        "create masking policy ddm8_p with (credit_card varchar(256)) using ('000000XXXX0000')",
      ),
      run(
        'create rls policy ddm8_rls with (customer_id int) using (customer_id = 103)',
      ),
      run('create view ddm8_before as select * from ddm8_cards'),
      fails(
        'attach masking policy ddm8_p on ddm8_cards(credit_card) to ddm8_joe',
        '0A000',
        'created before its first ATTACH MASKING POLICY',
      ),
      run('drop view ddm8_before'),
      run('attach rls policy ddm8_rls on ddm8_cards to ddm8_joe'),
      run('alter table ddm8_cards row level security on'),
      run(
        'attach masking policy ddm8_p on ddm8_cards(credit_card) to ddm8_joe',
      ),
      as('ddm8_joe'),
      rows(ORDERED('ddm8_cards'), [{ customer_id: 103, credit_card: FULL }]),
      fails(
        "update ddm8_cards set customer_id = 1 where credit_card = '373611968625635'",
        '0A000',
        'local emulator',
      ),
      fails(
        'delete from ddm8_cards where credit_card is null',
        '0A000',
        'local emulator',
      ),
      // Writing the column, or reading only unmasked ones, is not refused.
      run("update ddm8_cards set credit_card = '1' where customer_id = 0"),
      run('delete from ddm8_cards where customer_id = 0'),
      back,
      fails(
        'create view ddm8_v as select customer_id from ddm8_cards',
        '0A000',
        'local emulator',
      ),
      fails(
        'alter table ddm8_cards rename to ddm8_other',
        '0A000',
        'local emulator',
      ),
      fails(
        'alter table ddm8_cards rename column credit_card to cc',
        '0A000',
        'local emulator',
      ),
      run(
        "create procedure ddm8_read() as $$ declare v varchar; begin select into v credit_card from ddm8_cards limit 1; raise info '%', v; end $$ language plpgsql",
      ),
      run(
        "create procedure ddm8_other() as $$ begin raise info 'other'; end $$ language plpgsql",
      ),
      run('grant execute on procedure ddm8_read() to ddm8_joe'),
      run('grant execute on procedure ddm8_other() to ddm8_joe'),
      as('ddm8_joe'),
      fails('call ddm8_read()', '0A000', 'local emulator'),
      run('call ddm8_other()'),
      back,
      run('drop procedure ddm8_read()'),
      run('drop procedure ddm8_other()'),
      run('drop table ddm8_cards'),
      run('drop masking policy ddm8_p'),
      run('drop rls policy ddm8_rls'),
    ],
  },
  {
    title: 'DETACH names the grantee it was attached to',
    doc: DETACH,
    steps: [
      ...users('ddm9', ['joe']),
      run('create table ddm9_t (c varchar(20))'),
      run("create masking policy ddm9_p with (c varchar(20)) using ('*')"),
      run('attach masking policy ddm9_p on ddm9_t(c) to ddm9_joe'),
      fails(
        'detach masking policy ddm9_p on ddm9_t(c) from public',
        '42704',
        'is not attached',
      ),
      fails(
        'detach masking policy ddm9_p on ddm9_t(c) to ddm9_joe',
        '42601',
        'syntax error',
      ),
      run('detach masking policy ddm9_p on ddm9_t(c) from ddm9_joe'),
      run('drop masking policy ddm9_p'),
      run('drop table ddm9_t'),
    ],
  },
  {
    title: 'masking policies cannot be attached to views or temporary tables',
    doc: CONSIDERATIONS,
    steps: [
      run('create table ddm10_t (c varchar(20))'),
      run('create view ddm10_v as select c from ddm10_t'),
      run('create temp table ddm10_tmp (c varchar(20))'),
      run("create masking policy ddm10_p with (c varchar(20)) using ('*')"),
      fails(
        'attach masking policy ddm10_p on ddm10_v(c) to public',
        '0A000',
        'local emulator',
      ),
      fails(
        'attach masking policy ddm10_p on ddm10_tmp(c) to public',
        '0A000',
        'masking policies cannot be attached to relation',
      ),
      run('drop masking policy ddm10_p'),
      run('drop view ddm10_v'),
      run('drop table ddm10_t'),
    ],
  },
]

beforeAll(dropRoles)
afterAll(dropRoles)

describeFidelityCases(
  'local emulator: dynamic data masking (t_ddm)',
  'local_fidelity_masking',
  CASES,
  (url) => {
    it(`SVV_MASKING_POLICY and SVV_ATTACHED_MASKING_POLICY have the documented columns (${SVV_POLICY}, ${SVV_ATTACHED})`, async () => {
      const client = await connect(url())
      try {
        expect(await viewColumns(client, 'svv_masking_policy')).toEqual([
          'policy_database text',
          'policy_name text',
          'input_columns text',
          'policy_expression text',
          'policy_modified_by text',
          'policy_modified_time timestamp(0) without time zone',
        ])
        expect(
          await viewColumns(client, 'svv_attached_masking_policy'),
        ).toEqual([
          'policy_name text',
          'schema_name text',
          'table_name text',
          'table_type text',
          'grantor text',
          'grantee text',
          'grantee_type text',
          'priority integer',
          'input_columns text',
          'output_columns text',
          'is_masking_datashare_on boolean',
        ])
      } finally {
        await client.end()
      }
    })

    it(`EXPLAIN shows the plan without the masks to a masked user (${CONSIDERATIONS})`, async () => {
      const client = await connect(url())
      try {
        ROLES.add('ddm11_joe')
        await client.query('create table ddm11_t (c varchar(20))')
        await client.query('create user ddm11_joe password disable')
        await client.query('grant select on ddm11_t to ddm11_joe')
        await client.query(
          "create masking policy ddm11_p with (c varchar(20)) using ('*')",
        )
        await client.query(
          'attach masking policy ddm11_p on ddm11_t(c) to ddm11_joe',
        )
        await client.query('set session authorization ddm11_joe')
        const plan = await client.query<{ 'QUERY PLAN': string }>(
          'explain select c from ddm11_t',
        )
        const text = plan.rows.map((r) => r['QUERY PLAN']).join('\n')
        expect(text).toContain('XN Seq Scan on ddm11_t')
        expect(text).not.toMatch(/mask|Function Scan|Nested Loop/)
        await client.query('reset session authorization')
        await client.query(
          'detach masking policy ddm11_p on ddm11_t(c) from ddm11_joe',
        )
        await client.query('drop masking policy ddm11_p')
        await client.query('drop table ddm11_t')
      } finally {
        await client.end()
      }
    })
  },
)

const ROLE = "iam_role 'arn:aws:iam::0123456789012:role/MyRedshiftRole'"

const UNLOAD_CASES: readonly S3Case[] = [
  {
    title: 'UNLOAD writes the values as the user sees them',
    doc: CONSIDERATIONS,
    steps: [
      s3Run('create table ddmu_t (id int, c varchar(20))'),
      s3Run("insert into ddmu_t values (1, 'secret1'), (2, 'secret2')"),
      s3Run('create user ddmu_joe password disable'),
      s3Run('grant select on ddmu_t to ddmu_joe'),
      s3Run(
        "create masking policy ddmu_p with (c varchar(20)) using ('x' || substring(c, 7, 1))",
      ),
      s3Run('attach masking policy ddmu_p on ddmu_t(c) to ddmu_joe'),
      s3Run('set session authorization ddmu_joe'),
      s3Run(
        `unload ('select id, c from ddmu_t order by id') to 's3://bucket/ddm/t_' ${ROLE} parallel off`,
      ),
      s3Run('reset session authorization'),
      file('ddm/t_000', '1|x1\n2|x2\n'),
      s3Run('detach masking policy ddmu_p on ddmu_t(c) from ddmu_joe'),
      s3Run('drop masking policy ddmu_p'),
      s3Run('drop table ddmu_t'),
      s3Run('drop user ddmu_joe'),
    ],
  },
]

describeS3FidelityCases(
  'local emulator: UNLOAD of a table with masking policies',
  'local_fid_masking_unload',
  UNLOAD_CASES,
)
