/**
 * A local Amazon Redshift emulator: a PostgreSQL wire-protocol server that
 * makes a real PostgreSQL look like Redshift.
 *
 * @example
 * ```ts
 * import { startLocalRedshift } from 'kysely-redshift/local'
 * const local = await startLocalRedshift({ port: 0 })
 * console.log(local.url)
 * await local.stop()
 * ```
 *
 * @module
 */
export {
  startLocalRedshift,
  type LocalRedshift,
} from './start-local-redshift.js'
export type { LocalRedshiftOptions } from './local-redshift-options.js'
export type {
  Faults,
  FaultPattern,
  FailNextOptions,
  LatencyOptions,
  DropConnectionOptions,
} from './runtime/faults.js'
export type { WlmQueueConfig } from './runtime/wlm.js'
