import { reject } from '../errors/reject.js'
import { encodeErrorMessage } from '../protocol/error-fields.js'
import type { QueryRun } from '../runtime/query-run.js'
import type { ExternalRead } from '../sql/spectrum/external-reads.js'
import type { EmulatorAction, PlannedStatement } from '../sql/statement-plan.js'
import { readExternalTables } from '../spectrum/read-external-tables.js'
import { readViewExternalTables } from '../spectrum/read-view-external-tables.js'
import { readAllDatabaseViews } from './read-all-database-views.js'
import {
  prepareOtherDatabaseReads,
  type OtherDatabaseReads,
} from './other-database-reads.js'
import type { ErrorFields } from '../protocol/error-fields.js'
import { ChannelError, type BackendChannel } from './backend-channel.js'
import {
  BulkAbort,
  type BulkContext,
  type BulkOutcome,
} from './bulk-context.js'
import { runCopy } from './copy-statement.js'
import type { PendingMessage } from './pending-message.js'
import type { QueryRuns } from './query-runs.js'
import { cancelledError } from './refuse-message.js'
import type { SessionRuntime } from './session-runtime.js'
import type { SessionSettings } from './session-settings.js'
import type { TransactionState } from './transaction-state.js'
import { UnitKind } from './unit.js'
import { runUnload } from './unload-statement.js'
import { runVacuum } from './vacuum-statement.js'
import { SENTINEL_PARSE, SENTINEL_QUERY } from './wire-constants.js'

/** A read of external tables at Parse, before the statement has a run. */
const NO_RUN = Symbol('no run')

/** The external tables one statement reads, named or through views. */
export interface StatementReads {
  readonly direct?: readonly ExternalRead[] | undefined
  /** The relations it names that may be late-binding views over external tables. */
  readonly views?: readonly (readonly [string | null, string])[] | undefined
  /** The system views listing every database it reads (see `read-all-database-views.ts`). */
  readonly allDatabases?: readonly string[] | undefined
  /** The relations of other databases it reads (see `other-database-reads.ts`). */
  readonly otherDatabases?: OtherDatabaseReads | undefined
  /** The users a DROP USER drops, whose user mappings go first. */
  readonly dropsUsers?: readonly string[] | undefined
  /** The statement's text as PostgreSQL receives it. */
  readonly text: string
}
/** A statement run by {@link BulkStatements}. */
export type BulkAction = Extract<
  EmulatorAction,
  { readonly kind: 'copy' | 'unload' | 'vacuum' }
>

/** What the bulk statements need from their session. */
export interface BulkHost {
  readonly runtime: SessionRuntime
  readonly pid: number
  readonly database: string
  readonly channel: BackendChannel
  readonly runs: QueryRuns
  readonly transaction: TransactionState
  readonly settings: SessionSettings
  /** Quoted identifiers are folded (`enable_case_sensitive_identifier` off). */
  folds(): boolean
  /** PostgreSQL skips messages until the next Sync (an extended-protocol error). */
  skippingToSync(): boolean
  /** Writes bytes straight to the client (everything earlier was already sent). */
  toClient(bytes: Buffer): void
  contextualText(statement: PlannedStatement): string
}

/**
 * COPY from S3 and UNLOAD for one session: each runs as the last gate of its
 * message, on the session's PostgreSQL connection (through the
 * {@link BackendChannel}), once every earlier message was answered. The
 * client's message itself then goes on as a no-op that PostgreSQL answers
 * with the statement's tag (`COPY`, `UNLOAD`), after the INFO notices; or,
 * when the statement failed, as the sentinel whose error the session swaps
 * for the statement's own. Either way pipelining, the WLM slot, the query
 * log and the transaction state follow the usual path.
 *
 * @example
 * ```ts
 * pending.work = bulk.work(pending, { kind: 'copy', text })
 * ```
 */
export class BulkStatements {
  readonly #host: BulkHost
  /** The COPY, UNLOAD or read of external tables under way ({@link NO_RUN}: one with no run yet). */
  #running: QueryRun | typeof NO_RUN | null = null
  /** The foreign tables set up in the open block, by user and name, with its xid. */
  readonly #otherDatabaseTables = new Map<string, number>()

  constructor(host: BulkHost) {
    this.#host = host
  }

  /** The work for a COPY, UNLOAD or VACUUM message (a gate of `pending`). */
  work(pending: PendingMessage, action: BulkAction): () => Promise<void> {
    return () => this.#run(pending, action)
  }

  /**
   * The work that reads the external tables a statement reads into the
   * session's temporary tables its text names (a gate of `pending`, after
   * `previous`, the gate of an earlier statement of the same message). When
   * reading fails, the message fails with that error instead.
   */
  external(
    pending: PendingMessage,
    reads: StatementReads,
    previous: (() => Promise<void>) | undefined,
  ): () => Promise<void> {
    return async () => {
      await previous?.()
      if (pending.unit.reject === undefined)
        await this.#external(pending, reads)
    }
  }

  async #external(
    pending: PendingMessage,
    reads: StatementReads,
  ): Promise<void> {
    const host = this.#host
    const unit = pending.unit
    const channel = host.channel
    await channel.open()
    let error: ErrorFields | undefined
    let timer: NodeJS.Timeout | undefined
    try {
      // As for COPY: PostgreSQL answers the message itself in these states.
      if (host.skippingToSync() || host.transaction.status === 'E') return
      // A cancel or statement_timeout stops the read as it stops a COPY
      // (the run is the statement's; a Parse has none yet).
      const run = unit.currentRun ?? null
      this.#running = run ?? NO_RUN
      const timeoutMs = Number(host.settings.get('statement_timeout') || 0)
      if (timeoutMs > 0) {
        timer = setTimeout(
          () => channel.abort(new BulkAbort(cancelledError(run))),
          timeoutMs,
        )
      }
      const storage = host.runtime.storage?.forStatement({})
      const direct = reads.direct ?? []
      if (reads.views !== undefined)
        error = await readViewExternalTables(
          channel,
          storage,
          reads.views,
          reads.text,
          direct,
        )
      if (error === undefined && direct.length > 0)
        error = await readExternalTables(channel, storage, direct)
      if (reads.dropsUsers !== undefined)
        await host.runtime.otherDatabaseTables?.forgetUsers(
          host.database,
          reads.dropsUsers,
        )
      if (error === undefined && reads.otherDatabases !== undefined)
        error = await prepareOtherDatabaseReads(
          channel,
          host.runtime.otherDatabaseTables,
          host.database,
          reads.otherDatabases,
          host.transaction.xid,
          this.#otherDatabaseTables,
          host.runtime.planner.schemaAliases,
        )
      if (error === undefined && reads.allDatabases !== undefined)
        await readAllDatabaseViews(
          channel,
          host.runtime.otherDatabaseRows,
          reads.allDatabases,
        )
      // A simple Query's tables are there for it once this commits; a
      // Parse belongs to the client's implicit transaction.
      if (error === undefined && unit.kind === UnitKind.Query)
        await channel.sync()
    } catch (cause) {
      error =
        cause instanceof BulkAbort || cause instanceof ChannelError
          ? cause.fields
          : reject.other(
              'XX000',
              cause instanceof Error ? cause.message : String(cause),
            )
    } finally {
      if (timer !== undefined) clearTimeout(timer)
      channel.close()
      this.#running = null
    }
    if (error !== undefined) {
      unit.reject = error
      pending.replacement =
        unit.kind === UnitKind.Query ? SENTINEL_QUERY : SENTINEL_PARSE
    }
  }

  /**
   * CANCEL of the session while a COPY, an UNLOAD or a read of external
   * tables runs: the statement stops
   * (a COPY being fed ends with CopyFail, so PostgreSQL keeps nothing).
   * False when none runs. The caller still cancels PostgreSQL's statement,
   * for a query that is reading rows.
   */
  cancel(message?: string): boolean {
    const run = this.#running
    if (run === null) return false
    this.#host.channel.abort(
      new BulkAbort(cancelledError(run === NO_RUN ? null : run, message)),
    )
    return true
  }

  /** The connection closed: whatever runs stops at once. */
  closed(): void {
    this.#host.channel.terminate(
      new BulkAbort(reject.other('57P01', 'the client closed the connection')),
    )
  }

  async #run(pending: PendingMessage, action: BulkAction): Promise<void> {
    const host = this.#host
    const unit = pending.unit
    const run = unit.currentRun
    if (run === null || run === undefined || unit.reject !== undefined) return
    const channel = host.channel
    await channel.open()
    let outcome: BulkOutcome | undefined
    let timer: NodeJS.Timeout | undefined
    try {
      // PostgreSQL would ignore the channel's statements after an
      // extended-protocol error, and answers a failed block's statements
      // with its own error: in both the message goes on as it is.
      if (host.skippingToSync() || host.transaction.status === 'E') return
      this.#running = run
      host.runs.started(run)
      const timeoutMs = Number(host.settings.get('statement_timeout') || 0)
      if (timeoutMs > 0) {
        timer = setTimeout(
          () => channel.abort(new BulkAbort(cancelledError(run))),
          timeoutMs,
        )
      }
      const context: BulkContext = {
        channel,
        runtime: host.runtime,
        run,
        pid: host.pid,
        database: host.database,
        fold: host.folds(),
        columnTyping: host.transaction.columnTyping,
        contextualText: (s) => host.contextualText(s),
      }
      outcome =
        action.kind === 'vacuum'
          ? await runVacuum(context, action)
          : action.kind === 'copy'
            ? await runCopy(context, action.text)
            : await runUnload(context, action.text)
      // A simple Query is a statement of its own: outside a block, what it
      // did commits now. A message of the extended protocol belongs to the
      // client's implicit transaction, which its Sync ends.
      if (unit.kind === UnitKind.Query && outcome.error === undefined)
        await channel.sync()
    } catch (cause) {
      outcome = {
        notices: [],
        error:
          cause instanceof BulkAbort
            ? cause.fields
            : reject.other(
                'XX000',
                cause instanceof Error ? cause.message : String(cause),
              ),
        rows: 0,
      }
    } finally {
      if (timer !== undefined) clearTimeout(timer)
      channel.close()
      this.#running = null
    }
    if (action.kind === 'copy') host.runs.copied(run, outcome.rows)
    else if (action.kind === 'unload' && outcome.begun !== false)
      host.runs.unloaded(run, outcome.rows)
    if (outcome.error !== undefined) {
      // The sentinel fails at exactly this point of the stream (and aborts
      // an open block); its error is swapped for the statement's. The unit
      // keeps its WLM slot, released when that error arrives.
      unit.reject = outcome.error
      pending.replacement =
        unit.kind === UnitKind.Query ? SENTINEL_QUERY : SENTINEL_PARSE
      return
    }
    for (const notice of outcome.notices)
      host.toClient(encodeErrorMessage(notice, 'N'))
  }
}
