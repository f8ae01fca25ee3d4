import type { RedshiftConfig } from '../config/index.js'
import { awsCredentialsOf } from './aws-credentials-of.js'
import { clusterCredentialsSource } from './cluster-credentials-source.js'
import type { CredentialsSource } from './credentials-source.js'
import {
  resolveIamTarget,
  type IamTarget,
  type RegionEnvironment,
} from './iam-target.js'
import type { LoginProvider } from './login-provider.js'
import { RefreshingLoginProvider } from './refreshing-login-provider.js'
import {
  DEFAULT_THROTTLE_RETRY,
  type ThrottleRetryOptions,
} from './retry-throttled.js'
import { serverlessCredentialsSource } from './serverless-credentials-source.js'

/** Options of {@link createIamLoginProvider}, mostly for tests. */
export interface IamLoginProviderOptions {
  /** How throttled API calls are retried (default: 5 calls, 100 ms doubling to 2 s). */
  readonly retry?: ThrottleRetryOptions
  /** The clock, in epoch ms. */
  readonly now?: () => number
  /** Where the region may come from when neither config nor host says (default `process.env`). */
  readonly env?: RegionEnvironment
}

/**
 * The login provider of a config with `iam`: temporary credentials from
 * GetClusterCredentials, GetClusterCredentialsWithIAM or Serverless
 * GetCredentials (see {@link resolveIamTarget} for how the cluster, region
 * and user are settled), cached and refreshed `iam.refreshSkewMs` ahead of
 * expiry, one fetch shared by concurrent connects, throttling retried.
 * Settling the target happens here, so a config that cannot work fails at
 * once with a {@link RedshiftConfigError}; the AWS SDK packages are loaded
 * only on the first `login()`.
 *
 * ```ts
 * const provider = createIamLoginProvider(parseRedshiftConfig({
 *   host: 'examplecluster.abc123xyz789.us-west-2.redshift.amazonaws.com',
 *   user: 'etl',
 *   iam: { autoCreate: true, dbGroups: ['loaders'] },
 * }))
 * const { user, password } = await provider.login() // user: 'IAMA:etl'
 * ```
 */
export function createIamLoginProvider(
  config: RedshiftConfig,
  options: IamLoginProviderOptions = {},
): LoginProvider {
  const iam = config.iam
  const target = resolveIamTarget(config, options.env)
  const now = options.now ?? Date.now
  const retry = options.retry ?? DEFAULT_THROTTLE_RETRY
  let source: Promise<CredentialsSource> | undefined
  const sourceOf = async (): Promise<CredentialsSource> => {
    const credentials = await awsCredentialsOf(iam!, target.region)
    const sourceOptions = {
      credentials,
      retry,
      now,
      ...(iam!.endpoint === undefined ? {} : { endpoint: iam!.endpoint }),
    }
    return sourceFor(target, sourceOptions)
  }
  return new RefreshingLoginProvider(
    async () => {
      // A failed load (a broken install) is tried again on the next connect.
      const pending = (source ??= sourceOf())
      pending.catch(() => {
        if (source === pending) source = undefined
      })
      return (await pending)()
    },
    { refreshSkewMs: iam!.refreshSkewMs, now },
  )
}

function sourceFor(
  target: IamTarget,
  options: Parameters<typeof clusterCredentialsSource>[1],
): CredentialsSource {
  return target.kind === 'serverless'
    ? serverlessCredentialsSource(target, options)
    : clusterCredentialsSource(target, options)
}
