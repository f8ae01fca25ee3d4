import type { AwsCredentialsInput, RedshiftIamConfig } from '../config/index.js'

/** A function answering AWS credentials, as the AWS SDK clients take it. */
export type AwsCredentialsProvider = Extract<
  AwsCredentialsInput,
  (...args: never[]) => unknown
>

/**
 * The AWS credentials an IAM config signs its calls with: `iam.credentials`
 * when given, else the profile `iam.profile` of the shared config files,
 * else the AWS SDK's default chain (environment, SSO, shared files, web
 * identity, ECS / EC2 metadata); with `iam.roleArn`, those credentials
 * assume that role first. `@aws-sdk/credential-providers` is loaded here,
 * on first use, so code that never uses IAM never loads it.
 *
 * ```ts
 * const credentials = await awsCredentialsOf({ ...iam, profile: 'analytics' }, 'us-east-1')
 * const { accessKeyId } = await credentials()
 * ```
 */
export async function awsCredentialsOf(
  iam: RedshiftIamConfig,
  region: string,
): Promise<AwsCredentialsProvider> {
  const given = iam.credentials
  // The config keeps fixed keys as a provider already; no package is needed.
  if (typeof given === 'function' && iam.roleArn === undefined) return given
  const providers = await import('@aws-sdk/credential-providers')
  const base: AwsCredentialsProvider =
    given !== undefined
      ? typeof given === 'function'
        ? given
        : async () => given
      : iam.profile !== undefined
        ? providers.fromIni({ profile: iam.profile })
        : providers.fromNodeProviderChain()
  if (iam.roleArn === undefined) return base
  return providers.fromTemporaryCredentials({
    params: { RoleArn: iam.roleArn, RoleSessionName: 'kysely-redshift' },
    masterCredentials: base,
    clientConfig: { region },
  })
}
