import type { ErrorFields } from '../../protocol/error-fields.js'
import type { ColumnSource } from '../column-scopes.js'
import { applyEdits } from '../text-edits.js'
import { rewriteConnectBy } from './connect-by.js'
import {
  rewriteDeleteFrom,
  rewriteGroupByAll,
  rewriteGroupingId,
} from './dml-forms.js'
import { rewriteLateralAliases } from './lateral-alias.js'
import { rewriteOuterJoinOperator } from './outer-join-operator.js'
import { rewriteNullTreatment } from './null-treatment.js'
import { rewritePivot } from './pivot.js'
import { rewriteQualify } from './qualify.js'
import {
  SyntaxTokens,
  type SyntaxContext,
  type SyntaxResult,
} from './syntax-tokens.js'
import { rewriteUnpivot } from './unpivot.js'
import { rewriteWindowAggregates } from './window-aggregates.js'
import { rewriteFrameShorthand } from './window-frames.js'

// Any statement without one of these words is returned untouched without
// being tokenised: this runs on every statement the planner has not cached.
const TRIGGERS =
  /qualify|pivot|connect|nulls|following|ratio_to_report|percentile_(?:cont|disc)|ntile|rank|median|listagg|\(\s*\+\s*\)|\bas\b|delete|group\s+by\s+all|grouping_id/i

interface SyntaxRewrite {
  /** Cheap test on the text before this rewrite tokenises it. */
  readonly trigger: RegExp
  readonly rewrite: (
    tokens: SyntaxTokens,
    context: SyntaxContext,
  ) => SyntaxResult
  /** Rewrites one query block per call: run again until it changes nothing. */
  readonly repeat?: boolean
}

/** Most query blocks one statement may rewrite with a repeating rewrite. */
const MAX_BLOCKS = 32

// In order: the window forms first, so that the clauses that move a
// condition (QUALIFY) move it already translated.
const REWRITES: readonly SyntaxRewrite[] = [
  { trigger: /delete/i, rewrite: rewriteDeleteFrom },
  { trigger: /grouping_id/i, rewrite: rewriteGroupingId },
  { trigger: /group\s+by\s+all/i, rewrite: rewriteGroupByAll },
  { trigger: /nulls/i, rewrite: rewriteNullTreatment },
  {
    trigger:
      /ratio_to_report|percentile_(?:cont|disc)|ntile|rank|median|listagg/i,
    rewrite: rewriteWindowAggregates,
  },
  { trigger: /following/i, rewrite: rewriteFrameShorthand },
  { trigger: /qualify/i, rewrite: rewriteQualify },
  { trigger: /unpivot/i, rewrite: rewriteUnpivot },
  { trigger: /pivot/i, rewrite: rewritePivot },
  { trigger: /connect/i, rewrite: rewriteConnectBy },
  { trigger: /\(\s*\+\s*\)/, rewrite: rewriteOuterJoinOperator, repeat: true },
  // Last: the aliases' expressions are then in their final form.
  { trigger: /\bas\b/i, rewrite: rewriteLateralAliases },
]

/**
 * Turns Redshift query syntax that PostgreSQL's grammar lacks (QUALIFY,
 * PIVOT / UNPIVOT, CONNECT BY, `(+)` outer joins, IGNORE / RESPECT NULLS,
 * RATIO_TO_REPORT, PERCENTILE_* and APPROXIMATE PERCENTILE_DISC as window
 * functions, the types of NTILE, RANK and DENSE_RANK, `ROWS n FOLLOWING`)
 * into PostgreSQL with the same semantics, before the statement is
 * parsed and checked. Returns null when the statement uses none of it, the
 * new text, or the refusal Redshift (or, where the emulator cannot be exact,
 * the emulator) gives. PIVOT and UNPIVOT over a table read its columns from
 * `columns` (the catalog); without them the refusal names the relations to
 * read (`needs`) and the statement is planned again once they are known;
 * lateral aliases in a grouped select list run as written until then
 * (`relations`: the ones to read).
 * The output keeps to forms the strictness policy accepts, so the user's
 * own SQL around it is still checked as written.
 *
 * @example
 * ```ts
 * rewriteRedshiftSyntax('select * from t x qualify row_number() over (order by a) = 1', true)
 * // { text: 'select * from t x ORDER BY redshift_local.qualify(row_number() over (order by a) = 1)' }
 * rewriteRedshiftSyntax('select 1', true) // null
 * ```
 */
export function rewriteRedshiftSyntax(
  text: string,
  fold: boolean,
  columns?: ColumnSource,
):
  | { readonly text: string; readonly relations?: readonly string[] }
  | { readonly error: ErrorFields; readonly needs?: readonly string[] }
  | null {
  if (!TRIGGERS.test(text)) return null
  const context: SyntaxContext = { fold, columns, asked: new Set() }
  let current = text
  // Relations a rewrite needs read first: the later rewrites still run, so
  // that one lookup gathers every relation the statement needs.
  let pending: { error: ErrorFields; needs: string[] } | undefined
  for (const { trigger, rewrite, repeat } of REWRITES) {
    for (let round = 0; round < (repeat ? MAX_BLOCKS : 1); round++) {
      if (!trigger.test(current)) break
      const result = rewrite(new SyntaxTokens(current), context)
      if ('needs' in result) {
        pending ??= { error: result.error, needs: [] }
        pending.needs.push(...result.needs)
        break
      }
      if ('error' in result) return pending ?? result
      if (result.edits.length === 0) break
      current = applyEdits(current, result.edits)
    }
  }
  if (pending !== undefined) return pending
  const relations =
    context.asked.size > 0 ? { relations: [...context.asked] } : {}
  return current === text && context.asked.size === 0
    ? null
    : { text: current, ...relations }
}
