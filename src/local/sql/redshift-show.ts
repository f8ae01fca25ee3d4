import { argumentTypes, regtypeArray } from './argument-types.js'
import { identifierName } from './rewrite-tokens.js'
import type { DdlCursor } from './ddl-cursor.js'
import { quoteLiteral } from './quote.js'
import { rewriteShowColumnGrants } from './show-column-grants.js'
import { MAX_SHOW_ROWS, showLimit } from './show-limit.js'

interface ShowForm {
  /** The words after SHOW and FROM: SHOW TABLES FROM SCHEMA ...; null for no FROM. */
  readonly from: string | null
  /** How many dotted parts the name has (database.schema, database.schema.table). */
  readonly parts: number
  /** Whether the database part may be left out (it is then the session's). */
  readonly optionalDatabase?: boolean
  /** The query; `$name` parts are filled in as literals, `$filter` with LIKE. */
  readonly sql: (names: readonly string[], filter: string) => string
  readonly order: string
  /** Whether the page bounds LIMIT to 0..10000 (MAX_SHOW_ROWS). */
  readonly boundedLimit?: boolean
}

const FORMS: Readonly<Record<string, ShowForm>> = {
  // https://docs.aws.amazon.com/redshift/latest/dg/r_SHOW_DATABASES.html: the
  // warehouse's databases, every one visible to every user (none comes from
  // a datashare here), with the columns of SVV_REDSHIFT_DATABASES, the view
  // whose page points to SHOW DATABASES for the same discovery.
  DATABASES: {
    from: null,
    parts: 0,
    sql: (_names, filter) =>
      `select database_name, database_owner, database_type, database_acl, database_options,
  database_isolation_level
from pg_catalog.svv_redshift_databases
where true${filter.replace('$', 'database_name')}`,
    order: 'database_name',
  },
  // https://docs.aws.amazon.com/redshift/latest/dg/r_SHOW_TABLES.html
  TABLES: {
    from: 'SCHEMA',
    boundedLimit: true,
    parts: 2,
    sql: ([database, schema], filter) =>
      `select database_name, schema_name, table_name, table_type, table_acl, remarks
from pg_catalog.svv_redshift_tables
where database_name = ${database} and schema_name = ${schema}${filter.replace('$', 'table_name')}
  and redshift_local.sees_relation(redshift_local.relation_named(schema_name, table_name))`,
    order: 'table_name',
  },
  // https://docs.aws.amazon.com/redshift/latest/dg/r_SHOW_COLUMNS.html
  COLUMNS: {
    from: 'TABLE',
    boundedLimit: true,
    parts: 3,
    sql: ([database, schema, table], filter) =>
      `select database_name, schema_name, table_name, column_name, ordinal_position,
  column_default, is_nullable, data_type, character_maximum_length, numeric_precision,
  numeric_scale, remarks
from pg_catalog.svv_all_columns
where database_name = ${database} and schema_name = ${schema} and table_name = ${table}${filter.replace('$', 'column_name')}
  and redshift_local.sees_column(redshift_local.relation_named(schema_name, table_name), ordinal_position)`,
    order: 'ordinal_position',
  },
  // https://docs.aws.amazon.com/redshift/latest/dg/r_SHOW_SCHEMAS.html: the
  // rows of SVV_ALL_SCHEMAS (local and external schemas, not the emulator's
  // own) the user owns or may use, the ACL's items joined by `~` as the
  // page's example prints them.
  SCHEMAS: {
    from: 'DATABASE',
    boundedLimit: true,
    parts: 1,
    sql: ([database], filter) =>
      `select pg_catalog.current_database()::varchar(128) as database_name, s.schema_name, s.schema_owner,
  s.schema_type, s.schema_acl, s.source_database, s.schema_option
from redshift_local.shown_schemas() s
where pg_catalog.has_schema_privilege(s.schema_oid, 'usage') and pg_catalog.current_database() = ${database}${filter.replace('$', 's.schema_name')}`,
    order: 'schema_name',
  },
  // https://docs.aws.amazon.com/redshift/latest/dg/r_SHOW_FUNCTIONS.html:
  // the functions of a schema of the user's (PostgreSQL's built-ins and the
  // emulator's own are in pg_catalog, whose list would not be Redshift's).
  FUNCTIONS: {
    from: 'SCHEMA',
    parts: 2,
    optionalDatabase: true,
    sql: ([database, schema], filter) =>
      `select * from (select pg_catalog.current_database()::varchar(128) as database_name,
  n.nspname::varchar(128) as schema_name, p.proname::varchar(128) as function_name,
  p.pronargs::integer as number_of_arguments,
  pg_catalog.oidvectortypes(p.proargtypes)::varchar(512) as argument_list,
  pg_catalog.format_type(p.prorettype, null)::varchar(128) as return_type,
  pg_catalog.obj_description(p.oid, 'pg_proc')::varchar(256) as remarks
from pg_catalog.pg_proc p
join pg_catalog.pg_namespace n on n.oid = p.pronamespace
where p.prokind in ('f', 'a')
  and case when n.nspname in ('pg_catalog', 'information_schema', 'redshift_local')
    then redshift_local.raise_error('SHOW FUNCTIONS FROM SCHEMA ' || n.nspname || ' in the local emulator is not supported (an emulator limit: its functions are PostgreSQL''s)', '0A000') is null
    else true end) s
where database_name = ${database} and schema_name = ${schema}${filter.replace('$', 'function_name')}`,
    order: 'function_name, argument_list',
  },
  // https://docs.aws.amazon.com/redshift/latest/dg/r_SHOW_PROCEDURES.html:
  // argument_list the input (IN and INOUT) types, return_type the output
  // (INOUT and OUT) ones, as the page's example shows them; a procedure
  // shows to its owner and to a user with USAGE on the schema and EXECUTE
  // on it (a superuser has both).
  PROCEDURES: {
    from: 'SCHEMA',
    parts: 2,
    optionalDatabase: true,
    sql: ([database, schema], filter) =>
      `select * from (select pg_catalog.current_database()::varchar(128) as database_name,
  n.nspname::varchar(128) as schema_name, p.proname::varchar(128) as procedure_name,
  (p.pronargs - p.pronargdefaults)::integer as number_of_arguments,
  redshift_local.procedure_arguments(p.oid, 'inputs')::varchar(512) as argument_list,
  redshift_local.procedure_arguments(p.oid, 'outputs')::varchar(512) as return_type,
  pg_catalog.obj_description(p.oid, 'pg_proc')::varchar(256) as remarks
from pg_catalog.pg_proc p
join pg_catalog.pg_namespace n on n.oid = p.pronamespace
where p.prokind = 'p' and n.nspname not in ('redshift_local', 'redshift_local_types')
  and pg_catalog.has_schema_privilege(n.oid, 'usage')
  and pg_catalog.has_function_privilege(p.oid, 'execute')) s
where database_name = ${database} and schema_name = ${schema}${filter.replace('$', 'procedure_name')}`,
    order: 'procedure_name, argument_list',
  },
}

/** A SHOW command's query, and its result column names where folding must not touch them. */
export interface ShowRewrite {
  readonly sql: string
  /**
   * The DDL-text forms' one column, in Redshift's mixed case whatever
   * `enable_case_sensitive_identifier` says (clients read
   * `Show Table DDL statement` from a default Redshift session). The other
   * forms' columns are lower case, as their pages show.
   */
  readonly columnNames?: readonly string[]
}

/** The DDL-text SHOW commands: the catalog function's call and the one column's name. */
const DDL_FORMS: Readonly<
  Record<
    string,
    { readonly call: (name: string) => string; readonly column: string }
  >
> = {
  // The column's name is not documented for SHOW TABLE and SHOW VIEW; these
  // are Redshift's as clients show them. SHOW PROCEDURE's is on its page.
  TABLE: {
    call: (name) =>
      `redshift_local.show_table_ddl(${relation(name, ['r', 'p'], 'a table')})`,
    column: 'Show Table DDL statement',
  },
  VIEW: {
    call: (name) =>
      `redshift_local.show_view_ddl(${relation(name, ['v', 'm'], 'a view')})`,
    column: 'Show View DDL statement',
  },
}

const PROCEDURE_COLUMN = 'Stored Procedure Definition'

/**
 * `SHOW TABLES FROM SCHEMA db.schema`, `SHOW COLUMNS FROM TABLE
 * db.schema.table`, `SHOW SCHEMAS FROM DATABASE db` and `SHOW DATABASES`, each with optional
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
export function rewriteShow(c: DdlCursor): ShowRewrite | null {
  const ddl = rewriteShowDdl(c)
  if (ddl !== null) return ddl
  const grants = rewriteShowColumnGrants(c)
  if (grants !== null) return { sql: grants }
  const form = FORMS[c.kw(c.pos + 1)]
  if (form === undefined) return null
  if (form.from !== null && c.kw(c.pos + 2) !== 'FROM') return null
  c.pos += form.from === null ? 2 : 3
  if (form.from !== null && !c.accept(form.from)) throw c.syntaxError()
  const names: string[] = []
  while (names.length < form.parts) {
    const token = c.token()
    if (token?.kind !== 'word' && token?.kind !== 'quoted')
      throw c.syntaxError()
    names.push(quoteLiteral(identifierName(token)))
    c.pos++
    if (!c.is('.')) break
    c.pos++
  }
  if (form.optionalDatabase === true && names.length === form.parts - 1)
    names.unshift('pg_catalog.current_database()')
  if (names.length !== form.parts) throw c.syntaxError()
  let filter = ''
  if (c.accept('LIKE')) {
    const pattern = c.token()
    if (pattern?.kind !== 'string') throw c.syntaxError()
    filter = ` and $ like ${pattern.text}`
    c.pos++
  }
  const rows = showLimit(c, form.boundedLimit === true ? MAX_SHOW_ROWS : null)
  const limit = rows === null ? '' : ` limit ${rows}`
  if (c.pos < c.tokens.length && !c.is(';')) throw c.syntaxError()
  return { sql: `${form.sql(names, filter)}\norder by ${form.order}${limit}` }
}

/**
 * `SHOW TABLE [schema.]name`, `SHOW VIEW [schema.]name` and `SHOW PROCEDURE
 * name [( argtype [, ...] )]` (r_SHOW_TABLE.html, r_SHOW_VIEW.html,
 * r_SHOW_PROCEDURE.html): one row, one column, the object's DDL text (see
 * `show-ddl.ts`). The name is resolved as PostgreSQL resolves it, so a
 * missing one fails as it would in a query. Null for other SHOW commands.
 */
function rewriteShowDdl(c: DdlCursor): ShowRewrite | null {
  if (c.kw(c.pos + 1) === 'EXTERNAL' && c.kw(c.pos + 2) === 'TABLE')
    return rewriteShowExternalTable(c)
  const kind = c.kw(c.pos + 1)
  if (kind !== 'TABLE' && kind !== 'VIEW' && kind !== 'PROCEDURE') return null
  const first = c.pos + 2
  const token = c.token(first)
  if (token?.kind !== 'word' && token?.kind !== 'quoted')
    throw c.syntaxError(first)
  let last = first
  while (c.is('.', last + 1)) last += 2
  let end = last + 1
  let types: string | null = null
  if (kind === 'PROCEDURE' && c.is('(', end)) {
    const close = c.match[end]
    if (close === undefined || close < 0) throw c.syntaxError(end)
    types = regtypeArray(argumentTypes(c, end + 1, close))
    end = close + 1
  }
  if (end < c.tokens.length && !c.is(';', end)) throw c.syntaxError(end)
  const name = c.text(first, last)
  if (kind !== 'PROCEDURE') {
    const form = DDL_FORMS[kind]!
    return {
      sql: `select ${form.call(name)} as "${form.column}"`,
      columnNames: [form.column],
    }
  }
  return {
    sql: `select redshift_local.show_procedure_ddl(redshift_local.find_procedure(${quoteLiteral(name)}, ${types ?? 'null'}))
  as "${PROCEDURE_COLUMN}"`,
    columnNames: [PROCEDURE_COLUMN],
  }
}

/**
 * `SHOW EXTERNAL TABLE external_schema.table_name [ PARTITION ]`
 * (r_SHOW_EXTERNAL_TABLE.html): one row, the table's CREATE EXTERNAL TABLE
 * text and, with PARTITION, its partitions' ALTER TABLE ... ADD PARTITION
 * statements (see `show-ddl.ts`). The name has its schema, as the page's
 * syntax writes it. The column's name is not documented; the emulator names
 * it as SHOW TABLE's.
 */
function rewriteShowExternalTable(c: DdlCursor): ShowRewrite {
  const first = c.pos + 3
  if (!isName(c, first) || !c.is('.', first + 1) || !isName(c, first + 2))
    throw c.syntaxError(first)
  let end = first + 3
  const partitions = c.kw(end) === 'PARTITION'
  if (partitions) end++
  if (end < c.tokens.length && !c.is(';', end)) throw c.syntaxError(end)
  const name = quoteLiteral(c.text(first, first + 2))
  const table = `(select case when not redshift_local.sees_relation(r.oid)
      then redshift_local.raise_error(pg_catalog.format('permission denied for relation %s', r.relname), '42501')::pg_catalog.regclass
    when redshift_local.is_external_table(r.oid) then r.oid::pg_catalog.regclass
    else redshift_local.raise_error(pg_catalog.format('"%s" is not an external table', r.relname), '42809')::pg_catalog.regclass end
  from pg_catalog.pg_class r where r.oid = ${name}::pg_catalog.regclass)`
  return {
    sql: `select redshift_local.show_external_table_ddl(${table}, ${partitions}) as "${EXTERNAL_COLUMN}"`,
    columnNames: [EXTERNAL_COLUMN],
  }
}

const EXTERNAL_COLUMN = 'Show External Table DDL statement'

function isName(c: DdlCursor, at: number): boolean {
  const token = c.token(at)
  return token?.kind === 'word' || token?.kind === 'quoted'
}

/** The relation `name` as a regclass, or an error when it is not one of `kinds`. */
function relation(
  name: string,
  kinds: readonly string[],
  what: string,
): string {
  return `(select case when not redshift_local.sees_relation(r.oid)
      then redshift_local.raise_error(pg_catalog.format('permission denied for relation %s', r.relname), '42501')::pg_catalog.regclass
    when r.relkind in (${kinds.map(quoteLiteral).join(', ')}) then r.oid::pg_catalog.regclass
    else redshift_local.raise_error(pg_catalog.format('"%s" is not ${what}', r.relname), '42809')::pg_catalog.regclass end
  from pg_catalog.pg_class r where r.oid = ${quoteLiteral(name)}::pg_catalog.regclass)`
}
