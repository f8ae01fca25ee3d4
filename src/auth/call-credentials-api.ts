import { redactSecrets, sanitizeError } from '../errors/index.js'
import { IamCredentialsError } from './iam-credentials-error.js'
import type { TemporaryLogin } from './temporary-login.js'
import {
  awsErrorCodeOf,
  retryThrottled,
  type ThrottleRetryOptions,
} from './retry-throttled.js'

/** What one credentials API call is, for its errors. */
export interface CredentialsCall {
  /** e.g. `GetClusterCredentials`. */
  readonly operation: string
  /** e.g. `cluster "analytics" in us-east-1`. */
  readonly target: string
  readonly retry: ThrottleRetryOptions
  readonly now: () => number
}

// Names the SDK's credential providers give a missing or unusable source.
const CREDENTIALS_ERRORS = new Set([
  'CredentialsProviderError',
  'ProviderError',
  'TokenProviderError',
])

/**
 * Calls a credentials API with throttling retried, and turns every failure
 * into an {@link IamCredentialsError} that names the operation and target and
 * carries no secret. A login that is already expired on arrival (a clock far
 * off) is refused too, so it is never handed out.
 *
 * ```ts
 * const login = await callCredentialsApi(call, () => fetchLogin())
 * ```
 */
export async function callCredentialsApi(
  call: CredentialsCall,
  fetch: () => Promise<TemporaryLogin>,
): Promise<TemporaryLogin> {
  const outcome = await retryThrottled(fetch, call.retry)
  if (outcome.ok) {
    const login = outcome.value
    if (!(login.expiresAt > call.now())) {
      throw new IamCredentialsError(
        `${call.operation} for ${call.target} returned credentials that had already expired (${new Date(login.expiresAt).toISOString()}): is this machine's clock right?`,
        {
          reason: 'expired',
          operation: call.operation,
          attempts: outcome.attempts,
        },
      )
    }
    return login
  }
  const { error, attempts, exhausted } = outcome
  const code = awsErrorCodeOf(error)
  const status = (error as { $metadata?: { httpStatusCode?: unknown } } | null)
    ?.$metadata?.httpStatusCode
  const said = redactSecrets(
    error instanceof Error ? error.message : String(error),
  )
  const reason = exhausted
    ? 'throttled'
    : code !== undefined && CREDENTIALS_ERRORS.has(code)
      ? 'aws-credentials'
      : 'api'
  const message =
    reason === 'throttled'
      ? `${call.operation} for ${call.target} was still throttled after ${attempts} attempts: ${code ?? 'error'}: ${said}`
      : reason === 'aws-credentials'
        ? `${call.operation} for ${call.target} found no AWS credentials to sign with (set iam.credentials or iam.profile, or configure the default chain: AWS_ACCESS_KEY_ID, AWS_PROFILE, SSO, instance role): ${said}`
        : `${call.operation} for ${call.target} failed: ${code ?? 'error'}: ${said}`
  throw new IamCredentialsError(message, {
    reason,
    operation: call.operation,
    attempts,
    ...(code === undefined ? {} : { awsErrorCode: code }),
    ...(typeof status === 'number' ? { httpStatusCode: status } : {}),
    // The SDK's error holds its request and response objects; the sanitized
    // copy keeps only the plain fields.
    cause: sanitizeError(error, []),
  })
}
