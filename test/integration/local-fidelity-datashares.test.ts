import { expect } from 'vitest'

import {
  describeFidelityCases,
  fails,
  rows,
  run,
  type FidelityCase as Case,
} from './fidelity-steps.js'
import { DG } from './function-answers.js'

// The producer side of data sharing, page by page. The pages give the
// syntax, the privileges and the example outputs, not the refusals' words
// or SQLSTATEs: the cases check the code the emulator uses and the words it
// names. The account and namespace are the emulator's own
// (r_CURRENT_AWS_ACCOUNT.html, r_CURRENT_NAMESPACE.html).

const CREATE = `${DG}r_CREATE_DATASHARE.html`
const ALTER = `${DG}r_ALTER_DATASHARE.html`
const DROP = `${DG}r_DROP_DATASHARE.html`
const GRANT = `${DG}r_GRANT.html`
const REVOKE = `${DG}r_REVOKE.html`
const SHOW = `${DG}r_SHOW_DATASHARES.html`
const DESC = `${DG}r_DESC_DATASHARE.html`
const SVV_DATASHARES = `${DG}r_SVV_DATASHARES.html`
const SVV_OBJECTS = `${DG}r_SVV_DATASHARE_OBJECTS.html`
const SVV_CONSUMERS = `${DG}r_SVV_DATASHARE_CONSUMERS.html`
const CREATE_DATABASE = `${DG}r_CREATE_DATABASE.html`
const ACCOUNT = '987654321'
const NAMESPACE = '86b5169f-01dc-4a6f-9fbb-e2e24359e9a8'
const CONSUMER = '13b8833d-17c6-4f16-8fe4-1a018f5ed00d'
const LIMIT = 'in the local emulator is not supported'

const producer = (share: string) => ({
  producer_account: ACCOUNT,
  producer_namespace: NAMESPACE,
  share_type: 'OUTBOUND',
  share_name: share,
})

const CASES: readonly Case[] = [
  {
    title: 'CREATE DATASHARE: the example, then SHOW DATASHARES lists it',
    doc: CREATE,
    steps: [
      run('create datashare salesshare'),
      rows(
        "select share_name, share_type, source_database, consumer_database, is_publicaccessible, share_acl, producer_account, producer_namespace, createdate is not null as dated from svv_datashares where share_name = 'salesshare'",
        [
          {
            share_name: 'salesshare',
            share_type: 'OUTBOUND',
            source_database: '{db}',
            consumer_database: null,
            is_publicaccessible: false,
            share_acl: null,
            producer_account: ACCOUNT,
            producer_namespace: NAMESPACE,
            dated: true,
          },
        ],
      ),
      rows(
        "select share_owner = current_user_id as owned from svv_datashares where share_name = 'salesshare'",
        [{ owned: true }],
      ),
      fails('create datashare salesshare', '42710', 'already exists'),
      run('drop datashare salesshare'),
    ],
  },
  {
    title: 'CREATE DATASHARE [SET] PUBLICACCESSIBLE [=] TRUE | FALSE',
    doc: CREATE,
    steps: [
      run('create datashare pa1 set publicaccessible true'),
      run('create datashare pa2 publicaccessible = true'),
      run('create datashare pa3 set publicaccessible = false'),
      rows(
        "select share_name, is_publicaccessible from svv_datashares where share_name like 'pa_' order by 1",
        [
          { share_name: 'pa1', is_publicaccessible: true },
          { share_name: 'pa2', is_publicaccessible: true },
          { share_name: 'pa3', is_publicaccessible: false },
        ],
      ),
      fails(
        'create datashare pa4 set publicaccessible maybe',
        '42601',
        'maybe',
      ),
      fails(
        'create datashare demoshare set publicaccessible true, managedby adx',
        '0A000',
        LIMIT,
      ),
      run('drop datashare pa1'),
      run('drop datashare pa2'),
      run('drop datashare pa3'),
    ],
  },
  {
    title: 'CREATE DATASHARE needs a superuser or the database owner',
    doc: CREATE,
    steps: [
      run('drop user if exists ds_plain'),
      run("create user ds_plain password 'Abcdefg1'"),
      run("set session authorization 'ds_plain'"),
      fails('create datashare plainshare', '42501', 'permission denied'),
      run('reset session authorization'),
      run('drop user ds_plain'),
    ],
  },
  {
    title:
      'ALTER DATASHARE ADD SCHEMA, TABLE: the examples, seen by DESC DATASHARE',
    doc: ALTER,
    steps: [
      run(
        'create table public.tickit_sales_redshift (salesid int, qtysold smallint)',
      ),
      run('create datashare salesshare'),
      run('alter datashare salesshare add schema public'),
      run('alter datashare salesshare add table public.tickit_sales_redshift'),
      rows('desc datashare salesshare', [
        {
          ...producer('salesshare'),
          object_type: 'SCHEMA',
          object_name: 'public',
          include_new: false,
        },
        {
          ...producer('salesshare'),
          object_type: 'TABLE',
          object_name: 'public.tickit_sales_redshift',
          include_new: null,
        },
      ]),
      run(
        'alter datashare salesshare remove table public.tickit_sales_redshift',
      ),
      rows(
        "select object_type, object_name from svv_datashare_objects where share_name = 'salesshare'",
        [{ object_type: 'SCHEMA', object_name: 'public' }],
      ),
      run('drop datashare salesshare'),
      run('drop table public.tickit_sales_redshift'),
    ],
  },
  {
    title: 'ALTER DATASHARE: a schema must be added before its objects',
    doc: ALTER,
    steps: [
      run('create schema ds_first'),
      run('create table ds_first.t (a int)'),
      run('create datashare firstshare'),
      fails(
        'alter datashare firstshare add table ds_first.t',
        '55000',
        'schema "ds_first" is not in datashare firstshare',
      ),
      fails(
        'alter datashare firstshare add all tables in schema ds_first',
        '55000',
        'is not in datashare',
      ),
      run('alter datashare firstshare add schema ds_first'),
      run('alter datashare firstshare add table ds_first.t'),
      fails(
        'alter datashare firstshare remove schema ds_first',
        '2BP01',
        'objects in it',
      ),
      run('drop datashare firstshare'),
      run('drop schema ds_first cascade'),
    ],
  },
  {
    title:
      'ALTER DATASHARE ADD ALL TABLES IN SCHEMA: tables, views and materialized views',
    doc: ALTER,
    steps: [
      run('create schema ds_all'),
      run('create table ds_all.t1 (a int)'),
      run('create table ds_all.t2 (a int)'),
      run('create view ds_all.v as select a from ds_all.t1'),
      run('create materialized view ds_all.mv as select a from ds_all.t2'),
      run('create datashare allshare'),
      run('alter datashare allshare add schema ds_all'),
      run('alter datashare allshare add all tables in schema ds_all'),
      rows(
        "select object_type, object_name from svv_datashare_objects where share_name = 'allshare' order by 2",
        [
          { object_type: 'SCHEMA', object_name: 'ds_all' },
          { object_type: 'MATERIALIZED VIEW', object_name: 'ds_all.mv' },
          { object_type: 'TABLE', object_name: 'ds_all.t1' },
          { object_type: 'TABLE', object_name: 'ds_all.t2' },
          { object_type: 'VIEW', object_name: 'ds_all.v' },
        ],
      ),
      run('alter datashare allshare remove all tables in schema ds_all'),
      rows(
        "select count(*)::int as n from svv_datashare_objects where share_name = 'allshare'",
        [{ n: 1 }],
      ),
      run('drop datashare allshare'),
      run('drop schema ds_all cascade'),
    ],
  },
  {
    title: 'ALTER DATASHARE ADD FUNCTION and ALL FUNCTIONS IN SCHEMA',
    doc: ALTER,
    steps: [
      run('create schema ds_fn'),
      run(
        'create function ds_fn.f_add(int, int) returns int immutable as $$ select $1 + $2 $$ language sql',
      ),
      run(
        'create function ds_fn.f_one() returns int immutable as $$ select 1 $$ language sql',
      ),
      run('create datashare fnshare'),
      run('alter datashare fnshare add schema ds_fn'),
      run('alter datashare fnshare add function ds_fn.f_add(int, int)'),
      rows(
        "select object_type, object_name from svv_datashare_objects where share_name = 'fnshare' order by 2",
        [
          { object_type: 'SCHEMA', object_name: 'ds_fn' },
          { object_type: 'FUNCTION', object_name: 'ds_fn.f_add' },
        ],
      ),
      fails(
        'alter datashare fnshare add function ds_fn.f_add(int)',
        '42883',
        'function ds_fn.f_add(int) does not exist',
      ),
      run('alter datashare fnshare add all functions in schema ds_fn'),
      rows(
        "select count(*)::int as n from svv_datashare_objects where share_name = 'fnshare' and object_type = 'FUNCTION'",
        [{ n: 2 }],
      ),
      run('drop datashare fnshare'),
      run('drop schema ds_fn cascade'),
    ],
  },
  {
    title:
      'ALTER DATASHARE: missing objects, objects of another database, lists',
    doc: ALTER,
    steps: [
      run('create schema ds_miss'),
      run('create table ds_miss.a (x int)'),
      run('create table ds_miss.b (x int)'),
      run('create datashare missshare'),
      fails(
        'alter datashare nosuchshare add schema ds_miss',
        '42704',
        'datashare "nosuchshare" does not exist',
      ),
      fails(
        'alter datashare missshare add schema ds_nosuch',
        '3F000',
        'schema "ds_nosuch" does not exist',
      ),
      run('alter datashare missshare add schema ds_miss, public'),
      fails(
        'alter datashare missshare add table ds_miss.nosuch',
        '42P01',
        'relation "ds_miss.nosuch" does not exist',
      ),
      fails(
        'alter datashare missshare add table otherdb.ds_miss.a',
        '0A000',
        'another database',
      ),
      fails('alter datashare missshare add table a', '42601', 'syntax error'),
      run('alter datashare missshare add table ds_miss.a, ds_miss.b'),
      rows(
        "select object_name from svv_datashare_objects where share_name = 'missshare' order by 1",
        [
          { object_name: 'ds_miss' },
          { object_name: 'ds_miss.a' },
          { object_name: 'ds_miss.b' },
          { object_name: 'public' },
        ],
      ),
      fails(
        'alter datashare missshare remove table public.nothere',
        '42P01',
        'does not exist',
      ),
      run('drop table ds_miss.b'),
      rows(
        "select object_name from svv_datashare_objects where share_name = 'missshare' and object_type = 'TABLE'",
        [{ object_name: 'ds_miss.a' }],
      ),
      run('drop datashare missshare'),
      run('drop schema ds_miss cascade'),
    ],
  },
  {
    title:
      'ALTER DATASHARE SET PUBLICACCESSIBLE, and SET INCLUDENEW adds later tables',
    doc: ALTER,
    steps: [
      run('create schema ds_new'),
      run('create table ds_new.old_t (a int)'),
      run('create datashare newshare'),
      run('alter datashare newshare set publicaccessible = true'),
      rows(
        "select is_publicaccessible from svv_datashares where share_name = 'newshare'",
        [{ is_publicaccessible: true }],
      ),
      fails(
        'alter datashare newshare set includenew = true for schema ds_new',
        '55000',
        'is not in datashare',
      ),
      run('alter datashare newshare add schema ds_new'),
      run('alter datashare newshare set includenew = true for schema ds_new'),
      run('create table ds_new.new_t (a int)'),
      run('create view ds_new.new_v as select a from ds_new.new_t'),
      rows(
        "select object_type, object_name, include_new from svv_datashare_objects where share_name = 'newshare' order by 2",
        [
          { object_type: 'SCHEMA', object_name: 'ds_new', include_new: true },
          {
            object_type: 'TABLE',
            object_name: 'ds_new.new_t',
            include_new: null,
          },
          {
            object_type: 'VIEW',
            object_name: 'ds_new.new_v',
            include_new: null,
          },
        ],
      ),
      run('alter datashare newshare set includenew false for schema ds_new'),
      run('create table ds_new.later_t (a int)'),
      rows(
        "select count(*)::int as n from svv_datashare_objects where share_name = 'newshare'",
        [{ n: 3 }],
      ),
      run('drop datashare newshare'),
      run('drop schema ds_new cascade'),
    ],
  },
  {
    title:
      'ALTER DATASHARE: the owner, ALTER holders and superusers; INCLUDENEW is for superusers',
    doc: ALTER,
    steps: [
      run('drop user if exists ds_alterer'),
      run("create user ds_alterer password 'Abcdefg1'"),
      run('create schema ds_priv'),
      run('create table ds_priv.t (a int)'),
      run('create datashare privshare'),
      run("set session authorization 'ds_alterer'"),
      fails(
        'alter datashare privshare add schema ds_priv',
        '42501',
        'permission denied for datashare privshare',
      ),
      fails('drop datashare privshare', '42501', 'must be owner'),
      rows(
        "select count(*)::int as n from svv_datashares where share_name = 'privshare'",
        [{ n: 0 }],
      ),
      run('reset session authorization'),
      run('grant alter on datashare privshare to ds_alterer'),
      run('grant usage on schema ds_priv to ds_alterer'),
      run("set session authorization 'ds_alterer'"),
      run('alter datashare privshare add schema ds_priv'),
      fails(
        'alter datashare privshare add table ds_priv.t',
        '42501',
        'permission denied for relation ds_priv.t',
      ),
      fails(
        'alter datashare privshare set includenew = true for schema ds_priv',
        '42501',
        'superuser',
      ),
      rows(
        "select share_name from svv_datashares where share_name = 'privshare'",
        [{ share_name: 'privshare' }],
      ),
      run('reset session authorization'),
      run('grant select on ds_priv.t to ds_alterer'),
      run("set session authorization 'ds_alterer'"),
      run('alter datashare privshare add table ds_priv.t'),
      run('reset session authorization'),
      run('revoke alter on datashare privshare from ds_alterer'),
      run("set session authorization 'ds_alterer'"),
      fails(
        'alter datashare privshare remove table ds_priv.t',
        '42501',
        'permission denied',
      ),
      run('reset session authorization'),
      run('drop datashare privshare'),
      run('drop schema ds_priv cascade'),
      run('drop user ds_alterer'),
    ],
  },
  {
    title: 'DROP DATASHARE: the example; a missing one is an error',
    doc: DROP,
    steps: [
      run('create datashare dropshare'),
      run('drop datashare dropshare'),
      rows(
        "select count(*)::int as n from svv_datashares where share_name = 'dropshare'",
        [{ n: 0 }],
      ),
      fails('drop datashare dropshare', '42704', 'does not exist'),
    ],
  },
  {
    title:
      'GRANT USAGE ON DATASHARE TO NAMESPACE and ACCOUNT: SVV_DATASHARE_CONSUMERS',
    doc: GRANT,
    steps: [
      run('create datashare consumershare'),
      run(`grant usage on datashare consumershare to namespace '${CONSUMER}'`),
      run("grant usage on datashare consumershare to account '123456789012'"),
      rows(
        "select share_name, consumer_account, consumer_namespace, share_date is not null as dated from svv_datashare_consumers where share_name = 'consumershare' order by 2, 3",
        [
          {
            share_name: 'consumershare',
            consumer_account: '123456789012',
            consumer_namespace: null,
            dated: true,
          },
          {
            share_name: 'consumershare',
            consumer_account: ACCOUNT,
            consumer_namespace: CONSUMER,
            dated: true,
          },
        ],
      ),
      fails(
        "grant usage on datashare consumershare to namespace 'not-a-guid'",
        '22023',
        'invalid namespace',
      ),
      fails(
        "grant usage on datashare consumershare to account '12'",
        '22023',
        'invalid AWS account ID',
      ),
      fails(
        "grant alter on datashare consumershare to namespace '13b8833d-17c6-4f16-8fe4-1a018f5ed00d'",
        '0LP01',
        'only USAGE',
      ),
      fails(
        'grant usage on datashare consumershare to public',
        '0LP01',
        'NAMESPACE or an ACCOUNT',
      ),
      fails(
        "grant usage on datashare consumershare to account '123456789012' via data catalog",
        '0A000',
        LIMIT,
      ),
      fails(
        `grant usage on datashare nosuch to namespace '${CONSUMER}'`,
        '42704',
        'datashare "nosuch" does not exist',
      ),
      run(
        `revoke usage on datashare consumershare from namespace '${CONSUMER}'`,
      ),
      rows(
        "select count(*)::int as n from svv_datashare_consumers where share_name = 'consumershare'",
        [{ n: 1 }],
      ),
      run('drop datashare consumershare'),
      rows(
        "select count(*)::int as n from svv_datashare_consumers where share_name = 'consumershare'",
        [{ n: 0 }],
      ),
    ],
  },
  {
    title:
      'GRANT SHARE ON DATASHARE lets a user add consumers; REVOKE takes it back',
    doc: REVOKE,
    steps: [
      run('drop user if exists ds_sharer'),
      run("create user ds_sharer password 'Abcdefg1'"),
      run('create datashare sharershare'),
      run("set session authorization 'ds_sharer'"),
      fails(
        `grant usage on datashare sharershare to namespace '${CONSUMER}'`,
        '42501',
        'permission denied',
      ),
      fails(
        'grant share on datashare sharershare to ds_sharer',
        '42501',
        'permission denied',
      ),
      run('reset session authorization'),
      run('grant share on datashare sharershare to ds_sharer'),
      fails(
        'grant share on datashare sharershare to ds_nobody',
        '42704',
        'user "ds_nobody" does not exist',
      ),
      fails(
        'grant share on datashare sharershare to ds_sharer with grant option',
        '0A000',
        LIMIT,
      ),
      run("set session authorization 'ds_sharer'"),
      run(`grant usage on datashare sharershare to namespace '${CONSUMER}'`),
      fails(
        'alter datashare sharershare set publicaccessible true',
        '42501',
        'permission denied',
      ),
      run('reset session authorization'),
      run('revoke share on datashare sharershare from ds_sharer'),
      run("set session authorization 'ds_sharer'"),
      fails(
        `revoke usage on datashare sharershare from namespace '${CONSUMER}'`,
        '42501',
        'permission denied',
      ),
      run('reset session authorization'),
      run('grant alter, share on datashare sharershare to public'),
      run("set session authorization 'ds_sharer'"),
      run('alter datashare sharershare set publicaccessible true'),
      run('reset session authorization'),
      run('drop datashare sharershare'),
      run('drop user ds_sharer'),
    ],
  },
  {
    title: 'SHOW DATASHARES [LIKE]: the example columns',
    doc: SHOW,
    steps: [
      run('create datashare salesshare_show'),
      run('create datashare othershare_show'),
      rows("show datashares like 'sales%'", [
        {
          share_name: 'salesshare_show',
          share_owner: expect.any(Number),
          source_database: '{db}',
          consumer_database: null,
          share_type: 'OUTBOUND',
          createdate: expect.any(Date),
          is_publicaccessible: false,
          share_acl: null,
          producer_account: ACCOUNT,
          producer_namespace: NAMESPACE,
        },
      ]),
      rows(
        "select count(*)::int as n from (select 1 from svv_datashares where share_name like '%_show') s",
        [{ n: 2 }],
      ),
      run('drop datashare salesshare_show'),
      run('drop datashare othershare_show'),
    ],
  },
  {
    title: 'SHOW DATASHARES without LIKE: the example',
    doc: SHOW,
    steps: [
      run('create datashare showall_a'),
      rows('show datashares', [
        {
          share_name: 'showall_a',
          share_owner: expect.any(Number),
          source_database: '{db}',
          consumer_database: null,
          share_type: 'OUTBOUND',
          createdate: expect.any(Date),
          is_publicaccessible: false,
          share_acl: null,
          producer_account: ACCOUNT,
          producer_namespace: NAMESPACE,
        },
      ]),
      run('drop datashare showall_a'),
      rows('show datashares', []),
    ],
  },
  {
    title: 'a datashare made in a transaction block goes with its ROLLBACK',
    doc: CREATE,
    steps: [
      run('begin'),
      run('create datashare txshare'),
      rows(
        "select count(*)::int as n from svv_datashares where share_name = 'txshare'",
        [{ n: 1 }],
      ),
      run('rollback'),
      rows(
        "select count(*)::int as n from svv_datashares where share_name = 'txshare'",
        [{ n: 0 }],
      ),
    ],
  },
  {
    title: 'ALTER DATASHARE: the system schemas are not shared',
    doc: ALTER,
    steps: [
      run('create datashare sysshare'),
      fails(
        'alter datashare sysshare add schema pg_catalog',
        '42501',
        'system schema',
      ),
      fails(
        'alter datashare sysshare add schema information_schema',
        '42501',
        'system schema',
      ),
      fails(
        'alter datashare sysshare add schema redshift_local',
        '3F000',
        'does not exist',
      ),
      run('drop datashare sysshare'),
    ],
  },
  {
    title:
      'DESC DATASHARE: a missing datashare, and the consumer form is a limit',
    doc: DESC,
    steps: [
      fails('desc datashare nosuchshare', '42704', 'does not exist'),
      fails(
        `desc datashare salesshare of account '123456789012' namespace '${CONSUMER}'`,
        '0A000',
        LIMIT,
      ),
    ],
  },
  {
    title: 'SVV_DATASHARES: the sample query',
    doc: SVV_DATASHARES,
    steps: [
      run('create datashare tickit_datashare set publicaccessible true'),
      rows(
        "SELECT share_owner = current_user_id as owned, source_database, share_type, is_publicaccessible FROM svv_datashares WHERE share_name LIKE 'tickit_datashare%' AND source_database = '{db}'",
        [
          {
            owned: true,
            source_database: '{db}',
            share_type: 'OUTBOUND',
            is_publicaccessible: true,
          },
        ],
      ),
      run('drop datashare tickit_datashare'),
    ],
  },
  {
    title:
      'SVV_DATASHARE_OBJECTS and SVV_DATASHARE_CONSUMERS: the sample queries',
    doc: SVV_CONSUMERS,
    steps: [
      run('create datashare tickit_datashare_c'),
      run(
        `grant usage on datashare tickit_datashare_c to namespace '${CONSUMER}'`,
      ),
      rows(
        "SELECT count(*)::int as n FROM svv_datashare_consumers WHERE share_name LIKE 'tickit_datashare%'",
        [{ n: 1 }],
      ),
      rows(
        "select share_type, share_name, object_type, object_name, producer_account, producer_namespace, include_new from svv_datashare_objects where share_name = 'tickit_datashare_c'",
        [],
      ),
      run('drop datashare tickit_datashare_c'),
    ],
  },
  {
    title: 'SVV_DATASHARE_OBJECTS: a renamed table keeps its place',
    doc: SVV_OBJECTS,
    steps: [
      run('create schema ds_ren'),
      run('create table ds_ren.before_t (a int)'),
      run('create datashare renshare'),
      run('alter datashare renshare add schema ds_ren'),
      run('alter datashare renshare add table ds_ren.before_t'),
      run('alter table ds_ren.before_t rename to after_t'),
      rows(
        "select object_name from svv_datashare_objects where share_name = 'renshare' and object_type = 'TABLE'",
        [{ object_name: 'ds_ren.after_t' }],
      ),
      run('drop datashare renshare'),
      run('drop schema ds_ren cascade'),
    ],
  },
  {
    title: 'CREATE DATABASE ... FROM DATASHARE (the consumer side) is a limit',
    doc: CREATE_DATABASE,
    steps: [
      fails(
        `create database sales_db from datashare salesshare of namespace '${CONSUMER}'`,
        '0A000',
        LIMIT,
      ),
    ],
  },
]

describeFidelityCases(
  'local emulator: data sharing, the producer side (audit)',
  'local_fidelity_datashares',
  CASES,
)
