import { RedshiftError, type RedshiftErrorOptions } from './redshift-error.js'

/** What ran out, as far as the error tells. */
export type ResourceErrorReason =
  | 'too-many-connections'
  | 'disk-full'
  | 'out-of-memory'
  | 'query-aborted'
  | 'insufficient-resources'

/** Options of {@link ResourceError}. */
export interface ResourceErrorOptions extends RedshiftErrorOptions {
  readonly reason?: ResourceErrorReason
}

/**
 * The server ran out of something (SQLSTATE class `53`, Redshift's `Disk Full`
 * (code 1016) or `connection limit "N" exceeded`), or WLM aborted the query
 * (`abort query`, code 1020, a query monitoring rule's *abort* action).
 *
 * Only a connection limit (`53300`) and the generic `53000` (the cluster too
 * busy to start the statement) are retryable by default: connections and
 * queue slots free up, while a full disk or a monitoring rule will stop the
 * same query again.
 *
 * ```ts
 * if (error instanceof ResourceError && error.reason === 'query-aborted') {
 *   console.log('stopped by a WLM query monitoring rule')
 * }
 * ```
 */
export class ResourceError extends RedshiftError {
  static {
    Object.defineProperty(this.prototype, 'name', {
      value: 'ResourceError',
      writable: true,
      configurable: true,
    })
  }

  declare readonly reason?: ResourceErrorReason

  constructor(message: string, options: ResourceErrorOptions = {}) {
    super(message, options)
    if (options.reason !== undefined) {
      Object.assign(this, { reason: options.reason })
    }
  }
}
