import {
  createNoopMeter,
  type Counter,
  type Histogram,
  type Meter,
  type MeterProvider,
} from '@opentelemetry/api'

import { PACKAGE_VERSION } from './package-version.js'
import type { StatementInstruments } from './statement-span.js'
import {
  DURATION_BUCKETS,
  INSTRUMENTATION_NAME,
  METRIC_OPERATION_DURATION,
  METRIC_ROWS_LOADED,
  METRIC_ROWS_UNLOADED,
  METRIC_TIMEOUTS,
  METRIC_WAIT_TIME,
} from './telemetry-names.js'

/**
 * The instruments of this package on one meter provider: all undefined
 * when its meter is OpenTelemetry's no-op (nothing would record).
 */
export interface MeterInstruments {
  /** The meter, when it records (for the pool's own metrics). */
  readonly meter: Meter | undefined
  /** Per statement: duration, rows loaded and unloaded. */
  readonly statement: StatementInstruments | undefined
  /** `db.client.connection.wait_time`. */
  readonly waitTime: Histogram | undefined
  /** `db.client.connection.timeouts`. */
  readonly timeouts: Counter | undefined
}

const NO_INSTRUMENTS: MeterInstruments = Object.freeze({
  meter: undefined,
  statement: undefined,
  waitTime: undefined,
  timeouts: undefined,
})

// One set per provider, however many clients use it and however often the
// global provider changes back to one seen before: instruments are created
// once per meter.
const byProvider = new WeakMap<MeterProvider, MeterInstruments>()

/**
 * This package's instruments on `provider`, created on first use and
 * cached.
 *
 * ```ts
 * const { statement, waitTime } = meterInstrumentsOf(metrics.getMeterProvider())
 * ```
 */
export function meterInstrumentsOf(provider: MeterProvider): MeterInstruments {
  let instruments = byProvider.get(provider)
  if (instruments === undefined) {
    instruments = createInstruments(provider)
    byProvider.set(provider, instruments)
  }
  return instruments
}

function createInstruments(provider: MeterProvider): MeterInstruments {
  const meter = provider.getMeter(INSTRUMENTATION_NAME, PACKAGE_VERSION)
  if (meter === createNoopMeter()) return NO_INSTRUMENTS
  return Object.freeze({
    meter,
    statement: Object.freeze({
      duration: meter.createHistogram(METRIC_OPERATION_DURATION, {
        description: 'Duration of database client operations',
        unit: 's',
        advice: { explicitBucketBoundaries: [...DURATION_BUCKETS] },
      }),
      rowsLoaded: meter.createCounter(METRIC_ROWS_LOADED, {
        description: 'Rows loaded into Redshift tables by COPY',
        unit: '{row}',
      }),
      rowsUnloaded: meter.createCounter(METRIC_ROWS_UNLOADED, {
        description: 'Rows written to Amazon S3 by UNLOAD',
        unit: '{row}',
      }),
    }),
    waitTime: meter.createHistogram(METRIC_WAIT_TIME, {
      description:
        'The time it took to obtain an open connection from the pool',
      unit: 's',
      advice: { explicitBucketBoundaries: [...DURATION_BUCKETS] },
    }),
    timeouts: meter.createCounter(METRIC_TIMEOUTS, {
      description:
        'The number of connection timeouts that have occurred trying to obtain a connection from the pool',
      unit: '{timeout}',
    }),
  })
}
