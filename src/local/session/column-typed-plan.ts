import type { RelationColumns } from '../sql/column-scopes.js'
import { withAddedColumns } from '../sql/created-columns.js'
import type { StatementPlan } from '../sql/statement-plan.js'
import type { SessionRuntime } from './session-runtime.js'
import type { TransactionState } from './transaction-state.js'

const EMPTY: ReadonlyMap<string, RelationColumns> = new Map()

/**
 * The plan a Query or Parse message runs with: `plan` itself, or, when its
 * DECIMAL expressions read table columns (`columnRelations`), `text`
 * planned again with the columns' catalog types in the session's database.
 * A promise while those types are being looked up: the message waits for it
 * and is offered again; `waited` says it already waited once, so a lookup
 * that failed leaves it with PostgreSQL's types rather than waiting again.
 * While the session's open block has changed columns, only the tables that
 * block created are typed, from their CREATE TABLE (`blockColumns`), and
 * the tables it only added columns to, from the catalog and the ADD COLUMNs
 * (`blockAdded`).
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
    Partial<Pick<TransactionState, 'blockColumns' | 'blockAdded'>>,
  plan: StatementPlan,
  text: string,
  fold: boolean,
  waited: boolean,
): StatementPlan | Promise<void> {
  const relations = plan.columnRelations
  const types = runtime.columnTypes
  if (relations === undefined || types === undefined) return plan
  if (!tx.columnTyping) {
    // The open block changed columns: only the tables it created (from
    // their DDL) and those it only added columns to (the committed columns,
    // then the added ones) are known; every other relation keeps
    // PostgreSQL's types.
    const block = tx.blockColumns ?? EMPTY
    const added = tx.blockAdded ?? EMPTY
    const committed = relations.filter((k) => !block.has(k) && added.has(k))
    if (committed.length === 0 && !relations.some((k) => block.has(k)))
      return plan
    if (committed.length > 0) {
      const lookup = types.note(tx.database, committed)
      if (lookup !== undefined && !waited) return lookup
    }
    return runtime.planner.plan(text, fold, {
      fold,
      columnsOf: (key) =>
        block.get(key) ??
        (added.has(key)
          ? withAddedColumns(types.columnsOf(tx.database, key), added.get(key)!)
          : undefined),
    })
  }
  const lookup = types.note(tx.database, relations)
  if (lookup !== undefined) return waited ? plan : lookup
  return types.typedPlan(tx.database, text, fold, runtime.planner)
}
