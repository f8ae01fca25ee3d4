import type { BoundStatement } from '../catalog/bound-statement.js'
import { reject } from '../errors/reject.js'
import type { ErrorFields } from '../protocol/error-fields.js'
import type { QueryRun } from '../runtime/query-run.js'
import type { PlannedStatement } from '../sql/statement-plan.js'
import type { BackendChannel } from './backend-channel.js'
import type { SessionRuntime } from './session-runtime.js'

/** What COPY and UNLOAD need from the session they run in. */
export interface BulkContext {
  readonly channel: BackendChannel
  readonly runtime: Pick<
    SessionRuntime,
    'storage' | 'records' | 'planner' | 'isolation' | 'columnTypes'
  >
  readonly run: QueryRun
  readonly pid: number
  readonly database: string
  /** Quoted identifiers are folded (`enable_case_sensitive_identifier` off). */
  readonly fold: boolean
  /** Queries may be typed with the catalog's column types (see `TransactionState.columnTyping`). */
  readonly columnTyping: boolean
  /** The text PostgreSQL runs for a statement that depends on the session. */
  contextualText(statement: PlannedStatement): string
}

/** How a COPY or UNLOAD ended, for the client. */
export interface BulkOutcome {
  /** INFO notices, sent before CommandComplete. */
  readonly notices: readonly ErrorFields[]
  /** The statement's error; undefined when it succeeded. */
  readonly error?: ErrorFields
  /** Rows loaded or unloaded (PG_LAST_COPY_COUNT / PG_LAST_UNLOAD_COUNT). */
  readonly rows: number
  /**
   * False when the statement failed before its unload began (a syntax
   * error, a refused or failing query, a bucket it cannot reach):
   * PG_LAST_UNLOAD_ID() then keeps naming the UNLOAD before it
   * (PG_LAST_UNLOAD_ID.html). Absent: it began.
   */
  readonly begun?: boolean
}

/** Redshift's user id for the emulator's users (as in the query log). */
export const BULK_USER_ID = 100

/**
 * An INFO notice as Redshift sends them for COPY and UNLOAD.
 *
 * @example
 * ```ts
 * info("Load into table 'sales' completed, 3 record(s) loaded successfully.")
 * ```
 */
export function info(message: string): ErrorFields {
  return Object.freeze({ severity: 'INFO', code: '00000', message })
}

/**
 * The error when the emulator has no S3: it names the options that give it one.
 *
 * @example
 * ```ts
 * noStorage('COPY').message
 * ```
 */
export function noStorage(statement: 'COPY' | 'UNLOAD'): ErrorFields {
  return reject.other(
    '0A000',
    `${statement} needs S3, and this local Redshift has none`,
    undefined,
    'start the emulator with --s3-dir DIR (a folder standing in for S3) or --s3-endpoint URL (an S3-compatible server); s3Dir / s3Endpoint in startLocalRedshift()',
  )
}

/**
 * Writes the statements on the emulator's own connection, and waits for
 * them: the client may read the system views as its very next statement.
 */
export async function writeRecords(
  context: BulkContext,
  statements: readonly BoundStatement[],
): Promise<void> {
  await context.runtime.records.write(context.database, statements)
}

/**
 * The statement was stopped from outside (CANCEL, statement_timeout, a lost
 * client): `fields` is what the client is told.
 *
 * @example
 * ```ts
 * channel.abort(new BulkAbort(cancelledError(run)))
 * ```
 */
export class BulkAbort extends Error {
  readonly fields: ErrorFields
  constructor(fields: ErrorFields) {
    super(fields.message)
    this.name = 'BulkAbort'
    this.fields = fields
  }
}
