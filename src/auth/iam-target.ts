import { isIP } from 'node:net'

import type { RedshiftConfig } from '../config/index.js'
import {
  RedshiftConfigError,
  type RedshiftConfigIssue,
} from '../errors/index.js'
import { parseRedshiftHost } from './parse-redshift-host.js'

/** Where and how to ask for a provisioned cluster's credentials. */
export interface ProvisionedIamTarget {
  readonly kind: 'provisioned'
  readonly region: string
  /** One of these two names the cluster. */
  readonly clusterIdentifier?: string
  readonly customDomainName?: string
  readonly database: string
  /** GetClusterCredentialsWithIAM: the IAM identity is the user. */
  readonly withIam: boolean
  /** GetClusterCredentials' DbUser (absent with `withIam`). */
  readonly dbUser?: string
  readonly dbGroups: readonly string[]
  readonly autoCreate: boolean
  readonly durationSeconds?: number
}

/** Where to ask for a Serverless workgroup's credentials. */
export interface ServerlessIamTarget {
  readonly kind: 'serverless'
  readonly region: string
  /** One of these two names the workgroup. */
  readonly workgroupName?: string
  readonly customDomainName?: string
  readonly database: string
  readonly durationSeconds?: number
}

/** Everything an IAM login provider needs to know about its cluster. */
export type IamTarget = ProvisionedIamTarget | ServerlessIamTarget

/** The environment variables the region may come from. */
export type RegionEnvironment = Readonly<Record<string, string | undefined>> & {
  readonly AWS_REGION?: string
  readonly AWS_DEFAULT_REGION?: string
}

/**
 * Settles which API, cluster (or workgroup), region and user an IAM config
 * means. Each field set in `config.iam` wins; what is left out is read from
 * the host name (`<cluster>.<id>.<region>.redshift.amazonaws.com`,
 * `<workgroup>.<account>.<region>.redshift-serverless.amazonaws.com`, China
 * partitions too), the region last from `AWS_REGION` / `AWS_DEFAULT_REGION`.
 * With `iam.kind` set and a host that is not AWS's own name (a custom
 * domain), the host is sent as the custom domain name. Whatever cannot be
 * settled is reported, all at once, as a {@link RedshiftConfigError} naming
 * the field to set.
 *
 * ```ts
 * resolveIamTarget(parseRedshiftConfig({
 *   host: 'redshift.internal.example.com', user: 'etl',
 *   iam: { clusterIdentifier: 'analytics', region: 'eu-west-1' },
 * }))
 * // { kind: 'provisioned', clusterIdentifier: 'analytics', region: 'eu-west-1', dbUser: 'etl', ... }
 * ```
 */
export function resolveIamTarget(
  config: RedshiftConfig,
  env: RegionEnvironment = process.env,
): IamTarget {
  const iam = config.iam
  if (iam === undefined) {
    throw new RedshiftConfigError({
      issues: [{ path: 'iam', message: 'is not set' }],
    })
  }
  const issues: RedshiftConfigIssue[] = []
  const issue = (path: string, message: string) =>
    issues.push({ path, message })
  const parsed = parseRedshiftHost(config.host)
  const hostNote = `host "${config.host}" is not a *.redshift.amazonaws.com or *.redshift-serverless.amazonaws.com name`

  if (iam.clusterIdentifier !== undefined && iam.workgroupName !== undefined) {
    issue(
      'iam.workgroupName',
      'set either iam.clusterIdentifier (provisioned) or iam.workgroupName (Serverless), not both',
    )
  }
  const kind =
    iam.kind ??
    (iam.workgroupName !== undefined
      ? 'serverless'
      : iam.clusterIdentifier !== undefined
        ? 'provisioned'
        : parsed?.kind)

  const region =
    iam.region ?? parsed?.region ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION
  if (region === undefined || region === '') {
    issue(
      'iam.region',
      `cannot be read from the host (${hostNote}) nor from AWS_REGION: set iam.region`,
    )
  }
  // A custom domain stands in for the cluster name only when the user said
  // which kind of Redshift it is, and only for a real DNS name.
  const customDomainName =
    iam.kind !== undefined &&
    parsed === undefined &&
    isIP(config.host) === 0 &&
    config.host !== 'localhost'
      ? config.host
      : undefined

  if (kind === undefined) {
    issue(
      'iam.clusterIdentifier',
      `cannot be read from the host (${hostNote}): set iam.clusterIdentifier for a provisioned cluster, or iam.workgroupName for Serverless (or iam.kind with a custom domain)`,
    )
    throw new RedshiftConfigError({ issues })
  }

  if (kind === 'serverless') {
    if (iam.clusterIdentifier !== undefined && iam.kind === 'serverless') {
      issue('iam.clusterIdentifier', 'applies to provisioned clusters only')
    }
    if (iam.withIam) {
      issue(
        'iam.withIam',
        'applies to provisioned clusters only (Serverless always uses the IAM identity)',
      )
    }
    for (const field of ['dbUser', 'dbGroups'] as const) {
      if (iam[field] !== undefined) {
        issue(
          `iam.${field}`,
          'cannot be chosen on Serverless: GetCredentials derives the user from the IAM identity',
        )
      }
    }
    const workgroupName =
      iam.workgroupName ??
      (parsed?.kind === 'serverless' ? parsed.workgroupName : undefined)
    if (workgroupName === undefined && customDomainName === undefined) {
      issue(
        'iam.workgroupName',
        `cannot be read from the host (${hostNote}): set iam.workgroupName`,
      )
    }
    if (issues.length > 0) throw new RedshiftConfigError({ issues })
    return Object.freeze({
      kind,
      region: region as string,
      ...(workgroupName !== undefined
        ? { workgroupName }
        : { customDomainName: customDomainName as string }),
      database: config.database,
      ...(iam.durationSeconds === undefined
        ? {}
        : { durationSeconds: iam.durationSeconds }),
    })
  }

  if (iam.workgroupName !== undefined && iam.kind === 'provisioned') {
    issue('iam.workgroupName', 'applies to Serverless only')
  }
  const clusterIdentifier =
    iam.clusterIdentifier ??
    (parsed?.kind === 'provisioned' ? parsed.clusterIdentifier : undefined)
  if (clusterIdentifier === undefined && customDomainName === undefined) {
    issue(
      'iam.clusterIdentifier',
      `cannot be read from the host (${hostNote}): set iam.clusterIdentifier`,
    )
  }
  let dbUser: string | undefined
  if (iam.withIam) {
    if (iam.dbUser !== undefined) {
      issue(
        'iam.dbUser',
        'cannot be chosen with iam.withIam: the IAM identity is the user',
      )
    }
  } else {
    dbUser = iam.dbUser ?? (config.user === '' ? undefined : config.user)
    if (dbUser === undefined) {
      issue(
        'iam.dbUser',
        'is required for GetClusterCredentials: set iam.dbUser or user (or iam.withIam)',
      )
    }
  }
  if (issues.length > 0) throw new RedshiftConfigError({ issues })
  return Object.freeze({
    kind,
    region: region as string,
    ...(clusterIdentifier !== undefined
      ? { clusterIdentifier }
      : { customDomainName: customDomainName as string }),
    database: config.database,
    withIam: iam.withIam,
    ...(dbUser === undefined ? {} : { dbUser }),
    dbGroups: Object.freeze([...(iam.dbGroups ?? [])]),
    autoCreate: iam.autoCreate,
    ...(iam.durationSeconds === undefined
      ? {}
      : { durationSeconds: iam.durationSeconds }),
  })
}
