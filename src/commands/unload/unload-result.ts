/**
 * One file an UNLOAD wrote, from STL_UNLOAD_LOG (provisioned) or
 * SYS_UNLOAD_DETAIL (Serverless).
 *
 * ```ts
 * const { path, rows, bytes } = result.files[0]
 * ```
 */
export interface UnloadFile {
  /** The object's full `s3://` path. */
  readonly path: string
  /** Rows written to the file. */
  readonly rows: number
  /** Bytes written to the file. */
  readonly bytes: number
}

/**
 * What `execute()` of an UNLOAD returns (frozen).
 *
 * ```ts
 * const { rowsUnloaded, files, manifestPath } = await unload(db, query)
 *   .to('s3://b/out/').iamRole('default').manifest().execute()
 * ```
 */
export interface UnloadResult {
  /** `pg_last_unload_count()`: rows the UNLOAD wrote. */
  readonly rowsUnloaded: number
  /** `pg_last_query_id()`: the UNLOAD's query id, as in the system views. */
  readonly queryId: number
  /** The files written, by path. */
  readonly files: readonly UnloadFile[]
  /** `<prefix>manifest`, when MANIFEST was given. */
  readonly manifestPath?: string
  /** Wall time of the UNLOAD and the reads of its results. */
  readonly elapsedMs: number
}

/**
 * A progress tick of a running UNLOAD.
 *
 * ```ts
 * .execute({ onProgress: ({ elapsedMs }) => console.log(`unloading… ${elapsedMs} ms`) })
 * ```
 */
export interface UnloadProgress {
  readonly elapsedMs: number
}

/**
 * Options of an UNLOAD's `execute()`.
 *
 * ```ts
 * await builder.execute({ serverless: true, onProgress: (p) => bar.update(p.elapsedMs) })
 * ```
 */
export interface UnloadExecuteOptions {
  /**
   * Read the files from SYS_UNLOAD_DETAIL (Redshift Serverless, where the
   * STL views do not exist) instead of STL_UNLOAD_LOG. Default `false`.
   */
  readonly serverless?: boolean
  /** Called every `progressIntervalMs` while the UNLOAD runs. */
  readonly onProgress?: (progress: UnloadProgress) => void
  /** Interval of `onProgress`, in milliseconds. Default 1000. */
  readonly progressIntervalMs?: number
}
