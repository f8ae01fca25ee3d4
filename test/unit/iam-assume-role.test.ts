// iam.roleArn: the signing credentials assume the role first (STS
// AssumeRole through fromTemporaryCredentials), and the Redshift call is
// signed with the role's temporary keys. STS and Redshift are both answered
// by aws-sdk-client-mock: the emulator has no STS.
import {
  GetClusterCredentialsCommand,
  RedshiftClient,
} from '@aws-sdk/client-redshift'
import { AssumeRoleCommand, STSClient } from '@aws-sdk/nested-clients/sts'
import { mockClient } from 'aws-sdk-client-mock'
import { afterAll, expect, it } from 'vitest'

import { createIamLoginProvider } from '../../src/auth/iam-login-provider.js'
import { parseRedshiftConfig } from '../../src/config/index.js'

process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] = 'true'

const sts = mockClient(STSClient)
const redshift = mockClient(RedshiftClient)
afterAll(() => {
  sts.restore()
  redshift.restore()
})

it('assumes iam.roleArn with the given keys, then signs with the role', async () => {
  sts.on(AssumeRoleCommand).resolves({
    Credentials: {
      AccessKeyId: 'ASIAROLE',
      SecretAccessKey: 'role-secret',
      SessionToken: 'role-token',
      Expiration: new Date(Date.now() + 3_600_000),
    },
  })
  let signedWith: string | undefined
  redshift
    .on(GetClusterCredentialsCommand)
    .callsFake(async (_input, getClient) => {
      const client = getClient() as RedshiftClient
      signedWith = (await client.config.credentials()).accessKeyId
      return {
        DbUser: 'IAM:etl',
        DbPassword: 'temporary',
        Expiration: new Date(Date.now() + 900_000),
      }
    })
  const provider = createIamLoginProvider(
    parseRedshiftConfig({
      host: 'examplecluster.abc123xyz789.us-west-2.redshift.amazonaws.com',
      user: 'etl',
      iam: {
        roleArn: 'arn:aws:iam::123456789012:role/etl-loader',
        credentials: {
          accessKeyId: 'AKIABASE',
          secretAccessKey: 'base-secret',
        },
      },
    }),
  )
  expect(await provider.login()).toEqual({
    user: 'IAM:etl',
    password: 'temporary',
  })
  const [assume] = sts.commandCalls(AssumeRoleCommand)
  expect(assume!.args[0].input).toEqual({
    RoleArn: 'arn:aws:iam::123456789012:role/etl-loader',
    RoleSessionName: 'kysely-redshift',
  })
  expect(signedWith).toBe('ASIAROLE')
})
