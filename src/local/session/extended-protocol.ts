import { serialize } from 'pg-protocol'

import type { QueryRun } from '../runtime/query-run.js'
import type { PlannedStatement } from '../sql/statement-plan.js'
import {
  bindValueError,
  suspectBindValues,
  type BindValue,
} from './bind-values.js'
import { columnTypedPlan } from './column-typed-plan.js'
import { newPendingMessage, type PendingMessage } from './pending-message.js'
import type { Portal, PreparedStatement } from './prepared.js'
import type { SessionParts } from './session-parts.js'
import { Unit, UnitKind } from './unit.js'
import { otherDatabaseStatement } from './other-database-reads.js'
import { SENTINEL } from './wire-constants.js'

/** Name of the statement and portal the emulator's own statements use. */
const HIDDEN = 'redshift_local_hidden'

/**
 * The extended protocol: keeps the session's prepared statements and portals,
 * plans each Parse, and turns Bind and Execute into runs of the prepared
 * statement (SET, BEGIN, COMMIT and CANCEL take effect at Execute, as in
 * PostgreSQL).
 *
 * `bind` and `execute` return null for a message that needs nothing from the
 * session: it is then already queued and passed through.
 *
 * @example
 * ```ts
 * const pending = extended.parse(buf, start)
 * ```
 */
export class ExtendedProtocol {
  readonly #parts: SessionParts
  readonly #statements = new Map<string, PreparedStatement>()
  /** Statements whose Parse read their external tables, not bound since. */
  readonly #freshReads = new Set<string>()
  readonly #portals = new Map<string, Portal>()

  constructor(parts: SessionParts) {
    this.#parts = parts
  }

  /**
   * The planned statements of what a Describe message names (`buf[start]` is
   * its type byte): a portal ('P') or a prepared statement ('S'). Its
   * RowDescription is shaped by them (Redshift's column names).
   */
  described(buf: Buffer, start: number): readonly PlannedStatement[] | null {
    const nameEnd = buf.indexOf(0, start + 6)
    const name =
      nameEnd === start + 6 ? '' : buf.toString('utf8', start + 6, nameEnd)
    const prepared =
      buf[start + 5] === 0x50 /* P */
        ? this.#portals.get(name)?.prepared
        : this.#statements.get(name)
    return prepared?.plan.statements ?? null
  }

  /**
   * A Parse message made ready to pass its gates, or the lookup of column
   * types to wait for before it is planned (`waited`: it waited once already).
   */
  parse(
    buf: Buffer,
    start: number,
    waited = false,
  ): PendingMessage | Promise<void> {
    const { runtime, transaction: tx, effects, folding } = this.#parts
    const nameEnd = buf.indexOf(0, start + 5)
    const name = buf.toString('utf8', start + 5, nameEnd)
    const textEnd = buf.indexOf(0, nameEnd + 1)
    const text = buf.toString('utf8', nameEnd + 1, textEnd)
    const fold = folding.enabled
    const plan = columnTypedPlan(
      runtime,
      tx,
      runtime.planner.plan(text, fold),
      text,
      fold,
      waited,
    )
    if (plan instanceof Promise) return plan
    const count = buf.readInt16BE(textEnd + 1)
    const types: number[] = []
    for (let i = 0; i < count; i++)
      types.push(buf.readInt32BE(textEnd + 3 + i * 4))
    const at = this.#parts.prepared.preparedAt(text, fold)
    this.#statements.set(name, { text, plan, at, backend: { text, types } })
    const pending = newPendingMessage(new Unit(UnitKind.Parse))
    const sentinel = () =>
      Buffer.from(serialize.parse({ name, text: SENTINEL }))
    if (plan.reject) {
      pending.unit.reject = plan.reject
      pending.replacement = sentinel()
      return pending
    }
    // Under SERIALIZABLE, PostgreSQL fixes the snapshot when it analyses the
    // statement at Parse: the query log must be written before that.
    pending.needsFlush = plan.readsSystemView
    const s = plan.statements[0]
    // A write waits for another transaction's write lock before its Parse,
    // where PostgreSQL takes a new transaction's snapshot.
    const deadlock =
      plan.statements.length === 1
        ? effects.lockWrites(pending, plan.statements)
        : undefined
    if (deadlock !== undefined) {
      pending.unit.reject = deadlock
      pending.needsFlush = false
      pending.replacement = sentinel()
      return pending
    }
    if (
      plan.statements.length !== 1 ||
      s === undefined ||
      (plan.unchanged && !plan.dynamic)
    ) {
      return pending
    }
    if (s.notInBlock !== undefined && tx.status !== 'I') {
      pending.unit.reject = s.notInBlock
      pending.needsFlush = false
      pending.replacement = sentinel()
      return pending
    }
    if (s.commitsFirst && tx.status === 'T') {
      // TRUNCATE commits the open transaction first, as on Redshift.
      this.hiddenStatement('COMMIT')
      tx.end(true)
    }
    let backendText = s.text
    if (s.outsideBlockText !== undefined && tx.status === 'I') {
      backendText = s.outsideBlockText
    } else if (s.action?.kind === 'show') {
      backendText = effects.showText(s.action)
    } else if (s.contextual) {
      backendText = effects.contextualText(s)
    }
    const other = otherDatabaseStatement(
      s,
      backendText,
      tx,
      fold,
      runtime.otherDatabaseTables !== undefined,
      true,
      runtime.planner.schemaAliases,
    )
    if (other !== null) backendText = other.text
    pending.replacement = Buffer.from(
      serialize.parse({ name, text: backendText, types }),
    )
    this.#statements.set(name, {
      text,
      plan,
      at,
      backend: { text: backendText, types },
    })
    if (
      s.externalReads !== undefined ||
      s.externalViews !== undefined ||
      s.allDatabaseViews !== undefined ||
      s.dropsUsers !== undefined ||
      other !== null
    ) {
      // PostgreSQL resolves the tables at Parse: they are read then (for the
      // Describe and the first Bind), and again at each later Bind.
      const reads = {
        direct: s.externalReads,
        views: s.externalViews,
        allDatabases: s.allDatabaseViews,
        otherDatabases: other?.reads,
        dropsUsers: s.dropsUsers,
        text: backendText,
      }
      pending.work = this.#parts.bulk.external(pending, reads, pending.work)
      const prepared = this.#statements.get(name)
      if (prepared !== undefined) prepared.reads = reads
      this.#freshReads.add(name)
    }
    return pending
  }

  /** A Bind message: null when it went straight through. */
  bind(buf: Buffer, start: number, end: number): PendingMessage | null {
    const portalEnd = buf.indexOf(0, start + 5)
    const portal = buf.toString('utf8', start + 5, portalEnd)
    const statementEnd = buf.indexOf(0, portalEnd + 1)
    const statement = buf.toString('utf8', portalEnd + 1, statementEnd)
    const previous = this.#portals.get(portal)
    if (previous?.run) this.finishPortal(previous)
    const prepared = this.#statements.get(statement)
    this.#portals.set(portal, { prepared, run: null, rows: 0 })
    const pending = newPendingMessage(new Unit(UnitKind.Bind))
    // Planned before a table it reads had a masking policy: it would read
    // the table unmasked.
    const stale =
      prepared?.at === undefined || prepared.plan.reject !== undefined
        ? null
        : this.#parts.prepared.stale(
            prepared.at,
            statement === ''
              ? 'the unnamed statement'
              : `statement "${statement}"`,
          )
    if (stale !== null) {
      pending.unit.reject = stale
      pending.replacement = Buffer.from(
        serialize.bind({ portal, statement: SENTINEL }),
      )
      return pending
    }
    // A new transaction takes its snapshot at Bind (a statement prepared
    // earlier is bound again): write the query log before that too.
    pending.needsFlush = prepared?.plan.readsSystemView === true
    // A statement prepared earlier takes its write lock again at Bind; a
    // deadlock there leaves the wait to PostgreSQL's own locks.
    const statements = prepared?.plan.statements
    if (
      statements?.length === 1 &&
      statements[0]!.writes !== undefined &&
      prepared!.plan.reject === undefined
    )
      this.#parts.effects.lockWrites(pending, statements, false)
    // A value the parameter's type refuses on Redshift, as its literal is.
    const suspects =
      prepared?.backend === undefined || prepared.plan.reject !== undefined
        ? []
        : suspectBindValues(buf, start, end)
    if (suspects.length > 0)
      pending.work = this.#checkValues(pending, prepared!, portal, suspects)
    // Redshift reads an external table's files when the statement runs: a
    // statement bound again reads them again (the Parse just read them for
    // its first Bind). PostgreSQL plans it again over the new table.
    const reads = prepared?.reads
    if (!this.#freshReads.delete(statement) && reads !== undefined) {
      pending.work = this.#parts.bulk.external(pending, reads, pending.work)
    }
    if (
      pending.needsFlush ||
      pending.before !== undefined ||
      pending.work !== undefined
    )
      return pending
    this.#passThrough(pending.unit, buf, start, end)
    return null
  }

  /**
   * Looks up the types PostgreSQL gives the statement's parameters (on the
   * session's own connection, so its temporary tables and open block are
   * seen) and refuses the Bind when one of `values` is a text Redshift does
   * not read as that type.
   */
  #checkValues(
    pending: PendingMessage,
    prepared: PreparedStatement,
    portal: string,
    values: readonly BindValue[],
  ): () => Promise<void> {
    return async () => {
      const { channel, transaction } = this.#parts
      await channel.open()
      let types: readonly number[] = []
      try {
        // PostgreSQL answers the Bind itself in these states.
        if (this.#parts.skippingToSync() || transaction.status === 'E') return
        types = await channel.parameterTypes(
          prepared.backend!.text,
          prepared.backend!.types,
        )
      } catch {
        // The statement does not prepare again: the Bind gets PostgreSQL's answer.
        return
      } finally {
        channel.close()
      }
      const error = bindValueError(types, values)
      if (error === undefined) return
      pending.unit.reject = error
      pending.replacement = Buffer.from(
        serialize.bind({ portal, statement: SENTINEL }),
      )
    }
  }

  /** An Execute message: null when it went straight through. */
  execute(buf: Buffer, start: number, end: number): PendingMessage | null {
    const portalName = buf.toString(
      'utf8',
      start + 5,
      buf.indexOf(0, start + 5),
    )
    const portal = this.#portals.get(portalName)
    const plan = portal?.prepared?.plan
    const unit = new Unit(UnitKind.Execute)
    unit.portal = portalName
    const s = plan?.statements[0]
    if (
      portal === undefined ||
      plan === undefined ||
      plan.reject ||
      s === undefined ||
      plan.statements.length !== 1
    ) {
      this.#passThrough(unit, buf, start, end)
      return null
    }
    const pending = newPendingMessage(unit)
    unit.statements = [s]
    if (portal.run !== null) {
      // The next batch of a portal read in batches: same query, same run.
      unit.runs = [portal.run]
      unit.rowsBefore = portal.rows
      if (s.usesWlm) this.#parts.gates.wantSlot(pending)
    } else {
      this.#prepareExecute(pending, portal.prepared!, s)
    }
    return pending
  }

  #prepareExecute(
    pending: PendingMessage,
    prepared: PreparedStatement,
    s: PlannedStatement,
  ): void {
    const { transaction: tx, effects, runs, gates } = this.#parts
    const unit = pending.unit
    if (
      s.action?.kind !== 'fault' &&
      effects.faultRefused(pending, prepared.text, s.original)
    ) {
      return
    }
    if (s.notInBlock !== undefined && tx.status !== 'I') {
      effects.refuseWithRun(pending, s.original, s.notInBlock)
      return
    }
    const snapshotError = this.#parts.prepared.check(s) ?? tx.beforeStatement(s)
    if (snapshotError !== undefined) {
      effects.refuseWithRun(pending, s.original, snapshotError)
      return
    }
    effects.releaseBefore(pending, s)
    effects.awaitTableIds(pending)
    const xidBefore = tx.xid
    if (
      s.action !== undefined ||
      s.transaction !== undefined ||
      s.table !== undefined
    ) {
      // SET / BEGIN / COMMIT / CANCEL take effect when executed, not when parsed.
      effects.render(s, unit, pending)
    }
    unit.runs = [runs.create(s.original, tx.runXid(s, xidBefore), s)]
    if (s.usesWlm) gates.wantSlot(pending)
  }

  /** A Close message (of a statement or a portal). */
  close(buf: Buffer, start: number): void {
    const kind = buf[start + 5]
    const name = buf.toString('utf8', start + 6, buf.indexOf(0, start + 6))
    if (kind === 0x50 /* P */) {
      const portal = this.#portals.get(name)
      if (portal?.run) this.finishPortal(portal)
      this.#portals.delete(name)
    } else {
      this.#statements.delete(name)
      this.#freshReads.delete(name)
    }
    this.#parts.queue.push(new Unit(UnitKind.Close))
  }

  /**
   * Runs a statement of the emulator's own through the extended protocol
   * (a named statement and portal, so the client's unnamed ones survive),
   * its answers hidden from the client.
   */
  hiddenStatement(text: string): void {
    const { toBackend, queue } = this.#parts
    const name = HIDDEN
    toBackend.push(Buffer.from(serialize.parse({ name, text })))
    toBackend.push(
      Buffer.from(serialize.bind({ portal: name, statement: name })),
    )
    toBackend.push(Buffer.from(serialize.execute({ portal: name })))
    toBackend.push(Buffer.from(serialize.close({ type: 'S', name })))
    for (const kind of [
      UnitKind.Parse,
      UnitKind.Bind,
      UnitKind.Execute,
      UnitKind.Close,
    ]) {
      const unit = new Unit(kind)
      unit.hidden = true
      queue.push(unit)
    }
  }

  /** A portal read in batches stopped early: its run ends with the rows so far. */
  finishPortal(portal: Portal): void {
    const run = portal.run
    if (run !== null) {
      this.#parts.runs.finish(run, 'done', portal.rows)
      portal.run = null
    }
  }

  /** Ends the runs of all portals still read in batches (transaction over, connection closed). */
  finishPortals(): void {
    for (const portal of this.#portals.values())
      if (portal.run) this.finishPortal(portal)
  }

  /** A portal read in batches was suspended: the run goes on with the next Execute. */
  suspend(unit: Unit, rows: number): void {
    const run = unit.runs?.[0]
    const portal =
      unit.portal !== undefined ? this.#portals.get(unit.portal) : undefined
    if (run !== undefined && run !== null && portal !== undefined) {
      portal.run = run
      portal.rows = unit.rowsBefore + rows
    }
  }

  /** The unit's run ended (completed or failed): its portal no longer carries it. */
  detachRun(unit: Unit, run: QueryRun): void {
    if (unit.portal === undefined) return
    const portal = this.#portals.get(unit.portal)
    if (portal?.run === run) portal.run = null
  }

  #passThrough(unit: Unit, buf: Buffer, start: number, end: number): void {
    this.#parts.queue.push(unit)
    this.#parts.toBackend.pass(buf, start, end)
  }
}
