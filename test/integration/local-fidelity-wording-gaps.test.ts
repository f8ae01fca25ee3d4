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

// Refusals and wording page by page: TRUNCATE is no table privilege, TO_CHAR
// takes no 128-bit DECIMAL, only EXTRACT from a TIMESTAMPTZ takes the time
// zone date parts, and who may create roles and users.

const GRANT = `${DG}r_GRANT.html`
const TO_CHAR = `${DG}r_TO_CHAR.html`
const CREATE_ROLE = `${DG}r_CREATE_ROLE.html`
const CREATE_USER = `${DG}r_CREATE_USER.html`
const DATEPARTS = `${DG}r_Dateparts_for_datetime_functions.html`

const TRUNCATE_DENIED = 'syntax error at or near "truncate"'
const WIDE_TO_CHAR = 'TO_CHAR of a 128-bit DECIMAL'
const ZONE_PART = (part: string): string =>
  `the date part ${part} is supported by EXTRACT from a TIMESTAMPTZ only`

const CASES: readonly Case[] = [
  {
    title:
      'GRANT / REVOKE: TRUNCATE is no table privilege, and GRANT ALL does not give it (only the owner truncates)',
    doc: GRANT,
    steps: [
      run('create user r2_tr_u password disable'),
      run('create table r2_tr_t (a int)'),
      fails('grant truncate on r2_tr_t to r2_tr_u', '42601', TRUNCATE_DENIED),
      fails(
        'grant select, truncate on table r2_tr_t to r2_tr_u',
        '42601',
        TRUNCATE_DENIED,
      ),
      fails(
        'revoke truncate on r2_tr_t from r2_tr_u',
        '42601',
        TRUNCATE_DENIED,
      ),
      fails(
        'alter default privileges grant truncate on tables to r2_tr_u',
        '42601',
        TRUNCATE_DENIED,
      ),
      run('grant all on r2_tr_t to r2_tr_u'),
      rows(
        `select privilege_type from svv_relation_privileges
         where relation_name = 'r2_tr_t' and identity_name = 'r2_tr_u' order by 1`,
        ['DELETE', 'DROP', 'INSERT', 'REFERENCES', 'SELECT', 'UPDATE'].map(
          (privilege_type) => ({ privilege_type }),
        ),
      ),
      // r_TRUNCATE.html: "Only the owner of the table or a superuser may truncate it."
      run('set session authorization r2_tr_u'),
      run('insert into r2_tr_t values (1)'),
      fails(
        'truncate r2_tr_t',
        '42501',
        'permission denied for relation r2_tr_t',
      ),
      run('reset session authorization'),
      rows('select count(*)::int as n from r2_tr_t', [{ n: 1 }]),
      run('truncate r2_tr_t'),
      run('drop table r2_tr_t'),
      run('drop user r2_tr_u'),
    ],
  },
  {
    title:
      'TO_CHAR does not support 128-bit DECIMAL values: precision above 19 is refused, 19 and below run',
    doc: TO_CHAR,
    steps: [
      run('create table r2_tc_t (narrow decimal(19,2), wide decimal(20,2))'),
      run('insert into r2_tc_t values (125.8, 125.8)'),
      rows("select to_char(narrow, '999D99') as s from r2_tc_t", [
        { s: ' 125.80' },
      ]),
      rows("select to_char(-125.8::decimal(19,1), '999D99S') as s", [
        { s: '125.80-' },
      ]),
      fails(
        "select to_char(wide, '999D99') from r2_tc_t",
        '0A000',
        `${WIDE_TO_CHAR} (DECIMAL(20,2)) is not supported`,
      ),
      fails(
        "select to_char(125.8::decimal(38,1), '999D99')",
        '0A000',
        `${WIDE_TO_CHAR} (DECIMAL(38,1)) is not supported`,
      ),
      // SUM of a DECIMAL is a DECIMAL(38,s) (r_SUM.html): 128-bit too.
      fails(
        "select to_char(sum(narrow), '99999D99') from r2_tc_t",
        '0A000',
        `${WIDE_TO_CHAR} (DECIMAL(38,2)) is not supported`,
      ),
      rows("select to_char(wide::decimal(19,2), '999D99') as s from r2_tc_t", [
        { s: ' 125.80' },
      ]),
      run('drop table r2_tc_t'),
    ],
  },
  {
    title:
      'TIMEZONE, TIMEZONE_HOUR and TIMEZONE_MINUTE: EXTRACT from a TIMESTAMPTZ only; DATE_PART and other types refuse them',
    doc: DATEPARTS,
    steps: [
      rows(
        `select extract(timezone from timestamptz '2020-01-01 10:00+03') as z,
           extract(timezone_hour from timestamptz '2020-01-01 10:00+03') as h,
           extract(timezone_minute from timestamptz '2020-01-01 10:00+03') as m`,
        [{ z: 0, h: 0, m: 0 }],
      ),
      fails(
        "select date_part(timezone, timestamptz '2020-01-01 10:00+03')",
        '0A000',
        ZONE_PART('timezone'),
      ),
      fails(
        "select date_part('timezone_hour', timestamptz '2020-01-01 10:00+03')",
        '0A000',
        ZONE_PART('timezone_hour'),
      ),
      fails(
        "select extract(timezone_hour from timetz '10:00+03')",
        '0A000',
        ZONE_PART('timezone_hour'),
      ),
      fails(
        "select extract(timezone_minute from timestamp '2020-01-01 10:00')",
        '0A000',
        ZONE_PART('timezone_minute'),
      ),
      fails(
        "select date_part(timezone, time '10:00')",
        '0A000',
        ZONE_PART('timezone'),
      ),
      run('create table r2_tz_t (t timestamptz)'),
      fails(
        'select date_part(timezone_minute, t) from r2_tz_t',
        '0A000',
        ZONE_PART('timezone_minute'),
      ),
      // The other parts stay as they were.
      rows(
        "select date_part(hour, timestamptz '2020-01-01 10:00+03') as h, extract(hour from timetz '10:00+03') as t",
        [{ h: 7, t: 10 }],
      ),
      run('drop table r2_tz_t'),
    ],
  },
  {
    title:
      'CREATE ROLE by a user who is not a superuser: refused with the rule of who may create roles',
    doc: CREATE_ROLE,
    steps: [
      run('create user r2_cr_u password disable'),
      run('set session authorization r2_cr_u'),
      fails(
        'create role r2_cr_role',
        '42501',
        'permission denied to create role',
      ),
      run('reset session authorization'),
      rows(
        "select count(*)::int as n from svv_roles where role_name = 'r2_cr_role'",
        [{ n: 0 }],
      ),
      run('drop user r2_cr_u'),
    ],
  },
  {
    title:
      'CREATE USER by a user who is not a superuser: refused with the rule of who may create users',
    doc: CREATE_USER,
    steps: [
      run('create user r2_cu_u password disable'),
      run('set session authorization r2_cu_u'),
      fails(
        'create user r2_cu_new password disable',
        '42501',
        'permission denied to create user',
      ),
      run('reset session authorization'),
      rows(
        "select count(*)::int as n from pg_user where usename = 'r2_cu_new'",
        [{ n: 0 }],
      ),
      run('drop user r2_cu_u'),
    ],
  },
  // A role that holds a privilege is not dropped (FORCE removes role
  // assignments only), in Redshift's words as it reports them (55006, the
  // user's wording of r_DROP_USER.html); revoked, it drops.
  {
    title:
      'DROP ROLE of a role that holds a privilege is refused until it is revoked',
    doc: `${DG}r_DROP_ROLE.html`,
    steps: [
      run('create role r2_dr_r'),
      run('create table r2_dr_t (a int)'),
      run('grant select on r2_dr_t to role r2_dr_r'),
      fails(
        'drop role r2_dr_r',
        '55006',
        'role "r2_dr_r" cannot be dropped because the role has a privilege on some object',
      ),
      fails(
        'drop role r2_dr_r force',
        '55006',
        'has a privilege on some object',
      ),
      run('revoke select on r2_dr_t from role r2_dr_r'),
      run('drop role r2_dr_r'),
    ],
  },
]

describeFidelityCases(
  'local emulator: Redshift refusals and wording (privileges, TO_CHAR, roles)',
  'local_fidelity_r2_wording',
  CASES,
  (url) => {
    it(`CREATE ROLE / CREATE USER refused: the detail gives Redshift's rule, not PostgreSQL's CREATEROLE attribute (${CREATE_ROLE}, ${CREATE_USER})`, async () => {
      const client = await connect(url())
      try {
        await client.query('create user r2_dt_u password disable')
        await client.query('set session authorization r2_dt_u')
        const role = await errorOf(client.query('create role r2_dt_role'))
        expect(role.code).toBe('42501')
        expect(role.message).toBe('permission denied to create role')
        expect(role.detail).toBe(
          'Only a superuser or a user with the CREATE ROLE privilege may create roles.',
        )
        const user = await errorOf(
          client.query('create user r2_dt_new password disable'),
        )
        expect(user.code).toBe('42501')
        expect(user.message).toBe('permission denied to create user')
        expect(user.detail).toBe(
          'Only a superuser or a user with the CREATE USER privilege may create users.',
        )
        await client.query('reset session authorization')
      } finally {
        await client.query('drop user if exists r2_dt_u').catch(() => {})
        await client.end()
      }
    })
  },
)
