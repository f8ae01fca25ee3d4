import {
  describeFidelityCases,
  fails,
  rows,
  run,
  type FidelityCase as Case,
} from './fidelity-steps.js'
import { DG } from './function-answers.js'

// The SQL commands chapter (c_SQL_commands.html): the pages of its list no
// other file names, each with its examples as printed, and the identity
// provider commands, which the emulator records where
// SVV_IDENTITY_PROVIDERS reads them.

const page = (name: string) => `${DG}${name}`

const PARAMETERS = `'{"issuer":"https://sts.windows.net/2sdfdsf-d475-420d-b5ac-667adad7c702/",
"client_id":"87f4aa26-78b7-410e-bf29-57b39929ef9a",
"client_secret":"BUAH~ewrqewrqwerUUY^%tHe1oNZShoiU7",
"audience":["https://analysis.windows.net/powerbi/connector/AmazonRedshift"]
}'`

const SHOWN_PARAMETERS =
  '{"issuer":"https://sts.windows.net/2sdfdsf-d475-420d-b5ac-667adad7c702/", ' +
  '"client_id":"87f4aa26-78b7-410e-bf29-57b39929ef9a", "client_secret":\'\', ' +
  '"audience":["https://analysis.windows.net/powerbi/connector/AmazonRedshift"]}'

const NEW_PARAMETERS = `'{"issuer":"https://login.microsoftonline.com/e40d4bb2-7670-44ae-bfb8-5db013221d73/v2.0",
"client_id":"871c010f-5e61-4fb1-83ac-98610a7e9110",
"client_secret":"BUAH~ewrqewrqwerUUY^%tHe1oNZShoiU7",
"audience":["https://analysis.windows.net/powerbi/connector/AmazonRedshift", "https://analysis.windows.net/powerbi/connector/AWSRDS"]
}'`

const MOVIES = [
  { name: 'Raiders of the Lost Ark', gross: '23400000' },
  { name: 'Star Wars', gross: '10000000' },
]

/** The ABORT and ROLLBACK pages' example: the two inserts are undone. */
function undone(table: string, undo: string): Case['steps'] {
  return [
    run(`create table ${table}( name varchar(30), gross bigint )`),
    run('begin'),
    run(`insert into ${table} values ( 'Raiders of the Lost Ark', 23400000)`),
    run(`insert into ${table} values ( 'Star Wars', 10000000 )`),
    rows(`select * from ${table} order by name`, MOVIES),
    run(undo),
    rows(`select * from ${table}`, []),
    ...['work', 'transaction'].flatMap((word) => [
      run('begin'),
      run(`insert into ${table} values ('x', 1)`),
      run(`${undo} ${word}`),
    ]),
    rows(`select count(*)::int as n from ${table}`, [{ n: 0 }]),
    // PostgreSQL's AND CHAIN is not in the synopsis.
    run('begin'),
    fails(`${undo} and chain`, '42601', 'syntax error'),
    run('rollback'),
  ]
}

/** The COMMIT and END pages' examples: each form commits. */
function committed(table: string, verb: string): Case['steps'] {
  return [
    run(`create table ${table}(n int)`),
    ...['', ' work', ' transaction'].flatMap((word, n) => [
      run('begin'),
      run(`insert into ${table} values (${n})`),
      run(`${verb}${word}`),
    ]),
    run('rollback'),
    rows(`select n from ${table} order by n`, [{ n: 0 }, { n: 1 }, { n: 2 }]),
    run('begin'),
    fails(`${verb} and chain`, '42601', 'syntax error'),
    run('rollback'),
  ]
}

const CASES: readonly Case[] = [
  {
    title: 'ABORT [WORK | TRANSACTION] rolls the example’s inserts back',
    doc: page('r_ABORT.html'),
    steps: undone('cp6_abort_gross', 'abort'),
  },
  {
    title: 'ROLLBACK [WORK | TRANSACTION] rolls the example’s inserts back',
    doc: page('r_ROLLBACK.html'),
    steps: undone('cp6_rollback_gross', 'rollback'),
  },
  {
    title: 'COMMIT, COMMIT WORK and COMMIT TRANSACTION commit',
    doc: page('r_COMMIT.html'),
    steps: committed('cp6_committed', 'commit'),
  },
  {
    title: 'END, END WORK and END TRANSACTION commit, as COMMIT does',
    doc: page('r_END.html'),
    steps: committed('cp6_ended', 'end'),
  },
  {
    title: 'START TRANSACTION is BEGIN, with its isolation and access modes',
    doc: page('r_START_TRANSACTION.html'),
    steps: [
      run('create table cp6_started(n int)'),
      run('start transaction'),
      run('insert into cp6_started values (1)'),
      run('commit'),
      run('start transaction isolation level serializable read only'),
      fails(
        'insert into cp6_started values (2)',
        '25006',
        'read-only transaction',
      ),
      run('rollback'),
      run('start transaction read write'),
      run('insert into cp6_started values (3)'),
      run('end'),
      rows('select n from cp6_started order by n', [{ n: 1 }, { n: 3 }]),
      // PostgreSQL's DEFERRABLE mode is not in BEGIN's synopsis.
      fails(
        'start transaction isolation level serializable deferrable',
        '42601',
        'syntax error',
      ),
    ],
  },
  {
    title: 'CLOSE closes one cursor; COMMIT closes the others',
    doc: page('close.html'),
    steps: [
      run('create table cp6_movies(name varchar(30))'),
      run("insert into cp6_movies values ('Star Wars')"),
      run('begin'),
      run('declare movie_cursor cursor for select * from cp6_movies'),
      rows('fetch next from movie_cursor', [{ name: 'Star Wars' }]),
      run('close movie_cursor'),
      fails(
        'fetch next from movie_cursor',
        '34000',
        'cursor "movie_cursor" does not exist',
      ),
      run('commit'),
      run('begin'),
      run('declare movie_cursor cursor for select * from cp6_movies'),
      run('commit'),
      run('begin'),
      // The commit closed it.
      fails(
        'close movie_cursor',
        '34000',
        'cursor "movie_cursor" does not exist',
      ),
      run('rollback'),
      // CLOSE names one cursor: PostgreSQL's CLOSE ALL is not Redshift's.
      fails('close all', '42601', 'syntax error'),
    ],
  },
  {
    title:
      'EXECUTE runs a prepared statement with a compatible set of parameters',
    doc: page('r_EXECUTE.html'),
    steps: [
      run('prepare cp6_plan (int, varchar) as select $1 + 1 as n, $2 as s'),
      rows("execute cp6_plan (41, 'a')", [{ n: 42, s: 'a' }]),
      fails(
        'execute cp6_plan (1)',
        '42601',
        'wrong number of parameters for prepared statement "cp6_plan"',
      ),
      fails("execute cp6_plan ('x', 'a')", '22P02', 'invalid input syntax'),
      // Not overloaded: one name per session.
      fails(
        'prepare cp6_plan (int) as select $1',
        '42P05',
        'prepared statement "cp6_plan" already exists',
      ),
      run('deallocate cp6_plan'),
      fails(
        'execute cp6_plan (1, 2)',
        '26000',
        'prepared statement "cp6_plan" does not exist',
      ),
    ],
  },
  {
    title:
      'SHOW shows a parameter, ALL of them, and a session context variable',
    doc: page('r_SHOW.html'),
    steps: [
      rows('show query_group', [{ query_group: 'unset' }]),
      rows('show statement_timeout', [{ statement_timeout: '0' }]),
      run("set app_context.user_id to 'u-17'"),
      rows('show app_context.user_id', [{ 'app_context.user_id': 'u-17' }]),
      // "If the variable doesn't exist, Amazon Redshift throws an error."
      fails(
        'show app_context.not_set',
        '42704',
        'unrecognized configuration parameter "app_context.not_set"',
      ),
      fails(
        'show no_such_parameter',
        '42704',
        'unrecognized configuration parameter "no_such_parameter"',
      ),
    ],
  },
  {
    title:
      'DETACH RLS POLICY ... FROM ROLE a, ROLE b detaches the policy from each',
    doc: page('r_DETACH_RLS_POLICY.html'),
    steps: [
      run('create table cp6_category (catid int, catgroup varchar(10))'),
      run('create role cp6_analyst'),
      run('create role cp6_dbadmin'),
      run(
        "create rls policy cp6_policy_concerts with (catgroup varchar(10)) using (catgroup = 'Concerts')",
      ),
      run(
        'attach rls policy cp6_policy_concerts on cp6_category to role cp6_analyst, role cp6_dbadmin',
      ),
      rows(
        "select grantee from svv_rls_attached_policy where polname = 'cp6_policy_concerts' order by 1",
        [{ grantee: 'cp6_analyst' }, { grantee: 'cp6_dbadmin' }],
      ),
      run(
        'detach rls policy cp6_policy_concerts on cp6_category from role cp6_analyst, role cp6_dbadmin',
      ),
      rows(
        "select grantee from svv_rls_attached_policy where polname = 'cp6_policy_concerts'",
        [],
      ),
      run('drop rls policy cp6_policy_concerts'),
      run('drop role cp6_analyst'),
      run('drop role cp6_dbadmin'),
    ],
  },
  {
    title:
      'DROP MODEL and DROP LIBRARY: emulator limits (no Redshift ML, no Python UDFs)',
    doc: page('r_DROP_MODEL.html'),
    steps: [
      fails(
        'drop model demo_ml.customer_churn',
        '0A000',
        'in the local emulator is not supported',
      ),
      fails(
        'drop model if exists cp6_model',
        '0A000',
        'in the local emulator is not supported',
      ),
      fails(
        'drop library cp6_library',
        '0A000',
        'not supported by the local emulator (an emulator limit',
      ),
    ],
  },
  {
    title:
      'CREATE IDENTITY PROVIDER records the provider; DESC and SVV_IDENTITY_PROVIDERS show it without its secret',
    doc: page('r_CREATE_IDENTITY_PROVIDER.html'),
    steps: [
      run(
        `CREATE IDENTITY PROVIDER cp6_oauth_standard TYPE azure\nNAMESPACE 'aad'\nPARAMETERS ${PARAMETERS}`,
      ),
      rows(
        "SELECT name, type, instanceid, namespc, params, enabled FROM svv_identity_providers WHERE name = 'cp6_oauth_standard'",
        [
          {
            name: 'cp6_oauth_standard',
            type: 'azure',
            instanceid: '2sdfdsf-d475-420d-b5ac-667adad7c702',
            namespc: 'aad',
            params: SHOWN_PARAMETERS,
            enabled: true,
          },
        ],
      ),
      // The database's first identity provider (its uid is the first of the sequence).
      rows('DESC IDENTITY PROVIDER cp6_oauth_standard', [
        {
          uid: 126600,
          name: 'cp6_oauth_standard',
          type: 'azure',
          instanceid: '2sdfdsf-d475-420d-b5ac-667adad7c702',
          namespc: 'aad',
          params: SHOWN_PARAMETERS,
          enabled: true,
        },
      ]),
      // The secret is not in the statement logs either.
      rows(
        "select count(*)::int as n from svl_statementtext where text like '%BUAH~%'",
        [{ n: 0 }],
      ),
      rows(
        "select count(*)::int as n from svl_statementtext where text like '%cp6_oauth_standard TYPE azure%PARAMETERS ''***''%'",
        [{ n: 1 }],
      ),
      fails(
        `create identity provider cp6_oauth_standard type azure namespace 'aad' parameters '{}'`,
        '42710',
        'identity provider "cp6_oauth_standard" already exists',
      ),
      // "Azure is currently the only supported identity provider."
      fails(
        `create identity provider cp6_other type okta namespace 'okta' parameters '{}'`,
        '22023',
        'identity provider type "okta" is not supported',
      ),
      fails(
        `create identity provider cp6_other type azure namespace 'aad' parameters 'issuer=x'`,
        '22023',
        'not a JSON object',
      ),
      fails(
        `create identity provider cp6_other type azure parameters '{}'`,
        '42601',
        'syntax error',
      ),
      run('drop identity provider cp6_oauth_standard'),
    ],
  },
  {
    title:
      'ALTER IDENTITY PROVIDER replaces the parameters, the namespace, and disables or enables it',
    doc: page('r_ALTER_IDENTITY_PROVIDER.html'),
    steps: [
      run(
        `create identity provider cp6_azure_idp type azure namespace 'aad' parameters ${PARAMETERS}`,
      ),
      run(
        `ALTER IDENTITY PROVIDER cp6_azure_idp\nPARAMETERS ${NEW_PARAMETERS}`,
      ),
      run(`alter identity provider cp6_azure_idp namespace 'abc' disable`),
      rows(
        "select name, type, instanceid, namespc, params, enabled from svv_identity_providers where name = 'cp6_azure_idp'",
        [
          {
            name: 'cp6_azure_idp',
            type: 'azure',
            instanceid: 'e40d4bb2-7670-44ae-bfb8-5db013221d73',
            namespc: 'abc',
            params:
              '{"issuer":"https://login.microsoftonline.com/e40d4bb2-7670-44ae-bfb8-5db013221d73/v2.0", ' +
              '"client_id":"871c010f-5e61-4fb1-83ac-98610a7e9110", "client_secret":\'\', ' +
              '"audience":["https://analysis.windows.net/powerbi/connector/AmazonRedshift", "https://analysis.windows.net/powerbi/connector/AWSRDS"]}',
            enabled: false,
          },
        ],
      ),
      run('alter identity provider cp6_azure_idp enable'),
      rows(
        "select enabled from svv_identity_providers where name = 'cp6_azure_idp'",
        [{ enabled: true }],
      ),
      fails('alter identity provider cp6_azure_idp', '42601', 'syntax error'),
      fails(
        'desc identity provider cp6_no_such_idp',
        '42704',
        'identity provider "cp6_no_such_idp" does not exist',
      ),
      fails(
        `alter identity provider cp6_no_such_idp namespace 'x'`,
        '42704',
        'identity provider "cp6_no_such_idp" does not exist',
      ),
      run('drop identity provider cp6_azure_idp'),
    ],
  },
  {
    title:
      'DROP IDENTITY PROVIDER [CASCADE]: its users keep it unless CASCADE drops them too',
    doc: page('r_DROP_IDENTITY_PROVIDER.html'),
    steps: [
      run(
        `create identity provider cp6_oauth_provider type azure namespace 'cp6ns' parameters ${PARAMETERS}`,
      ),
      run('create user "cp6ns:alice" password disable'),
      fails(
        'drop identity provider cp6_oauth_provider',
        '2BP01',
        '"cp6ns:alice" is attached to it',
      ),
      run('DROP IDENTITY PROVIDER cp6_oauth_provider CASCADE'),
      rows("select usename from pg_user where usename like 'cp6ns:%'", []),
      rows(
        "select count(*)::int as n from svv_identity_providers where name = 'cp6_oauth_provider'",
        [{ n: 0 }],
      ),
      fails(
        'drop identity provider cp6_oauth_provider',
        '42704',
        'identity provider "cp6_oauth_provider" does not exist',
      ),
    ],
  },
  {
    title:
      'identity providers: only a superuser creates, describes or drops one, or sees SVV_IDENTITY_PROVIDERS’ rows',
    doc: page('r_SVV_IDENTITY_PROVIDERS.html'),
    steps: [
      run(
        `create identity provider cp6_seen type azure namespace 'seen' parameters ${PARAMETERS}`,
      ),
      run("create user cp6_plain password 'Abcd1234'"),
      run('set session authorization cp6_plain'),
      rows('select count(*)::int as n from svv_identity_providers', [{ n: 0 }]),
      fails(
        `create identity provider cp6_mine type azure namespace 'mine' parameters '{}'`,
        '42501',
        'permission denied to create identity provider',
      ),
      fails(
        'desc identity provider cp6_seen',
        '42501',
        'permission denied to describe identity provider',
      ),
      fails(
        'drop identity provider cp6_seen',
        '42501',
        'permission denied to drop identity provider',
      ),
      run('reset session authorization'),
      run('drop user cp6_plain'),
      run('drop identity provider cp6_seen'),
    ],
  },
]

describeFidelityCases(
  'local emulator: the SQL command pages',
  'local_fidelity_command_pages',
  CASES,
)
