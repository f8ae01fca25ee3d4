import { reject } from '../errors/reject.js'
import type { ErrorFields } from '../protocol/error-fields.js'
import { escapeBackslashLiterals } from '../sql/backslash-literals.js'
import { significant, tokenize, wordOf } from '../sql/lexer.js'

/**
 * What Redshift refuses about UNLOAD's inner query before running it: it
 * must be one SELECT (`WITH ... SELECT` and a parenthesized SELECT count),
 * and its outer SELECT may not carry a LIMIT (r_UNLOAD, "Limit clause"): a
 * LIMIT nested in a subquery is fine. Read on the emulator's own tokens, so
 * a `limit` inside a literal, a quoted name or a comment counts for nothing.
 * Returns `undefined` when the query may run.
 *
 * @example
 * ```ts
 * checkOuterSelect('select * from venue limit 10')?.code // '0A000'
 * checkOuterSelect('select * from venue where id in (select id from venue limit 10)') // undefined
 * ```
 */
export function checkOuterSelect(query: string): ErrorFields | undefined {
  const text = escapeBackslashLiterals(query) ?? query
  const tokens = significant(tokenize(text))
  if (tokens.at(-1)?.kind === 'semicolon') tokens.pop()
  const first = tokens.find((token) => token.kind !== 'open')
  const firstWord = wordOf(text, first)
  if (firstWord !== 'select' && firstWord !== 'with') {
    return reject.other(
      '0A000',
      'UNLOAD supports only a SELECT query',
      undefined,
      "write UNLOAD ('select ...') TO 's3://...'",
    )
  }
  let depth = 0
  for (const token of tokens) {
    if (token.kind === 'open') depth++
    else if (token.kind === 'close') depth--
    else if (token.kind === 'semicolon' && depth === 0) {
      return reject.other(
        '42601',
        'UNLOAD takes one SELECT query, not several statements',
      )
    } else if (depth === 0 && wordOf(text, token) === 'limit') {
      return reject.other(
        '0A000',
        'Limit clause is not supported in the outer select of an UNLOAD query',
        undefined,
        'nest it: select * from t where id in (select id from t order by id limit 10)',
      )
    }
  }
  return undefined
}
