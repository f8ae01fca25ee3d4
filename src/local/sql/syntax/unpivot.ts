import { reject } from '../../errors/reject.js'
import type { ErrorFields } from '../../protocol/error-fields.js'
import { quoteIdentifier, quoteLiteral } from '../quote.js'
import { identifierName } from '../rewrite-tokens.js'
import type { TextEdit } from '../text-edits.js'
import { inputColumns, relationBefore } from './relation-input.js'
import {
  type SyntaxContext,
  type SyntaxResult,
  type SyntaxTokens,
  relationAlias,
} from './syntax-tokens.js'

/**
 * `relation UNPIVOT [INCLUDE NULLS | EXCLUDE NULLS] ( value FOR name IN (column [AS alias], ...) ) [alias]`
 * (https://docs.aws.amazon.com/redshift/latest/dg/r_FROM_clause-pivot-unpivot-examples.html):
 * one row per input row and IN column, the input's other columns first, then
 * the name column (VARCHAR: the alias, or the column's name) and the value
 * column (the IN columns' common type). NULL values yield no row unless
 * INCLUDE NULLS. The rewrite is a UNION ALL with one input per IN column,
 * in the IN list's order.
 *
 * UNPIVOT over a SUPER value (`UNPIVOT expr AS v AT a`, no bracket) is not
 * this form and is left alone. The other columns are read as PIVOT reads
 * them (a table's or view's from the catalog).
 *
 * @example
 * ```ts
 * rewriteUnpivot(new SyntaxTokens('select * from (select red, green from c) unpivot (cnt for color in (red, green))'))
 * ```
 */
export function rewriteUnpivot(
  s: SyntaxTokens,
  context: SyntaxContext,
): SyntaxResult {
  const edits: TextEdit[] = []
  let pending: { error: ErrorFields; needs: string[] } | undefined
  for (let u = 0; u < s.length; u++) {
    if (s.word(u) !== 'UNPIVOT') continue
    let open = u + 1
    let includeNulls = false
    const mode = s.word(open)
    if (
      (mode === 'INCLUDE' || mode === 'EXCLUDE') &&
      s.word(open + 1) === 'NULLS'
    ) {
      includeNulls = mode === 'INCLUDE'
      open += 2
    } else if (!s.is(open, '(')) continue
    if (!s.is(open, '(')) return { error: s.syntaxError(open) }
    const close = s.partner(open)
    if (close < 0) return { error: s.syntaxError(open) }
    const input = relationBefore(s, u)
    if (input === null) return { error: s.syntaxError(u) }
    const value = s.tokens[open + 1]
    const name = s.tokens[open + 3]
    if (
      (value?.kind !== 'word' && value?.kind !== 'quoted') ||
      s.word(open + 2) !== 'FOR' ||
      (name?.kind !== 'word' && name?.kind !== 'quoted') ||
      s.word(open + 4) !== 'IN' ||
      !s.is(open + 5, '(') ||
      s.partner(open + 5) !== close - 1
    )
      return { error: s.syntaxError(open + 1) }
    const items: { column: string; label: string }[] = []
    for (const [from, to] of s.split(open + 6, close - 1)) {
      const column = s.tokens[from]
      if (
        (column?.kind !== 'word' && column?.kind !== 'quoted') ||
        s.is(from + 1, '(') ||
        s.is(from + 1, '.')
      )
        return {
          error: reject.other(
            '0A000',
            'UNPIVOT IN list must contain only input table column references',
          ),
        }
      let label = identifierName(column)
      let at = from + 1
      if (s.word(at) === 'AS') at += 1
      if (at < to) {
        const alias = s.tokens[at]!
        if (at + 1 !== to) return { error: s.syntaxError(at + 1) }
        if (alias.kind === 'string' && alias.text.startsWith("'"))
          label = alias.text.slice(1, -1).replace(/''/g, "'")
        else if (alias.kind === 'word' || alias.kind === 'quoted')
          label = identifierName(alias)
        else return { error: s.syntaxError(at) }
      }
      items.push({ column: identifierName(column), label })
    }
    if (items.length === 0) return { error: s.syntaxError(close - 1) }
    const columns = inputColumns(s, input, context, 'UNPIVOT')
    if ('needs' in columns) {
      pending ??= { error: columns.error, needs: [] }
      pending.needs.push(...columns.needs!)
      u = close
      continue
    }
    if ('error' in columns) return pending ?? { error: columns.error }
    const folded = (n: string) => (context.fold ? n.toLowerCase() : n)
    for (const item of items) {
      if (!columns.includes(folded(item.column)))
        return {
          error: reject.other(
            '42703',
            `column "${item.column}" does not exist`,
          ),
        }
    }
    const unpivoted = new Set(items.map((i) => folded(i.column)))
    const others = columns.filter((c) => !unpivoted.has(c)).map(quoteIdentifier)
    const valueName = quoteIdentifier(identifierName(value))
    const nameName = quoteIdentifier(identifierName(name))
    const branches = items.map((item) => {
      const column = quoteIdentifier(item.column)
      return (
        `SELECT ${[...others, `${quoteLiteral(item.label)}::varchar AS ${nameName}`, `${column} AS ${valueName}`].join(', ')}` +
        ` FROM ${input.text} AS "__unpivot_input"${includeNulls ? '' : ` WHERE ${column} IS NOT NULL`}`
      )
    })
    const { alias, after } = relationAlias(s, close)
    edits.push(
      s.replace(input.from, after, `(${branches.join(' UNION ALL ')})${alias}`),
    )
    u = close
  }
  return pending ?? { edits }
}
