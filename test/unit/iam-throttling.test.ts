// Throttling storms, which the emulator does not produce: aws-sdk-client-mock
// answers the real Redshift and Serverless clients with N throttling errors,
// then success (retried with a growing backoff), or with throttling forever
// (a typed error after the bound).
import { inspect } from 'node:util'

import {
  GetClusterCredentialsCommand,
  RedshiftClient,
} from '@aws-sdk/client-redshift'
import {
  GetCredentialsCommand,
  RedshiftServerlessClient,
} from '@aws-sdk/client-redshift-serverless'
import { mockClient } from 'aws-sdk-client-mock'
import { afterEach, describe, expect, it } from 'vitest'

import { createIamLoginProvider } from '../../src/auth/iam-login-provider.js'
import { IamCredentialsError } from '../../src/auth/iam-credentials-error.js'
import { parseRedshiftConfig } from '../../src/config/index.js'

process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] = 'true'

const SECRET_KEY = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'
const PASSWORD = 'EXAMPLEjArE3hcnQj8zt4XQj9Xtma8oxYEM8OyxpDHwXVPyJYBDm/gqX2E'

const redshift = mockClient(RedshiftClient)
const serverless = mockClient(RedshiftServerlessClient)
afterEach(() => {
  redshift.reset()
  serverless.reset()
})

function throttling(name = 'ThrottlingException') {
  return Object.assign(new Error('Rate exceeded'), {
    name,
    $fault: 'client',
    $metadata: { httpStatusCode: 400 },
  })
}

function providerFor(host: string, user?: string) {
  const sleeps: number[] = []
  const provider = createIamLoginProvider(
    parseRedshiftConfig({
      host,
      ...(user === undefined ? {} : { user }),
      iam: {
        credentials: {
          accessKeyId: 'AKIAEXAMPLE',
          secretAccessKey: SECRET_KEY,
        },
      },
    }),
    {
      retry: {
        maxAttempts: 5,
        initialDelayMs: 10,
        maxDelayMs: 40,
        sleep: async (ms) => {
          sleeps.push(ms)
        },
      },
    },
  )
  return { provider, sleeps }
}

const CLUSTER = 'examplecluster.abc123xyz789.us-west-2.redshift.amazonaws.com'
const WORKGROUP =
  'default-wg.123456789012.us-east-1.redshift-serverless.amazonaws.com'

describe('throttled credential calls', () => {
  it('are retried with backoff until one passes', async () => {
    redshift
      .on(GetClusterCredentialsCommand)
      .rejectsOnce(throttling())
      .rejectsOnce(throttling('TooManyRequestsException'))
      .rejectsOnce(throttling('RequestThrottled'))
      .resolves({
        DbUser: 'IAM:etl',
        DbPassword: PASSWORD,
        Expiration: new Date(Date.now() + 900_000),
      })
    const { provider, sleeps } = providerFor(CLUSTER, 'etl')
    expect(await provider.login()).toEqual({
      user: 'IAM:etl',
      password: PASSWORD,
    })
    expect(redshift.commandCalls(GetClusterCredentialsCommand)).toHaveLength(4)
    expect(
      redshift.commandCalls(GetClusterCredentialsCommand)[0]!.args[0].input,
    ).toEqual({
      ClusterIdentifier: 'examplecluster',
      DbUser: 'etl',
      DbName: 'dev',
      AutoCreate: false,
    })
    // Full jitter under a ceiling that doubles: 10, 20, 40.
    expect(sleeps).toHaveLength(3)
    sleeps.forEach((ms, i) => {
      expect(ms).toBeGreaterThanOrEqual(0)
      expect(ms).toBeLessThanOrEqual(10 * 2 ** i)
    })
  })

  it('end in a typed, retryable error when the throttling does not stop', async () => {
    serverless.on(GetCredentialsCommand).rejects(throttling())
    const { provider, sleeps } = providerFor(WORKGROUP)
    const error = await provider.login().then(
      () => {
        throw new Error('expected a failure')
      },
      (e: unknown) => e,
    )
    expect(error).toBeInstanceOf(IamCredentialsError)
    expect(error).toMatchObject({
      reason: 'throttled',
      operation: 'GetCredentials',
      awsErrorCode: 'ThrottlingException',
      attempts: 5,
      isRetryable: true,
    })
    expect((error as Error).message).toBe(
      'GetCredentials for workgroup "default-wg" in us-east-1 was still throttled after 5 attempts: ThrottlingException: Rate exceeded',
    )
    expect(sleeps).toHaveLength(4)
    expect(serverless.commandCalls(GetCredentialsCommand)).toHaveLength(5)
    expect(inspect(error, { depth: 10 })).not.toContain(SECRET_KEY)
  })

  it('are not confused with a refusal, which is not retried', async () => {
    redshift.on(GetClusterCredentialsCommand).rejects(
      Object.assign(
        new Error(
          'User is not authorized to perform: redshift:GetClusterCredentials',
        ),
        {
          name: 'AccessDenied',
          $fault: 'client',
          $metadata: { httpStatusCode: 403 },
        },
      ),
    )
    const { provider, sleeps } = providerFor(CLUSTER, 'etl')
    await expect(provider.login()).rejects.toMatchObject({
      name: 'IamCredentialsError',
      reason: 'api',
      awsErrorCode: 'AccessDenied',
      httpStatusCode: 403,
      attempts: 1,
      isRetryable: false,
    })
    expect(sleeps).toEqual([])
  })

  it('refuse credentials that are expired on arrival', async () => {
    redshift.on(GetClusterCredentialsCommand).resolves({
      DbUser: 'IAM:etl',
      DbPassword: PASSWORD,
      Expiration: new Date(Date.now() - 1000),
    })
    const { provider } = providerFor(CLUSTER, 'etl')
    const error = await provider.login().catch((e: unknown) => e as Error)
    expect(error).toMatchObject({ reason: 'expired' })
    expect((error as Error).message).not.toContain(PASSWORD)
  })
})
