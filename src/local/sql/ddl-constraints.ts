import { checkedAlterSql } from './checked-alter.js'
import type { DdlCursor } from './ddl-cursor.js'
import { readNameList, readRelationName } from './ddl-attributes.js'

/**
 * `ALTER TABLE name ADD [CONSTRAINT n] FOREIGN KEY (...) REFERENCES ...`,
 * with `c.pos` after ALTER: the text with NOT VALID appended, so that
 * PostgreSQL records the constraint without checking the rows already in
 * the table. Redshift's constraints are informational
 * (https://docs.aws.amazon.com/redshift/latest/dg/t_Defining_constraints.html);
 * the catalog then switches the constraint's checks off (see
 * `informational-constraints.ts`). Null for any other ALTER.
 *
 * @example
 * ```ts
 * const c = new DdlCursor('alter table o add foreign key (c) references c (id)', true)
 * c.pos = 1
 * rewriteForeignKeyAdd(c) // 'alter table o add foreign key (c) references c (id) NOT VALID'
 * ```
 */
export function rewriteForeignKeyAdd(c: DdlCursor): string | null {
  if (!c.accept('TABLE')) return null
  c.accept('IF', 'EXISTS')
  c.accept('ONLY')
  readRelationName(c)
  if (!c.accept('ADD')) return null
  if (c.accept('CONSTRAINT')) c.pos++
  if (c.kw() !== 'FOREIGN') return null
  let last = c.tokens.length - 1
  if (c.is(';', last)) last--
  if (c.kw(last) === 'VALID' && c.kw(last - 1) === 'NOT') return null
  c.replace(last, last, `${c.text(last, last)} NOT VALID`)
  return c.apply()
}

/**
 * `ALTER TABLE name ADD [CONSTRAINT n] PRIMARY KEY (cols)`, with `c.pos`
 * after ALTER: the statement behind a check that each column was created
 * NOT NULL. "You can't add a primary-key constraint to a nullable column"
 * (https://docs.aws.amazon.com/redshift/latest/dg/r_ALTER_TABLE.html), where
 * PostgreSQL would make the column NOT NULL. Null for any other ALTER.
 *
 * @example
 * ```ts
 * const c = new DdlCursor('alter table t add primary key (id)', true)
 * c.pos = 1
 * rewritePrimaryKeyAdd(c) // "CALL redshift_local.run_checked_alter('t', 'not null', ARRAY['id']::text[], ...)"
 * ```
 */
export function rewritePrimaryKeyAdd(c: DdlCursor): string | null {
  if (!c.accept('TABLE')) return null
  if (c.kw() === 'IF' || c.kw() === 'ONLY') return null
  const name = readRelationName(c)
  if (!c.accept('ADD')) return null
  // A `#name` is a temporary table's (r_CREATE_TABLE_NEW.html), which
  // PostgreSQL knows by the quoted name; the check and the statement both
  // resolve it so, through the session's temporary schema.
  const table = name.hash
    ? `"${name.name.replace(/"/g, '""')}"`
    : c.text(name.first, name.last)
  if (name.hash && name.schema !== null) return null
  if (c.accept('CONSTRAINT')) c.pos++
  if (!c.accept('PRIMARY', 'KEY') || !c.is('(')) return null
  const columns = readNameList(c)
  if (name.hash) c.replace(name.first, name.last, table)
  return checkedAlterSql(
    table,
    'not null',
    columns,
    name.hash ? c.apply() : c.sql,
  )
}
