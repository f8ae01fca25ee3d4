import { expect, it } from 'vitest'

import {
  describeFidelityCases,
  fails,
  rows,
  run,
  type FidelityCase as Case,
  type Row,
} from './fidelity-steps.js'
import { DG } from './function-answers.js'
import { connect, openEmulatorDatabase } from './local-test-helpers.js'

// The privileges chapter, rule by rule: GRANT and REVOKE of each privilege
// (DROP, which PostgreSQL has no privilege for, included), what the
// privilege views and SHOW GRANTS then list, and what the grantee may do.

const GRANT = `${DG}r_GRANT.html`
const REVOKE = `${DG}r_REVOKE.html`
const RELATION_PRIVILEGES = `${DG}r_SVV_RELATION_PRIVILEGES.html`
const HAS_TABLE_PRIVILEGE = `${DG}r_HAS_TABLE_PRIVILEGE.html`
const SHOW_GRANTS = `${DG}r_SHOW_GRANTS.html`
const ALTER_DEFAULT_PRIVILEGES = `${DG}r_ALTER_DEFAULT_PRIVILEGES.html`
const GRANT_USAGE_NOTES = `${DG}r_GRANT-usage-notes.html`

/** The column grants SVV_COLUMN_PRIVILEGES lists on `table`. */
const COLUMN_ROWS = (table: string): string =>
  `select column_name, privilege_type, identity_name from svv_column_privileges
   where relation_name = '${table}' order by 1, 2, 3`
const REVOKE_USAGE_NOTES = `${DG}r_REVOKE-usage-notes.html`
const GRANT_EXAMPLES = `${DG}r_GRANT-examples.html`
const REVOKE_EXAMPLES = `${DG}r_REVOKE-examples.html`

/** The roles SVV_USER_GRANTS lists for `user`. */
const USER_ROLES = (user: string): string =>
  `select role_name, admin_option from svv_user_grants where user_name = '${user}' order by 1`
const LIMIT = 'in the local emulator is not supported'

/** The DROP rows of SVV_RELATION_PRIVILEGES for relations named like `pattern`. */
const DROP_ROWS = (pattern: string): string =>
  `select relation_name, identity_name, identity_type, admin_option from svv_relation_privileges
   where relation_name like '${pattern}' and privilege_type = 'DROP' order by 1, 2`

/** SHOW GRANTS ON TABLE of a table in public. */
const GRANTS_ON = (table: string): string =>
  `show grants on table public.${table}`

/** A DROP row of SHOW GRANTS ON TABLE for the table `h3_go_t`, in the page's column order. */
const dropGrant = (
  identity_name: string,
  admin_option: boolean,
  grantor_name: string,
): Row => ({
  schema_name: 'public',
  object_name: 'h3_go_t',
  object_type: 'TABLE',
  privilege_type: 'DROP',
  identity_id: expect.any(Number),
  identity_name,
  identity_type: 'user',
  admin_option,
  privilege_scope: 'TABLE',
  database_name: '{db}',
  grantor_name,
})

/** Who owns the relations named like `pattern`. */
const OWNERS = (pattern: string): string =>
  `select relname::text as relname, pg_get_userbyid(relowner)::text as owner from pg_class
   where relname like '${pattern}' and relkind in ('r', 'v') order by 1`

const CASES: readonly Case[] = [
  {
    title:
      'GRANT ALL on a table gives DROP with the others: the view, SHOW GRANTS and HAS_TABLE_PRIVILEGE list it',
    doc: GRANT,
    steps: [
      run('create user h3_all_u password disable'),
      run('create table h3_all_t (a int)'),
      run('grant all on h3_all_t to h3_all_u'),
      rows(
        `select privilege_type from svv_relation_privileges
         where relation_name = 'h3_all_t' and identity_name = 'h3_all_u' order by 1`,
        ['DELETE', 'DROP', 'INSERT', 'REFERENCES', 'SELECT', 'UPDATE'].map(
          (privilege_type) => ({ privilege_type }),
        ),
      ),
      rows('show grants on table public.h3_all_t for h3_all_u', [
        ...['DELETE', 'DROP', 'INSERT', 'REFERENCES', 'SELECT', 'UPDATE'].map(
          (privilege_type) => ({
            schema_name: 'public',
            object_name: 'h3_all_t',
            object_type: 'TABLE',
            privilege_type,
            identity_id: expect.any(Number),
            identity_name: 'h3_all_u',
            identity_type: 'user',
            admin_option: false,
            privilege_scope: 'TABLE',
            database_name: '{db}',
            grantor_name: 'awsuser',
          }),
        ),
      ]),
      rows(
        `select has_table_privilege('h3_all_u', 'h3_all_t', 'drop') as drop_it,
           has_table_privilege('h3_all_u', 'h3_all_t', 'select') as read_it`,
        [{ drop_it: true, read_it: true }],
      ),
      // REVOKE ALL takes DROP with the others.
      run('revoke all on h3_all_t from h3_all_u'),
      rows(DROP_ROWS('h3_all_%'), []),
      rows(
        "select has_table_privilege('h3_all_u', 'h3_all_t', 'drop') as drop_it",
        [{ drop_it: false }],
      ),
      run('drop table h3_all_t'),
      run('drop user h3_all_u'),
    ],
  },
  {
    title:
      'DROP: the grantee drops the table, another user may not, and a failed DROP leaves the owner in place',
    doc: GRANT,
    steps: [
      run('create user h3_dr_u password disable'),
      run('create user h3_dr_other password disable'),
      run('create table h3_dr_t (a int)'),
      run('create table h3_dr_kept (a int)'),
      run('create table h3_dr_base (a int)'),
      run('create view h3_dr_view as select a from h3_dr_base'),
      run('grant drop on h3_dr_t, h3_dr_kept, h3_dr_base to h3_dr_u'),
      rows(DROP_ROWS('h3_dr_%'), [
        {
          relation_name: 'h3_dr_base',
          identity_name: 'h3_dr_u',
          identity_type: 'user',
          admin_option: false,
        },
        {
          relation_name: 'h3_dr_kept',
          identity_name: 'h3_dr_u',
          identity_type: 'user',
          admin_option: false,
        },
        {
          relation_name: 'h3_dr_t',
          identity_name: 'h3_dr_u',
          identity_type: 'user',
          admin_option: false,
        },
      ]),
      // DROP alone gives no other privilege.
      run('set session authorization h3_dr_u'),
      fails('select * from h3_dr_t', '42501', 'permission denied'),
      run('reset session authorization'),
      run('set session authorization h3_dr_other'),
      fails('drop table h3_dr_t', '42501', 'must be owner of table h3_dr_t'),
      run('reset session authorization'),
      run('set session authorization h3_dr_u'),
      // A dependent view keeps the table; the owner stays who it was.
      fails(
        'drop table h3_dr_base',
        '2BP01',
        'cannot drop table h3_dr_base because other objects depend on it',
      ),
      run('drop table h3_dr_t'),
      // Inside a transaction block, rolled back: the table comes back with its owner.
      run('begin'),
      run('drop table h3_dr_base cascade'),
      run('rollback'),
      run('reset session authorization'),
      rows(OWNERS('h3_dr_%'), [
        { relname: 'h3_dr_base', owner: 'awsuser' },
        { relname: 'h3_dr_kept', owner: 'awsuser' },
        { relname: 'h3_dr_view', owner: 'awsuser' },
      ]),
      // The dropped table's grant went with it.
      rows(DROP_ROWS('h3_dr_t'), []),
      // DROP does not reach a view the privilege was not granted on.
      run('set session authorization h3_dr_u'),
      fails(
        'drop view h3_dr_view',
        '42501',
        'must be owner of view h3_dr_view',
      ),
      run('reset session authorization'),
      run('drop view h3_dr_view'),
      run('drop table h3_dr_base, h3_dr_kept'),
      run('drop user h3_dr_u'),
      run('drop user h3_dr_other'),
    ],
  },
  {
    title:
      'DROP WITH GRANT OPTION: the grantee grants it on, a grantee without the option cannot, REVOKE GRANT OPTION FOR',
    doc: REVOKE,
    steps: [
      run('create user h3_go_a password disable'),
      run('create user h3_go_b password disable'),
      run('create user h3_go_c password disable'),
      run('create table h3_go_t (a int)'),
      run('grant drop on table h3_go_t to h3_go_a with grant option'),
      run('grant drop on table h3_go_t to h3_go_c'),
      run('set session authorization h3_go_a'),
      run('grant drop on h3_go_t to h3_go_b'),
      run('reset session authorization'),
      rows(GRANTS_ON('h3_go_t'), [
        dropGrant('h3_go_a', true, 'awsuser'),
        dropGrant('h3_go_b', false, 'h3_go_a'),
        dropGrant('h3_go_c', false, 'awsuser'),
      ]),
      // Without the option nothing is granted (PostgreSQL's warning), with
      // no privilege at all the statement fails.
      run('set session authorization h3_go_c'),
      run('grant drop on h3_go_t to h3_go_b'),
      fails(
        'grant select, drop on h3_go_t to h3_go_b',
        '42501',
        'permission denied for relation h3_go_t',
      ),
      run('reset session authorization'),
      // What h3_go_a granted on keeps its option and its privilege (RESTRICT).
      fails(
        'revoke grant option for drop on h3_go_t from h3_go_a',
        '2BP01',
        'dependent privileges exist',
      ),
      fails(
        'revoke drop on h3_go_t from h3_go_a',
        '2BP01',
        'dependent privileges exist',
      ),
      run('set session authorization h3_go_a'),
      run('revoke drop on h3_go_t from h3_go_b'),
      run('reset session authorization'),
      run('revoke grant option for drop on h3_go_t from h3_go_a'),
      rows(GRANTS_ON('h3_go_t'), [
        dropGrant('h3_go_a', false, 'awsuser'),
        dropGrant('h3_go_c', false, 'awsuser'),
      ]),
      // Without the option h3_go_a grants nothing.
      run('set session authorization h3_go_a'),
      run('grant drop on h3_go_t to h3_go_b'),
      run('reset session authorization'),
      rows(GRANTS_ON('h3_go_t'), [
        dropGrant('h3_go_a', false, 'awsuser'),
        dropGrant('h3_go_c', false, 'awsuser'),
      ]),
      // A user holding DROP cannot be dropped (r_DROP_USER.html).
      fails(
        'drop user h3_go_c',
        '55006',
        `user "h3_go_c" can't be dropped because the user has a privilege on some object`,
      ),
      run('revoke drop on h3_go_t from h3_go_a, h3_go_c'),
      rows(GRANTS_ON('h3_go_t'), []),
      run('drop table h3_go_t'),
      run('drop user h3_go_a, h3_go_b, h3_go_c'),
    ],
  },
  {
    title:
      'DROP to a role, a group and PUBLIC, and ON ALL TABLES IN SCHEMA: a member drops the table',
    doc: GRANT,
    steps: [
      run('create user h3_rg_u password disable'),
      run('create user h3_rg_g_member password disable'),
      run('create role h3_rg_role'),
      run('create group h3_rg_group with user h3_rg_g_member'),
      run('grant role h3_rg_role to h3_rg_u'),
      run('create schema h3_rg_s'),
      run('grant usage on schema h3_rg_s to public'),
      run('create table h3_rg_s.t1 (a int)'),
      run('create table h3_rg_s.t2 (a int)'),
      run('create table h3_rg_s.t3 (a int)'),
      run('grant drop on h3_rg_s.t1 to role h3_rg_role'),
      run('grant drop on h3_rg_s.t2 to group h3_rg_group'),
      rows(
        `select relation_name, identity_name, identity_type from svv_relation_privileges
         where namespace_name = 'h3_rg_s' and privilege_type = 'DROP' order by 1`,
        [
          {
            relation_name: 't1',
            identity_name: 'h3_rg_role',
            identity_type: 'role',
          },
          {
            relation_name: 't2',
            identity_name: 'h3_rg_group',
            identity_type: 'group',
          },
        ],
      ),
      rows(
        `select has_table_privilege('h3_rg_u', 'h3_rg_s.t1', 'drop') as role_t1,
           has_table_privilege('h3_rg_u', 'h3_rg_s.t2', 'drop') as role_t2,
           has_table_privilege('h3_rg_g_member', 'h3_rg_s.t2', 'drop') as group_t2`,
        [{ role_t1: true, role_t2: false, group_t2: true }],
      ),
      run('set session authorization h3_rg_u'),
      fails('drop table h3_rg_s.t2', '42501', 'must be owner of table t2'),
      run('drop table h3_rg_s.t1'),
      run('reset session authorization'),
      run('set session authorization h3_rg_g_member'),
      run('drop table h3_rg_s.t2'),
      run('reset session authorization'),
      run('grant drop on all tables in schema h3_rg_s to public'),
      rows(
        `select relation_name, identity_name, identity_type, identity_id from svv_relation_privileges
         where namespace_name = 'h3_rg_s' and privilege_type = 'DROP'`,
        [
          {
            relation_name: 't3',
            identity_name: 'public',
            identity_type: 'public',
            identity_id: 0,
          },
        ],
      ),
      run('set session authorization h3_rg_g_member'),
      run('drop table h3_rg_s.t3'),
      run('reset session authorization'),
      run('drop schema h3_rg_s'),
      run('drop group h3_rg_group'),
      run('drop role h3_rg_role force'),
      run('drop user h3_rg_u'),
      run('drop user h3_rg_g_member'),
    ],
  },
  {
    title:
      'DROP and ALTER on a schema, and ALTER on a table, stay emulator limits; DROP with a column list is refused',
    doc: GRANT,
    steps: [
      run('create table h3_lim_t (a int)'),
      fails('grant drop on schema public to public', '0A000', LIMIT),
      fails('grant alter on table h3_lim_t to public', '0A000', LIMIT),
      fails('grant drop (a) on h3_lim_t to public', '42601', 'syntax error'),
      run('drop table h3_lim_t'),
    ],
  },
  {
    title:
      'SVV_RELATION_PRIVILEGES: the page’s sample query, a user and a role with SELECT on orders',
    doc: RELATION_PRIVILEGES,
    steps: [
      run('create user h3_sv_reguser password disable'),
      run('create role h3_sv_role1'),
      run('create table h3_sv_orders (a int)'),
      run('grant select on h3_sv_orders to h3_sv_reguser'),
      run('grant select on h3_sv_orders to role h3_sv_role1'),
      rows(
        `SELECT namespace_name,relation_name,privilege_type,identity_name,identity_type,admin_option FROM svv_relation_privileges
         WHERE relation_name = 'h3_sv_orders' AND privilege_type = 'SELECT' order by identity_name`,
        [
          {
            namespace_name: 'public',
            relation_name: 'h3_sv_orders',
            privilege_type: 'SELECT',
            identity_name: 'h3_sv_reguser',
            identity_type: 'user',
            admin_option: false,
          },
          {
            namespace_name: 'public',
            relation_name: 'h3_sv_orders',
            privilege_type: 'SELECT',
            identity_name: 'h3_sv_role1',
            identity_type: 'role',
            admin_option: false,
          },
        ],
      ),
      run('drop table h3_sv_orders'),
      run('drop role h3_sv_role1'),
      run('drop user h3_sv_reguser'),
    ],
  },
  {
    title:
      'HAS_TABLE_PRIVILEGE DROP: the owner, a superuser and a grantee (directly or through PUBLIC), no one else',
    doc: HAS_TABLE_PRIVILEGE,
    steps: [
      run('create user h3_hp_owner password disable'),
      run('create user h3_hp_grantee password disable'),
      run('create user h3_hp_guest password disable'),
      run('create table h3_hp_t (a int)'),
      run('create table h3_hp_p (a int)'),
      run('alter table h3_hp_t owner to h3_hp_owner'),
      run('grant drop on h3_hp_t to h3_hp_grantee'),
      rows(
        `select has_table_privilege('h3_hp_owner', 'h3_hp_t', 'drop') as owner,
           has_table_privilege('h3_hp_t', 'DROP') as superuser,
           has_table_privilege('h3_hp_grantee', 'h3_hp_t', 'drop') as grantee,
           has_table_privilege('h3_hp_guest', 'h3_hp_t', 'drop') as guest,
           has_table_privilege('h3_hp_guest', 'h3_hp_p', 'drop') as guest_p`,
        [
          {
            owner: true,
            superuser: true,
            grantee: true,
            guest: false,
            guest_p: false,
          },
        ],
      ),
      run('grant drop on h3_hp_p to public'),
      rows(
        "select has_table_privilege('h3_hp_guest', 'h3_hp_p', 'drop') as guest_p",
        [{ guest_p: true }],
      ),
      run('drop table h3_hp_t, h3_hp_p'),
      run('drop user h3_hp_owner, h3_hp_grantee, h3_hp_guest'),
    ],
  },
  {
    title:
      'GRANT examples: schema access grants nothing on its tables, a view’s grant nothing on the table it reads, groups and DROP to a group',
    doc: GRANT_EXAMPLES,
    steps: [
      run('create group h3_ex_qa_users'),
      run('create group h3_ex_ro_users'),
      run(
        "create user h3_ex_schema_user in group h3_ex_qa_users password 'Abcd1234'",
      ),
      run('create schema h3_ex_qa'),
      run('create table h3_ex_qa.sales (a int)'),
      run('create table h3_ex_qa.test (col1 int)'),
      run(
        'grant all on table h3_ex_qa.sales to group h3_ex_qa_users, group h3_ex_ro_users',
      ),
      run('grant drop on table h3_ex_qa.sales to group h3_ex_qa_users'),
      rows(
        `select identity_name, count(*)::int as n, bool_or(privilege_type = 'DROP') as has_drop
         from svv_relation_privileges where namespace_name = 'h3_ex_qa' group by 1 order by 1`,
        [
          { identity_name: 'h3_ex_qa_users', n: 6, has_drop: true },
          { identity_name: 'h3_ex_ro_users', n: 6, has_drop: true },
        ],
      ),
      run('grant all on schema h3_ex_qa to h3_ex_schema_user'),
      run('set session authorization h3_ex_schema_user'),
      rows('select current_user', [{ current_user: 'h3_ex_schema_user' }]),
      fails(
        'select count(*) from h3_ex_qa.test',
        '42501',
        'permission denied for relation test',
      ),
      run('reset session authorization'),
      run('grant select on table h3_ex_qa.test to h3_ex_schema_user'),
      run('set session authorization h3_ex_schema_user'),
      rows('select count(*)::int as count from h3_ex_qa.test', [{ count: 0 }]),
      run('reset session authorization'),
      run("create user h3_ex_view_user password 'Abcd1234'"),
      run('create table h3_ex_date (d int)'),
      run('create view h3_ex_view_date as select * from h3_ex_date'),
      run('grant all on h3_ex_view_date to h3_ex_view_user'),
      run('set session authorization h3_ex_view_user'),
      rows('select count(*)::int as count from h3_ex_view_date', [
        { count: 0 },
      ]),
      fails(
        'select count(*) from h3_ex_date',
        '42501',
        'permission denied for relation h3_ex_date',
      ),
      run('reset session authorization'),
      run('drop view h3_ex_view_date'),
      run('drop table h3_ex_date'),
      run('drop schema h3_ex_qa cascade'),
      run('drop user h3_ex_schema_user'),
      run('drop user h3_ex_view_user'),
      run('drop group h3_ex_qa_users'),
      run('drop group h3_ex_ro_users'),
    ],
  },
  {
    title:
      'GRANT ROLE examples: a circular grant between roles fails with Redshift’s message',
    doc: GRANT_EXAMPLES,
    steps: [
      run('create role h3_cy_role2'),
      run('create role h3_cy_role3'),
      run('grant role h3_cy_role2 to role h3_cy_role3'),
      fails(
        'grant role h3_cy_role3 to role h3_cy_role2',
        '0LP01',
        'cannot grant this role, a circular dependency was detected between these roles',
      ),
      run('drop role h3_cy_role3 force'),
      run('drop role h3_cy_role2 force'),
    ],
  },
  {
    title:
      'REVOKE examples: INSERT from a group, SELECT on all tables in a schema, roles (a list, ADMIN OPTION FOR, from a role, sys:DBA)',
    doc: REVOKE_EXAMPLES,
    steps: [
      run('create user h3_rv_user1 password disable'),
      run('create group h3_rv_guests'),
      run('create table h3_rv_sales (a int)'),
      run('grant insert, select on table h3_rv_sales to group h3_rv_guests'),
      run('revoke insert on table h3_rv_sales from group h3_rv_guests'),
      rows(
        "select privilege_type, identity_name, identity_type from svv_relation_privileges where relation_name = 'h3_rv_sales'",
        [
          {
            privilege_type: 'SELECT',
            identity_name: 'h3_rv_guests',
            identity_type: 'group',
          },
        ],
      ),
      run('create schema h3_rv_qa'),
      run('create table h3_rv_qa.a (x int)'),
      run('create table h3_rv_qa.b (x int)'),
      run('grant select on all tables in schema h3_rv_qa to h3_rv_user1'),
      rows(
        "select count(*)::int as n from svv_relation_privileges where namespace_name = 'h3_rv_qa'",
        [{ n: 2 }],
      ),
      run('revoke select on all tables in schema h3_rv_qa from h3_rv_user1'),
      rows(
        "select count(*)::int as n from svv_relation_privileges where namespace_name = 'h3_rv_qa'",
        [{ n: 0 }],
      ),
      run('create role h3_rv_role1'),
      run('create role h3_rv_role2'),
      run('create role h3_rv_role5'),
      run('grant role h3_rv_role1, role h3_rv_role2 to h3_rv_user1'),
      rows(USER_ROLES('h3_rv_user1'), [
        { role_name: 'h3_rv_role1', admin_option: false },
        { role_name: 'h3_rv_role2', admin_option: false },
      ]),
      run('revoke role h3_rv_role1, role h3_rv_role2 from h3_rv_user1'),
      rows(USER_ROLES('h3_rv_user1'), []),
      run('grant role h3_rv_role2 to h3_rv_user1 with admin option'),
      rows(USER_ROLES('h3_rv_user1'), [
        { role_name: 'h3_rv_role2', admin_option: true },
      ]),
      run('revoke admin option for role h3_rv_role2 from h3_rv_user1'),
      rows(USER_ROLES('h3_rv_user1'), [
        { role_name: 'h3_rv_role2', admin_option: false },
      ]),
      run('revoke role h3_rv_role2 from h3_rv_user1'),
      run('grant role h3_rv_role1, role h3_rv_role2 to role h3_rv_role5'),
      rows(
        "select granted_role_name from svv_role_grants where role_name = 'h3_rv_role5' order by 1",
        [
          { granted_role_name: 'h3_rv_role1' },
          { granted_role_name: 'h3_rv_role2' },
        ],
      ),
      run('revoke role h3_rv_role1, role h3_rv_role2 from role h3_rv_role5'),
      rows(
        "select granted_role_name from svv_role_grants where role_name = 'h3_rv_role5'",
        [],
      ),
      run('grant role sys:DBA to h3_rv_user1'),
      rows(USER_ROLES('h3_rv_user1'), [
        { role_name: 'sys:dba', admin_option: false },
      ]),
      run('revoke role sys:DBA from h3_rv_user1'),
      rows(USER_ROLES('h3_rv_user1'), []),
      run('drop schema h3_rv_qa cascade'),
      run('drop table h3_rv_sales'),
      run('drop role h3_rv_role1'),
      run('drop role h3_rv_role2'),
      run('drop role h3_rv_role5'),
      run('drop user h3_rv_user1'),
      run('drop group h3_rv_guests'),
    ],
  },
  {
    title:
      'ALTER DEFAULT PRIVILEGES: IN SCHEMA needs the target user’s CREATE on the schema; only a superuser names other users',
    doc: ALTER_DEFAULT_PRIVILEGES,
    steps: [
      run('create user h3_adp_a password disable'),
      run('create user h3_adp_b password disable'),
      run('create schema h3_adp_s'),
      run('set session authorization h3_adp_a'),
      fails(
        'alter default privileges for user h3_adp_b grant select on tables to h3_adp_a',
        '42501',
        'permission denied to change default privileges',
      ),
      fails(
        'alter default privileges in schema h3_adp_s grant select on tables to h3_adp_b',
        '42501',
        'permission denied for schema h3_adp_s',
      ),
      run('alter default privileges grant select on tables to h3_adp_b'),
      // Default privileges have no DROP.
      fails(
        'alter default privileges grant drop on tables to h3_adp_b',
        '42601',
        'syntax error at or near "drop"',
      ),
      run('reset session authorization'),
      // A superuser naming a user without CREATE there is refused too.
      fails(
        'alter default privileges for user h3_adp_a in schema h3_adp_s grant select on tables to h3_adp_b',
        '42501',
        'permission denied for schema h3_adp_s',
      ),
      run('grant create on schema h3_adp_s to h3_adp_a'),
      run(
        'alter default privileges for user h3_adp_a in schema h3_adp_s grant select on tables to h3_adp_b',
      ),
      rows(
        `select coalesce(schema_name, '-') as schema_name, owner_name, privilege_type, grantee_name
         from svv_default_privileges where grantee_name = 'h3_adp_b' order by 1`,
        [
          {
            schema_name: '-',
            owner_name: 'h3_adp_a',
            privilege_type: 'SELECT',
            grantee_name: 'h3_adp_b',
          },
          {
            schema_name: 'h3_adp_s',
            owner_name: 'h3_adp_a',
            privilege_type: 'SELECT',
            grantee_name: 'h3_adp_b',
          },
        ],
      ),
      // The default applies to the user's new tables there.
      run('set session authorization h3_adp_a'),
      run('create table h3_adp_s.t (a int)'),
      run('reset session authorization'),
      rows(
        "select has_table_privilege('h3_adp_b', 'h3_adp_s.t', 'select') as s",
        [{ s: true }],
      ),
      run(
        'alter default privileges for user h3_adp_a in schema h3_adp_s revoke select on tables from h3_adp_b',
      ),
      run(
        'alter default privileges for user h3_adp_a revoke select on tables from h3_adp_b',
      ),
      rows(
        "select count(*)::int as n from svv_default_privileges where grantee_name = 'h3_adp_b'",
        [{ n: 0 }],
      ),
      run('drop schema h3_adp_s cascade'),
      run('drop user h3_adp_a, h3_adp_b'),
    ],
  },
  {
    title:
      'column-level privileges: SELECT only on a view’s columns, none on a late-binding view’s, only the owner grants them, one level at a time',
    doc: GRANT_USAGE_NOTES,
    steps: [
      run('create user h3_cl_u password disable'),
      run('create user h3_cl_o password disable'),
      run('create table h3_cl_t (a int, b int)'),
      run('create view h3_cl_v as select a, b from h3_cl_t'),
      run(
        'create view h3_cl_lbv as select a from public.h3_cl_t with no schema binding',
      ),
      run('grant select (a) on h3_cl_v to h3_cl_u'),
      fails(
        'grant update (a) on h3_cl_v to h3_cl_u',
        '0LP01',
        'only SELECT can be granted on the columns of view h3_cl_v',
      ),
      fails(
        'grant select (a) on h3_cl_lbv to h3_cl_u',
        '0LP01',
        'column-level privileges cannot be granted on late-binding view h3_cl_lbv',
      ),
      // Held on the table: granting it on columns has no effect, revoking it there fails.
      run('grant select on h3_cl_t to h3_cl_u'),
      run('grant select (a) on h3_cl_t to h3_cl_u'),
      rows(COLUMN_ROWS('h3_cl_t'), []),
      fails(
        'revoke select (a) on h3_cl_t from h3_cl_u',
        '0LP01',
        'SELECT is held on table h3_cl_t: revoke it at the table level',
      ),
      run('revoke select on h3_cl_t from h3_cl_u'),
      // Held on columns: granting it on the table fails; revoking it there takes both.
      run('grant select (a), update (b) on h3_cl_t to h3_cl_u'),
      fails(
        'grant select on h3_cl_t to h3_cl_u',
        '0LP01',
        'SELECT is held on columns of h3_cl_t: it cannot be granted on the table too',
      ),
      run('grant update on h3_cl_t to h3_cl_o'),
      rows(COLUMN_ROWS('h3_cl_t'), [
        {
          column_name: 'a',
          privilege_type: 'SELECT',
          identity_name: 'h3_cl_u',
        },
        {
          column_name: 'b',
          privilege_type: 'UPDATE',
          identity_name: 'h3_cl_u',
        },
      ]),
      run('revoke select, update on h3_cl_t from h3_cl_u'),
      rows(COLUMN_ROWS('h3_cl_t'), []),
      // A grantee with the table's grant option may not grant on its columns.
      run('grant select on h3_cl_t to h3_cl_o with grant option'),
      run('set session authorization h3_cl_o'),
      fails(
        'grant select (b) on h3_cl_t to h3_cl_u',
        '42501',
        'permission denied for relation h3_cl_t',
      ),
      run('grant select on h3_cl_t to h3_cl_u'),
      run('reset session authorization'),
      rows("select has_table_privilege('h3_cl_u', 'h3_cl_t', 'select') as s", [
        { s: true },
      ]),
      run('drop view h3_cl_lbv'),
      run('drop view h3_cl_v'),
      run('drop table h3_cl_t cascade'),
      run('drop user h3_cl_u, h3_cl_o'),
    ],
  },
  {
    title:
      'a materialized view needs table-level SELECT on its base tables, not the columns’',
    doc: GRANT_USAGE_NOTES,
    steps: [
      run('create user h3_mv_u password disable'),
      run('create table h3_mv_t (a int, b int)'),
      run('grant select (a) on h3_mv_t to h3_mv_u'),
      run('set session authorization h3_mv_u'),
      rows('select a from h3_mv_t', []),
      fails(
        'create materialized view h3_mv_m as select a from public.h3_mv_t',
        '42501',
        'permission denied for relation h3_mv_t',
      ),
      run('reset session authorization'),
      run('revoke select (a) on h3_mv_t from h3_mv_u'),
      run('grant select on h3_mv_t to h3_mv_u'),
      run('set session authorization h3_mv_u'),
      run('create materialized view h3_mv_m as select a from public.h3_mv_t'),
      rows('select count(*)::int as n from h3_mv_m', [{ n: 0 }]),
      run('drop materialized view h3_mv_m'),
      run('reset session authorization'),
      run('drop table h3_mv_t'),
      run('drop user h3_mv_u'),
    ],
  },
  {
    title:
      'REVOKE usage notes: PUBLIC’s CREATE on schema PUBLIC revoked, a user creates tables there no more until granted',
    doc: REVOKE_USAGE_NOTES,
    steps: [
      run('create user h3_pub_u password disable'),
      run('set session authorization h3_pub_u'),
      run('create table h3_pub_t1 (a int)'),
      run('drop table h3_pub_t1'),
      run('reset session authorization'),
      run('revoke create on schema public from public'),
      run('set session authorization h3_pub_u'),
      fails(
        'create table public.h3_pub_t2 (a int)',
        '42501',
        'permission denied for schema public',
      ),
      run('reset session authorization'),
      run('grant create on schema public to h3_pub_u'),
      run('set session authorization h3_pub_u'),
      run('create table public.h3_pub_t2 (a int)'),
      run('drop table public.h3_pub_t2'),
      run('reset session authorization'),
      run('revoke create on schema public from h3_pub_u'),
      run('grant create on schema public to public'),
      run('drop user h3_pub_u'),
    ],
  },
]

describeFidelityCases(
  'local emulator: the privileges chapter',
  'h3_privileges_chapter',
  CASES,
  (url) => {
    it(`SHOW GRANTS FOR a user FROM DATABASE another lists that database's grants on its schemas and tables (${SHOW_GRANTS})`, async () => {
      const other = await openEmulatorDatabase('h3_privileges_other')
      const client = await connect(url())
      try {
        await client.query('create user h3_fd_u password disable')
        await other.client.query('create schema h3_fd_s')
        await other.client.query('create table h3_fd_s.t (a int)')
        await other.client.query('grant usage on schema h3_fd_s to h3_fd_u')
        await other.client.query('grant select, drop on h3_fd_s.t to h3_fd_u')
        await client.query(`grant temp on database ${other.db.name} to h3_fd_u`)
        const row = (
          schema_name: string | null,
          object_name: string | null,
          object_type: string,
          privilege_type: string,
        ) => ({
          database_name: other.db.name,
          schema_name,
          object_name,
          object_type,
          privilege_type,
          identity_id: expect.any(Number),
          identity_name: 'h3_fd_u',
          identity_type: 'user',
          privilege_scope: object_type,
          grantor_name: expect.any(String),
        })
        const shown = await client.query(
          `show grants for h3_fd_u from database ${other.db.name}`,
        )
        expect(shown.rows).toEqual([
          row(null, null, 'DATABASE', 'TEMP'),
          row('h3_fd_s', null, 'SCHEMA', 'USAGE'),
          row('h3_fd_s', 't', 'TABLE', 'DROP'),
          row('h3_fd_s', 't', 'TABLE', 'SELECT'),
        ])
        // The session's own database holds none of them.
        expect((await client.query('show grants for h3_fd_u')).rows).toEqual([])
        await other.client.query('drop schema h3_fd_s cascade')
        await client.query(
          `revoke temp on database ${other.db.name} from h3_fd_u`,
        )
      } finally {
        await client.query('drop user if exists h3_fd_u').catch(() => {})
        await client.end()
        await other.close()
      }
    })
  },
)
