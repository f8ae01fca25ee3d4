// The emulator's credential endpoint answering the real AWS SDK clients:
// what Redshift checks in a request, and AWS's error shapes. Roles are kept
// in memory here (the integration test uses the backing PostgreSQL).
import {
  GetClusterCredentialsCommand,
  GetClusterCredentialsWithIAMCommand,
  RedshiftClient,
} from '@aws-sdk/client-redshift'
import {
  GetCredentialsCommand,
  RedshiftServerlessClient,
} from '@aws-sdk/client-redshift-serverless'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { AwsApiServer } from '../../src/local/aws-api/aws-api-server.js'
import { CredentialsApi } from '../../src/local/aws-api/credentials-api.js'
import { IamCredentialStore } from '../../src/local/aws-api/iam-credential-store.js'
import type { IamRoles } from '../../src/local/aws-api/iam-roles.js'

process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] = 'true'

const credentials = { accessKeyId: 'AKIAUNITTEST', secretAccessKey: 'secret' }
const roles = new Map<string, Set<string>>([['loaders', new Set()]])
const memoryRoles: IamRoles = {
  exists: async (role) => roles.has(role),
  join: async (role, groups) => {
    for (const g of groups) if (roles.has(g)) roles.get(role)?.add(g)
  },
  ensure: async (role, groups) => {
    if (!roles.has(role)) roles.set(role, new Set())
    await memoryRoles.join(role, groups)
  },
}
const store = new IamCredentialStore()
const server = new AwsApiServer(
  new CredentialsApi(store, memoryRoles, {
    clusterIdentifier: 'analytics',
    workgroupName: 'reports-wg',
  }),
)
let url: string
let redshift: RedshiftClient
let serverless: RedshiftServerlessClient

beforeAll(async () => {
  url = await server.listen(0, '127.0.0.1')
  const common = {
    endpoint: url,
    region: 'us-east-1',
    credentials,
    maxAttempts: 1,
  }
  redshift = new RedshiftClient(common)
  serverless = new RedshiftServerlessClient(common)
})
afterAll(async () => {
  redshift.destroy()
  serverless.destroy()
  await server.close()
})

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected a failure')
    },
    (error: {
      name: string
      message: string
      $metadata: { httpStatusCode: number }
    }) => ({
      name: error.name,
      message: error.message,
      status: error.$metadata.httpStatusCode,
    }),
  )

describe('GetClusterCredentials', () => {
  it('issues a password for IAM:<DbUser>, for 900 s unless DurationSeconds says otherwise', async () => {
    const before = Date.now()
    const plain = await redshift.send(
      new GetClusterCredentialsCommand({
        ClusterIdentifier: 'analytics',
        DbUser: 'etl',
      }),
    )
    expect(plain.DbUser).toBe('IAM:etl')
    expect(plain.DbPassword).toMatch(/^[A-Za-z0-9+/]{64}$/)
    const lifetime = plain.Expiration!.getTime() - before
    expect(lifetime).toBeGreaterThan(899_000)
    expect(lifetime).toBeLessThanOrEqual(901_000)
    const long = await redshift.send(
      new GetClusterCredentialsCommand({
        ClusterIdentifier: 'ANALYTICS',
        DbUser: 'etl',
        DurationSeconds: 3600,
      }),
    )
    expect(long.Expiration!.getTime() - before).toBeGreaterThan(3_599_000)
    expect(server.calls('GetClusterCredentials')).toBe(2)
  })

  it('creates the user with AutoCreate (IAMA:), adds it to the groups that exist', async () => {
    const answer = await redshift.send(
      new GetClusterCredentialsCommand({
        ClusterIdentifier: 'analytics',
        DbUser: 'Loader_1',
        AutoCreate: true,
        DbGroups: ['loaders', 'no_such_group'],
      }),
    )
    expect(answer.DbUser).toBe('IAMA:Loader_1')
    expect([...roles.get('loader_1')!]).toEqual(['loaders'])
  })

  it('holds a password to its database when DbName is given', async () => {
    const answer = await redshift.send(
      new GetClusterCredentialsCommand({
        ClusterIdentifier: 'analytics',
        DbUser: 'etl',
        DbName: 'sales',
      }),
    )
    const is = (p: string) => p === answer.DbPassword
    expect(store.check('IAM:etl', 'sales', is)).toMatchObject({ ok: true })
    expect(store.check('IAM:etl', 'dev', is)).toEqual({
      ok: false,
      reason: 'database',
    })
  })

  it.each([
    [
      { ClusterIdentifier: 'elsewhere', DbUser: 'etl' },
      {
        name: 'ClusterNotFoundFault',
        message: 'Cluster elsewhere not found.',
        status: 404,
      },
    ],
    [
      { ClusterIdentifier: 'analytics', DbUser: 'etl', DurationSeconds: 60 },
      {
        name: 'InvalidParameterValue',
        message:
          'DurationSeconds must be between 900 and 3600 seconds, got 60.',
        status: 400,
      },
    ],
    [
      { ClusterIdentifier: 'analytics', DbUser: '1st-user' },
      {
        name: 'InvalidParameterValue',
        message:
          'DbUser 1st-user is not valid: it must start with a letter and contain only letters, digits and _+.@- (at most 128 characters).',
        status: 400,
      },
    ],
    [
      { DbUser: 'etl' },
      {
        name: 'InvalidParameterCombination',
        message:
          'Either ClusterIdentifier or CustomDomainName must be specified.',
        status: 400,
      },
    ],
  ])('refuses %o as AWS does', async (input, expected) => {
    expect(
      await failure(
        redshift.send(new GetClusterCredentialsCommand(input as never)),
      ),
    ).toEqual(expected)
  })

  // DbGroups constraints of the GetClusterCredentials API reference: 1 to 64
  // characters, lowercase letters, digits and _+.@-, a letter first.
  it.each(['Loaders', '1st_group', 'a:b', 'x'.repeat(65)])(
    'refuses the DbGroup %s',
    async (group) => {
      expect(
        await failure(
          redshift.send(
            new GetClusterCredentialsCommand({
              ClusterIdentifier: 'analytics',
              DbUser: 'etl',
              DbGroups: [group],
            }),
          ),
        ),
      ).toEqual({
        name: 'InvalidParameterValue',
        message: `DbGroup ${group} is not valid: it must start with a lowercase letter and contain only lowercase letters, digits and _+.@- (at most 64 characters).`,
        status: 400,
      })
    },
  )
})

describe('the IAM identity', () => {
  it('GetClusterCredentialsWithIAM names the caller and suggests a refresh time', async () => {
    const answer = await redshift.send(
      new GetClusterCredentialsWithIAMCommand({
        ClusterIdentifier: 'analytics',
      }),
    )
    expect(answer.DbUser).toBe('IAM:akiaunittest')
    expect(answer.NextRefreshTime!.getTime()).toBeLessThan(
      answer.Expiration!.getTime(),
    )
    expect(roles.has('IAM:akiaunittest')).toBe(true)
  })

  it('Serverless GetCredentials answers for its workgroup only', async () => {
    const answer = await serverless.send(
      new GetCredentialsCommand({
        workgroupName: 'reports-wg',
        durationSeconds: 1200,
      }),
    )
    expect(answer.dbUser).toBe('IAM:akiaunittest')
    expect(answer.expiration!.getTime() - Date.now()).toBeGreaterThan(1_190_000)
    expect(
      await failure(
        serverless.send(
          new GetCredentialsCommand({ workgroupName: 'other-wg' }),
        ),
      ),
    ).toEqual({
      name: 'ResourceNotFoundException',
      message: 'Workgroup other-wg is not found.',
      status: 404,
    })
    expect(
      await failure(
        serverless.send(
          new GetCredentialsCommand({
            workgroupName: 'reports-wg',
            durationSeconds: 10,
          }),
        ),
      ),
    ).toMatchObject({ name: 'ValidationException', status: 400 })
  })
})

describe('requests', () => {
  it('must be signed (any signature), and name an action the endpoint knows', async () => {
    const unsigned = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'Action=GetClusterCredentials&Version=2012-12-01&DbUser=etl&ClusterIdentifier=analytics',
    })
    expect(unsigned.status).toBe(403)
    expect(await unsigned.text()).toContain(
      '<Code>MissingAuthenticationToken</Code>',
    )
    const unknown = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization:
          'AWS4-HMAC-SHA256 Credential=AKIAX/20260101/us-east-1/redshift/aws4_request, SignedHeaders=host, Signature=00',
      },
      body: 'Action=DeleteCluster&Version=2012-12-01',
    })
    expect(unknown.status).toBe(400)
    expect(await unknown.text()).toMatch(
      /<Error><Type>Sender<\/Type><Code>InvalidAction<\/Code><Message>The action DeleteCluster is not valid for this web service\.<\/Message><\/Error>/,
    )
  })
})

describe('IamCredentialStore', () => {
  it('uses its TTL over DurationSeconds, and expireAll ends every password', () => {
    let now = 0
    const short = new IamCredentialStore({ ttlSeconds: 2, now: () => now })
    const issued = short.issue({
      loginUser: 'IAM:a',
      role: 'a',
      durationSeconds: 3600,
    })
    expect(issued.expiresAt).toBe(2000)
    const is = (p: string) => p === issued.password
    now = 1999
    expect(short.check('IAM:a', 'dev', is).ok).toBe(true)
    now = 2000
    expect(short.check('IAM:a', 'dev', is)).toEqual({
      ok: false,
      reason: 'expired',
    })
    const next = short.issue({ loginUser: 'IAM:a', role: 'a' })
    short.expireAll()
    expect(short.check('IAM:a', 'dev', (p) => p === next.password)).toEqual({
      ok: false,
      reason: 'expired',
    })
    expect(short.check('IAM:a', 'dev', () => false)).toEqual({
      ok: false,
      reason: 'unknown',
    })
    expect(short.stats).toEqual({ accepted: 1, refused: 3, expired: 2 })
  })

  it('keeps every password issued to a user valid until its own expiry', () => {
    const now = 0
    const store = new IamCredentialStore({ ttlSeconds: 10, now: () => now })
    const first = store.issue({ loginUser: 'IAM:b', role: 'b' })
    const second = store.issue({ loginUser: 'IAM:b', role: 'b' })
    expect(first.password).not.toBe(second.password)
    for (const { password } of [first, second]) {
      expect(store.check('IAM:b', 'dev', (p) => p === password).ok).toBe(true)
    }
  })
})
