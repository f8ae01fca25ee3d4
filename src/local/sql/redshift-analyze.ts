import { readNameList, readRelationName } from './ddl-attributes.js'
import type { DdlCursor } from './ddl-cursor.js'
import { quoteLiteral } from './quote.js'

/**
 * `ANALYZE [VERBOSE] [table [(columns)]] [PREDICATE COLUMNS | ALL COLUMNS]`
 * (https://docs.aws.amazon.com/redshift/latest/dg/r_ANALYZE.html), with
 * `c.pos` after ANALYZE: a CALL of `redshift_local.analyze_tables`, which
 * skips a table changed less than `analyze_threshold_percent` since its
 * last analyze and records each table in STL_ANALYZE (see analyze-log.ts).
 * Null for a form it does not read (more than one table, a `#` temporary
 * table name): PostgreSQL's ANALYZE, checked by the policy, runs those.
 *
 * @example
 * ```ts
 * // 'analyze sales (qtysold)' ->
 * // "CALL redshift_local.analyze_tables('sales'::regclass, array['qtysold'], false)"
 * ```
 */
export function rewriteAnalyze(
  c: DdlCursor,
): { readonly sql: string; readonly tag: string } | null {
  const start = c.pos
  const verbose = c.accept('VERBOSE')
  let table: string | null = null
  let columns: string[] | null = null
  if (
    c.pos < c.tokens.length &&
    !c.is(';') &&
    c.kw() !== 'PREDICATE' &&
    !(c.kw() === 'ALL' && c.kw(c.pos + 1) === 'COLUMNS')
  ) {
    const name = readRelationName(c)
    if (name.hash) {
      c.pos = start
      return null
    }
    table = [name.schema, name.name]
      .filter((part): part is string => part !== null)
      .map((part) => `pg_catalog.quote_ident(${quoteLiteral(part)})`)
      .join(` || '.' || `)
    if (c.is('(')) columns = readNameList(c)
  }
  if (!c.accept('PREDICATE', 'COLUMNS')) c.accept('ALL', 'COLUMNS')
  if (c.is(';')) c.pos++
  if (c.pos < c.tokens.length) {
    c.pos = start
    return null
  }
  const list =
    columns === null
      ? 'NULL'
      : `array[${columns.map(quoteLiteral).join(', ')}]::text[]`
  return {
    sql: `CALL redshift_local.analyze_tables(${table === null ? 'NULL' : `(${table})::regclass`}, ${list}, ${verbose})`,
    tag: 'ANALYZE',
  }
}

/**
 * `ANALYZE [VERBOSE] [table [(columns)]] PREDICATE COLUMNS | ALL COLUMNS`
 * (https://docs.aws.amazon.com/redshift/latest/dg/r_ANALYZE.html), with
 * `c.pos` after ANALYZE: PostgreSQL's ANALYZE of the same table and columns
 * (it keeps statistics for every column it is given; which ones Redshift
 * would skip changes no result). Null when there is no such clause.
 *
 * @example
 * ```ts
 * // 'analyze sales predicate columns' -> 'analyze sales'
 * ```
 */
export function rewriteAnalyzeColumns(c: DdlCursor): string | null {
  let last = c.tokens.length - 1
  if (c.is(';', last)) last--
  if (
    c.kw(last) !== 'COLUMNS' ||
    (c.kw(last - 1) !== 'PREDICATE' && c.kw(last - 1) !== 'ALL')
  ) {
    return null
  }
  c.remove(last - 1, last)
  return c.apply()
}

/**
 * `ANALYZE COMPRESSION [table [(columns)]] [COMPROWS n]`
 * (https://docs.aws.amazon.com/redshift/latest/dg/r_ANALYZE_COMPRESSION.html),
 * with `c.pos` on COMPRESSION: a query with the documented result columns
 * (Table, Column, Encoding, Est_reduction_pct), one row per column. The
 * emulator does not compress, so the encoding is the one Redshift chooses
 * by type (RAW for sort key columns, AZ64 for numbers and dates, ZSTD for
 * the rest) and the estimated reduction is 0.
 *
 * @example
 * ```ts
 * // 'analyze compression sales' -> select ... from pg_catalog.pg_table_def ...
 * ```
 */
export function rewriteAnalyzeCompression(c: DdlCursor): string {
  c.pos++
  let table: { schema: string | null; name: string } | null = null
  let columns: string[] | null = null
  if (c.pos < c.tokens.length && c.kw() !== 'COMPROWS' && !c.is(';')) {
    table = readRelationName(c)
    if (c.is('(')) columns = readNameList(c)
  }
  if (c.accept('COMPROWS')) {
    const rows = c.token()
    if (rows?.kind !== 'number') throw c.syntaxError()
    // "The accepted range for numrows is a number between 1000 and 1000000000."
    const n = Number(rows.text)
    if (!Number.isInteger(n) || n < 1000 || n > 1_000_000_000)
      throw c.error(
        `COMPROWS ${rows.text} is out of range: numrows is between 1000 and 1000000000`,
        '22023',
      )
    c.pos++
  }
  if (c.pos < c.tokens.length && !c.is(';')) throw c.syntaxError()
  const filters = [
    "n.nspname not in ('pg_catalog', 'information_schema', 'redshift_local')",
    "n.nspname !~ '^pg_toast'",
    "c.relkind in ('r', 'p')",
  ]
  if (table !== null) {
    const name =
      table.schema === null
        ? `pg_catalog.quote_ident(${quoteLiteral(table.name)})`
        : `pg_catalog.quote_ident(${quoteLiteral(table.schema)}) || '.' || pg_catalog.quote_ident(${quoteLiteral(table.name)})`
    filters.push(`c.oid = pg_catalog.to_regclass(${name})`)
    filters.push(
      `redshift_local.require_relation(pg_catalog.to_regclass(${name}), ${quoteLiteral(table.name)})`,
    )
    if (columns !== null)
      filters.push(
        `redshift_local.require_columns(pg_catalog.to_regclass(${name}), array[${columns.map(quoteLiteral).join(', ')}]::text[], ${quoteLiteral(table.name)})`,
      )
  }
  // Columns left out of a column list still get a row, "N/A" (the page's
  // second example).
  const analyzed =
    columns === null
      ? 'true'
      : `a.attname::text = any (array[${columns.map(quoteLiteral).join(', ')}])`
  return `select c.relname::text as "Table", a.attname::text as "Column",
  (case when not (${analyzed}) then 'N/A'
    -- A sort key column keeps its encoding, unanalyzed.
    when a.attname::text = any (coalesce(ta.sortkey, '{}'))
      then coalesce(ta.encodings ->> a.attname::text, 'raw')
    when a.atttypid in (21, 23, 20, 1700, 1082, 1114, 1184) then 'az64'
    when a.atttypid in (16, 700, 701) then 'raw'
    else 'zstd' end)::varchar(128) as "Encoding",
  0.00::numeric(5,2) as "Est_reduction_pct"
from pg_catalog.pg_attribute a
join pg_catalog.pg_class c on c.oid = a.attrelid
join pg_catalog.pg_namespace n on n.oid = c.relnamespace
left join redshift_local.table_attributes ta on ta.relid = c.oid
where a.attnum > 0 and not a.attisdropped and ${filters.join('\n  and ')}
order by n.nspname, c.relname, a.attnum`
}

/**
 * The PostgreSQL statement a SET of `analyze_threshold_percent` runs, so
 * that `redshift_local.analyze_tables` reads the session's value (as
 * `redshift_local.analyze_threshold_percent`, which a ROLLBACK undoes with
 * the emulator's own copy); undefined for other parameters.
 *
 * @example
 * ```ts
 * analyzeThresholdSql('analyze_threshold_percent', '0', false)
 * // "SET redshift_local.analyze_threshold_percent TO '0'"
 * ```
 */
export function analyzeThresholdSql(
  name: string,
  value: string | undefined,
  local: boolean,
): string | undefined {
  if (name !== 'analyze_threshold_percent') return undefined
  return `SET ${local ? 'LOCAL ' : ''}redshift_local.analyze_threshold_percent TO ${value === undefined ? 'DEFAULT' : quoteLiteral(value)}`
}
