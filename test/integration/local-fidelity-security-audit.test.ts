import {
  fails,
  rows,
  run,
  describeFidelityCases,
  type FidelityCase as Case,
} from './fidelity-steps.js'
import { DG } from './function-answers.js'

// The Developer Guide's database security part, page by page: users and
// groups, roles and their grants, GRANT / REVOKE in their documented forms,
// default privileges, the privilege functions and the security system
// views. Users, groups and roles are the cluster's, so every name carries
// this file's prefix (sa_) and each case drops what it made. Redshift's own
// texts for most refusals are not documented: the cases check the SQLSTATE
// and the words the emulator names (see src/local/sql/grant-grammar.ts).

const CREATE_GROUP = `${DG}r_CREATE_GROUP.html`
const ALTER_GROUP = `${DG}r_ALTER_GROUP.html`
const DROP_GROUP = `${DG}r_DROP_GROUP.html`
const CREATE_USER = `${DG}r_CREATE_USER.html`
const ALTER_USER = `${DG}r_ALTER_USER.html`
const DROP_USER = `${DG}r_DROP_USER.html`
const CREATE_ROLE = `${DG}r_CREATE_ROLE.html`
const ALTER_ROLE = `${DG}r_ALTER_ROLE.html`
const DROP_ROLE = `${DG}r_DROP_ROLE.html`
const GRANT = `${DG}r_GRANT.html`
const GRANT_EXAMPLES = `${DG}r_GRANT-examples.html`
const REVOKE = `${DG}r_REVOKE.html`
const PASSWORD = "password 'abcD1234'"

const CASES: readonly Case[] = [
  // Users and groups.
  {
    title: 'CREATE GROUP ... WITH USER lists its users in PG_GROUP',
    doc: CREATE_GROUP,
    steps: [
      run(`create user sa_cg_u1 ${PASSWORD}`),
      run(`create user sa_cg_u2 ${PASSWORD}`),
      run('create group sa_cg_guests with user sa_cg_u1, sa_cg_u2'),
      rows(
        `select groname::text as g, grosysid > 0 as id,
           (select count(*) from pg_user u where u.usesysid = any (grolist))::int as n
         from pg_group where groname = 'sa_cg_guests'`,
        [{ g: 'sa_cg_guests', id: true, n: 2 }],
      ),
      run('create group sa_cg_empty'),
      run('drop group sa_cg_empty'),
      run('drop group sa_cg_guests'),
      run('drop user sa_cg_u1, sa_cg_u2'),
    ],
  },
  {
    title:
      "CREATE GROUP takes only USER: PostgreSQL's SYSID, SUPERUSER, LOGIN are refused",
    doc: CREATE_GROUP,
    steps: [
      fails('create group sa_cg_bad with sysid 100', '42601', 'SYSID'),
      fails('create group sa_cg_bad superuser', '42601', 'SUPERUSER'),
      fails('create group sa_cg_bad login', '42601', 'LOGIN'),
      fails(`create group sa_cg_bad ${PASSWORD}`, '42601', 'PASSWORD'),
      rows(
        "select count(*)::int as n from pg_roles where rolname = 'sa_cg_bad'",
        [{ n: 0 }],
      ),
    ],
  },
  {
    title: 'group names beginning with two underscores are reserved',
    doc: CREATE_GROUP,
    steps: [
      fails('create group __sa_internal', '42939', 'reserved'),
      run('create group sa_cg_named'),
      fails(
        'alter group sa_cg_named rename to __sa_named',
        '42939',
        'reserved',
      ),
      run('drop group sa_cg_named'),
    ],
  },
  {
    title: 'ALTER GROUP ADD USER, DROP USER and RENAME TO (examples run)',
    doc: ALTER_GROUP,
    steps: [
      run(`create user sa_ag_dwuser ${PASSWORD}`),
      run(`create user sa_ag_u1 ${PASSWORD}`),
      run(`create user sa_ag_u2 ${PASSWORD}`),
      run('create group sa_ag_admin_group'),
      run('alter group sa_ag_admin_group add user sa_ag_dwuser'),
      run('alter group sa_ag_admin_group add user sa_ag_u1, sa_ag_u2'),
      rows(
        "select (select count(*) from pg_user u where u.usesysid = any (grolist))::int as n from pg_group where groname = 'sa_ag_admin_group'",
        [{ n: 3 }],
      ),
      run('alter group sa_ag_admin_group drop user sa_ag_u1, sa_ag_u2'),
      run('alter group sa_ag_admin_group rename to sa_ag_administrators'),
      rows(
        "select groname::text as g, (select count(*) from pg_user u where u.usesysid = any (grolist))::int as n from pg_group where groname like 'sa_ag_%'",
        [{ g: 'sa_ag_administrators', n: 1 }],
      ),
      run('drop group sa_ag_administrators'),
      run('drop user sa_ag_dwuser, sa_ag_u1, sa_ag_u2'),
    ],
  },
  {
    title:
      'a user, a group and a role are three things: GROUP and USER statements check which',
    doc: ALTER_GROUP,
    steps: [
      run(`create user sa_kd_user ${PASSWORD}`),
      run('create group sa_kd_group'),
      run('create role sa_kd_role'),
      fails(
        'alter group sa_kd_group add user sa_kd_role',
        '42704',
        'user "sa_kd_role" does not exist',
      ),
      fails(
        'alter group sa_kd_role add user sa_kd_user',
        '42704',
        'group "sa_kd_role" does not exist',
      ),
      fails(
        'create group sa_kd_other with user sa_kd_group',
        '42704',
        'user "sa_kd_group" does not exist',
      ),
      fails(
        `create user sa_kd_new ${PASSWORD} in group sa_kd_role`,
        '42704',
        'group "sa_kd_role" does not exist',
      ),
      fails(
        'alter user sa_kd_role createuser',
        '42704',
        'user "sa_kd_role" does not exist',
      ),
      fails(
        'alter user sa_kd_group rename to sa_kd_x',
        '42704',
        'user "sa_kd_group" does not exist',
      ),
      fails(
        'drop user sa_kd_role',
        '42704',
        'user "sa_kd_role" does not exist',
      ),
      fails(
        'drop user if exists sa_kd_group',
        '42704',
        'user "sa_kd_group" does not exist',
      ),
      fails(
        'drop group sa_kd_user',
        '42704',
        'group "sa_kd_user" does not exist',
      ),
      fails(
        'drop role sa_kd_group',
        '42704',
        'role "sa_kd_group" does not exist',
      ),
      rows(
        "select rolname::text as r, rolsuper from pg_roles where rolname like 'sa_kd_%' order by 1",
        [
          { r: 'sa_kd_group', rolsuper: false },
          { r: 'sa_kd_role', rolsuper: false },
          { r: 'sa_kd_user', rolsuper: false },
        ],
      ),
      run('drop role sa_kd_role'),
      run('drop group sa_kd_group'),
      run('drop user if exists sa_kd_user, sa_kd_nobody'),
    ],
  },
  {
    title: 'ALTER USER CREATEUSER, RENAME TO and SET reach PG_USER',
    doc: ALTER_USER,
    steps: [
      run(`create user sa_au_user ${PASSWORD}`),
      run('alter user sa_au_user createuser'),
      run('alter user sa_au_user rename to sa_au_user2'),
      run("alter user sa_au_user2 set search_path to 'public'"),
      rows(
        "select usename::text as u, usesuper, usecatupd, useconfig from pg_user where usename like 'sa_au_%'",
        [
          {
            u: 'sa_au_user2',
            usesuper: true,
            usecatupd: true,
            useconfig: ['search_path=public'],
          },
        ],
      ),
      run('alter user sa_au_user2 nocreateuser'),
      run('drop user sa_au_user2'),
    ],
  },
  {
    title: 'DROP GROUP name: one group, no IF EXISTS',
    doc: DROP_GROUP,
    steps: [
      run('create group sa_dg_one'),
      run('create group sa_dg_two'),
      fails('drop group if exists sa_dg_one', '42601', 'EXISTS'),
      fails('drop group sa_dg_one, sa_dg_two', '42601', ','),
      run('drop group sa_dg_one'),
      run('drop group sa_dg_two'),
    ],
  },
  {
    title:
      "a group with a privilege can't be dropped until it is revoked (example runs)",
    doc: DROP_GROUP,
    steps: [
      run('create group sa_dg_guest'),
      run('create table sa_dg_t (a int)'),
      run('grant select on sa_dg_t to group sa_dg_guest'),
      fails(
        'drop group sa_dg_guest',
        '55006',
        `group "sa_dg_guest" can't be dropped because the group has a privilege on some object`,
      ),
      run('revoke all on all tables in schema public from group sa_dg_guest'),
      run('drop group sa_dg_guest'),
      run('drop table sa_dg_t'),
    ],
  },
  {
    title:
      "DROP USER: a user that owns an object or holds a privilege can't be dropped (example runs)",
    doc: DROP_USER,
    steps: [
      run(`create user sa_du_dwuser ${PASSWORD}`),
      run(`create user sa_du_dwadmin ${PASSWORD}`),
      run('create schema sa_du_dw authorization sa_du_dwuser'),
      run('create table sa_du_dwtable (a int)'),
      run('grant select on sa_du_dwtable to sa_du_dwuser'),
      fails(
        'drop user sa_du_dwuser',
        '55006',
        `user "sa_du_dwuser" can't be dropped because the user owns some object`,
      ),
      run('alter schema sa_du_dw owner to sa_du_dwadmin'),
      fails(
        'drop user sa_du_dwuser',
        '55006',
        `user "sa_du_dwuser" can't be dropped because the user has a privilege on some object`,
      ),
      run('revoke all on table sa_du_dwtable from sa_du_dwuser'),
      run('drop user sa_du_dwuser'),
      run('drop user if exists sa_du_paulo'),
      run('drop schema sa_du_dw'),
      run('drop table sa_du_dwtable'),
      run('drop user sa_du_dwadmin'),
    ],
  },
  {
    title:
      'CREATE USER ... EXTERNALID is kept for SVV_USER_INFO, with PASSWORD DISABLE',
    doc: CREATE_USER,
    steps: [
      run('create user sa_cu_ext password disable externalid "ABC123"'),
      rows(
        "select external_user_id from svv_user_info where user_name = 'sa_cu_ext'",
        [{ external_user_id: 'ABC123' }],
      ),
      fails(
        `create user sa_cu_ext2 ${PASSWORD} externalid "DEF"`,
        '22023',
        'PASSWORD DISABLE',
      ),
      run('drop user sa_cu_ext'),
    ],
  },
  {
    title:
      "PG_USER has Redshift's columns (usecatupd, no userepl / usebypassrls)",
    doc: `${DG}r_PG_USER_INFO.html`,
    steps: [
      run(`create user sa_pu_user ${PASSWORD} createdb`),
      rows(
        "select usename::text, usesysid > 0 as usesysid, usecreatedb, usesuper, usecatupd, passwd, valuntil, useconfig from pg_user where usename = 'sa_pu_user'",
        [
          {
            usename: 'sa_pu_user',
            usesysid: true,
            usecreatedb: true,
            usesuper: false,
            usecatupd: false,
            passwd: '********',
            valuntil: null,
            useconfig: null,
          },
        ],
      ),
      fails('select userepl from pg_user', '42703', 'userepl'),
      fails(
        'select usebypassrls from pg_catalog.pg_user',
        '42703',
        'usebypassrls',
      ),
      run('alter user sa_pu_user syslog access unrestricted'),
      rows(
        "select useconfig from pg_catalog.pg_user where usename = 'sa_pu_user'",
        [{ useconfig: null }],
      ),
      run('drop user sa_pu_user'),
    ],
  },
  // Roles.
  {
    title:
      'CREATE ROLE [EXTERNALID id]: SVV_ROLES shows its owner and external ID',
    doc: CREATE_ROLE,
    steps: [
      run('create role sa_cr_role1'),
      run('create role sa_cr_role2 externalid "XYZ123"'),
      rows(
        "select role_name, role_owner = current_user as mine, external_id from svv_roles where role_name like 'sa_cr_%' order by 1",
        [
          { role_name: 'sa_cr_role1', mine: true, external_id: null },
          { role_name: 'sa_cr_role2', mine: true, external_id: 'XYZ123' },
        ],
      ),
      fails('create role sa_cr_role3 superuser', '42601', 'superuser'),
      fails(`create role sa_cr_role3 with ${PASSWORD}`, '42601', 'with'),
      run('drop role sa_cr_role1'),
      run('drop role sa_cr_role2'),
    ],
  },
  {
    title:
      'groups are not roles: SVV_ROLES leaves them out, PG_GROUP leaves roles out',
    doc: `${DG}r_SVV_ROLES.html`,
    steps: [
      run('create group sa_gr_group'),
      run('create role sa_gr_role'),
      rows("select role_name from svv_roles where role_name like 'sa_gr_%'", [
        { role_name: 'sa_gr_role' },
      ]),
      rows(
        "select groname::text as g from pg_group where groname like 'sa_gr_%'",
        [{ g: 'sa_gr_group' }],
      ),
      run('drop role sa_gr_role'),
      run('drop group sa_gr_group'),
    ],
  },
  {
    title: 'ALTER ROLE RENAME TO, WITH OWNER TO, EXTERNALID TO (examples run)',
    doc: ALTER_ROLE,
    steps: [
      run(`create user sa_ar_user1 ${PASSWORD}`),
      run('create role sa_ar_sample_role1'),
      run('alter role sa_ar_sample_role1 rename to sa_ar_sample_role2'),
      run('alter role sa_ar_sample_role2 with owner to sa_ar_user1'),
      run('alter role sa_ar_sample_role2 externalid to "XYZ456"'),
      rows(
        "select role_name, role_owner, external_id from svv_roles where role_name like 'sa_ar_%'",
        [
          {
            role_name: 'sa_ar_sample_role2',
            role_owner: 'sa_ar_user1',
            external_id: 'XYZ456',
          },
        ],
      ),
      run(
        'alter role sa_ar_sample_role2 owner to sa_ar_user1, rename to sa_ar_sample_role3 externalid to "Q1"',
      ),
      rows(
        "select role_name, external_id from svv_roles where role_name like 'sa_ar_%'",
        [{ role_name: 'sa_ar_sample_role3', external_id: 'Q1' }],
      ),
      run('drop role sa_ar_sample_role3'),
      run('drop user sa_ar_user1'),
    ],
  },
  {
    title:
      'ALTER ROLE has no PostgreSQL options (SUPERUSER, LOGIN, SET), and names a role',
    doc: ALTER_ROLE,
    steps: [
      run(`create user sa_ar2_user ${PASSWORD}`),
      run('create role sa_ar2_role'),
      run('create group sa_ar2_group'),
      fails('alter role sa_ar2_role with superuser', '42601', 'superuser'),
      fails('alter role sa_ar2_role login', '42601', 'login'),
      fails('alter role sa_ar2_role set search_path to public', '42601', 'set'),
      fails('alter role sa_ar2_role', '42601', 'syntax error'),
      fails(
        'alter role sa_ar2_user rename to sa_ar2_x',
        '42704',
        'role "sa_ar2_user" does not exist',
      ),
      fails(
        'alter role sa_ar2_group rename to sa_ar2_x',
        '42704',
        'role "sa_ar2_group" does not exist',
      ),
      fails(
        'alter role sa_ar2_role owner to sa_ar2_group',
        '42704',
        'user "sa_ar2_group" does not exist',
      ),
      fails('alter role sys:dba rename to sa_ar2_dba', '42501', 'system role'),
      run('set session authorization sa_ar2_user'),
      fails('alter role sa_ar2_role rename to sa_ar2_x', '42501', 'permission'),
      run('reset session authorization'),
      rows(
        "select rolname::text as r, rolsuper, rolcanlogin from pg_roles where rolname like 'sa_ar2_r%'",
        [{ r: 'sa_ar2_role', rolsuper: false, rolcanlogin: false }],
      ),
      run('drop role sa_ar2_role'),
      run('drop group sa_ar2_group'),
      run('drop user sa_ar2_user'),
    ],
  },
  {
    title: 'GRANT ROLE to a user WITH ADMIN OPTION and to a role; REVOKE them',
    doc: GRANT,
    steps: [
      run(`create user sa_gr2_user ${PASSWORD}`),
      run('create role sa_gr2_r1'),
      run('create role sa_gr2_r2'),
      run('grant role sa_gr2_r1 to sa_gr2_user with admin option'),
      run('grant role sa_gr2_r1 to role sa_gr2_r2'),
      rows(
        "select user_name, role_name, admin_option from svv_user_grants where user_name = 'sa_gr2_user'",
        [
          {
            user_name: 'sa_gr2_user',
            role_name: 'sa_gr2_r1',
            admin_option: true,
          },
        ],
      ),
      rows(
        "select role_name, granted_role_name from svv_role_grants where role_name like 'sa_gr2_%'",
        [{ role_name: 'sa_gr2_r2', granted_role_name: 'sa_gr2_r1' }],
      ),
      run('revoke admin option for role sa_gr2_r1 from sa_gr2_user'),
      rows(
        "select admin_option from svv_user_grants where user_name = 'sa_gr2_user'",
        [{ admin_option: false }],
      ),
      run('revoke role sa_gr2_r1 from sa_gr2_user'),
      run('revoke role sa_gr2_r1 from role sa_gr2_r2'),
      rows(
        "select (select count(*) from svv_user_grants where user_name = 'sa_gr2_user')::int as u, (select count(*) from svv_role_grants where role_name like 'sa_gr2_%')::int as r",
        [{ u: 0, r: 0 }],
      ),
      run('drop role sa_gr2_r1'),
      run('drop role sa_gr2_r2'),
      run('drop user sa_gr2_user'),
    ],
  },
  {
    title:
      "GRANT ROLE in Redshift's grammar only: the word ROLE, no PUBLIC or GROUP, ADMIN OPTION for users",
    doc: GRANT,
    steps: [
      run(`create user sa_gr3_user ${PASSWORD}`),
      run('create role sa_gr3_r1'),
      run('create role sa_gr3_r2'),
      run('create group sa_gr3_group'),
      fails('grant sa_gr3_r1 to sa_gr3_user', '42601', 'sa_gr3_r1'),
      fails('grant role sa_gr3_r1 to public', '42601', 'public'),
      fails('grant role sa_gr3_r1 to group sa_gr3_group', '42601', 'group'),
      fails(
        'grant role sa_gr3_r1 to role sa_gr3_r2 with admin option',
        '42601',
        'with',
      ),
      fails(
        'grant role sa_gr3_r1 to sa_gr3_user with inherit true',
        '42601',
        'inherit',
      ),
      fails(
        'grant role sa_gr3_r1 to sa_gr3_r2',
        '42704',
        'user "sa_gr3_r2" does not exist',
      ),
      fails(
        'grant role sa_gr3_user to sa_gr3_user',
        '42704',
        'role "sa_gr3_user" does not exist',
      ),
      fails(
        'grant role sa_gr3_group to sa_gr3_user',
        '42704',
        'role "sa_gr3_group" does not exist',
      ),
      fails(
        'revoke role sa_gr3_r1 from sa_gr3_user cascade',
        '42601',
        'cascade',
      ),
      fails(
        'revoke inherit option for role sa_gr3_r1 from sa_gr3_user',
        '42601',
        'inherit',
      ),
      fails(
        'revoke admin option for role sa_gr3_r1 from role sa_gr3_r2',
        '42601',
        'admin',
      ),
      rows(
        "select count(*)::int as n from pg_auth_members m join pg_roles r on r.oid = m.roleid where r.rolname like 'sa_gr3_%'",
        [{ n: 0 }],
      ),
      run('drop role sa_gr3_r1'),
      run('drop role sa_gr3_r2'),
      run('drop group sa_gr3_group'),
      run('drop user sa_gr3_user'),
    ],
  },
  {
    title: 'system roles: granted by name (sys:dba), never dropped or altered',
    doc: `${DG}r_roles-default.html`,
    steps: [
      run(`create user sa_sys_user ${PASSWORD}`),
      run('grant role sys:dba to sa_sys_user'),
      rows(
        "select role_name from svv_user_grants where user_name = 'sa_sys_user'",
        [{ role_name: 'sys:dba' }],
      ),
      rows(
        "select count(*)::int as n from svv_roles where role_name in ('sys:dba', 'sys:operator', 'sys:secadmin', 'sys:monitor', 'sys:superuser')",
        [{ n: 5 }],
      ),
      run('revoke role sys:dba from sa_sys_user'),
      fails('drop role sys:dba', '42501', 'system role'),
      run('drop user sa_sys_user'),
    ],
  },
  {
    title:
      'SVV_SYSTEM_PRIVILEGES: its columns, and no rows, as no system permission is granted in the emulator',
    doc: `${DG}r_SVV_SYSTEM_PRIVILEGES.html`,
    steps: [
      rows(
        `select attname::text as name, format_type(atttypid, atttypmod) as type from pg_attribute
         where attrelid = 'pg_catalog.svv_system_privileges'::regclass and attnum > 0 order by attnum`,
        [
          { name: 'system_privilege', type: 'text' },
          { name: 'identity_id', type: 'integer' },
          { name: 'identity_name', type: 'text' },
          { name: 'identity_type', type: 'text' },
        ],
      ),
      // The page's query: Redshift's sys:superuser row is not there (the
      // emulator's system roles hold no rights).
      rows(
        "SELECT system_privilege,identity_name,identity_type FROM svv_system_privileges WHERE system_privilege = 'ALTER TABLE' AND identity_name = 'sys:superuser'",
        [],
      ),
      run('create role sa_sysp_role'),
      fails(
        'grant create user to role sa_sysp_role',
        '0A000',
        'system permissions',
      ),
      rows('select count(*)::int as n from svv_system_privileges', [{ n: 0 }]),
    ],
  },
  {
    title: 'DROP ROLE names a role, not a user or a group',
    doc: DROP_ROLE,
    steps: [
      run(`create user sa_dr_user ${PASSWORD}`),
      fails(
        'drop role sa_dr_user',
        '42704',
        'role "sa_dr_user" does not exist',
      ),
      run('drop user sa_dr_user'),
    ],
  },
  // GRANT and REVOKE on objects.
  {
    title: 'GRANT on tables, views, schemas to users and groups (examples run)',
    doc: GRANT_EXAMPLES,
    steps: [
      run(`create user sa_ge_fred ${PASSWORD}`),
      run('create group sa_ge_qa_users'),
      run('create schema sa_ge_qa_tickit'),
      run('create table sa_ge_qa_tickit.sales (a int)'),
      run('create table sa_ge_sales (a int)'),
      run('create view sa_ge_v as select a from sa_ge_sales'),
      run('grant insert on table sa_ge_sales to sa_ge_fred'),
      run('grant select on all tables in schema sa_ge_qa_tickit to sa_ge_fred'),
      run('grant all on schema sa_ge_qa_tickit to group sa_ge_qa_users'),
      run(
        'grant select on table sa_ge_qa_tickit.sales to group sa_ge_qa_users',
      ),
      run('grant select on sa_ge_v to sa_ge_fred'),
      rows(
        `select has_table_privilege('sa_ge_fred', 'sa_ge_sales', 'insert') as ins,
           has_table_privilege('sa_ge_fred', 'sa_ge_sales', 'select') as sel,
           has_table_privilege('sa_ge_fred', 'sa_ge_qa_tickit.sales', 'select') as qa,
           has_schema_privilege('sa_ge_qa_users', 'sa_ge_qa_tickit', 'create') as cr`,
        [{ ins: true, sel: false, qa: true, cr: true }],
      ),
      fails(
        'grant select on sa_ge_sales to group sa_ge_fred',
        '42704',
        'group "sa_ge_fred" does not exist',
      ),
      fails(
        'grant select on sa_ge_sales to sa_ge_qa_users',
        '42704',
        'user "sa_ge_qa_users" does not exist',
      ),
      fails(
        'grant select on sa_ge_sales to role sa_ge_fred',
        '42704',
        'role "sa_ge_fred" does not exist',
      ),
      run('revoke all on all tables in schema sa_ge_qa_tickit from sa_ge_fred'),
      run('revoke all on table sa_ge_sales, sa_ge_v from sa_ge_fred'),
      run('revoke all on schema sa_ge_qa_tickit from group sa_ge_qa_users'),
      run('revoke all on sa_ge_qa_tickit.sales from group sa_ge_qa_users'),
      run('drop view sa_ge_v'),
      run('drop table sa_ge_sales'),
      run('drop table sa_ge_qa_tickit.sales'),
      run('drop schema sa_ge_qa_tickit'),
      run('drop group sa_ge_qa_users'),
      run('drop user sa_ge_fred'),
    ],
  },
  {
    title:
      'privileges granted to a user, a group or a role are what the user gets',
    doc: GRANT,
    steps: [
      run(`create user sa_pe_user ${PASSWORD}`),
      run('create group sa_pe_group'),
      run('create role sa_pe_role'),
      run('create table sa_pe_direct (a int)'),
      run('create table sa_pe_bygroup (a int)'),
      run('create table sa_pe_byrole (a int)'),
      run('grant select on sa_pe_direct to sa_pe_user'),
      run('grant select on sa_pe_bygroup to group sa_pe_group'),
      run('grant select on sa_pe_byrole to role sa_pe_role'),
      run('alter group sa_pe_group add user sa_pe_user'),
      run('grant role sa_pe_role to sa_pe_user'),
      run('set session authorization sa_pe_user'),
      rows(
        'select (select count(*) from sa_pe_direct)::int + (select count(*) from sa_pe_bygroup)::int + (select count(*) from sa_pe_byrole)::int as n',
        [{ n: 0 }],
      ),
      run('reset session authorization'),
      run('revoke select on sa_pe_byrole from role sa_pe_role'),
      run('set session authorization sa_pe_user'),
      fails('select * from sa_pe_byrole', '42501', 'permission denied'),
      run('reset session authorization'),
      run('revoke select on sa_pe_direct from sa_pe_user'),
      run('revoke select on sa_pe_bygroup from group sa_pe_group'),
      run('drop table sa_pe_direct'),
      run('drop table sa_pe_bygroup'),
      run('drop table sa_pe_byrole'),
      run('drop role sa_pe_role force'),
      run('drop group sa_pe_group'),
      run('drop user sa_pe_user'),
    ],
  },
  {
    title:
      "GRANT's privileges and grantees are Redshift's: no MAINTAIN, CONNECT, ROUTINE, CURRENT_USER",
    doc: GRANT,
    steps: [
      run(`create user sa_gp_user ${PASSWORD}`),
      run('create role sa_gp_role'),
      run('create table sa_gp_t (a int)'),
      fails('grant maintain on sa_gp_t to sa_gp_user', '42601', 'maintain'),
      fails('grant connect on database {db} to sa_gp_user', '42601', 'connect'),
      fails(
        'grant execute on all routines in schema public to sa_gp_user',
        '42601',
        'routines',
      ),
      fails(
        'grant execute on routine sa_gp_none(int) to sa_gp_user',
        '42601',
        'routine',
      ),
      fails('grant select on sa_gp_t to current_user', '42601', 'current_user'),
      fails('grant select on sa_gp_t to session_user', '42601', 'session_user'),
      fails(
        'grant select on sa_gp_t to role sa_gp_role with grant option',
        '0LP01',
        'a role',
      ),
      run('grant create, temporary on database {db} to sa_gp_user'),
      run('grant temp on database {db} to role sa_gp_role'),
      run(
        'grant usage, create on schema public to sa_gp_user with grant option',
      ),
      run(
        'grant select, insert, update, delete, references on sa_gp_t to sa_gp_user with grant option',
      ),
      rows(
        "select has_table_privilege('sa_gp_user', 'sa_gp_t', 'update with grant option') as g",
        [{ g: true }],
      ),
      run('revoke all on database {db} from sa_gp_user'),
      run('revoke all on database {db} from role sa_gp_role'),
      run('revoke all on schema public from sa_gp_user'),
      run('revoke all on sa_gp_t from sa_gp_user'),
      run('drop table sa_gp_t'),
      run('drop role sa_gp_role'),
      run('drop user sa_gp_user'),
    ],
  },
  {
    title:
      'column-level privileges: SELECT and UPDATE on columns, no grant option (examples run)',
    doc: GRANT_EXAMPLES,
    steps: [
      run(`create user sa_col_user ${PASSWORD}`),
      run('create role sa_col_role'),
      run(
        'create table sa_col_cust_profile (cust_name varchar(20), cust_phone varchar(20), cust_contact_preference varchar(20))',
      ),
      run(
        "insert into sa_col_cust_profile values ('alice', '555-1234', 'phone')",
      ),
      run(
        'grant select(cust_name, cust_phone) on sa_col_cust_profile to sa_col_user',
      ),
      run(
        'grant update(cust_contact_preference) on sa_col_cust_profile to sa_col_user',
      ),
      run('grant all(cust_name) on sa_col_cust_profile to role sa_col_role'),
      rows(
        `select has_column_privilege('sa_col_user', 'sa_col_cust_profile', 'cust_phone', 'select') as s,
           has_column_privilege('sa_col_user', 'sa_col_cust_profile', 'cust_contact_preference', 'select') as s2,
           has_column_privilege('sa_col_user', 'sa_col_cust_profile', 'cust_contact_preference', 'update') as u`,
        [{ s: true, s2: false, u: true }],
      ),
      run('set session authorization sa_col_user'),
      rows('select cust_name, cust_phone from sa_col_cust_profile', [
        { cust_name: 'alice', cust_phone: '555-1234' },
      ]),
      fails('select * from sa_col_cust_profile', '42501', 'permission denied'),
      run('reset session authorization'),
      fails(
        'grant insert (cust_name) on sa_col_cust_profile to sa_col_user',
        '42601',
        '(',
      ),
      fails(
        'grant references (cust_name) on sa_col_cust_profile to sa_col_user',
        '42601',
        '(',
      ),
      fails(
        'grant select (cust_name) on sa_col_cust_profile to sa_col_user with grant option',
        '42601',
        'with',
      ),
      fails(
        'revoke grant option for select (cust_name) on sa_col_cust_profile from sa_col_user',
        '42601',
        'grant',
      ),
      run(
        'revoke select(cust_name, cust_phone) on sa_col_cust_profile from sa_col_user',
      ),
      run(
        'revoke update(cust_contact_preference) on sa_col_cust_profile from sa_col_user',
      ),
      run('revoke all(cust_name) on sa_col_cust_profile from role sa_col_role'),
      run('drop table sa_col_cust_profile'),
      run('drop role sa_col_role'),
      run('drop user sa_col_user'),
    ],
  },
  {
    title:
      'REVOKE [GRANT OPTION FOR] ... [RESTRICT]: no CASCADE, no grant option from a group or PUBLIC',
    doc: REVOKE,
    steps: [
      run(`create user sa_rv_user ${PASSWORD}`),
      run('create group sa_rv_group'),
      run('create table sa_rv_t (a int)'),
      run('grant select on sa_rv_t to sa_rv_user with grant option'),
      run('revoke grant option for select on sa_rv_t from sa_rv_user'),
      rows(
        "select has_table_privilege('sa_rv_user', 'sa_rv_t', 'select') as s, has_table_privilege('sa_rv_user', 'sa_rv_t', 'select with grant option') as g",
        [{ s: true, g: false }],
      ),
      fails(
        'revoke grant option for select on sa_rv_t from group sa_rv_group',
        '0LP01',
        'a group',
      ),
      fails(
        'revoke grant option for select on sa_rv_t from public',
        '0LP01',
        'PUBLIC',
      ),
      fails(
        'revoke select on sa_rv_t from sa_rv_user cascade',
        '42601',
        'cascade',
      ),
      fails(
        'revoke select on sa_rv_t from sa_rv_user granted by current_user',
        '42601',
        'GRANTED',
      ),
      run('revoke select on sa_rv_t from sa_rv_user restrict'),
      rows(
        "select has_table_privilege('sa_rv_user', 'sa_rv_t', 'select') as s",
        [{ s: false }],
      ),
      run('drop table sa_rv_t'),
      run('drop group sa_rv_group'),
      run('drop user sa_rv_user'),
    ],
  },
  {
    title:
      "GRANT ALL gives Redshift's privileges, not PostgreSQL's TRIGGER, TRUNCATE or MAINTAIN",
    doc: GRANT,
    steps: [
      run(`create user sa_all_user ${PASSWORD}`),
      run('create table sa_all_t (a int, b int)'),
      run('grant all privileges on sa_all_t to sa_all_user'),
      rows(
        "select privilege_type from svv_relation_privileges where relation_name = 'sa_all_t' order by 1",
        [
          { privilege_type: 'DELETE' },
          { privilege_type: 'DROP' },
          { privilege_type: 'INSERT' },
          { privilege_type: 'REFERENCES' },
          { privilege_type: 'SELECT' },
          { privilege_type: 'UPDATE' },
        ],
      ),
      rows(
        "select has_table_privilege('sa_all_user', 'sa_all_t', 'trigger') as t",
        [{ t: false }],
      ),
      run('revoke all on sa_all_t from sa_all_user'),
      run('grant all (b) on sa_all_t to sa_all_user'),
      rows(
        "select has_column_privilege('sa_all_user', 'sa_all_t', 'b', 'insert') as i, has_column_privilege('sa_all_user', 'sa_all_t', 'b', 'references') as r, has_column_privilege('sa_all_user', 'sa_all_t', 'b', 'update') as u, has_column_privilege('sa_all_user', 'sa_all_t', 'b', 'select') as s",
        [{ i: false, r: false, u: true, s: true }],
      ),
      run('revoke all (b) on sa_all_t from sa_all_user'),
      run('drop table sa_all_t'),
      run('drop user sa_all_user'),
    ],
  },
  {
    title:
      "role and user names with Redshift's sys: and ds: prefixes are refused",
    doc: `${DG}r_roles-default.html`,
    steps: [
      fails('create role "sys:sa_custom"', '42939', 'reserved'),
      fails('create role "ds:sa_share"', '42939', 'reserved'),
      fails(`create user "ds:sa_user" ${PASSWORD}`, '42939', 'reserved'),
    ],
  },
  {
    title:
      'USAGE ON LANGUAGE sql and plpgsql (examples run); plpythonu is an emulator limit',
    doc: `${DG}udf-security-and-privileges.html`,
    steps: [
      run(`create user sa_lang_user ${PASSWORD}`),
      run('create group sa_lang_udf_devs'),
      run('revoke usage on language sql from PUBLIC'),
      run('grant usage on language sql to group sa_lang_udf_devs'),
      run('revoke usage on language plpgsql from PUBLIC'),
      run('grant usage on language plpgsql to sa_lang_user'),
      rows(
        `select has_language_privilege('sa_lang_user', 'sql', 'usage') as sql_user,
           has_language_privilege('sa_lang_udf_devs', 'sql', 'usage') as sql_group,
           has_language_privilege('sa_lang_user', 'plpgsql', 'usage') as plpgsql_user`,
        [{ sql_user: false, sql_group: true, plpgsql_user: true }],
      ),
      rows(
        "select language_name, identity_name from svv_language_privileges where identity_name like 'sa_lang_%' order by 1",
        [
          { language_name: 'plpgsql', identity_name: 'sa_lang_user' },
          { language_name: 'sql', identity_name: 'sa_lang_udf_devs' },
        ],
      ),
      fails(
        'grant usage on language plpythonu to sa_lang_user',
        '0A000',
        'in the local emulator is not supported',
      ),
      fails(
        'revoke usage on language plpythonu from PUBLIC',
        '0A000',
        'in the local emulator is not supported',
      ),
      fails(
        'create function sa_lang_f_py (a float) returns float stable as $$ return a $$ language plpythonu',
        '0A000',
        'emulator limit',
      ),
      run('revoke usage on language sql from group sa_lang_udf_devs'),
      run('revoke usage on language plpgsql from sa_lang_user'),
      run('grant usage on language sql, plpgsql to PUBLIC'),
      run('drop group sa_lang_udf_devs'),
      run('drop user sa_lang_user'),
    ],
  },
  {
    title:
      "GRANT EXECUTE on functions and procedures; never on pg_catalog's built-ins",
    doc: GRANT,
    steps: [
      run(`create user sa_fn_user ${PASSWORD}`),
      run(
        'create function sa_fn_f (int) returns int immutable as $$ select $1 $$ language sql',
      ),
      run(
        "create procedure sa_fn_p (a int) as $$ begin raise info '%', a; end; $$ language plpgsql",
      ),
      run('grant execute on function sa_fn_f(int) to sa_fn_user'),
      run('grant execute on procedure sa_fn_p(int) to sa_fn_user'),
      run('grant execute on all procedures in schema public to sa_fn_user'),
      rows(
        "select has_function_privilege('sa_fn_user', 'sa_fn_p(int)', 'execute') as p",
        [{ p: true }],
      ),
      fails(
        'grant execute on function abs(int) to sa_fn_user',
        '0A000',
        'built-in functions of pg_catalog',
      ),
      fails(
        'revoke execute on function pg_catalog.abs(int) from public',
        '0A000',
        'built-in functions of pg_catalog',
      ),
      fails(
        'grant execute on all functions in schema pg_catalog to sa_fn_user',
        '0A000',
        'built-in functions of pg_catalog',
      ),
      run('revoke execute on all procedures in schema public from sa_fn_user'),
      run('revoke execute on function sa_fn_f(int) from sa_fn_user'),
      run('drop procedure sa_fn_p(int)'),
      run('drop function sa_fn_f(int)'),
      run('drop user sa_fn_user'),
    ],
  },
  // Privilege functions.
  {
    title:
      'HAS_TABLE_PRIVILEGE: the examples, and DROP (the owner and superusers)',
    doc: `${DG}r_HAS_TABLE_PRIVILEGE.html`,
    steps: [
      run(`create user sa_hp_guest ${PASSWORD}`),
      run(`create user sa_hp_owner ${PASSWORD}`),
      run('create table sa_hp_listing (a int)'),
      run('create table sa_hp_event (a int)'),
      run('alter table sa_hp_event owner to sa_hp_owner'),
      rows(
        "select has_table_privilege('sa_hp_guest', 'sa_hp_listing', 'select')",
        [{ has_table_privilege: false }],
      ),
      rows(
        `SELECT tablename::text, usename::text,
           HAS_TABLE_PRIVILEGE(users.usename, tablename, 'select') AS sel,
           HAS_TABLE_PRIVILEGE(users.usename, tablename, 'insert') AS ins,
           HAS_TABLE_PRIVILEGE(users.usename, tablename, 'update') AS upd,
           HAS_TABLE_PRIVILEGE(users.usename, tablename, 'delete') AS del
         FROM (SELECT * from pg_tables WHERE schemaname = 'public' and tablename in ('sa_hp_event', 'sa_hp_listing')) as tables,
           (SELECT * FROM pg_user WHERE usename like 'sa_hp_%') AS users
         ORDER BY 1, 2`,
        [
          {
            tablename: 'sa_hp_event',
            usename: 'sa_hp_guest',
            sel: false,
            ins: false,
            upd: false,
            del: false,
          },
          {
            tablename: 'sa_hp_event',
            usename: 'sa_hp_owner',
            sel: true,
            ins: true,
            upd: true,
            del: true,
          },
          {
            tablename: 'sa_hp_listing',
            usename: 'sa_hp_guest',
            sel: false,
            ins: false,
            upd: false,
            del: false,
          },
          {
            tablename: 'sa_hp_listing',
            usename: 'sa_hp_owner',
            sel: false,
            ins: false,
            upd: false,
            del: false,
          },
        ],
      ),
      rows(
        `select has_table_privilege('sa_hp_guest', 'sa_hp_event', 'drop') as guest,
           has_table_privilege('sa_hp_owner', 'sa_hp_event', 'DROP') as owner,
           has_table_privilege('sa_hp_event', 'drop') as superuser,
           has_table_privilege('sa_hp_owner', 'sa_hp_event'::regclass, 'references') as refs`,
        [{ guest: false, owner: true, superuser: true, refs: true }],
      ),
      rows(
        "select has_schema_privilege('sa_hp_guest', 'public', 'usage') as u, has_database_privilege('sa_hp_guest', '{db}', 'temp') as t, has_database_privilege('sa_hp_guest', '{db}', 'create') as c",
        [{ u: true, t: true, c: false }],
      ),
      run('drop table sa_hp_event'),
      run('drop table sa_hp_listing'),
      run('drop user sa_hp_guest, sa_hp_owner'),
    ],
  },
  // Default privileges.
  {
    title:
      'ALTER DEFAULT PRIVILEGES examples run, and SVV_DEFAULT_PRIVILEGES lists them',
    doc: `${DG}r_ALTER_DEFAULT_PRIVILEGES.html`,
    steps: [
      run(`create user sa_dp_report_admin ${PASSWORD}`),
      run('create group sa_dp_report_readers'),
      run('create group sa_dp_sales_admin'),
      run('create group sa_dp_dev_test'),
      run('create role sa_dp_role'),
      run('create schema sa_dp_sales'),
      run(
        'alter default privileges for user sa_dp_report_admin grant select on tables to group sa_dp_report_readers',
      ),
      run(
        'alter default privileges in schema sa_dp_sales grant insert on tables to group sa_dp_sales_admin',
      ),
      run(
        'alter default privileges in schema sa_dp_sales revoke insert on tables from group sa_dp_sales_admin',
      ),
      run('alter default privileges revoke execute on functions from public'),
      run(
        'alter default privileges grant execute on functions to group sa_dp_dev_test',
      ),
      run(
        'alter default privileges in schema sa_dp_sales grant select, update on tables to role sa_dp_role',
      ),
      rows(
        `select coalesce(schema_name, '-') as s, object_type, owner_name = current_user as mine, privilege_type, grantee_name, grantee_type, admin_option
         from svv_default_privileges where grantee_name like 'sa_dp_%' and owner_name <> 'sa_dp_report_admin' order by 1, 2, 4, 5`,
        [
          {
            s: '-',
            object_type: 'FUNCTION',
            mine: true,
            privilege_type: 'EXECUTE',
            grantee_name: 'sa_dp_dev_test',
            grantee_type: 'group',
            admin_option: false,
          },
          {
            s: 'sa_dp_sales',
            object_type: 'RELATION',
            mine: true,
            privilege_type: 'SELECT',
            grantee_name: 'sa_dp_role',
            grantee_type: 'role',
            admin_option: false,
          },
          {
            s: 'sa_dp_sales',
            object_type: 'RELATION',
            mine: true,
            privilege_type: 'UPDATE',
            grantee_name: 'sa_dp_role',
            grantee_type: 'role',
            admin_option: false,
          },
        ],
      ),
      run('set session authorization sa_dp_report_admin'),
      run('create table sa_dp_report (a int)'),
      run('reset session authorization'),
      rows(
        "select privilege_type, identity_name, identity_type from svv_relation_privileges where relation_name = 'sa_dp_report'",
        [
          {
            privilege_type: 'SELECT',
            identity_name: 'sa_dp_report_readers',
            identity_type: 'group',
          },
        ],
      ),
      run('create table sa_dp_sales.t (a int)'),
      rows(
        "select privilege_type, identity_name from svv_relation_privileges where namespace_name = 'sa_dp_sales' and relation_name = 't' order by 1",
        [
          { privilege_type: 'SELECT', identity_name: 'sa_dp_role' },
          { privilege_type: 'UPDATE', identity_name: 'sa_dp_role' },
        ],
      ),
      run(
        'alter default privileges in schema sa_dp_sales revoke all on tables from role sa_dp_role cascade',
      ),
      run('alter default privileges grant execute on functions to public'),
      run(
        'alter default privileges revoke execute on functions from group sa_dp_dev_test',
      ),
      run(
        'alter default privileges for user sa_dp_report_admin revoke select on tables from group sa_dp_report_readers',
      ),
      rows(
        "select count(*)::int as n from svv_default_privileges where grantee_name like 'sa_dp_%'",
        [{ n: 0 }],
      ),
      run('drop table sa_dp_sales.t'),
      run('drop table sa_dp_report'),
      run('drop schema sa_dp_sales'),
      run('drop role sa_dp_role'),
      run('drop group sa_dp_report_readers'),
      run('drop group sa_dp_sales_admin'),
      run('drop group sa_dp_dev_test'),
      run('drop user sa_dp_report_admin'),
    ],
  },
  {
    title:
      "ALTER DEFAULT PRIVILEGES in Redshift's grammar: FOR USER, ON TABLES | FUNCTIONS | PROCEDURES, kinds checked",
    doc: `${DG}r_ALTER_DEFAULT_PRIVILEGES.html`,
    steps: [
      run('create group sa_dq_group'),
      run('create role sa_dq_role'),
      fails(
        'alter default privileges for role sa_dq_role grant select on tables to public',
        '42601',
        'role',
      ),
      fails(
        'alter default privileges for user sa_dq_role grant select on tables to public',
        '42704',
        'user "sa_dq_role" does not exist',
      ),
      fails(
        'alter default privileges grant select on tables to sa_dq_group',
        '42704',
        'user "sa_dq_group" does not exist',
      ),
      fails(
        'alter default privileges grant select on tables to group sa_dq_group with grant option',
        '0LP01',
        'a group',
      ),
      fails(
        'alter default privileges grant execute on routines to public',
        '42601',
        'routines',
      ),
      fails(
        'alter default privileges grant usage on schemas to public',
        '42601',
        'SCHEMAS',
      ),
      fails(
        'alter default privileges grant trigger on tables to public',
        '42601',
        'TRIGGER',
      ),
      run(
        'alter default privileges grant execute on procedures to role sa_dq_role',
      ),
      run(
        'alter default privileges revoke execute on procedures from role sa_dq_role',
      ),
      run('drop role sa_dq_role'),
      run('drop group sa_dq_group'),
    ],
  },
  // The security system views.
  {
    title:
      'SVV_RELATION_, COLUMN_, SCHEMA_, FUNCTION_, DATABASE_ and LANGUAGE_PRIVILEGES (sample queries)',
    doc: `${DG}r_SVV_RELATION_PRIVILEGES.html`,
    steps: [
      run(`create user sa_sv_reguser ${PASSWORD}`),
      run('create role sa_sv_role1'),
      run('create group sa_sv_group'),
      run('create schema sa_sv_test_schema1'),
      run('create table sa_sv_orders (a int, l_orderkey int)'),
      run('grant select on sa_sv_orders to sa_sv_reguser'),
      run('grant select on sa_sv_orders to role sa_sv_role1'),
      run('grant insert on sa_sv_orders to group sa_sv_group'),
      run('grant usage on schema sa_sv_test_schema1 to sa_sv_reguser'),
      run('grant usage on schema sa_sv_test_schema1 to role sa_sv_role1'),
      run(
        'create function sa_sv_func1 (int) returns int immutable as $$ select $1 $$ language sql',
      ),
      run(
        'create function sa_sv_func2 (int, varchar) returns int immutable as $$ select $1 $$ language sql',
      ),
      run('revoke execute on function sa_sv_func1(int) from public'),
      run('revoke execute on function sa_sv_func2(int, varchar) from public'),
      run('grant execute on function sa_sv_func1(int) to role sa_sv_role1'),
      run(
        'grant execute on function sa_sv_func2(int, varchar) to sa_sv_reguser',
      ),
      run('grant create on database {db} to sa_sv_reguser'),
      run('grant create, temp on database {db} to role sa_sv_role1'),
      run('grant usage on language sql to group sa_sv_group'),
      rows(
        "select namespace_name, relation_name, privilege_type, identity_name, identity_type, admin_option from svv_relation_privileges where relation_name = 'sa_sv_orders' order by 3, 4",
        [
          {
            namespace_name: 'public',
            relation_name: 'sa_sv_orders',
            privilege_type: 'INSERT',
            identity_name: 'sa_sv_group',
            identity_type: 'group',
            admin_option: false,
          },
          {
            namespace_name: 'public',
            relation_name: 'sa_sv_orders',
            privilege_type: 'SELECT',
            identity_name: 'sa_sv_reguser',
            identity_type: 'user',
            admin_option: false,
          },
          {
            namespace_name: 'public',
            relation_name: 'sa_sv_orders',
            privilege_type: 'SELECT',
            identity_name: 'sa_sv_role1',
            identity_type: 'role',
            admin_option: false,
          },
        ],
      ),
      // A privilege is held at one level at a time (r_GRANT.html's usage
      // notes for column-level access control): the column sample's grants
      // replace the table's.
      run('revoke select on sa_sv_orders from sa_sv_reguser'),
      run('revoke select on sa_sv_orders from role sa_sv_role1'),
      run('grant select (l_orderkey) on sa_sv_orders to sa_sv_reguser'),
      run('grant select (l_orderkey) on sa_sv_orders to role sa_sv_role1'),
      rows(
        "select namespace_name, relation_name, column_name, privilege_type, identity_name, identity_type from svv_column_privileges where relation_name = 'sa_sv_orders' order by 5",
        [
          {
            namespace_name: 'public',
            relation_name: 'sa_sv_orders',
            column_name: 'l_orderkey',
            privilege_type: 'SELECT',
            identity_name: 'sa_sv_reguser',
            identity_type: 'user',
          },
          {
            namespace_name: 'public',
            relation_name: 'sa_sv_orders',
            column_name: 'l_orderkey',
            privilege_type: 'SELECT',
            identity_name: 'sa_sv_role1',
            identity_type: 'role',
          },
        ],
      ),
      rows(
        "select namespace_name, privilege_type, identity_name, identity_type, admin_option from svv_schema_privileges where namespace_name = 'sa_sv_test_schema1' order by 3",
        [
          {
            namespace_name: 'sa_sv_test_schema1',
            privilege_type: 'USAGE',
            identity_name: 'sa_sv_reguser',
            identity_type: 'user',
            admin_option: false,
          },
          {
            namespace_name: 'sa_sv_test_schema1',
            privilege_type: 'USAGE',
            identity_name: 'sa_sv_role1',
            identity_type: 'role',
            admin_option: false,
          },
        ],
      ),
      rows(
        "select namespace_name, function_name, argument_types, privilege_type, identity_name, identity_type, admin_option from svv_function_privileges where identity_name in ('sa_sv_role1', 'sa_sv_reguser') order by 2",
        [
          {
            namespace_name: 'public',
            function_name: 'sa_sv_func1',
            argument_types: 'integer',
            privilege_type: 'EXECUTE',
            identity_name: 'sa_sv_role1',
            identity_type: 'role',
            admin_option: false,
          },
          {
            namespace_name: 'public',
            function_name: 'sa_sv_func2',
            argument_types: 'integer, character varying',
            privilege_type: 'EXECUTE',
            identity_name: 'sa_sv_reguser',
            identity_type: 'user',
            admin_option: false,
          },
        ],
      ),
      rows(
        "select privilege_type, identity_name, identity_type, admin_option from svv_database_privileges where database_name = '{db}' order by 1, 2",
        [
          {
            privilege_type: 'CREATE',
            identity_name: 'sa_sv_reguser',
            identity_type: 'user',
            admin_option: false,
          },
          {
            privilege_type: 'CREATE',
            identity_name: 'sa_sv_role1',
            identity_type: 'role',
            admin_option: false,
          },
          {
            privilege_type: 'TEMP',
            identity_name: 'public',
            identity_type: 'public',
            admin_option: false,
          },
          {
            privilege_type: 'TEMP',
            identity_name: 'sa_sv_role1',
            identity_type: 'role',
            admin_option: false,
          },
        ],
      ),
      rows(
        "select language_name, privilege_type, identity_type from svv_language_privileges where identity_name = 'sa_sv_group'",
        [
          {
            language_name: 'sql',
            privilege_type: 'USAGE',
            identity_type: 'group',
          },
        ],
      ),
      run('revoke select (l_orderkey) on sa_sv_orders from sa_sv_reguser'),
      run('grant select on sa_sv_orders to sa_sv_reguser'),
      run('set session authorization sa_sv_reguser'),
      rows(
        "select identity_name from svv_relation_privileges where relation_name = 'sa_sv_orders'",
        [{ identity_name: 'sa_sv_reguser' }],
      ),
      run('reset session authorization'),
      run('revoke usage on language sql from group sa_sv_group'),
      run('revoke all on database {db} from sa_sv_reguser'),
      run('revoke all on database {db} from role sa_sv_role1'),
      run('drop function sa_sv_func1(int)'),
      run('drop function sa_sv_func2(int, varchar)'),
      run('drop table sa_sv_orders'),
      run('drop schema sa_sv_test_schema1'),
      run('drop group sa_sv_group'),
      run('drop role sa_sv_role1'),
      run('drop user sa_sv_reguser'),
    ],
  },
]

describeFidelityCases(
  'local emulator: database security (Developer Guide audit)',
  'local_fidelity_security',
  CASES,
)
