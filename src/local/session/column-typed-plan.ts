import type { StatementPlan } from '../sql/statement-plan.js'
import type { SessionRuntime } from './session-runtime.js'
import type { TransactionState } from './transaction-state.js'

/**
 * The plan a Query or Parse message runs with: `plan` itself, or, when its
 * DECIMAL expressions read table columns (`columnRelations`), `text`
 * planned again with the columns' catalog types in the session's database.
 * A promise while those types are being looked up: the message waits for it
 * and is offered again; `waited` says it already waited once, so a lookup
 * that failed leaves it with PostgreSQL's types rather than waiting again.
 *
 * @example
 * ```ts
 * const typed = columnTypedPlan(runtime, tx, plan, text, fold, false)
 * if (typed instanceof Promise) hold(typed)
 * ```
 */
export function columnTypedPlan(
  runtime: Pick<SessionRuntime, 'planner' | 'columnTypes'>,
  tx: Pick<TransactionState, 'database' | 'columnTyping'>,
  plan: StatementPlan,
  text: string,
  fold: boolean,
  waited: boolean,
): StatementPlan | Promise<void> {
  const relations = plan.columnRelations
  const types = runtime.columnTypes
  if (relations === undefined || types === undefined || !tx.columnTyping) {
    return plan
  }
  const lookup = types.note(tx.database, relations)
  if (lookup !== undefined) return waited ? plan : lookup
  return types.typedPlan(tx.database, text, fold, runtime.planner)
}
