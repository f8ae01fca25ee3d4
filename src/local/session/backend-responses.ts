import { redshiftNotice } from '../errors/redshift-notice.js'
import { reshapeError } from '../errors/reshape-error.js'
import { commandComplete } from '../protocol/backend-messages.js'
import {
  decodeErrorFields,
  encodeErrorMessage,
  type ErrorFields,
} from '../protocol/error-fields.js'
import type { QueryRun } from '../runtime/query-run.js'
import type { PlannedStatement } from '../sql/statement-plan.js'
import { restoreErrorNames } from '../sql/long-identifiers.js'
import { CANCEL_BACKEND_CALL } from '../sql/cancel-backend-rewrite.js'
import { maskErrorSecrets } from '../sql/mask-secrets.js'
import type { ExtendedProtocol } from './extended-protocol.js'
import { cancelSignalPid } from './cancel-signal.js'
import { keepNestedCall } from './nested-procedure-calls.js'
import { keepProcedureMessage } from './procedure-messages.js'
import { redshiftFieldNames } from './field-names.js'
import {
  redshiftFieldTypes,
  redshiftParameterTypes,
} from './redshift-field-types.js'
import { restoreRowDescription } from './restore-row-description.js'
import { varbyteDataRow } from './varbyte-results.js'
import { regtypeColumns, regtypeDataRow } from './regtype-results.js'
import type { SessionParts } from './session-parts.js'
import { type Unit, UnitKind } from './unit.js'
import { isSelectTag, SELECT_COMPLETE, tagRows } from './wire-constants.js'

// What comes before an Execute in its own statement's pipeline.
const PREPARING_KINDS: ReadonlySet<UnitKind> = new Set([
  UnitKind.Parse,
  UnitKind.Bind,
  UnitKind.Describe,
  UnitKind.Close,
])

/**
 * PostgreSQL's side of a session: relays its messages to the client and,
 * for the few it must see, logs results (CommandComplete), swaps or reshapes
 * errors into Redshift's (ErrorResponse), and follows the transaction state
 * (ReadyForQuery). Each response belongs to the head of the unit queue.
 *
 * @example
 * ```ts
 * reader.read(chunk, responses.onMessage)
 * ```
 */
export class BackendResponses {
  readonly #parts: SessionParts
  readonly #extended: ExtendedProtocol
  /** DataRows since the current statement started. */
  #rows = 0
  #cancelMessage: string | undefined
  /** An extended-protocol error: PostgreSQL ignores every message until Sync. */
  #skipping = false
  /**
   * The VARBYTE fields (sent as text) of the rows now coming, from the last
   * RowDescription; null: none, or the rows' shape is not known.
   */
  #varbyte: number[] | null = null
  /** Indexes of the current result's `regtype` fields (see `regtype-results.ts`). */
  #regtype: number[] | null = null

  constructor(parts: SessionParts, extended: ExtendedProtocol) {
    this.#parts = parts
    this.#extended = extended
  }

  /** Whether PostgreSQL now skips messages until the next Sync. */
  get skippingToSync(): boolean {
    return this.#skipping
  }

  /** A CancelRequest with this message is under way (undefined: the usual text). */
  cancelling(message: string | undefined): void {
    this.#cancelMessage = message
  }

  /** A unit reached the head of the queue: PostgreSQL is now working on it. */
  becameHead(unit: Unit): void {
    this.#rows = 0
    const run = unit.currentRun
    if (run !== undefined && run !== null) this.#parts.runs.reachedHead(run)
  }

  /**
   * An Execute went to PostgreSQL holding its WLM slot. When only its own
   * statement's Parse / Bind / Describe are ahead of it, PostgreSQL is
   * already at work on the statement (parse analysis takes the table locks,
   * so a lock wait happens there, before the Execute is the head): it runs
   * from now on, as on Redshift a statement that holds its slot and waits on
   * a lock is running, not queued.
   */
  sentWithSlot(unit: Unit): void {
    const run = unit.currentRun
    const queue = this.#parts.queue
    if (run === undefined || run === null || queue.head === unit) return
    let preparing = true
    queue.forEach((ahead) => {
      if (ahead !== unit && !PREPARING_KINDS.has(ahead.kind)) preparing = false
    })
    if (preparing) this.#parts.runs.reachedHead(run)
  }

  /**
   * A statement cancelled while it waited for its WLM slot. With the
   * extended protocol its own Parse / Bind may be at PostgreSQL already,
   * waiting on a lock there (see sentWithSlot): when they are all that is in
   * flight, whichever of them PostgreSQL's cancel stops fails with `error`,
   * and the run ends now, cancelled. True tells the caller to send that
   * cancel; false (nothing in flight, or another statement's work) leaves
   * the refused message to fail in its turn.
   */
  cancelPreparing(unit: Unit, error: ErrorFields): boolean {
    const queue = this.#parts.queue
    if (unit.kind !== UnitKind.Execute || queue.empty) return false
    let preparing = true
    queue.forEach((ahead) => {
      if (!PREPARING_KINDS.has(ahead.kind)) preparing = false
    })
    if (!preparing) return false
    queue.forEach((ahead) => {
      ahead.reject ??= error
    })
    const run = unit.currentRun
    if (run !== undefined && run !== null) {
      this.#parts.runs.finish(run, 'cancelled', 0, error.code, error.message)
      // Ended here: the skip after PostgreSQL's error must not drop it.
      unit.runs = null
    }
    return true
  }

  /** One message from PostgreSQL; `buf[start]` is its type byte. */
  readonly onMessage = (
    type: number,
    buf: Buffer,
    start: number,
    end: number,
  ): void => {
    const toClient = this.#parts.toClient
    switch (type) {
      case 0x44 /* D DataRow */: {
        this.#rows++
        const row =
          this.#varbyte === null
            ? null
            : varbyteDataRow(buf, start, end, this.#varbyte)
        const named =
          this.#regtype === null
            ? null
            : row === null
              ? regtypeDataRow(buf, start, end, this.#regtype)
              : regtypeDataRow(row, 0, row.length, this.#regtype)
        if (named !== null) toClient.push(named)
        else if (row === null) toClient.pass(buf, start, end)
        else toClient.push(row)
        return
      }
      case 0x43 /* C CommandComplete */:
        this.#commandComplete(buf, start, end)
        return
      case 0x5a /* Z ReadyForQuery */:
        this.#readyForQuery(buf, start, end)
        return
      case 0x54 /* T RowDescription */:
      case 0x6e /* n NoData */: {
        const unit = this.#parts.queue.head
        if (unit?.kind === UnitKind.Describe) this.#parts.queue.shift()
        if (unit?.hidden === true) return
        this.#regtype = type === 0x54 ? regtypeColumns(buf, start, end) : null
        this.#varbyte =
          type === 0x54
            ? redshiftFieldTypes(
                buf,
                start,
                end,
                this.#parts.fieldTypes?.typeOf,
              )
            : null
        const names = this.#parts.runtime.planner.longNames
        // Column names over 63 bytes reach PostgreSQL as their short names.
        const restored =
          type === 0x54 && names.size > 0
            ? restoreRowDescription(buf, start, end, names)
            : null
        const shaped =
          type === 0x54
            ? this.#redshiftNames(unit, restored, buf, start, end)
            : null
        const metadata = type === 0x54 ? this.#parts.metadata : undefined
        const changed = shaped ?? restored
        if (metadata !== undefined)
          toClient.push(
            changed === null
              ? metadata.extend(buf, start, end)
              : metadata.extend(changed, 0, changed.length),
          )
        else if (changed !== null) toClient.push(changed)
        else toClient.pass(buf, start, end)
        return
      }
      case 0x31 /* 1 ParseComplete */:
      case 0x32 /* 2 BindComplete */:
      case 0x33 /* 3 CloseComplete */: {
        const unit = this.#parts.queue.head
        this.#parts.queue.shift()
        if (unit?.hidden !== true) toClient.pass(buf, start, end)
        return
      }
      case 0x74 /* t ParameterDescription */:
        redshiftParameterTypes(buf, start, end)
        toClient.pass(buf, start, end)
        return
      case 0x45 /* E ErrorResponse */:
        this.#error(buf, start, end)
        return
      case 0x49 /* I EmptyQueryResponse */:
        this.#emptyQuery(buf, start, end)
        return
      case 0x73 /* s PortalSuspended */:
        this.#portalSuspended(buf, start, end)
        return
      case 0x4e /* N NoticeResponse */: {
        // pg_cancel_backend(pid) names a session whose statement may wait for a slot.
        const runtime = this.#parts.runtime
        const pid = cancelSignalPid(buf, start, end, runtime.planner.cancelKey)
        if (pid === null) {
          const fields = decodeErrorFields(buf, start, end)
          if (
            keepNestedCall(this.#currentRun(), fields, () =>
              runtime.nextQueryId(),
            )
          )
            return
          const worded = redshiftNotice(fields)
          if (worded === null) toClient.pass(buf, start, end)
          else toClient.push(encodeErrorMessage(worded, 'N'))
          this.#keepMessage(fields)
        } else if (pid !== undefined && this.#callsCancelBackend())
          runtime.cancelQueued(pid)
        return
      }
      default:
        toClient.pass(buf, start, end)
        return
    }
  }

  /** The run of the statement PostgreSQL runs now, if the emulator logs it. */
  #currentRun(): QueryRun | undefined {
    const unit = this.#parts.queue.head
    const run =
      unit?.kind === UnitKind.Query
        ? unit.runs?.[unit.index]
        : unit?.kind === UnitKind.Execute
          ? unit.runs?.[0]
          : undefined
    return run ?? undefined
  }

  /** A RAISE message of the CALL now running, for SVL_STORED_PROC_MESSAGES. */
  #keepMessage(fields: ErrorFields): void {
    keepProcedureMessage(
      this.#currentRun(),
      fields,
      this.#parts.settings.get('stored_proc_log_min_messages'),
    )
  }

  /**
   * Whether the statement PostgreSQL runs now is one the emulator pointed at
   * `redshift_local.pg_cancel_backend`: a signal from anything else (a
   * procedure that learnt the key) is not obeyed.
   */
  #callsCancelBackend(): boolean {
    const unit = this.#parts.queue.head
    const statement =
      unit?.kind === UnitKind.Query
        ? unit.currentStatement
        : unit?.statements?.[0]
    return statement?.text.includes(CANCEL_BACKEND_CALL) === true
  }

  /** Field names as Redshift sends them (null: unchanged); see {@link redshiftFieldNames}. */
  #redshiftNames(
    unit: Unit | undefined,
    restored: Buffer | null,
    buf: Buffer,
    start: number,
    end: number,
  ): Buffer | null {
    const columnNames =
      unit?.kind === UnitKind.Query
        ? unit.currentStatement?.columnNames
        : unit?.statements?.[0]?.columnNames
    const upper =
      this.#parts.settings.get('describe_field_name_in_uppercase') === 'on'
    if (columnNames === undefined && !upper) return null
    return restored === null
      ? redshiftFieldNames(buf, start, end, columnNames, upper)
      : redshiftFieldNames(restored, 0, restored.length, columnNames, upper)
  }

  #commandComplete(buf: Buffer, start: number, end: number): void {
    this.#varbyte = null
    this.#regtype = null
    const { queue, slot } = this.#parts
    const unit = queue.head
    if (unit === undefined) {
      this.#parts.toClient.pass(buf, start, end)
      return
    }
    if (unit.kind === UnitKind.Query) {
      const run = unit.runs?.[unit.index]
      const statement = unit.statements?.[unit.index]
      unit.index++
      // null: the emulator's own COMMIT before TRUNCATE, not the client's business.
      if (run !== null) this.#completed(run, statement, buf, start, end)
      this.#startNext(unit)
      return
    }
    if (unit.hidden) {
      queue.shift()
      return
    }
    const run =
      unit.kind === UnitKind.Execute ? (unit.runs?.[0] ?? undefined) : undefined
    if (run !== undefined) this.#extended.detachRun(unit, run)
    this.#completed(run, unit.statements?.[0], buf, start, end, unit.rowsBefore)
    slot.unitDone(unit)
    queue.shift()
  }

  #completed(
    run: QueryRun | undefined,
    statement: PlannedStatement | undefined,
    buf: Buffer,
    start: number,
    end: number,
    rowsBefore = 0,
  ): void {
    const isSelect = isSelectTag(buf, start)
    if (statement?.tag !== undefined)
      this.#parts.toClient.push(commandComplete(statement.tag))
    else if (isSelect) this.#parts.toClient.push(SELECT_COMPLETE)
    else this.#parts.toClient.pass(buf, start, end)
    if (run === undefined) return
    const rows = isSelect ? rowsBefore + this.#rows : tagRows(buf, start, end)
    this.#rows = 0
    this.#parts.runs.finish(run, 'done', rows)
    if (statement === undefined) return
    if (statement.schemaAlias !== undefined)
      this.#parts.runtime.planner.schemaAliases.apply(
        this.#parts.transaction.database,
        statement.schemaAlias,
      )
    if (
      statement.transaction === 'commit' &&
      buf[start + 5] === 0x52 /* R(OLLBACK) */
    ) {
      // PostgreSQL answers COMMIT of a failed block with ROLLBACK.
      this.#parts.settings.revertLastCommit()
    }
  }

  /** A multi-statement Query moves on to its next statement. */
  #startNext(unit: Unit): void {
    const next = unit.runs?.[unit.index]
    if (next !== undefined && next !== null) this.#parts.runs.started(next)
  }

  #emptyQuery(buf: Buffer, start: number, end: number): void {
    this.#varbyte = null
    this.#regtype = null
    const { queue, slot } = this.#parts
    const unit = queue.head
    if (unit !== undefined && unit.kind !== UnitKind.Query) {
      slot.unitDone(unit)
      queue.shift()
    }
    this.#parts.toClient.pass(buf, start, end)
  }

  #portalSuspended(buf: Buffer, start: number, end: number): void {
    const { queue, slot } = this.#parts
    const unit = queue.head
    if (unit?.kind === UnitKind.Execute) {
      this.#extended.suspend(unit, this.#rows)
      this.#rows = 0
      slot.unitDone(unit)
      queue.shift()
    }
    this.#parts.toClient.pass(buf, start, end)
  }

  #error(buf: Buffer, start: number, end: number): void {
    this.#varbyte = null
    this.#regtype = null
    const { queue, toClient, runs, settings, transaction } = this.#parts
    const unit = queue.head
    const fields = decodeErrorFields(buf, start, end)
    if (
      unit === undefined ||
      fields.severity === 'FATAL' ||
      fields.severity === 'PANIC'
    ) {
      toClient.pass(buf, start, end)
      return
    }
    const run =
      unit.kind === UnitKind.Query
        ? (unit.runs?.[unit.index] ?? undefined)
        : unit.kind === UnitKind.Execute
          ? (unit.runs?.[0] ?? undefined)
          : undefined
    const statement =
      unit.kind === UnitKind.Query
        ? unit.statements?.[unit.index]
        : unit.statements?.[0]
    const reshaped = unit.reject ?? this.#reshape(fields, run, statement)
    // PostgreSQL may quote a password or key near a syntax error; neither
    // the client nor the query log gets it.
    const masked =
      statement === undefined
        ? reshaped
        : maskErrorSecrets(reshaped ?? fields, statement.original)
    // PostgreSQL quotes the short names it holds; the client wrote long ones.
    const names = this.#parts.runtime.planner.longNames
    const named =
      names.size === 0 ? masked : restoreErrorNames(masked ?? fields, names)
    const out = named === fields ? masked : named
    if (out !== undefined && out !== fields)
      toClient.push(encodeErrorMessage(out))
    else toClient.pass(buf, start, end)
    this.#cancelMessage = undefined
    this.#rows = 0
    const final = out ?? fields
    if (run !== undefined) {
      keepProcedureMessage(
        run,
        final,
        settings.get('stored_proc_log_min_messages'),
      )
      runs.finish(
        run,
        final.code === '57014' ? 'cancelled' : 'failed',
        0,
        final.code,
        final.message,
      )
      this.#extended.detachRun(unit, run)
    }
    if (unit.settingsBefore !== undefined) settings.restore(unit.settingsBefore)
    transaction.failed()
    this.#skipAfterError(unit)
  }

  /** PostgreSQL's error as Redshift words it (undefined: unchanged). */
  #reshape(
    fields: ErrorFields,
    run: QueryRun | undefined,
    statement: PlannedStatement | undefined,
  ): ErrorFields | undefined {
    const { runtime, transaction, pid } = this.#parts
    const table = transaction.conflictTable(statement?.table)
    const other =
      fields.code === '40001'
        ? runtime.conflictingTransaction(pid, table)
        : undefined
    const tableId =
      fields.code === '40001' && table !== undefined
        ? runtime.tableIds?.idOf(transaction.database, table)
        : undefined
    // STL_TR_CONFLICT lists the statement with the table its detail names.
    if (run !== undefined && tableId !== undefined)
      run.conflictTableId = tableId
    return reshapeError(fields, {
      queryId: run?.queryId,
      cancelMessage: this.#cancelMessage,
      isolation: runtime.isolation,
      table,
      tableId,
      xid: run?.xid ?? transaction.xid,
      otherXid: other?.xid,
      otherPid: other?.pid,
      ...(statement !== undefined ? { statement: statement.original } : {}),
    })
  }

  /** What an error stops from running never runs: its runs leave the log. */
  #skipAfterError(unit: Unit): void {
    const { queue, slot, runs, settings } = this.#parts
    if (unit.kind === UnitKind.Query || unit.kind === UnitKind.Function) {
      // The rest of the Query does not run; ReadyForQuery still follows.
      for (let i = unit.index + 1; i < (unit.runs?.length ?? 0); i++) {
        const skipped = unit.runs![i]
        if (skipped) runs.forget(skipped)
      }
      unit.index = unit.runs?.length ?? 0
      slot.unitDone(unit)
      return
    }
    // Extended protocol: PostgreSQL skips everything up to the next Sync.
    this.#skipping = true
    slot.unitDone(unit)
    queue.shift()
    let skipped = queue.head
    while (skipped !== undefined && skipped.kind !== UnitKind.Sync) {
      for (const r of skipped.runs ?? []) if (r) runs.forget(r)
      if (skipped.settingsBefore !== undefined)
        settings.restore(skipped.settingsBefore)
      slot.unitDone(skipped)
      queue.shift()
      skipped = queue.head
    }
  }

  #readyForQuery(buf: Buffer, start: number, end: number): void {
    this.#varbyte = null
    this.#regtype = null
    const { queue, slot, transaction, runs } = this.#parts
    let unit = queue.head
    // ReadyForQuery answers only Sync, Query and FunctionCall: extended
    // messages still ahead of them were skipped after an error (sent after
    // the error was already handled, e.g. held by a gate meanwhile).
    while (
      unit !== undefined &&
      unit.kind !== UnitKind.Sync &&
      unit.kind !== UnitKind.Query &&
      unit.kind !== UnitKind.Function
    ) {
      for (const r of unit.runs ?? []) if (r) runs.forget(r)
      slot.unitDone(unit)
      queue.shift()
      unit = queue.head
    }
    const hidden = unit?.hidden === true
    if (
      unit !== undefined &&
      (unit.kind === UnitKind.Sync ||
        unit.kind === UnitKind.Query ||
        unit.kind === UnitKind.Function)
    ) {
      slot.unitDone(unit)
      queue.shift()
    }
    this.#skipping = false
    if (queue.empty) {
      // Nothing else in flight: the prediction must match PostgreSQL.
      const status = String.fromCharCode(buf[start + 5]!)
      transaction.synced(status)
      if (status === 'I') this.#extended.finishPortals()
      this.#cancelMessage = undefined
    }
    if (!hidden) this.#parts.toClient.pass(buf, start, end)
  }
}
