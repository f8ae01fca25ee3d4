import type { DdlCursor } from './ddl-cursor.js'
import { quoteLiteral } from './quote.js'
import { identifierName } from './rewrite-tokens.js'

/**
 * `COMMENT ON DATABASE name IS 'text' | NULL`, with `c.pos` on COMMENT: the
 * call that comments on the connected database only, and warns for any
 * other name (r_COMMENT.html; see `catalog/database-comments.ts`). The
 * literal is passed on as written, so the session reads it as it would
 * have read the COMMENT. Null for any other statement.
 *
 * @example
 * ```ts
 * const c = new DdlCursor("comment on database dev is 'main'", true)
 * rewriteCommentOnDatabase(c) // "CALL redshift_local.comment_on_database('dev', 'main')"
 * ```
 */
export function rewriteCommentOnDatabase(c: DdlCursor): string | null {
  if (!c.accept('COMMENT', 'ON', 'DATABASE')) return null
  const name = c.token()
  if (name?.kind !== 'word' && name?.kind !== 'quoted') return null
  c.pos++
  if (!c.accept('IS')) return null
  const at = c.pos
  const value = c.token()
  if (value === undefined) return null
  const comment =
    c.kw(at) === 'NULL'
      ? 'NULL'
      : value.kind === 'string'
        ? c.text(at, at)
        : null
  if (comment === null) return null
  c.pos++
  if (c.is(';')) c.pos++
  if (c.pos < c.tokens.length) return null
  return `CALL redshift_local.comment_on_database(${quoteLiteral(identifierName(name))}, ${comment})`
}
