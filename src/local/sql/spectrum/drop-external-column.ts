import { quoteLiteral } from '../quote.js'
import type { SpectrumCursor } from './spectrum-cursor.js'

/**
 * The schemas the statement's names may be external ones of: a cheap,
 * server-wide test (see `ExternalSchemaNames`), so a match is checked again
 * when the statement runs.
 */
export interface MaybeExternalSchemas {
  has(name: string): boolean
}

/**
 * `DROP [COLUMN] column [RESTRICT | CASCADE]` after `ALTER TABLE
 * schema.table`, where `schema` may be an external schema, as the call that
 * drops it (https://docs.aws.amazon.com/redshift/latest/dg/r_ALTER_TABLE.html:
 * external tables take DROP COLUMN and ignore RESTRICT and CASCADE). The
 * emulator keys an external table's one PostgreSQL partition on a column
 * PostgreSQL cannot drop; the call builds the table again without it, and
 * runs any other DROP COLUMN as written, with the caller's rights. Null for
 * every other form (DROP CONSTRAINT, DROP COLUMN IF EXISTS ...), which
 * PostgreSQL runs itself. Called with the cursor after `ALTER TABLE name`.
 *
 * @example
 * ```ts
 * dropExternalColumn(cursor, ['spectrum', 'sales'])
 * // "CALL redshift_local.drop_column('spectrum', 'sales', 'qty', '')"
 * ```
 */
export function dropExternalColumn(
  c: SpectrumCursor,
  name: readonly string[],
): string | null {
  if (name.length !== 2 || !c.word('drop')) return null
  if (c.peekWord() === 'constraint' || c.peekWord() === 'if') return null
  if (c.peekWord() === 'column' && c.peekKind(1) !== undefined) c.word('column')
  if (c.peekWord() === 'if') return null
  const column = c.name()
  if (column === undefined) return null
  const behaviour = c.word('restrict')
    ? 'restrict'
    : c.word('cascade')
      ? 'cascade'
      : ''
  if (!c.done) return null
  return `CALL redshift_local.drop_column(${quoteLiteral(name[0]!)}, ${quoteLiteral(name[1]!)}, ${quoteLiteral(column)}, ${quoteLiteral(behaviour)})`
}
