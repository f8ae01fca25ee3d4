import type { AwsCredentialsProvider } from './aws-credentials-of.js'
import type { ThrottleRetryOptions } from './retry-throttled.js'
import type { TemporaryLogin } from './temporary-login.js'

/** Fetches one new temporary login from a credentials API. */
export type CredentialsSource = () => Promise<TemporaryLogin>

/** What every credentials source is built with. */
export interface CredentialsSourceOptions {
  /** The AWS credentials the calls are signed with. */
  readonly credentials: AwsCredentialsProvider
  /** The API endpoint instead of AWS's (a VPC endpoint, a local emulator). */
  readonly endpoint?: string
  readonly retry: ThrottleRetryOptions
  /** The clock, in epoch ms. */
  readonly now: () => number
}

/**
 * The constructor options of the AWS SDK client a credentials source calls:
 * its region and signing credentials, the endpoint override, and no retries
 * of the SDK's own (throttling is retried by `callCredentialsApi`, with its
 * own bound).
 *
 * ```ts
 * new RedshiftClient(awsClientOptions(target.region, options))
 * ```
 */
export function awsClientOptions(
  region: string,
  options: CredentialsSourceOptions,
): {
  readonly region: string
  readonly credentials: AwsCredentialsProvider
  readonly maxAttempts: number
  readonly endpoint?: string
} {
  return {
    region,
    credentials: options.credentials,
    maxAttempts: 1,
    ...(options.endpoint === undefined ? {} : { endpoint: options.endpoint }),
  }
}
