/** How AWS API calls that were throttled are retried. */
export interface ThrottleRetryOptions {
  /** Calls in all, the first included (default 5). */
  readonly maxAttempts: number
  /** First backoff in ms, doubled after each throttled call (default 100). */
  readonly initialDelayMs: number
  /** Largest backoff in ms (default 2000). */
  readonly maxDelayMs: number
  /** Waits `ms`; replaceable in tests. */
  readonly sleep?: (ms: number) => Promise<void>
}

/** The defaults: about 1.5 s of backoff at most, inside a 10 s connect timeout. */
export const DEFAULT_THROTTLE_RETRY: ThrottleRetryOptions = Object.freeze({
  maxAttempts: 5,
  initialDelayMs: 100,
  maxDelayMs: 2000,
})

// The AWS SDK's own list of throttling codes (service-error-classification),
// plus what the Redshift APIs send when a request rate is exceeded.
const THROTTLING_CODES = new Set([
  'Throttling',
  'ThrottlingException',
  'ThrottledException',
  'RequestThrottledException',
  'TooManyRequestsException',
  'ProvisionedThroughputExceededException',
  'TransactionInProgressException',
  'RequestLimitExceeded',
  'BandwidthLimitExceeded',
  'LimitExceededException',
  'RequestThrottled',
  'SlowDown',
  'PriorRequestNotComplete',
  'EC2ThrottledException',
])

// Failures of the call itself, not answers: the next call may well pass.
const TRANSIENT_CODES = new Set([
  'TimeoutError',
  'RequestTimeout',
  'RequestTimeoutException',
  'InternalServerException',
  'InternalFailure',
  'ServiceUnavailable',
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
])

/** The AWS SDK exception name (`ClusterNotFoundFault`), else the code AWS or Node.js gave. */
export function awsErrorCodeOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined
  const source = error as { name?: unknown; code?: unknown; Code?: unknown }
  for (const value of [source.name, source.Code, source.code]) {
    if (typeof value === 'string' && value !== '' && value !== 'Error') {
      return value
    }
  }
  return undefined
}

/**
 * Whether an AWS SDK error is throttling (429, or one of AWS's throttling
 * codes) or a transient failure (5xx, timeout, reset connection) that the
 * same call may get past.
 *
 * ```ts
 * isRetryableAwsError(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' })) // true
 * ```
 */
export function isRetryableAwsError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false
  const code = awsErrorCodeOf(error)
  if (
    code !== undefined &&
    (THROTTLING_CODES.has(code) || TRANSIENT_CODES.has(code))
  ) {
    return true
  }
  const source = error as {
    $metadata?: { httpStatusCode?: unknown }
    $retryable?: unknown
  }
  const status = source.$metadata?.httpStatusCode
  if (typeof status === 'number' && (status === 429 || status >= 500)) {
    return true
  }
  return typeof source.$retryable === 'object' && source.$retryable !== null
}

/** The result of {@link retryThrottled}: the value, or the last error and the attempts made. */
export type RetryOutcome<T> =
  | { readonly ok: true; readonly value: T; readonly attempts: number }
  | {
      readonly ok: false
      readonly error: unknown
      readonly attempts: number
      /** True when the last error was still throttling / transient. */
      readonly exhausted: boolean
    }

/**
 * Runs `call`, again after exponential backoff with full jitter while it
 * fails with throttling or a transient error, up to `maxAttempts` calls.
 * Other errors end it at once. Never throws: the outcome says how it ended.
 *
 * ```ts
 * const outcome = await retryThrottled(() => client.send(command), DEFAULT_THROTTLE_RETRY)
 * if (!outcome.ok) throw outcome.error
 * ```
 */
export async function retryThrottled<T>(
  call: () => Promise<T>,
  options: ThrottleRetryOptions = DEFAULT_THROTTLE_RETRY,
): Promise<RetryOutcome<T>> {
  const sleep = options.sleep ?? delay
  for (let attempt = 1; ; attempt++) {
    try {
      return { ok: true, value: await call(), attempts: attempt }
    } catch (error) {
      const retryable = isRetryableAwsError(error)
      if (!retryable || attempt >= options.maxAttempts) {
        return { ok: false, error, attempts: attempt, exhausted: retryable }
      }
      const ceiling = Math.min(
        options.maxDelayMs,
        options.initialDelayMs * 2 ** (attempt - 1),
      )
      // Full jitter: concurrent clients throttled together spread out
      // instead of coming back in step.
      await sleep(Math.random() * ceiling)
    }
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}
