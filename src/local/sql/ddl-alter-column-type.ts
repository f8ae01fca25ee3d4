import { MAX_VARCHAR } from './character-limits.js'
import { checkedAlterSql } from './checked-alter.js'
import type { DdlCursor } from './ddl-cursor.js'
import { identifierName } from './rewrite-tokens.js'

/** The ALTER TABLE behind the check of the column it changes. */
export interface AlterColumnTypeRewrite {
  readonly sql: string
  readonly tag: string
}

/**
 * `ALTER TABLE t ALTER [COLUMN] c TYPE varchar(n)` with `c.pos` on ALTER:
 * r_ALTER_TABLE.html only changes the size of a VARCHAR column (the policy
 * checks the new type), and refuses it for a column with the BYTEDICT,
 * RUNLENGTH, TEXT255 or TEXT32K encoding, a column with a default value,
 * and a column in a UNIQUE, PRIMARY KEY or FOREIGN KEY constraint.
 * PostgreSQL would alter them all: `run_checked_alter` checks the column
 * before the ALTER runs (catalog/checked-alter.ts). Redshift's wording is
 * not documented. `VARCHAR(MAX)` is VARCHAR(65535). Null for other
 * statements.
 *
 * @example
 * ```ts
 * rewriteAlterColumnType(new DdlCursor('alter table t alter column c type varchar(20)', true))
 * // { sql: "CALL redshift_local.run_checked_alter('t', 'varchar', ARRAY['c']::text[], ...)", tag: 'ALTER TABLE' }
 * ```
 */
export function rewriteAlterColumnType(
  c: DdlCursor,
): AlterColumnTypeRewrite | null {
  if (c.kw(c.pos + 1) !== 'TABLE') return null
  const first = c.pos + 2
  let last = first
  while (c.is('.', last + 1)) last += 2
  let at = last + 1
  if (c.kw(at) !== 'ALTER') return null
  at++
  if (c.kw(at) === 'COLUMN') at++
  const columnToken = c.token(at)
  if (
    columnToken === undefined ||
    (columnToken.kind !== 'word' && columnToken.kind !== 'quoted') ||
    c.kw(at + 1) !== 'TYPE'
  )
    return null
  // VARCHAR(MAX) is VARCHAR(65535), as in CREATE TABLE (r_Character_types.html).
  for (let k = at + 2; k < c.tokens.length - 2; k++) {
    if (c.is('(', k) && c.kw(k + 1) === 'MAX' && c.is(')', k + 2))
      c.replace(k + 1, k + 1, String(MAX_VARCHAR))
  }
  const sql = checkedAlterSql(
    c.text(first, last),
    'varchar',
    [identifierName(columnToken)],
    c.changed ? c.apply() : c.sql,
  )
  return { sql, tag: 'ALTER TABLE' }
}
