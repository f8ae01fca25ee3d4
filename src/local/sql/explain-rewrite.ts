import { reject } from '../errors/reject.js'
import type { ErrorFields } from '../protocol/error-fields.js'
import { significant, tokenize, wordOf } from './lexer.js'
import { quoteLiteral } from './quote.js'

/**
 * Turns `EXPLAIN <query>` (the text PostgreSQL would run, after every other
 * rewrite) into a call of `redshift_local.explain_plan`, which runs
 * PostgreSQL's `EXPLAIN (FORMAT JSON)` of the query in the client's own
 * session and renders it the way Redshift prints plans (XN operators,
 * DS_* distribution steps, Redshift's warnings), one `QUERY PLAN` row per
 * line (see `catalog/explain-plan.ts`).
 *
 * EXPLAIN VERBOSE prints Redshift's internal plan tree, which the emulator
 * cannot build from PostgreSQL's: it stays PostgreSQL's own VERBOSE text
 * (null: the statement is left as it is). A query with bind parameters,
 * whose values the rendering function cannot see, is refused.
 *
 * @example
 * ```ts
 * rewriteExplain('explain select * from sales', false)
 * // { text: `SELECT p AS "QUERY PLAN" FROM redshift_local.explain_plan('select * from sales') AS p` }
 * ```
 */
export function rewriteExplain(
  text: string,
  verbose: boolean,
): { readonly text: string } | ErrorFields | null {
  if (verbose) return null
  const tokens = significant(tokenize(text))
  const head = tokens[0]
  if (head === undefined || wordOf(text, head) !== 'explain') {
    return reject.other(
      'XX000',
      'EXPLAIN expected at the start of the statement',
    )
  }
  if (tokens.some((t) => t.kind === 'param')) {
    return reject.unsupported(
      'EXPLAIN of a query with bind parameters in the local emulator',
      'inline the values in the query you explain',
    )
  }
  let inner = text.slice(head.end).trim()
  while (inner.endsWith(';')) inner = inner.slice(0, -1).trimEnd()
  return {
    text: `SELECT p AS "QUERY PLAN" FROM redshift_local.explain_plan(${quoteLiteral(inner)}) AS p`,
  }
}
