import {
  SpanStatusCode,
  type Attributes,
  type Counter,
  type Histogram,
  type Span,
} from '@opentelemetry/api'
import type { QueryResult } from 'kysely'

import { describeError, type ErrorDescription } from './describe-error.js'
import type { DescribedStatement } from './statement-catalog.js'
import type { StatementObservation } from './statement-observer.js'
import type { ReportTarget, StatementReport } from './statement-report.js'
import {
  ATTR_DB_RESPONSE_RETURNED_ROWS,
  ATTR_DB_RESPONSE_STATUS_CODE,
  ATTR_ERROR_TYPE,
  ATTR_REDSHIFT_QUERY_ID,
  ATTR_REDSHIFT_ROWS_LOADED,
  ATTR_REDSHIFT_ROWS_UNLOADED,
  ATTR_RETRY_ATTEMPT,
  ATTR_RETRY_DELAY,
  EVENT_CONNECTION_WAIT,
  EVENT_RETRY,
  METRIC_WAIT_TIME,
} from './telemetry-names.js'

/** The per-statement instruments of one driver (absent when no meter records). */
export interface StatementInstruments {
  readonly duration: Histogram
  readonly rowsLoaded: Counter
  readonly rowsUnloaded: Counter
}

const OPEN = 0
// Succeeded, waiting for its command's report (query id, rows) to end.
const AWAITING_REPORT = 1
const DONE = 2

/**
 * One statement's telemetry: its span (when one records) and its metrics
 * (when a meter records), ended exactly once. Plain fields and prototype
 * methods: one allocation per statement, no closures.
 *
 * ```ts
 * const observation = new StatementSpan(described, span, instruments, report, poolWaitMs)
 * observation.succeeded(result)
 * ```
 */
export class StatementSpan implements StatementObservation, ReportTarget {
  readonly #described: DescribedStatement
  readonly #span: Span | undefined
  readonly #instruments: StatementInstruments | undefined
  readonly #report: StatementReport | undefined
  readonly #started = performance.now()
  #endTime = 0
  #rows = 0
  #error: ErrorDescription | undefined
  #state = OPEN

  constructor(
    described: DescribedStatement,
    span: Span | undefined,
    instruments: StatementInstruments | undefined,
    report: StatementReport | undefined,
    poolWaitMs: number | undefined,
  ) {
    this.#described = described
    this.#span = span
    this.#instruments = instruments
    this.#report = report
    report?.bind(this)
    if (span !== undefined && poolWaitMs !== undefined) {
      span.addEvent(EVENT_CONNECTION_WAIT, {
        [METRIC_WAIT_TIME]: poolWaitMs / 1000,
      })
    }
  }

  retrying(attempt: number, error: unknown, delayMs: number): void {
    const span = this.#span
    if (span === undefined || this.#state !== OPEN) return
    const { type, statusCode } = describeError(error)
    const attributes: Attributes = {
      [ATTR_RETRY_ATTEMPT]: attempt,
      [ATTR_RETRY_DELAY]: delayMs / 1000,
      [ATTR_ERROR_TYPE]: type,
    }
    if (statusCode !== undefined) {
      attributes[ATTR_DB_RESPONSE_STATUS_CODE] = statusCode
    }
    span.addEvent(EVENT_RETRY, attributes)
  }

  queryId(id: number | bigint | string): void {
    if (this.#state === DONE) return
    this.#span?.setAttribute(ATTR_REDSHIFT_QUERY_ID, queryIdValue(id))
  }

  rows(count: number): void {
    if (this.#state !== DONE) this.#rows += count
  }

  succeeded(result?: QueryResult<unknown>): void {
    if (this.#state !== OPEN) return
    this.#endTime = performance.now()
    if (result !== undefined) {
      const operation = this.#described.operation
      if (operation === 'SELECT') {
        this.#rows += result.rows.length
      } else if (
        operation === 'COPY' &&
        this.#report === undefined &&
        result.numAffectedRows !== undefined
      ) {
        // A COPY run as plain SQL: its command tag's count.
        this.#rows += Number(result.numAffectedRows)
      }
    }
    const report = this.#report
    if (report !== undefined && !report.ended) {
      this.#state = AWAITING_REPORT
      return
    }
    this.#end()
  }

  failed(error: unknown): void {
    if (this.#state !== OPEN) return
    this.#endTime = performance.now()
    this.#error = describeError(error)
    this.#end()
  }

  /** @internal The command's report ended. */
  finish(): void {
    if (this.#state === AWAITING_REPORT) this.#end()
  }

  #end(): void {
    this.#state = DONE
    const described = this.#described
    const operation = described.operation
    const error = this.#error
    const rows = this.#rows
    const instruments = this.#instruments
    if (instruments !== undefined) {
      let attributes = described.metricAttributes
      if (error !== undefined) attributes = withError(attributes, error)
      instruments.duration.record(
        (this.#endTime - this.#started) / 1000,
        attributes,
      )
      if (rows > 0 && error === undefined) {
        if (operation === 'COPY') instruments.rowsLoaded.add(rows, attributes)
        if (operation === 'UNLOAD') {
          instruments.rowsUnloaded.add(rows, attributes)
        }
      }
    }
    const span = this.#span
    if (span === undefined) return
    if (error === undefined) {
      const rowsAttribute =
        operation === 'COPY'
          ? ATTR_REDSHIFT_ROWS_LOADED
          : operation === 'UNLOAD'
            ? ATTR_REDSHIFT_ROWS_UNLOADED
            : operation === 'SELECT'
              ? ATTR_DB_RESPONSE_RETURNED_ROWS
              : undefined
      if (rowsAttribute !== undefined) span.setAttribute(rowsAttribute, rows)
    } else {
      span.setAttribute(ATTR_ERROR_TYPE, error.type)
      if (error.statusCode !== undefined) {
        span.setAttribute(ATTR_DB_RESPONSE_STATUS_CODE, error.statusCode)
      }
      span.setStatus({ code: SpanStatusCode.ERROR, message: error.message })
    }
    span.end(this.#endTime)
  }
}

function withError(attributes: Attributes, error: ErrorDescription) {
  const withType: Attributes = {
    ...attributes,
    [ATTR_ERROR_TYPE]: error.type,
  }
  if (error.statusCode !== undefined) {
    withType[ATTR_DB_RESPONSE_STATUS_CODE] = error.statusCode
  }
  return withType
}

// Query ids are int4 (STL) or int8 (SYS views): a number while exact.
function queryIdValue(id: number | bigint | string): number | string {
  if (typeof id === 'number') return id
  const big =
    typeof id === 'bigint' ? id : /^-?\d+$/.test(id) ? BigInt(id) : undefined
  if (big === undefined) return String(id)
  return big <= BigInt(Number.MAX_SAFE_INTEGER) &&
    big >= BigInt(Number.MIN_SAFE_INTEGER)
    ? Number(big)
    : big.toString()
}
