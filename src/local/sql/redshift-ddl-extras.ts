import { buildAttributeChangeSql } from '../catalog/alter-attributes.js'
import { ENCODING_TYPES } from '../catalog/encoding-types.js'
import { DdlCursor, DdlRuleError } from './ddl-cursor.js'
import { readAttributeChange } from './ddl-alter-attributes.js'
import { rewriteForeignKeyAdd } from './ddl-constraints.js'

/** What one of the statements below becomes for PostgreSQL. */
export type DdlExtraRewrite =
  | { readonly sql: string; readonly tag?: string }
  | {
      readonly error: {
        readonly message: string
        readonly code: string
        readonly position?: number
      }
    }

// First words of the statements handled here: anything else returns at once.
const FIRST_WORDS = /^\s*alter\s/i

/**
 * Redshift DDL beyond CREATE (see `rewriteRedshiftDdl` for that):
 *
 * - `ALTER TABLE | MATERIALIZED VIEW ... ALTER DISTSTYLE | DISTKEY |
 *   [COMPOUND] SORTKEY | SORTKEY AUTO | NONE | ENCODE AUTO` and `ALTER
 *   COLUMN c ENCODE e [, ...]` become a call that checks Redshift's rules
 *   and records the change where the system views read it;
 * - `ALTER TABLE ... ADD [CONSTRAINT n] FOREIGN KEY ...` is added NOT VALID:
 *   Redshift's constraints are informational, so rows already there are
 *   not checked (and later ones are not either, see `ddl-constraints.ts`).
 *
 * Returns null for any other statement (a regular-expression test of the
 * first word, so statements that are not ALTER pay nothing more).
 *
 * @example
 * ```ts
 * rewriteRedshiftDdlExtras('alter table t alter diststyle all')
 * // { sql: 'call redshift_local.alter_table_attributes(...)', tag: 'ALTER TABLE' }
 * ```
 */
export function rewriteRedshiftDdlExtras(
  sql: string,
  backslashEscapes = true,
): DdlExtraRewrite | null {
  if (!FIRST_WORDS.test(sql)) return null
  const c = new DdlCursor(sql, backslashEscapes)
  try {
    if (!c.accept('ALTER')) return null
    const at = c.pos
    const change = readAttributeChange(c)
    if (change !== null) {
      for (const [column, encoding] of Object.entries(change.encodings ?? {})) {
        if (!(encoding in ENCODING_TYPES)) {
          throw new DdlRuleError(
            `invalid encoding type "${encoding}" specified for column "${column}"`,
            '42704',
          )
        }
      }
      return Object.freeze({
        sql: buildAttributeChangeSql(change),
        tag:
          change.kind === 'table' ? 'ALTER TABLE' : 'ALTER MATERIALIZED VIEW',
      })
    }
    c.pos = at
    const foreignKey = rewriteForeignKeyAdd(c)
    return foreignKey === null ? null : Object.freeze({ sql: foreignKey })
  } catch (error) {
    if (!(error instanceof DdlRuleError)) throw error
    return Object.freeze({
      error: Object.freeze({
        message: error.message,
        code: error.code,
        ...(error.position !== undefined ? { position: error.position } : {}),
      }),
    })
  }
}
