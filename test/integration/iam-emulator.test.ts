// IAM through the emulator's credential endpoint, with the real AWS SDK
// clients pointed at it (iam.endpoint): provisioned GetClusterCredentials
// (AutoCreate, groups), GetClusterCredentialsWithIAM and Serverless
// GetCredentials, refresh ahead of expiry, one API call for 100 concurrent
// logins, no expired password ever used, a refused one replaced, and no
// secret in errors or in inspect() of config and client.
import { inspect } from 'node:util'

import { sql } from 'kysely'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { createIamLoginProvider } from '../../src/auth/iam-login-provider.js'
import { IamCredentialsError } from '../../src/auth/iam-credentials-error.js'
import { createRedshift } from '../../src/client.js'
import { parseRedshiftConfig } from '../../src/config/index.js'
import type { RedshiftConfigInput } from '../../src/config/redshift-config-input.js'
import {
  connect,
  errorOf,
  startOwnEmulator,
  type OwnEmulator,
} from './local-test-helpers.js'

process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] = 'true'

// Issued passwords live this long at the emulator (Redshift's minimum is
// 900 s; the emulator's TTL option stands in for time passing).
const TTL_SECONDS = 3
const ACCESS_KEY = 'AKIAEMULATORTEST'
const SECRET_KEY = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'
const SESSION_TOKEN = 'FwoGZXIvYXdzEXAMPLEsessionTOKENvalue0123456789'

let own: OwnEmulator
let secrets: string[]

beforeAll(async () => {
  // Temporary IAM credentials are accepted over TLS only, as on Redshift.
  own = await startOwnEmulator('iam_emulator', {
    tls: true,
    awsApiPort: 0,
    iamCredentialTtlSeconds: TTL_SECONDS,
    clusterIdentifier: 'analytics',
    workgroupName: 'reports-wg',
  })
  await (await adminClient()).query('create group loaders').finally(() => {})
})
afterAll(() => own?.stop())

async function adminClient() {
  const client = await connect(own.local.url)
  afterAll(() => client.end())
  return client
}

/** The config input of a client logging in through IAM at the emulator. */
function input(
  iam: NonNullable<Exclude<RedshiftConfigInput['iam'], true>>,
  user = 'etl',
): RedshiftConfigInput {
  return {
    host: '127.0.0.1',
    port: own.local.port,
    database: own.db.name,
    // '' stands for no user: the IAM identity names it.
    ...(user === '' ? {} : { user }),
    tls: { mode: 'verify-full', ca: own.local.tls!.ca },
    pool: { connectTimeoutMs: 10_000 },
    iam: {
      region: 'us-east-1',
      endpoint: own.local.awsApi!.url,
      credentials: { accessKeyId: ACCESS_KEY, secretAccessKey: SECRET_KEY },
      ...iam,
    },
  }
}

const config = (...args: Parameters<typeof input>) =>
  parseRedshiftConfig(input(...args))
const client = (...args: Parameters<typeof input>) =>
  createRedshift<object>(input(...args))

/** A pg login at the emulator with exactly this user and password (TLS unless `plain`). */
async function loginAs(
  user: string,
  password: string,
  plain = false,
): Promise<pg.Client> {
  const login = new pg.Client({
    host: '127.0.0.1',
    port: own.local.port,
    database: own.db.name,
    user,
    password,
    ...(plain ? {} : { ssl: { ca: own.local.tls!.ca } }),
  })
  login.on('error', () => {})
  await login.connect()
  return login
}

const api = () => own.local.awsApi!
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

function expectNoSecret(text: string, passwords: readonly string[] = []) {
  for (const secret of [SECRET_KEY, SESSION_TOKEN, ...passwords]) {
    expect(text).not.toContain(secret)
  }
}

describe('provisioned GetClusterCredentials', () => {
  it('auto-creates the user, joins its groups and logs in as IAMA:<user>', async () => {
    const before = api().calls('GetClusterCredentials')
    const db = client({
      clusterIdentifier: 'analytics',
      autoCreate: true,
      dbGroups: ['loaders'],
    })
    try {
      const { rows } = await sql<{
        user: string
        member: boolean
      }>`select current_user as "user", pg_has_role(current_user, 'loaders', 'member') as member`.execute(
        db,
      )
      expect(rows).toEqual([{ user: 'etl', member: true }])
      expect(api().calls('GetClusterCredentials')).toBe(before + 1)
      const login = await createIamLoginProvider(db.config).login()
      expect(login.user).toBe('IAMA:etl')
      secrets = [login.password!]
    } finally {
      await db.close()
    }
  })

  it('without AutoCreate logs in as IAM:<user>, and a user that does not exist is refused', async () => {
    const existing = await createIamLoginProvider(
      config({ clusterIdentifier: 'analytics' }),
    ).login()
    expect(existing.user).toBe('IAM:etl')
    const db = client({ clusterIdentifier: 'analytics' }, 'nobody_here')
    try {
      const error = await errorOf(sql`select 1`.execute(db))
      expect(error.message).toBe('user "IAM:nobody_here" does not exist')
      expect(error.code).toBe('42704')
    } finally {
      await db.close()
    }
  })

  it('answers an unknown cluster with ClusterNotFound, as a typed error without secrets', async () => {
    const db = client({ clusterIdentifier: 'elsewhere' })
    try {
      const error = await errorOf(sql`select 1`.execute(db))
      expect(error).toBeInstanceOf(IamCredentialsError)
      expect(error).toMatchObject({
        reason: 'api',
        operation: 'GetClusterCredentials',
        awsErrorCode: 'ClusterNotFoundFault',
        httpStatusCode: 404,
        attempts: 1,
      })
      expect(error.message).toBe(
        'GetClusterCredentials for cluster "elsewhere" in us-east-1 failed: ClusterNotFoundFault: Cluster elsewhere not found.',
      )
      expectNoSecret(inspect(error, { depth: 10 }))
      expectNoSecret(JSON.stringify(error))
    } finally {
      await db.close()
    }
  })
})

describe('cache and refresh', () => {
  it('reuses a login, then refreshes it ahead of expiry while the old one is still valid', async () => {
    const provider = createIamLoginProvider(
      config({ clusterIdentifier: 'analytics', refreshSkewMs: 1000 }),
    )
    const before = api().calls('GetClusterCredentials')
    const first = await provider.login()
    const fetchedAt = Date.now()
    expect(await provider.login()).toEqual(first)
    expect(api().calls('GetClusterCredentials')).toBe(before + 1)
    // Past expiry - skew (2 s of 3), before expiry.
    await sleep(2200 - (Date.now() - fetchedAt))
    const second = await provider.login()
    expect(Date.now() - fetchedAt).toBeLessThan(TTL_SECONDS * 1000)
    expect(second.password).not.toBe(first.password)
    expect(api().calls('GetClusterCredentials')).toBe(before + 2)
    // The old one still logs in: it was replaced ahead of time, not late.
    const early = await loginAs(first.user, first.password!)
    await early.end()
  })

  it('shares one API call among 100 concurrent logins, and among a pool opening 8 connections at once', async () => {
    const provider = createIamLoginProvider(
      config({ clusterIdentifier: 'analytics', autoCreate: true }),
    )
    const before = api().calls('GetClusterCredentials')
    const logins = await Promise.all(
      Array.from({ length: 100 }, () => provider.login()),
    )
    expect(api().calls('GetClusterCredentials')).toBe(before + 1)
    expect(new Set(logins.map((l) => l.password)).size).toBe(1)

    // No refresh skew: with the default (60 s, longer than the emulator's
    // 3 s TTL) a connection whose open starts after the first call returned
    // would rightly fetch again, and a loaded machine staggers the opens.
    const db = createRedshift<object>({
      ...input({
        clusterIdentifier: 'analytics',
        autoCreate: true,
        refreshSkewMs: 0,
      }),
      pool: { min: 8, max: 8, connectTimeoutMs: 10_000 },
    })
    try {
      const between = api().calls('GetClusterCredentials')
      const users = await Promise.all(
        Array.from({ length: 8 }, () =>
          db.connection().execute(async (c) => {
            const { rows } = await sql<{
              pid: number
            }>`select pg_backend_pid() as pid`.execute(c)
            await sleep(100)
            return rows[0]!.pid
          }),
        ),
      )
      expect(new Set(users).size).toBe(8)
      expect(api().calls('GetClusterCredentials')).toBe(between + 1)
    } finally {
      await db.close()
    }
  })

  it('never logs in with an expired password: an expired login is fetched again first', async () => {
    const db = client({ clusterIdentifier: 'analytics', refreshSkewMs: 0 })
    try {
      await sql`select 1`.execute(db)
      const calls = api().calls('GetClusterCredentials')
      const expiredBefore = api().logins.expired
      await sleep(TTL_SECONDS * 1000 + 200)
      // A connection of its own (the first one may still be pooled).
      await db.connection().execute(async (c) => {
        await Promise.all([sql`select 1`.execute(c), sql`select 2`.execute(db)])
      })
      expect(api().calls('GetClusterCredentials')).toBe(calls + 1)
      expect(api().logins.expired).toBe(expiredBefore)
    } finally {
      await db.close()
    }
  })

  it('replaces a password the server refused as expired before its time', async () => {
    const db = client({ clusterIdentifier: 'analytics', refreshSkewMs: 0 })
    try {
      await sql`select 1`.execute(db)
      const calls = api().calls('GetClusterCredentials')
      const expiredBefore = api().logins.expired
      api().expireCredentials()
      // Two connections at once: the pooled one is busy, a new one must log in.
      await db.connection().execute(async (c) => {
        await Promise.all([sql`select 1`.execute(c), sql`select 2`.execute(db)])
      })
      expect(api().logins.expired).toBe(expiredBefore + 1)
      expect(api().calls('GetClusterCredentials')).toBe(calls + 1)
    } finally {
      await db.close()
    }
  })
})

describe('the IAM identity as the user', () => {
  it('GetClusterCredentialsWithIAM logs in as the caller (IAM: for keys, IAMR: with a session token)', async () => {
    const before = api().calls('GetClusterCredentialsWithIAM')
    const asUser = client({ clusterIdentifier: 'analytics', withIam: true }, '')
    const asRole = client(
      {
        clusterIdentifier: 'analytics',
        withIam: true,
        credentials: async () => ({
          accessKeyId: 'ASIAROLESESSION',
          secretAccessKey: SECRET_KEY,
          sessionToken: SESSION_TOKEN,
        }),
      },
      '',
    )
    try {
      const user = await sql<{ u: string }>`select current_user as u`.execute(
        asUser,
      )
      const role = await sql<{ u: string }>`select current_user as u`.execute(
        asRole,
      )
      expect(user.rows).toEqual([{ u: `IAM:${ACCESS_KEY.toLowerCase()}` }])
      expect(role.rows).toEqual([{ u: 'IAMR:asiarolesession' }])
      expect(api().calls('GetClusterCredentialsWithIAM')).toBe(before + 2)
    } finally {
      await Promise.all([asUser.close(), asRole.close()])
    }
  })

  it('Serverless GetCredentials logs in as the caller of the workgroup', async () => {
    const before = api().calls('GetCredentials')
    const db = client({ workgroupName: 'reports-wg' }, '')
    try {
      const { rows } = await sql<{
        u: string
      }>`select current_user as u`.execute(db)
      expect(rows).toEqual([{ u: `IAM:${ACCESS_KEY.toLowerCase()}` }])
      expect(api().calls('GetCredentials')).toBe(before + 1)
    } finally {
      await db.close()
    }
    const missing = client({ workgroupName: 'no-such-wg' }, '')
    try {
      const error = await errorOf(sql`select 1`.execute(missing))
      expect(error).toMatchObject({
        name: 'IamCredentialsError',
        reason: 'api',
        operation: 'GetCredentials',
        awsErrorCode: 'ResourceNotFoundException',
        httpStatusCode: 404,
      })
      expect(error.message).toContain('workgroup "no-such-wg" in us-east-1')
    } finally {
      await missing.close()
    }
  })
})

describe('at the emulator', () => {
  it('refuses a wrong or expired IAM password as Redshift does (28000)', async () => {
    const login = await createIamLoginProvider(
      config({ clusterIdentifier: 'analytics' }),
    ).login()
    const wrong = await errorOf(loginAs(login.user, 'not-it'))
    expect(wrong).toMatchObject({
      code: '28000',
      message: 'password authentication failed for user "IAM:etl"',
    })
    api().expireCredentials()
    const expired = await errorOf(loginAs(login.user, login.password!))
    expect(expired).toMatchObject({
      code: '28000',
      message: 'password authentication failed for user "IAM:etl"',
    })
  })

  it('refuses temporary IAM credentials without TLS as Redshift does (node-postgres#1528), and takes them over TLS', async () => {
    const login = await createIamLoginProvider(
      config({ clusterIdentifier: 'analytics' }),
    ).login()
    const plain = await errorOf(loginAs(login.user, login.password!, true))
    expect(plain).toMatchObject({
      code: '28000',
      message: 'password authentication failed for user "IAM:etl"',
    })
    const encrypted = await loginAs(login.user, login.password!)
    try {
      const { rows } = await encrypted.query<{ user: string }>(
        'select current_user as user',
      )
      expect(rows).toEqual([{ user: 'etl' }])
    } finally {
      await encrypted.end()
    }
  })
})

describe('secrets', () => {
  it('are in neither inspect(config) nor inspect(client), before or after connecting', async () => {
    const cfgInput = input({
      clusterIdentifier: 'analytics',
      autoCreate: true,
      credentials: {
        accessKeyId: ACCESS_KEY,
        secretAccessKey: SECRET_KEY,
        sessionToken: SESSION_TOKEN,
      },
    })
    const cfg = parseRedshiftConfig(cfgInput)
    expectNoSecret(inspect(cfg, { depth: 20, showHidden: true }))
    const db = createRedshift<object>(cfgInput)
    try {
      await sql`select 1`.execute(db)
      const password = (await createIamLoginProvider(cfg).login()).password!
      for (const text of [
        inspect(cfg, { depth: 20, showHidden: true }),
        inspect(db, { depth: 20 }),
        String(db),
        JSON.stringify(cfg),
      ]) {
        expectNoSecret(text, [password, ...secrets])
      }
    } finally {
      await db.close()
    }
  })
})
