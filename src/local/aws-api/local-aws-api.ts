import type { IamLoginStats } from './iam-credential-store.js'

/**
 * The emulator's AWS credential endpoint, as a running emulator exposes it.
 *
 * @example
 * ```ts
 * const local = await startLocalRedshift({ port: 0, awsApiPort: 0 })
 * new RedshiftClient({ endpoint: local.awsApi!.url, region: 'us-east-1', credentials })
 * local.awsApi!.calls('GetClusterCredentials') // 0
 * ```
 */
export interface LocalAwsApi {
  /** The endpoint URL for the AWS SDK clients (`http://127.0.0.1:<port>`). */
  readonly url: string
  /** The cluster GetClusterCredentials answers for. */
  readonly clusterIdentifier: string
  /** The workgroup Serverless GetCredentials answers for. */
  readonly workgroupName: string
  /** Calls received for `action` (e.g. `GetClusterCredentials`), or in all. */
  calls(action?: string): number
  /** Ends every password issued so far, now (Redshift would refuse them from then on). */
  expireCredentials(): void
  /** Logins with issued passwords: accepted, refused, refused as expired. */
  readonly logins: IamLoginStats
}
