import { RedshiftError, type RedshiftErrorOptions } from '../errors/index.js'

/** Why temporary database credentials could not be had. */
export type IamCredentialsFailure =
  /** The API kept throttling the call after every retry. */
  | 'throttled'
  /** The API refused or failed the call (no such cluster, access denied...). */
  | 'api'
  /** No AWS credentials were found to sign the call with. */
  | 'aws-credentials'
  /** The API answered with credentials that were already expired. */
  | 'expired'

/** Options of {@link IamCredentialsError}. */
export interface IamCredentialsErrorOptions extends RedshiftErrorOptions {
  readonly reason: IamCredentialsFailure
  /** The API operation, e.g. `GetClusterCredentials`. */
  readonly operation: string
  /** AWS's error code, e.g. `ClusterNotFoundFault`, `ThrottlingException`. */
  readonly awsErrorCode?: string
  readonly httpStatusCode?: number
  /** Calls made, retries included. */
  readonly attempts: number
}

/**
 * Temporary database credentials could not be fetched from IAM
 * (GetClusterCredentials, GetClusterCredentialsWithIAM or Serverless
 * GetCredentials). The message names the operation, the cluster or
 * workgroup and AWS's error code; it never carries a key, token or password
 * (the `cause` is a sanitized copy, without the SDK's request and response
 * objects).
 *
 * ```ts
 * try {
 *   await db.selectFrom('sales').selectAll().execute()
 * } catch (error) {
 *   if (error instanceof IamCredentialsError && error.reason === 'throttled') {
 *     // back off for longer, or raise the API's rate limit
 *   }
 * }
 * ```
 */
export class IamCredentialsError extends RedshiftError {
  static {
    Object.defineProperty(this.prototype, 'name', {
      value: 'IamCredentialsError',
      writable: true,
      configurable: true,
    })
  }

  readonly reason: IamCredentialsFailure
  readonly operation: string
  declare readonly awsErrorCode?: string
  declare readonly httpStatusCode?: number
  readonly attempts: number

  constructor(message: string, options: IamCredentialsErrorOptions) {
    const { reason, operation, awsErrorCode, httpStatusCode, attempts } =
      options
    super(message, {
      ...(options.cause === undefined ? {} : { cause: options.cause }),
      // Throttling passes; a missing cluster or a denied call does not.
      isRetryable: options.isRetryable ?? reason === 'throttled',
    })
    this.reason = reason
    this.operation = operation
    this.attempts = attempts
    if (awsErrorCode !== undefined) this.awsErrorCode = awsErrorCode
    if (httpStatusCode !== undefined) this.httpStatusCode = httpStatusCode
  }
}
