import type { LoadErrorRow } from '../../errors/load-error.js'

export type { LoadErrorRow }

/**
 * What a COPY's `execute()` returns, frozen.
 *
 * ```ts
 * const { rowsLoaded, queryId, rejected, elapsedMs } = await copy.execute()
 * ```
 */
export interface CopyResult {
  /** `pg_last_copy_count()`: rows loaded (0 with NOLOAD). */
  readonly rowsLoaded: number
  /** `pg_last_copy_id()`: the COPY's query id, as in STL_QUERY / SYS_QUERY_HISTORY. */
  readonly queryId: number
  /**
   * The rows skipped under MAXERROR > 0 or IGNOREALLERRORS (empty
   * otherwise: without them a bad row fails the COPY with `LoadError`).
   */
  readonly rejected: readonly LoadErrorRow[]
  /** Wall time of the COPY and the reads after it, in ms. */
  readonly elapsedMs: number
}

/** What `onProgress` receives. */
export interface CopyProgress {
  /** Time since the COPY was sent, in ms. */
  readonly elapsedMs: number
}

/** Options of a COPY's `execute()`. */
export interface CopyExecuteOptions {
  /**
   * Called every `progressIntervalMs` while the COPY runs, so a pipeline can
   * show that it is alive. Only the elapsed time is known: Redshift reports
   * nothing about a COPY to the session running it until it ends (rows and
   * bytes per slice are in STV_LOAD_STATE, readable from another session on
   * provisioned clusters only).
   *
   * ```ts
   * onProgress: ({ elapsedMs }) => process.stdout.write(`\rloading ${Math.round(elapsedMs / 1000)} s`)
   * ```
   */
  readonly onProgress?: (progress: CopyProgress) => void
  /** How often `onProgress` is called, in ms (default 1000). */
  readonly progressIntervalMs?: number
  /**
   * Read load errors from SYS_LOAD_ERROR_DETAIL (Serverless, where STL views
   * do not exist) instead of STL_LOAD_ERRORS. By default true when the
   * client's host is a `*.redshift-serverless.amazonaws.com` endpoint.
   */
  readonly serverless?: boolean
}
