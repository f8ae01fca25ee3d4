import { RedshiftError } from './redshift-error.js'

/** Options of {@link RedshiftUnsupportedError}. */
export interface RedshiftUnsupportedErrorOptions {
  /** What Redshift does not support, e.g. `RETURNING`. */
  readonly feature: string
  /** What to use instead, e.g. `run a SELECT after the INSERT`. */
  readonly alternative: string
}

/**
 * A statement uses something Redshift rejects. Raised before anything is sent
 * to the server, so the message can name both the feature and what to use
 * instead.
 *
 * ```ts
 * throw new RedshiftUnsupportedError({
 *   feature: 'ON CONFLICT',
 *   alternative: 'MERGE, or a staging table with DELETE + INSERT',
 * })
 * // Redshift does not support ON CONFLICT. Instead: MERGE, or a staging table with DELETE + INSERT
 * ```
 */
export class RedshiftUnsupportedError extends RedshiftError {
  static {
    Object.defineProperty(this.prototype, 'name', {
      value: 'RedshiftUnsupportedError',
      writable: true,
      configurable: true,
    })
  }

  readonly feature: string
  readonly alternative: string

  constructor(options: RedshiftUnsupportedErrorOptions) {
    super(
      `Redshift does not support ${options.feature}. Instead: ${options.alternative}`,
    )
    this.feature = options.feature
    this.alternative = options.alternative
  }
}
