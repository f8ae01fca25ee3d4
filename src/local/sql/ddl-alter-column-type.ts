import { MAX_VARCHAR } from './character-limits.js'
import { checkedAlterSql } from './checked-alter.js'
import type { DdlCursor } from './ddl-cursor.js'
import { quoteLiteral } from './quote.js'
import { identifierName } from './rewrite-tokens.js'

/** The ALTER TABLE as written, and the check that runs right after it. */
export interface AlterColumnTypeRewrite {
  readonly sql: string
  readonly tag: string
  readonly after: string
}

/**
 * `ALTER TABLE t ALTER [COLUMN] c TYPE varchar(n)` with `c.pos` on ALTER:
 * r_ALTER_TABLE.html only changes the size of a VARCHAR column (the policy
 * checks the new type; `run_checked_alter` checks the column's own before
 * the ALTER runs), and refuses it for a column with the BYTEDICT, RUNLENGTH,
 * TEXT255 or TEXT32K encoding, a column with a default value, and a column
 * in a UNIQUE, PRIMARY KEY or FOREIGN KEY constraint. PostgreSQL would
 * alter them all; the check runs right after the ALTER in the same implicit
 * transaction (the statement cannot run inside a block), so its error
 * undoes the ALTER. Redshift's wording is not documented. `VARCHAR(MAX)`
 * is VARCHAR(65535). Null for other statements.
 *
 * @example
 * ```ts
 * rewriteAlterColumnType(new DdlCursor('alter table t alter column c type varchar(20)', true))
 * // { sql: "CALL redshift_local.run_checked_alter('t', 'varchar', ...)", tag: 'ALTER TABLE', after: 'insert ... raise_error ...' }
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
  const tableName = c.text(first, last)
  const columnName = identifierName(columnToken)
  const table = quoteLiteral(tableName)
  const column = quoteLiteral(columnName)
  // An INSERT of no rows when the column may change: it returns no result
  // rows for the client to see, where a SELECT would.
  const after = `insert into redshift_local.long_names (short_name, long_name)
select '', redshift_local.raise_error(x.message, '0A000') from (
  select case
    when upper(coalesce(ta.encodings ->> ${column}, '')) in ('BYTEDICT', 'RUNLENGTH', 'TEXT255', 'TEXT32K')
      then pg_catalog.format('cannot alter the type of column "%s": it has the %s encoding', ${column}, upper(ta.encodings ->> ${column}))
    when exists (select 1 from pg_catalog.pg_attrdef d where d.adrelid = a.attrelid and d.adnum = a.attnum)
      then pg_catalog.format('cannot alter the type of column "%s": it has a default value', ${column})
    when exists (select 1 from pg_catalog.pg_constraint k where k.contype in ('u', 'p', 'f')
        and ((k.conrelid = a.attrelid and a.attnum = any (k.conkey))
          or (k.confrelid = a.attrelid and a.attnum = any (k.confkey))))
      then pg_catalog.format('cannot alter the type of column "%s": it is in a UNIQUE, PRIMARY KEY or FOREIGN KEY constraint', ${column})
  end as message
  from pg_catalog.pg_attribute a
  left join redshift_local.table_attributes ta on ta.relid = a.attrelid
  where a.attrelid = ${table}::pg_catalog.regclass and a.attname = ${column}
) x where x.message is not null`
  const sql = checkedAlterSql(
    tableName,
    'varchar',
    [columnName],
    c.changed ? c.apply() : c.sql,
  )
  return { sql, tag: 'ALTER TABLE', after }
}
