import {
  metrics,
  ProxyTracerProvider,
  trace,
  type Attributes,
  type Meter,
  type MeterProvider,
  type Tracer,
  type TracerProvider,
} from '@opentelemetry/api'

import {
  meterInstrumentsOf,
  type MeterInstruments,
} from './meter-instruments.js'
import { PACKAGE_VERSION } from './package-version.js'
import { observePool, type PoolStatsSource } from './pool-metrics.js'
import { StatementCatalog } from './statement-catalog.js'
import {
  NO_OBSERVATION,
  type StatementInfo,
  type StatementObservation,
  type StatementObserver,
} from './statement-observer.js'
import { takeStatementReport } from './statement-report.js'
import { StatementSpan } from './statement-span.js'
import {
  ATTR_DB_NAMESPACE,
  ATTR_DB_SYSTEM_NAME,
  ATTR_POOL_NAME,
  ATTR_SERVER_ADDRESS,
  ATTR_SERVER_PORT,
  DB_SYSTEM_REDSHIFT,
  INSTRUMENTATION_NAME,
} from './telemetry-names.js'

/** Where a {@link OtelStatementObserver} sends its spans and metrics, and what it names. */
export interface OtelStatementObserverOptions {
  /** The tracer provider; by default the global one, as it is at each statement. */
  readonly tracerProvider?: TracerProvider | undefined
  /** The meter provider; by default the global one, as it is at each statement. */
  readonly meterProvider?: MeterProvider | undefined
  /** `server.address`. */
  readonly host: string
  /** `server.port`. */
  readonly port: number
  /** `db.namespace`: the database. */
  readonly database: string
  /** `db.client.connection.pool.name`. */
  readonly poolName: string
  /** The pool whose connection counts are reported (until {@link OtelStatementObserver.close}). */
  readonly pool?: PoolStatsSource | undefined
}

// The delegate of a global tracer provider that has none: OpenTelemetry's
// no-op provider, the same object for every ProxyTracerProvider.
const NO_TRACER_PROVIDER = new ProxyTracerProvider().getDelegate()

/**
 * The statement observer with OpenTelemetry behind it: a CLIENT span per
 * statement (named by `db.query.summary`, with the stable database
 * attributes) and `db.client.operation.duration`, the rows loaded and
 * unloaded, the pool waits and their timeouts, and the pool's connection
 * counts.
 *
 * Providers not given in the options are the global ones as they are at
 * each statement, so an SDK registered after the client was built (or
 * replaced, or removed with `disable()`) is seen by the next statement.
 * That costs two reads of the global registry per statement; instruments
 * are created once per meter provider.
 *
 * It costs nothing measurable when nothing records: with no SDK registered
 * (a tracer provider delegating to OpenTelemetry's no-op one, and a no-op
 * meter), a statement gets the shared {@link NO_OBSERVATION}; its text is
 * not even looked at.
 *
 * ```ts
 * const observer = new OtelStatementObserver({
 *   host: 'localhost', port: 5439, database: 'dev', poolName: 'localhost:5439/dev',
 * })
 * ```
 */
export class OtelStatementObserver implements StatementObserver {
  readonly #ownTracerProvider: TracerProvider | undefined
  readonly #ownMeterProvider: MeterProvider | undefined
  /** The provider {@link #tracer} comes from. */
  #tracerProvider: TracerProvider | undefined
  #tracer: Tracer | undefined
  /** That provider, while it is a proxy that may still have no SDK behind it. */
  #proxy: ProxyTracerProvider | undefined
  #tracing = false
  /** The provider {@link #instruments} come from. */
  #meterProvider: MeterProvider | undefined
  #instruments!: MeterInstruments
  readonly #pool: PoolStatsSource | undefined
  #stopPoolMetrics: (() => void) | undefined
  #closed = false
  readonly #poolName: string
  readonly #poolAttributes: Attributes
  readonly #catalog: StatementCatalog

  constructor(options: OtelStatementObserverOptions) {
    this.#ownTracerProvider = options.tracerProvider
    this.#ownMeterProvider = options.meterProvider
    this.#pool = options.pool
    this.#poolName = options.poolName
    this.#catalog = new StatementCatalog(
      Object.freeze({
        [ATTR_DB_SYSTEM_NAME]: DB_SYSTEM_REDSHIFT,
        [ATTR_DB_NAMESPACE]: options.database,
        [ATTR_SERVER_ADDRESS]: options.host,
        [ATTR_SERVER_PORT]: options.port,
      }),
    )
    this.#poolAttributes = Object.freeze({ [ATTR_POOL_NAME]: options.poolName })
    // The pool's counts are reported from now on when a meter records.
    this.#currentInstruments()
  }

  /** The meter in use, when it records (undefined for OpenTelemetry's no-op one). */
  get meter(): Meter | undefined {
    return this.#currentInstruments().meter
  }

  /**
   * Stops reporting the pool's connection counts (the pool closed). Spans
   * and statement metrics are not affected.
   */
  close(): void {
    this.#closed = true
    this.#stopPoolMetrics?.()
    this.#stopPoolMetrics = undefined
  }

  statement(info: StatementInfo): StatementObservation {
    const tracer = this.#currentTracer()
    const instruments = this.#currentInstruments().statement
    if (tracer === undefined && instruments === undefined) return NO_OBSERVATION
    const described = this.#catalog.describe(info.compiled)
    let span =
      tracer === undefined
        ? undefined
        : tracer.startSpan(described.name, described.spanOptions)
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
    const { waitTime, timeouts } = this.#currentInstruments()
    if (waitTime === undefined) return
    waitTime.record(waitMs / 1000, this.#poolAttributes)
    if (outcome === 'timeout') timeouts?.add(1, this.#poolAttributes)
  }

  /** The tracer to start spans with, or undefined when no SDK would record them. */
  #currentTracer(): Tracer | undefined {
    const provider = this.#ownTracerProvider ?? trace.getTracerProvider()
    if (provider !== this.#tracerProvider) {
      // First use, or the global provider was replaced (`trace.disable()`
      // makes a new proxy).
      this.#tracerProvider = provider
      this.#tracer = provider.getTracer(INSTRUMENTATION_NAME, PACKAGE_VERSION)
      this.#proxy =
        provider instanceof ProxyTracerProvider ? provider : undefined
      this.#tracing = this.#proxy === undefined
    }
    if (this.#tracing) return this.#tracer
    // Until an SDK is registered the proxy delegates to the no-op provider;
    // once one is, it stays (spans are then decided per span).
    if (this.#proxy!.getDelegate() === NO_TRACER_PROVIDER) return undefined
    this.#tracing = true
    return this.#tracer
  }

  /** The instruments of the meter provider in use now. */
  #currentInstruments(): MeterInstruments {
    const provider = this.#ownMeterProvider ?? metrics.getMeterProvider()
    if (provider === this.#meterProvider) return this.#instruments
    // First use, or the global provider changed: the pool's counts move to
    // the new meter.
    this.#meterProvider = provider
    const instruments = (this.#instruments = meterInstrumentsOf(provider))
    this.#stopPoolMetrics?.()
    this.#stopPoolMetrics =
      instruments.meter === undefined ||
      this.#pool === undefined ||
      this.#closed
        ? undefined
        : observePool(instruments.meter, this.#pool, this.#poolName)
    return instruments
  }
}
