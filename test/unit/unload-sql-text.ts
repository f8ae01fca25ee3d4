import { significant, tokenize } from '../../src/local/sql/lexer.js'

/**
 * Reads a string literal token the way Redshift does (backslash is an
 * escape, `''` is a quote) and fails on any escape the escaping module never
 * writes, so a test cannot pass on text that Redshift would read differently.
 *
 * ```ts
 * decodeLiteral("'it''s a \\\\ b'") // it's a \ b
 * ```
 */
export function decodeLiteral(token: string): string {
  if (token.length < 2 || !token.startsWith("'") || !token.endsWith("'")) {
    throw new Error(`not a plain string literal: ${token.slice(0, 40)}`)
  }
  const body = token.slice(1, -1)
  let out = ''
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!
    if (c === "'" || c === '\\') {
      if (body[i + 1] !== c) {
        throw new Error(
          `lone ${c} at ${i} of a literal: Redshift would read it differently`,
        )
      }
      i++
    }
    out += c
  }
  return out
}

/**
 * The inner query of a compiled UNLOAD: its first literal, decoded.
 *
 * ```ts
 * unloadText("UNLOAD ('select ''a''') TO 's3://b/p'") // select 'a'
 * ```
 */
export function unloadText(unloadSql: string): string {
  const tokens = significant(tokenize(unloadSql))
  const [unload, open, literal] = tokens
  if (
    unload?.kind !== 'word' ||
    unloadSql.slice(unload.start, unload.end) !== 'UNLOAD' ||
    open?.kind !== 'open' ||
    literal?.kind !== 'string'
  ) {
    throw new Error(`not an UNLOAD statement: ${unloadSql.slice(0, 60)}`)
  }
  return decodeLiteral(unloadSql.slice(literal.start, literal.end))
}
