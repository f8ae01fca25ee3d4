import type { ErrorFields } from '../../protocol/error-fields.js'
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
import { SyntaxTokens, type SyntaxResult } from './syntax-tokens.js'
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
  readonly rewrite: (tokens: SyntaxTokens) => SyntaxResult
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
 * the emulator) gives. The output keeps to forms the strictness policy
 * accepts, so the user's own SQL around it is still checked as written.
 *
 * @example
 * ```ts
 * rewriteRedshiftSyntax('select * from t x qualify row_number() over (order by a) = 1')
 * // { text: 'select * from t x ORDER BY redshift_local.qualify(row_number() over (order by a) = 1)' }
 * rewriteRedshiftSyntax('select 1') // null
 * ```
 */
export function rewriteRedshiftSyntax(
  text: string,
): { readonly text: string } | { readonly error: ErrorFields } | null {
  if (!TRIGGERS.test(text)) return null
  let current = text
  for (const { trigger, rewrite, repeat } of REWRITES) {
    for (let round = 0; round < (repeat ? MAX_BLOCKS : 1); round++) {
      if (!trigger.test(current)) break
      const result = rewrite(new SyntaxTokens(current))
      if ('error' in result) return result
      if (result.edits.length === 0) break
      current = applyEdits(current, result.edits)
    }
  }
  return current === text ? null : { text: current }
}
