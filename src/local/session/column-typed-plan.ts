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
 * While the session's open block has changed columns, only the tables that
 * block created are typed, from their CREATE TABLE (`blockColumns`).
 *
 * @example
 * ```ts
 * const typed = columnTypedPlan(runtime, tx, plan, text, fold, false)
 * if (typed instanceof Promise) hold(typed)
 * ```
 */
export function columnTypedPlan(
  runtime: Pick<SessionRuntime, 'planner' | 'columnTypes'>,
  tx: Pick<TransactionState, 'database' | 'columnTyping'> &
    Partial<Pick<TransactionState, 'blockColumns'>>,
  plan: StatementPlan,
  text: string,
  fold: boolean,
  waited: boolean,
): StatementPlan | Promise<void> {
  const relations = plan.columnRelations
  const types = runtime.columnTypes
  if (relations === undefined || types === undefined) return plan
  if (!tx.columnTyping) {
    // The open block changed columns: only the tables it created are known
    // (from their DDL); every other relation keeps PostgreSQL's types.
    const block = tx.blockColumns
    if (block === undefined || !relations.some((key) => block.has(key)))
      return plan
    return runtime.planner.plan(text, fold, {
      fold,
      columnsOf: (key) => block.get(key),
    })
  }
  const lookup = types.note(tx.database, relations)
  if (lookup !== undefined) return waited ? plan : lookup
  return types.typedPlan(tx.database, text, fold, runtime.planner)
}
