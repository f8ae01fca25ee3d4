import { callCredentialsApi } from './call-credentials-api.js'
import {
  awsClientOptions,
  type CredentialsSource,
  type CredentialsSourceOptions,
} from './credentials-source.js'
import type { ServerlessIamTarget } from './iam-target.js'
import { temporaryLoginFrom } from './temporary-login.js'

/**
 * Fetches a Serverless workgroup's temporary login with GetCredentials
 * (workgroupName, dbName, durationSeconds); the user is the one the answer
 * names (the IAM identity). The Serverless client is loaded on the first call.
 *
 * ```ts
 * const fetch = serverlessCredentialsSource(target, { credentials, retry: DEFAULT_THROTTLE_RETRY, now: Date.now })
 * const { user, password, expiresAt } = await fetch()
 * ```
 */
export function serverlessCredentialsSource(
  target: ServerlessIamTarget,
  options: CredentialsSourceOptions,
): CredentialsSource {
  const operation = 'GetCredentials'
  const name =
    target.workgroupName !== undefined
      ? `workgroup "${target.workgroupName}"`
      : `custom domain "${target.customDomainName}"`
  const call = {
    operation,
    target: `${name} in ${target.region}`,
    retry: options.retry,
    now: options.now,
  }
  let loaded:
    | Promise<
        () => Promise<{
          dbUser?: string
          dbPassword?: string
          expiration?: Date
          nextRefreshTime?: Date
        }>
      >
    | undefined
  const client = () =>
    (loaded ??= import('@aws-sdk/client-redshift-serverless').then((sdk) => {
      const serverless = new sdk.RedshiftServerlessClient(
        awsClientOptions(target.region, options),
      )
      const command = new sdk.GetCredentialsCommand({
        ...(target.workgroupName !== undefined
          ? { workgroupName: target.workgroupName }
          : { customDomainName: target.customDomainName }),
        dbName: target.database,
        ...(target.durationSeconds === undefined
          ? {}
          : { durationSeconds: target.durationSeconds }),
      })
      return () => serverless.send(command)
    }))
  return () =>
    callCredentialsApi(call, async () => {
      const answer = await (await client())()
      return temporaryLoginFrom(
        operation,
        answer.dbUser,
        answer.dbPassword,
        answer.expiration,
        answer.nextRefreshTime,
      )
    })
}
