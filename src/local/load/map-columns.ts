import { copyError, CopyLoadError } from './copy-errors.js'
import type { CopyPlan } from './copy-plan.js'
import { reject } from '../errors/reject.js'
import type { TargetColumn } from './target-column.js'

/**
 * The columns a COPY fills, in field order, checked as Redshift checks them:
 *
 * - with a column list, every name must be a column of the table, once;
 *   columns left out get their DEFAULT, and a NOT NULL column with no
 *   default cannot be left out;
 * - without one, every column except IDENTITY columns (whose values are
 *   generated), or every column with EXPLICIT_IDS;
 * - EXPLICIT_IDS and the IDENTITY columns of the list go together: an
 *   IDENTITY column in the list needs EXPLICIT_IDS, and EXPLICIT_IDS needs
 *   the IDENTITY columns in the list.
 *
 * Throws `CopyLoadError`.
 *
 * @example
 * ```ts
 * mapColumns(plan, columns, 'sales', 7).map((c) => c.name) // ['id', 'name']
 * ```
 */
export function mapColumns(
  plan: CopyPlan,
  columns: readonly TargetColumn[],
  tableName: string,
  query: number,
): TargetColumn[] {
  const explicitIds = plan.options.explicitIds
  const fail = (message: string): never => {
    throw new CopyLoadError(copyError.executor(message, 8001, query))
  }
  if (plan.columns === undefined) {
    const chosen = columns.filter((c) => explicitIds || !c.identity)
    if (explicitIds && !columns.some((c) => c.identity))
      fail(
        `EXPLICIT_IDS used on table "${tableName}", which has no IDENTITY column`,
      )
    return chosen
  }
  const byName = new Map(columns.map((c) => [c.name, c]))
  const chosen: TargetColumn[] = []
  const seen = new Set<string>()
  for (const name of plan.columns) {
    const column = byName.get(name)
    if (column === undefined)
      throw new CopyLoadError(
        reject.other(
          '42703',
          `column "${name}" of relation "${tableName}" does not exist`,
        ),
      )
    if (seen.has(name))
      throw new CopyLoadError(
        reject.other('42701', `column "${name}" specified more than once`),
      )
    seen.add(name)
    if (column.identity && !explicitIds)
      fail(`Cannot load the IDENTITY column "${name}" without EXPLICIT_IDS`)
    chosen.push(column)
  }
  for (const column of columns) {
    if (seen.has(column.name)) continue
    if (column.identity && explicitIds)
      fail(
        `EXPLICIT_IDS needs the IDENTITY column "${column.name}" in the column list`,
      )
    if (column.notNull && !column.hasDefault && !column.identity)
      fail(
        `Column "${column.name}" is NOT NULL without a default, and is not in the column list`,
      )
  }
  return chosen
}
