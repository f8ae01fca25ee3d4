import { encodingTypeRefusal, isEncoding } from '../catalog/encoding-types.js'
import { DdlRuleError, type DdlCursor } from './ddl-cursor.js'
import { readColumnType } from './ddl-types.js'
import { storedValueCheck } from './stored-value-checks.js'
import { identifierName } from './rewrite-tokens.js'
import { inlineJsonb } from '../catalog/bound-statement.js'
import { quoteLiteral } from './quote.js'

/** The SQL for PostgreSQL and what records the new column's attributes after it. */
export interface AddColumnRewrite {
  readonly sql: string
  readonly after: string
}

const COLLATIONS: Readonly<Record<string, 'cs' | 'ci'>> = {
  CASE_SENSITIVE: 'cs',
  CS: 'cs',
  CASE_INSENSITIVE: 'ci',
  CI: 'ci',
}

/**
 * `ALTER TABLE t ADD [COLUMN] c type [DEFAULT e] [ENCODE enc] [NOT NULL |
 * NULL] [COLLATE { CASE_SENSITIVE | CS | CASE_INSENSITIVE | CI }]`
 * (https://docs.aws.amazon.com/redshift/latest/dg/r_ALTER_TABLE.html), with
 * `c.pos` on ALTER: PostgreSQL gets the column without ENCODE (and a
 * case-insensitive character column with the ICU collation CREATE TABLE
 * gives it), and the encoding and collation are recorded where PG_TABLE_DEF
 * and SVV_TABLE_INFO read them (`record_added_column`, column-attributes.ts). Adding a column with an encoding leaves the
 * table's ENCODE AUTO as it was (r_ALTER_TABLE.html, ALTER ENCODE AUTO).
 * A VARBYTE(n) column is bytea with its length recorded, and a VARBYTE(n)
 * or DATE column gets the check of what it stores that CREATE TABLE gives
 * it (`stored-value-checks.ts`). Null when the statement is not an ADD
 * COLUMN with ENCODE or COLLATE or of one of those types.
 *
 * @example
 * ```ts
 * rewriteAddColumn(new DdlCursor('alter table t add column n varchar(5) encode zstd', true))
 * // { sql: 'alter table t add column n varchar(5)', after: 'call redshift_local.record_added_column(...)' }
 * ```
 */
export function rewriteAddColumn(c: DdlCursor): AddColumnRewrite | null {
  if (c.kw(c.pos + 1) !== 'TABLE') return null
  let at = c.pos + 2
  const tableStart = at
  while (c.is('.', at + 1)) at += 2
  const tableEnd = at
  if (c.kw(at + 1) !== 'ADD') return null
  at += 2
  if (c.kw(at) === 'COLUMN') at++
  const nameToken = c.token(at)
  if (nameToken === undefined || nameToken.kind === 'string') return null
  if (c.kw(at) === 'CONSTRAINT' || c.kw(at) === 'PRIMARY') return null
  const column = identifierName(nameToken)
  const checked = checkedType(c, at + 1, column)
  const characterType =
    /^(VARCHAR|CHAR|CHARACTER|NVARCHAR|NCHAR|BPCHAR|TEXT)$/.test(c.kw(at + 1))
  let encoding: string | undefined
  let collation: 'cs' | 'ci' | undefined
  // An explicit NULL, which external tables refuse (record_added_column).
  let nullable = false
  // A DEFAULT, which PostgreSQL does not keep when it is NULL.
  let defaulted = false
  for (let k = at + 1; k < c.tokens.length; k++) {
    if (c.is('(', k)) {
      k = c.closing(k)
      continue
    }
    const refused = refusedAttribute(c, k)
    if (refused !== null)
      throw c.error(
        `ALTER TABLE ADD COLUMN cannot add ${refused} column`,
        '0A000',
        k,
      )
    if (c.kw(k) === 'ENCODE' && c.token(k + 1)?.kind === 'word') {
      encoding = c.kw(k + 1).toLowerCase()
      if (!isEncoding(encoding))
        throw c.error(
          `invalid encoding type "${encoding}" specified for column "${column}"`,
          '42704',
          k + 1,
        )
      const refusal = encodingTypeRefusal(
        encoding,
        typeName(c, at + 1, column),
        column,
      )
      if (refusal !== null) throw c.error(refusal, '0A000', k + 1)
      c.remove(k, k + 1)
      k++
    } else if (
      c.kw(k) === 'NULL' &&
      c.kw(k - 1) !== 'NOT' &&
      c.kw(k - 1) !== 'DEFAULT'
    ) {
      nullable = true
    } else if (c.kw(k) === 'DEFAULT') {
      defaulted = true
    } else if (c.kw(k) === 'COLLATE' && COLLATIONS[c.kw(k + 1)] !== undefined) {
      collation = COLLATIONS[c.kw(k + 1)]
      if (collation === 'ci' && characterType)
        c.replace(k, k + 1, 'COLLATE redshift_local.case_insensitive')
      else if (collation === 'ci')
        throw new DdlRuleError(
          `COLLATE CASE_INSENSITIVE needs a CHAR or VARCHAR column, not "${column}"`,
          '42804',
        )
      else c.remove(k, k + 1)
      k++
    }
  }
  if (
    encoding === undefined &&
    collation === undefined &&
    checked === null &&
    !nullable &&
    !defaulted
  )
    return null
  const table = quoteLiteral(c.text(tableStart, tableEnd))
  const change = {
    column,
    ...(encoding === undefined ? {} : { encoding }),
    ...(collation === undefined
      ? {}
      : {
          collation: collation === 'ci' ? 'case_insensitive' : 'case_sensitive',
        }),
    ...(checked?.redshiftType == null
      ? {}
      : { column_type: checked.redshiftType }),
    ...(nullable ? { null: true } : {}),
    ...(defaulted ? { default: true } : {}),
  }
  const after = `call redshift_local.record_added_column(${table}::pg_catalog.regclass, ${inlineJsonb(JSON.stringify(change))})`
  return { sql: c.apply(), after }
}

/**
 * What token `k` starts that r_ALTER_TABLE.html keeps out of ADD COLUMN:
 * "You can't add a column that is the distribution key (DISTKEY) or a sort
 * key (SORTKEY) of the table", nor an IDENTITY or GENERATED BY DEFAULT AS
 * IDENTITY column. Null for anything else.
 */
function refusedAttribute(c: DdlCursor, k: number): string | null {
  const word = c.kw(k)
  if (word === 'DISTKEY') return 'a DISTKEY'
  if (word === 'SORTKEY') return 'a SORTKEY'
  // IDENTITY (seed, step), or a bare IDENTITY: IDENTITY(1, 1) (ddl-table.ts).
  if (word === 'IDENTITY') return 'an IDENTITY'
  if (
    word === 'GENERATED' &&
    c.kw(k + 1) === 'BY' &&
    c.kw(k + 2) === 'DEFAULT' &&
    c.kw(k + 3) === 'AS' &&
    c.kw(k + 4) === 'IDENTITY'
  )
    return 'a GENERATED BY DEFAULT AS IDENTITY'
  return null
}

/** The canonical Redshift name of the column type at token `first` (see `readColumnType`). */
function typeName(c: DdlCursor, first: number, column: string): string {
  const pos = c.pos
  c.pos = first
  try {
    return readColumnType(c, c.tokens.length, column).name
  } finally {
    c.pos = pos
  }
}

/** Type words whose column takes the emulator's stored-value check. */
const CHECKED_TYPES = new Set(['VARBYTE', 'VARBINARY', 'BINARY', 'DATE'])

/**
 * A VARBYTE(n) or DATE column's type (at token `first`) given PostgreSQL's
 * spelling and the check of what it stores, as CREATE TABLE gives them
 * (`stored-value-checks.ts`); the Redshift type to record, or null for any
 * other type.
 */
function checkedType(
  c: DdlCursor,
  first: number,
  column: string,
): { readonly redshiftType: string | null } | null {
  if (!CHECKED_TYPES.has(c.kw(first))) return null
  const pos = c.pos
  c.pos = first
  let end = c.tokens.length
  if (c.is(';', end - 1)) end--
  const type = readColumnType(c, end, column)
  c.pos = pos
  const check = storedValueCheck(type.redshiftType, type.name, column)
  if (check === null) return null
  c.replace(
    type.first,
    type.last,
    (type.pgType ?? c.text(type.first, type.last)) + check,
  )
  return { redshiftType: type.redshiftType }
}
