import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import pg from 'pg'
import { describe, expect, it } from 'vitest'

import { startEmbeddedPostgres } from '../../src/local/runtime/embedded-postgres.js'
import {
  postgresAccount,
  type PostgresAccount,
} from '../../src/local/runtime/postgres-account.js'
import {
  findPostgresBinaries,
  reachableBinaries,
} from '../../src/local/runtime/postgres-binaries.js'
import { PostgresCluster } from '../../src/local/runtime/postgres-cluster.js'
import { freePort } from '../setup/start-postgres.js'
import {
  describeFidelityCases,
  fails,
  rows,
  type FidelityCase as Case,
} from './fidelity-steps.js'
import { DG } from './function-answers.js'
import { connect, emulatorUrl, errorOf } from './local-test-helpers.js'

// Redshift's bootstrap superuser is `rdsdb` (the owner of its catalog, in
// every ACL it grants), and its databases are dev, padb_harvest and the
// templates plus the user's own: the backing PostgreSQL's `postgres`
// superuser and maintenance database are not Redshift's.

const page = (name: string) => `${DG}${name}`
const PG_USER = page('r_PG_USER.html')
const PG_USER_INFO = page('r_PG_USER_INFO.html')
const PG_DATABASE_INFO = page('r_PG_DATABASE_INFO.html')
const REDSHIFT_DATABASES = page('r_SVV_REDSHIFT_DATABASES.html')
const SHOW_DATABASES = page('r_SHOW_DATABASES.html')
const CATALOG = page('c_intro_catalog_views.html')
const DROP_DATABASE = page('r_DROP_DATABASE.html')
const ALTER_DATABASE = page('r_ALTER_DATABASE.html')
const CREATE_DATABASE = page('r_CREATE_DATABASE.html')
const HAS_DATABASE_PRIVILEGE = page('r_HAS_DATABASE_PRIVILEGE.html')

/** Which of the two superuser names a list of role names holds. */
const NAMES = `in ('rdsdb', 'postgres')`

const CASES: readonly Case[] = [
  {
    title: 'PG_USER shows the bootstrap superuser as rdsdb',
    doc: PG_USER,
    steps: [
      rows(`select usename, usesuper from pg_user where usename ${NAMES}`, [
        { usename: 'rdsdb', usesuper: true },
      ]),
    ],
  },
  {
    title: 'PG_USER_INFO shows rdsdb, not postgres',
    doc: PG_USER_INFO,
    steps: [
      rows(`select usename from pg_user_info where usename ${NAMES}`, [
        { usename: 'rdsdb' },
      ]),
    ],
  },
  {
    title: 'PG_ROLES names the bootstrap superuser rdsdb',
    doc: CATALOG,
    steps: [
      rows(`select rolname from pg_roles where rolname ${NAMES}`, [
        { rolname: 'rdsdb' },
      ]),
    ],
  },
  {
    title: "PG_TABLES shows rdsdb as the owner of pg_catalog's tables",
    doc: CATALOG,
    steps: [
      rows(
        "select distinct tableowner::text from pg_tables where schemaname = 'pg_catalog'",
        [{ tableowner: 'rdsdb' }],
      ),
    ],
  },
  {
    title: "PG_DATABASE's owner and ACL name rdsdb",
    doc: PG_DATABASE_INFO,
    steps: [
      rows(
        `select pg_get_userbyid(datdba)::text as owner, datacl::text as acl
         from pg_database where datname = 'template1'`,
        [{ owner: 'rdsdb', acl: '{=c/rdsdb,rdsdb=CTc/rdsdb}' }],
      ),
    ],
  },
  {
    title: 'PG_DATABASE lists the database but not the backing postgres',
    doc: CATALOG,
    steps: [
      rows(
        `select datname::text from pg_database where datname in ('postgres', '{db}')`,
        [{ datname: '{db}' }],
      ),
      rows(
        `select datname::text from pg_catalog.pg_database d where d.datname in ('postgres', '{db}')`,
        [{ datname: '{db}' }],
      ),
    ],
  },
  {
    title: 'PG_DATABASE_INFO has no postgres database',
    doc: PG_DATABASE_INFO,
    steps: [
      rows(
        `select datname::text from pg_database_info where datname in ('postgres', '{db}')`,
        [{ datname: '{db}' }],
      ),
    ],
  },
  {
    title: 'SVV_REDSHIFT_DATABASES has no postgres database',
    doc: REDSHIFT_DATABASES,
    steps: [
      rows(
        `select database_name::text from svv_redshift_databases
         where database_name in ('postgres', '{db}')`,
        [{ database_name: '{db}' }],
      ),
    ],
  },
  {
    title: 'SHOW DATABASES has no postgres database',
    doc: SHOW_DATABASES,
    steps: [rows("show databases like 'postgres'", [])],
  },
  {
    title: 'DROP and ALTER DATABASE postgres: the database does not exist',
    doc: DROP_DATABASE,
    steps: [
      fails(
        'drop database postgres',
        '3D000',
        'database "postgres" does not exist',
      ),
      fails(
        'alter database postgres rename to elsewhere',
        '3D000',
        'database "postgres" does not exist',
      ),
    ],
  },
  {
    title: 'CREATE DATABASE postgres and a rename to it are emulator limits',
    doc: CREATE_DATABASE,
    steps: [
      fails('create database postgres', '0A000', 'postgres'),
      fails(`alter database {db} rename to postgres`, '0A000', 'postgres'),
    ],
  },
  {
    title: 'HAS_DATABASE_PRIVILEGE on postgres: the database does not exist',
    doc: HAS_DATABASE_PRIVILEGE,
    steps: [
      rows("select has_database_privilege('{db}', 'temp') as ok", [
        { ok: true },
      ]),
      fails(
        "select has_database_privilege('postgres', 'temp')",
        '3D000',
        'database "postgres" does not exist',
      ),
      fails(
        "select has_database_privilege(current_user, 'postgres', 'create')",
        '3D000',
        'database "postgres" does not exist',
      ),
    ],
  },
  {
    title: 'ALTER DATABASE postgres owner: the database does not exist',
    doc: ALTER_DATABASE,
    steps: [
      fails(
        'alter database postgres owner to rdsdb',
        '3D000',
        'database "postgres" does not exist',
      ),
    ],
  },
]

describeFidelityCases(
  'local emulator: the bootstrap superuser and databases as Redshift shows them',
  'local_fidelity_bootstrap',
  CASES,
  () => {
    it('refuses a connection to the backing postgres database as Redshift refuses an unknown one', async () => {
      const error = await errorOf(connect(emulatorUrl('postgres')))
      expect(error.code).toBe('3D000')
      expect(error.message).toBe('database "postgres" does not exist')
    })
  },
)

describe('embedded PostgreSQL: the bootstrap superuser of a kept data folder', () => {
  it('renames the superuser postgres of a cluster an earlier version created to rdsdb', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'rdsdb-reuse-'))
    const account = await postgresAccount()
    if (account) fs.chownSync(root, account.uid, account.gid)
    try {
      await startEarlierCluster(root, account)
      for (let run = 0; run < 2; run++) {
        const server = await startEmbeddedPostgres({
          dataDir: root,
          unsafeFast: true,
        })
        const client = new pg.Client(server.url)
        try {
          await client.connect()
          const { rows } = await client.query<Record<string, unknown>>(
            `select r.rolname::text as superuser, pg_get_userbyid(c.relowner)::text as owner,
               (select count(*)::int from pg_roles where rolname like 'redshift_local%') as helpers
             from pg_roles r, pg_class c where r.oid = 10 and c.relname = 'kept_table'`,
          )
          expect(rows, `start ${run + 1}`).toEqual([
            { superuser: 'rdsdb', owner: 'rdsdb', helpers: 0 },
          ])
        } finally {
          await client.end()
          await server.stop()
        }
      }
    } finally {
      fs.rmSync(root, { recursive: true, force: true })
    }
  }, 120_000)
})

/** A cluster in `root` as earlier versions created it: superuser `postgres`, one table of its own. */
async function startEarlierCluster(
  root: string,
  account: PostgresAccount | undefined,
): Promise<void> {
  const found = await findPostgresBinaries()
  const cluster = new PostgresCluster({
    binaries: account ? reachableBinaries(found, account) : found,
    account,
    dataDir: path.join(root, 'data'),
    superuser: 'postgres',
    password: 'postgres',
  })
  await cluster.initialiseIfNeeded()
  const port = await freePort()
  await cluster.start(port, ['-c', 'listen_addresses=127.0.0.1'])
  try {
    const client = new pg.Client(
      `postgres://postgres:postgres@127.0.0.1:${port}/postgres`,
    )
    await client.connect()
    await client.query('create table kept_table (id int)')
    await client.end()
  } finally {
    await cluster.stop()
  }
}
