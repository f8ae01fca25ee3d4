import type { IncomingHttpHeaders } from 'node:http'

import { AwsApiError } from './aws-api-error.js'

/** Who signed a request, as far as the emulator can tell without checking. */
export interface CallerIdentity {
  readonly accessKeyId: string
  /** Temporary credentials (a session token) mean an assumed role. */
  readonly assumedRole: boolean
}

const CREDENTIAL = /\bCredential=([^/,\s]+)\//

/**
 * Reads the access key id from a SigV4 `Authorization` header. The signature
 * is not checked (any key is accepted), but an unsigned request is refused
 * as AWS refuses it.
 *
 * @example
 * ```ts
 * callerIdentity(request.headers) // { accessKeyId: 'AKIAEXAMPLE', assumedRole: false }
 * ```
 */
export function callerIdentity(headers: IncomingHttpHeaders): CallerIdentity {
  const authorization = headers['authorization']
  const match =
    typeof authorization === 'string' &&
    authorization.startsWith('AWS4-HMAC-SHA256 ')
      ? CREDENTIAL.exec(authorization)
      : null
  if (match === null) {
    throw new AwsApiError(
      'MissingAuthenticationToken',
      403,
      'Request is missing Authentication Token',
    )
  }
  return {
    accessKeyId: match[1] as string,
    assumedRole: typeof headers['x-amz-security-token'] === 'string',
  }
}

/**
 * The database user Redshift maps an IAM identity to: `IAMR:<name>` for an
 * assumed role, `IAM:<name>` for a user. The emulator knows no IAM names, so
 * the access key id (lowercased, as Redshift folds user names) stands for one.
 *
 * @example
 * ```ts
 * identityUser({ accessKeyId: 'ASIAEXAMPLE', assumedRole: true }) // 'IAMR:asiaexample'
 * ```
 */
export function identityUser(identity: CallerIdentity): string {
  const name = identity.accessKeyId.toLowerCase()
  return identity.assumedRole ? `IAMR:${name}` : `IAM:${name}`
}
