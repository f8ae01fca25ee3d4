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
