import { significant, tokenize, wordOf } from './lexer.js'
import { commandEnd } from './procedure-truncate.js'

/** What a dynamic query's text is judged by before it runs. */
const CHECK = 'redshift_local.dynamic_sql'

/** The words that end a loop's or a cursor's dynamic query (or its `;`). */
const QUERY_ENDS: ReadonlySet<string> = new Set(['using', 'loop'])

/**
 * A procedure's `FOR rec IN EXECUTE text LOOP` and `OPEN cursor FOR EXECUTE
 * text` run a dynamic query as EXECUTE does, so their text is judged the
 * same way when it runs: it names no internal schema and sets no
 * PostgreSQL-only parameter (`redshift_local.dynamic_sql`, which the
 * statement-level EXECUTE already goes through). A text that already goes
 * through an internal function (the NONATOMIC rewrite wraps its own) is
 * left alone. Returns the new body, or the body as it was.
 *
 * @example
 * ```ts
 * checkLoopQueries("begin for r in execute q loop end loop; end")
 * // "begin for r in execute redshift_local.dynamic_sql(q) loop end loop; end"
 * ```
 */
export function checkLoopQueries(body: string): string {
  const tokens = significant(tokenize(body))
  let out = ''
  let at = 0
  for (let i = 1; i < tokens.length - 1; i++) {
    if (wordOf(body, tokens[i]) !== 'execute') continue
    const before = wordOf(body, tokens[i - 1])
    if (before !== 'in' && before !== 'for') continue
    const first = tokens[i + 1]!
    if (wordOf(body, first).startsWith('redshift_local')) continue
    const end = commandEnd(body, tokens, i + 1, QUERY_ENDS)
    if (end === undefined || end.start === first.start) continue
    out += `${body.slice(at, first.start)}${CHECK}(${body.slice(first.start, end.start).trimEnd()}) `
    at = end.start
  }
  return at === 0 ? body : out + body.slice(at)
}
