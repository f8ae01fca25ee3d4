import { callCredentialsApi } from './call-credentials-api.js'
import {
  awsClientOptions,
  type CredentialsSource,
  type CredentialsSourceOptions,
} from './credentials-source.js'
import type { ProvisionedIamTarget } from './iam-target.js'
import { temporaryLoginFrom } from './temporary-login.js'

/**
 * Fetches a provisioned cluster's temporary login: GetClusterCredentials
 * (DbUser, DbGroups, AutoCreate, DurationSeconds; the login user is the
 * `IAM:` / `IAMA:` name Redshift returns) or, with `withIam`,
 * GetClusterCredentialsWithIAM (the IAM identity is the user). The Redshift
 * client is loaded on the first call.
 *
 * ```ts
 * const fetch = clusterCredentialsSource(target, { credentials, retry: DEFAULT_THROTTLE_RETRY, now: Date.now })
 * const { user, password, expiresAt } = await fetch()
 * ```
 */
export function clusterCredentialsSource(
  target: ProvisionedIamTarget,
  options: CredentialsSourceOptions,
): CredentialsSource {
  const operation = target.withIam
    ? 'GetClusterCredentialsWithIAM'
    : 'GetClusterCredentials'
  const name =
    target.clusterIdentifier !== undefined
      ? `cluster "${target.clusterIdentifier}"`
      : `custom domain "${target.customDomainName}"`
  const call = {
    operation,
    target: `${name} in ${target.region}`,
    retry: options.retry,
    now: options.now,
  }
  const naming =
    target.clusterIdentifier !== undefined
      ? { ClusterIdentifier: target.clusterIdentifier }
      : { CustomDomainName: target.customDomainName }
  let loaded:
    | Promise<{
        readonly send: (withIam: boolean) => Promise<{
          DbUser?: string
          DbPassword?: string
          Expiration?: Date
        }>
      }>
    | undefined
  const client = () =>
    (loaded ??= import('@aws-sdk/client-redshift').then((sdk) => {
      const redshift = new sdk.RedshiftClient(
        awsClientOptions(target.region, options),
      )
      return {
        send: (withIam: boolean) =>
          withIam
            ? redshift.send(
                new sdk.GetClusterCredentialsWithIAMCommand({
                  ...naming,
                  DbName: target.database,
                  ...(target.durationSeconds === undefined
                    ? {}
                    : { DurationSeconds: target.durationSeconds }),
                }),
              )
            : redshift.send(
                new sdk.GetClusterCredentialsCommand({
                  ...naming,
                  DbUser: target.dbUser as string,
                  DbName: target.database,
                  AutoCreate: target.autoCreate,
                  ...(target.dbGroups.length === 0
                    ? {}
                    : { DbGroups: [...target.dbGroups] }),
                  ...(target.durationSeconds === undefined
                    ? {}
                    : { DurationSeconds: target.durationSeconds }),
                }),
              ),
      }
    }))
  return () =>
    callCredentialsApi(call, async () => {
      const answer = await (await client()).send(target.withIam)
      return temporaryLoginFrom(
        operation,
        answer.DbUser,
        answer.DbPassword,
        answer.Expiration,
        // Only GetClusterCredentialsWithIAM answers with one.
        (answer as { NextRefreshTime?: Date }).NextRefreshTime,
      )
    })
}
