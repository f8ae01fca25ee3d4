import type { DdlCursor } from './ddl-cursor.js'
import { quoteLiteral } from './quote.js'
import { identifierName, type Token } from './rewrite-tokens.js'

/** The ALTER TABLE as written, and what carries the column's attributes to its new name. */
export interface RenameColumnRewrite {
  readonly sql: string
  readonly after: string
}

/**
 * `ALTER TABLE t RENAME COLUMN a TO b` with `c.pos` on ALTER
 * (https://docs.aws.amazon.com/redshift/latest/dg/r_ALTER_TABLE.html): the
 * column keeps its Redshift attributes, which
 * `redshift_local.table_attributes` records by column name: distribution
 * key, sort key position, encoding, identity, Redshift type and collation.
 * PostgreSQL runs the statement as written; `rename_attribute_column`
 * (column-attributes.ts) runs right after it. Null for other statements.
 *
 * @example
 * ```ts
 * rewriteRenameColumn(new DdlCursor('alter table t rename column a to b', true))
 * // { sql: 'alter table t rename column a to b', after: 'call redshift_local.rename_attribute_column(...)' }
 * ```
 */
export function rewriteRenameColumn(c: DdlCursor): RenameColumnRewrite | null {
  if (c.kw(c.pos + 1) !== 'TABLE') return null
  const first = c.pos + 2
  let last = first
  while (c.is('.', last + 1)) last += 2
  let at = last + 1
  if (c.kw(at) !== 'RENAME') return null
  at++
  if (c.kw(at) === 'COLUMN') at++
  const from = c.token(at)
  const to = c.token(at + 2)
  if (
    !isName(from) ||
    c.kw(at + 1) !== 'TO' ||
    !isName(to) ||
    // RENAME TO new_table_name names no column.
    (c.kw(at - 1) === 'RENAME' && c.kw(at) === 'TO')
  )
    return null
  const table = quoteLiteral(c.text(first, last))
  const old = quoteLiteral(identifierName(from))
  const name = quoteLiteral(identifierName(to))
  const after = `call redshift_local.rename_attribute_column(${table}::pg_catalog.regclass, ${old}, ${name})`
  return { sql: c.sql, after }
}

function isName(token: Token | undefined): token is Token {
  return (
    token !== undefined && (token.kind === 'word' || token.kind === 'quoted')
  )
}
