/** What a Redshift endpoint's host name says about the cluster behind it. */
export type RedshiftHostInfo =
  | {
      readonly kind: 'provisioned'
      readonly clusterIdentifier: string
      readonly region: string
    }
  | {
      readonly kind: 'serverless'
      readonly workgroupName: string
      /** The 12-digit AWS account id. */
      readonly accountId: string
      readonly region: string
    }

// <cluster>.<unique id>.<region>.redshift.amazonaws.com[.cn]
// <workgroup>.<account>.<region>.redshift-serverless.amazonaws.com[.cn]
// The China partition ends in .amazonaws.com.cn; a trailing dot (a fully
// qualified name) is the same host.
const ENDPOINT =
  /^([a-z][a-z0-9-]*)\.([a-z0-9]+)\.([a-z]{2}(?:-[a-z]+)+-\d+)\.(redshift|redshift-serverless)\.amazonaws\.com(?:\.cn)?\.?$/

/**
 * Reads the cluster identifier (or Serverless workgroup), the region and the
 * kind of Redshift from an endpoint's host name; `undefined` for a name that
 * is not one of AWS's (a custom domain, a VPC endpoint's private DNS name, an
 * IP address, localhost).
 *
 * ```ts
 * parseRedshiftHost('examplecluster.abc123xyz789.us-west-2.redshift.amazonaws.com')
 * // { kind: 'provisioned', clusterIdentifier: 'examplecluster', region: 'us-west-2' }
 * parseRedshiftHost('default-wg.123456789012.us-east-1.redshift-serverless.amazonaws.com')
 * // { kind: 'serverless', workgroupName: 'default-wg', accountId: '123456789012', region: 'us-east-1' }
 * ```
 */
export function parseRedshiftHost(host: string): RedshiftHostInfo | undefined {
  // Host names are case-insensitive; Redshift identifiers are lowercase.
  const match = ENDPOINT.exec(host.trim().toLowerCase())
  if (match === null) return undefined
  const [, name, id, region, service] = match as unknown as [
    string,
    string,
    string,
    string,
    string,
  ]
  if (service === 'redshift') {
    return Object.freeze({
      kind: 'provisioned',
      clusterIdentifier: name,
      region,
    })
  }
  // A Serverless endpoint's second label is the account id; anything else
  // is not a name AWS gives out.
  if (!/^\d{12}$/.test(id)) return undefined
  return Object.freeze({
    kind: 'serverless',
    workgroupName: name,
    accountId: id,
    region,
  })
}
