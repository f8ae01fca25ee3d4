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
 * cannot build from PostgreSQL's: it stays PostgreSQL's own VERBOSE text,
 * through `redshift_local.explain_verbose`, which first refuses it where
 * plain EXPLAIN is refused (a relation row-level security filters for a user
 * without EXPLAIN RLS: the plan would show the policies' predicates). A
 * query with bind parameters, whose values the functions cannot see, is
 * refused.
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
): { readonly text: string } | ErrorFields {
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
  if (!verbose) {
    return {
      text: `SELECT p AS "QUERY PLAN" FROM redshift_local.explain_plan(${quoteLiteral(withoutSemicolons(text.slice(head.end)))}) AS p`,
    }
  }
  // `EXPLAIN VERBOSE q` or `EXPLAIN (VERBOSE ...) q`: the query follows the options.
  let end = tokens[1]?.end ?? head.end
  if (tokens[1] !== undefined && text.slice(tokens[1].start, end) === '(') {
    let depth = 0
    for (const t of tokens.slice(1)) {
      const token = text.slice(t.start, t.end)
      if (token === '(') depth++
      else if (token === ')' && --depth === 0) {
        end = t.end
        break
      }
    }
  }
  const statement = quoteLiteral(withoutSemicolons(text))
  const query = quoteLiteral(withoutSemicolons(text.slice(end)))
  return {
    text: `SELECT p AS "QUERY PLAN" FROM redshift_local.explain_verbose(${statement}, ${query}) AS p`,
  }
}

function withoutSemicolons(text: string): string {
  let out = text.trim()
  while (out.endsWith(';')) out = out.slice(0, -1).trimEnd()
  return out
}
