import { significant, tokenize, wordOf, type Token } from './lexer.js'
import { nodeType, parseOneStatement, type PgNode } from './parse-tree.js'
import { quoteIdentifier, quoteLiteral } from './quote.js'

/** Only a CREATE TABLE AS naming a set operation pays for the token walk. */
const TRIGGER = /\b(?:union|intersect|except)\b/i

const SET_OPERATORS = new Set(['union', 'intersect', 'except'])
const TRAILING_CLAUSES = new Set(['order', 'limit', 'offset', 'fetch'])

/**
 * The statement that gives the DECIMAL columns of a CREATE TABLE AS over a
 * set operation Redshift's promoted type, run right after it (the same
 * transaction), or null. Redshift makes `create table dec3 as select * from
 * dec1 union select * from dec2` (DECIMAL(7,2) and DECIMAL(15,3) columns) a
 * NUMERIC(15,3) column
 * (https://docs.aws.amazon.com/redshift/latest/dg/r_numeric_computations201.html);
 * PostgreSQL, whose inputs' types differ, makes it a bare `numeric`. The
 * input columns' types are only in the catalog, so
 * `redshift_local.retype_set_operation` reads them in PostgreSQL: it
 * describes each input SELECT (as a temporary view, at once dropped) and
 * widens each column whose inputs are all DECIMALs, which pads the values to
 * the promoted scale and loses nothing. The inputs are the top-level
 * operands of the query's UNION / INTERSECT / EXCEPT; a query with a WITH
 * clause is left alone (its inputs name the WITH queries).
 *
 * @example
 * ```ts
 * setOperationColumnsSql('create table d as select a from x union select b from y', 'CreateTableAsStmt')
 * // "select redshift_local.retype_set_operation('d', array['select a from x', 'select b from y'])"
 * ```
 */
export function setOperationColumnsSql(
  text: string,
  type: string,
): string | null {
  if (type !== 'CreateTableAsStmt' || !TRIGGER.test(text)) return null
  const tree = parseOneStatement(text)
  if (tree === undefined) return null
  const ctas = nodeType(tree)
  if (ctas?.[0] !== 'CreateTableAsStmt') return null
  const query = nodeType(ctas[1]['query'])?.[1]
  if (query === undefined || query['withClause'] !== undefined) return null
  if (query['op'] === undefined || query['op'] === 'SETOP_NONE') return null
  const rel = (ctas[1]['into'] as PgNode | undefined)?.['rel'] as
    PgNode | undefined
  if (typeof rel?.['relname'] !== 'string') return null
  const leaves = inputs(text, significant(tokenize(text)))
  if (leaves === null || leaves.length < 2) return null
  const table =
    typeof rel['schemaname'] === 'string'
      ? `${quoteIdentifier(rel['schemaname'])}.${quoteIdentifier(rel['relname'])}`
      : quoteIdentifier(rel['relname'])
  return `select redshift_local.retype_set_operation(${quoteLiteral(table)}, array[${leaves
    .map(quoteLiteral)
    .join(', ')}]::text[])`
}

/** The texts of the query's top-level set-operation inputs, or null. */
function inputs(text: string, tokens: readonly Token[]): string[] | null {
  let depth = 0
  let start = -1
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!
    if (token.kind === 'open') depth++
    else if (token.kind === 'close') depth--
    else if (depth === 0 && wordOf(text, token) === 'as') {
      start = i + 1
      break
    }
  }
  if (start < 0) return null
  const out: string[] = []
  let from = start
  depth = 0
  for (let i = start; i < tokens.length; i++) {
    const token = tokens[i]!
    if (token.kind === 'open') depth++
    else if (token.kind === 'close') depth--
    if (depth !== 0 || token.kind !== 'word') continue
    const word = wordOf(text, token)
    if (SET_OPERATORS.has(word)) {
      out.push(text.slice(tokens[from]!.start, tokens[i - 1]!.end))
      const next = wordOf(text, tokens[i + 1])
      from = next === 'all' || next === 'distinct' ? i + 2 : i + 1
    } else if (TRAILING_CLAUSES.has(word) && out.length > 0) {
      out.push(text.slice(tokens[from]!.start, tokens[i - 1]!.end))
      return out
    }
  }
  const last = tokens[tokens.length - 1]
  if (last === undefined || from >= tokens.length) return null
  out.push(text.slice(tokens[from]!.start, last.end))
  return out
}
