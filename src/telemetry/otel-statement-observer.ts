import {
  createNoopMeter,
  ProxyTracerProvider,
  type Attributes,
  type Counter,
  type Histogram,
  type Meter,
  type MeterProvider,
  type Tracer,
  type TracerProvider,
} from '@opentelemetry/api'

import { PACKAGE_VERSION } from './package-version.js'
import { StatementCatalog } from './statement-catalog.js'
import {
  NO_OBSERVATION,
  type StatementInfo,
  type StatementObservation,
  type StatementObserver,
} from './statement-observer.js'
import { takeStatementReport } from './statement-report.js'
import { StatementSpan, type StatementInstruments } from './statement-span.js'
import {
  ATTR_DB_NAMESPACE,
  ATTR_DB_SYSTEM_NAME,
  ATTR_POOL_NAME,
  ATTR_SERVER_ADDRESS,
  ATTR_SERVER_PORT,
  DB_SYSTEM_REDSHIFT,
  DURATION_BUCKETS,
  INSTRUMENTATION_NAME,
  METRIC_OPERATION_DURATION,
  METRIC_ROWS_LOADED,
  METRIC_ROWS_UNLOADED,
  METRIC_TIMEOUTS,
  METRIC_WAIT_TIME,
} from './telemetry-names.js'

/** Where a {@link OtelStatementObserver} sends its spans and metrics, and what it names. */
export interface OtelStatementObserverOptions {
  readonly tracerProvider: TracerProvider
  readonly meterProvider: MeterProvider
  /** `server.address`. */
  readonly host: string
  /** `server.port`. */
  readonly port: number
  /** `db.namespace`: the database. */
  readonly database: string
  /** `db.client.connection.pool.name`. */
  readonly poolName: string
}

// The delegate of a global tracer provider that has none: OpenTelemetry's
// no-op provider, the same object for every ProxyTracerProvider.
const NO_TRACER_PROVIDER = new ProxyTracerProvider().getDelegate()

/**
 * The statement observer with OpenTelemetry behind it: a CLIENT span per
 * statement (named by `db.query.summary`, with the stable database
 * attributes) and `db.client.operation.duration`, the rows loaded and
 * unloaded, the pool waits and their timeouts.
 *
 * It costs nothing measurable when nothing records: with the global tracer
 * provider and no SDK registered, and a meter that is OpenTelemetry's no-op,
 * a statement gets the shared {@link NO_OBSERVATION} after one property
 * read; the statement's text is not even looked at. A global SDK registered
 * later is picked up by the next statement (spans; the meter is read once,
 * when the pool is built).
 *
 * ```ts
 * const observer = new OtelStatementObserver({
 *   tracerProvider, meterProvider, host: 'localhost', port: 5439, database: 'dev', poolName: 'localhost:5439/dev',
 * })
 * ```
 */
export class OtelStatementObserver implements StatementObserver {
  readonly #tracer: Tracer
  /** The global provider, while it may still have no SDK behind it. */
  readonly #proxy: ProxyTracerProvider | undefined
  #tracing: boolean
  readonly #instruments: StatementInstruments | undefined
  readonly #waitTime: Histogram | undefined
  readonly #timeouts: Counter | undefined
  readonly #poolAttributes: Attributes
  readonly #catalog: StatementCatalog
  /** The meter, when it records (for the pool's own metrics). */
  readonly meter: Meter | undefined

  constructor(options: OtelStatementObserverOptions) {
    const { tracerProvider, meterProvider } = options
    this.#tracer = tracerProvider.getTracer(
      INSTRUMENTATION_NAME,
      PACKAGE_VERSION,
    )
    this.#proxy =
      tracerProvider instanceof ProxyTracerProvider ? tracerProvider : undefined
    this.#tracing = this.#proxy === undefined
    this.#catalog = new StatementCatalog(
      Object.freeze({
        [ATTR_DB_SYSTEM_NAME]: DB_SYSTEM_REDSHIFT,
        [ATTR_DB_NAMESPACE]: options.database,
        [ATTR_SERVER_ADDRESS]: options.host,
        [ATTR_SERVER_PORT]: options.port,
      }),
    )
    this.#poolAttributes = Object.freeze({ [ATTR_POOL_NAME]: options.poolName })
    const meter = meterProvider.getMeter(INSTRUMENTATION_NAME, PACKAGE_VERSION)
    if (meter === createNoopMeter()) return
    this.meter = meter
    this.#instruments = {
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
    }
    this.#waitTime = meter.createHistogram(METRIC_WAIT_TIME, {
      description:
        'The time it took to obtain an open connection from the pool',
      unit: 's',
      advice: { explicitBucketBoundaries: [...DURATION_BUCKETS] },
    })
    this.#timeouts = meter.createCounter(METRIC_TIMEOUTS, {
      description:
        'The number of connection timeouts that have occurred trying to obtain a connection from the pool',
      unit: '{timeout}',
    })
  }

  statement(info: StatementInfo): StatementObservation {
    const tracing = this.#isTracing()
    const instruments = this.#instruments
    if (!tracing && instruments === undefined) return NO_OBSERVATION
    const described = this.#catalog.describe(info.compiled)
    let span = tracing
      ? this.#tracer.startSpan(described.name, described.spanOptions)
      : undefined
    // Sampled out: nothing to fill in (and nothing to end).
    if (span !== undefined && !span.isRecording()) span = undefined
    if (span === undefined && instruments === undefined) return NO_OBSERVATION
    return new StatementSpan(
      described,
      span,
      instruments,
      takeStatementReport(info.compiled),
      info.poolWaitMs,
    )
  }

  connectionWait(
    waitMs: number,
    outcome: 'acquired' | 'timeout' | 'error',
  ): void {
    const waitTime = this.#waitTime
    if (waitTime === undefined) return
    waitTime.record(waitMs / 1000, this.#poolAttributes)
    if (outcome === 'timeout') this.#timeouts?.add(1, this.#poolAttributes)
  }

  #isTracing(): boolean {
    if (this.#tracing) return true
    // Until an SDK is registered globally the proxy delegates to the no-op
    // provider; once one is, it stays (spans are then decided per span).
    if (this.#proxy!.getDelegate() === NO_TRACER_PROVIDER) return false
    this.#tracing = true
    return true
  }
}
