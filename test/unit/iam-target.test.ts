import { describe, expect, it } from 'vitest'

import { resolveIamTarget } from '../../src/auth/iam-target.js'
import { parseRedshiftHost } from '../../src/auth/parse-redshift-host.js'
import { parseRedshiftConfig } from '../../src/config/index.js'
import type { RedshiftConfigInput } from '../../src/config/redshift-config-input.js'
import { RedshiftConfigError } from '../../src/errors/index.js'

const NO_ENV = {}

describe('parseRedshiftHost', () => {
  it.each([
    [
      'examplecluster.abc123xyz789.us-west-2.redshift.amazonaws.com',
      {
        kind: 'provisioned',
        clusterIdentifier: 'examplecluster',
        region: 'us-west-2',
      },
    ],
    [
      'ExampleCluster.ABC123XYZ789.US-WEST-2.Redshift.AmazonAWS.com.',
      {
        kind: 'provisioned',
        clusterIdentifier: 'examplecluster',
        region: 'us-west-2',
      },
    ],
    [
      'my-dw-2.cxa1b2c3d4e5.cn-north-1.redshift.amazonaws.com.cn',
      {
        kind: 'provisioned',
        clusterIdentifier: 'my-dw-2',
        region: 'cn-north-1',
      },
    ],
    [
      'gov.c1.us-gov-west-1.redshift.amazonaws.com',
      {
        kind: 'provisioned',
        clusterIdentifier: 'gov',
        region: 'us-gov-west-1',
      },
    ],
    [
      'default-wg.123456789012.us-east-1.redshift-serverless.amazonaws.com',
      {
        kind: 'serverless',
        workgroupName: 'default-wg',
        accountId: '123456789012',
        region: 'us-east-1',
      },
    ],
    [
      'wg.123456789012.cn-northwest-1.redshift-serverless.amazonaws.com.cn',
      {
        kind: 'serverless',
        workgroupName: 'wg',
        accountId: '123456789012',
        region: 'cn-northwest-1',
      },
    ],
  ])('reads %s', (host, expected) => {
    expect(parseRedshiftHost(host)).toEqual(expected)
  })

  it.each([
    'redshift.internal.example.com',
    'localhost',
    '127.0.0.1',
    'examplecluster.us-west-2.redshift.amazonaws.com',
    'examplecluster.abc.us-west-2.redshift.amazonaws.com.evil.example',
    'wg.notanaccount.us-east-1.redshift-serverless.amazonaws.com',
    'vpce-0abc-123.vpce-svc-0123.us-east-1.vpce.amazonaws.com',
  ])('finds nothing in %s', (host) => {
    expect(parseRedshiftHost(host)).toBeUndefined()
  })
})

type Iam = Exclude<NonNullable<RedshiftConfigInput['iam']>, true>
const target = (
  host: string,
  iam: Iam | true = true,
  user = 'etl',
  env: Record<string, string> = NO_ENV,
) =>
  resolveIamTarget(
    // '' stands for no user: IAM may leave it out.
    parseRedshiftConfig({ host, iam, ...(user === '' ? {} : { user }) }),
    env,
  )

function issuesOf(run: () => unknown) {
  try {
    run()
  } catch (error) {
    expect(error).toBeInstanceOf(RedshiftConfigError)
    return (error as RedshiftConfigError).issues.map((i) => i.path)
  }
  throw new Error('expected a RedshiftConfigError')
}

describe('resolveIamTarget', () => {
  const cluster = 'examplecluster.abc123xyz789.us-west-2.redshift.amazonaws.com'
  const workgroup =
    'default-wg.123456789012.us-east-1.redshift-serverless.amazonaws.com'

  it.each<[string, string, Iam | true, string, object]>([
    [
      'everything from a cluster host',
      cluster,
      true,
      'etl',
      {
        kind: 'provisioned',
        clusterIdentifier: 'examplecluster',
        region: 'us-west-2',
        dbUser: 'etl',
        withIam: false,
        autoCreate: false,
        dbGroups: [],
        database: 'dev',
      },
    ],
    [
      'overrides win over the host',
      cluster,
      {
        clusterIdentifier: 'other',
        region: 'eu-west-1',
        dbUser: 'loader',
        dbGroups: ['g'],
        autoCreate: true,
        durationSeconds: 1800,
      },
      'etl',
      {
        kind: 'provisioned',
        clusterIdentifier: 'other',
        region: 'eu-west-1',
        dbUser: 'loader',
        dbGroups: ['g'],
        autoCreate: true,
        durationSeconds: 1800,
      },
    ],
    [
      'a custom domain with the cluster named',
      'redshift.internal.example.com',
      { clusterIdentifier: 'analytics', region: 'us-east-2' },
      'etl',
      {
        kind: 'provisioned',
        clusterIdentifier: 'analytics',
        region: 'us-east-2',
      },
    ],
    [
      'a custom domain sent as such when only the kind is given',
      'redshift.internal.example.com',
      { kind: 'provisioned', region: 'us-east-2' },
      'etl',
      {
        kind: 'provisioned',
        customDomainName: 'redshift.internal.example.com',
        region: 'us-east-2',
      },
    ],
    [
      'WithIAM needs no user',
      cluster,
      { withIam: true },
      '',
      {
        kind: 'provisioned',
        withIam: true,
        clusterIdentifier: 'examplecluster',
      },
    ],
    [
      'Serverless from its host',
      workgroup,
      true,
      '',
      { kind: 'serverless', workgroupName: 'default-wg', region: 'us-east-1' },
    ],
    [
      'Serverless through a VPC endpoint, workgroup named',
      'vpce-0abc-123.vpce-svc-0123.us-east-1.vpce.amazonaws.com',
      { workgroupName: 'etl-wg', region: 'us-east-1' },
      '',
      { kind: 'serverless', workgroupName: 'etl-wg', region: 'us-east-1' },
    ],
  ])('%s', (_, host, iam, user, expected) => {
    expect(target(host, iam, user)).toMatchObject(expected)
  })

  it('takes the region from AWS_REGION, then AWS_DEFAULT_REGION, when host and config say nothing', () => {
    const iam = { clusterIdentifier: 'c' }
    expect(
      target('db.example.com', iam, 'etl', { AWS_REGION: 'ap-south-1' }).region,
    ).toBe('ap-south-1')
    expect(
      target('db.example.com', iam, 'etl', { AWS_DEFAULT_REGION: 'sa-east-1' })
        .region,
    ).toBe('sa-east-1')
  })

  it.each<[string, string, Iam | true, string, string[]]>([
    [
      'a custom domain with nothing said',
      'redshift.internal.example.com',
      true,
      'etl',
      ['iam.region', 'iam.clusterIdentifier'],
    ],
    [
      'an IP address with only the kind',
      '10.0.0.5',
      { kind: 'provisioned', region: 'us-east-1' },
      'etl',
      ['iam.clusterIdentifier'],
    ],
    [
      'the region missing',
      'localhost',
      { clusterIdentifier: 'c' },
      'etl',
      ['iam.region'],
    ],
    ['no user for GetClusterCredentials', cluster, true, '', ['iam.dbUser']],
    [
      'a user chosen with WithIAM',
      cluster,
      { withIam: true, dbUser: 'x' },
      '',
      ['iam.dbUser'],
    ],
    [
      'both names',
      cluster,
      { clusterIdentifier: 'a', workgroupName: 'bbb' },
      'etl',
      ['iam.workgroupName'],
    ],
    [
      'users chosen on Serverless',
      workgroup,
      { dbUser: 'x', dbGroups: ['g'] },
      '',
      ['iam.dbUser', 'iam.dbGroups'],
    ],
    [
      'WithIAM on Serverless',
      workgroup,
      { withIam: true },
      '',
      ['iam.withIam'],
    ],
    [
      'a workgroup missing on Serverless',
      '127.0.0.1',
      { kind: 'serverless', region: 'us-east-1' },
      '',
      ['iam.workgroupName'],
    ],
  ])('names what is missing: %s', (_, host, iam, user, paths) => {
    expect(issuesOf(() => target(host, iam, user))).toEqual(paths)
  })

  it('says what to set in the message', () => {
    expect(() => target('redshift.internal.example.com')).toThrow(
      /iam\.clusterIdentifier: cannot be read from the host \(host "redshift\.internal\.example\.com" is not a \*\.redshift\.amazonaws\.com or \*\.redshift-serverless\.amazonaws\.com name\): set iam\.clusterIdentifier for a provisioned cluster, or iam\.workgroupName for Serverless/,
    )
  })
})
