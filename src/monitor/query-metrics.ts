import { CompiledQuery, type Kysely } from 'kysely'

import { QueryNotFoundError } from '../errors/query-not-found-error.js'
import { endpointKindOf } from '../wlm/endpoint-kind.js'
import {
  checkQueryId,
  count,
  date,
  microsToMs,
  num,
  text,
} from '../wlm/system-values.js'

/**
 * One step of a finished query (SVL_QUERY_SUMMARY on provisioned clusters,
 * SYS_QUERY_DETAIL on Serverless).
 */
export interface QueryStep {
  readonly segment: number
  readonly step: number
  /** `scan`, `hash`, `hjoin`, `aggr`, `return`, `insert`...; scans name their table on SVL (`scan   tbl=...`). */
  readonly name: string
  /** The table a SYS step read or wrote, when it names one. */
  readonly table: string | null
  /** Rows the step produced. */
  readonly rows: number
  /** Bytes the step produced. */
  readonly bytes: number
  /** The step's longest time on a slice (SVL `maxtime`) or its duration (SYS), in ms. */
  readonly durationMs: number | null
  /** Whether the step spilled to disk (`is_diskbased`); `null` where the view does not say. */
  readonly diskBased: boolean | null
}

/** What {@link QueryMetrics} has on both kinds of endpoint. */
export interface QueryMetricsFields {
  readonly startedAt: Date | null
  readonly endedAt: Date | null
  /** Start to end, queueing included, in ms. */
  readonly elapsedMs: number | null
  /** Time waiting for a WLM slot, in ms (whole seconds on provisioned clusters). */
  readonly queueMs: number | null
  /** Execution time, in ms (whole seconds on provisioned clusters). */
  readonly executionMs: number | null
  /** Compile time, in ms (SYS only). */
  readonly compileMs: number | null
  /** CPU time, in ms (SVL only, whole seconds). */
  readonly cpuMs: number | null
  /** Rows returned to the client. */
  readonly rowsReturned: number | null
  /**
   * Rows the scans read: SVL's `scan_row_count` (before filters), or the
   * rows the SYS scan steps put out.
   */
  readonly rowsScanned: number | null
  /** Bytes the scan steps put out (SVL_QUERY_SUMMARY `bytes`, SYS `output_bytes`). */
  readonly bytesScanned: number | null
  /** Bytes returned to the client (SYS only). */
  readonly bytesReturned: number | null
  /** Disk used for intermediate results, in MB (0: no spill). */
  readonly spillMb: number | null
  /** How many segments the steps ran in. */
  readonly segments: number
  readonly steps: readonly QueryStep[]
}

/** Metrics of an STL/SVL query id (int4). */
export interface ProvisionedQueryMetrics extends QueryMetricsFields {
  readonly endpoint: 'provisioned'
  readonly queryId: number
  /** From STL_QUERY.aborted: `failed` covers cancelled too. */
  readonly status: 'success' | 'failed' | null
}

/** Metrics of a SYS query id (int8). */
export interface ServerlessQueryMetrics extends QueryMetricsFields {
  readonly endpoint: 'serverless'
  readonly queryId: bigint
  /** SYS_QUERY_HISTORY.status (`canceled` spelt `cancelled`). */
  readonly status: 'queued' | 'running' | 'success' | 'failed' | 'cancelled'
}

/**
 * Metrics of one query, typed by the views they came from (see `endpoint`).
 *
 * ```ts
 * const m = await db.monitor.metrics(queryId)
 * console.log(m.elapsedMs, m.rowsReturned, m.bytesScanned, m.steps.length)
 * ```
 */
export type QueryMetrics = ProvisionedQueryMetrics | ServerlessQueryMetrics

/**
 * The metrics of a query by id: a `number` (STL/SVL int4 id) is read from
 * SVL_QUERY_METRICS_SUMMARY, SVL_QUERY_SUMMARY and STL_QUERY; a `bigint`
 * (SYS int8 id), or any id on Serverless, from SYS_QUERY_HISTORY and
 * SYS_QUERY_DETAIL. No record of it: `QueryNotFoundError`.
 *
 * ```ts
 * const { rows } = await sql<{ id: number }>`select pg_last_query_id() as id`.execute(conn)
 * const metrics = await queryMetrics(db, rows[0].id)
 * ```
 */
export async function queryMetrics(
  db: Kysely<any>,
  queryId: number | bigint,
): Promise<QueryMetrics> {
  checkQueryId(queryId)
  if (
    typeof queryId === 'number' &&
    (await endpointKindOf(db)) === 'provisioned'
  ) {
    return svlMetrics(db, queryId)
  }
  return sysMetrics(db, BigInt(queryId))
}

async function svlMetrics(
  db: Kysely<any>,
  queryId: number,
): Promise<ProvisionedQueryMetrics> {
  const [summary, steps, log] = await Promise.all([
    rowsOf(
      db,
      `select query_cpu_time, query_execution_time, query_queue_time, query_temp_blocks_to_disk,
  scan_row_count, return_row_count
from svl_query_metrics_summary where query = $1`,
      queryId,
    ),
    rowsOf(
      db,
      `select seg, step, maxtime, rows, bytes, label, is_diskbased
from svl_query_summary where query = $1 order by stm, seg, step`,
      queryId,
    ),
    rowsOf(
      db,
      'select starttime, endtime, aborted from stl_query where query = $1',
      queryId,
    ),
  ])
  const m = summary[0]
  const q = log[0]
  if (m === undefined && q === undefined && steps.length === 0) {
    throw new QueryNotFoundError(queryId, 'metrics')
  }
  const stepList = steps.map((row): QueryStep =>
    Object.freeze({
      segment: count(row['seg']),
      step: count(row['step']),
      name: text(row['label']) ?? '',
      table: null,
      rows: count(row['rows']),
      bytes: count(row['bytes']),
      durationMs: microsToMs(row['maxtime']),
      diskBased: text(row['is_diskbased']) === 't',
    }),
  )
  const scans = stepList.filter((s) => s.name.startsWith('scan'))
  const startedAt = date(q?.['starttime'])
  const endedAt = date(q?.['endtime'])
  const seconds = (value: unknown) => {
    const s = num(value)
    return s === null ? null : s * 1000
  }
  return Object.freeze({
    endpoint: 'provisioned',
    queryId,
    status:
      q === undefined ? null : num(q['aborted']) === 1 ? 'failed' : 'success',
    startedAt,
    endedAt,
    elapsedMs: elapsed(startedAt, endedAt),
    queueMs: seconds(m?.['query_queue_time']),
    executionMs: seconds(m?.['query_execution_time']),
    compileMs: null,
    cpuMs: seconds(m?.['query_cpu_time']),
    rowsReturned: num(m?.['return_row_count']),
    rowsScanned: num(m?.['scan_row_count']),
    bytesScanned: scans.length === 0 ? null : sum(scans, (s) => s.bytes),
    bytesReturned: null,
    spillMb: num(m?.['query_temp_blocks_to_disk']),
    segments: new Set(stepList.map((s) => s.segment)).size,
    steps: Object.freeze(stepList),
  })
}

async function sysMetrics(
  db: Kysely<any>,
  queryId: bigint,
): Promise<ServerlessQueryMetrics> {
  const id = queryId.toString()
  const [history, details] = await Promise.all([
    rowsOf(
      db,
      `select status, start_time, end_time, elapsed_time, queue_time, execution_time, compile_time,
  returned_rows, returned_bytes
from sys_query_history where query_id = $1`,
      id,
    ),
    // Read with * : the documented column list is incomplete (the spill
    // columns are not confirmed), so each is looked up by name.
    rowsOf(
      db,
      'select * from sys_query_detail where query_id = $1 order by stream_id, segment_id, step_id',
      id,
    ),
  ])
  const h = history[0]
  if (h === undefined) throw new QueryNotFoundError(queryId, 'metrics')
  const steps = details.map((row): QueryStep =>
    Object.freeze({
      segment: count(row['segment_id']),
      step: count(row['step_id']),
      name: text(row['step_name']) ?? '',
      table: text(row['table_name']) || null,
      rows: count(row['output_rows']),
      bytes: count(row['output_bytes']),
      durationMs: microsToMs(row['duration']),
      diskBased: null,
    }),
  )
  const scans = details.filter((row) => text(row['step_name']) === 'scan')
  const spill = details.some(
    (row) =>
      row['spilled_block_local_disk'] !== undefined ||
      row['spilled_block_remote_disk'] !== undefined,
  )
    ? sum(
        details,
        (row) =>
          count(row['spilled_block_local_disk']) +
          count(row['spilled_block_remote_disk']),
      )
    : null
  const status = text(h['status'])
  return Object.freeze({
    endpoint: 'serverless',
    queryId,
    status:
      status === 'canceled'
        ? 'cancelled'
        : (status as ServerlessQueryMetrics['status']),
    startedAt: date(h['start_time']),
    endedAt: date(h['end_time']),
    elapsedMs: microsToMs(h['elapsed_time']),
    queueMs: microsToMs(h['queue_time']),
    executionMs: microsToMs(h['execution_time']),
    compileMs: microsToMs(h['compile_time']),
    cpuMs: null,
    rowsReturned: num(h['returned_rows']),
    rowsScanned:
      scans.length === 0
        ? null
        : sum(scans, (row) => count(row['output_rows'])),
    bytesScanned:
      scans.length === 0
        ? null
        : sum(scans, (row) => count(row['output_bytes'])),
    bytesReturned: num(h['returned_bytes']),
    spillMb: spill,
    segments: new Set(steps.map((s) => s.segment)).size,
    steps: Object.freeze(steps),
  })
}

async function rowsOf(
  db: Kysely<any>,
  sql: string,
  id: number | string,
): Promise<Record<string, unknown>[]> {
  const { rows } = await db.executeQuery<Record<string, unknown>>(
    CompiledQuery.raw(sql, [id]),
  )
  return rows
}

function elapsed(start: Date | null, end: Date | null): number | null {
  return start === null || end === null ? null : end.getTime() - start.getTime()
}

function sum<T>(items: readonly T[], of: (item: T) => number): number {
  let total = 0
  for (const item of items) total += of(item)
  return total
}
