import { RedshiftError, type RedshiftErrorOptions } from './redshift-error.js'

/**
 * The TLS handshake failed: the server's certificate did not verify
 * (untrusted or self-signed chain, expired, not valid for the host name) or
 * the server does not speak TLS. Not retryable: the same check fails again
 * until the configuration changes. The message keeps Node's code and text
 * and says which setting to look at.
 *
 * ```ts
 * if (error instanceof TlsError) {
 *   console.error(error.message) // "TLS verification failed (DEPTH_ZERO_SELF_SIGNED_CERT: ...)"
 * }
 * ```
 */
export class TlsError extends RedshiftError {
  static {
    Object.defineProperty(this.prototype, 'name', {
      value: 'TlsError',
      writable: true,
      configurable: true,
    })
  }

  constructor(message: string, options: RedshiftErrorOptions = {}) {
    super(message, options)
  }

  protected override defaultRetryable(): boolean {
    return false
  }
}
