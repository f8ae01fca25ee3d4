/**
 * The emulator, or the PostgreSQL it starts for itself, could not start. The
 * message says why and what to do; `logTail` holds the last lines PostgreSQL
 * (or initdb) printed, which is where the real cause usually is.
 *
 * @example
 * ```ts
 * try {
 *   await startLocalRedshift({ dataDir: '/root/cluster' })
 * } catch (error) {
 *   if (error instanceof LocalRedshiftStartError) console.error(error.message, error.logTail)
 * }
 * ```
 */
export class LocalRedshiftStartError extends Error {
  override readonly name: string = 'LocalRedshiftStartError'
  /** The last lines of PostgreSQL's (or initdb's) output, when there was any. */
  readonly logTail: string

  constructor(
    message: string,
    options: { logTail?: string; cause?: unknown } = {},
  ) {
    const logTail = options.logTail?.trimEnd() ?? ''
    super(
      logTail === ''
        ? message
        : `${message}\n--- PostgreSQL said ---\n${logTail}`,
      options.cause === undefined ? undefined : { cause: options.cause },
    )
    this.logTail = logTail
  }
}

/**
 * Another emulator (or another embedded PostgreSQL) is already running on the
 * same `dataDir`: two servers must never share one cluster's files.
 *
 * @example
 * ```ts
 * await startLocalRedshift({ dataDir: '.redshift-local' })
 * await startLocalRedshift({ dataDir: '.redshift-local' }) // throws DataDirInUseError
 * ```
 */
export class DataDirInUseError extends LocalRedshiftStartError {
  override readonly name = 'DataDirInUseError'
  /** The folder that is in use. */
  readonly dataDir: string
  /** The process that holds it, when known. */
  readonly pid: number | undefined

  constructor(dataDir: string, pid: number | undefined) {
    super(
      `The data directory ${dataDir} is in use by another local Redshift` +
        (pid === undefined ? '' : ` (process ${pid})`) +
        ': stop it first, or choose another dataDir. If no such process runs, ' +
        `remove ${dataDir}/${LOCK_FILE_NAME}.`,
    )
    this.dataDir = dataDir
    this.pid = pid
  }
}

/** The lock file that marks a data directory as in use. */
export const LOCK_FILE_NAME = 'kysely-redshift.lock'
