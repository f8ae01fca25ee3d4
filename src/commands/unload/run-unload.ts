import { sql, type CompiledQuery, type Kysely } from 'kysely'

import { StatementReport } from '../../telemetry/statement-report.js'
import type {
  UnloadExecuteOptions,
  UnloadFile,
  UnloadResult,
} from './unload-result.js'

/** What {@link runUnload} needs to know about the statement it runs. */
export interface UnloadRun {
  readonly compiled: CompiledQuery
  /** The TO prefix, for the manifest's path. */
  readonly prefix: string
  readonly manifest: boolean
  /** Whether PARTITION BY was given: the prefix is then a folder. */
  readonly partitioned: boolean
}

/**
 * Where Redshift writes an UNLOAD's manifest: `<prefix>manifest`. A prefix
 * that is a bare bucket, or (with PARTITION BY, whose `col=value/` folders
 * go under the prefix as a folder) one that does not end in `/`, gets the
 * `/` the files get too.
 *
 * ```ts
 * manifestPathOf('s3://b/out/sales_', false) // s3://b/out/sales_manifest
 * manifestPathOf('s3://b/out/sales_', true)  // s3://b/out/sales_/manifest
 * ```
 */
export function manifestPathOf(prefix: string, partitioned: boolean): string {
  const bareBucket = !/^s3:\/\/[^/]+\//.test(prefix)
  const folder =
    !prefix.endsWith('/') && (bareBucket || partitioned) ? `${prefix}/` : prefix
  return `${folder}manifest`
}

const DEFAULT_PROGRESS_INTERVAL_MS = 1000

interface LastUnloadRow {
  readonly rows_unloaded: unknown
  readonly query_id: unknown
}

interface FileRow {
  readonly path: string
  readonly line_count: unknown
  readonly transfer_size: unknown
}

/**
 * Runs a compiled UNLOAD and reads what it did, all on one connection:
 * `pg_last_unload_count()` and `pg_last_query_id()` describe the session's
 * last statement, so they must be read on the session that ran it, right
 * after it. The files come from STL_UNLOAD_LOG, or SYS_UNLOAD_DETAIL on
 * Serverless, by the query id read back (a bind parameter, not
 * `pg_last_query_id()` again, which by then names the read itself).
 *
 * ```ts
 * const result = await runUnload(db, { compiled, prefix: 's3://b/p_', manifest: false })
 * ```
 */
export async function runUnload(
  db: Kysely<any>,
  run: UnloadRun,
  options: UnloadExecuteOptions = {},
): Promise<UnloadResult> {
  const started = performance.now()
  const elapsed = () => Math.round(performance.now() - started)
  const onProgress = options.onProgress
  const timer =
    onProgress === undefined
      ? undefined
      : setInterval(
          () => onProgress({ elapsedMs: elapsed() }),
          options.progressIntervalMs ?? DEFAULT_PROGRESS_INTERVAL_MS,
        )
  timer?.unref()
  try {
    const work = async (conn: Kysely<any>) => {
      // The count and the query id are read after the UNLOAD; the report
      // puts them on the UNLOAD's own span, which waits for them.
      const report = StatementReport.open(run.compiled)
      let row: LastUnloadRow | undefined
      try {
        await conn.executeQuery(run.compiled)
        const last =
          await sql<LastUnloadRow>`select pg_last_unload_count() as rows_unloaded, pg_last_query_id() as query_id`.execute(
            conn,
          )
        row = last.rows[0]
        const id = row?.query_id
        if (
          typeof id === 'number' ||
          typeof id === 'string' ||
          typeof id === 'bigint'
        ) {
          report.queryId(id)
        }
        report.rows(Number(row?.rows_unloaded ?? 0))
      } finally {
        report.end()
      }
      const queryId = Number(row?.query_id)
      const files = options.serverless
        ? await sql<FileRow>`select trim(file_name) as path, line_count, transfer_size from sys_unload_detail where query_id = ${queryId} order by 1`.execute(
            conn,
          )
        : await sql<FileRow>`select trim(path) as path, line_count, transfer_size from stl_unload_log where query = ${queryId} order by 1`.execute(
            conn,
          )
      return { row, queryId, files: files.rows }
    }
    // A transaction is one connection already (and Kysely refuses
    // connection() on it).
    const { row, queryId, files } = db.isTransaction
      ? await work(db)
      : await db.connection().execute(work)
    const result: UnloadResult = {
      rowsUnloaded: Number(row?.rows_unloaded ?? 0),
      queryId,
      files: Object.freeze(
        files.map((file): UnloadFile =>
          Object.freeze({
            path: file.path,
            rows: Number(file.line_count),
            bytes: Number(file.transfer_size),
          }),
        ),
      ),
      ...(run.manifest
        ? { manifestPath: manifestPathOf(run.prefix, run.partitioned) }
        : {}),
      elapsedMs: elapsed(),
    }
    return Object.freeze(result)
  } finally {
    if (timer !== undefined) clearInterval(timer)
  }
}
