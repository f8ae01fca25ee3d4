import { serialize } from 'pg-protocol'

import type { QueryRun } from '../runtime/query-run.js'
import type { PlannedStatement, StatementPlan } from '../sql/statement-plan.js'
import { columnTypedPlan } from './column-typed-plan.js'
import { newPendingMessage, type PendingMessage } from './pending-message.js'
import type { SessionParts } from './session-parts.js'
import { Unit, UnitKind } from './unit.js'

/**
 * The simple protocol: plans a Query message (one or more statements),
 * creates a run per statement, and decides what PostgreSQL gets instead when
 * the text must change or the message is refused.
 *
 * @example
 * ```ts
 * const pending = simple.prepare(buf, start, end)
 * ```
 */
export class SimpleQuery {
  readonly #parts: SessionParts

  constructor(parts: SessionParts) {
    this.#parts = parts
  }

  /**
   * A Query message (`buf[start]` is its type byte) made ready to pass its
   * gates, or the lookup of column types to wait for before it is planned
   * (`waited`: it waited once already).
   */
  prepare(
    buf: Buffer,
    start: number,
    end: number,
    waited = false,
  ): PendingMessage | Promise<void> {
    const parts = this.#parts
    const text = buf.toString('utf8', start + 5, end - 1)
    const fold = parts.folding.enabled
    const plan = columnTypedPlan(
      parts.runtime,
      parts.transaction,
      parts.runtime.planner.plan(text, fold),
      text,
      fold,
      waited,
    )
    if (plan instanceof Promise) return plan
    const unit = new Unit(UnitKind.Query)
    const pending = newPendingMessage(unit)
    unit.statements = plan.statements
    if (plan.reject) {
      parts.effects.refuseWithRun(pending, text.trim(), plan.reject)
      return pending
    }
    const statements = plan.statements
    if (
      statements.length > 0 &&
      statements[0]!.action?.kind !== 'fault' &&
      parts.effects.faultRefused(pending, text, text.trim())
    ) {
      return pending
    }
    if (!plan.dynamic) {
      // The common case: nothing depends on the session; one run per statement.
      for (const s of statements) {
        const error =
          parts.prepared.check(s) ?? parts.transaction.beforeStatement(s)
        if (error !== undefined) {
          parts.effects.refuseWithRun(pending, text.trim(), error)
          return pending
        }
      }
      const deadlock = parts.effects.lockWrites(pending, statements)
      if (deadlock !== undefined) {
        parts.effects.refuseWithRun(pending, text.trim(), deadlock)
        return pending
      }
      const runs: QueryRun[] = []
      for (const s of statements) {
        runs.push(
          parts.runs.create(s.original, parts.transaction.statementXid(s), s),
        )
      }
      unit.runs = runs
      if (!plan.unchanged)
        pending.replacement = Buffer.from(serialize.query(plan.text))
    } else if (!this.#render(pending, text, statements)) {
      return pending
    }
    this.#gateFlags(pending, plan)
    return pending
  }

  /**
   * Statements whose text or effect depends on the session: rendered one by
   * one. False when one of them refuses the whole message.
   */
  #render(
    pending: PendingMessage,
    text: string,
    statements: readonly PlannedStatement[],
  ): boolean {
    const { transaction: tx, settings, runs, effects } = this.#parts
    const unit = pending.unit
    const deadlock = effects.lockWrites(pending, statements)
    if (deadlock !== undefined) {
      unit.statements = statements
      effects.refuseWithRun(pending, text.trim(), deadlock)
      return false
    }
    const mark = tx.mark()
    tx.messageStarted()
    const savedSettings = settings.save()
    const rendered: (QueryRun | null)[] = []
    const renderedStatements: PlannedStatement[] = []
    const texts: string[] = []
    for (const s of statements) {
      if (s.notInBlock !== undefined && tx.status !== 'I') {
        // Nothing of the message runs: undo what earlier statements predicted.
        tx.restore(mark)
        settings.restore(savedSettings)
        unit.statements = statements
        effects.refuseWithRun(pending, text.trim(), s.notInBlock)
        return false
      }
      if (s.commitsFirst && tx.status === 'T') {
        // TRUNCATE commits the open transaction first, as on Redshift.
        texts.push('COMMIT')
        rendered.push(null)
        renderedStatements.push(s)
        tx.end(true)
      }
      const snapshotError =
        this.#parts.prepared.check(s) ?? tx.beforeStatement(s)
      if (snapshotError !== undefined) {
        tx.restore(mark)
        settings.restore(savedSettings)
        unit.statements = statements
        effects.refuseWithRun(pending, text.trim(), snapshotError)
        return false
      }
      effects.releaseBefore(pending, s)
      const xidBefore = tx.xid
      texts.push(effects.render(s, unit, pending))
      rendered.push(runs.create(s.original, tx.runXid(s, xidBefore), s))
      renderedStatements.push(s)
      for (const after of s.after ?? []) {
        texts.push(after)
        rendered.push(null)
        renderedStatements.push(s)
      }
      if (s.afterInBlock !== undefined && tx.status !== 'I')
        for (const after of s.afterInBlock) {
          texts.push(after)
          rendered.push(null)
          renderedStatements.push(s)
        }
    }
    unit.runs = rendered
    unit.statements = renderedStatements
    pending.replacement = Buffer.from(serialize.query(texts.join(';\n')))
    return true
  }

  #gateFlags(pending: PendingMessage, plan: StatementPlan): void {
    this.#parts.effects.awaitTableIds(pending)
    pending.needsFlush = plan.readsSystemView
    if (plan.usesWlm) this.#parts.gates.wantSlot(pending)
  }
}
