import { identifierName } from './rewrite-tokens.js'
import type { DdlCursor } from './ddl-cursor.js'
import { quoteLiteral } from './quote.js'

interface ShowForm {
  /** The words after SHOW and FROM: SHOW TABLES FROM SCHEMA ... */
  readonly from: string
  /** How many dotted parts the name has (database.schema, database.schema.table). */
  readonly parts: number
  /** The query; `$name` parts are filled in as literals, `$filter` with LIKE. */
  readonly sql: (names: readonly string[], filter: string) => string
  readonly order: string
}

const FORMS: Readonly<Record<string, ShowForm>> = {
  // https://docs.aws.amazon.com/redshift/latest/dg/r_SHOW_TABLES.html
  TABLES: {
    from: 'SCHEMA',
    parts: 2,
    sql: ([database, schema], filter) =>
      `select database_name, schema_name, table_name, table_type, table_acl, remarks
from pg_catalog.svv_redshift_tables
where database_name = ${database} and schema_name = ${schema}${filter.replace('$', 'table_name')}`,
    order: 'table_name',
  },
  // https://docs.aws.amazon.com/redshift/latest/dg/r_SHOW_COLUMNS.html
  COLUMNS: {
    from: 'TABLE',
    parts: 3,
    sql: ([database, schema, table], filter) =>
      `select database_name, schema_name, table_name, column_name, ordinal_position,
  column_default, is_nullable, data_type, character_maximum_length, numeric_precision,
  numeric_scale, remarks
from pg_catalog.svv_all_columns
where database_name = ${database} and schema_name = ${schema} and table_name = ${table}${filter.replace('$', 'column_name')}`,
    order: 'ordinal_position',
  },
  // https://docs.aws.amazon.com/redshift/latest/dg/r_SHOW_SCHEMAS.html
  SCHEMAS: {
    from: 'DATABASE',
    parts: 1,
    sql: ([database], filter) =>
      `select * from (select pg_catalog.current_database()::varchar(128) as database_name,
  n.nspname::varchar(128) as schema_name, n.nspowner::integer as schema_owner,
  'local'::varchar(16) as schema_type, n.nspacl::text::varchar(128) as schema_acl,
  null::varchar(128) as source_database, null::varchar(128) as schema_option
from pg_catalog.pg_namespace n
where n.nspname <> 'redshift_local'
  and n.nspname !~ '^pg_(toast|temp_|toast_temp_)') s
where database_name = ${database}${filter.replace('$', 'schema_name')}`,
    order: 'schema_name',
  },
}

/**
 * `SHOW TABLES FROM SCHEMA db.schema`, `SHOW COLUMNS FROM TABLE
 * db.schema.table` and `SHOW SCHEMAS FROM DATABASE db`, each with optional
 * `LIKE 'pattern'` and `LIMIT n`, with `c.pos` on SHOW: queries over the
 * catalog views with the documented result columns. Only the database the
 * session is connected to has tables in the emulator; another one shows
 * none. Null for any other SHOW.
 *
 * @example
 * ```ts
 * // 'show tables from schema dev.public' -> select ... from svv_redshift_tables ...
 * ```
 */
export function rewriteShow(c: DdlCursor): string | null {
  const form = FORMS[c.kw(c.pos + 1)]
  if (form === undefined || c.kw(c.pos + 2) !== 'FROM') return null
  c.pos += 3
  if (!c.accept(form.from)) throw syntax(c)
  const names: string[] = []
  for (;;) {
    const token = c.token()
    if (token?.kind !== 'word' && token?.kind !== 'quoted') throw syntax(c)
    names.push(quoteLiteral(identifierName(token)))
    c.pos++
    if (!c.is('.')) break
    c.pos++
  }
  if (names.length !== form.parts) throw syntax(c)
  let filter = ''
  if (c.accept('LIKE')) {
    const pattern = c.token()
    if (pattern?.kind !== 'string') throw syntax(c)
    filter = ` and $ like ${pattern.text}`
    c.pos++
  }
  let limit = ''
  if (c.accept('LIMIT')) {
    const rows = c.token()
    if (rows?.kind !== 'number' || !/^\d+$/.test(rows.text)) throw syntax(c)
    limit = ` limit ${rows.text}`
    c.pos++
  }
  if (c.pos < c.tokens.length && !c.is(';')) throw syntax(c)
  return `${form.sql(names, filter)}\norder by ${form.order}${limit}`
}

function syntax(c: DdlCursor) {
  return c.error(`syntax error at or near "${c.token()?.text ?? ''}"`, '42601')
}
