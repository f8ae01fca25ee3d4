import { significant, tokenize, wordOf } from './lexer.js'
import { applyEdits, type TextEdit } from './text-edits.js'
import { COMPUTING_STATEMENTS } from './computing-statements.js'

/** Statements without one of these never pay for a tokenisation. */
const TRIGGER =
  /\b(?:avg|sum|stddev(?:_samp|_pop)?|variance|var_(?:samp|pop))\s*\(/i

/** The aggregates answered by `redshift_local`'s of the same name. */
const RETYPED = new Set([
  'avg',
  'sum',
  'stddev',
  'stddev_samp',
  'stddev_pop',
  'variance',
  'var_samp',
  'var_pop',
])

/**
 * Calls of AVG and SUM become calls of the emulator's aggregates with
 * Redshift's result types (`redshift_local.avg`, `redshift_local.sum`; see
 * `redshift-aggregates.ts`): AVG of an integer column is a BIGINT, SUM of a
 * BIGINT a BIGINT, SUM of a REAL a DOUBLE PRECISION, STDDEV and VARIANCE
 * (and their _SAMP / _POP forms) DOUBLE PRECISION. A qualified name
 * (`pg_catalog.sum(...)`, `myschema.avg(...)`) is left alone. The result
 * column keeps its name (`avg`, `stddev` ...). Returns null when nothing changes.
 *
 * @example
 * ```ts
 * rewriteAggregates('select avg(qty) from sales', 'SelectStmt')
 * // 'select redshift_local.avg(qty) from sales'
 * ```
 */
export function rewriteAggregates(text: string, type: string): string | null {
  if (!COMPUTING_STATEMENTS.has(type) || !TRIGGER.test(text)) return null
  const tokens = significant(tokenize(text))
  const edits: TextEdit[] = []
  for (let i = 0; i < tokens.length - 1; i++) {
    const word = wordOf(text, tokens[i])
    if (!RETYPED.has(word)) continue
    if (tokens[i + 1]!.kind !== 'open') continue
    if (i > 0 && tokens[i - 1]!.kind === 'dot') continue
    const token = tokens[i]!
    edits.push({
      start: token.start,
      end: token.end,
      insert: `redshift_local.${word}`,
    })
  }
  return edits.length === 0 ? null : applyEdits(text, edits)
}
