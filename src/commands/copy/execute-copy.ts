import { CompiledQuery, type Kysely } from 'kysely'

import { LoadError, type LoadErrorRow } from '../../errors/load-error.js'
import {
  SERVER_POSITION_FIELDS,
  SERVER_TEXT_FIELDS,
  type RedshiftErrorOptions,
} from '../../errors/redshift-error.js'
import { StatementReport } from '../../telemetry/statement-report.js'
import type { CopyExecuteOptions, CopyResult } from './copy-result.js'
import { readLoadErrors, type LoadErrorView } from './load-error-rows.js'

const LAST_COPY = CompiledQuery.raw(
  'select pg_last_copy_count() as rows_loaded, pg_last_copy_id() as query_id',
)

const SERVERLESS_HOST = /\.redshift-serverless\.amazonaws\.com(\.cn)?$/i

const DEFAULT_PROGRESS_INTERVAL_MS = 1000

/**
 * Runs a compiled COPY and reads what it did, all on ONE connection, since
 * `pg_last_copy_count()` and `pg_last_copy_id()` are the session's: the
 * COPY, then the count and id, then (when rows may have been skipped) the
 * load-error rows. On a plain Kysely instance a connection is reserved with
 * `db.connection()`; a transaction is one connection already. The statements
 * go through `db.executeQuery`, so the instance's plugins, pool and
 * telemetry apply to them as to any query.
 *
 * ```ts
 * const result = await executeCopy(db, compiled, { readsRejected: true }, {})
 * ```
 */
export async function executeCopy(
  db: Kysely<any>,
  compiled: CompiledQuery,
  { readsRejected }: { readonly readsRejected: boolean },
  options: CopyExecuteOptions = {},
): Promise<CopyResult> {
  const view: LoadErrorView =
    (options.serverless ?? isServerlessClient(db))
      ? 'sys_load_error_detail'
      : 'stl_load_errors'
  const started = performance.now()
  const elapsed = () => Math.round(performance.now() - started)
  const timer = startProgress(options, elapsed)
  const inTransaction = db.isTransaction

  const run = async (conn: Kysely<any>): Promise<CopyResult> => {
    // The query id and the count are read after the COPY; the report puts
    // them on the COPY's own span, which waits for them.
    const report = StatementReport.open(compiled)
    let rows: ReadonlyArray<{ rows_loaded: unknown; query_id: unknown }>
    try {
      try {
        await conn.executeQuery(compiled)
      } catch (error) {
        if (!(error instanceof LoadError)) throw error
        // In a transaction the failed COPY aborted it: nothing more can run.
        throw inTransaction ? error : await withLoadErrors(conn, error, view)
      }
      ;({ rows } = await conn.executeQuery<{
        rows_loaded: unknown
        query_id: unknown
      }>(LAST_COPY))
      const queryId = rows[0]?.query_id
      if (
        typeof queryId === 'number' ||
        typeof queryId === 'string' ||
        typeof queryId === 'bigint'
      ) {
        report.queryId(queryId)
      }
      report.rows(Number(rows[0]?.rows_loaded ?? 0))
    } finally {
      report.end()
    }
    const rejected: readonly LoadErrorRow[] = readsRejected
      ? await readLoadErrors(conn, view)
      : Object.freeze([])
    return Object.freeze({
      rowsLoaded: Number(rows[0]?.rows_loaded ?? 0),
      queryId: Number(rows[0]?.query_id ?? -1),
      rejected,
      elapsedMs: elapsed(),
    })
  }

  try {
    return inTransaction ? await run(db) : await db.connection().execute(run)
  } finally {
    if (timer !== undefined) clearInterval(timer)
  }
}

/** Whether `db` is a client of a Redshift Serverless endpoint (by its host name). */
function isServerlessClient(db: Kysely<any>): boolean {
  const host = (db as { readonly config?: { readonly host?: unknown } }).config
    ?.host
  return typeof host === 'string' && SERVERLESS_HOST.test(host)
}

function startProgress(
  options: CopyExecuteOptions,
  elapsed: () => number,
): ReturnType<typeof setInterval> | undefined {
  const { onProgress } = options
  if (onProgress === undefined) return undefined
  const interval = options.progressIntervalMs ?? DEFAULT_PROGRESS_INTERVAL_MS
  if (!Number.isFinite(interval) || interval <= 0) {
    throw new RangeError(
      `progressIntervalMs must be a positive number of ms, got ${interval}`,
    )
  }
  const timer = setInterval(() => {
    try {
      onProgress(Object.freeze({ elapsedMs: elapsed() }))
    } catch {
      // A failing progress callback must not fail (or leak from) the load.
    }
  }, interval)
  // The COPY's own socket keeps the process alive; the ticker must not.
  timer.unref()
  return timer
}

/**
 * The same {@link LoadError} with the rows of the load-error view attached.
 * If they cannot be read (no permission, no such view) the original error is
 * returned: it says what failed, and a second error would hide it.
 */
async function withLoadErrors(
  conn: Kysely<any>,
  error: LoadError,
  view: LoadErrorView,
): Promise<LoadError> {
  let loadErrors: readonly LoadErrorRow[]
  try {
    loadErrors = await readLoadErrors(conn, view)
  } catch {
    return error
  }
  const fields: Record<string, unknown> = {}
  for (const name of [
    ...SERVER_TEXT_FIELDS,
    ...SERVER_POSITION_FIELDS,
    'redshiftCode',
    'sql',
    'userSql',
  ] as const) {
    if (error[name] !== undefined) fields[name] = error[name]
  }
  return new LoadError(error.message, {
    ...(fields as RedshiftErrorOptions),
    cause: error.cause ?? error,
    isRetryable: error.isRetryable,
    ...(error.tableName === undefined ? {} : { tableName: error.tableName }),
    loadErrors,
  })
}
