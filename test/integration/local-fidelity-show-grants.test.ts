import { expect } from 'vitest'
import {
  describeFidelityCases,
  fails,
  rows,
  run,
  type FidelityCase as Case,
  type Row,
} from './fidelity-steps.js'
import { DG } from './function-answers.js'

// SHOW GRANTS, form by form as its page prints them (ON DATABASE / SCHEMA /
// TABLE / FUNCTION, FOR a user or a role), who sees which grants, and the
// privilege views that list the same grants (SVV_*_PRIVILEGES,
// SVV_USER_GRANTS, SVV_ROLE_GRANTS) after GRANT and REVOKE to users, roles
// and PUBLIC.

const SHOW_GRANTS = `${DG}r_SHOW_GRANTS.html`
const SCHEMA_PRIVILEGES = `${DG}r_SVV_SCHEMA_PRIVILEGES.html`
const DATABASE_PRIVILEGES = `${DG}r_SVV_DATABASE_PRIVILEGES.html`
const FUNCTION_PRIVILEGES = `${DG}r_SVV_FUNCTION_PRIVILEGES.html`
const USER_GRANTS = `${DG}r_SVV_USER_GRANTS.html`
const ROLE_GRANTS = `${DG}r_SVV_ROLE_GRANTS.html`
const SCOPED = `${DG}t_scoped-permissions.html`
const LIMIT = 'in the local emulator is not supported'

/** An identity's id as the rows carry it: PUBLIC's is 0, the others the catalog's. */
const idOf = (type: string) => (type === 'public' ? 0 : expect.any(Number))

/** A row of ON DATABASE, in the page's column order. */
const databaseGrant = (privilege: string, name: string, type: string): Row => ({
  database_name: '{db}',
  privilege_type: privilege,
  identity_id: idOf(type),
  identity_name: name,
  identity_type: type,
  admin_option: false,
  privilege_scope: 'DATABASE',
  grantor_name: expect.any(String),
})

/** A row of ON SCHEMA / TABLE / FUNCTION, in the page's column order. */
const objectGrant = (
  schema: string,
  object: string,
  kind: string,
  privilege: string,
  name: string,
  type: string,
): Row => ({
  schema_name: schema,
  object_name: object,
  object_type: kind,
  privilege_type: privilege,
  identity_id: idOf(type),
  identity_name: name,
  identity_type: type,
  admin_option: false,
  privilege_scope: kind,
  database_name: '{db}',
  grantor_name: 'awsuser',
})

/** A row of FOR a user or a role, in the page's column order (no admin_option). */
const identityGrant = (
  schema: string | null,
  object: string | null,
  kind: string,
  privilege: string,
  name: string,
  type: string,
): Row => ({
  database_name: '{db}',
  schema_name: schema,
  object_name: object,
  object_type: kind,
  privilege_type: privilege,
  identity_id: expect.any(Number),
  identity_name: name,
  identity_type: type,
  privilege_scope: kind,
  grantor_name: kind === 'DATABASE' ? expect.any(String) : 'awsuser',
})

/** Redshift's table privileges GRANT ALL gives in the emulator, as ON TABLE orders them. */
const TABLE_ALL = [
  'DELETE',
  'DROP',
  'INSERT',
  'REFERENCES',
  'SELECT',
  'UPDATE',
] as const

const CASES: readonly Case[] = [
  {
    title:
      'ON DATABASE: the page’s columns, the explicit grants and PUBLIC’s TEMP, FOR and LIMIT',
    doc: SHOW_GRANTS,
    steps: [
      run('create user h5_db_alice password disable'),
      run('create role h5_db_r1'),
      run('grant create on database {db} to h5_db_alice'),
      run('grant temp on database {db} to role h5_db_r1'),
      rows('show grants on database {db} for role h5_db_r1', [
        databaseGrant('TEMP', 'h5_db_r1', 'role'),
      ]),
      rows('show grants on database {db} for h5_db_alice', [
        databaseGrant('CREATE', 'h5_db_alice', 'user'),
      ]),
      rows('show grants on database {db} for public', [
        databaseGrant('TEMP', 'public', 'public'),
      ]),
      rows('show grants on database {db} for public limit 0', []),
      // The same rows as SVV_DATABASE_PRIVILEGES, which has privilege_scope too.
      rows(
        "select privilege_type, identity_name, identity_type, admin_option, privilege_scope from svv_database_privileges where database_name = '{db}' and identity_name in ('h5_db_alice', 'h5_db_r1', 'public') order by 2, 1",
        [
          {
            privilege_type: 'CREATE',
            identity_name: 'h5_db_alice',
            identity_type: 'user',
            admin_option: false,
            privilege_scope: 'DATABASE',
          },
          {
            privilege_type: 'TEMP',
            identity_name: 'h5_db_r1',
            identity_type: 'role',
            admin_option: false,
            privilege_scope: 'DATABASE',
          },
          {
            privilege_type: 'TEMP',
            identity_name: 'public',
            identity_type: 'public',
            admin_option: false,
            privilege_scope: 'DATABASE',
          },
        ],
      ),
      run('revoke create on database {db} from h5_db_alice'),
      rows('show grants on database {db} for h5_db_alice', []),
      run('revoke temp on database {db} from role h5_db_r1'),
      run('drop role h5_db_r1'),
      run('drop user h5_db_alice'),
    ],
  },
  {
    title:
      'ON SCHEMA: the page’s columns, object_name the schema, two-part names and FOR',
    doc: SHOW_GRANTS,
    steps: [
      run('create user h5_sc_alice password disable'),
      run('create role h5_sc_r1'),
      run('create schema h5_demo_schema'),
      run('grant all on schema h5_demo_schema to h5_sc_alice'),
      run('grant usage on schema h5_demo_schema to role h5_sc_r1'),
      rows('show grants on schema h5_demo_schema', [
        objectGrant(
          'h5_demo_schema',
          'h5_demo_schema',
          'SCHEMA',
          'CREATE',
          'h5_sc_alice',
          'user',
        ),
        objectGrant(
          'h5_demo_schema',
          'h5_demo_schema',
          'SCHEMA',
          'USAGE',
          'h5_sc_alice',
          'user',
        ),
        objectGrant(
          'h5_demo_schema',
          'h5_demo_schema',
          'SCHEMA',
          'USAGE',
          'h5_sc_r1',
          'role',
        ),
      ]),
      rows('show grants on schema {db}.h5_demo_schema for role h5_sc_r1', [
        objectGrant(
          'h5_demo_schema',
          'h5_demo_schema',
          'SCHEMA',
          'USAGE',
          'h5_sc_r1',
          'role',
        ),
      ]),
      rows('show grants on schema h5_demo_schema for public', []),
      // SVV_SCHEMA_PRIVILEGES lists the same grants, with its privilege_scope.
      rows(
        "select privilege_type, identity_name, privilege_scope from svv_schema_privileges where namespace_name = 'h5_demo_schema' order by 2, 1",
        [
          {
            privilege_type: 'CREATE',
            identity_name: 'h5_sc_alice',
            privilege_scope: 'SCHEMA',
          },
          {
            privilege_type: 'USAGE',
            identity_name: 'h5_sc_alice',
            privilege_scope: 'SCHEMA',
          },
          {
            privilege_type: 'USAGE',
            identity_name: 'h5_sc_r1',
            privilege_scope: 'SCHEMA',
          },
        ],
      ),
      run('revoke create on schema h5_demo_schema from h5_sc_alice'),
      rows('show grants on schema h5_demo_schema for h5_sc_alice', [
        objectGrant(
          'h5_demo_schema',
          'h5_demo_schema',
          'SCHEMA',
          'USAGE',
          'h5_sc_alice',
          'user',
        ),
      ]),
      // A schema of another database shows none; a missing one fails.
      rows('show grants on schema other_db.h5_demo_schema', []),
      fails(
        'show grants on schema h5_no_such_schema',
        '3F000',
        'schema "h5_no_such_schema" does not exist',
      ),
      run('drop schema h5_demo_schema'),
      run('drop role h5_sc_r1'),
      run('drop user h5_sc_alice'),
    ],
  },
  {
    title:
      'ON TABLE: three-part, two-part and bare names, FOR ALICE, GRANT ALL and REVOKE',
    doc: SHOW_GRANTS,
    steps: [
      run('create user h5_tb_alice password disable'),
      run('create role h5_tb_r1'),
      run('create schema h5_tb_schema'),
      run('create table h5_tb_schema.t3 (a int)'),
      run('create table h5_tb_t4 (a int)'),
      run('grant all on table h5_tb_schema.t3 to h5_tb_alice'),
      run('grant select on table h5_tb_schema.t3 to role h5_tb_r1'),
      run('grant select, insert on h5_tb_t4 to h5_tb_alice'),
      run('grant select on h5_tb_t4 to public'),
      rows(
        'show grants on table {db}.h5_tb_schema.t3 for H5_TB_ALICE',
        TABLE_ALL.map((p) =>
          objectGrant('h5_tb_schema', 't3', 'TABLE', p, 'h5_tb_alice', 'user'),
        ),
      ),
      rows('show grants on table h5_tb_schema.t3', [
        ...TABLE_ALL.map((p) =>
          objectGrant('h5_tb_schema', 't3', 'TABLE', p, 'h5_tb_alice', 'user'),
        ),
        objectGrant(
          'h5_tb_schema',
          't3',
          'TABLE',
          'SELECT',
          'h5_tb_r1',
          'role',
        ),
      ]),
      rows('show grants on h5_tb_t4', [
        objectGrant(
          'public',
          'h5_tb_t4',
          'TABLE',
          'INSERT',
          'h5_tb_alice',
          'user',
        ),
        objectGrant(
          'public',
          'h5_tb_t4',
          'TABLE',
          'SELECT',
          'h5_tb_alice',
          'user',
        ),
        objectGrant(
          'public',
          'h5_tb_t4',
          'TABLE',
          'SELECT',
          'public',
          'public',
        ),
      ]),
      rows('show grants on table public.h5_tb_t4 for public', [
        objectGrant(
          'public',
          'h5_tb_t4',
          'TABLE',
          'SELECT',
          'public',
          'public',
        ),
      ]),
      rows('show grants on table public.h5_tb_t4 limit 1', [
        objectGrant(
          'public',
          'h5_tb_t4',
          'TABLE',
          'INSERT',
          'h5_tb_alice',
          'user',
        ),
      ]),
      run('revoke insert on h5_tb_t4 from h5_tb_alice'),
      run('revoke select on h5_tb_t4 from public'),
      rows('show grants on h5_tb_t4', [
        objectGrant(
          'public',
          'h5_tb_t4',
          'TABLE',
          'SELECT',
          'h5_tb_alice',
          'user',
        ),
      ]),
      // SVV_RELATION_PRIVILEGES lists the same grants.
      rows(
        "select privilege_type, identity_name, identity_type from svv_relation_privileges where namespace_name = 'public' and relation_name = 'h5_tb_t4'",
        [
          {
            privilege_type: 'SELECT',
            identity_name: 'h5_tb_alice',
            identity_type: 'user',
          },
        ],
      ),
      // The page's syntax: TABLE takes a two- or three-part name.
      fails('show grants on table t3', '42601', 'syntax error'),
      fails(
        'show grants on table h5_tb_schema.no_such_table',
        '42P01',
        'relation "h5_tb_schema.no_such_table" does not exist',
      ),
      fails(
        'show grants on h5_no_such_table',
        '42P01',
        'relation "h5_no_such_table" does not exist',
      ),
      run('drop table h5_tb_t4'),
      run('drop schema h5_tb_schema cascade'),
      run('drop role h5_tb_r1'),
      run('drop user h5_tb_alice'),
    ],
  },
  {
    title:
      'ON FUNCTION: by argument types (names allowed), PUBLIC’s default EXECUTE, as SVV_FUNCTION_PRIVILEGES',
    doc: FUNCTION_PRIVILEGES,
    steps: [
      run('create user h5_fn_bob password disable'),
      run('create schema h5_fn_schema'),
      run(
        'create function h5_fn_schema.f1 (integer, varchar) returns integer immutable as $$ select $1 $$ language sql',
      ),
      rows('show grants on function h5_fn_schema.f1 (integer, varchar)', [
        objectGrant(
          'h5_fn_schema',
          'f1',
          'FUNCTION',
          'EXECUTE',
          'public',
          'public',
        ),
      ]),
      run(
        'grant execute on function h5_fn_schema.f1 (integer, varchar) to h5_fn_bob',
      ),
      run(
        'revoke execute on function h5_fn_schema.f1 (integer, varchar) from public',
      ),
      rows(
        'show grants on function {db}.h5_fn_schema.f1 (a integer, b character varying)',
        [
          objectGrant(
            'h5_fn_schema',
            'f1',
            'FUNCTION',
            'EXECUTE',
            'h5_fn_bob',
            'user',
          ),
        ],
      ),
      rows(
        "select function_name, argument_types, privilege_type, identity_name, identity_type from svv_function_privileges where namespace_name = 'h5_fn_schema'",
        [
          {
            function_name: 'f1',
            argument_types: 'integer, character varying',
            privilege_type: 'EXECUTE',
            identity_name: 'h5_fn_bob',
            identity_type: 'user',
          },
        ],
      ),
      fails(
        'show grants on function h5_fn_schema.f1 (integer)',
        '42883',
        'function h5_fn_schema.f1(integer) does not exist',
      ),
      // Without argument types the page's form is for datashare databases only.
      fails('show grants on function h5_fn_schema.f1', '0A000', LIMIT),
      run('drop schema h5_fn_schema cascade'),
      run('drop user h5_fn_bob'),
    ],
  },
  {
    title:
      'FOR a user: its own grants on the database, schemas and tables (not its roles’), FROM DATABASE',
    doc: SHOW_GRANTS,
    steps: [
      run('create user h5_for_alice password disable'),
      run('create role h5_for_r1'),
      run('grant role h5_for_r1 to h5_for_alice'),
      run('create schema h5_for_schema'),
      run('create table h5_for_schema.t1 (a int)'),
      run('grant create on database {db} to h5_for_alice'),
      run('grant usage, create on schema h5_for_schema to h5_for_alice'),
      run('grant select, update on h5_for_schema.t1 to h5_for_alice'),
      run('grant delete on h5_for_schema.t1 to role h5_for_r1'),
      rows('show grants for h5_for_alice', [
        identityGrant(null, null, 'DATABASE', 'CREATE', 'h5_for_alice', 'user'),
        identityGrant(
          'h5_for_schema',
          null,
          'SCHEMA',
          'CREATE',
          'h5_for_alice',
          'user',
        ),
        identityGrant(
          'h5_for_schema',
          null,
          'SCHEMA',
          'USAGE',
          'h5_for_alice',
          'user',
        ),
        identityGrant(
          'h5_for_schema',
          't1',
          'TABLE',
          'SELECT',
          'h5_for_alice',
          'user',
        ),
        identityGrant(
          'h5_for_schema',
          't1',
          'TABLE',
          'UPDATE',
          'h5_for_alice',
          'user',
        ),
      ]),
      rows('show grants for role h5_for_r1', [
        identityGrant(
          'h5_for_schema',
          't1',
          'TABLE',
          'DELETE',
          'h5_for_r1',
          'role',
        ),
      ]),
      rows('show grants for h5_for_alice from database {db} limit 1', [
        identityGrant(null, null, 'DATABASE', 'CREATE', 'h5_for_alice', 'user'),
      ]),
      rows('show grants for h5_for_alice from database h5_other_db', []),
      run('revoke update on h5_for_schema.t1 from h5_for_alice'),
      run('revoke create on database {db} from h5_for_alice'),
      rows('show grants for h5_for_alice', [
        identityGrant(
          'h5_for_schema',
          null,
          'SCHEMA',
          'CREATE',
          'h5_for_alice',
          'user',
        ),
        identityGrant(
          'h5_for_schema',
          null,
          'SCHEMA',
          'USAGE',
          'h5_for_alice',
          'user',
        ),
        identityGrant(
          'h5_for_schema',
          't1',
          'TABLE',
          'SELECT',
          'h5_for_alice',
          'user',
        ),
      ]),
      fails(
        'show grants for h5_no_such_user',
        '42704',
        'user "h5_no_such_user" does not exist',
      ),
      fails(
        'show grants for role h5_for_alice',
        '42704',
        'role "h5_for_alice" does not exist',
      ),
      fails(
        'show grants for h5_for_r1',
        '42704',
        'user "h5_for_r1" does not exist',
      ),
      // PUBLIC is a grantee of the ON forms only.
      fails('show grants for public', '42601', 'syntax error'),
      run('drop schema h5_for_schema cascade'),
      run('drop role h5_for_r1 force'),
      run('drop user h5_for_alice'),
    ],
  },
  {
    title:
      'who sees what: FOR needs the user itself, the role granted or a superuser; ON shows one’s own, PUBLIC’s and one’s roles’ grants',
    doc: SHOW_GRANTS,
    steps: [
      run('create user h5_vis_alice password disable'),
      run('create user h5_vis_bob password disable'),
      run('create role h5_vis_r1'),
      run('grant role h5_vis_r1 to h5_vis_bob'),
      run('create schema h5_vis_schema'),
      run('create table h5_vis_schema.t1 (a int)'),
      run('grant select on h5_vis_schema.t1 to h5_vis_alice'),
      run('grant insert on h5_vis_schema.t1 to h5_vis_bob'),
      run('grant update on h5_vis_schema.t1 to role h5_vis_r1'),
      run('grant references on h5_vis_schema.t1 to public'),
      run('set session authorization h5_vis_bob'),
      // No USAGE on the schema is needed to list the grants one may see.
      rows('show grants on table h5_vis_schema.t1', [
        objectGrant(
          'h5_vis_schema',
          't1',
          'TABLE',
          'INSERT',
          'h5_vis_bob',
          'user',
        ),
        objectGrant(
          'h5_vis_schema',
          't1',
          'TABLE',
          'UPDATE',
          'h5_vis_r1',
          'role',
        ),
        objectGrant(
          'h5_vis_schema',
          't1',
          'TABLE',
          'REFERENCES',
          'public',
          'public',
        ),
      ]),
      rows('show grants on table h5_vis_schema.t1 for h5_vis_alice', []),
      rows('show grants for h5_vis_bob', [
        identityGrant(
          'h5_vis_schema',
          't1',
          'TABLE',
          'INSERT',
          'h5_vis_bob',
          'user',
        ),
      ]),
      rows('show grants for role h5_vis_r1', [
        identityGrant(
          'h5_vis_schema',
          't1',
          'TABLE',
          'UPDATE',
          'h5_vis_r1',
          'role',
        ),
      ]),
      fails(
        'show grants for h5_vis_alice',
        '42501',
        'permission denied to show the grants of user "h5_vis_alice"',
      ),
      run('reset session authorization'),
      run('set session authorization h5_vis_alice'),
      fails(
        'show grants for role h5_vis_r1',
        '42501',
        'permission denied to show the grants of role "h5_vis_r1"',
      ),
      rows(
        "select relation_name, privilege_type, identity_name from svv_relation_privileges where namespace_name = 'h5_vis_schema' order by 2",
        [
          {
            relation_name: 't1',
            privilege_type: 'REFERENCES',
            identity_name: 'public',
          },
          {
            relation_name: 't1',
            privilege_type: 'SELECT',
            identity_name: 'h5_vis_alice',
          },
        ],
      ),
      run('reset session authorization'),
      run('drop schema h5_vis_schema cascade'),
      run('drop role h5_vis_r1 force'),
      run('drop user h5_vis_bob'),
      run('drop user h5_vis_alice'),
    ],
  },
  {
    title:
      'SVV_USER_GRANTS: a user who is not a superuser sees only the roles granted to it',
    doc: USER_GRANTS,
    steps: [
      run('create user h5_ug_alice password disable'),
      run('create user h5_ug_bob password disable'),
      run('create role h5_ug_r1'),
      run('create role h5_ug_r2'),
      run('grant role h5_ug_r1 to h5_ug_alice'),
      run('grant role h5_ug_r2 to h5_ug_bob'),
      rows(
        "select user_name, role_name from svv_user_grants where user_name like 'h5_ug_%' order by 1",
        [
          { user_name: 'h5_ug_alice', role_name: 'h5_ug_r1' },
          { user_name: 'h5_ug_bob', role_name: 'h5_ug_r2' },
        ],
      ),
      run('set session authorization h5_ug_alice'),
      rows(
        "select user_name, role_name from svv_user_grants where user_name like 'h5_ug_%'",
        [{ user_name: 'h5_ug_alice', role_name: 'h5_ug_r1' }],
      ),
      run('reset session authorization'),
      run('revoke role h5_ug_r1 from h5_ug_alice'),
      rows(
        "select user_name, role_name from svv_user_grants where user_name like 'h5_ug_%'",
        [{ user_name: 'h5_ug_bob', role_name: 'h5_ug_r2' }],
      ),
      run('drop role h5_ug_r1'),
      run('drop role h5_ug_r2 force'),
      run('drop user h5_ug_alice'),
      run('drop user h5_ug_bob'),
    ],
  },
  {
    title:
      'SVV_ROLE_GRANTS: a user who is not a superuser sees the rows of the roles it has, directly or through a role',
    doc: ROLE_GRANTS,
    steps: [
      run('create user h5_rg_alice password disable'),
      run('create user h5_rg_bob password disable'),
      run('create role h5_rg_r1'),
      run('create role h5_rg_r2'),
      run('create role h5_rg_r3'),
      run('grant role h5_rg_r1 to h5_rg_alice'),
      run('grant role h5_rg_r2 to h5_rg_bob'),
      run('grant role h5_rg_r2 to role h5_rg_r1'),
      run('grant role h5_rg_r3 to role h5_rg_r2'),
      run('set session authorization h5_rg_alice'),
      rows(
        "select role_name, granted_role_name from svv_role_grants where role_name like 'h5_rg_%' order by 1",
        [
          { role_name: 'h5_rg_r1', granted_role_name: 'h5_rg_r2' },
          { role_name: 'h5_rg_r2', granted_role_name: 'h5_rg_r3' },
        ],
      ),
      run('reset session authorization'),
      run('set session authorization h5_rg_bob'),
      rows(
        "select role_name, granted_role_name from svv_role_grants where role_name like 'h5_rg_%'",
        [{ role_name: 'h5_rg_r2', granted_role_name: 'h5_rg_r3' }],
      ),
      run('reset session authorization'),
      run('drop role h5_rg_r1 force'),
      run('drop role h5_rg_r2 force'),
      run('drop role h5_rg_r3 force'),
      run('drop user h5_rg_alice'),
      run('drop user h5_rg_bob'),
    ],
  },
  {
    title:
      'scoped permissions (FOR TABLES | SCHEMAS | FUNCTIONS IN ...) are an emulator limit, so privilege_scope is the object’s',
    doc: SCOPED,
    steps: [
      run('create user h5_sp_alice password disable'),
      fails(
        'grant select for tables in schema public to h5_sp_alice',
        '0A000',
        LIMIT,
      ),
      fails(
        'grant usage for schemas in database {db} to h5_sp_alice',
        '0A000',
        LIMIT,
      ),
      fails(
        'revoke execute for functions in schema public from h5_sp_alice',
        '0A000',
        LIMIT,
      ),
      rows('show grants for h5_sp_alice', []),
      run('drop user h5_sp_alice'),
    ],
  },
  {
    title: 'SVV_SCHEMA_PRIVILEGES: the page’s columns, privilege_scope last',
    doc: SCHEMA_PRIVILEGES,
    steps: [
      rows(
        `select attname::text as name from pg_attribute
         where attrelid = 'pg_catalog.svv_schema_privileges'::regclass and attnum > 0 order by attnum`,
        [
          'namespace_name',
          'privilege_type',
          'identity_id',
          'identity_name',
          'identity_type',
          'admin_option',
          'privilege_scope',
        ].map((name) => ({ name })),
      ),
    ],
  },
  {
    title: 'SVV_DATABASE_PRIVILEGES: the page’s columns, privilege_scope last',
    doc: DATABASE_PRIVILEGES,
    steps: [
      rows(
        `select attname::text as name from pg_attribute
         where attrelid = 'pg_catalog.svv_database_privileges'::regclass and attnum > 0 order by attnum`,
        [
          'database_name',
          'privilege_type',
          'identity_id',
          'identity_name',
          'identity_type',
          'admin_option',
          'privilege_scope',
        ].map((name) => ({ name })),
      ),
    ],
  },
  {
    title:
      'SHOW GRANTS: LIMIT is 0 to 10,000, ON TEMPLATE is an emulator limit, the forms’ syntax',
    doc: SHOW_GRANTS,
    steps: [
      run('create table h5_lim_t (a int)'),
      fails(
        'show grants on table public.h5_lim_t limit 10001',
        '22023',
        'row_limit can be 0 to 10000',
      ),
      rows('show grants on table public.h5_lim_t limit 10000', []),
      fails('show grants on template h5_template', '0A000', LIMIT),
      fails('show grants', '42601', 'syntax error'),
      fails('show grants on database', '42601', 'syntax error'),
      fails(
        'show grants on database h5_no_such_db',
        '3D000',
        'database "h5_no_such_db" does not exist',
      ),
      fails('show grants for awsuser limit -1', '42601', 'syntax error'),
      run('drop table h5_lim_t'),
    ],
  },
]

describeFidelityCases(
  'local emulator: SHOW GRANTS and the privilege views',
  'local_fidelity_show_grants',
  CASES,
)
