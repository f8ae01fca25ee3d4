import type { Attributes } from '@opentelemetry/api'
import {
  AggregationTemporality,
  MeterProvider,
  MetricReader,
  type DataPoint,
  type Histogram,
  type MetricData,
} from '@opentelemetry/sdk-metrics'
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
  type ReadableSpan,
} from '@opentelemetry/sdk-trace-base'

/** A metric reader that only collects when asked (no export loop). */
class CollectingReader extends MetricReader {
  constructor() {
    super({
      aggregationTemporalitySelector: () => AggregationTemporality.CUMULATIVE,
    })
  }
  protected override async onForceFlush(): Promise<void> {}
  protected override async onShutdown(): Promise<void> {}
}

/**
 * OpenTelemetry SDK providers of a test's own, passed through
 * `config.telemetry` (never registered globally, so test files cannot see
 * each other's spans): finished spans in memory, metrics collected on demand.
 */
export interface TestTelemetry {
  readonly tracerProvider: BasicTracerProvider
  readonly meterProvider: MeterProvider
  readonly exporter: InMemorySpanExporter
  spans(): ReadableSpan[]
  /** The data points of one metric at this instant (empty when it has none). */
  points(name: string): Promise<DataPoint<unknown>[]>
  shutdown(): Promise<void>
}

export function createTestTelemetry(): TestTelemetry {
  const exporter = new InMemorySpanExporter()
  const tracerProvider = new BasicTracerProvider({
    spanProcessors: [new SimpleSpanProcessor(exporter)],
  })
  const reader = new CollectingReader()
  const meterProvider = new MeterProvider({ readers: [reader] })
  return {
    tracerProvider,
    meterProvider,
    exporter,
    spans: () => exporter.getFinishedSpans(),
    points: async (name) => {
      const { resourceMetrics } = await reader.collect()
      const metrics: MetricData[] = resourceMetrics.scopeMetrics.flatMap(
        (scope) => scope.metrics,
      )
      return metrics
        .filter((metric) => metric.descriptor.name === name)
        .flatMap((metric) => metric.dataPoints as DataPoint<unknown>[])
    },
    shutdown: async () => {
      await tracerProvider.shutdown()
      await meterProvider.shutdown()
    },
  }
}

/** The point whose attributes include `match`. */
export function pointWith<T>(
  points: readonly DataPoint<T>[],
  match: Attributes,
): DataPoint<T> | undefined {
  return points.find((point) =>
    Object.entries(match).every(
      ([key, value]) => point.attributes[key] === value,
    ),
  )
}

/** A histogram point's count. */
export function countOf(point: DataPoint<unknown> | undefined): number {
  return (point?.value as Histogram | undefined)?.count ?? 0
}

/**
 * Every string telemetry produced for these spans, one by one: names,
 * attribute values, event names and attribute values, status messages.
 */
export function telemetryStrings(spans: readonly ReadableSpan[]): string[] {
  const strings: string[] = []
  const values = (attributes: Attributes | undefined) => {
    for (const value of Object.values(attributes ?? {})) {
      if (Array.isArray(value)) strings.push(...value.map(String))
      else strings.push(String(value))
    }
  }
  for (const span of spans) {
    strings.push(span.name, span.status.message ?? '')
    values(span.attributes)
    for (const event of span.events) {
      strings.push(event.name)
      values(event.attributes)
    }
  }
  return strings
}
