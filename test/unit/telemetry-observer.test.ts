import {
  metrics,
  SpanStatusCode,
  trace,
  type TracerProvider,
} from '@opentelemetry/api'
import {
  AlwaysOffSampler,
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base'
import {
  AggregationTemporality,
  MeterProvider,
  MetricReader,
  type DataPoint,
} from '@opentelemetry/sdk-metrics'
import { CompiledQuery } from 'kysely'
import { afterEach, describe, expect, it } from 'vitest'

import { SerializationFailureError } from '../../src/errors/index.js'
import { OtelStatementObserver } from '../../src/telemetry/otel-statement-observer.js'
import { NO_OBSERVATION } from '../../src/telemetry/statement-observer.js'
import { StatementReport } from '../../src/telemetry/statement-report.js'

class CollectingReader extends MetricReader {
  constructor() {
    super({
      aggregationTemporalitySelector: () => AggregationTemporality.CUMULATIVE,
    })
  }
  protected override async onForceFlush(): Promise<void> {}
  protected override async onShutdown(): Promise<void> {}
}

const TARGET = {
  host: 'cluster.example',
  port: 5439,
  database: 'dev',
  poolName: 'cluster.example:5439/dev',
}

function sdk(options: { sampler?: AlwaysOffSampler } = {}) {
  const exporter = new InMemorySpanExporter()
  const tracerProvider = new BasicTracerProvider({
    spanProcessors: [new SimpleSpanProcessor(exporter)],
    ...(options.sampler === undefined ? {} : { sampler: options.sampler }),
  })
  const reader = new CollectingReader()
  const meterProvider = new MeterProvider({ readers: [reader] })
  return { exporter, tracerProvider, meterProvider, reader }
}

const points = async (reader: MetricReader, name: string) => {
  const { resourceMetrics } = await reader.collect()
  return resourceMetrics.scopeMetrics
    .flatMap((scope) => scope.metrics)
    .filter((metric) => metric.descriptor.name === name)
    .flatMap((metric) => metric.dataPoints as DataPoint<unknown>[])
}

// The observer against the OpenTelemetry SDK itself, without a database:
// what the driver (retries) and the commands (reports) call on it.
describe('OtelStatementObserver', () => {
  afterEach(() => {
    trace.disable()
    metrics.disable()
  })

  it('retries are span events with the attempt, the delay and the error type', () => {
    const { exporter, tracerProvider, meterProvider } = sdk()
    const observer = new OtelStatementObserver({
      tracerProvider,
      meterProvider,
      ...TARGET,
    })
    const observation = observer.statement({
      compiled: CompiledQuery.raw('select * from sales'),
      kind: 'query',
    })
    const conflict = new SerializationFailureError('1023', { code: 'XX000' })
    observation.retrying(1, conflict, 150)
    observation.retrying(2, conflict, 300)
    observation.succeeded({ rows: [{}, {}] })
    // Exactly once: later calls change nothing.
    observation.failed(new Error('late'))
    const [span] = exporter.getFinishedSpans()
    expect(exporter.getFinishedSpans()).toHaveLength(1)
    expect(span!.status.code).toBe(SpanStatusCode.UNSET)
    expect(span!.attributes['db.response.returned_rows']).toBe(2)
    expect(span!.events.map((event) => [event.name, event.attributes])).toEqual(
      [
        [
          'db.client.retry',
          {
            'db.client.retry.attempt': 1,
            'db.client.retry.delay': 0.15,
            'error.type': 'SerializationFailureError',
            'db.response.status_code': 'XX000',
          },
        ],
        [
          'db.client.retry',
          {
            'db.client.retry.attempt': 2,
            'db.client.retry.delay': 0.3,
            'error.type': 'SerializationFailureError',
            'db.response.status_code': 'XX000',
          },
        ],
      ],
    )
  })

  it('a report keeps the span open for the query id and the rows, and ends it at the statement end time', async () => {
    const { exporter, tracerProvider, meterProvider, reader } = sdk()
    const observer = new OtelStatementObserver({
      tracerProvider,
      meterProvider,
      ...TARGET,
    })
    const copy = CompiledQuery.raw(
      `COPY "sales" FROM 's3://b/' IAM_ROLE default`,
    )
    const report = StatementReport.open(copy)
    const observation = observer.statement({ compiled: copy, kind: 'query' })
    observation.succeeded({ rows: [], numAffectedRows: 0n })
    expect(exporter.getFinishedSpans()).toEqual([])
    const statementEnd = Date.now()
    await new Promise((resolve) => setTimeout(resolve, 100))
    report.queryId(123n)
    report.rows(42)
    report.end()
    report.queryId(999)
    const [span] = exporter.getFinishedSpans()
    expect(span!.name).toBe('COPY sales')
    expect(span!.attributes).toMatchObject({
      'aws.redshift.query_id': 123,
      'aws.redshift.rows_loaded': 42,
    })
    const [seconds, nanos] = span!.endTime
    // Ended at the statement's own end, not 100 ms later at the report's.
    expect(seconds * 1000 + nanos / 1e6).toBeLessThanOrEqual(statementEnd + 20)
    const loaded = await points(reader, 'db.client.redshift.rows_loaded')
    expect(loaded.map((point) => point.value)).toEqual([42])
    // A report for a statement that fails ends nothing twice.
    const failing = CompiledQuery.raw(`COPY "sales" FROM 's3://b/'`)
    const lost = StatementReport.open(failing)
    observer
      .statement({ compiled: failing, kind: 'query' })
      .failed(new Error('boom'))
    lost.queryId(1)
    lost.end()
    expect(exporter.getFinishedSpans()).toHaveLength(2)
    expect(exporter.getFinishedSpans()[1]!.status.code).toBe(
      SpanStatusCode.ERROR,
    )
  })

  it('a COPY run as plain SQL counts the rows of its command tag', async () => {
    const { tracerProvider, meterProvider, reader } = sdk()
    const observer = new OtelStatementObserver({
      tracerProvider,
      meterProvider,
      ...TARGET,
    })
    observer
      .statement({
        compiled: CompiledQuery.raw(
          `copy sales from 's3://b/' iam_role default`,
        ),
        kind: 'query',
      })
      .succeeded({ rows: [], numAffectedRows: 7n })
    const loaded = await points(reader, 'db.client.redshift.rows_loaded')
    expect(loaded.map((point) => point.value)).toEqual([7])
  })

  it('with no SDK registered, statements get the shared no-op observation; a later global SDK is picked up', () => {
    const observer = new OtelStatementObserver({
      tracerProvider: trace.getTracerProvider(),
      meterProvider: metrics.getMeterProvider(),
      ...TARGET,
    })
    const info = {
      compiled: CompiledQuery.raw('select 1'),
      kind: 'query' as const,
    }
    expect(observer.statement(info)).toBe(NO_OBSERVATION)
    expect(observer.meter).toBeUndefined()
    const { exporter, tracerProvider } = sdk()
    trace.setGlobalTracerProvider(tracerProvider as TracerProvider)
    const observation = observer.statement(info)
    expect(observation).not.toBe(NO_OBSERVATION)
    observation.succeeded({ rows: [] })
    expect(exporter.getFinishedSpans().map((span) => span.name)).toEqual([
      'SELECT',
    ])
  })

  it('with no providers given, each statement uses the global ones as they are then, across disable() and a new SDK', async () => {
    const observer = new OtelStatementObserver(TARGET)
    const info = {
      compiled: CompiledQuery.raw('select * from sales'),
      kind: 'query' as const,
    }
    const selects = async (reader: MetricReader) =>
      (await points(reader, 'db.client.operation.duration')).length
    expect(observer.statement(info)).toBe(NO_OBSERVATION)
    expect(observer.meter).toBeUndefined()

    const first = sdk()
    trace.setGlobalTracerProvider(first.tracerProvider as TracerProvider)
    metrics.setGlobalMeterProvider(first.meterProvider)
    observer.statement(info).succeeded({ rows: [] })
    observer.connectionWait(2, 'acquired')
    expect(first.exporter.getFinishedSpans()).toHaveLength(1)
    expect(await selects(first.reader)).toBe(1)
    expect(
      await points(first.reader, 'db.client.connection.wait_time'),
    ).toHaveLength(1)
    expect(observer.meter).toBeDefined()

    // disable() replaces the API's proxy provider: nothing records, then a
    // second SDK does, and the first one hears no more.
    trace.disable()
    metrics.disable()
    expect(observer.statement(info)).toBe(NO_OBSERVATION)
    const second = sdk()
    trace.setGlobalTracerProvider(second.tracerProvider as TracerProvider)
    metrics.setGlobalMeterProvider(second.meterProvider)
    observer.statement(info).succeeded({ rows: [] })
    expect(second.exporter.getFinishedSpans()).toHaveLength(1)
    expect(first.exporter.getFinishedSpans()).toHaveLength(1)
    expect(await selects(second.reader)).toBe(1)
  })

  it('a span sampled out costs no observation when no meter records', () => {
    const { tracerProvider } = sdk({ sampler: new AlwaysOffSampler() })
    const observer = new OtelStatementObserver({
      tracerProvider,
      meterProvider: metrics.getMeterProvider(),
      ...TARGET,
    })
    expect(
      observer.statement({
        compiled: CompiledQuery.raw('select 1'),
        kind: 'query',
      }),
    ).toBe(NO_OBSERVATION)
  })
})
